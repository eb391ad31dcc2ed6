"""The facts and figures of a year and the per-State cooperation table, from the named queries."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import duckdb

from sp_data.coverage import COLUMN_NEEDS, NEEDS, blank, coverage, unknown_keys
from sp_data.figures import BY_KEY, PUBLISHED, Facts
from sp_data.params import Filters
from sp_data.queries import rows, run

if TYPE_CHECKING:
    import polars as pl

# The annual report's figures, in the order `facts --json` prints them (their labels: sp_data.figures).
FACT_KEYS = tuple(f.key for f in PUBLISHED)


# The one-row questions (the facts, the data's extent) are read as plain rows (sp_data.queries.rows): the
# values are the Python values a frame's row gives, and `facts` then starts without Polars.
def _one_row(found: list[dict]) -> dict:
    return found[0] if found else {}


def default_as_at(con: duckdb.DuckDBPyConnection) -> dt.date:
    """31 December of the snapshot's latest complete calendar year (today if it holds no dates)."""
    year = _one_row(rows(con, "data_extent")).get("latest_complete_year")
    return dt.date(int(year), 12, 31) if year is not None else dt.date.today()


def data_extent(con: duckdb.DuckDBPyConnection) -> dict:
    """First and last dates in the snapshot and its latest complete year."""
    return _one_row(rows(con, "data_extent"))


# The figures come from four queries, one per topic (queries/facts_<topic>.sql).
FACT_TOPICS = ("mandates", "states", "visits", "communications")


def facts(con: duckdb.DuckDBPyConnection, filters: Filters, *topics: str) -> Facts:
    """The facts-and-figures values for the year of the as-at date (the registry's order, then extras).

    With topics, only those topics' queries run: a page showing some figures pays for those. A figure
    whose records the snapshot does not hold for the period it needs is None (sp_data.coverage.NEEDS)
    and listed in not_recorded, as opposed to a rate of nothing (reply rate with no letter sent).
    """
    unknown = [t for t in topics if t not in FACT_TOPICS]
    if unknown:
        raise ValueError(f"unknown facts topic(s) {', '.join(unknown)}; known: {', '.join(FACT_TOPICS)}")
    params = filters.bind()
    values: dict = {}
    for topic in [t for t in FACT_TOPICS if t in topics] if topics else FACT_TOPICS:
        values.update(_one_row(rows(con, f"facts_{topic}", **params)))
    missing = unknown_keys(coverage(con), NEEDS, filters.as_at) & values.keys()
    values.update(dict.fromkeys(missing, None))
    ordered = {key: values[key] for key in BY_KEY if key in values}
    ordered.update({k: v for k, v in values.items() if k not in ordered})
    return Facts(ordered, tuple(sorted(missing)))


def published_facts(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Exactly the annual report's figures, in FACT_KEYS order."""
    return facts(con, filters).published()


def states(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The per-State cooperation table (one row per State in the selected groups).

    A column whose records the snapshot does not hold for the period it needs is null
    (sp_data.coverage.COLUMN_NEEDS).
    """
    return blank(run(con, "states", **filters.bind()), unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))
