"""The special procedures' side: visits that States accepted and that the mandates have not yet carried out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.coverage import COLUMN_NEEDS, NOT_RECORDED, coverage, known, missing
from sp_data.params import Filters
from sp_data.plain import plain
from sp_data.profile import STATUS_WORDS, date_text
from sp_data.queries import run
from sp_data.wording import mandate_name


@dataclass(frozen=True)
class AcceptedNotCarriedOut:
    """The special procedures' side: the visits accepted and not yet carried out (see accepted_not_carried_out)."""

    threads: pl.DataFrame
    count: int | None
    oldest_accepted_on: dt.date | None
    longest_wait: str | None
    by_mandate: pl.DataFrame
    by_state: pl.DataFrame
    definition: str
    not_recorded: str | None


@dataclass(frozen=True)
class StateAwaiting:
    """The visits one State accepted that the special procedures have not yet carried out, and a sentence."""

    threads: pl.DataFrame
    text: str


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(months, 0)


def age_text(start: dt.date | None, end: dt.date) -> str | None:
    """The time from start to end in words: '1 year 8 months', '3 months', 'under a month'."""
    if start is None:
        return None
    months = months_between(start, end)
    years, months = divmod(months, 12)
    parts = ([f"{years} year{'s' if years != 1 else ''}"] if years else []) + (
        [f"{months} month{'s' if months != 1 else ''}"] if months else [])
    return " ".join(parts) if parts else "under a month"


def _with_words(frame: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Status in words and the ages of a thread ('1 year 8 months') added to a frame of threads."""
    return frame.with_columns(
        pl.col("status").replace_strict(STATUS_WORDS, default=pl.col("status")).alias("status_label"),
        pl.Series("accepted_ago", [age_text(d, as_at) for d in frame["accepted_on"]]
                  if "accepted_on" in frame.columns else [None] * frame.height, dtype=pl.String))


def accepted_not_carried_out(con: duckdb.DuckDBPyConnection, filters: Filters) -> AcceptedNotCarriedOut:
    """The special procedures' side, as at filters.as_at: visits accepted and not yet carried out.

    threads: queries/accepted_not_carried_out_list.sql plus status_label and accepted_ago, oldest
    acceptance first; longest_wait: '1 year 8 months' or None; by_mandate: mandate_id, mandate_title,
    mandate_short, visits, oldest_accepted_on; by_state: host, iso3, regional_group, visits,
    oldest_accepted_on; not_recorded: what the snapshot lacks, in words, when it holds no visit records
    for the period (count and oldest_accepted_on are then None, never 0), else None.
    """
    cov = coverage(con)
    threads = _with_words(run(con, "accepted_not_carried_out_list", as_at=filters.as_at,
                              regions=list(filters.regions)), filters.as_at)
    if not known(cov, COLUMN_NEEDS["accepted_not_carried_out"], filters.as_at):
        threads = threads.clear()
    agg = [pl.len().alias("visits"), pl.col("accepted_on").min().alias("oldest_accepted_on")]
    by_mandate = (threads.group_by("mandate_id", "mandate_title").agg(agg)
                  .sort(["visits", "mandate_title"], descending=[True, False]))
    by_mandate = by_mandate.with_columns(pl.Series("mandate_short", [mandate_name(m, t) for m, t in by_mandate.select(
        "mandate_id", "mandate_title").iter_rows()], dtype=pl.String))
    by_state = (threads.group_by("host", "iso3", "regional_group").agg(agg)
                .sort(["visits", "host"], descending=[True, False]))
    oldest = min(threads["accepted_on"].drop_nulls().to_list(), default=None)
    gap = missing(cov, ("visits",), "history", filters.as_at)
    return AcceptedNotCarriedOut(threads=threads, count=None if gap else threads.height, oldest_accepted_on=oldest,
                                 longest_wait=age_text(oldest, filters.as_at), by_mandate=by_mandate,
                                 by_state=by_state, definition=plain("accepted_not_carried_out"), not_recorded=gap)


def awaiting_text(threads: pl.DataFrame, as_at: dt.date) -> str:
    """'Awaiting the special procedures: 2 accepted visits, the oldest accepted in March 2022.'"""
    n = threads.height
    if n == 0:
        return f"Awaiting the special procedures: no accepted visit is waiting to be carried out as at {date_text(as_at)}."
    oldest = min(threads["accepted_on"].drop_nulls().to_list(), default=None)
    when = f"accepted in {oldest:%B %Y}" if oldest else "postponed before any acceptance was recorded"
    if n == 1:
        return f"Awaiting the special procedures: 1 accepted visit, {when}."
    return f"Awaiting the special procedures: {n} accepted visits, the oldest {when}."


def state_awaiting(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str) -> StateAwaiting:
    """The visits one State accepted that the special procedures have not yet carried out (whatever
    the group filter, as for the rest of a State's profile)."""
    threads = _with_words(run(con, "accepted_not_carried_out_list", as_at=filters.as_at, regions=[]),
                          filters.as_at).filter((pl.col("host_kind") == "state") & (pl.col("iso3") == iso3))
    if not known(coverage(con), COLUMN_NEEDS["accepted_not_carried_out"], filters.as_at):
        return StateAwaiting(threads.clear(), f"Awaiting the special procedures: {NOT_RECORDED}.")
    return StateAwaiting(threads, awaiting_text(threads, filters.as_at))
