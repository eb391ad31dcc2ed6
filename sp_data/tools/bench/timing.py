"""Timing: each page's data calls cold and warm, the queries they run, and `facts` as a whole process."""
from __future__ import annotations

import contextlib
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from functools import partial
from typing import Any
from collections.abc import Callable, Iterator

from sp_data import queries
from sp_data.db import connect
from sp_data.facts import data_extent, default_as_at
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.tools.bench.call import PROFILE_STATE, Call
from sp_data.tools.bench.planning import page_planning
from sp_data.tools.bench.registry import PAGES, page_calls


class Recorded(list):
    """Names of the queries run, in order; .seconds holds how long each took, .params what each was given."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self.params: list[dict] = []


@contextlib.contextmanager
def recording_queries() -> Iterator[Recorded]:
    """Record the name (and time) of every named query run (sp_data.queries.run, or .rows) while the block runs."""
    names = Recorded()

    def recording(original: Callable) -> Callable:
        def recorded(con, name, **params):
            started = time.perf_counter()
            try:
                return original(con, name, **params)
            finally:
                names.seconds.append(time.perf_counter() - started)
                names.params.append(params)
                names.append(name)
        return recorded

    # Each module imported run (or rows) by name: swap it where it is, and put it back afterwards.
    patched = []
    for attr in ("run", "rows"):
        original = getattr(queries, attr)
        wrapper = recording(original)
        for module in [m for m in list(sys.modules.values())
                       if getattr(m, "__name__", "").startswith("sp_data") and getattr(m, attr, None) is original]:
            setattr(module, attr, wrapper)
            patched.append((module, attr, original))
    try:
        yield names
    finally:
        for module, attr, original in patched:
            setattr(module, attr, original)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(times: list[float]) -> dict:
    """Median and 95th percentile (nearest rank) of timings in seconds, in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {"median_ms": ms(statistics.median(ordered)), "p95_ms": ms(p95), "runs": len(ordered)}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def default_filters(con) -> tuple[Filters, dict]:
    """The filters a fresh session shows: 31 December of the latest complete year, every group."""
    return Filters(as_at=default_as_at(con)), data_extent(con)


def _cold(calls: list[Call], con) -> tuple[float, list[dict], list[tuple[str, dict]]]:
    """Each call's first run on a fresh connection, with the queries it ran (and each query's parameters)."""
    cold, per_call = 0.0, []
    with recording_queries() as names:
        for call in calls:
            start = len(names)
            seconds, _ = timed(partial(call.run, con))
            cold += seconds
            per_call.append({"call": call.label, "queries": names[start:], "cold_ms": ms(seconds), "times": []})
    return cold, per_call, list(zip(names, names.params, strict=True))


def _warm(calls: list[Call], con, per_call: list[dict], repeat: int) -> tuple[list[float], dict[str, float]]:
    """`repeat` warm runs of every call: the page's totals and each query's median."""
    totals = []
    with recording_queries() as warm:
        for _ in range(repeat):
            total = 0.0
            for call, row in zip(calls, per_call, strict=True):
                seconds, _ = timed(partial(call.run, con))
                row["times"].append(seconds)
                total += seconds
            totals.append(total)
    by_query: dict[str, list[float]] = {}
    for name, seconds in zip(warm, warm.seconds, strict=True):
        by_query.setdefault(name, []).append(seconds)
    return totals, {name: ms(statistics.median(times)) for name, times in by_query.items()}


def time_page(snapshot, calls: list[Call], repeat: int) -> dict:
    """One page's data calls: the first run on a fresh connection (cold), then `repeat` warm runs, then
    each of its queries profiled for the time DuckDB spends planning it."""
    con = connect(snapshot)  # cold: the data is loaded, nothing has run on it yet
    try:
        cold, per_call, asked = _cold(calls, con)
        totals, query_ms = _warm(calls, con, per_call, repeat)
        planning = page_planning(con, asked, max(3, min(repeat, 7)))
    finally:
        con.close()
    for row in per_call:
        row.update(summary(row.pop("times")))
    return {"cold_ms": ms(cold), **summary(totals), "calls": per_call,
            "queries": sum(len(r["queries"]) for r in per_call), "query_median_ms": query_ms,
            "slowest_query_ms": max(query_ms.values(), default=0.0), "planning": planning}


def time_pages(snapshot, repeat: int, log: Callable = print) -> dict:
    """Every page's data calls, cold and warm, on the filters a fresh session shows."""
    planning = connect(snapshot)
    filters, extent = default_filters(planning)
    planning.close()
    pages = {}
    for page in PAGES:
        calls = page_calls(page, filters, extent)
        p = pages[page] = time_page(snapshot, calls, repeat)
        log(f"  {page:22s} cold {p['cold_ms']:9.1f} ms  median {p['median_ms']:8.1f} ms  "
            f"p95 {p['p95_ms']:8.1f} ms  ({len(calls)} calls, {p['queries']} queries; "
            f"slowest query {p['slowest_query_ms']:.1f} ms; planning {p['planning']['planning_ms']:.1f} ms)")
    return {"filters": filters.describe(), "pages": pages}


