"""Coverage: which kinds of record a snapshot holds and for which period, and which figures that leaves unknown.

A figure whose records the snapshot does not hold, or whose period lies outside theirs, is unknown
(None): never a zero. NEEDS and COLUMN_NEEDS below are the one place that says which figure depends
on which kinds of record and on which period; facts(), states() and the profile apply them, so every
page, export and briefing gets the same None.
"""
from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

import duckdb

from sp_data.i18n import N_, _
from sp_data.params import Filters
from sp_data.queries import run
from sp_data.wording import date_text

if TYPE_CHECKING:
    import polars as pl


class Kind(TypedDict):
    """A kind of record: its words, the tables that hold it (the first one decides whether it is held),
    the date columns (table, column) whose first and last values give its period, and how to import it."""

    words: str
    tables: tuple[str, ...]
    dates: tuple[tuple[str, str], ...]
    command: str
    source: str


KINDS: dict[str, Kind] = {
    "visits": {
        "words": N_("visit threads"), "tables": ("visits", "visit_events"), "dates": (("visit_events", "date"),),
        "command": "python -m sp_data import-visits FILE",
        "source": N_("the country visits database's export"),
    },
    "standing_invitations": {
        "words": N_("standing invitations"), "tables": ("standing_invitations",),
        "dates": (("standing_invitations", "extended_on"), ("standing_invitations", "withdrawn_on")),
        "command": "python -m sp_data import-standing-invitations FILE",
        "source": N_("the public list of standing invitations"),
    },
    "communications": {
        "words": N_("communications"), "tables": ("communications",), "dates": (("communications", "sent_on"),),
        "command": "python -m sp_data import-communications FILE",
        "source": N_("the communications database's export"),
    },
    "replies": {
        "words": N_("replies to communications"), "tables": ("replies",), "dates": (("replies", "received_on"),),
        "command": "python -m sp_data import-communications FILE",
        "source": N_("the communications database's export, with its reply dates"),
    },
}

# What period of a kind's records a figure needs, as at d in year Y: "year" (Y), "window" (the
# five calendar years ending with Y) or "history" (everything up to d). The start of a kind's
# records cannot be checked against the beginning of time, so "history" takes the records as
# complete before their first date, and asks, as "year" does, that Y itself be covered.
Need = tuple[tuple[str, ...], str]  # (the kinds of record, the period)
VISITS_YEAR: Need = (("visits",), "year")
VISITS_WINDOW: Need = (("visits",), "window")
VISITS_HISTORY: Need = (("visits",), "history")
INVITATIONS: Need = (("standing_invitations",), "history")
COMMS_YEAR: Need = (("communications",), "year")
REPLIES_YEAR: Need = (("replies",), "year")
REPLY_RATE: Need = (("communications", "replies"), "year")

# Every fact of sp_data.facts.FACT_KEYS (and its extras) that depends on event records. A fact not
# listed (mandates, Member States) comes from the reference tables and is always known.
NEEDS: dict[str, Need] = {
    "standing_invitations_member_states": INVITATIONS,
    "standing_invitations_observer_states": INVITATIONS,
    "visits_in_year": VISITS_YEAR,
    "visit_hosts_states_territories": VISITS_YEAR,
    "visit_hosts_institutions": VISITS_YEAR,
    "member_states_visited": VISITS_HISTORY,
    "member_states_never_visited": VISITS_HISTORY,
    "never_visited_no_request": VISITS_HISTORY,
    "never_visited_requests_not_accepted": VISITS_HISTORY,
    "never_visited_accepted_not_yet_conducted": VISITS_HISTORY,
    "member_states_not_visited_5y": VISITS_WINDOW,
    "member_states_not_visited_5y_with_request": VISITS_WINDOW,
    "member_states_five_plus_pending_no_acceptance": VISITS_WINDOW,
    "member_states_five_plus_visits_5y": VISITS_WINDOW,
    "communications_sent": COMMS_YEAR,
    "communications_joint": COMMS_YEAR,
    "communications_states_addressed": COMMS_YEAR,
    "communications_non_state_actors": COMMS_YEAR,
    "communications_individuals": COMMS_YEAR,
    "communications_individuals_female": COMMS_YEAR,
    "replies_received_in_year": REPLIES_YEAR,
    "replies_received_in_year_substantive": REPLIES_YEAR,
    "replies_to_year_communications": REPLY_RATE,
    "replies_to_year_communications_substantive": REPLY_RATE,
    "reply_rate_percent": REPLY_RATE,
}

