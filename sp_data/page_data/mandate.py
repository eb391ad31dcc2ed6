"""The Mandate profile page's data: the mandate picker's choices, then one mandate's profile."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from sp_data.mandate_types import MandateChoices, MandateProfile
from sp_data.mandates import UnknownMandate, mandate_choices, mandate_profile
from sp_data.params import Filters
from sp_data.wording import mandate_name


@dataclass(frozen=True)
class MandateData:
    """One mandate's profile as the page shows it, with the short name its charts use."""

    mandate_id: str
    profile: MandateProfile
    short_name: str


def load_choices(con: duckdb.DuckDBPyConnection, filters: Filters) -> MandateChoices:
    """The mandate picker: every mandate by title (in force first), and the default one (the first)."""
    return mandate_choices(con, filters)


def load(con: duckdb.DuckDBPyConnection, filters: Filters, mandate_id: str | None = None) -> MandateData:
    """The mandate's profile (None: the picker's default mandate); UnknownMandate when there is no such mandate."""
    mid = mandate_id if mandate_id is not None else mandate_choices(con, filters).default
    if mid is None:
        raise UnknownMandate("this snapshot holds no mandate")
    p = mandate_profile(con, filters, mid)
    return MandateData(mid, p, mandate_name(mid, p.title))


LOADERS = (load_choices, load)
