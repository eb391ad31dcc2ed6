"""One State's cooperation profile: figures against its regional group, visit threads, communications by year."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from sp_data.coverage import (COLUMN_NEEDS, NOT_RECORDED, NOT_RECORDED_TILE, Coverage, blank, blank_years,
                              coverage, missing, unknown_keys)
from sp_data.errors import UnknownState as UnknownState  # raised here; kept importable from here
from sp_data.i18n import ENGLISH, N_, _, current, date_long, day_month, n_, number, p_, percent_text
from sp_data.local_names import localize, state_name
from sp_data.plain import plain
from sp_data.mandate_names import subjects
from sp_data.params import Filters
from sp_data.profile_types import GroupMedians, KeyFigure, ProfileNotes, StateChoices, StateFigures, StateProfile
from sp_data.queries import run
from sp_data.rows import typed_row
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.wording import age_text, group_abbreviation, mandate_name, percent, period

# Visit events (and thread statuses) in plain words, in the import format's order.
# The English is the catalogs' id: words(EVENT_WORDS) gives them in the reader's language.
EVENT_WORDS = {
    "requested": N_("Request"), "reminder": N_("Reminder"), "invited": N_("Invitation"),
    "acknowledged": N_("Acknowledged"), "accepted": N_("Accepted"), "dates_proposed": N_("Dates proposed"),
    "postponed": N_("Postponed"), "declined": N_("Declined"), "cancelled": N_("Cancelled"),
    "withdrawn": N_("Withdrawn"), "completed": N_("Visit carried out"),
}
# A thread's status is its latest event, read as a state rather than an act.
STATUS_WORDS = {**EVENT_WORDS, "requested": N_("Requested"), "reminder": N_("Reminder sent"), "invited": N_("Invited")}

# A country mandate's access (queries/country_mandate_access.sql), in words.
ACCESS_WORDS = {"granted": N_("granted"), "declined": N_("declined"), "pending": N_("pending"),
                "no request in five years": N_("no request in five years")}


def words(table: dict[str, str]) -> dict[str, str]:
    """A table of codes and English words, the words in the reader's language."""
    return {code: _(text) for code, text in table.items()}


def sort_key(name: str) -> str:
    """A name as a list of names sorts it: accents aside ('Égypte' among the Es), case aside."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()

_TITLE_PREFIXES = (
    ("Special Representative of the Secretary-General", "SRSG"), ("Special Rapporteur", "SR"),
    ("Independent Expert", "IE"), ("Working Group of Experts", "WG"), ("Working Group", "WG"),
)


# The state_profile columns that go into GroupMedians, by field.
_GROUP_COLUMNS = {"states": "group_states", "median_pending_requests": "group_median_pending_requests",
                  "median_visits_5y": "group_median_visits_5y",
                  "median_reply_rate_percent": "group_median_reply_rate_percent",
                  "states_with_communications": "group_states_with_communications"}


def _state_figures(row: dict, unknown: set[str]) -> StateFigures:
    """The typed figures of a state_profile row, those in `unknown` set to None."""
    value: dict[str, Any] = {k: None if k in unknown else v for k, v in row.items()}
    group = GroupMedians(**{name: value[column] for name, column in _GROUP_COLUMNS.items()})
    return typed_row(StateFigures, value, group=group, not_recorded=tuple(sorted(unknown)))


def state_frame(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """queries/state_choices.sql, names in the reader's language: every State with its group and selection."""
    return localize(run(con, "state_choices", regions=list(filters.regions)))


def state_choices(con: duckdb.DuckDBPyConnection, filters: Filters, frame: pl.DataFrame | None = None) -> StateChoices:
    """The States a profile can be shown for, by name, with the page's default State (from frame, state_frame's,
    when the caller has it)."""
    frame = state_frame(con, filters) if frame is None else frame
    if current() != ENGLISH:  # the reader's language's alphabetical order
        frame = frame.with_columns(pl.col("name").map_elements(sort_key, return_dtype=pl.String).alias("_key")).sort(
            "_key", maintain_order=True).drop("_key")
    options = frame["iso3"].to_list()
    in_selection = frame.filter(pl.col("in_selection"))["iso3"].to_list()
    return StateChoices(options, dict(zip(options, frame["name"].to_list(), strict=True)),
                        (in_selection or options or [None])[0])


