"""The Compare page's data: the States a reader can pick, then two to six States side by side."""
from __future__ import annotations

from collections.abc import Sequence

import unicodedata

import duckdb

from sp_data.compare import Comparison, comparison, companions, group_ranks
from sp_data.params import Filters
from sp_data.profile import state_choices, state_frame
from sp_data.profile_types import StateChoices
from sp_data.names import StateNames
from sp_data.state_search import resolver


def _folded(name: str) -> str:
    """A name as an alphabetical list sorts it: accents and case aside ('Égypte' among the E)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def load_choices(con: duckdb.DuckDBPyConnection, filters: Filters, state: str | None = None
                 ) -> tuple[StateChoices, tuple[str, ...]]:
    """Every State by name (in the reader's language, in its order), and the States shown when a link names
    none: the profile's State (else the picker's default) and the first two others of its regional group."""
    every = state_frame(con, filters)  # every State with its name and group: the choices and the companions
    choices = state_choices(con, filters, every)
    names = dict(zip(every["iso3"].to_list(), every["name"].to_list(), strict=True))
    # The reader's names, in the reader's alphabetical order.
    options = sorted(choices.options, key=lambda s: _folded(str(names.get(s) or s)))
    local = StateChoices(options, {s: names.get(s, choices.names.get(s, s)) for s in options}, choices.default)
    start = state if state in names else choices.default
    return local, companions(every, start)


def load(con: duckdb.DuckDBPyConnection, filters: Filters, states: Sequence[str] = ()) -> Comparison:
    """The States side by side: the profile's key figures, their ranks within their groups, their years
    (none given: the picker's default State and the first two others of its group)."""
    ranks = group_ranks(con, filters)  # asked once: the default States' companions and the comparison
    return comparison(con, filters, tuple(states) or companions(ranks, state_choices(con, filters).default), ranks)


def load_names(con: duckdb.DuckDBPyConnection, filters: Filters) -> StateNames:
    """Every State under every name it is known by, so that the picker takes any of them (the same for any filters)."""
    return resolver(con)


LOADERS = (load_choices, load_names, load)
