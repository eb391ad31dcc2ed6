"""One mandate's record: its visit requests, the visits it still owes, its communications (the special procedures'
side across all mandates is sp_data.awaiting)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb
import polars as pl

# The special procedures' side, imported from here by callers written before it had its own module.
from sp_data.awaiting import AcceptedNotCarriedOut as AcceptedNotCarriedOut
from sp_data.awaiting import StateAwaiting as StateAwaiting
from sp_data.awaiting import accepted_not_carried_out as accepted_not_carried_out
from sp_data.awaiting import age_text, local_hosts
from sp_data.awaiting import state_awaiting as state_awaiting
from sp_data.coverage import (COLUMN_NEEDS, NOT_RECORDED, NOT_RECORDED_TILE, PART_NEEDS, Coverage, blank, blank_years,
                              coverage, missing, unknown_keys)
from sp_data.mandate_types import (CountryAccess, MandateChoices, MandateFigures, MandateKeyFigure, MandateNotes,
                                   MandateProfile)
from sp_data.errors import UnknownMandate as UnknownMandate  # raised here; kept importable from here
from sp_data.i18n import ENGLISH, N_, _, current, n_, number, p_, percent_text
from sp_data.local_names import localize, mandate_title, state_name
from sp_data.params import Filters
from sp_data.plain import plain
from sp_data.profile import (ACCESS_WORDS, EVENT_WORDS, STATUS_WORDS, _clauses, _span, date_text, period_text, sort_key,
                             words)
from sp_data.queries import run
from sp_data.rows import typed_row
from sp_data.wording import group_abbreviation

# The keys `python -m sp_data mandates --json` prints, in order (issue 10).
MANDATE_JSON_COLUMNS = (
    "mandate_id", "title", "kind", "established_on", "ended_on", "pending_requests",
    "accepted_not_carried_out", "visits_in_year", "visits_5y", "communications_in_year",
    "substantive_replied_in_year", "reply_rate_percent",
)
# How a request ended up, in the order the mandate page lists them (codes of the outcome column, not shown as such).
OUTCOMES = {
    "requested": "Pending", "reminder": "Pending", "acknowledged": "Pending",
    "invited": "Accepted, not yet carried out", "accepted": "Accepted, not yet carried out",
    "dates_proposed": "Accepted, not yet carried out", "postponed": "Accepted, not yet carried out",
    "completed": "Visit carried out", "declined": "Declined", "cancelled": "Cancelled", "withdrawn": "Withdrawn",
}
MEASURE_WORDS = {"request_to_acceptance": N_("Request to acceptance"), "acceptance_to_visit": N_("Acceptance to visit")}
FROM_YEAR = 2011  # communications per year are drawn from here (the demonstration's first full year)


def ended_label(row: dict) -> str:
    """A mandate's title for a picker: 'Independent Expert on Haiti (ended 2017)'."""
    ended = row.get("ended_on")
    return _("{title} (ended {year})").format(title=row["title"], year=ended.year) if ended else row["title"]


