"""One State's cooperation profile: figures against its regional group, visit threads, communications by year."""
from __future__ import annotations

import datetime as dt
import re

import duckdb
import polars as pl

from sp_data.coverage import (COLUMN_NEEDS, NOT_RECORDED, NOT_RECORDED_TILE, blank, blank_years, coverage,
                              missing, unknown_keys)
from sp_data.plain import plain
from sp_data.mandate_names import subjects
from sp_data.params import Filters
from sp_data.queries import run
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.wording import age_text, mandate_name, percent

# Visit events (and thread statuses) in plain words, in the import format's order.
EVENT_WORDS = {
    "requested": "Request", "reminder": "Reminder", "invited": "Invitation", "acknowledged": "Acknowledged",
    "accepted": "Accepted", "dates_proposed": "Dates proposed", "postponed": "Postponed",
    "declined": "Declined", "cancelled": "Cancelled", "withdrawn": "Withdrawn", "completed": "Visit carried out",
}
# A thread's status is its latest event, read as a state rather than an act.
STATUS_WORDS = {**EVENT_WORDS, "requested": "Requested", "reminder": "Reminder sent", "invited": "Invited"}

_TITLE_PREFIXES = (
    ("Special Representative of the Secretary-General", "SRSG"), ("Special Rapporteur", "SR"),
    ("Independent Expert", "IE"), ("Working Group of Experts", "WG"), ("Working Group", "WG"),
)


class UnknownState(LookupError):
    """An ISO3 code that names no State of the snapshot."""


