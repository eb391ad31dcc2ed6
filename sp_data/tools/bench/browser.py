"""The app in a browser: serve it, open every page in Chromium, and read the server's memory."""
from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from collections.abc import Callable, Iterator

from sp_data.paths import PROJECT_ROOT
from sp_data.tools.bench.call import PROFILE_MANDATE, PROFILE_STATE
from sp_data.tools.bench.registry import PAGES

CHROMIUM = os.environ.get("SP_CHROMIUM", "/usr/bin/chromium")
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
# The script can be done while the front end still shows skeletons where charts and tables are
# loading their code: a page is drawn when none is left and every chart has its canvas or SVG.
DRAWN = """() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0
              && [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
                 .every(c => c.querySelector('canvas, svg'))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB (empty when it has gone)."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v.split()[0]) for k, v in (line.split(":", 1) for line in lines) if k in ("VmRSS", "VmHWM")}


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def tree_memory_mb(pid: int) -> dict:
    """Current RSS and peak RSS (VmHWM) of a process tree, in MB: the largest process and their sum."""
    stats = [s for s in (_proc_status(p) for p in process_tree(pid)) if s]
    return {"rss_mb": round(sum(s.get("VmRSS", 0) for s in stats) / 1024, 1),
            "peak_mb": round(max((s.get("VmHWM", 0) for s in stats), default=0) / 1024, 1),
            "peak_sum_mb": round(sum(s.get("VmHWM", 0) for s in stats) / 1024, 1), "processes": len(stats)}


def _wait_for(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Until the server answers on the port; RuntimeError if it exits or takes longer than `seconds`."""
    deadline = time.time() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError as exc:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"the dashboard did not start on port {port}") from exc
            time.sleep(0.1)


@contextlib.contextmanager
def serve(env: dict, port: int | None = None, log_path: Path | None = None,
          script: str = "app.py") -> Iterator[tuple[str, subprocess.Popen]]:
    """`streamlit run app.py` (or another script) from the project's root on a loopback port with these
    environment variables; yields (url, process)."""
    port = port or _free_port()
    with contextlib.ExitStack() as stack:
        log = stack.enter_context(open(log_path, "w")) if log_path else subprocess.DEVNULL
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_for(port, proc)
            yield f"http://127.0.0.1:{port}", proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


# A deep link's own controls per page: the State, mandate and States the registry and the browser test use.
CONTROLS = {"profile": f"state={PROFILE_STATE}", "mandate": f"mandate={PROFILE_MANDATE}",
            "compare": "states=IRN,IND,PAK"}
# The browser's pause for a second run right after the first (URL-bound widgets); not counted in a time.
SETTLE_PAUSE = 0.3


def page_url(base: str, page: str) -> str:
    return f"{base}/{page}" + (f"?{CONTROLS[page]}" if page in CONTROLS else "")


def launch_chromium(playwright):
    """Debian's Chromium, headless (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--disable-component-update", "--no-first-run"])


def open_drawn(browser, url: str, timeout_s: float) -> tuple[float, list[str]]:
    """Open a deep link in a new browser context (nothing cached in the browser) until the script has run
    and every chart is drawn: seconds (less the settle pause, as tests/test_browser.py counts), exceptions."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    try:
        tab = context.new_page()
        began = time.perf_counter()
        tab.goto(url, timeout=timeout_s * 1000)
        tab.wait_for_selector(READY, timeout=timeout_s * 1000)
        tab.wait_for_timeout(SETTLE_PAUSE * 1000)  # a URL-bound widget can start a second run right after the first
        tab.wait_for_selector(READY, timeout=timeout_s * 1000)
        tab.wait_for_function(DRAWN, timeout=timeout_s * 1000)
        seconds = time.perf_counter() - began - SETTLE_PAUSE
        return seconds, [e.inner_text()[:300] for e in tab.locator("[data-testid=stException]").all()]
    finally:
        context.close()


# The least a page costs: a one-line Streamlit page, served and opened as the app's pages are (page_views' floor too).
FLOOR_PAGE = 'import streamlit as st\n\nst.write("The least a page view costs.")\n'


@contextlib.contextmanager
def serve_floor(port: int | None = None) -> Iterator[str]:
    """The one-line page served as the app is (from the project's root, with its configuration); yields its URL."""
    with tempfile.TemporaryDirectory(prefix="sp-bench-floor-") as folder:
        script = Path(folder) / "floor.py"
        script.write_text(FLOOR_PAGE)
        with serve({}, port=port, script=str(script)) as (url, _):
            yield url


def floor_deep_links(browser, openings: int, timeout_s: float = 60) -> list[float]:
    """The one-line page opened by deep link as open_drawn opens the app's pages (a new browser context each time):
    what any page costs this machine's browser before drawing anything of its own (Streamlit's front end starting)."""
    with serve_floor() as url:
        open_drawn(browser, url, timeout_s)  # the server's first run of the script: not the browser's cost
        return [round(open_drawn(browser, url, timeout_s)[0], 2) for _ in range(max(openings, 3))]


def app_memory(parquet_dir: Path | None, snapshot_id: str, timeout_s: float = 180, log: Callable = print,
               openings: int = 1) -> dict:
    """Serve the snapshot on a fresh server, open every page by deep link in Chromium `openings` times (the
    first with cold caches), each in a new browser context: each page's time until drawn, and the server's
    peak memory."""
    # Deferred: Playwright is needed only here (bench --skip-app and the tests that import this module do without).
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM} (apt-get install chromium), or pass --skip-browser")
    env = {"SP_SNAPSHOT": snapshot_id}
    if parquet_dir is not None:
        env["SP_PARQUET_DIR"] = str(parquet_dir)
    pages: dict[str, list[float]] = {}
    problems = []
    with serve(env) as (url, proc), sync_playwright() as pw:
        browser = launch_chromium(pw)
        started = tree_memory_mb(proc.pid)
        for page in PAGES:
            pages[page] = []
            for _ in range(openings):
                seconds, shown = open_drawn(browser, page_url(url, page), timeout_s)
                pages[page].append(round(seconds, 2))
                problems += [f"{page}: {e}" for e in shown]
            log(f"  app: {page:22s} deep link until drawn {', '.join(f'{s:.2f}' for s in pages[page])} s, "
                f"server RSS {tree_memory_mb(proc.pid)['rss_mb']} MB")
        memory = tree_memory_mb(proc.pid)
        floor = floor_deep_links(browser, openings, timeout_s)
        browser.close()
    floor_s = round(statistics.median(floor), 2)
    log(f"  app: the floor (a one-line Streamlit page) deep link until drawn {', '.join(f'{s:.2f}' for s in floor)} s")
    if problems:
        raise AssertionError("the app showed exceptions:\n  " + "\n  ".join(problems))
    return {"snapshot": snapshot_id, "start_rss_mb": started["rss_mb"], "peak_mb": memory["peak_mb"],
            "peak_sum_mb": memory["peak_sum_mb"], "rss_mb_after": memory["rss_mb"],
            "processes": memory["processes"], "openings": openings,
            "first_view_s": {p: t[0] for p, t in pages.items()},
            "deep_link_s": {p: round(statistics.median(t), 2) for p, t in pages.items()},
            "deep_link_runs_s": pages, "floor_deep_link_s": floor_s, "floor_deep_link_runs_s": floor,
            "deep_link_floor_x": {p: round(statistics.median(t) / floor_s, 1) for p, t in pages.items()}}
