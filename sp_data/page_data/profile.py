"""The Cooperation profile page's data: the State picker's choices and the names it takes, then one State's
profile, the visits it accepted that the special procedures have not yet carried out, and its group's ranks."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.awaiting import StateAwaiting, state_awaiting
from sp_data.compare import group_ranks
from sp_data.params import Filters
from sp_data.profile import UnknownState, profile, state_choices
from sp_data.names import StateNames
from sp_data.profile_types import StateChoices, StateProfile
from sp_data.state_search import resolver


@dataclass(frozen=True)
class ProfileData:
    """One State's profile as the page shows it."""

    iso3: str
    profile: StateProfile
    awaiting: StateAwaiting


def load_choices(con: duckdb.DuckDBPyConnection, filters: Filters) -> StateChoices:
    """The State picker: every State by name, and the default one (the first of the selected groups)."""
    return state_choices(con, filters)


def load(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str | None = None) -> ProfileData:
    """The State's profile (None: the picker's default State); UnknownState when there is no such State."""
    code = iso3 if iso3 is not None else state_choices(con, filters).default
    if code is None:
        raise UnknownState("this snapshot holds no State")
    return ProfileData(code, profile(con, filters, code), state_awaiting(con, filters, code))


def load_ranks(con: duckdb.DuckDBPyConnection, filters: Filters, group: str | None = None) -> pl.DataFrame:
    """The States of a regional group (None: every State) with their key figures and ranks within the group."""
    return group_ranks(con, filters, (group,) if group else ())


def load_names(con: duckdb.DuckDBPyConnection, filters: Filters) -> StateNames:
    """Every State under every name it is known by, so that the picker takes any of them (the same for any filters:
    a State outside the selected groups can still be named)."""
    return resolver(con)


LOADERS = (load_choices, load_names, load, load_ranks)
