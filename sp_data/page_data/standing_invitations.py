"""The Standing invitations page's data: who holds one, who withdrew it, by group, and selective cooperation."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import polars as pl

from sp_data.facts import facts
from sp_data.invitations import by_group, standing_invitations
from sp_data.figures import Facts
from sp_data.params import Filters


@dataclass(frozen=True)
class StandingInvitationsData:
    """The figures, the lists and the groups' shares the page shows."""

    facts: Facts  # the states topic of facts()
    in_force: pl.DataFrame
    withdrawn: pl.DataFrame
    selective: pl.DataFrame  # States that hold one yet cooperate selectively
    selective_summary: dict[str, Any]  # invitations.standing_invitations' summary: holding, selective, ...
    by_group: pl.DataFrame


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> StandingInvitationsData:
    """Everything the page shows (the lists: two queries)."""
    lists = standing_invitations(con, filters)
    return StandingInvitationsData(facts=facts(con, filters, "states"), in_force=lists["in_force"],
                                   withdrawn=lists["withdrawn"], selective=lists["selective"],
                                   selective_summary=lists["summary"], by_group=by_group(con, filters))


LOADERS = (load,)