# Starts the command and waits for it (os.wait4) from a small process of its own, and writes the command's
# seconds and peak memory to the file named first. Not from the benchmark's process: a child's ru_maxrss
# counts the memory of the process that forked it (the kernel carries the pre-exec peak over), and the
# benchmark holds a scaled snapshot and pandas' frames; this launcher holds about 10 MB.
LAUNCHER = """
import os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


@contextlib.contextmanager
def as_installed(*warm_up: list[str]) -> Iterator[dict[str, str]]:
    """The environment of a command run as a user runs it: with Python's bytecode cache (in a folder of its own,
    removed after, leaving the source tree clean), written by one untimed run of each warm_up command. A machine
    that sets PYTHONDONTWRITEBYTECODE, as this project's sandboxes do, would otherwise compile every module of the
    project again on every run (0.02-0.06 s of `facts` here)."""
    with tempfile.TemporaryDirectory(prefix="sp-bench-bytecode-") as bytecode:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = bytecode
        for command in warm_up:
            measure_process(command, env)
        yield env


def measure_process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """One whole process: its seconds, its own peak resident memory (MB, ru_maxrss) and what it printed."""
    with tempfile.TemporaryDirectory(prefix="sp-bench-process-") as folder:
        figures = Path(folder) / "figures"
        done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(figures), *command], cwd=PROJECT_ROOT,
                              capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)
        seconds, kilobytes = figures.read_text().split()
    return float(seconds), round(int(kilobytes) / 1024, 1), done.stdout  # ru_maxrss: kB on Linux


def time_process(command: list[str], runs: int = 5) -> tuple[list[float], str]:
    """A command of this project as a whole process, `runs` times after a run that writes its bytecode (as_installed):
    each run's seconds, and the last output."""
    with as_installed(command) as env:
        times, output = [], ""
        for _ in range(runs):
            seconds, _, output = measure_process(command, env)
            times.append(seconds)
    return times, output


# The least a command of this project can cost: Python starting and importing the three data libraries; and
# what a command reading no frame (`facts`, which imports DuckDB alone) can cost: Python starting and DuckDB.
IMPORT_FLOOR = [sys.executable, "-c", "import duckdb, polars, pyarrow"]
DUCKDB_FLOOR = [sys.executable, "-c", "import duckdb"]


def time_facts_process(snapshot, runs: int = 5) -> dict:
    """`python -m sp_data facts --json` as a whole process (interpreter start, imports, load, queries), its
    own peak memory, and the import floors, run alternately with it (so that a drift in the machine's speed
    moves all): each ratio is facts' median over the floor's."""
    command = [sys.executable, "-m", "sp_data", "facts", "--json", "--snapshot", str(snapshot.path)]
    times, peaks, floor, duckdb_floor, output = [], [], [], [], ""
    with as_installed(command, IMPORT_FLOOR, DUCKDB_FLOOR) as env:
        for _ in range(runs):
            seconds, peak, output = measure_process(command, env)
            times.append(seconds)
            peaks.append(peak)
            floor.append(measure_process(IMPORT_FLOOR, env)[0])
            duckdb_floor.append(measure_process(DUCKDB_FLOOR, env)[0])
    median, floor_median, duckdb_median = statistics.median(times), statistics.median(floor), statistics.median(duckdb_floor)
    return {"command": "python -m sp_data facts --json --snapshot " + snapshot.id, "first_s": round(times[0], 3),
            "median_s": round(median, 3), "runs": runs, "peak_mb": max(peaks),
            "import_floor": {"command": 'python -c "import duckdb, polars, pyarrow"',
                             "median_s": round(floor_median, 3)},
            "import_floor_x": round(median / floor_median, 2),
            "duckdb_floor": {"command": 'python -c "import duckdb"', "median_s": round(duckdb_median, 3)},
            "duckdb_floor_x": round(median / duckdb_median, 2), "output": json.loads(output)}


def time_brief_process(snapshot, runs: int = 3) -> dict:
    """`python -m sp_data brief --state IRN` as a whole process: imports, queries, two charts, the PDF."""
    with tempfile.TemporaryDirectory(prefix="sp-bench-brief-") as folder:
        times, _ = time_process([sys.executable, "-m", "sp_data", "brief", "--state", PROFILE_STATE, "--snapshot",
                                 str(snapshot.path), "--out", str(Path(folder) / "brief.pdf")], runs)
    return {"command": f"python -m sp_data brief --state {PROFILE_STATE} --snapshot {snapshot.id}",
            "first_s": round(times[0], 3), "median_s": round(statistics.median(times), 3), "runs": runs}
