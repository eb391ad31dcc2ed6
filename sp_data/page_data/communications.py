"""The Communications page's data: the year's figures, the mandates to choose from, the tables and the trends."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.communications import (
    TYPE_NAMES, by_actor, by_mandate, by_state, by_type, mandates, reply_times, trends,
)
from sp_data.coverage import missing_in
from sp_data.facts import facts
from sp_data.i18n import N_, _
from sp_data.local_names import localize
from sp_data.figures import COMMUNICATIONS_SECTIONS, Facts, Figure, section
from sp_data.page_data.overview import default_years, first_year
from sp_data.params import Filters
from sp_data.wording import mandate_name, named

ALL_TYPES = tuple(TYPE_NAMES)  # the types selected at first: every one


@dataclass(frozen=True)
class CommunicationsData:
    """The year's communications figures in rows of tiles, what the snapshot lacks, and the mandates to choose from."""

    communications_missing: str | None  # every part of the page counts communications: the page stops
    replies_missing: str | None
    facts: Facts
    rows: tuple[tuple[Figure, ...], ...]
    mandate_ids: tuple[str, ...]
    titles: dict[str, str]  # mandate id -> full title, in English (mandate_name() reads it)

    def mandate_name(self, mandate: str | None) -> str:
        """A mandate's short name ('All mandates' for none), in the reader's language."""
        return mandate_name(mandate, self.titles.get(mandate)) if mandate else _(ALL_MANDATES)


ALL_MANDATES = N_("All mandates")


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> CommunicationsData:
    """The year's figures (every type and mandate, as the annual report counts them) and this year's mandates."""
    choices = mandates(con, filters)
    return CommunicationsData(missing_in(con, filters, "year", "communications"),
                              missing_in(con, filters, "year", "replies"), facts(con, filters, "communications"),
                              tuple(section(title) for title in COMMUNICATIONS_SECTIONS),
                              tuple(choices["mandate_id"].to_list()),
                              dict(zip(choices["mandate_id"].to_list(), choices["title"].to_list(), strict=True)))


@dataclass(frozen=True)
class TablesData:
    """The year's communications of the selected types and mandate: per State, per actor, by type and mandate."""

    states: pl.DataFrame
    actors: pl.DataFrame
    kinds: pl.DataFrame  # every type, of the mandate chosen
    per_mandate: pl.DataFrame  # every mandate, of the types chosen, with their names
    times: pl.DataFrame


def load_tables(con: duckdb.DuckDBPyConnection, filters: Filters, types: tuple[str, ...] = ALL_TYPES,
                mandate: str | None = None) -> TablesData:
    """The tables of the selection (default: every type, every mandate)."""
    return TablesData(by_state(con, filters, types, mandate), by_actor(con, filters, types, mandate),
                      by_type(con, filters, mandate), localize(named(by_mandate(con, filters, types))),
                      reply_times(con, filters, types, mandate))


@dataclass(frozen=True)
class TrendsData:
    """Communications and reply rates per year and group over the years shown."""

    first: int
    last: int
    trend: pl.DataFrame


def load_trends(con: duckdb.DuckDBPyConnection, filters: Filters, first: int | None = None, last: int | None = None,
                types: tuple[str, ...] = ALL_TYPES, mandate: str | None = None) -> TrendsData:
    """The trends of the selection over the years first-last (default: the Overview's default_years)."""
    if first is None or last is None:
        first, last = default_years(first_year(con, filters), filters.as_at.year)
    return TrendsData(first, last, trends(con, filters, first, last, types, mandate))


LOADERS = (load, load_tables, load_trends)
