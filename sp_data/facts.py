"""The facts and figures of a year and the per-State cooperation table, from the named queries."""
from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from sp_data.coverage import COLUMN_NEEDS, NEEDS, blank, coverage, unknown_keys
from sp_data.params import Filters
from sp_data.queries import run

# The annual report's figures, in the order `facts --json` prints them.
FACT_KEYS = (
    "mandates_total", "mandates_thematic", "mandates_country",
    "standing_invitations_member_states", "standing_invitations_observer_states",
    "visits_in_year", "visit_hosts_states_territories", "visit_hosts_institutions",
    "member_states_visited", "member_states_never_visited", "never_visited_no_request",
    "never_visited_requests_not_accepted", "never_visited_accepted_not_yet_conducted",
    "member_states_not_visited_5y", "member_states_not_visited_5y_with_request",
    "member_states_five_plus_pending_no_acceptance", "member_states_five_plus_visits_5y",
    "communications_sent", "communications_joint", "communications_states_addressed",
    "communications_non_state_actors", "communications_individuals",
    "communications_individuals_female", "replies_received_in_year",
    "replies_received_in_year_substantive", "replies_to_year_communications",
    "replies_to_year_communications_substantive", "reply_rate_percent",
)

FACT_LABELS = {
    "mandates_total": "Mandates", "mandates_thematic": "Thematic mandates",
    "mandates_country": "Country mandates",
    "standing_invitations_member_states": "Member States with a standing invitation",
    "standing_invitations_observer_states": "Observer States with a standing invitation",
    "visits_in_year": "Country visits carried out in the year",
    "visit_hosts_states_territories": "States and territories visited in the year",
    "visit_hosts_institutions": "Institutions visited in the year",
    "member_states_visited": "Member States ever visited",
    "member_states_never_visited": "Member States never visited",
    "never_visited_no_request": "Never visited: no request",
    "never_visited_requests_not_accepted": "Never visited: requests not accepted",
    "never_visited_accepted_not_yet_conducted": "Never visited: accepted, not yet carried out",
    "member_states_not_visited_5y": "Member States not visited in five years",
    "member_states_not_visited_5y_with_request": "…of which received a request in five years",
    "member_states_five_plus_pending_no_acceptance": "Five or more pending requests, no visit accepted in five years",
    "member_states_five_plus_visits_5y": "Member States with five or more visits in five years",
    "communications_sent": "Communications sent in the year",
    "communications_joint": "Joint communications",
    "communications_states_addressed": "States addressed",
    "communications_non_state_actors": "Non-State actors addressed",
    "communications_individuals": "Individuals covered",
    "communications_individuals_female": "…of whom female",
    "replies_received_in_year": "Replies received in the year",
    "replies_received_in_year_substantive": "…of which substantive",
    "replies_to_year_communications": "Replies to the year's communications",
    "replies_to_year_communications_substantive": "…of which substantive",
    "reply_rate_percent": "Substantive reply rate (%)",
}


def _one_row(frame: pl.DataFrame) -> dict:
    return frame.row(0, named=True) if frame.height else {}


def default_as_at(con: duckdb.DuckDBPyConnection) -> dt.date:
    """31 December of the snapshot's latest complete calendar year (today if it holds no dates)."""
    year = _one_row(run(con, "data_extent")).get("latest_complete_year")
    return dt.date(int(year), 12, 31) if year is not None else dt.date.today()


def data_extent(con: duckdb.DuckDBPyConnection) -> dict:
    """First and last dates in the snapshot and its latest complete year."""
    return _one_row(run(con, "data_extent"))


# The figures come from four queries, one per topic (queries/facts_<topic>.sql).
FACT_TOPICS = ("mandates", "states", "visits", "communications")


def facts(con: duckdb.DuckDBPyConnection, filters: Filters, *topics: str) -> dict:
    """The facts-and-figures values for the year of the as-at date (FACT_KEYS order, then extras).

    With topics, only those topics' queries run: a page showing some figures pays for those. A figure
    whose records the snapshot does not hold for the period it needs is None (sp_data.coverage.NEEDS).
    """
    unknown = [t for t in topics if t not in FACT_TOPICS]
    if unknown:
        raise ValueError(f"unknown facts topic(s) {', '.join(unknown)}; known: {', '.join(FACT_TOPICS)}")
    params = filters.bind()
    values: dict = {}
    for topic in [t for t in FACT_TOPICS if t in topics] if topics else FACT_TOPICS:
        values.update(_one_row(run(con, f"facts_{topic}", **params)))
    unknown = unknown_keys(coverage(con), NEEDS, filters.as_at) & values.keys()
    values.update(dict.fromkeys(unknown, None))
    ordered = {key: values[key] for key in FACT_KEYS if key in values}
    ordered.update({k: v for k, v in values.items() if k not in ordered})
    # Which None means "not recorded", as opposed to a rate of nothing (reply rate with no letter sent).
    ordered["not_recorded"] = tuple(sorted(unknown))
    return ordered


def published_facts(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    """Exactly the annual report's figures, in FACT_KEYS order."""
    values = facts(con, filters)
    return {key: values[key] for key in FACT_KEYS}


def states(con: duckdb.DuckDBPyConnection, filters: Filters) -> pl.DataFrame:
    """The per-State cooperation table (one row per State in the selected groups).

    A column whose records the snapshot does not hold for the period it needs is null
    (sp_data.coverage.COLUMN_NEEDS).
    """
    return blank(run(con, "states", **filters.bind()), unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at))