def mandate_table(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per mandate of the snapshot, ended ones included (queries/mandate_summary.sql); a figure
    the snapshot does not record (sp_data.coverage.COLUMN_NEEDS) is null, never 0."""
    frame = run(con, "mandate_summary", as_at=filters.as_at, regions=list(filters.regions))
    return blank(frame, unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))


def mandate_choices(con: duckdb.DuckDBPyConnection, filters: Filters) -> MandateChoices:
    """The mandates a profile can be shown for, by title, with the page's default mandate."""
    frame = localize(run(con, "mandate_choices", as_at=filters.as_at))
    if current() == ENGLISH:
        frame = frame.sort(pl.col("in_force").not_(), "title")
    else:  # the titles in the reader's language, in its alphabetical order
        frame = frame.with_columns(pl.col("title").map_elements(sort_key, return_dtype=pl.String).alias("_key")).sort(
            pl.col("in_force").not_(), "_key").drop("_key")
    options = frame["mandate_id"].to_list()
    names = {r["mandate_id"]: ended_label(r) if not r["in_force"] else r["title"]
             for r in frame.select("mandate_id", "title", "ended_on", "in_force").iter_rows(named=True)}
    # A mandate not yet established at the as-at date is marked too (a picker lists all of them).
    for r in frame.filter(pl.col("established_on") > filters.as_at).iter_rows(named=True):
        names[r["mandate_id"]] = _("{title} (established {year})").format(title=r["title"],
                                                                          year=r["established_on"].year)
    return MandateChoices(options, names, options[0] if options else None)


def _percent(x: float | None) -> str:
    return "–" if x is None else percent_text(x, 0)


def summary(f: MandateFigures, threads: pl.DataFrame, filters: Filters) -> str:
    """The plain-language summary of a mandate's record, e.g. "14 pending requests, the oldest to
    India from 2016; 3 visits accepted and not yet carried out, the oldest accepted 1 year 8 months
    ago; 2 visits carried out in 2023; sent or joined 61 communications in 2023, 38 % with a
    substantive reply."
    """
    as_at, period = filters.as_at, period_text(filters.as_at)
    parts = []
    if f.ended_on and f.ended_on <= as_at:
        parts.append(_("the mandate ended on {date}").format(date=date_text(f.ended_on)))
    elif f.established_on > as_at:
        parts.append(_("the mandate was established on {date}, after the as-at date").format(
            date=date_text(f.established_on)))
    parts += [_pending_part(f, threads), _accepted_part(f, threads, as_at),
              _visits_part(f, period, f"{filters.window_start.year}–{filters.year}"),
              _communications_part(f, period)]
    text = _clauses(parts) + "."
    return text[0].upper() + text[1:]


def _pending_part(f: MandateFigures, threads: pl.DataFrame) -> str:
    pending = threads.filter(pl.col("pending")).sort("first_request_on", "visit_id")
    n = pending.height
    if f.pending_requests is None:
        return _("pending requests {not_recorded}").format(not_recorded=_(NOT_RECORDED))
    if n == 0:
        return _("no pending request")
    first = pending.row(0, named=True)
    return n_("{n} pending request, to {host} from {year}", "{n} pending requests, the oldest to {host} from {year}",
              n).format(n=number(n), host=first["host"], year=first["first_request_on"].year)


def _accepted_part(f: MandateFigures, threads: pl.DataFrame, as_at: dt.date) -> str:
    accepted = threads.filter(pl.col("accepted_not_carried_out")).sort("last_accepted_on", nulls_last=True)
    k = accepted.height
    if f.accepted_not_carried_out is None:
        return _("visits accepted and not yet carried out {not_recorded}").format(not_recorded=_(NOT_RECORDED))
    if k == 0:
        return _("no accepted visit waiting to be carried out")
    start = accepted["last_accepted_on"][0]
    if start is None or not age_text(start, as_at) or age_text(start, as_at) == _("under a month"):
        return n_("{n} visit accepted and not yet carried out, accepted under a month ago",
                  "{n} visits accepted and not yet carried out, the oldest accepted under a month ago", k).format(
            n=number(k))
    return n_("{n} visit accepted and not yet carried out, accepted {time} ago",
              "{n} visits accepted and not yet carried out, the oldest accepted {time} ago", k).format(
        n=number(k), time=age_text(start, as_at))


def _visits_part(f: MandateFigures, period: str, window: str) -> str:
    visits = f.visits_in_year
    if visits is None:
        return _("visits carried out in {period} {not_recorded}").format(period=period, not_recorded=_(NOT_RECORDED))
    text = _("no visit carried out in {period}").format(period=period) if visits == 0 else n_(
        "{n} visit carried out in {period}", "{n} visits carried out in {period}", visits).format(
        n=number(visits), period=period)
    return text + (_(" ({n} in {window})").format(n=number(f.visits_5y), window=window) if f.visits_5y else "")


def _communications_part(f: MandateFigures, period: str) -> str:
    sent = f.communications_in_year
    if sent is None:
        return _("communications in {period} {not_recorded}").format(period=period, not_recorded=_(NOT_RECORDED))
    if sent == 0:
        return _("sent or joined no communication in {period}").format(period=period)
    if f.substantive_replied_in_year is None:
        return n_("sent or joined {n} communication in {period}; their replies {not_recorded}",
                  "sent or joined {n} communications in {period}; their replies {not_recorded}", sent).format(
            n=number(sent), period=period, not_recorded=_(NOT_RECORDED))
    return n_("sent or joined {n} communication in {period}, {rate} with a substantive reply",
              "sent or joined {n} communications in {period}, {rate} with a substantive reply", sent).format(
        n=number(sent), period=period, rate=_percent(f.reply_rate_percent))


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
    ).pipe(_last_visit_text).sort(["pending", "accepted_not_carried_out", "requests", "host"], descending=[True, True, True, False]))


