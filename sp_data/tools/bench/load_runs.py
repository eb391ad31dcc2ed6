"""The load runs of the benchmark: one session through one server, and many through the proxy (proxy_load)."""
from __future__ import annotations

import asyncio
import importlib
import importlib.util
import random
import time
from pathlib import Path
from collections.abc import Callable

from sp_data.db import connect
from sp_data.paths import BUNDLED_SNAPSHOT_ID
from sp_data.tools.bench.browser import serve, tree_memory_mb
from sp_data.tools.bench.load import Sampler, drive, requests_pool, summarize

PROXY_LOAD = "sp_data.tools.bench.proxy_load"


def one_server(snapshot, sessions: int = 1, seconds: float = 30, parquet_dir: Path | None = None,
               log: Callable = print) -> dict:
    """The load harness against one server, no proxy (what tests/test_load.py does): for comparison."""
    con = connect(snapshot)
    try:
        pool = requests_pool(con, random.Random(2024))
    finally:
        con.close()
    env = {"SP_SNAPSHOT": snapshot.id}
    if parquet_dir is not None:
        env["SP_PARQUET_DIR"] = str(parquet_dir)
    with serve(env) as (base, proc):
        sampler = Sampler(proc.pid)
        sampler.start()
        started = time.monotonic()
        try:
            requests = asyncio.run(drive(base.replace("http://", "ws://") + "/_stcore/stream", pool, sessions, seconds))
        finally:
            sampler.done.set()
            sampler.join()
        elapsed = time.monotonic() - started
        peak = tree_memory_mb(proc.pid)["peak_mb"]
    result = summarize(requests, sampler.samples, sessions, elapsed) | {"peak_vmhwm_mb": peak, "processes": 1}
    log(f"  load, one server, {sessions} session(s), {seconds:.0f} s: {result['requests']} requests, "
        f"{result['errors']} errors, median {result['median_s']} s, slowest {result['slowest_s']} s")
    return result


def proxy_available() -> bool:
    """Whether the load through the proxy (engineer A's proxy_load) is in this checkout."""
    return importlib.util.find_spec(PROXY_LOAD) is not None


def through_proxy(sessions: int, seconds: float = 60, processes: int = 2, snapshot: str = BUNDLED_SNAPSHOT_ID,
                  parquet_dir: Path | None = None, log: Callable = print) -> dict:
    """`sessions` at once through nginx and `processes` servers; {"available": False, ...} when it cannot run."""
    if not proxy_available():
        log("  proxy load: not available (no sp_data/tools/bench/proxy_load.py)")
        return {"available": False, "sessions": sessions, "reason": "not available"}
    run = importlib.import_module(PROXY_LOAD).run
    try:
        result = run(processes=processes, sessions=sessions, seconds=seconds, snapshot=snapshot,
                     parquet_dir=parquet_dir, log=log)
    except Exception as exc:  # nginx missing, a server that does not start: said, and the targets missed
        log(f"  proxy load, {sessions} sessions: failed: {type(exc).__name__}: {exc}")
        return {"available": False, "sessions": sessions, "reason": f"{type(exc).__name__}: {str(exc)[:300]}"}
    log(f"  load through the proxy, {processes} processes, {sessions} sessions, {seconds:.0f} s: "
        f"{result.get('requests')} requests, {result.get('errors')} errors, median {result.get('median_s')} s, "
        f"slowest {result.get('slowest_s')} s")
    return {"available": True, **result}


def load_runs(snapshot, seconds: float = 60, one_seconds: float = 30, log: Callable = print) -> dict:
    """One session through one server; 24 and 100 sessions through the proxy (2 processes)."""
    return {"one_server": one_server(snapshot, 1, one_seconds, log=log),
            "proxy_24": through_proxy(24, seconds, snapshot=snapshot.id, log=log),
            "proxy_100": through_proxy(100, seconds, snapshot=snapshot.id, log=log)}

