"""One mandate's record (its visit requests, the visits it still owes, its communications) and the
special procedures' side: visits accepted and not yet carried out."""
from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from sp_data.coverage import (COLUMN_NEEDS, NOT_RECORDED, NOT_RECORDED_TILE, PART_NEEDS, blank, blank_years, coverage,
                              known, missing, unknown_keys)
from sp_data.params import Filters
from sp_data.plain import plain
from sp_data.profile import EVENT_WORDS, STATUS_WORDS, _span, date_text, period_text
from sp_data.queries import run
from sp_data.wording import mandate_name

# The keys `python -m sp_data mandates --json` prints, in order (issue 10).
MANDATE_JSON_COLUMNS = (
    "mandate_id", "title", "kind", "established_on", "ended_on", "pending_requests",
    "accepted_not_carried_out", "visits_in_year", "visits_5y", "communications_in_year",
    "substantive_replied_in_year", "reply_rate_percent",
)
# How a request ended up, in the order the mandate page lists them.
OUTCOMES = {
    "requested": "Pending", "reminder": "Pending", "acknowledged": "Pending",
    "invited": "Accepted, not yet carried out", "accepted": "Accepted, not yet carried out",
    "dates_proposed": "Accepted, not yet carried out", "postponed": "Accepted, not yet carried out",
    "completed": "Visit carried out", "declined": "Declined", "cancelled": "Cancelled", "withdrawn": "Withdrawn",
}
MEASURE_WORDS = {"request_to_acceptance": "Request to acceptance", "acceptance_to_visit": "Acceptance to visit"}
FROM_YEAR = 2011  # communications per year are drawn from here (the demonstration's first full year)


class UnknownMandate(LookupError):
    """An id that names no mandate of the snapshot."""


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(months, 0)


def age_text(start: dt.date | None, end: dt.date) -> str | None:
    """The time from start to end in words: '1 year 8 months', '3 months', 'under a month'."""
    if start is None:
        return None
    months = months_between(start, end)
    years, months = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{months} month{'s' if months != 1 else ''}"] if months else [])
    return " ".join(parts) if parts else "under a month"


def ended_label(row: dict) -> str:
    """A mandate's title for a picker: 'Independent Expert on Haiti (ended 2017)'."""
    ended = row.get("ended_on")
    return f"{row['title']} (ended {ended.year})" if ended else row["title"]