def date_text(d: dt.date | None) -> str:
    """A date in words, in the reader's language: '3 May 2012', '3 mai 2012'."""
    return "" if d is None else date_long(d)


def short_date(d: dt.date | None) -> str:
    """A date short enough for a headline figure: '17 Apr 2023', '17 avr. 2023'."""
    from babel.dates import format_date

    from sp_data.i18n import locale

    return "" if d is None else format_date(d, "medium", locale=locale())


def period_text(as_at: dt.date) -> str:
    """The reporting period in words: '2023', or '2024 up to 30 June' for a mid-year date."""
    return period(as_at)


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


def _number(x: float | int | None) -> str:
    """2.0 -> '2', 2.5 -> '2.5' ('2,5' in French), 63.64 -> '63.64'."""
    from babel.numbers import format_decimal

    from sp_data.i18n import locale

    if x is None:
        return "–"
    return format_decimal(round(x, 2), format="#,##0.##", locale=locale())


def _not_recorded() -> str:
    # sp_data.coverage's words, in the reader's language once its catalog has them.
    return _(NOT_RECORDED)


# Between the parts of a summary: French puts a space before its semicolon.
def _clauses(parts: list[str]) -> str:
    return p_("between the clauses of a sentence", "; ").join(parts)


def summary(figures: StateFigures, filters: Filters) -> str:
    """The plain-language summary of a State's cooperation as at filters.as_at.

    Covers the standing invitation, pending requests, the last visit and visits in the five-year
    window, and the substantive replies to the year's communications, e.g. "No standing invitation;
    12 pending requests, the oldest from 2016; no visit since 2014; replied substantively to 4 of 9
    communications sent in 2023."
    """
    window = f"{filters.window_start.year}–{filters.year}"
    # A figure the snapshot does not record (None, sp_data.coverage) is said to be so, never read as none.
    parts = [_invitation_part(figures), _pending_part(figures), _visits_part(figures, window),
             _communications_part(figures, period_text(filters.as_at))]
    text = _clauses(parts) + "."
    return text[0].upper() + text[1:]


def _invitation_part(f: StateFigures) -> str:
    if f.standing_invitation is None:
        return _("standing invitation {not_recorded}").format(not_recorded=_not_recorded())
    if f.standing_invitation and f.standing_invitation_since:
        return _("standing invitation since {year}").format(year=f.standing_invitation_since.year)
    if f.standing_invitation_withdrawn_on:
        return _("standing invitation withdrawn in {year}").format(year=f.standing_invitation_withdrawn_on.year)
    return _("no standing invitation")


def _pending_part(f: StateFigures) -> str:
    pending, oldest = f.pending_requests, f.oldest_pending_request_on
    if pending is None:
        return _("pending requests {not_recorded}").format(not_recorded=_not_recorded())
    if pending == 0 or oldest is None:
        return _("no pending request")
    return n_("{n} pending request, from {year}", "{n} pending requests, the oldest from {year}",
              pending).format(n=number(pending), year=oldest.year)


def _visits_part(f: StateFigures, window: str) -> str:
    visits, last = f.visits_5y, f.last_visit_on
    if f.ever_visited is None or visits is None:
        return _("visits {not_recorded}").format(not_recorded=_not_recorded())
    if last is None:
        return _("never visited")
    if visits == 0:
        return _("no visit since {year}").format(year=last.year)
    return n_("{n} visit in five years ({window}), in {year}",
              "{n} visits in five years ({window}), the last in {year}", visits).format(
        n=number(visits), window=window, year=last.year)