def _last_visit_text(frame: pl.DataFrame) -> pl.DataFrame:
    # In Python, not polars' map_elements: its worker threads would not know the reader's language.
    never = p_("never visited", "Never")
    return frame.with_columns(pl.Series("last_visit_text", [date_text(d) if d else never for d in frame["last_visit_on"]],
                                        dtype=pl.String))


def _thread_labels(threads: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """A row label per thread (its host and the year it began, made unique) and its dates in words."""
    labels: list[str] = []
    seen: dict[str, int] = {}
    for host, first in threads.select("host", "first_event_on").iter_rows():
        label = f"{host} · {first.year}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return threads.with_columns(
        pl.Series("thread_label", labels, dtype=pl.String),
        pl.col("status").replace_strict(words(STATUS_WORDS), default=pl.col("status")).alias("status_label"),
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
        return n_("{n} day", "{n} days", int(round(days))).format(n=number(int(round(days))))
    years, months = divmod(months, 12)
    parts = ([n_("{n} year", "{n} years", years).format(n=years)] if years else []) + (
        [n_("{n} month", "{n} months", months).format(n=months)] if months else [])
    return " ".join(parts)


def _durations(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str) -> pl.DataFrame:
    frame = run(con, "mandate_durations", as_at=filters.as_at, mandate=mandate_id, regions=list(filters.regions))
    return frame.with_columns(
        pl.col("measure").replace_strict(words(MEASURE_WORDS)).alias("measure_label"),
        pl.col("scope").replace_strict({"mandate": _("This mandate"), "kind": all_of_kind(frame["kind"][0])}
                                       if frame.height else {}, default=None).alias("scope_label"),
        pl.Series("median_text", [duration_text(x) for x in frame["median_days"]], dtype=pl.String),
        pl.Series("spread_text", [_("{low} to {high}").format(low=duration_text(a), high=duration_text(b))
                                  if a is not None else "–"
                                  for a, b in frame.select("q1_days", "q3_days").iter_rows()], dtype=pl.String))


def _group_words(frame: pl.DataFrame) -> pl.DataFrame:
    """A table's regional groups by their abbreviation as the reader's language writes it (the same codes in English)."""
    if "regional_group" not in frame.columns or frame.height == 0:
        return frame
    return frame.with_columns(pl.Series("regional_group", [group_abbreviation(g) if g else g
                                                           for g in frame["regional_group"]], dtype=pl.String))


def all_of_kind(kind: str) -> str:
    """'All thematic mandates', 'All country mandates', in the reader's language."""
    return {"thematic": _("All thematic mandates"), "country": _("All country mandates")}.get(
        kind, _("All {kind} mandates").format(kind=kind))


def _figures(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str) -> MandateFigures:
    """The mandate's row of mandate_table, or UnknownMandate."""
    table = mandate_table(con, filters).filter(pl.col("mandate_id") == mandate_id)
    if table.height == 0:
        raise UnknownMandate(f"no mandate with the id {mandate_id!r} in this snapshot")
    return typed_row(MandateFigures, table.row(0, named=True))


def _events(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str, threads: pl.DataFrame) -> pl.DataFrame:
    """queries/mandate_events.sql with each event's thread label, its host (as the timeline's who) and the event
    in words."""
    return run(con, "mandate_events", as_at=filters.as_at, mandate=mandate_id, regions=list(filters.regions)).join(
        threads.select("visit_id", "thread_label", pl.col("host").alias("mandate_title")), on="visit_id",
        how="left").with_columns(pl.col("event").replace_strict(words(EVENT_WORDS), default=pl.col("event"))
                                 .alias("event_label"))


def _communications(con: duckdb.DuckDBPyConnection, filters: Filters, f: MandateFigures,
                    cov: dict[str, Coverage]) -> pl.DataFrame:
    """The mandate's communications per year from FROM_YEAR (or its establishment), the years the snapshot records."""
    comms = run(con, "mandate_communications_by_year", as_at=filters.as_at, mandate=f.mandate_id,
                regions=list(filters.regions), from_year=min(max(FROM_YEAR, f.established_on.year), filters.year))
    # Only the years whose communications the snapshot records: an unrecorded year is no bar of 0.
    return blank_years(comms, cov).filter(pl.col("communications").is_not_null())


def _visits_by_year(visits: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Visits carried out per year, every year from the first visit to as_at's, so that a year without a
    visit shows as 0, not as a gap."""
    counted = visits.group_by(pl.col("visit_start").dt.year().alias("year")).agg(pl.len().alias("visits"))
    first = min(counted["year"].to_list(), default=as_at.year)
    return pl.DataFrame({"year": list(range(first, as_at.year + 1))}, schema={"year": pl.Int32}).join(
        counted, on="year", how="left").with_columns(pl.col("visits").fill_null(0))


def _country(con: duckdb.DuckDBPyConnection, f: MandateFigures, threads: pl.DataFrame, as_at: dt.date,
             unknown_parts: set[str]) -> tuple[CountryAccess | None, pl.DataFrame | None]:
    """A country mandate's access to the State it concerns and its threads there (None, None for a thematic one)."""
    if f.kind != "country":
        return None, None
    rows = localize(run(con, "country_mandate_access", as_at=as_at, regions=[]).filter(
        pl.col("mandate_id") == f.mandate_id)).with_columns(
        pl.col("access").replace_strict(words(ACCESS_WORDS), default=pl.col("access")))
    access = typed_row(CountryAccess, rows.row(0, named=True)) if rows.height and "threads" not in unknown_parts \
        else None
    host = "ISR" if f.country_iso3 == "PSE" else f.country_iso3
    return access, threads.filter(pl.col("iso3") == host)


def status_text(f: MandateFigures, as_at: dt.date) -> str:
    """'Thematic mandate, established on 5 March 1991', with when it ended and the State it concerns."""
    status = (_("Thematic mandate, established on {date}") if f.kind == "thematic"
              else _("Country mandate, established on {date}")).format(date=date_text(f.established_on))
    if f.ended_on:
        status += (_("; ended on {date}") if f.ended_on <= as_at else _("; ends on {date}")).format(
            date=date_text(f.ended_on))
    if f.kind == "country" and f.country_name:
        status += " · " + _("concerns {state}").format(state=f.country_name)
    return status


def _shown(value: int | None) -> str:
    return _(NOT_RECORDED_TILE) if value is None else number(value)


def key_figures(f: MandateFigures, filters: Filters) -> tuple[MandateKeyFigure, ...]:
    """The mandate's headline figures, in words."""
    period, rate = period_text(filters.as_at), f.reply_rate_percent
    # A reply rate is "–" when no letter was sent, and not recorded when the replies are not.
    rate_text = (_(NOT_RECORDED_TILE) if f.substantive_replied_in_year is None and f.communications_in_year != 0
                 else "–" if rate is None else percent_text(rate))
    return (
        MandateKeyFigure(_("Pending requests"), _shown(f.pending_requests), plain("pending")),
        MandateKeyFigure(_("Accepted, not yet carried out"), _shown(f.accepted_not_carried_out),
                         plain("accepted_not_carried_out")),
        MandateKeyFigure(_("Visits carried out, {period}").format(period=period), _shown(f.visits_in_year),
                         plain("visit_in_year", "per_mandate")),
        MandateKeyFigure(_("Visits, {years}").format(years=f"{filters.window_start.year}–{filters.year}"),
                         _shown(f.visits_5y), plain("window", "per_mandate")),
        MandateKeyFigure(_("Communications sent or joined, {period}").format(period=period),
                         _shown(f.communications_in_year), plain("communications", "per_mandate")),
        MandateKeyFigure(_("Substantive reply rate, {period}").format(period=period), rate_text,
                         plain("reply_rate", "per_mandate")),
    )


@dataclass(frozen=True)
class _Parts:
    """The frames a mandate's notes are read from."""

    threads: pl.DataFrame
    pending: pl.DataFrame
    accepted: pl.DataFrame
    visits: pl.DataFrame
    comms: pl.DataFrame
    durations: pl.DataFrame


def _notes(f: MandateFigures, parts: _Parts, access: CountryAccess | None, filters: Filters) -> MandateNotes:
    """Why each part of the mandate's profile is empty, in words (None when it is not), as the records say."""
    on, period, comms = date_text(filters.as_at), period_text(filters.as_at), parts.comms
    return MandateNotes(
        durations=None if parts.durations.filter(pl.col("scope") == "mandate")["threads"].sum() else (
            (_("None of this mandate's visit requests had been accepted by {date}: only the times of all thematic "
               "mandates are shown.") if f.kind == "thematic" else
             _("None of this mandate's visit requests had been accepted by {date}: only the times of all country "
               "mandates are shown.")).format(date=on)),
        threads=None if parts.threads.height else (
            _("{title} had made no visit request by {date} to a State of the selected groups.") if filters.regions
            else _("{title} had made no visit request by {date}.")).format(title=f.title, date=on),
        pending=None if parts.pending.height else _(
            "No pending request as at {date}: no request of this mandate to a State is awaiting an answer "
            "(requested, reminder sent or acknowledged) with a request or reminder dated since {since}.").format(
            date=on, since=date_text(filters.window_start)),
        accepted=None if parts.accepted.height else _(
            "No visit accepted and waiting to be carried out as at {date}.").format(date=on),
        visits=None if parts.visits.height else _("No visit carried out by {date}.").format(date=on),
        communications=None if comms["communications"].sum() else (
            _("The mandate sent or joined no communication from {year} to {period}.").format(
                year=min(comms["year"].to_list()), period=period)
            if comms.height else _("The mandate sent or joined no communication in {period}.").format(period=period)),
        country=None if f.kind != "country" or access is not None else _(
            "Access over the five-year window is shown for country mandates in force on {date}.").format(date=on),
    )


def _unrecorded_notes(notes: MandateNotes, f: MandateFigures, cov: dict[str, Coverage], as_at: dt.date,
                      unknown_parts: set[str], gap: str | None) -> MandateNotes:
    """The notes of the parts whose records the snapshot does not hold: what is missing, never an empty list or a 0."""
    if "communications" in unknown_parts:
        notes = replace(notes, communications=missing(cov, ("communications",), "year", as_at))
    if gap:
        # Without visit records every visit part is unknown: said once, under the visit requests.
        see = _("{not_recorded} (see Visit requests above).").format(not_recorded=_(NOT_RECORDED))
        notes = replace(notes, threads=gap, pending=_("Pending requests: {see}").format(see=see),
                        accepted=_("Visits accepted and not yet carried out: {see}").format(see=see),
                        visits=_("Visits carried out: {see}").format(see=see),
                        durations=_("How long things take: {see}").format(see=see),
                        country=_("Access to the State it concerns: {not_recorded}.").format(
                            not_recorded=_(NOT_RECORDED)) if f.kind == "country" else notes.country)
    return notes


def mandate_profile(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str) -> MandateProfile:
    """Everything the mandate page and its briefing show, as at filters.as_at. Raises UnknownMandate.

    The frames: threads (queries/mandate_threads.sql plus thread_label, status_label, outcome, visit_dates,
    pending_age, accepted_ago), events (queries/mandate_events.sql plus thread_label, event_label and host,
    for the timeline), pending, accepted, visits (subsets of threads), requests_by_state, visits_by_year
    (year, visits), durations (queries/mandate_durations.sql plus measure_label, scope_label, median_text,
    spread_text), communications (queries/mandate_communications_by_year.sql), communications_by_state
    (queries/mandate_communications_by_state.sql), country_threads (a country mandate's threads to the State
    it concerns). visits_not_recorded: what the snapshot lacks (and how to import it) when it holds no visit
    records for the period, else None.
    """
    as_at, f, cov = filters.as_at, _figures(con, filters, mandate_id), coverage(con)
    f = replace(f, title=mandate_title(f.mandate_id, f.title),
                country_name=state_name(f.country_iso3, f.country_name) if f.country_name else f.country_name)
    unknown_parts = unknown_keys(cov, PART_NEEDS, as_at)
    threads = _thread_labels(local_hosts(run(con, "mandate_threads", as_at=as_at, mandate=mandate_id,
                                             regions=list(filters.regions))), as_at)
    if "threads" in unknown_parts:
        threads = threads.clear()
    visits = threads.filter(pl.col("visit_start").is_not_null()).sort("visit_start", descending=True)
    access, country_threads = _country(con, f, threads, as_at, unknown_parts)
    accepted = threads.filter(pl.col("accepted_not_carried_out")).sort("last_accepted_on", nulls_last=True).with_columns(
        pl.col("last_accepted_on").alias("accepted_on"), pl.lit(mandate_id).alias("mandate_id"),
        pl.lit(f.title).alias("mandate_title"))
    parts = _Parts(threads, threads.filter(pl.col("pending")).sort("first_request_on", "visit_id"), accepted, visits,
                   _communications(con, filters, f, cov), _durations(con, filters, mandate_id))
    gap = missing(cov, ("visits",), "history", as_at) if "threads" in unknown_parts else None
    notes = _unrecorded_notes(_notes(f, parts, access, filters), f, cov, as_at, unknown_parts, gap)
    by_state = blank(local_hosts(run(con, "mandate_communications_by_state", as_at=as_at, mandate=mandate_id,
                                     regions=list(filters.regions)), "recipient", "recipient_kind"),
                     unknown_keys(cov, COLUMN_NEEDS, as_at))
    visits, by_state = _group_words(visits), _group_words(by_state)
    return MandateProfile(
        mandate_id=mandate_id, title=f.title, kind=f.kind, country_iso3=f.country_iso3, country_name=f.country_name,
        established_on=f.established_on, ended_on=f.ended_on, in_force=f.in_force, status_text=status_text(f, as_at),
        as_at=as_at, period=period_text(as_at), window_start=filters.window_start, figures=f,
        summary=summary(f, threads, filters), key_figures=key_figures(f, filters), threads=threads,
        events=_events(con, filters, mandate_id, threads), pending=parts.pending, accepted=accepted, visits=visits,
        requests_by_state=_group_words(_requests_by_state(threads)), visits_by_year=_visits_by_year(visits, as_at),
        durations=parts.durations.clear() if gap else parts.durations, communications=parts.comms,
        communications_by_state=by_state, country_access=access, country_threads=country_threads, notes=notes,
        visits_not_recorded=gap,
    )
