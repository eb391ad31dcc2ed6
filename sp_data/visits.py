"""Country visits, thread statuses, never-visited States and pending requests, from the named queries."""
from __future__ import annotations

import duckdb
import polars as pl

from sp_data import i18n
from sp_data.collation import in_reader_order, localized
from sp_data.i18n import N_
from sp_data.local_names import state_name
from sp_data.params import Filters
from sp_data.queries import run
from sp_data.wording import Words

# Never-visited categories in the order DESIGN.md gives them, with the words the pages show (read translated).
NEVER_VISITED_CATEGORIES = Words({
    "no_request": N_("No request"),
    "requests_not_accepted": N_("Requests not accepted"),
    "accepted_not_yet_conducted": N_("Accepted, not yet carried out"),
})

# How visits in the year can be counted: the column grouped by -> the columns shown with it (first sorts ties).
VISIT_DIMENSIONS = {
    "host_key": ("host", "host_kind", "regional_group"),
    "mandate_id": ("mandate_title", "mandate_kind"),
    "regional_group": ("regional_group",),
}


def _hosts(frame: pl.DataFrame) -> pl.DataFrame:
    """Hosts that are States named in the reader's language (territories and institutions keep their names)."""
    if i18n.current() == i18n.ENGLISH or frame.height == 0:
        return frame
    return frame.with_columns(pl.Series("host", [
        state_name(iso3, host) if kind == "state" else host
        for kind, iso3, host in zip(frame["host_kind"], frame["iso3"], frame["host"], strict=True)], dtype=pl.String))


def visits_carried_out(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """One row per visit carried out in the year up to the as-at date (host, group, mandate, days)."""
    return _hosts(run(con, "visits_carried_out", **filters.bind()))


def visits_by(con: duckdb.DuckDBPyConnection, filters: Filters, dimension: str) -> pl.DataFrame:
    """Visits in the year counted by host, mandate or regional group (most first, then by name).

    A plain count of visits_carried_out's rows, so the visit definition stays in its SQL file.
    """
    if dimension not in VISIT_DIMENSIONS:
        raise ValueError(f"dimension must be one of {', '.join(VISIT_DIMENSIONS)}, not {dimension!r}")
    return _count_by(visits_carried_out(con, filters), dimension)


def _count_by(frame: pl.DataFrame, dimension: str) -> pl.DataFrame:
    labels = VISIT_DIMENSIONS[dimension]
    keys = [dimension] + [c for c in labels if c != dimension]
    counted = (frame.group_by(keys).agg(pl.len().alias("visits"))
               .sort(["visits", labels[0]], descending=[True, False], nulls_last=True))
    return in_reader_order(counted, ["visits", labels[0]], [True, False])


def visits_breakdown(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, pl.DataFrame]:
    """The visits carried out in the year ("visits") and their counts by each of VISIT_DIMENSIONS, from one query.

    What the Country visits page shows: one run of visits_carried_out instead of one per count.
    """
    frame = visits_carried_out(con, filters)
    return {"visits": frame, **{d: _count_by(frame, d) for d in VISIT_DIMENSIONS}}


def thread_status_counts(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Visit threads in each status as at the as-at date (every status, in the import format's order)."""
    return run(con, "thread_status_counts", **filters.bind())


def open_threads(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Threads whose status as at the as-at date is still open (requested to postponed); mandate titles in English
    (named() reads them), hosts in the reader's language."""
    return in_reader_order(_hosts(run(con, "open_threads", **filters.bind())), ["host", "first_request_on"])


def not_visited_window(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Member States with no visit in the five-year window, and whether they received a request in it."""
    return localized(run(con, "not_visited_window", **filters.bind()), ["name"])


def five_plus_visits_window(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Member States with five or more visits in the five-year window."""
    return localized(run(con, "five_plus_visits_window", **filters.bind()), ["visits_5y", "name"], [True, False])


def never_visited(con: duckdb.DuckDBPyConnection, filters: Filters, category: str | None = None) -> pl.DataFrame:
    """Never-visited Member States with their category, requests, dates and accepted mandates (one category if given)."""
    if category is not None and category not in NEVER_VISITED_CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(NEVER_VISITED_CATEGORIES)}, not {category!r}")
    frame = _accepted_mandates(localized(run(con, "never_visited", **filters.bind()), ["name"]))
    return frame if category is None else frame.filter(pl.col("category") == category)


def never_visited_by_category(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict[str, pl.DataFrame]:
    """never_visited for each category (in NEVER_VISITED_CATEGORIES order), from one query."""
    frame = never_visited(con, filters)
    return {c: frame.filter(pl.col("category") == c) for c in NEVER_VISITED_CATEGORIES}


def pending_by_state(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """States with at least filters.threshold pending requests, flagged when they accepted no visit in the window."""
    return localized(run(con, "pending_by_state", **filters.bind()), ["pending_requests", "name"], [True, False])


def pending_summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """States listed by pending_by_state, those flagged (no visit accepted in the window) and their names."""
    return _pending_summary(pending_by_state(con, filters))


def _pending_summary(frame: pl.DataFrame) -> dict:
    flagged = frame.filter(pl.col("no_acceptance_flag"))
    return {"states": frame.height, "no_acceptance": flagged.height,
            "no_acceptance_names": in_reader_order(flagged.sort("name"), ["name"])["name"].to_list()}


def pending_states(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """pending_by_state ("states") and pending_summary ("summary") from one query."""
    frame = pending_by_state(con, filters)
    return {"states": frame, "summary": _pending_summary(frame)}


def pending_requests(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """Every pending request (thread) as at the as-at date, with its first and latest request and age."""
    return run(con, "pending_requests", **filters.bind())


def _accepted_mandates(frame: pl.DataFrame) -> pl.DataFrame:
    """The accepted mandates' titles (joined by '; ') in the reader's language, by the reference table's English titles."""
    if i18n.current() == i18n.ENGLISH or "accepted_mandates" not in frame.columns or frame.height == 0:
        return frame
    from sp_data.local_names import mandate_title
    ids = _mandate_ids()
    return frame.with_columns(pl.Series("accepted_mandates", [
        None if text is None else "; ".join(mandate_title(ids.get(t), t) if t in ids else t for t in text.split("; "))
        for text in frame["accepted_mandates"]], dtype=pl.String))


def _mandate_ids() -> dict[str, str]:
    """English mandate title -> mandate id, from the reference table."""
    import csv

    from sp_data.paths import REFERENCE_DIR

    with open(REFERENCE_DIR / "mandates.csv", encoding="utf-8", newline="") as fh:
        return {row["title"]: row["mandate_id"] for row in csv.DictReader(fh)}