def state_choices(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """The States a profile can be shown for: {options: iso3 codes by name, names: iso3 -> name,
    default: the first State by name in the selected groups (else the first of all), or None}."""
    frame = run(con, "state_choices", regions=list(filters.regions))
    options = frame["iso3"].to_list()
    in_selection = frame.filter(pl.col("in_selection"))["iso3"].to_list()
    return {"options": options, "names": dict(zip(options, frame["name"].to_list())),
            "default": (in_selection or options or [None])[0]}


def date_text(d: dt.date | None) -> str:
    """A date in words: '3 May 2012'."""
    return "" if d is None else f"{d.day} {d:%B %Y}"


def short_date(d: dt.date | None) -> str:
    """A date short enough for a headline figure: '3 May 2012', '17 Apr 2023'."""
    return "" if d is None else f"{d.day} {d:%b %Y}"


def period_text(as_at: dt.date) -> str:
    """The reporting period in words: '2023', or '2024 up to 30 June' for a mid-year date."""
    if as_at == dt.date(as_at.year, 12, 31):
        return str(as_at.year)
    return f"{as_at.year} up to {as_at.day} {as_at:%B}"


def short_title(mandate_id: str, title: str) -> str:
    """A mandate's title short enough for a chart axis ('SR on torture'); tooltips carry the full one."""
    prefix, rest = "", title
    for long, short in _TITLE_PREFIXES:
        if title.startswith(long):
            prefix, rest = short, title[len(long):].strip()
            break
    if subjects(mandate_id) and prefix:
        rest = "on " + subjects(mandate_id)[0]
    rest = re.sub(r"^on the situation of human rights in (the )?", "on ", rest)
    text = f"{prefix} {rest}".strip()
    return text if len(text) <= 46 else text[:45].rstrip(" ,") + "…"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _number(x: float | int | None) -> str:
    """2.0 -> '2', 2.5 -> '2.5', 63.64 -> '63.64'."""
    if x is None:
        return "–"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def summary(figures: dict, as_at: dt.date) -> str:
    """The plain-language summary of a State's cooperation (figures: a state_profile row).

    Covers the standing invitation, pending requests, the last visit and visits in the five-year
    window, and the substantive replies to the year's communications, e.g. "No standing invitation;
    12 pending requests, the oldest from 2016; no visit since 2014; replied substantively to 4 of 9
    communications sent in 2023."
    """
    f = figures
    period = period_text(as_at)
    window = f"{as_at.year - 4}–{as_at.year}"
    parts = []
    # A figure the snapshot does not record (None, sp_data.coverage) is said to be so, never read as none.
    if f["standing_invitation"] is None:
        parts.append(f"standing invitation {NOT_RECORDED}")
    elif f["standing_invitation"]:
        parts.append(f"standing invitation since {f['standing_invitation_since'].year}")
    elif f.get("standing_invitation_withdrawn_on"):
        parts.append(f"standing invitation withdrawn in {f['standing_invitation_withdrawn_on'].year}")
    else:
        parts.append("no standing invitation")

    pending = f["pending_requests"]
    if pending is None:
        parts.append(f"pending requests {NOT_RECORDED}")
    elif pending == 0:
        parts.append("no pending request")
    elif pending == 1:
        parts.append(f"1 pending request, from {f['oldest_pending_request_on'].year}")
    else:
        parts.append(f"{pending:,} pending requests, the oldest from {f['oldest_pending_request_on'].year}")

    visits, last = f["visits_5y"], f["last_visit_on"]
    if f["ever_visited"] is None or visits is None:
        parts.append(f"visits {NOT_RECORDED}")
    elif last is None:
        parts.append("never visited")
    elif visits == 0:
        parts.append(f"no visit since {last.year}")
    elif visits == 1:
        parts.append(f"1 visit in five years ({window}), in {last.year}")
    else:
        parts.append(f"{visits:,} visits in five years ({window}), the last in {last.year}")

    sent, replied = f["communications_in_year"], f["substantive_replied_in_year"]
    if sent is None:
        parts.append(f"communications of {period} {NOT_RECORDED}")
    elif replied is None:
        parts.append(f"{_plural(sent, 'communication')} sent in {period}, replies {NOT_RECORDED}")
    elif sent == 0:
        parts.append(f"no communication was sent in {period}")
    elif sent == 1:
        parts.append(("replied substantively to" if replied else "no substantive reply to")
                     + f" the one communication sent in {period}")
    elif replied == 0:
        parts.append(f"no substantive reply to any of the {sent:,} communications sent in {period}")
    else:
        parts.append(f"replied substantively to {replied:,} of {sent:,} communications sent in {period}")
    text = "; ".join(parts) + "."
    return text[0].upper() + text[1:]


def standing_invitation_text(figures: dict, as_at: dt.date) -> str:
    """The standing invitation in one sentence, saying when it was extended or withdrawn."""
    f = figures
    if f["standing_invitation"] is None:
        return f"Standing invitations: {NOT_RECORDED}."
    if f["standing_invitation"]:
        return f"Standing invitation extended on {date_text(f['standing_invitation_since'])}."
    if f.get("standing_invitation_withdrawn_on"):
        return (f"No standing invitation as at {date_text(as_at)}: the standing invitation was withdrawn on "
                f"{date_text(f['standing_invitation_withdrawn_on'])}.")
    return f"No standing invitation as at {date_text(as_at)}."


def _compared(key: str, label: str, value, display: str, median, group: str | None, terms: tuple[str, ...],
              unit: str = "") -> dict:
    """A key figure with its regional group's median and the difference from it."""
    comparison = delta = None
    digits = 1 if unit else 2  # a rate's difference to one decimal keeps the metric's line short
    if group and median is not None:
        comparison = f"vs {group} median {_number(round(median, digits))}{unit}"
        if value is not None:
            diff = round(value - median, digits)
            delta = "0" if diff == 0 else f"{'+' if diff > 0 else '-'}{_number(abs(diff))}"
    return {"key": key, "label": label, "value": value, "display": display, "group_median": median,
            "comparison": comparison, "delta": delta, "definition": plain(*terms)}


def _plain(key: str, label: str, value, display: str, terms: tuple[str, ...]) -> dict:
    return {"key": key, "label": label, "value": value, "display": display, "group_median": None,
            "comparison": None, "delta": None, "definition": plain(*terms)}


def key_figures(figures: dict, as_at: dt.date) -> list[dict]:
    """The profile's headline figures; those that can be are set against the group's median State."""
    f = figures
    group = f["regional_group"]
    period = period_text(as_at)

    def count(key: str) -> str:
        return NOT_RECORDED_TILE if f[key] is None else f"{f[key]:,}"

    def day(key: str, none: str) -> str:
        # A date is unknown when the figure it belongs to is (its column is blanked with it).
        return NOT_RECORDED_TILE if key in unknown else (date_text(f[key]) or none)

    unknown = set(f.get("not_recorded", ()))
    if f["standing_invitation"] is None:
        invitation = NOT_RECORDED_TILE
    elif f["standing_invitation"]:
        invitation = f"Since {f['standing_invitation_since'].year}"
    elif f.get("standing_invitation_withdrawn_on"):
        invitation = f"Withdrawn {f['standing_invitation_withdrawn_on'].year}"
    else:
        invitation = "None"
    rate = f["reply_rate_percent"]
    rate_text = NOT_RECORDED_TILE if "reply_rate_percent" in unknown else ("–" if rate is None else f"{rate:.2f} %")
    on = date_text(as_at)
    own = {  # each figure its own help, in the State's terms
        "oldest_pending_request_on": f"The first request of the State's oldest visit request still pending on {on}.",
        "last_visit_on": f"The first day of the last visit a special procedure carried out in the State, by {on}.",
        "communications_in_year": f"Letters the special procedures sent to the State in {period}.",
        "substantive_replied_in_year": (
            f"Of the letters sent to the State in {period}, those with at least one substantive reply by {on}"
            + (f": {percent(f['substantive_replied_in_year'], f['communications_in_year'])}."
               if f["communications_in_year"] and f["substantive_replied_in_year"] is not None else ".")),
    }
    figures_list = [
        _plain("standing_invitation", "Standing invitation", f["standing_invitation"], invitation,
               ("standing_invitation",)),
        _compared("pending_requests", "Pending requests", f["pending_requests"], count("pending_requests"),
                  f["group_median_pending_requests"], group, ("pending",)),
        _compared("visits_5y", f"Visits, {as_at.year - 4}–{as_at.year}", f["visits_5y"], count("visits_5y"),
                  f["group_median_visits_5y"], group, ("window", "visit_in_year")),
        _compared("reply_rate_percent", f"Substantive reply rate, {period}", rate,
                  rate_text, f["group_median_reply_rate_percent"], group,
                  ("reply_rate",), unit=" %"),
        _plain("oldest_pending_request_on", "Oldest pending request", f["oldest_pending_request_on"],
               day("oldest_pending_request_on", "None"), ("pending",)),
        _plain("last_visit_on", "Last visit", f["last_visit_on"], day("last_visit_on", "Never"),
               ("visited",)),
        _plain("communications_in_year", f"Communications sent, {period}", f["communications_in_year"],
               count("communications_in_year"), ("communications",)),
        _plain("substantive_replied_in_year", "…with a substantive reply", f["substantive_replied_in_year"],
               count("substantive_replied_in_year"), ("reply_rate",)),
    ]
    for k in figures_list:
        if k["key"] in own:
            k["definition"] = own[k["key"]] + ("" if k["key"] == "substantive_replied_in_year" else "\n\n" + k["definition"])
    return figures_list


def _thread_labels(threads: pl.DataFrame) -> pl.DataFrame:
    """The mandate's short title, and a row label per thread: that title and the year of its first
    event, made unique."""
    shorts, labels, seen = [], [], {}
    for mid, title, first in threads.select("mandate_id", "mandate_title", "first_event_on").iter_rows():
        shorts.append(mandate_name(mid, title))
        label = f"{shorts[-1]} · {first.year}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return threads.with_columns(pl.Series("mandate_short", shorts, dtype=pl.String),
                                pl.Series("thread_label", labels, dtype=pl.String),
                                pl.Series("visit_dates", [_span(a, b) for a, b in threads.select(
                                    "visit_start", "visit_end").iter_rows()], dtype=pl.String))


