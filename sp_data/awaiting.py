"""The special procedures' side: visits that States accepted and that the mandates have not yet carried out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.coverage import COLUMN_NEEDS, NOT_RECORDED, coverage, known, missing
from sp_data.i18n import _, month_year, n_, number
from sp_data.local_names import localize, state_name
from sp_data.params import Filters
from sp_data.plain import plain
from sp_data.profile import STATUS_WORDS, date_text, sort_key, words
from sp_data.queries import run
from sp_data.wording import age_text as words_age
from sp_data.wording import group_abbreviation, mandate_name


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
    """The time from start to end in words, in the reader's language: '1 year 8 months', '3 months', 'under a month'."""
    return None if start is None else words_age(start, end)


def local_hosts(frame: pl.DataFrame, column: str = "host", kind: str = "host_kind") -> pl.DataFrame:
    """A frame's hosts (or recipients) that are States named in the reader's language (by their iso3)."""
    if frame.height == 0 or column not in frame.columns or "iso3" not in frame.columns:
        return frame
    kinds = frame[kind].to_list() if kind in frame.columns else ["state"] * frame.height
    # A territory, an institution or a non-State actor keeps the name the records give it (no reference table names
    # it in other languages); passed through state_name all the same, so that the tests' pseudo-language marks it.
    return frame.with_columns(pl.Series(column, [
        state_name(iso3 if k == "state" else None, name) if name is not None else None
        for k, iso3, name in zip(kinds, frame["iso3"], frame[column], strict=True)], dtype=pl.String))


def _with_words(frame: pl.DataFrame, as_at: dt.date) -> pl.DataFrame:
    """Status in words and the ages of a thread ('1 year 8 months') added to a frame of threads."""
    frame = local_hosts(localize(frame))
    return frame.with_columns(
        pl.col("status").replace_strict(words(STATUS_WORDS), default=pl.col("status")).alias("status_label"),
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
                  .with_columns(pl.col("mandate_title").map_elements(sort_key, return_dtype=pl.String).alias("_key"))
                  .sort(["visits", "_key"], descending=[True, False]).drop("_key"))
    by_mandate = by_mandate.with_columns(pl.Series("mandate_short", [mandate_name(m, t) for m, t in by_mandate.select(
        "mandate_id", "mandate_title").iter_rows()], dtype=pl.String))
    by_state = (threads.group_by("host", "iso3", "regional_group").agg(agg)
                .with_columns(pl.col("host").map_elements(sort_key, return_dtype=pl.String).alias("_key"))
                .sort(["visits", "_key"], descending=[True, False]).drop("_key"))
    by_state = by_state.with_columns(pl.Series("regional_group", [group_abbreviation(g) if g else g for g in
                                                                  by_state["regional_group"]], dtype=pl.String))
    oldest = min(threads["accepted_on"].drop_nulls().to_list(), default=None)
    gap = missing(cov, ("visits",), "history", filters.as_at)
    return AcceptedNotCarriedOut(threads=threads, count=None if gap else threads.height, oldest_accepted_on=oldest,
                                 longest_wait=age_text(oldest, filters.as_at), by_mandate=by_mandate,
                                 by_state=by_state, definition=plain("accepted_not_carried_out"), not_recorded=gap)


def awaiting_text(threads: pl.DataFrame, as_at: dt.date) -> str:
    """'Awaiting the special procedures: 2 accepted visits, the oldest accepted in March 2022.'"""
    n = threads.height
    if n == 0:
        return _("Awaiting the special procedures: no accepted visit is waiting to be carried out as at {date}.").format(
            date=date_text(as_at))
    oldest = min(threads["accepted_on"].drop_nulls().to_list(), default=None)
    if oldest:
        return n_("Awaiting the special procedures: {n} accepted visit, accepted in {month}.",
                  "Awaiting the special procedures: {n} accepted visits, the oldest accepted in {month}.", n).format(
            n=number(n), month=month_year(oldest))
    return n_("Awaiting the special procedures: {n} accepted visit, postponed before any acceptance was recorded.",
              "Awaiting the special procedures: {n} accepted visits, the oldest postponed before any acceptance was "
              "recorded.", n).format(n=number(n))


def state_awaiting(con: duckdb.DuckDBPyConnection, filters: Filters, iso3: str) -> StateAwaiting:
    """The visits one State accepted that the special procedures have not yet carried out (whatever
    the group filter, as for the rest of a State's profile)."""
    threads = _with_words(run(con, "accepted_not_carried_out_list", as_at=filters.as_at, regions=[]),
                          filters.as_at).filter((pl.col("host_kind") == "state") & (pl.col("iso3") == iso3))
    if not known(coverage(con), COLUMN_NEEDS["accepted_not_carried_out"], filters.as_at):
        return StateAwaiting(threads.clear(), _("Awaiting the special procedures: {not_recorded}.").format(
            not_recorded=_(NOT_RECORDED)))
    return StateAwaiting(threads, awaiting_text(threads, filters.as_at))
