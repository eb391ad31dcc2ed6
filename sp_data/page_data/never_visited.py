"""The Never-visited States page's data: the figures and the States of each of the three categories."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.facts import facts
from sp_data.figures import Facts
from sp_data.params import Filters
from sp_data.visits import never_visited_by_category


@dataclass(frozen=True)
class NeverVisitedData:
    """The figures and, per category (visits.NEVER_VISITED_CATEGORIES order), its States."""

    facts: Facts  # the states topic of facts()
    by_category: dict[str, pl.DataFrame]


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> NeverVisitedData:
    """The tiles' figures and the three sections (one query for the three)."""
    return NeverVisitedData(facts=facts(con, filters, "states"), by_category=never_visited_by_category(con, filters))


LOADERS = (load,)
