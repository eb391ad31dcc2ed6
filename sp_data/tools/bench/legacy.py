"""The data calls of the pages whose data module (sp_data/page_data/<page>.py) is not written yet.

The old registry, kept only until every page has its module: registry.page_calls uses a page's
LOADERS as soon as its module exists. Delete this file once they all do.
"""
from __future__ import annotations

from collections.abc import Callable

from sp_data import communications as comm, coverage, groups, mandates, profile, visits
from sp_data.facts import data_extent, facts
from sp_data.params import Filters
from sp_data.tools.bench.call import PROFILE_MANDATE, PROFILE_STATE, Call

Calls = list[tuple[Callable, tuple]]


def _missing(filters: Filters, span: str, *kinds: str) -> tuple[Callable, tuple]:
    # missing_in and unknown_columns read the coverage kept with the connection: they run no query.
    return (coverage.missing_in, (filters, span, *kinds))


def _span(filters: Filters, extent: dict) -> tuple[int, int]:
    """The Years sliders' default: up to twelve years back from the filters' year."""
    year = filters.as_at.year
    first_year = (extent.get("first_date") or extent.get("last_date") or filters.as_at).year
    return (max(first_year, year - 12), year)


def _overview(filters: Filters, extent: dict) -> Calls:
    return [(facts, (filters,)), (mandates.accepted_not_carried_out, (filters,)), (groups.by_group, (filters,)),
            _missing(filters, "year", "visits"), (visits.visits_breakdown, (filters,)),
            _missing(filters, "year", "communications"), _missing(filters, "year", "communications", "replies"),
            (groups.trends, (filters, *_span(filters, extent))), (groups.map_data, (filters,))]


def _profile(filters: Filters, extent: dict) -> Calls:
    return [(profile.state_choices, (filters,)), (profile.profile, (filters, PROFILE_STATE)),
            (mandates.state_awaiting, (filters, PROFILE_STATE)), (coverage.unknown_columns, (filters,))]


def _mandate(filters: Filters, extent: dict) -> Calls:
    return [(mandates.mandate_choices, (filters,)), (mandates.mandate_profile, (filters, PROFILE_MANDATE)),
            (coverage.unknown_columns, (filters,))]


def _communications(filters: Filters, extent: dict) -> Calls:
    types = tuple(comm.TYPE_NAMES)  # every communication type selected
    return [_missing(filters, "year", "communications"), (facts, (filters, "communications")),
            _missing(filters, "year", "replies"), (comm.mandates, (filters,)),
            (comm.by_state, (filters, types, None)), (coverage.unknown_columns, (filters,)),
            (comm.by_actor, (filters, types, None)), (comm.by_type, (filters, None)),
            (comm.by_mandate, (filters, types)), (comm.reply_times, (filters, types, None)),
            (comm.trends, (filters, *_span(filters, extent), types, None))]


PAGES: dict[str, Callable[[Filters, dict], Calls]] = {
    "overview": _overview, "profile": _profile, "mandate": _mandate, "communications": _communications}


def page_calls(page: str, filters: Filters, extent: dict) -> list[Call]:
    """The data calls the page makes on a fresh session with these filters and default controls."""
    out: list[Call] = []
    for fn, args in [(data_extent, ())] + PAGES[page](filters, extent):
        call = Call(fn, args)
        if call not in out:  # a repeated call is a cache hit: it costs nothing the second time
            out.append(call)
    return out