def _span(start: dt.date | None, end: dt.date | None) -> str | None:
    """A visit's dates in words: '22–27 May 1999', '28 May – 3 June 2019', '20 December 2019 – 4 January 2020'."""
    if start is None:
        return None
    if end is None or end == start:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _notes(figures: dict, threads: pl.DataFrame, comms: pl.DataFrame, access: pl.DataFrame,
           as_at: dt.date, regions: tuple[str, ...], cov: dict | None = None) -> dict:
    """Why a section of the profile is empty, in words (None when it is not).

    A section whose records the snapshot does not hold (cov, sp_data.coverage) says what is missing
    and how to import it, instead of reading as "none".
    """
    name, on = figures["name"], date_text(as_at)
    window = date_text(dt.date(as_at.year - 4, 1, 1))
    first_year = comms["year"].min() if comms.height else as_at.year
    notes = {
        "selection": None if figures["in_selection"] else (
            f"{name} is outside the selected regional groups ({', '.join(regions)}). Its profile is shown "
            f"all the same, compared with its own regional group."),
        "group": None if figures["regional_group"] else (
            f"{name} belongs to no regional group, so its figures are not compared with a group's."),
        "threads": None if threads.height else (
            f"No special procedure had asked to visit {name} by {on}: there is no visit thread to show."),
        "pending": None if figures["pending_requests"] else (
            f"{name} has no pending request as at {on}: no visit thread is awaiting an answer "
            f"(status requested, reminder or acknowledged) with a request or reminder dated since {window}."),
        "visits": None if figures["ever_visited"] else (
            f"{name} has never been visited: no visit was carried out by {on}."),
        "communications": None if comms.height and comms["communications"].sum() else (
            f"No communication was sent to {name} "
            + (f"in {period_text(as_at)}." if first_year == as_at.year
               else f"from {first_year} to {period_text(as_at)}.")),
        "country_mandates": None if access.height else (
            f"No country mandate in force on {on} concerns {name}."),
    }
    if cov is not None:
        for key, span in (("threads", "history"), ("pending", "window"), ("visits", "history")):
            notes[key] = missing(cov, ("visits",), span, as_at) or notes[key]
        # Said once, under the visit threads; the parts after them point back to it.
        for key, words in (("pending", "Pending requests"), ("visits", "Visits carried out")):
            if notes[key] == notes["threads"] and notes["threads"]:
                notes[key] = f"{words}: {NOT_RECORDED} (see Visit threads)."
        if not (comms.height and comms["communications"].is_not_null().any()):
            notes["communications"] = missing(cov, ("communications",), "year", as_at) or notes["communications"]
    return notes


