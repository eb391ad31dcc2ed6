"""The page registry: the data calls each page makes, as the benchmark replays them."""
from __future__ import annotations

from sp_data.facts import data_extent
from sp_data.page_data import PAGES as PAGE_MODULES, module
from sp_data.page_data.overview import default_years
from sp_data.params import Filters
from sp_data.tools.bench.call import PROFILE_MANDATE, PROFILE_STATE, Call

PAGES = tuple(PAGE_MODULES)
__all__ = ["PAGES", "PROFILE_MANDATE", "PROFILE_STATE", "Call", "page_calls"]


# The page's own control the benchmark sets, where it measures a page for one State or mandate, not the
# picker's default (the first by name): the same page the browser test opens.
EXAMPLE = {("profile", "load"): (PROFILE_STATE,), ("mandate", "load"): (PROFILE_MANDATE,)}


def page_calls(page: str, filters: Filters, extent: dict) -> list[Call]:
    """The data calls a page makes on a fresh session with these filters and default controls.

    The sidebar's data_extent comes first on every page, then the page's LOADERS with their defaults
    (or the control in EXAMPLE). tests/test_bench.py checks this against what each page really passes to
    view.data under AppTest, so it cannot drift.
    """
    # The Years slider's default, which the page passes from the sidebar's extent (a loader called without
    # it would ask for the extent again: a query the page does not run).
    first = (extent.get("first_date") or extent.get("last_date") or filters.as_at).year
    span = default_years(first, filters.as_at.year) if first < filters.as_at.year else (filters.as_at.year,) * 2
    controls = {**EXAMPLE, (page, "load_trends"): span}
    return [Call(data_extent, ())] + [Call(loader, (filters, *controls.get((page, loader.__name__), ())))
                                      for loader in module(page).LOADERS]
