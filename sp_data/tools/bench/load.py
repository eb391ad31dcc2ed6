"""The load harness: people opening deep links at once over Streamlit's own websocket, each response checked.

Each simulated person speaks Streamlit's protocol (/_stcore/stream, protobuf BackMsg and ForwardMsg), as the
browser's front end does: a request opens a session at a deep link (page + query string: the shared filters
and the page's own controls) and reads the elements the script sends until the run finishes. Every response
must show what sp_data computes for exactly that session's filters; an exception element, a "page not found"
or a wrong value is an error. The server's memory is sampled throughout. Used by tests/test_load.py and the
benchmark (`python -m sp_data bench`).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import random
import threading
import time
from typing import Any

from sp_data.facts import facts
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.tools.bench.browser import tree_memory_mb
from sp_data.visits import pending_summary
from sp_data.wording import groups_text

GROUPS = ("AG", "APG", "EEG", "GRULAC", "WEOG")
STATES = ("IRN", "CHN", "USA", "BRA", "NGA", "FRA", "IND", "RUS", "KIR", "PSE")
FINISHED_SUCCESSFULLY, FINISHED_WITH_COMPILE_ERROR = 0, 1


def _query(params: list[tuple[str, str]]) -> str:
    return "&".join(f"{k}={v}" for k, v in params)


def requests_pool(con, rng: random.Random, size: int = 48) -> list[dict]:
    """Deep links with random filters, each with what the page must show for exactly those filters."""
    pool: list[dict] = []
    while len(pool) < size:
        year = rng.randint(2016, 2023)
        regions = tuple(sorted(rng.sample(GROUPS, rng.choice((0, 0, 1, 2)))))
        filters = Filters(dt.date(year, 12, 31), regions=regions)
        params = [("year", str(year))] + [("groups", g) for g in regions]
        # The header's caption says which filters the page applied.
        caption = f"Figures for **{year}**, as at **31 December {year}** · {groups_text(regions)}"
        page = rng.choice(("overview", "pending_requests", "profile", "never_visited"))
        texts = [caption]
        if page == "overview":
            f = facts(con, filters)
            expect = {"Visits carried out": f"{f['visits_in_year']:,}",
                      "Communications sent": f"{f['communications_sent']:,}",
                      "5+ pending, none accepted": f"{f['member_states_five_plus_pending_no_acceptance']:,}"}
        elif page == "pending_requests":
            n = rng.randint(1, 9)
            filters = Filters(filters.as_at, regions=regions, threshold=n)
            params.append(("threshold", str(n)))
            expect = {f"States with {n}+ pending requests": f"{pending_summary(con, filters)['states']}"}
        elif page == "profile":
            state = rng.choice(STATES)
            params.append(("state", state))
            p = profile(con, filters, state)
            expect = {"Pending requests": f"{p.figures.pending_requests:,}"}
            texts.append(p.name)
        else:
            f = facts(con, filters)
            expect = {"Never visited": f"{f['member_states_never_visited']:,}",
                      "…no request received": f"{f['never_visited_no_request']:,}"}
        pool.append({"page": page, "query": _query(params), "path": f"/{page}?{_query(params)}",
                     "expect": expect, "texts": texts})
    return pool


class Sampler(threading.Thread):
    """The server's resident memory (its whole process tree), every half second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.done = pid, threading.Event()
        self.samples: list[tuple[float, float]] = []

    def run(self):
        while not self.done.is_set():
            self.samples.append((time.monotonic(), tree_memory_mb(self.pid)["rss_mb"]))
            self.done.wait(0.5)


async def open_deep_link(url: str, page: str, query: str, timeout: float = 120) -> dict:
    """One request: a new session at page?query; what its last complete script run showed."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    shown: dict[str, Any] = {"metrics": {}, "texts": [], "exceptions": [], "page_not_found": False}
    protocols: Any = ["streamlit"]
    async with websockets.connect(url, subprotocols=protocols, max_size=None, open_timeout=timeout) as ws:
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = page
        await ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts (again, after a rerun): forget the previous one
                shown = {"metrics": {}, "texts": [], "exceptions": [], "page_not_found": shown["page_not_found"]}
            elif kind == "page_not_found":
                shown["page_not_found"] = True
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                el = msg.delta.new_element
                what = el.WhichOneof("type")
                if what == "metric":
                    shown["metrics"][el.metric.label] = el.metric.body
                elif what in ("markdown", "heading"):
                    shown["texts"].append(getattr(el, what).body)
                elif what == "exception":
                    shown["exceptions"].append(f"{el.exception.type}: {el.exception.message}"[:300])
            elif kind == "script_finished" and msg.script_finished in (FINISHED_SUCCESSFULLY,
                                                                      FINISHED_WITH_COMPILE_ERROR):
                return shown


def check(item: dict, shown: dict) -> list[str]:
    """What is wrong with a response to this request (nothing: an empty list)."""
    problems = list(shown["exceptions"])
    if shown["page_not_found"]:
        problems.append("page not found")
    for label, value in item["expect"].items():
        if shown["metrics"].get(label) != value:
            problems.append(f"{label!r} shows {shown['metrics'].get(label)!r}, expected {value!r}")
    text = "\n".join(shown["texts"])
    problems += [f"no {t!r}" for t in item["texts"] if t not in text]
    return problems


async def user(url: str, pool: list[dict], rng: random.Random, deadline: float, log: list[dict]):
    """One person: opens deep links with random filters, one after the other, until the deadline."""
    while time.monotonic() < deadline:
        item = rng.choice(pool)
        started = time.perf_counter()
        try:
            problems = check(item, await open_deep_link(url, item["page"], item["query"]))
        except Exception as exc:  # a timeout or a dropped connection is an error of this request
            problems = [f"{type(exc).__name__}: {str(exc)[:200]}"]
        log.append({"path": item["path"], "seconds": round(time.perf_counter() - started, 3), "problems": problems})


async def drive(url: str, pool: list[dict], sessions: int, seconds: float) -> list[dict]:
    log: list[dict] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(user(url, pool, random.Random(i), deadline, log) for i in range(sessions)))
    return log


def summarize(log: list[dict], samples: list[tuple[float, float]], sessions: int, elapsed: float) -> dict:
    """Sessions, requests, errors, median and slowest seconds, and the server's memory over the run."""
    errors = [r for r in log if r["problems"]]
    rss = [mb for _, mb in samples]
    third = max(1, len(rss) // 3)
    times = sorted(r["seconds"] for r in log)
    return {
        "sessions": sessions, "seconds": round(elapsed, 1), "requests": len(log), "errors": len(errors),
        "distinct_requests": len({r["path"] for r in log}),
        "median_s": times[len(times) // 2] if times else None, "slowest_s": times[-1] if times else None,
        "slowest_path": max(log, key=lambda r: r["seconds"])["path"] if log else None,
        "rss_mb_start": rss[0] if rss else None, "rss_mb_max": max(rss, default=None),
        "rss_mb_end": rss[-1] if rss else None,
        "rss_mb_max_first_third": max(rss[:third], default=None),
        "rss_mb_max_last_third": max(rss[-third:], default=None),
        "first_errors": errors[:10],
    }
