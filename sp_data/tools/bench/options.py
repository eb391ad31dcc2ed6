"""bench's options: what the benchmark measures and how many times (imported by the command line, so light)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    """What the benchmark measures, and how many times (bench's command-line options)."""

    repeat: int = 20  # warm runs of each page's queries
    skip_pandas: bool = False
    skip_app: bool = False  # nothing that serves the app: no page views, browser or load
    skip_browser: bool = False
    skip_page_views: bool = False
    skip_load: bool = False
    views_repeat: int = 7  # uncached and cached page views per page
    openings: int = 3  # deep links per page in the browser (bundled; one at a larger scale)
    load_seconds: float = 60  # each load run through the proxy (the one-session run: at most 30 s)


DEFAULTS = Options()


def options_from(args) -> Options:
    return Options(repeat=args.repeat, skip_pandas=args.skip_pandas, skip_app=args.skip_app,
                   skip_browser=args.skip_browser, skip_page_views=args.skip_page_views, skip_load=args.skip_load,
                   views_repeat=args.views_repeat, openings=args.openings, load_seconds=args.load_seconds)


def add_arguments(p) -> None:
    """bench's options (sp_data/tools/commands.py adds them to the command line)."""
    p.add_argument("--scale", type=int, default=100,
                   help="also benchmark demo-xN, built in a scratch folder (default 100; 1: the bundled snapshot only)")
    p.add_argument("--repeat", type=int, default=20, help="warm runs of each page's queries (default 20)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON (progress goes to stderr)")
    p.add_argument("--check", action="store_true", help="exit with status 1 when a target is missed, listing them")
    p.add_argument("--skip-app", action="store_true",
                   help="do not start the app at all: no page views, no browser, no load (queries and processes only)")
    p.add_argument("--skip-browser", action="store_true",
                   help="do not open the pages in Chromium (deep link times and the app's memory)")
    p.add_argument("--skip-page-views", action="store_true", help="do not time the page views (one session)")
    p.add_argument("--skip-load", action="store_true",
                   help="do not run the load tests (1 session through one server; 24 and 100 through the proxy)")
    p.add_argument("--skip-pandas", action="store_true", help="do not compare with the pandas way")
    p.add_argument("--page-views-only", action="store_true",
                   help="only the page views on the bundled snapshot and the floor, against their targets")
    p.add_argument("--views-repeat", type=int, default=7,
                   help="page views per page, uncached and cached each (default 7)")
    p.add_argument("--openings", type=int, default=3,
                   help="deep link openings per page in Chromium, bundled snapshot (default 3; the median is judged)")
    p.add_argument("--load-seconds", type=float, default=60,
                   help="seconds of each load run through the proxy (default 60; one session alone: at most 30)")