def _communications_part(f: StateFigures, period: str) -> str:
    sent, replied = f.communications_in_year, f.substantive_replied_in_year
    if sent is None:
        return _("communications of {period} {not_recorded}").format(period=period, not_recorded=_not_recorded())
    if replied is None:
        return n_("{n} communication sent in {period}, replies {not_recorded}",
                  "{n} communications sent in {period}, replies {not_recorded}", sent).format(
            n=number(sent), period=period, not_recorded=_not_recorded())
    if sent == 0:
        return _("no communication was sent in {period}").format(period=period)
    if sent == 1:
        return (_("replied substantively to the one communication sent in {period}") if replied
                else _("no substantive reply to the one communication sent in {period}")).format(period=period)
    if replied == 0:
        return _("no substantive reply to any of the {n} communications sent in {period}").format(
            n=number(sent), period=period)
    return _("replied substantively to {replied} of {sent} communications sent in {period}").format(
        replied=number(replied), sent=number(sent), period=period)


def standing_invitation_text(figures: StateFigures, as_at: dt.date) -> str:
    """The standing invitation in one sentence, saying when it was extended or withdrawn."""
    f = figures
    if f.standing_invitation is None:
        return _("Standing invitations: {not_recorded}.").format(not_recorded=_not_recorded())
    if f.standing_invitation:
        return _("Standing invitation extended on {date}.").format(date=date_text(f.standing_invitation_since))
    if f.standing_invitation_withdrawn_on:
        return _("No standing invitation as at {date}: the standing invitation was withdrawn on {withdrawn}.").format(
            date=date_text(as_at), withdrawn=date_text(f.standing_invitation_withdrawn_on))
    return _("No standing invitation as at {date}.").format(date=date_text(as_at))


def _compared(key: str, label: str, value: int | float | None, display: str, median: float | None,
              group: str | None, terms: tuple[str, ...], unit: str = "") -> KeyFigure:
    """A key figure with its regional group's median and the difference from it."""
    comparison = delta = None
    digits = 1 if unit else 2  # a rate's difference to one decimal keeps the metric's line short
    if unit and current() != ENGLISH:
        unit = unit.replace(" ", "\u00a0")  # French and Spanish keep the % with its number
    if group and median is not None:
        comparison = _("vs {group} median {value}").format(group=group_abbreviation(group),
                                                           value=f"{_number(round(median, digits))}{unit}")
        if value is not None:
            diff = round(value - median, digits)
            delta = "0" if diff == 0 else f"{'+' if diff > 0 else '-'}{_number(abs(diff))}"
    return KeyFigure(key, label, value, display, median, comparison, delta, plain(*terms))


def _plain(key: str, label: str, value: bool | int | dt.date | None, display: str, terms: tuple[str, ...],
           own: str | None = None) -> KeyFigure:
    """A key figure not compared with the group; own: its help in the State's terms, before the definition."""
    definition = plain(*terms) if own is None else f"{own}\n\n{plain(*terms)}"
    return KeyFigure(key, label, value, display, None, None, None, definition)


def _invitation_display(f: StateFigures) -> str:
    if f.standing_invitation is None:
        return _(NOT_RECORDED_TILE)
    if f.standing_invitation and f.standing_invitation_since:
        return _("Since {year}").format(year=f.standing_invitation_since.year)
    if f.standing_invitation_withdrawn_on:
        return _("Withdrawn {year}").format(year=f.standing_invitation_withdrawn_on.year)
    return p_("no standing invitation", "None")


def _count(value: int | None) -> str:
    return _(NOT_RECORDED_TILE) if value is None else number(value)


