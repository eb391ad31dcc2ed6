"""The typed results of a mandate's profile (sp_data.mandates): read by attribute, so that a misspelt name fails
the type check."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from sp_data.choices import Choices


@dataclass(frozen=True)
class MandateChoices(Choices):
    """The mandates a profile can be shown for: ids by title (in force first, then ended ones), their
    titles ('(ended 2019)' for an ended mandate), and the page's default (the first; None when none)."""


@dataclass(frozen=True)
class MandateFigures:
    """A mandate's row of queries/mandate_summary.sql; a figure the snapshot does not record is None, never 0."""

    mandate_id: str
    title: str
    kind: str
    country_iso3: str | None
    country_name: str | None
    established_on: dt.date
    ended_on: dt.date | None
    in_force: bool
    pending_requests: int | None
    oldest_pending_request_on: dt.date | None
    accepted_not_carried_out: int | None
    oldest_accepted_on: dt.date | None
    visits_in_year: int | None
    visits_5y: int | None
    last_visit_on: dt.date | None
    communications_in_year: int | None
    substantive_replied_in_year: int | None
    reply_rate_percent: float | None


@dataclass(frozen=True)
class MandateKeyFigure:
    """A headline figure of the mandate's profile, in words."""

    label: str
    display: str
    definition: str


@dataclass(frozen=True)
class CountryAccess:
    """A country mandate's access to the State it concerns (a row of queries/country_mandate_access.sql)."""

    mandate_id: str
    title: str
    country_iso3: str | None
    host_iso3: str
    host_name: str
    regional_group: str | None
    access: str
    threads: int | None
    last_request_on: dt.date | None
    last_visit_on: dt.date | None


@dataclass(frozen=True)
class MandateNotes:
    """Why a part of the mandate's profile is empty, in words (None when it is not)."""

    durations: str | None
    threads: str | None
    pending: str | None
    accepted: str | None
    visits: str | None
    communications: str | None
    country: str | None


@dataclass(frozen=True)
class MandateProfile:
    """Everything the mandate page and its briefing show, as at as_at (see `mandate_profile`)."""

    mandate_id: str
    title: str
    kind: str
    country_iso3: str | None
    country_name: str | None
    established_on: dt.date
    ended_on: dt.date | None
    in_force: bool
    status_text: str
    as_at: dt.date
    period: str
    window_start: dt.date
    figures: MandateFigures
    summary: str
    key_figures: tuple[MandateKeyFigure, ...]
    threads: pl.DataFrame
    events: pl.DataFrame
    pending: pl.DataFrame
    accepted: pl.DataFrame
    visits: pl.DataFrame
    requests_by_state: pl.DataFrame
    visits_by_year: pl.DataFrame
    durations: pl.DataFrame
    communications: pl.DataFrame
    communications_by_state: pl.DataFrame
    country_access: CountryAccess | None
    country_threads: pl.DataFrame | None
    notes: MandateNotes
    visits_not_recorded: str | None
