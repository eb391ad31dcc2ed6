"""The typed results of a State's profile (sp_data.profile): read by attribute, so that a misspelt name fails the
type check."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from sp_data.choices import Choices


@dataclass(frozen=True)
class StateChoices(Choices):
    """The States a profile can be shown for: iso3 codes by name, their names, and the page's default
    (the first State by name in the selected groups, else the first of all; None when there is none)."""


@dataclass(frozen=True)
class GroupMedians:
    """The State's regional group (queries/state_profile.sql): its size and its median State's figures."""

    states: int | None
    median_pending_requests: float | None
    median_visits_5y: float | None
    median_reply_rate_percent: float | None
    states_with_communications: int | None


@dataclass(frozen=True)
class StateFigures:
    """A State's row of queries/state_profile.sql; a figure the snapshot does not record is None
    (its key in not_recorded, sp_data.coverage.COLUMN_NEEDS), never 0."""

    iso3: str
    name: str
    regional_group: str | None
    un_status: str
    in_selection: bool
    window_start: dt.date
    standing_invitation: bool | None
    standing_invitation_since: dt.date | None
    standing_invitation_withdrawn_on: dt.date | None
    ever_visited: bool | None
    never_visited_category: str | None
    last_visit_on: dt.date | None
    first_request_on: dt.date | None
    visits_in_year: int | None
    visits_5y: int | None
    request_in_5y: bool | None
    pending_requests: int | None
    oldest_pending_request_on: dt.date | None
    pending_reminders: int | None
    five_plus_pending: bool | None
    accepted_in_5y: bool | None
    communications_in_year: int | None
    substantive_replied_in_year: int | None
    reply_rate_percent: float | None
    group: GroupMedians
    not_recorded: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyFigure:
    """A headline figure of the profile; comparison ('vs APG median 4') and delta ('+4'; percentage
    points for the reply rate) are None for a figure not compared, or a State in no group."""

    key: str
    label: str
    value: bool | int | float | dt.date | None
    display: str
    group_median: float | None
    comparison: str | None
    delta: str | None
    definition: str


@dataclass(frozen=True)
class ProfileNotes:
    """Why a part of the profile is empty, in words (None when it is not): the State outside the
    selected groups or in no group, and each section."""

    selection: str | None
    group: str | None
    threads: str | None
    pending: str | None
    visits: str | None
    communications: str | None
    country_mandates: str | None


@dataclass(frozen=True)
class StateProfile:
    """Everything a one-page briefing on one State needs, as at as_at (see `profile`)."""

    iso3: str
    name: str
    regional_group: str | None
    group_name: str | None
    un_status: str
    in_selection: bool
    as_at: dt.date
    period: str
    window_start: dt.date
    figures: StateFigures
    summary: str
    standing_invitation: str
    key_figures: tuple[KeyFigure, ...]
    threads: pl.DataFrame
    events: pl.DataFrame
    pending: pl.DataFrame
    visits: pl.DataFrame
    communications: pl.DataFrame
    communication_years: tuple[int, int] | None
    country_mandates: pl.DataFrame
    notes: ProfileNotes