def key_figures(figures: StateFigures, filters: Filters) -> tuple[KeyFigure, ...]:
    """The profile's headline figures; those that can be are set against the group's median State."""
    f, g, as_at = figures, figures.group, filters.as_at
    group, period, on = f.regional_group, period_text(as_at), date_text(as_at)
    unknown = set(f.not_recorded)

    def day(key: str, value: dt.date | None, none: str) -> str:
        # A date is unknown when the figure it belongs to is (its column is blanked with it).
        return _(NOT_RECORDED_TILE) if key in unknown else (date_text(value) or none)

    rate = f.reply_rate_percent
    rate_text = _(NOT_RECORDED_TILE) if "reply_rate_percent" in unknown else (
        "–" if rate is None else percent_text(rate))
    sent, replied = f.communications_in_year, f.substantive_replied_in_year
    share = f": {percent(replied, sent)}." if sent and replied is not None else "."
    window = f"{filters.window_start.year}–{filters.year}"
    return (
        _plain("standing_invitation", _("Standing invitation"), f.standing_invitation, _invitation_display(f),
               ("standing_invitation",)),
        _compared("pending_requests", _("Pending requests"), f.pending_requests, _count(f.pending_requests),
                  g.median_pending_requests, group, ("pending",)),
        _compared("visits_5y", _("Visits, {years}").format(years=window), f.visits_5y,
                  _count(f.visits_5y), g.median_visits_5y, group, ("window", "visit_in_year")),
        _compared("reply_rate_percent", _("Substantive reply rate, {period}").format(period=period), rate, rate_text,
                  g.median_reply_rate_percent, group, ("reply_rate",), unit=" %"),
        _plain("oldest_pending_request_on", p_("key figure, short", "Oldest pending request"), f.oldest_pending_request_on,
               day("oldest_pending_request_on", f.oldest_pending_request_on, p_("no pending request", "None")),
               ("pending",),
               _("The first request of the State's oldest visit request still pending on {date}.").format(date=on)),
        _plain("last_visit_on", _("Last visit"), f.last_visit_on,
               day("last_visit_on", f.last_visit_on, p_("never visited", "Never")), ("visited",),
               _("The first day of the last visit a special procedure carried out in the State, by {date}.").format(
                   date=on)),
        _plain("communications_in_year", _("Communications sent, {period}").format(period=period), sent, _count(sent),
               ("communications",), _("Letters the special procedures sent to the State in {period}.").format(
                   period=period)),
        # Its own help stands alone: the reply rate's definition is under the rate's figure.
        KeyFigure("substantive_replied_in_year", _("…with a substantive reply"), replied, _count(replied), None, None,
                  None, _("Of the letters sent to the State in {period}, those with at least one substantive reply "
                          "by {date}").format(period=period, date=on) + share),
    )


def _thread_labels(threads: pl.DataFrame) -> pl.DataFrame:
    """The mandate's short title, and a row label per thread: that title and the year of its first
    event, made unique."""
    shorts, labels = [], []
    seen: dict[str, int] = {}
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
        return date_long(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_long(end)}"
    if start.year == end.year:
        return f"{day_month(start)} – {date_long(end)}"
    return f"{date_long(start)} – {date_long(end)}"


def _notes(figures: StateFigures, threads: pl.DataFrame, comms: pl.DataFrame, access: pl.DataFrame,
           filters: Filters) -> dict[str, str | None]:
    """Why each part of the profile is empty, in words (None when it is not), whatever the snapshot holds."""
    f, as_at = figures, filters.as_at
    name, on = f.name, date_text(as_at)
    first_year = min(comms["year"].to_list(), default=as_at.year)
    since = period_text(as_at) if first_year == as_at.year else None
    groups = ", ".join(group_abbreviation(g) for g in filters.regions)
    return {
        "selection": None if f.in_selection else _(
            "{name} is outside the selected regional groups ({groups}). Its profile is shown all the same, "
            "compared with its own regional group.").format(name=name, groups=groups),
        "group": None if f.regional_group else _(
            "{name} belongs to no regional group, so its figures are not compared with a group's.").format(name=name),
        "threads": None if threads.height else _(
            "No special procedure had asked to visit {name} by {date}: there is no visit thread to show.").format(
            name=name, date=on),
        "pending": None if f.pending_requests else _(
            "{name} has no pending request as at {date}: no visit thread is awaiting an answer (status requested, "
            "reminder or acknowledged) with a request or reminder dated since {since}.").format(
            name=name, date=on, since=date_text(filters.window_start)),
        "visits": None if f.ever_visited else _(
            "{name} has never been visited: no visit was carried out by {date}.").format(name=name, date=on),
        "communications": None if comms.height and comms["communications"].sum() else (
            _("No communication was sent to {name} in {period}.").format(name=name, period=since) if since else
            _("No communication was sent to {name} from {year} to {period}.").format(
                name=name, year=first_year, period=period_text(as_at))),
        "country_mandates": None if access.height else _(
            "No country mandate in force on {date} concerns {name}.").format(date=on, name=name),
    }


