"""Country visits, thread statuses, never-visited States and pending requests, from the named queries."""
from __future__ import annotations

import duckdb
import polars as pl

from sp_data.params import Filters
from sp_data.queries import run

# Never-visited categories in the order DESIGN.md gives them, with the words the pages show.
NEVER_VISITED_CATEGORIES = {
    "no_request": "No request",
    "requests_not_accepted": "Requests not accepted",
    "accepted_not_yet_conducted": "Accepted, not yet carried out",
}

# How visits in the year can be counted: the column grouped by -> the columns shown with it (first sorts ties).
VISIT_DIMENSIONS = {
    "host_key": ("host", "host_kind", "regional_group"),
    "mandate_id": ("mandate_title", "mandate_kind"),
    "regional_group": ("regional_group",),
}


def visits_carried_out(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per visit carried out in the year up to the as-at date (host, group, mandate, days)."""
    return run(con, "visits_carried_out", **filters.bind())


def visits_by(con: duckdb.DuckDBPyConnection, filters: Filters, dimension: str) -> pl.DataFrame:
    """Visits in the year counted by host, mandate or regional group (most first, then by name).

    A plain count of visits_carried_out's rows, so the visit definition stays in its SQL file.
    """
    if dimension not in VISIT_DIMENSIONS:
        raise ValueError(f"dimension must be one of {', '.join(VISIT_DIMENSIONS)}, not {dimension!r}")
    return _count_by(visits_carried_out(con, filters), dimension)


def _count_by(frame: pl.DataFrame, dimension: str) -> pl.DataFrame:
    labels = VISIT_DIMENSIONS[dimension]
    keys = [dimension] + [c for c in labels if c != dimension]
    return (frame.group_by(keys).agg(pl.len().alias("visits"))
            .sort(["visits", labels[0]], descending=[True, False], nulls_last=True))


def visits_breakdown(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, pl.DataFrame]:
    """The visits carried out in the year ("visits") and their counts by each of VISIT_DIMENSIONS, from one query.

    What the Country visits page shows: one run of visits_carried_out instead of one per count.
    """
    frame = visits_carried_out(con, filters)
    return {"visits": frame, **{d: _count_by(frame, d) for d in VISIT_DIMENSIONS}}


def thread_status_counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Visit threads in each status as at the as-at date (every status, in the import format's order)."""
    return run(con, "thread_status_counts", **filters.bind())


def open_threads(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Threads whose status as at the as-at date is still open (requested to postponed)."""
    return run(con, "open_threads", **filters.bind())


def not_visited_window(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Member States with no visit in the five-year window, and whether they received a request in it."""
    return run(con, "not_visited_window", **filters.bind())


def five_plus_visits_window(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Member States with five or more visits in the five-year window."""
    return run(con, "five_plus_visits_window", **filters.bind())


def never_visited(con: duckdb.DuckDBPyConnection, filters: Filters, category: str | None = None) -> pl.DataFrame:
    """Never-visited Member States with their category, requests, dates and accepted mandates (one category if given)."""
    if category is not None and category not in NEVER_VISITED_CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(NEVER_VISITED_CATEGORIES)}, not {category!r}")
    frame = run(con, "never_visited", **filters.bind())
    return frame if category is None else frame.filter(pl.col("category") == category)


def never_visited_by_category(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, pl.DataFrame]:
    """never_visited for each category (in NEVER_VISITED_CATEGORIES order), from one query."""
    frame = never_visited(con, filters)
    return {c: frame.filter(pl.col("category") == c) for c in NEVER_VISITED_CATEGORIES}


def pending_by_state(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """States with at least filters.threshold pending requests, flagged when they accepted no visit in the window."""
    return run(con, "pending_by_state", **filters.bind())


def pending_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """States listed by pending_by_state, those flagged (no visit accepted in the window) and their names."""
    return _pending_summary(pending_by_state(con, filters))


def _pending_summary(frame: pl.DataFrame) -> dict:
    flagged = frame.filter(pl.col("no_acceptance_flag"))
    return {"states": frame.height, "no_acceptance": flagged.height,
            "no_acceptance_names": flagged.sort("name")["name"].to_list()}


def pending_states(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """pending_by_state ("states") and pending_summary ("summary") from one query."""
    frame = pending_by_state(con, filters)
    return {"states": frame, "summary": _pending_summary(frame)}


def pending_requests(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Every pending request (thread) as at the as-at date, with its first and latest request and age."""
    return run(con, "pending_requests", **filters.bind())
