"""Standing invitations: who holds one as at a date, by regional group, and selective cooperation."""
from __future__ import annotations

import duckdb
import polars as pl

from sp_data.charts.base import NO_GROUP
from sp_data.collation import localized
from sp_data.params import Filters
from sp_data.queries import run


def listing(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Every State in the selected groups whose standing invitation was extended by the as-at date (names in the
    reader's language)."""
    return localized(run(con, "standing_invitations_list", **filters.bind()), ["status", "name"])


def in_force(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """States with a standing invitation as at the date, with the date it was extended."""
    return listing(con, filters).filter(pl.col("status") == "in_force")


def withdrawn(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """States that extended a standing invitation and withdrew it on or before the as-at date."""
    return listing(con, filters).filter(pl.col("status") == "withdrawn")


def by_group(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per regional group ("No group" for States in none): Member States, those with one, the share."""
    return run(con, "standing_invitations_by_group", **filters.bind()).with_columns(
        pl.col("regional_group").fill_null(NO_GROUP))


def selective(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """States with a standing invitation that have pending requests or no visit in five years."""
    return localized(run(con, "standing_invitations_selective", **filters.bind()), ["pending_requests", "name"],
                     [True, False])


def selective_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """How many States hold a standing invitation, and how many of them cooperate selectively, and why."""
    return _summary(in_force(con, filters), selective(con, filters))


def _summary(holding: pl.DataFrame, picky: pl.DataFrame) -> dict:
    return {
        "holding": holding.height,
        "selective": picky.height,
        "with_pending_requests": int(picky["has_pending_requests"].sum()),
        "no_visit_in_window": int(picky["no_visit_in_window"].sum()),
    }


def standing_invitations(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """in_force, withdrawn, selective and selective_summary (under those keys) from two queries."""
    listed = listing(con, filters)
    holding = listed.filter(pl.col("status") == "in_force")
    picky = selective(con, filters)
    return {"in_force": holding, "withdrawn": listed.filter(pl.col("status") == "withdrawn"),
            "selective": picky, "summary": _summary(holding, picky)}
