"""Regional-group comparisons, trends over the years, and the data behind the world map."""
from __future__ import annotations

from functools import lru_cache

import duckdb
import polars as pl

from sp_data.coverage import COLUMN_NEEDS, blank, blank_years, coverage, unknown_keys
from sp_data.facts import states
from sp_data.params import Filters
from sp_data.paths import REFERENCE_DIR
from sp_data.queries import run


def by_group(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per regional group: visits, pending requests, communications and reply rates.

    A column the snapshot does not record for the period it needs is null (sp_data.coverage).
    """
    return blank(run(con, "by_group", **filters.bind()), unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))


def trends(con: duckdb.DuckDBPyConnection, filters: Filters, from_year: int, to_year: int) -> pl.DataFrame:
    """One row per (year, regional group): visits, communications, replies, reply rate (null in years not recorded)."""
    return blank_years(run(con, "trends", **filters.bind(), from_year=int(from_year), to_year=int(to_year)),
                       coverage(con))


def trends_total(con: duckdb.DuckDBPyConnection, filters: Filters, from_year: int, to_year: int) -> pl.DataFrame:
    """Trends summed over the selected groups: one row per year."""
    frame = trends(con, filters, from_year, to_year)
    total = (frame.group_by("year").agg(pl.col("visits").sum(), pl.col("communications").sum(),
                                        pl.col("substantively_replied").sum())
             .with_columns((100 * pl.col("substantively_replied") / pl.col("communications")).round(2)
                           .alias("reply_rate_percent"))
             .sort("year"))
    return blank_years(total, coverage(con))  # a sum of nothing recorded is not 0


@lru_cache(maxsize=1)
def iso_numeric() -> pl.DataFrame:
    """ISO 3166-1 numeric codes of the reference States, to place them on the map."""
    return pl.read_csv(REFERENCE_DIR / "states.csv", columns=["iso3", "iso_numeric"])


def map_data(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The per-State table with the numeric code the map's shapes are keyed by."""
    return states(con, filters).join(iso_numeric(), on="iso3", how="left")
