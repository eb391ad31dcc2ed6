"""The load harness through nginx: N dashboard processes behind the proxy, each person a browser with its cookie.

Used by tests/test_proxy.py and the benchmark (`python -m sp_data bench`). Reports what the single-server load
test reports (requests, errors, median, slowest) and, per process, the requests it served and its memory,
nginx's memory, and the memory of the whole (every process and nginx) in the first and last third of the run.
"""
from __future__ import annotations

import asyncio
import random
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sp_data.db import connect
from sp_data.snapshot import open_snapshot, resolve
from sp_data.tools.bench.browser import tree_memory_mb
from sp_data.tools.bench.load import drive, requests_pool, spread, summarize
from sp_data.tools.cluster import cluster


class TreeSampler(threading.Thread):
    """The resident memory of several processes (each with its children), sampled together every second."""

    def __init__(self, pids: dict[str, int]):
        super().__init__(daemon=True)
        self.pids, self.done = pids, threading.Event()
        self.samples: list[tuple[float, dict[str, float]]] = []

    def run(self):
        while not self.done.is_set():
            self.samples.append((time.monotonic(), {k: tree_memory_mb(p)["rss_mb"] for k, p in self.pids.items()}))
            self.done.wait(1.0)  # each tree is a walk over /proc: every second keeps the sampler light


def _thirds(values: list[float]) -> tuple[float | None, float | None]:
    third = max(1, len(values) // 3)
    return max(values[:third], default=None), max(values[-third:], default=None)


def run(processes: int = 2, sessions: int = 24, seconds: float = 60, snapshot: str = "demo",
        parquet_dir: Path | None = None, log: Callable = print) -> dict:
    """`sessions` people for `seconds` through nginx in front of `processes` dashboard processes; the report."""
    snap = open_snapshot(resolve(snapshot, parquet_dir))
    con = connect(snap)
    try:
        pool = requests_pool(con, random.Random(2024))
    finally:
        con.close()
    env = {"SP_SNAPSHOT": snapshot}
    if parquet_dir is not None:
        env["SP_PARQUET_DIR"] = str(parquet_dir)
    log(f"Load through nginx: {sessions} sessions for {seconds:.0f} s over {processes} processes "
        f"(snapshot {snapshot})")
    with tempfile.TemporaryDirectory(prefix="sp-proxy-load-") as logs, \
            cluster(processes, env, log_dir=Path(logs)) as c:
        names = {f"127.0.0.1:{port}": proc.pid for port, proc in c.backends}
        sampler = TreeSampler(names | {"nginx": c.nginx.pid})
        sampler.start()
        started = time.monotonic()
        requests = asyncio.run(drive(c.url.replace("http://", "ws://") + "/_stcore/stream", pool, sessions, seconds))
        elapsed = time.monotonic() - started
        sampler.done.set()
        sampler.join()
        nginx_errors = [line for line in (c.prefix / "error.log").read_text().splitlines()
                        if "[error]" in line or "[crit]" in line or "[alert]" in line]
    whole = [round(sum(s.values()), 1) for _, s in sampler.samples]
    report = summarize(requests, [(t, total) for (t, _), total in zip(sampler.samples, whole, strict=True)], sessions, elapsed)
    served = spread(requests)
    per_process = {}
    for name in names:
        rss = [s[name] for _, s in sampler.samples]
        first, last = _thirds(rss)
        per_process[name] = {"requests": served["requests_per_backend"].get(name, 0),
                             "people": served["people_per_backend"].get(name, 0),
                             "rss_mb_max": max(rss, default=None), "rss_mb_max_first_third": first,
                             "rss_mb_max_last_third": last}
    report |= {"processes": processes, "per_process": per_process,
               "nginx_rss_mb_max": max((s["nginx"] for _, s in sampler.samples), default=None),
               "people_on_several_processes": served["people_on_several"],
               "requests_without_backend": sum(1 for r in requests if not r.get("backend")),
               "nginx_errors": nginx_errors[:10]}
    log(f"  {report['requests']} requests, {report['errors']} errors, median {report['median_s']} s, "
        f"slowest {report['slowest_s']} s; per process: "
        + ", ".join(f"{k} {v['requests']} requests, {v['rss_mb_max']} MB" for k, v in per_process.items())
        + f"; nginx {report['nginx_rss_mb_max']} MB")
    return report
