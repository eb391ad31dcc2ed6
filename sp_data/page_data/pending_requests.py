"""The Pending requests page's data: States with N or more pending requests (N: filters.threshold), every request."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from sp_data.collation import localized
from sp_data.facts import facts
from sp_data.figures import Facts
from sp_data.params import Filters
from sp_data.visits import pending_requests, pending_states
from sp_data.wording import named


@dataclass(frozen=True)
class PendingRequestsData:
    """The States with N or more pending requests, their summary, the figures and every pending request."""

    states: pl.DataFrame
    summary: dict[str, Any]  # visits.pending_states' summary: states, no_acceptance, no_acceptance_names
    facts: Facts  # the states topic of facts()
    requests: pl.DataFrame  # with the names a person reads (named()), in the reader's language and order


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> PendingRequestsData:
    """The page's data for the threshold in the filters (the page's control; 5 by default, as Filters has it)."""
    pending = pending_states(con, filters)  # the States and their summary: one query
    return PendingRequestsData(states=pending["states"], summary=pending["summary"],
                               facts=facts(con, filters, "states"),
                               requests=localized(named(pending_requests(con, filters), filters.as_at),
                                                  ["name", "first_request_on"]))


LOADERS = (load,)