def mandate_table(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per mandate of the snapshot, ended ones included (queries/mandate_summary.sql); a figure
    the snapshot does not record (sp_data.coverage.COLUMN_NEEDS) is null, never 0."""
    frame = run(con, "mandate_summary", as_at=filters.as_at, regions=list(filters.regions))
    return blank(frame, unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))


def mandate_choices(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """The mandates a profile can be shown for: {options: ids by title (mandates in force first, then
    ended ones), names: id -> title with '(ended 2019)' for an ended mandate, default: the first}."""
    frame = mandate_table(con, filters).sort(pl.col("in_force").not_(), "title")
    options = frame["mandate_id"].to_list()
    names = {r["mandate_id"]: ended_label(r) if not r["in_force"] else r["title"]
             for r in frame.select("mandate_id", "title", "ended_on", "in_force").iter_rows(named=True)}
    # A mandate not yet established at the as-at date is marked too (a picker lists all of them).
    for r in frame.filter(pl.col("established_on") > filters.as_at).iter_rows(named=True):
        names[r["mandate_id"]] = f"{r['title']} (established {r['established_on'].year})"
    return {"options": options, "names": names, "default": options[0] if options else None}


def _with_words(frame: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Status in words and the ages of a thread ('1 year 8 months') added to a frame of threads."""
    return frame.with_columns(
        pl.col("status").replace_strict(STATUS_WORDS, default=pl.col("status")).alias("status_label"),
        pl.Series("accepted_ago", [age_text(d, as_at) for d in frame["accepted_on"]]
                  if "accepted_on" in frame.columns else [None] * frame.height, dtype=pl.String))


def accepted_not_carried_out(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """The special procedures' side, as at filters.as_at: visits accepted and not yet carried out.

    Keys: threads (queries/accepted_not_carried_out_list.sql plus status_label and accepted_ago, oldest
    acceptance first), count, oldest_accepted_on, longest_wait ('1 year 8 months' or None), by_mandate (mandate_id, mandate_title, mandate_short, visits,
    oldest_accepted_on), by_state (host, iso3, regional_group, visits, oldest_accepted_on), definition,
    not_recorded: what the snapshot lacks, in words, when it holds no visit records for the period (count
    and oldest_accepted_on are then None, never 0), else None.
    """
    cov = coverage(con)
    threads = _with_words(run(con, "accepted_not_carried_out_list", as_at=filters.as_at,
                              regions=list(filters.regions)), filters.as_at)
    if not known(cov, COLUMN_NEEDS["accepted_not_carried_out"], filters.as_at):
        threads = threads.clear()
    agg = [pl.len().alias("visits"), pl.col("accepted_on").min().alias("oldest_accepted_on")]
    by_mandate = (threads.group_by("mandate_id", "mandate_title").agg(agg)
                  .sort(["visits", "mandate_title"], descending=[True, False]))
    by_mandate = by_mandate.with_columns(pl.Series("mandate_short", [mandate_name(m, t) for m, t in by_mandate.select(
        "mandate_id", "mandate_title").iter_rows()], dtype=pl.String))
    by_state = (threads.group_by("host", "iso3", "regional_group").agg(agg)
                .sort(["visits", "host"], descending=[True, False]))
    oldest = threads["accepted_on"].min() if threads.height else None
    gap = missing(cov, ("visits",), "history", filters.as_at)
    return {"threads": threads, "count": None if gap else threads.height, "oldest_accepted_on": oldest,
            "longest_wait": age_text(oldest, filters.as_at),
            "by_mandate": by_mandate, "by_state": by_state, "definition": plain("accepted_not_carried_out"),
            "not_recorded": gap}


def awaiting_text(threads: pl.DataFrame, as_at: dt.date) -> str:
    """'Awaiting the special procedures: 2 accepted visits, the oldest accepted in March 2022.'"""
    n = threads.height
    if n == 0:
        return f"Awaiting the special procedures: no accepted visit is waiting to be carried out as at {date_text(as_at)}."
    oldest = threads["accepted_on"].min()
    when = f"accepted in {oldest:%B %Y}" if oldest else "postponed before any acceptance was recorded"
    if n == 1:
        return f"Awaiting the special procedures: 1 accepted visit, {when}."
    return f"Awaiting the special procedures: {n} accepted visits, the oldest {when}."


def state_awaiting(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str) -> dict:
    """The visits one State accepted that the special procedures have not yet carried out (whatever
    the group filter, as for the rest of a State's profile): {threads, text}."""
    threads = _with_words(run(con, "accepted_not_carried_out_list", as_at=filters.as_at, regions=[]),
                          filters.as_at).filter((pl.col("host_kind") == "state") & (pl.col("iso3") == iso3))
    if not known(coverage(con), COLUMN_NEEDS["accepted_not_carried_out"], filters.as_at):
        return {"threads": threads.clear(), "text": f"Awaiting the special procedures: {NOT_RECORDED}."}
    return {"threads": threads, "text": awaiting_text(threads, filters.as_at)}


def _percent(x: float | None) -> str:
    return "–" if x is None else f"{x:.0f} %"


def summary(f: dict, threads: pl.DataFrame, as_at: dt.date) -> str:
    """The plain-language summary of a mandate's record, e.g. "14 pending requests, the oldest to
    India from 2016; 3 visits accepted and not yet carried out, the oldest accepted 1 year 8 months
    ago; 2 visits carried out in 2023; sent or joined 61 communications in 2023, 38 % with a
    substantive reply."
    """
    period = period_text(as_at)
    parts = []
    if f["ended_on"] and f["ended_on"] <= as_at:
        parts.append(f"the mandate ended on {date_text(f['ended_on'])}")
    elif f["established_on"] > as_at:
        parts.append(f"the mandate was established on {date_text(f['established_on'])}, after the as-at date")
    pending = threads.filter(pl.col("pending")).sort("first_request_on", "visit_id")
    n = pending.height
    if f["pending_requests"] is None:
        parts.append(f"pending requests {NOT_RECORDED}")
    elif n == 0:
        parts.append("no pending request")
    else:
        first = pending.row(0, named=True)
        where = f"to {first['host']} from {first['first_request_on'].year}"
        parts.append(f"1 pending request, {where}" if n == 1 else f"{n:,} pending requests, the oldest {where}")
    accepted = threads.filter(pl.col("accepted_not_carried_out")).sort("last_accepted_on", nulls_last=True)
    k = accepted.height
    if f["accepted_not_carried_out"] is None:
        parts.append(f"visits accepted and not yet carried out {NOT_RECORDED}")
    elif k == 0:
        parts.append("no accepted visit waiting to be carried out")
    else:
        ago = age_text(accepted["last_accepted_on"][0], as_at)
        when = f"accepted {ago} ago" if ago and ago != "under a month" else "accepted under a month ago"
        parts.append(f"1 visit accepted and not yet carried out, {when}" if k == 1
                     else f"{k} visits accepted and not yet carried out, the oldest {when}")
    visits = f["visits_in_year"]
    if visits is None:
        parts.append(f"visits carried out in {period} {NOT_RECORDED}")
    else:
        parts.append(f"{'no' if visits == 0 else f'{visits:,}'} visit{'s' if visits > 1 else ''} carried out in "
                     f"{period}" + (f" ({f['visits_5y']:,} in {as_at.year - 4}–{as_at.year})" if f["visits_5y"] else ""))
    sent = f["communications_in_year"]
    if sent is None:
        parts.append(f"communications in {period} {NOT_RECORDED}")
    elif sent == 0:
        parts.append(f"sent or joined no communication in {period}")
    elif f["substantive_replied_in_year"] is None:
        parts.append(f"sent or joined {sent:,} communication{'s' if sent != 1 else ''} in {period}; their replies "
                     f"{NOT_RECORDED}")
    else:
        parts.append(f"sent or joined {sent:,} communication{'s' if sent != 1 else ''} in {period}, "
                     f"{_percent(f['reply_rate_percent'])} with a substantive reply")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def _requests_by_state(threads: pl.DataFrame) -> pl.DataFrame:
    """Per host: the mandate's requests and what became of them (one column per outcome)."""
    outcome = pl.col("status").replace_strict(OUTCOMES, default="Other")
    counted = threads.with_columns(outcome.alias("outcome"))
    return (counted.group_by("host", "iso3", "regional_group").agg(
        pl.len().alias("requests"),
        (pl.col("outcome") == "Pending").sum().alias("pending"),
        (pl.col("outcome") == "Accepted, not yet carried out").sum().alias("accepted_not_carried_out"),
        (pl.col("outcome") == "Visit carried out").sum().alias("visits"),
        (pl.col("outcome") == "Declined").sum().alias("declined"),
        pl.col("status").is_in(["cancelled", "withdrawn"]).sum().alias("withdrawn_or_cancelled"),
        pl.col("first_request_on").min().alias("first_request_on"),
        pl.col("visit_start").max().alias("last_visit_on"),
    ).with_columns(pl.col("last_visit_on").map_elements(date_text, return_dtype=pl.String).fill_null("Never")
                   .alias("last_visit_text")).sort(["pending", "accepted_not_carried_out", "requests", "host"], descending=[True, True, True, False]))


def _thread_labels(threads: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """A row label per thread (its host and the year it began, made unique) and its dates in words."""
    labels, seen = [], {}
    for host, first in threads.select("host", "first_event_on").iter_rows():
        label = f"{host} · {first.year}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return threads.with_columns(
        pl.Series("thread_label", labels, dtype=pl.String),
        pl.col("status").replace_strict(STATUS_WORDS, default=pl.col("status")).alias("status_label"),
        pl.col("status").replace_strict(OUTCOMES, default="Other").alias("outcome"),
        pl.Series("visit_dates", [_span(a, b) for a, b in threads.select("visit_start", "visit_end").iter_rows()],
                  dtype=pl.String),
        pl.Series("pending_age", [age_text(d, as_at) if p else None for d, p in
                                  threads.select("first_request_on", "pending").iter_rows()], dtype=pl.String),
        pl.Series("accepted_ago", [age_text(d, as_at) if a else None for d, a in
                                   threads.select("last_accepted_on", "accepted_not_carried_out").iter_rows()],
                  dtype=pl.String))


def duration_text(days: float | None) -> str:
    """A median or quartile in days, in words: '1 year 7 months' (about 30.44 days a month)."""
    if days is None:
        return "–"
    months = int(round(days / 30.44))
    if months == 0:
        return f"{int(round(days))} days"
    years, months = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{months} month{'s' if months != 1 else ''}"] if months else [])
    return " ".join(parts)


def _durations(con, filters: Filters, mandate_id: str) -> pl.DataFrame:
    frame = run(con, "mandate_durations", as_at=filters.as_at, mandate=mandate_id, regions=list(filters.regions))
    return frame.with_columns(
        pl.col("measure").replace_strict(MEASURE_WORDS).alias("measure_label"),
        pl.col("scope").replace_strict({"mandate": "This mandate", "kind": f"All {frame['kind'][0]} mandates"}
                                       if frame.height else {}, default=None).alias("scope_label"),
        pl.Series("median_text", [duration_text(x) for x in frame["median_days"]], dtype=pl.String),
        pl.Series("spread_text", [f"{duration_text(a)} to {duration_text(b)}" if a is not None else "–"
                                  for a, b in frame.select("q1_days", "q3_days").iter_rows()], dtype=pl.String))


def mandate_profile(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str) -> dict:
    """Everything the mandate page and its briefing show, as at filters.as_at. Raises UnknownMandate.

    Keys: mandate_id, title, kind, country_iso3, country_name, established_on, ended_on, in_force,
    status_text ("Thematic mandate, established 5 March 1991"), as_at, period, window_start,
    figures (the mandate_summary row), summary, key_figures [{label, display, definition}],
    threads (queries/mandate_threads.sql plus thread_label, status_label, outcome, visit_dates,
    pending_age, accepted_ago), events (queries/mandate_events.sql plus thread_label, event_label and
    host, for the timeline), pending, accepted, visits (subsets of threads), requests_by_state,
    visits_by_year (year, visits), durations (queries/mandate_durations.sql plus measure_label,
    scope_label, median_text, spread_text), communications (queries/mandate_communications_by_year.sql),
    communications_by_state (queries/mandate_communications_by_state.sql), country_access (the
    queries/country_mandate_access.sql row of a country mandate in force), country_threads (its
    threads to the State it concerns), notes {durations, threads, pending, accepted, visits,
    communications, country}: why a part is empty, else None; visits_not_recorded: what the snapshot
    lacks (and how to import it) when it holds no visit records for the period, else None.
    """
    as_at = filters.as_at
    table = mandate_table(con, filters).filter(pl.col("mandate_id") == mandate_id)
    if table.height == 0:
        raise UnknownMandate(f"no mandate with the id {mandate_id!r} in this snapshot")
    f = table.row(0, named=True)
    regions = list(filters.regions)
    cov = coverage(con)
    unknown_parts = unknown_keys(cov, PART_NEEDS, as_at)
    threads = _thread_labels(run(con, "mandate_threads", as_at=as_at, mandate=mandate_id, regions=regions), as_at)
    if "threads" in unknown_parts:
        threads = threads.clear()
    events = run(con, "mandate_events", as_at=as_at, mandate=mandate_id, regions=regions).join(
        threads.select("visit_id", "thread_label", pl.col("host").alias("mandate_title")), on="visit_id",
        how="left").with_columns(pl.col("event").replace_strict(EVENT_WORDS, default=pl.col("event")).alias("event_label"))
    comms = run(con, "mandate_communications_by_year", as_at=as_at, mandate=mandate_id, regions=regions,
                from_year=min(max(FROM_YEAR, f["established_on"].year), as_at.year))
    # Only the years whose communications the snapshot records: an unrecorded year is no bar of 0.
    comms = blank_years(comms, cov).filter(pl.col("communications").is_not_null())
    by_state = blank(run(con, "mandate_communications_by_state", as_at=as_at, mandate=mandate_id, regions=regions),
                     unknown_keys(cov, COLUMN_NEEDS, as_at))
    visits = threads.filter(pl.col("visit_start").is_not_null()).sort("visit_start", descending=True)
    counted = visits.group_by(pl.col("visit_start").dt.year().alias("year")).agg(pl.len().alias("visits"))
    # Every year from the first visit to d's, so that a year without a visit shows as 0, not as a gap.
    first = counted["year"].min() if counted.height else as_at.year
    visits_by_year = pl.DataFrame({"year": list(range(first, as_at.year + 1))}, schema={"year": pl.Int32}).join(
        counted, on="year", how="left").with_columns(pl.col("visits").fill_null(0))
    access = country_threads = None
    if f["kind"] == "country":
        access_rows = run(con, "country_mandate_access", as_at=as_at, regions=[]).filter(
            pl.col("mandate_id") == mandate_id)
        access = access_rows.row(0, named=True) if access_rows.height and "threads" not in unknown_parts else None
        host = "ISR" if f["country_iso3"] == "PSE" else f["country_iso3"]
        country_threads = threads.filter(pl.col("iso3") == host)
    period, on = period_text(as_at), date_text(as_at)
    title = f["title"]
    kind_word = "Thematic" if f["kind"] == "thematic" else "Country"
    status = f"{kind_word} mandate, established on {date_text(f['established_on'])}"
    if f["ended_on"]:
        status += f"; ended on {date_text(f['ended_on'])}" if f["ended_on"] <= as_at else \
            f"; ends on {date_text(f['ended_on'])}"
    if f["kind"] == "country" and f["country_name"]:
        status += f" · concerns {f['country_name']}"
    pending = threads.filter(pl.col("pending")).sort("first_request_on", "visit_id")
    accepted = threads.filter(pl.col("accepted_not_carried_out")).sort("last_accepted_on", nulls_last=True).with_columns(
        pl.col("last_accepted_on").alias("accepted_on"), pl.lit(mandate_id).alias("mandate_id"),
        pl.lit(f["title"]).alias("mandate_title"))
    rate = f["reply_rate_percent"]

    def shown(value) -> str:
        return NOT_RECORDED_TILE if value is None else f"{value:,}"
    # A reply rate is "–" when no letter was sent, and not recorded when the replies are not.
    rate_text = (NOT_RECORDED_TILE if f["substantive_replied_in_year"] is None and f["communications_in_year"] != 0
                 else "–" if rate is None else f"{rate:.2f} %")
    key_figures = [
        {"label": "Pending requests", "display": shown(f["pending_requests"]), "definition": plain("pending")},
        {"label": "Accepted, not yet carried out", "display": shown(f["accepted_not_carried_out"]),
         "definition": plain("accepted_not_carried_out")},
        {"label": f"Visits carried out, {period}", "display": shown(f["visits_in_year"]),
         "definition": plain("visit_in_year", "per_mandate")},
        {"label": f"Visits, {as_at.year - 4}–{as_at.year}", "display": shown(f["visits_5y"]),
         "definition": plain("window", "per_mandate")},
        {"label": f"Communications sent or joined, {period}", "display": shown(f["communications_in_year"]),
         "definition": plain("communications", "per_mandate")},
        {"label": f"Substantive reply rate, {period}", "display": rate_text,
         "definition": plain("reply_rate", "per_mandate")},
    ]
    dur = _durations(con, filters, mandate_id)
    mine = dur.filter(pl.col("scope") == "mandate")["threads"].sum()
    gap = missing(cov, ("visits",), "history", as_at) if "threads" in unknown_parts else None
    if gap:
        dur = dur.clear()
    notes = {
        "durations": None if mine else (
            f"None of this mandate's visit requests had been accepted by {on}: only the times of all "
            f"{f['kind']} mandates are shown."),
        "threads": None if threads.height else f"{title} had made no visit request by {on}"
        + (" to a State of the selected groups." if regions else "."),
        "pending": None if pending.height else (
            f"No pending request as at {on}: no request of this mandate to a State is awaiting an answer "
            f"(requested, reminder sent or acknowledged) with a request or reminder dated since "
            f"{date_text(filters.window_start)}."),
        "accepted": None if accepted.height else f"No visit accepted and waiting to be carried out as at {on}.",
        "visits": None if visits.height else f"No visit carried out by {on}.",
        "communications": None if comms["communications"].sum() else (
            f"The mandate sent or joined no communication from {comms['year'].min()} to {period}."
            if comms.height else f"The mandate sent or joined no communication in {period}."),
        "country": None if f["kind"] != "country" or access is not None else (
            f"Access over the five-year window is shown for country mandates in force on {on}."),
    }
    if "communications" in unknown_parts:
        notes["communications"] = missing(cov, ("communications",), "year", as_at)
    if gap:
        # Without visit records every visit part is unknown: said once, never an empty list or a 0.
        notes.update({key: f"{words}: {NOT_RECORDED} (see Visit requests above)." for key, words in (
            ("pending", "Pending requests"), ("accepted", "Visits accepted and not yet carried out"),
            ("visits", "Visits carried out"), ("durations", "How long things take"))})
        notes["threads"] = gap
        if f["kind"] == "country":
            notes["country"] = f"Access to the State it concerns: {NOT_RECORDED}."
    return {
        "mandate_id": mandate_id, "title": title, "kind": f["kind"], "country_iso3": f["country_iso3"],
        "country_name": f["country_name"], "established_on": f["established_on"], "ended_on": f["ended_on"],
        "in_force": f["in_force"], "status_text": status, "as_at": as_at, "period": period,
        "window_start": filters.window_start, "figures": f, "summary": summary(f, threads, as_at),
        "key_figures": key_figures, "threads": threads, "events": events, "pending": pending,
        "accepted": accepted, "visits": visits, "requests_by_state": _requests_by_state(threads),
        "visits_by_year": visits_by_year, "durations": dur,
        "communications": comms, "communications_by_state": by_state,
        "country_access": access, "country_threads": country_threads, "notes": notes,
        "visits_not_recorded": gap,
    }
