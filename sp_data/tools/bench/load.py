"""The load harness: people opening deep links at once over Streamlit's own websocket, each response checked.

Each simulated person speaks Streamlit's protocol (/_stcore/stream, protobuf BackMsg and ForwardMsg), as the
browser's front end does: a request opens a session at a deep link (page + query string: the shared filters
and the page's own controls) and reads the elements the script sends until the run finishes. Every response
must show what sp_data computes for exactly that session's filters; an exception element, a "page not found"
or a wrong value is an error. The server's memory is sampled throughout. Used by tests/test_load.py and the
benchmark (`python -m sp_data bench`), and through nginx by sp_data/tools/bench/proxy_load.py.

Each person is a browser with its own cookies: before its first websocket it GETs the page's HTML, as a
browser does, and sends the cookies it was given (nginx's `sp_backend`, Streamlit's `_streamlit_xsrf`) with
every later request. Behind the proxy (sp_data/tools/cluster.py) that cookie keeps the person on one
process, and each request records which process served it (the handshake's X-SP-Backend header).
"""
from __future__ import annotations

import asyncio
import datetime as dt
import http.cookies
import random
import threading
import time
import urllib.error
import urllib.request
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


class Browser:
    """One person's cookies, as a browser keeps them: set by responses, sent with every later request."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def header(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}

    def keep(self, set_cookie_headers: list[str]) -> None:
        for line in set_cookie_headers:
            jar = http.cookies.SimpleCookie()
            jar.load(line)
            self.cookies.update({k: m.value for k, m in jar.items()})

    def get(self, url: str, timeout: float = 120) -> tuple[int, dict, bytes]:
        """GET with this browser's cookies (blocking): status, headers (lower-case names), body."""
        request = urllib.request.Request(url, headers=self.header())
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, headers, body = response.status, response.headers, response.read()
        except urllib.error.HTTPError as exc:
            status, headers, body = exc.code, exc.headers, exc.read()
        self.keep(headers.get_all("Set-Cookie") or [])
        return status, {k.lower(): v for k, v in headers.items()}, body

    async def open_page(self, http_base: str, path: str) -> str | None:
        """The page's HTML, as a browser's first request (it brings the cookies); the process that served it."""
        status, headers, body = await asyncio.to_thread(self.get, http_base + path)
        if status != 200 or b"<html" not in body[:2000].lower():
            raise RuntimeError(f"GET {path} answered {status}")
        return headers.get("x-sp-backend")


async def open_deep_link(url: str, page: str, query: str, timeout: float = 120,
                         browser: Browser | None = None) -> dict:
    """One request: a new session at page?query; what its last complete script run showed, and its process."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    shown: dict[str, Any] = {"metrics": {}, "texts": [], "exceptions": [], "page_not_found": False}
    protocols: Any = ["streamlit"]
    headers = browser.header() if browser else {}
    # No keepalive pings (a browser sends none): a slow answer is measured, and cut only by `timeout`.
    async with websockets.connect(url, subprotocols=protocols, max_size=None, open_timeout=timeout,
                                  additional_headers=headers, ping_interval=None) as ws:
        backend = ws.response.headers.get("X-SP-Backend") if ws.response else None
        shown["backend"] = backend
        back = BackMsg()
        back.rerun_script.query_string = query
        back.rerun_script.page_name = page
        await ws.send(back.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(ws.recv(), timeout))
            kind = msg.WhichOneof("type")
            if kind == "new_session":  # a run starts (again, after a rerun): forget the previous one
                shown = {"metrics": {}, "texts": [], "exceptions": [], "page_not_found": shown["page_not_found"],
                         "backend": backend}
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


def http_base(ws_url: str) -> str:
    """The site's address from its websocket's (ws://host:port/_stcore/stream -> http://host:port)."""
    return ws_url.replace("ws://", "http://", 1).replace("wss://", "https://", 1).split("/_stcore/")[0]


async def user(url: str, pool: list[dict], rng: random.Random, deadline: float, log: list[dict], person: int = 0):
    """One person, in a browser of its own: opens the page, then deep links with random filters, one after the
    other, until the deadline."""
    browser = Browser()
    first = rng.choice(pool)
    try:
        page_backend = await browser.open_page(http_base(url), first["path"])
    except Exception as exc:  # the page itself did not come: an error of the first request
        log.append({"path": first["path"], "seconds": 0.0, "person": person, "backend": None,
                    "problems": [f"page: {type(exc).__name__}: {str(exc)[:200]}"]})
        return
    while time.monotonic() < deadline:
        item = rng.choice(pool)
        started = time.perf_counter()
        backend = None
        try:
            shown = await open_deep_link(url, item["page"], item["query"], browser=browser)
            backend, problems = shown.get("backend"), check(item, shown)
            if backend != page_backend:  # behind the proxy, a browser's every request reaches one process
                problems.append(f"served by {backend}, the browser's page by {page_backend}")
        except Exception as exc:  # a timeout or a dropped connection is an error of this request
            problems = [f"{type(exc).__name__}: {str(exc)[:200]}"]
        log.append({"path": item["path"], "seconds": round(time.perf_counter() - started, 3), "person": person,
                    "backend": backend, "problems": problems})


async def drive(url: str, pool: list[dict], sessions: int, seconds: float) -> list[dict]:
    log: list[dict] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(user(url, pool, random.Random(i), deadline, log, person=i) for i in range(sessions)))
    return log


def spread(log: list[dict]) -> dict:
    """Requests per process that served them, and the people whose requests reached more than one."""
    per_backend: dict[str, int] = {}
    seen: dict[int, set] = {}
    for r in log:
        if r.get("backend"):
            per_backend[r["backend"]] = per_backend.get(r["backend"], 0) + 1
            seen.setdefault(r["person"], set()).add(r["backend"])
    return {"requests_per_backend": dict(sorted(per_backend.items())),
            "people_per_backend": {b: sum(1 for s in seen.values() if b in s) for b in sorted(per_backend)},
            "people_on_several": sorted(p for p, s in seen.items() if len(s) > 1)}


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