# Every column of the per-State table (queries/base/state_cooperation.sql, also in the profile's
# figures) that depends on event records; the others (name, group, status) are reference data.
COLUMN_NEEDS: dict[str, Need] = {
    "standing_invitation": INVITATIONS,
    "standing_invitation_since": INVITATIONS,
    "standing_invitation_withdrawn_on": INVITATIONS,
    "ever_visited": VISITS_HISTORY,
    "never_visited_category": VISITS_HISTORY,
    "last_visit_on": VISITS_HISTORY,
    "first_request_on": VISITS_HISTORY,
    "visits_in_year": VISITS_YEAR,
    "visits_5y": VISITS_WINDOW,
    "request_in_5y": VISITS_WINDOW,
    "pending_requests": VISITS_WINDOW,
    "oldest_pending_request_on": VISITS_WINDOW,
    "pending_reminders": VISITS_WINDOW,
    "five_plus_pending": VISITS_WINDOW,
    "accepted_in_5y": VISITS_WINDOW,
    "group_median_pending_requests": VISITS_WINDOW,
    "group_median_visits_5y": VISITS_WINDOW,
    "communications_in_year": COMMS_YEAR,
    "substantive_replied_in_year": REPLY_RATE,
    "reply_rate_percent": REPLY_RATE,
    "group_median_reply_rate_percent": REPLY_RATE,
    "group_states_with_communications": COMMS_YEAR,
    # The per-group table's own columns (queries/by_group.sql).
    "standing_invitations": INVITATIONS,
    "never_visited": VISITS_HISTORY,
    "median_state_reply_rate_percent": REPLY_RATE,
    # The profile's country-mandate access (queries/country_mandate_access.sql).
    "threads": VISITS_HISTORY,
    "last_request_on": VISITS_HISTORY,
    # The communications tables' reply columns (queries/communications_by_*.sql).
    "substantively_replied": REPLY_RATE,
    "replied_any": REPLY_RATE,
    "median_days_to_first_reply": REPLY_RATE,
    "median_days_to_first_substantive_reply": REPLY_RATE,
    # The special procedures' side and each mandate's own figures (queries/mandate_summary.sql,
    # accepted_not_carried_out_list.sql, mandate_communications_by_state.sql; sp_data.mandates).
    "accepted_not_carried_out": VISITS_HISTORY,
    "oldest_accepted_on": VISITS_HISTORY,
    "unanswered": REPLY_RATE,
}

# The parts of a mandate's profile built from one kind of record (sp_data.mandates): a part the
# snapshot does not record says so instead of showing an empty list or a zero.
PART_NEEDS: dict[str, Need] = {
    "threads": VISITS_HISTORY,
    "accepted": VISITS_HISTORY,
    "visits": VISITS_HISTORY,
    "durations": VISITS_HISTORY,
    "pending": VISITS_WINDOW,
    "communications": COMMS_YEAR,
}

# The per-year columns of the trends (queries/trends.sql, communications_trends.sql and the
# profile's state_communications_by_year.sql): each year is known or not on its own.
YEAR_NEEDS: dict[str, Need] = {
    "visits": VISITS_YEAR,
    "communications": COMMS_YEAR,
    "substantively_replied": REPLY_RATE,
    "reply_rate_percent": REPLY_RATE,
    "group_median_reply_rate_percent": REPLY_RATE,
    "group_states_with_communications": COMMS_YEAR,
    # One mandate's communications per year (queries/mandate_communications_by_year.sql).
    "allegation_letters": COMMS_YEAR,
    "urgent_appeals": COMMS_YEAR,
    "other_letters": COMMS_YEAR,
    "all_communications": COMMS_YEAR,
    "all_reply_rate_percent": REPLY_RATE,
}

# The English (the catalogs' ids): a reader's text is _(NOT_RECORDED).
NOT_RECORDED = N_("not recorded in this snapshot")
NOT_RECORDED_TILE = N_("Not recorded in this snapshot")  # on a tile or a key figure, where it starts the text


@dataclass(frozen=True)
class Coverage:
    """One kind of record in a snapshot: whether it is held, the period it covers, and whether the source stated it."""

    kind: str
    held: bool
    first: dt.date | None
    last: dt.date | None
    stated: bool = False

    def as_manifest(self) -> dict[str, object]:
        return {"held": self.held, "from": self.first.isoformat() if self.first else None,
                "to": self.last.isoformat() if self.last else None,
                "period": "stated by the source" if self.stated else "first and last dates seen"}

    @classmethod
    def from_manifest(cls, kind: str, entry: dict) -> Coverage:
        return cls(kind, bool(entry.get("held")), _day(entry.get("from") or None, None),
                   _day(entry.get("to") or None, None),
                   entry.get("period") == "stated by the source")


