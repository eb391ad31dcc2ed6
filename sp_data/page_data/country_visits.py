"""The Country visits page's data: the year's visits and their counts, every open thread, the five-year window."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.facts import facts
from sp_data.local_names import localize
from sp_data.mandates import accepted_not_carried_out
from sp_data.figures import Facts
from sp_data.params import Filters
from sp_data.wording import named
from sp_data.visits import (five_plus_visits_window, not_visited_window, open_threads, thread_status_counts,
                            visits_breakdown)


@dataclass(frozen=True)
class CountryVisitsData:
    """The figures, visits, threads and window lists the page shows."""

    facts: Facts  # the states and visits topics of facts()
    visits: pl.DataFrame  # the visits carried out in the year
    by_host: pl.DataFrame
    by_mandate: pl.DataFrame
    by_group: pl.DataFrame
    status_counts: pl.DataFrame  # visit threads by status
    open_threads: pl.DataFrame
    not_visited: pl.DataFrame  # Member States not visited in the five-year window
    five_plus: pl.DataFrame  # Member States with five or more visits in the window


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> CountryVisitsData:
    """Everything the page shows but the special procedures' side (ui/awaiting.py asks for that itself),
    with the names a person reads (named()) in the reader's language."""
    breakdown = visits_breakdown(con, filters)  # the visits and their counts: one query
    return CountryVisitsData(
        facts=facts(con, filters, "states", "visits"), visits=localize(named(breakdown["visits"])),
        by_host=breakdown["host_key"], by_mandate=localize(named(breakdown["mandate_id"])),
        by_group=breakdown["regional_group"], status_counts=thread_status_counts(con, filters),
        open_threads=localize(named(open_threads(con, filters))),
        not_visited=not_visited_window(con, filters), five_plus=five_plus_visits_window(con, filters))


# The visits still owed are shown by ui/awaiting.py's section, which calls accepted_not_carried_out itself.
LOADERS = (load, accepted_not_carried_out)