def profile(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str) -> dict:
    """Everything a one-page briefing on one State needs, as at filters.as_at.

    The State's own figures do not depend on the regional-group filter (a State outside it still
    has its profile; `in_selection` says whether it is in it); comparisons are with the State's own
    regional group. Raises UnknownState when the snapshot has no State `iso3`. Keys (stable):

    - iso3, name, regional_group (code or None), group_name (e.g. "Asia-Pacific States" or None),
      un_status ("member" | "observer"), in_selection (bool)
    - as_at (date), period ("2023" or "2024 up to 30 June"), window_start (date: 1 January, 4 years back)
    - figures: the state_profile row (queries/state_profile.sql: every state_cooperation column,
      standing_invitation_withdrawn_on, group_states, group_median_pending_requests,
      group_median_visits_5y, group_median_reply_rate_percent, group_states_with_communications)
    - summary: the plain-language summary sentence (see `summary`)
    - standing_invitation: the standing invitation in one sentence
    - key_figures: list of dicts {key, label, value, display, group_median, comparison, delta,
      definition}; comparison ("vs APG median 4") and delta ("+4"; percentage points for the reply
      rate) are None for a State in no group
    - threads: queries/state_threads.sql plus mandate_short ("Torture": the mandate's short name),
      thread_label ("Torture · 2016", unique), pending_age_text ("11 years 8 months"), visit_dates ("22–27 May 1999") and status_label (status in
      words), ordered by first event
    - events: queries/state_events.sql plus thread_label and event_label (for the timeline)
    - pending: the pending threads, oldest first (pending_age_days = days from first request to as_at)
    - visits: the threads with a visit carried out, latest first
    - communications: queries/state_communications_by_year.sql (one row per year up to as_at's year)
    - communication_years: (first year, last year) of that frame, or None when it is empty
    - country_mandates: queries/country_mandate_access.sql rows whose country or host is this State
      (for Israel and for the State of Palestine: the mandate on the occupied Palestinian territory)
    - figures["not_recorded"]: the figures set to None because the snapshot does not record them
      (sp_data.coverage.COLUMN_NEEDS); the per-year communications are null likewise
    - notes: {selection, group, threads, pending, visits, communications, country_mandates}: a
      sentence saying why that part is empty (or the State outside the filter / in no group), else None
    """
    as_at = filters.as_at
    rows = run(con, "state_profile", as_at=as_at, iso3=iso3, regions=list(filters.regions),
               threshold=filters.threshold)
    if rows.height == 0:
        raise UnknownState(f"no State with the code {iso3!r} in this snapshot")
    cov = coverage(con)
    figures = rows.row(0, named=True)
    unknown = unknown_keys(cov, COLUMN_NEEDS, as_at) & figures.keys()
    figures.update({key: None for key in unknown}, not_recorded=sorted(unknown))
    statuses = pl.col("status").replace_strict(STATUS_WORDS, default=pl.col("status"))
    threads = run(con, "state_threads", as_at=as_at, iso3=iso3)
    threads = _thread_labels(threads).with_columns(statuses.alias("status_label"))
    threads = threads.with_columns(pl.Series("pending_age_text", [
        age_text(first, as_at) if pending else None
        for first, pending in threads.select("first_request_on", "pending").iter_rows()], dtype=pl.String))
    events = run(con, "state_events", as_at=as_at, iso3=iso3).join(
        threads.select("visit_id", "thread_label"), on="visit_id", how="left").with_columns(
        pl.col("event").replace_strict(EVENT_WORDS, default=pl.col("event")).alias("event_label"))
    comms = blank_years(run(con, "state_communications_by_year", as_at=as_at, iso3=iso3,
                            threshold=filters.threshold), cov)
    access = run(con, "country_mandate_access", as_at=as_at, regions=[]).filter(
        (pl.col("country_iso3") == iso3) | (pl.col("host_iso3") == iso3))
    if "access" in unknown_keys(cov, {"access": COLUMN_NEEDS["visits_5y"]}, as_at):
        # Access is read from the mandate's visit threads in the window: unknown without them.
        access = blank(access, {"threads", "last_request_on", "last_visit_on"}).with_columns(
            pl.lit(NOT_RECORDED).alias("access"))
    group = figures["regional_group"]
    return {
        "iso3": figures["iso3"], "name": figures["name"], "regional_group": group,
        "group_name": REGIONAL_GROUP_NAMES.get(group) if group else None,
        "un_status": figures["un_status"], "in_selection": figures["in_selection"],
        "as_at": as_at, "period": period_text(as_at), "window_start": figures["window_start"],
        "figures": figures,
        "summary": summary(figures, as_at),
        "standing_invitation": standing_invitation_text(figures, as_at),
        "key_figures": key_figures(figures, as_at),
        "threads": threads,
        "events": events,
        "pending": threads.filter(pl.col("pending")).sort("first_request_on", "visit_id"),
        "visits": threads.filter(pl.col("visit_start").is_not_null()).sort("visit_start", descending=True),
        "communications": comms,
        "communication_years": (comms["year"].min(), comms["year"].max()) if comms.height else None,
        "country_mandates": access,
        "notes": _notes(figures, threads, comms, access, as_at, filters.regions, cov),
    }