def _day(value: dt.date | str | None, default: dt.date | None) -> dt.date | None:
    """A date given as a date or ISO text; the default when not given."""
    if value is None:
        return default
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def derive(tables: dict[str, pl.DataFrame]) -> dict[str, Coverage]:
    """Each kind's coverage from the tables' contents: held when its table has rows; period = first and last dates seen."""
    out = {}
    for kind, spec in KINDS.items():
        frame = tables.get(spec["tables"][0])
        held = frame is not None and frame.height > 0
        dates: list[dt.date] = []
        for table, column in spec["dates"]:
            t = tables.get(table)
            if held and t is not None and t.height and column in t.columns:
                dates += [d for d in (t[column].min(), t[column].max()) if isinstance(d, dt.date)]
        out[kind] = Coverage(kind, held, min(dates) if held and dates else None, max(dates) if held and dates else None)
    # A list of standing invitations states who held one on the day it was taken, not only on its
    # last extension or withdrawal: it covers up to the last date the snapshot holds of any kind.
    invitations, last = out["standing_invitations"], max((c.last for c in out.values() if c.last), default=None)
    if invitations.held and last:
        out["standing_invitations"] = Coverage("standing_invitations", True, invitations.first, last)
    return out


def resolve(tables: dict[str, pl.DataFrame], stated: dict | None = None) -> dict[str, Coverage]:
    """The coverage to record: derived from the tables, with the periods a source states put in its place.

    stated maps a kind to {"from": date or ISO text, "to": ...} (either may be left out: that end is
    then the date seen), or to {"held": False} for records the source says it does not hold.
    """
    out = derive(tables)
    for kind, entry in (stated or {}).items():
        if kind not in KINDS:
            raise ValueError(f"unknown kind of record {kind!r} in coverage; known: {', '.join(KINDS)}")
        seen = out[kind]
        held = bool(entry.get("held", seen.held))
        first, last = _day(entry.get("from"), seen.first), _day(entry.get("to"), seen.last)
        if first and last and first > last:
            raise ValueError(f"coverage of {kind}: the period starts ({first}) after it ends ({last})")
        out[kind] = Coverage(kind, held, first if held else None, last if held else None, stated=True)
    return out


def manifest_entry(coverage: dict[str, Coverage]) -> dict[str, dict[str, object]]:
    """The manifest's "coverage" section."""
    return {kind: coverage[kind].as_manifest() for kind in KINDS}


def of_manifest(manifest: dict) -> dict[str, Coverage] | None:
    """The coverage a manifest records, or None for a manifest written before coverage existed."""
    section = manifest.get("coverage")
    if not isinstance(section, dict):
        return None
    return {kind: Coverage.from_manifest(kind, section.get(kind) or {}) for kind in KINDS}


# The coverage loaded with each connection: it is the manifest's, fixed for the connection's life,
# so a figure needs no query to know whether it is recorded.
_LOADED: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, dict[str, Coverage]] = weakref.WeakKeyDictionary()


def load_into(con: duckdb.DuckDBPyConnection, coverage: dict[str, Coverage]) -> None:
    """Keep a snapshot's coverage in its database (table `coverage`), where facts() and the rest read it."""
    con.execute("CREATE TABLE coverage (kind VARCHAR, held BOOLEAN, first_date DATE, last_date DATE, stated BOOLEAN)")
    con.executemany("INSERT INTO coverage VALUES (?, ?, ?, ?, ?)",
                    [[c.kind, c.held, c.first, c.last, c.stated] for c in coverage.values()])
    _LOADED[con] = dict(coverage)


def coverage(con: duckdb.DuckDBPyConnection) -> dict[str, Coverage]:
    """The snapshot's coverage, kind by kind: as loaded with the connection, else from its table (queries/coverage.sql)."""
    loaded = _LOADED.get(con)
    if loaded is not None:
        return loaded
    rows = run(con, "coverage").to_dicts()
    found = {r["kind"]: Coverage(r["kind"], r["held"], r["first_date"], r["last_date"], r["stated"]) for r in rows}
    return {kind: found.get(kind, Coverage(kind, False, None, None)) for kind in KINDS}


def _first_year_needed(span: str, year: int) -> int:
    return year - 4 if span == "window" else year


def known(cov: dict[str, Coverage], need: Need, as_at: dt.date) -> bool:
    """Whether the records a figure needs are held for the period it needs, as at as_at.

    Periods are compared by calendar year: a kind covers the years from its first date's to its last
    date's (a record dated 10 January makes its year covered, as a source's own period does).
    """
    kinds, span = need
    first_year = _first_year_needed(span, as_at.year)
    for kind in kinds:
        c = cov[kind]
        if not c.held or c.first is None or c.last is None:
            return False
        if c.first.year > first_year or c.last.year < as_at.year:
            return False
    return True


def unknown_keys(cov: dict[str, Coverage], needs: dict[str, Need], as_at: dt.date) -> set[str]:
    """The keys of a needs table (NEEDS or COLUMN_NEEDS) that are unknown as at as_at."""
    return {key for key, need in needs.items() if not known(cov, need, as_at)}