def _coverage_notes(notes: dict[str, str | None], comms: pl.DataFrame, cov: dict[str, Coverage],
                    as_at: dt.date) -> ProfileNotes:
    """The notes, a part whose records the snapshot does not hold (sp_data.coverage) saying what is
    missing and how to import it, instead of reading as "none"."""
    for key, span in (("threads", "history"), ("pending", "window"), ("visits", "history")):
        notes[key] = missing(cov, ("visits",), span, as_at) or notes[key]
    # Said once, under the visit threads; the parts after them point back to it.
    for key, text in (("pending", N_("Pending requests: {not_recorded} (see Visit threads).")),
                      ("visits", N_("Visits carried out: {not_recorded} (see Visit threads)."))):
        if notes[key] == notes["threads"] and notes["threads"]:
            notes[key] = _(text).format(not_recorded=_not_recorded())
    if not (comms.height and comms["communications"].is_not_null().any()):
        notes["communications"] = missing(cov, ("communications",), "year", as_at) or notes["communications"]
    return ProfileNotes(**notes)


def _threads(con: duckdb.DuckDBPyConnection, as_at: dt.date, iso3: str, raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """queries/state_threads.sql (raw, when the caller has it) with its labels, its status and its pending age in words."""
    statuses = pl.col("status").replace_strict(words(STATUS_WORDS), default=pl.col("status"))
    threads = localize(run(con, "state_threads", as_at=as_at, iso3=iso3) if raw is None else raw)
    threads = _thread_labels(threads).with_columns(statuses.alias("status_label"))
    return threads.with_columns(pl.Series("pending_age_text", [
        age_text(first, as_at) if pending else None
        for first, pending in threads.select("first_request_on", "pending").iter_rows()], dtype=pl.String))


def _events(con: duckdb.DuckDBPyConnection, as_at: dt.date, iso3: str, threads: pl.DataFrame,
            raw: pl.DataFrame | None = None) -> pl.DataFrame:
    """queries/state_events.sql (raw, when the caller has it) with each event's thread label and the event in
    words (the timeline's points)."""
    return localize(run(con, "state_events", as_at=as_at, iso3=iso3) if raw is None else raw).join(
        threads.select("visit_id", "thread_label"), on="visit_id", how="left").with_columns(
        pl.col("event").replace_strict(words(EVENT_WORDS), default=pl.col("event")).alias("event_label"))


def mandate_access(con: duckdb.DuckDBPyConnection, as_at: dt.date) -> pl.DataFrame:
    """queries/country_mandate_access.sql for every State (a profile keeps its own rows)."""
    return run(con, "country_mandate_access", as_at=as_at, regions=[])


def _country_mandates(con: duckdb.DuckDBPyConnection, as_at: dt.date, iso3: str,
                      cov: dict[str, Coverage], every: pl.DataFrame | None = None) -> pl.DataFrame:
    """The country mandates in force whose country or host is the State, with their access (from every
    State's rows when given: mandate_access(con, as_at))."""
    every = mandate_access(con, as_at) if every is None else every
    access = every.filter((pl.col("country_iso3") == iso3) | (pl.col("host_iso3") == iso3))
    access = localize(access).with_columns(
        pl.col("access").replace_strict(words(ACCESS_WORDS), default=pl.col("access")))
    if "access" in unknown_keys(cov, {"access": COLUMN_NEEDS["visits_5y"]}, as_at):
        # Access is read from the mandate's visit threads in the window: unknown without them.
        access = blank(access, {"threads", "last_request_on", "last_visit_on"}).with_columns(
            pl.lit(_not_recorded()).alias("access"))
    return access


@dataclass(frozen=True)
class StateRows:
    """One State's rows of the profile's queries, as state_profile.sql, state_threads.sql,
    state_communications_by_year.sql and state_events.sql give them."""

    profile: pl.DataFrame
    threads: pl.DataFrame
    communications: pl.DataFrame
    events: pl.DataFrame


def state_rows(con: duckdb.DuckDBPyConnection, filters: Filters, states: Sequence[str]) -> dict[str, StateRows]:
    """Each State's rows of the profile's queries, asked for every State at once (queries/compare_state_*.sql);
    a State the snapshot lacks has no profile row (profile() then raises UnknownState)."""
    codes = list(dict.fromkeys(states))
    profiles = run(con, "compare_state_profiles", as_at=filters.as_at, states=codes, regions=list(filters.regions),
                   threshold=filters.threshold)
    frames = {name: run(con, f"compare_state_{name}", as_at=filters.as_at, states=codes)
              for name in ("threads", "communications", "events")}

    def own(frame: pl.DataFrame, iso3: str) -> pl.DataFrame:
        return frame.filter(pl.col("iso3") == iso3).drop("iso3")

    return {s: StateRows(profiles.filter(pl.col("iso3") == s), own(frames["threads"], s),
                         own(frames["communications"], s), own(frames["events"], s)) for s in codes}


def profile(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str, access: pl.DataFrame | None = None,
            rows: StateRows | None = None) -> StateProfile:
    """Everything a one-page briefing on one State needs, as at filters.as_at.

    The State's own figures do not depend on the regional-group filter (a State outside it still
    has its profile; `in_selection` says whether it is in it); comparisons are with the State's own
    regional group. Raises UnknownState when the snapshot has no State `iso3`. The frames:

    - threads: queries/state_threads.sql plus mandate_short ("Torture": the mandate's short name),
      thread_label ("Torture · 2016", unique), pending_age_text ("11 years 8 months"), visit_dates
      ("22–27 May 1999") and status_label (status in words), ordered by first event
    - events: queries/state_events.sql plus thread_label and event_label (for the timeline)
    - pending: the pending threads, oldest first; visits: the threads with a visit carried out, latest first
    - communications: queries/state_communications_by_year.sql (one row per year up to as_at's year;
      a year the snapshot does not record is null)
    - country_mandates: queries/country_mandate_access.sql rows whose country or host is this State
      (for Israel and for the State of Palestine: the mandate on the occupied Palestinian territory);
      access: every State's rows of that query as at filters.as_at (mandate_access), when the caller
      has them already (Compare asks once for all its States); rows: the State's rows of the four profile
      queries, when the caller has them already (state_rows: one query each for several States)
    """
    as_at = filters.as_at
    fetched = rows
    found = (run(con, "state_profile", as_at=as_at, iso3=iso3, regions=list(filters.regions),
                 threshold=filters.threshold) if fetched is None else fetched.profile)
    if found.height == 0:
        raise UnknownState(f"no State with the code {iso3!r} in this snapshot")
    cov = coverage(con)
    row = found.row(0, named=True)
    row["name"] = state_name(row["iso3"], row["name"])
    f = _state_figures(row, unknown_keys(cov, COLUMN_NEEDS, as_at) & row.keys())
    threads = _threads(con, as_at, iso3, None if fetched is None else fetched.threads)
    comms = blank_years(run(con, "state_communications_by_year", as_at=as_at, iso3=iso3,
                            threshold=filters.threshold) if fetched is None else fetched.communications, cov)
    access = _country_mandates(con, as_at, iso3, cov, access)
    years = comms["year"].to_list()
    return StateProfile(
        iso3=f.iso3, name=f.name, regional_group=f.regional_group,
        group_name=_(REGIONAL_GROUP_NAMES[f.regional_group]) if f.regional_group in REGIONAL_GROUP_NAMES else None,
        un_status=f.un_status, in_selection=f.in_selection, as_at=as_at, period=period_text(as_at),
        window_start=filters.window_start, figures=f, summary=summary(f, filters),
        standing_invitation=standing_invitation_text(f, as_at), key_figures=key_figures(f, filters),
        threads=threads, events=_events(con, as_at, iso3, threads, None if fetched is None else fetched.events),
        pending=threads.filter(pl.col("pending")).sort("first_request_on", "visit_id"),
        visits=threads.filter(pl.col("visit_start").is_not_null()).sort("visit_start", descending=True),
        communications=comms,
        communication_years=(min(years), max(years)) if years else None,
        country_mandates=access,
        notes=_coverage_notes(_notes(f, threads, comms, access, filters), comms, cov, as_at),
    )
