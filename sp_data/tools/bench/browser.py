"""The app in a browser: serve it, open every page in Chromium, and read the server's memory."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
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


def page_url(base: str, page: str) -> str:
    return f"{base}/{page}" + {"profile": f"?state={PROFILE_STATE}", "mandate": f"?mandate={PROFILE_MANDATE}"}.get(page, "")


def launch_chromium(playwright):
    """Debian's Chromium, headless (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--disable-component-update", "--no-first-run"])


def app_memory(parquet_dir: Path | None, snapshot_id: str, timeout_s: float = 180, log: Callable = print) -> dict:
    """Serve the snapshot, open every page in Chromium (cold caches), and read the server's peak memory."""
    # Deferred: Playwright is needed only here (bench --skip-app and the tests that import this module do without).
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"no Chromium at {CHROMIUM} (apt-get install chromium), or pass --skip-app")
    env = {"SP_SNAPSHOT": snapshot_id}
    if parquet_dir is not None:
        env["SP_PARQUET_DIR"] = str(parquet_dir)
    pages, problems = {}, []
    with serve(env) as (url, proc), sync_playwright() as pw:
        browser = launch_chromium(pw)
        started = tree_memory_mb(proc.pid)
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        tab = context.new_page()
        for page in PAGES:
            began = time.perf_counter()
            tab.goto(page_url(url, page), timeout=timeout_s * 1000)
            tab.wait_for_selector(READY, timeout=timeout_s * 1000)
            tab.wait_for_timeout(300)  # a URL-bound widget can start a second run right after the first
            tab.wait_for_selector(READY, timeout=timeout_s * 1000)
            tab.wait_for_function(DRAWN, timeout=timeout_s * 1000)
            pages[page] = round(time.perf_counter() - began, 2)
            problems += [f"{page}: {e.inner_text()[:300]}" for e in tab.locator("[data-testid=stException]").all()]
            log(f"  app: {page:22s} first view {pages[page]:6.2f} s, server RSS {tree_memory_mb(proc.pid)['rss_mb']} MB")
        context.close()
        browser.close()
        memory = tree_memory_mb(proc.pid)
    if problems:
        raise AssertionError("the app showed exceptions:\n  " + "\n  ".join(problems))
    return {"snapshot": snapshot_id, "start_rss_mb": started["rss_mb"], "peak_mb": memory["peak_mb"],
            "peak_sum_mb": memory["peak_sum_mb"], "rss_mb_after": memory["rss_mb"],
            "processes": memory["processes"], "first_view_s": pages}
