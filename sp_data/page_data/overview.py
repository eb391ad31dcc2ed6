"""The Overview's data: the year's figures by section, the regional groups, the trends and the world map."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.charts import MAP_MEASURES
from sp_data.coverage import COLUMN_NEEDS, NOT_RECORDED, missing_in
from sp_data.facts import data_extent, facts
from sp_data.figures import OVERVIEW_SECTIONS, Facts, Figure, section
from sp_data.i18n import _, number
from sp_data.groups import by_group, map_data, trends
from sp_data.mandates import accepted_not_carried_out
from sp_data.params import Filters
from sp_data.visits import visits_breakdown

TREND_YEARS = 12  # the Years slider's default span: the reporting year and the twelve before it
DEFAULT_MEASURE = "pending_requests"  # what the world map colours States by at first


def default_years(first_year: int, year: int) -> tuple[int, int]:
    """The Years slider's default span: up to TREND_YEARS before the reporting year, from the first recorded."""
    return max(first_year, year - TREND_YEARS), year


def first_year(con: duckdb.DuckDBPyConnection, filters: Filters) -> int:
    """The first year the snapshot holds (the Years slider's start), as the sidebar works it out."""
    extent = data_extent(con)
    return (extent.get("first_date") or extent.get("last_date") or filters.as_at).year


@dataclass(frozen=True)
class OverviewData:
    """The figures' tiles by section, and the regional-group charts' data with what the snapshot lacks for them."""

    facts: Facts
    sections: tuple[tuple[str, tuple[Figure, ...]], ...]
    groups: pl.DataFrame
    visits_by_group: pl.DataFrame  # every host's visits by group (the Country visits page's query); empty if unrecorded
    visits_missing: str | None
    communications_missing: str | None
    replies_missing: str | None  # the reply rate needs communications and replies

    @property
    def individuals_caption(self) -> str:
        """The individuals the year's communications covered, in a sentence ('not recorded' if so)."""
        f = self.facts
        if f["communications_individuals"] is None:
            return _("Individuals covered by the year's communications: {not_recorded}.").format(
                not_recorded=_(NOT_RECORDED))
        return _("Individuals covered by the year's communications: {n} (of whom {female} female).").format(
            n=number(f["communications_individuals"]), female=number(f["communications_individuals_female"]))


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> OverviewData:
    """The figures and the regional groups' data of the Overview."""
    visits_missing = missing_in(con, filters, "year", "visits")
    visits = (pl.DataFrame() if visits_missing
              else visits_breakdown(con, filters)["regional_group"])
    return OverviewData(facts(con, filters), tuple((title, section(title)) for title in OVERVIEW_SECTIONS),
                        by_group(con, filters), visits, visits_missing,
                        missing_in(con, filters, "year", "communications"),
                        missing_in(con, filters, "year", "communications", "replies"))


@dataclass(frozen=True)
class TrendsData:
    """Visits and communications per year and group over the years shown, and what the snapshot lacks."""

    first: int
    last: int
    trend: pl.DataFrame
    visits_missing: str | None  # said only when no year of the span has a figure
    communications_missing: str | None


def load_trends(con: duckdb.DuckDBPyConnection, filters: Filters, first: int | None = None,
                last: int | None = None) -> TrendsData:
    """The trends over the years first-last (default: default_years)."""
    if first is None or last is None:
        first, last = default_years(first_year(con, filters), filters.as_at.year)
    trend = trends(con, filters, first, last)
    return TrendsData(first, last, trend,
                      None if trend["visits"].is_not_null().any() else missing_in(con, filters, "year", "visits"),
                      None if trend["communications"].is_not_null().any()
                      else missing_in(con, filters, "year", "communications"))


@dataclass(frozen=True)
class MapData:
    """The per-State values the world map colours by, and for each measure what the snapshot lacks for it."""

    world: pl.DataFrame
    missing: dict[str, str | None]

    def shown(self, measure: str) -> str | None:
        """What the snapshot lacks for this measure, when no State has a value for it (None: draw the map)."""
        return None if self.world[measure].is_not_null().any() else self.missing[measure]


def load_map(con: duckdb.DuckDBPyConnection, filters: Filters) -> MapData:
    """The world map's data for every measure of MAP_MEASURES."""
    gaps = {}
    for measure in MAP_MEASURES:
        kinds, span = COLUMN_NEEDS[measure]
        gaps[measure] = missing_in(con, filters, span, *kinds)
    return MapData(map_data(con, filters), gaps)


# accepted_not_carried_out: the special procedures' side, which ui/awaiting.py asks for itself.
LOADERS = (load, accepted_not_carried_out, load_trends, load_map)
