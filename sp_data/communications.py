"""Communications and replies: per State, per non-State actor, by type and mandate, reply times, trends."""
from __future__ import annotations

import functools
from collections.abc import Iterable

import duckdb
import polars as pl

from sp_data.collation import localized
from sp_data.coverage import COLUMN_NEEDS, blank, blank_years, coverage, unknown_keys
from sp_data.i18n import N_, _
from sp_data.local_names import state_name
from sp_data.wording import Words, mandate_name
from sp_data.params import FilterError, Filters
from sp_data.queries import run
from sp_data.schema import COMMUNICATION_TYPES

# The types by name (read translated; the codes stay in the data and the links).
TYPE_NAMES = Words({"AL": N_("Allegation letter"), "UA": N_("Urgent appeal"), "OL": N_("Other letter")})
TYPE_PLURALS = Words({"AL": N_("Allegation letters"), "UA": N_("Urgent appeals"), "OL": N_("Other letters")})
ALL_TYPES_NAME = N_("All types")
# How long a reply took; DESIGN.md defines the reply rate, this page adds the time to reply (translated where shown).
DAYS_TO_REPLY = N_(
    "Days to first reply: from the day a communication was sent to the first reply of any kind "
    "received by the as-at date; days to first substantive reply: to the first substantive reply "
    "received by then. Medians are over the communications that have such a reply.")


def describe(types: tuple[str, ...], mandate: str | None) -> str:
    """The type and mandate selection in words for chart titles ("" when everything is selected)."""
    parts = []
    if types and set(types) != set(TYPE_NAMES):
        names = [TYPE_PLURALS[t].lower() for t in COMMUNICATION_TYPES if t in types]
        parts.append(names[0] if len(names) == 1 else _("{first} and {second}").format(first=names[0], second=names[1]))
    if mandate:
        parts.append(mandate_name(mandate))
    return ", ".join(parts)


def tag(types: tuple[str, ...], mandate: str | None) -> str:
    """The selection as a short tag for file names ("" when everything is selected)."""
    parts = [t for t in COMMUNICATION_TYPES if t in types] if types and set(types) != set(TYPE_NAMES) else []
    return "-".join(parts + ([mandate] if mandate else []))


def _selection(types: Iterable[str] | None, mandate: str | None) -> dict[str, object]:
    """The type and mandate selection as bound parameters (no type = all types; no mandate = all)."""
    types = sorted(set(types or ()))
    unknown = [t for t in types if t not in COMMUNICATION_TYPES]
    if unknown:
        raise FilterError(f"unknown communication type(s) {', '.join(map(repr, unknown))}; "
                          f"use {', '.join(COMMUNICATION_TYPES)}")
    return {"types": types, "mandate": mandate or None}


def _recorded(con: duckdb.DuckDBPyConnection, filters: Filters, frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with its reply columns null when the snapshot does not record the year's replies."""
    return blank(frame, unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))


def by_state(con: duckdb.DuckDBPyConnection, filters: Filters, types: tuple[str, ...] = (),
             mandate: str | None = None) -> pl.DataFrame:
    """One row per State sent a communication in the year: sent, replied, reply rate, median days to reply."""
    return _recorded(con, filters, localized(
        run(con, "communications_by_state", **filters.bind(), **_selection(types, mandate)),
        ["communications", "name"], [True, False]))


def by_actor(con: duckdb.DuckDBPyConnection, filters: Filters, types: tuple[str, ...] = (),
             mandate: str | None = None) -> pl.DataFrame:
    """One row per non-State actor sent a communication in the year, with the States concerned (in the reader's
    language)."""
    frame = run(con, "communications_by_actor", **filters.bind(), **_selection(types, mandate))
    return _recorded(con, filters, _states_concerned(frame))


@functools.cache
def _english_names() -> dict[str, str]:
    """ISO3 -> the State's English name, from the reference table."""
    import csv

    from sp_data.paths import REFERENCE_DIR

    with open(REFERENCE_DIR / "states.csv", encoding="utf-8", newline="") as fh:
        return {row["iso3"]: row["name"] for row in csv.DictReader(fh)}


def _states_concerned(frame: pl.DataFrame) -> pl.DataFrame:
    """The States an actor's letters concern, named in the reader's language, in its order ('; ' between)."""
    from sp_data import i18n
    from sp_data.collation import sort_key

    if i18n.current() == i18n.ENGLISH or frame.height == 0 or "iso3_concerned" not in frame.columns:
        return frame
    names = []
    for codes, english in zip(frame["iso3_concerned"], frame["states_concerned"], strict=True):
        if not codes:
            names.append(english)
            continue
        local = [state_name(c, _english_names().get(c, c)) for c in codes.split(";")]
        names.append("; ".join(sorted(local, key=sort_key)))
    return frame.with_columns(pl.Series("states_concerned", names, dtype=pl.String))


def by_type(con: duckdb.DuckDBPyConnection, filters: Filters, mandate: str | None = None) -> pl.DataFrame:
    """One row per communication type, then a total row (type empty, named "All types")."""
    frame = run(con, "communications_by_type", **filters.bind(), mandate=_selection((), mandate)["mandate"])
    return _recorded(con, filters, frame.with_columns(pl.Series(
        "type_name", [TYPE_NAMES[t] if t in TYPE_NAMES else _(ALL_TYPES_NAME) for t in frame["type"]], dtype=pl.String)))


def by_mandate(con: duckdb.DuckDBPyConnection, filters: Filters, types: tuple[str, ...] = ()) -> pl.DataFrame:
    """One row per mandate that took part in a communication of the year."""
    return _recorded(con, filters, run(con, "communications_by_mandate", **filters.bind(),
                                       types=_selection(types, None)["types"]))


def reply_times(con: duckdb.DuckDBPyConnection, filters: Filters, types: tuple[str, ...] = (),
                mandate: str | None = None) -> pl.DataFrame:
    """One row per communication of the year with a reply by the as-at date: days to first reply."""
    return run(con, "communications_reply_times", **filters.bind(), **_selection(types, mandate))


def trends(con: duckdb.DuckDBPyConnection, filters: Filters, from_year: int, to_year: int,
           types: tuple[str, ...] = (), mandate: str | None = None) -> pl.DataFrame:
    """One row per (year, regional group): communications sent and the substantive reply rate (null in years not recorded)."""
    return blank_years(run(con, "communications_trends", **filters.bind(), from_year=int(from_year),
                           to_year=int(to_year), **_selection(types, mandate)), coverage(con))


def mandates(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The mandates the communications can be filtered by (mandate_id, title, kind)."""
    return run(con, "communications_mandates", as_at=filters.as_at)
