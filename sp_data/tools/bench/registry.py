"""The page registry: the data calls each page makes, as the benchmark replays them."""
from __future__ import annotations

import importlib.util

from sp_data.facts import data_extent
from sp_data.page_data import PAGES as PAGE_MODULES, module
from sp_data.params import Filters
from sp_data.tools.bench import legacy
from sp_data.tools.bench.call import PROFILE_MANDATE, PROFILE_STATE, Call

PAGES = tuple(PAGE_MODULES)
__all__ = ["PAGES", "PROFILE_MANDATE", "PROFILE_STATE", "Call", "page_calls"]


def has_module(page: str) -> bool:
    """Whether the page's data module (sp_data/page_data/<page>.py) exists yet."""
    return importlib.util.find_spec(PAGE_MODULES[page]) is not None


def page_calls(page: str, filters: Filters, extent: dict) -> list[Call]:
    """The data calls a page makes on a fresh session with these filters and default controls.

    The sidebar's data_extent comes first on every page, then the page's LOADERS with their defaults.
    A page whose data module is not written yet falls back to the list in legacy.py. tests/test_bench.py
    checks this against what each page really passes to view.data under AppTest, so it cannot drift.
    """
    if not has_module(page):
        return legacy.page_calls(page, filters, extent)
    return [Call(data_extent, ())] + [Call(loader, (filters,)) for loader in module(page).LOADERS]
