"""Planning: how much of a page's query time DuckDB spends binding and optimising its SQL, not running it."""
from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Iterator

import duckdb

from sp_data import queries

# The phases of DuckDB's query profile that come before running: binding (macros expanded, names
# resolved), the optimiser's passes, and building the physical plan.
PLANNING_PHASES = ("planner", "optimizer", "physical_planner")


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Standard output and error (file descriptors 1 and 2) sent nowhere: a cursor's profiling prints each plan,
    and the connection's configuration, where that could be turned off, is locked once the snapshot is loaded.
    (The query's own errors still reach the caller: they are raised, not printed.)"""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        for fd, copy in zip((1, 2), saved, strict=True):
            os.dup2(copy, fd)
            os.close(copy)


def profile_query(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> tuple[float | None, float]:
    """One run of a named query, as sp_data.queries.run asks it: (seconds planning, seconds in all).

    Planning is None where DuckDB gives no profile (a plan it answers without operators, such as a count
    read off the table's statistics).
    """
    query, values = queries.bound(name, params)
    cursor = con.cursor()
    try:
        # A cursor's own profiling: the connection's configuration is locked once the snapshot is loaded.
        # fetchall, not Arrow: fetching as Arrow clears the profile before it can be read.
        cursor.enable_profiling()
        with _quiet():
            started = time.perf_counter()
            cursor.execute(query.sql, values).fetchall()
            seconds = time.perf_counter() - started
            profile = json.loads(cursor.get_profiling_information(format="json"))
    finally:
        cursor.close()
    if not all(phase in profile for phase in PLANNING_PHASES):
        return None, seconds
    return sum(profile[phase]["total_time"] for phase in PLANNING_PHASES), seconds


def _median_ms(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known) * 1000, 2) if known else None


def page_planning(con: duckdb.DuckDBPyConnection, asked: list[tuple[str, dict]], repeat: int = 5) -> dict:
    """Each query a page asked (name and parameters), run `repeat` times profiled: medians, and their sums.

    planning_ms: what binding and optimising the page's SQL takes, the least its queries can cost however
    fast they run; share: that part of the profiled runs' time (over the queries DuckDB gave a profile for).
    """
    per_query: list[dict] = []
    planning = total = 0.0
    for name, params in asked:
        runs = [profile_query(con, name, params) for _ in range(repeat)]
        planned, took = _median_ms([r[0] for r in runs]), _median_ms([r[1] for r in runs])
        per_query.append({"query": name, "planning_ms": planned, "total_ms": took})
        if planned is not None and took is not None:
            planning, total = planning + planned, total + took
    return {"planning_ms": round(planning, 1), "profiled_ms": round(total, 1),
            "share": round(planning / total, 2) if total else None,
            "not_profiled": [q["query"] for q in per_query if q["planning_ms"] is None], "queries": per_query}