def period_words(c: Coverage) -> str:
    """A kind's period in words: 'from 1 December 2025 to 28 February 2026'."""
    if not (c.first and c.last):
        return ""
    return _("from {first} to {last}").format(first=date_text(c.first), last=date_text(c.last))


def years_covered(cov: dict[str, Coverage], kind: str) -> tuple[int, int] | None:
    """The first and last calendar years a kind covers, or None when the snapshot does not hold it."""
    c = cov[kind]
    return (c.first.year, c.last.year) if c.held and c.first and c.last else None


def widest_span(kind: str) -> str:
    """The longest period any figure of NEEDS asks of a kind: "window" or "year"."""
    return "window" if any(kind in kinds and span == "window" for kinds, span in NEEDS.values()) else "year"


def missing(cov: dict[str, Coverage], kinds: tuple[str, ...], span: str | None, as_at: dt.date) -> str | None:
    """What is missing for figures of these kinds as at as_at, and how to import it, in words; None when nothing is.

    span None: for each kind, the longest period its figures need (widest_span).
    """
    lines = []
    for kind in kinds:
        spec, c = KINDS[kind], cov[kind]
        span_needed = span or widest_span(kind)
        if known(cov, ((kind,), span_needed), as_at):
            continue
        english, source = spec["words"], spec["source"]  # as variables: Babel would take _(spec["words"]) for a text
        words = _(english)
        if not c.held or c.first is None:
            what = _("This snapshot holds no {records}, so the figures that count them are not recorded in this "
                     "snapshot.").format(records=words)
        else:
            first_year = _first_year_needed(span_needed, as_at.year)
            needed = str(as_at.year) if first_year == as_at.year else f"{first_year}–{as_at.year}"
            what = (_("This snapshot's {records} cover the period {period}, not {years}: the figures that count them "
                      "for {years} are not recorded in this snapshot.") if first_year == as_at.year else
                    _("This snapshot's {records} cover the period {period}, not all of {years}: the figures that count "
                      "them for {years} are not recorded in this snapshot.")).format(
                records=words, period=period_words(c), years=needed)
        lines.append(what + " " + _("To add them, import {source}: `{command}` (or a whole source folder: "
                                    "`{folder_command}`).").format(source=_(source), command=spec["command"],
                                                                   folder_command="python -m sp_data import FOLDER"))
    return "\n\n".join(lines) or None


def missing_in(con: duckdb.DuckDBPyConnection, filters: Filters, span: str | None, *kinds: str) -> str | None:
    """missing() for a snapshot's connection and filters (for pages, through the cache, which takes arguments by position)."""
    return missing(coverage(con), kinds, span, filters.as_at)


def unknown_columns(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[str, ...]:
    """The columns of COLUMN_NEEDS the snapshot does not record as at the filters' date (tables leave them out)."""
    return tuple(sorted(unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at)))


def blank(frame: pl.DataFrame, columns: set[str]) -> pl.DataFrame:
    """The frame with these columns (those it has) set to null: their values are not recorded."""
    import polars as pl  # here: the commands that read no frame (`facts`) never load Polars

    cols = [c for c in frame.columns if c in columns]
    return frame.with_columns([pl.lit(None, dtype=frame.schema[c]).alias(c) for c in cols]) if cols else frame


def blank_years(frame: pl.DataFrame, cov: dict[str, Coverage]) -> pl.DataFrame:
    """A per-year frame (column `year`) with each YEAR_NEEDS column null in the years the snapshot does not record."""
    import polars as pl  # here: the commands that read no frame (`facts`) never load Polars

    if frame.height == 0 or "year" not in frame.columns:
        return frame
    years = frame["year"].to_list()
    out = []
    for column, need in YEAR_NEEDS.items():
        if column in frame.columns:
            flags = pl.Series([known(cov, need, dt.date(int(y), 12, 31)) for y in years], dtype=pl.Boolean)
            out.append(pl.when(flags).then(pl.col(column)).otherwise(None).alias(column))
    return frame.with_columns(out) if out else frame


def coverage_lines(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The snapshot's coverage in words, one line per kind of record (for the Data page)."""
    lines = []
    for kind, c in coverage(con).items():
        spec = KINDS[kind]
        english = spec["words"]  # a variable: Babel would take _(spec["words"]) for a text
        words = _(english)
        words = words[0].upper() + words[1:]
        if c.held and c.first and c.last:
            how = _("as the source states it") if c.stated else _("the first and last dates seen")
            lines.append(_("**{records}**: {period} ({how}).").format(records=words, period=period_words(c), how=how))
        else:
            lines.append(_("**{records}**: {not_recorded}. To add them: `{command}`.").format(
                records=words, not_recorded=_(NOT_RECORDED), command=spec["command"]))
    return lines
