"""Each page's data, from one module per page (sp_data/page_data/<page>.py, page = its file name in pages/).

A module holds the page's loaders, `load(con, filters, <controls with defaults>)` returning a frozen
dataclass, and `LOADERS`, the loaders in the order the page calls them through the cache. The
benchmark calls exactly these, with their defaults; tests/test_bench.py checks that the pages do too.
"""
from __future__ import annotations

import importlib
from types import ModuleType

# Module paths, imported when asked for: a page imports only its own module.
PAGES = {
    "overview": "sp_data.page_data.overview",
    "profile": "sp_data.page_data.profile",
    "compare": "sp_data.page_data.compare",
    "country_visits": "sp_data.page_data.country_visits",
    "never_visited": "sp_data.page_data.never_visited",
    "pending_requests": "sp_data.page_data.pending_requests",
    "communications": "sp_data.page_data.communications",
    "standing_invitations": "sp_data.page_data.standing_invitations",
    "data": "sp_data.page_data.data",
    "mandate": "sp_data.page_data.mandate",
}


def module(page: str) -> ModuleType:
    """The page's data module (KeyError for a page that is not in PAGES)."""
    return importlib.import_module(PAGES[page])
