"""Page views: the server time of opening each page by deep link, one session at a time, against the floor.

The app is served (browser.serve) and driven with the load harness's open_deep_link (a new session over
Streamlit's websocket, timed until its script run finishes). After a warm-up (every page once, so that the
imports and the snapshot's connection are done), each page is opened `repeat` times with filters no page
has been opened with yet ("uncached": the page's data calls run) and each time once more with the same link
("cached": its data comes from Streamlit's cache). The floor is the same harness against a one-line
Streamlit page: the least a page view costs on this stack; every page's medians are also given as multiples
of it.

    python -m sp_data.tools.bench.page_views [--repeat N] [--pages overview profile ...] [--port P] [--json]
    python -m sp_data bench --page-views-only      # the same, inside the benchmark's report
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import random
import statistics
import sys
import time
from pathlib import Path
from collections.abc import Callable, Iterator

from sp_data.paths import BUNDLED_SNAPSHOT_ID
from sp_data.tools.bench.browser import CONTROLS, FLOOR_PAGE, serve, serve_floor
from sp_data.tools.bench.load import GROUPS, open_deep_link
from sp_data.tools.bench.registry import PAGES

WARM_UP = "year=2015"  # a filter set the measured views never use


def filter_sets(seed: int = 13) -> Iterator[str]:
    """Year and regional groups combinations, each once (8 years x 32 sets of groups), in a shuffled order."""
    combos = [(year, groups) for year in range(2016, 2024)
              for n in range(len(GROUPS) + 1) for groups in itertools.combinations(GROUPS, n)]
    random.Random(seed).shuffle(combos)
    for year, groups in combos:
        yield "&".join([f"year={year}"] + [f"groups={g}" for g in groups])


def deep_link(page: str, filters: str) -> str:
    """The query string of a deep link to the page with these filters and the page's own controls."""
    return "&".join(q for q in (CONTROLS.get(page, ""), filters) if q)


def ws_url(base: str) -> str:
    return base.replace("http://", "ws://") + "/_stcore/stream"


async def view(url: str, page: str, query: str) -> float:
    """One page view in a new session: seconds until its script run finished; an error if it showed one."""
    started = time.perf_counter()
    shown = await open_deep_link(url, page, query)
    seconds = time.perf_counter() - started
    if shown["exceptions"] or shown["page_not_found"]:
        raise RuntimeError(f"/{page}?{query}: " + ("page not found" if shown["page_not_found"] else
                                                   "; ".join(shown["exceptions"])))
    return seconds


def median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


async def _floor(url: str, repeat: int) -> list[float]:
    await view(url, "", "")  # warm-up: the first run imports the script's modules
    return [await view(url, "", "") for _ in range(repeat)]


def floor(repeat: int = 7, port: int | None = None, log: Callable = print) -> dict:
    """The one-line Streamlit page under the same harness (served from the project root, with its config)."""
    with serve_floor(port) as base:
        times = asyncio.run(_floor(ws_url(base), repeat))
    result = {"page": FLOOR_PAGE, "median_ms": median_ms(times), "runs_ms": [round(t * 1000, 1) for t in times]}
    log(f"  page views: the floor (a one-line Streamlit page) median {result['median_ms']} ms of {repeat}")
    return result


async def _pages(url: str, pages: list[str], repeat: int, log: Callable) -> dict:
    warm = {page: await view(url, page, deep_link(page, WARM_UP)) for page in pages}
    unseen = filter_sets()
    out = {}
    for page in pages:
        uncached, cached = [], []
        for _ in range(repeat):
            query = deep_link(page, next(unseen))
            uncached.append(await view(url, page, query))
            cached.append(await view(url, page, query))
        out[page] = {"uncached_ms": median_ms(uncached), "cached_ms": median_ms(cached),
                     "warm_up_ms": round(warm[page] * 1000, 1),
                     "uncached_runs_ms": [round(t * 1000, 1) for t in uncached],
                     "cached_runs_ms": [round(t * 1000, 1) for t in cached],
                     "example": f"/{page}?{query}"}
        log(f"  page views: {page:22s} uncached median {out[page]['uncached_ms']:7.1f} ms, "
            f"cached {out[page]['cached_ms']:7.1f} ms (warm-up {out[page]['warm_up_ms']:.0f} ms)")
    return out


def page_views(snapshot_id: str = BUNDLED_SNAPSHOT_ID, parquet_dir: Path | None = None, repeat: int = 7,
               pages: list[str] | None = None, port: int | None = None, log: Callable = print) -> dict:
    """Every page's view time, uncached and cached (median of `repeat`), and as multiples of the floor."""
    env = {"SP_SNAPSHOT": snapshot_id}
    if parquet_dir is not None:
        env["SP_PARQUET_DIR"] = str(parquet_dir)
    pages = list(pages or PAGES)
    with serve(env, port=port) as (base, _):
        views = asyncio.run(_pages(ws_url(base), pages, repeat, log))
    bottom = floor(repeat, port=port, log=log)
    for v in views.values():
        v["uncached_floor_x"] = round(v["uncached_ms"] / bottom["median_ms"], 1)
        v["cached_floor_x"] = round(v["cached_ms"] / bottom["median_ms"], 1)
    return {"snapshot": snapshot_id, "repeat": repeat, "floor": bottom, "pages": views}


def table(result: dict) -> str:
    """The page views as a Markdown table, with multiples of the floor."""
    floor_ms = result["floor"]["median_ms"]
    lines = [f"Page views, one session at a time, median of {result['repeat']} (ms; x = multiple of the floor, "
             f"a one-line Streamlit page: {floor_ms} ms):", "",
             "| Page | uncached | x floor | cached | x floor |", "|---|---|---|---|---|"]
    for page, v in result["pages"].items():
        lines.append(f"| {page} | {v['uncached_ms']:.0f} | {v['uncached_floor_x']}x | {v['cached_ms']:.0f} | "
                     f"{v['cached_floor_x']}x |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sp_data.tools.bench.page_views", description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="uncached and cached views per page (default 7)")
    parser.add_argument("--pages", nargs="+", choices=PAGES, help="only these pages (default: every page)")
    parser.add_argument("--port", type=int, help="serve on this port (default: a free one)")
    parser.add_argument("--snapshot", default=BUNDLED_SNAPSHOT_ID, help="snapshot id (default: the bundled one)")
    parser.add_argument("--parquet-dir", type=Path, help="the snapshots folder, for a scaled snapshot")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON (progress goes to stderr)")
    args = parser.parse_args(argv)
    log = (lambda *a, **k: print(*a, **k, file=sys.stderr)) if args.json else print
    result = page_views(args.snapshot, args.parquet_dir, args.repeat, args.pages, args.port, log)
    print(json.dumps(result, indent=2) if args.json else "\n" + table(result))
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
