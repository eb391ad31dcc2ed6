"""The benchmark: every page's queries cold and warm, `facts` as a process, the pandas way, the app's memory."""
from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sp_data.paths import BUNDLED_SNAPSHOT_ID, PROJECT_ROOT

# The targets of the performance issue: per page median on the bundled snapshot and at scale 100,
# the speed-up over the pandas way at scale 100, and the app's peak memory at scale 100.
TARGET_BUNDLED_MS = 50
TARGET_SCALED_MS = 500
TARGET_RATIO = 10
TARGET_APP_MB = 1024

PAGES = ("overview", "profile", "country_visits", "never_visited", "pending_requests", "communications",
         "standing_invitations", "data", "mandate")
PROFILE_STATE = "IRN"  # the profile page is measured, and opened, for this State (?state=IRN)
PROFILE_MANDATE = "WG-AD"  # the mandate page is measured, and opened, for this mandate (?mandate=WG-AD)
CHROMIUM = os.environ.get("SP_CHROMIUM", "/usr/bin/chromium")
READY = "[data-testid=stApp][data-test-script-state=notRunning]"
# The script can be done while the front end still shows skeletons where charts and tables are
# loading their code: a page is drawn when none is left and every chart has its canvas or SVG.
DRAWN = """() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0
              && [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
                 .every(c => c.querySelector('canvas, svg'))"""


@dataclass(frozen=True)
class Call:
    """One cached data call a page makes: fn(con, *args) (what the page passes to view.data)."""

    fn: Callable
    args: tuple

    @property
    def name(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"

    @property
    def label(self) -> str:
        shown = ", ".join(a.describe() if hasattr(a, "describe") else repr(a) for a in self.args)
        return f"{self.fn.__qualname__}({shown})"

    def run(self, con):
        return self.fn(con, *self.args)


def page_calls(page: str, filters, extent: dict, state: str = PROFILE_STATE) -> list[Call]:
    """The data calls a page makes on a fresh session with these filters and default controls.

    The sidebar's data_extent comes first on every page. tests/test_bench.py checks this list
    against what each page really passes to view.data under AppTest, so it cannot drift.
    """
    from sp_data import catalog, communications as comm, coverage, groups, invitations, mandates, profile, visits
    from sp_data.facts import data_extent, facts
    from sp_data.schema import TABLE_ORDER

    year = filters.as_at.year
    first_year = (extent.get("first_date") or extent.get("last_date") or filters.as_at).year
    span = (max(first_year, year - 12), year)  # the Years sliders' default
    types = tuple(comm.TYPE_NAMES)  # every communication type selected
    # missing_in and unknown_columns read the coverage kept with the connection: they run no query.
    def missing(span, *kinds):
        return (coverage.missing_in, (filters, span, *kinds))

    unknown = (coverage.unknown_columns, (filters,))
    calls = {
        "overview": [(facts, (filters,)), (mandates.accepted_not_carried_out, (filters,)), (groups.by_group, (filters,)),
                     missing("year", "visits"), (visits.visits_breakdown, (filters,)),
                     missing("year", "communications"), missing("year", "communications", "replies"),
                     (groups.trends, (filters, *span)), (groups.map_data, (filters,))],
        "profile": [(profile.state_choices, (filters,)), (profile.profile, (filters, state)),
                    (mandates.state_awaiting, (filters, state)), unknown],
        "mandate": [(mandates.mandate_choices, (filters,)), (mandates.mandate_profile, (filters, PROFILE_MANDATE)),
                    unknown],
        "country_visits": [missing("year", "visits"), (facts, (filters, "states", "visits")),
                           (visits.visits_breakdown, (filters,)), unknown, (visits.thread_status_counts, (filters,)),
                           (visits.open_threads, (filters,)), (mandates.accepted_not_carried_out, (filters,)),
                           missing("window", "visits"), (visits.not_visited_window, (filters,)),
                           (visits.five_plus_visits_window, (filters,))],
        "never_visited": [missing("history", "visits"), (facts, (filters, "states")),
                          (visits.never_visited_by_category, (filters,)), unknown],
        "pending_requests": [missing("window", "visits"), (visits.pending_states, (filters,)),
                             (facts, (filters, "states")), unknown, (visits.pending_requests, (filters,))],
        "communications": [missing("year", "communications"), (facts, (filters, "communications")),
                           missing("year", "replies"), (comm.mandates, (filters,)),
                           (comm.by_state, (filters, types, None)), unknown, (comm.by_actor, (filters, types, None)),
                           (comm.by_type, (filters, None)), (comm.by_mandate, (filters, types)),
                           (comm.reply_times, (filters, types, None)), (comm.trends, (filters, *span, types, None))],
        "standing_invitations": [missing("history", "standing_invitations"), (facts, (filters, "states")),
                                 (invitations.standing_invitations, (filters,)), (invitations.by_group, (filters,)),
                                 unknown, missing("window", "visits")],
        "data": [(coverage.coverage_lines, ()), (facts, (filters, "communications")),
                 (catalog.table, (TABLE_ORDER[0],)), unknown],
    }[page]
    out: list[Call] = []
    for fn, args in [(data_extent, ())] + calls:
        call = Call(fn, args)
        if call not in out:  # a repeated call is a cache hit: it costs nothing the second time
            out.append(call)
    return out


class Recorded(list):
    """Names of the queries run, in order; .seconds holds how long each took."""

    def __init__(self):
        super().__init__()
        self.seconds: list[float] = []


@contextlib.contextmanager
def recording_queries():
    """Record the name (and time) of every named query run (sp_data.queries.run) while the block runs."""
    from sp_data import queries

    original = queries.run
    names = Recorded()

    def recorded(con, name, **params):
        started = time.perf_counter()
        try:
            return original(con, name, **params)
        finally:
            names.seconds.append(time.perf_counter() - started)
            names.append(name)

    # Each module imported run by name: swap it where it is, and put it back afterwards.
    patched = [m for m in list(sys.modules.values())
               if getattr(m, "__name__", "").startswith("sp_data") and getattr(m, "run", None) is original]
    for module in patched:
        module.run = recorded
    try:
        yield names
    finally:
        for module in patched:
            module.run = original


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(times: list[float]) -> dict:
    """Median and 95th percentile (nearest rank) of timings in seconds, in milliseconds."""
    ordered = sorted(times)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return {"median_ms": _ms(statistics.median(ordered)), "p95_ms": _ms(p95), "runs": len(ordered)}


def _timed(fn: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def default_filters(con):
    """The filters a fresh session shows: 31 December of the latest complete year, every group."""
    from sp_data.facts import data_extent, default_as_at
    from sp_data.params import Filters

    return Filters(as_at=default_as_at(con)), data_extent(con)


def time_pages(snapshot, repeat: int, log: Callable = print) -> dict:
    """Each page's data calls: the first run on a fresh connection (cold), then `repeat` warm runs."""
    from sp_data.db import connect

    planning = connect(snapshot)
    filters, extent = default_filters(planning)
    planning.close()
    pages = {}
    for page in PAGES:
        calls = page_calls(page, filters, extent)
        con = connect(snapshot)  # cold: the data is loaded, nothing has run on it yet
        with recording_queries() as names:
            cold = 0.0
            per_call = []
            for call in calls:
                start = len(names)
                seconds, _ = _timed(lambda: call.run(con))
                cold += seconds
                per_call.append({"call": call.label, "queries": names[start:], "cold_ms": _ms(seconds), "times": []})
        totals = []
        with recording_queries() as warm:
            for _ in range(repeat):
                total = 0.0
                for call, row in zip(calls, per_call):
                    seconds, _ = _timed(lambda: call.run(con))
                    row["times"].append(seconds)
                    total += seconds
                totals.append(total)
        for row in per_call:
            row.update(summary(row.pop("times")))
        by_query: dict[str, list[float]] = {}
        for name, seconds in zip(warm, warm.seconds):
            by_query.setdefault(name, []).append(seconds)
        query_ms = {name: _ms(statistics.median(times)) for name, times in by_query.items()}
        pages[page] = {"cold_ms": _ms(cold), **summary(totals), "calls": per_call,
                       "queries": sum(len(r["queries"]) for r in per_call), "query_median_ms": query_ms,
                       "slowest_query_ms": max(query_ms.values(), default=0.0)}
        con.close()
        log(f"  {page:22s} cold {pages[page]['cold_ms']:9.1f} ms  median {pages[page]['median_ms']:8.1f} ms  "
            f"p95 {pages[page]['p95_ms']:8.1f} ms  ({len(calls)} calls, {pages[page]['queries']} queries; "
            f"slowest query {pages[page]['slowest_query_ms']:.1f} ms)")
    return {"filters": filters.describe(), "pages": pages}


def time_facts_process(snapshot, runs: int = 5) -> dict:
    """`python -m sp_data facts --json` as a whole process (interpreter start, imports, load, queries)."""
    command = [sys.executable, "-m", "sp_data", "facts", "--json", "--snapshot", str(snapshot.path)]
    times, output = [], None
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        output = json.loads(done.stdout)
    return {"command": "python -m sp_data facts --json --snapshot " + snapshot.id, "first_s": round(times[0], 3),
            "median_s": round(statistics.median(times), 3), "runs": runs, "output": output}


def load_pandas_way():
    """benchmarks/pandas_way.py, the analyst's way (needs pandas: pip install -r requirements-dev.txt)."""
    spec = importlib.util.spec_from_file_location("pandas_way", PROJECT_ROOT / "benchmarks" / "pandas_way.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same(a, b) -> bool:
    """Equal figures: integers exactly, percentages to within rounding noise, missing as missing."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9
    return int(a) == int(b)


def compare_pandas(snapshot, repeat: int, log: Callable = print) -> dict:
    """The 28 facts figures the pandas way over the exported CSV files against this project's queries.

    Raises AssertionError when any figure differs: a benchmark on wrong answers is worthless.
    """
    from sp_data.db import connect
    from sp_data.export_csv import read_snapshot_tables, write_source
    from sp_data.facts import FACT_KEYS, FACT_TOPICS, facts
    from sp_data.queries import run

    pw = load_pandas_way()
    con = connect(snapshot)
    filters, _ = default_filters(con)
    params = filters.bind()
    with tempfile.TemporaryDirectory(prefix="sp-bench-csv-") as folder:
        write_source(read_snapshot_tables(snapshot), folder)
        reads = []
        for _ in range(max(1, min(repeat, 3))):
            seconds, frames = _timed(lambda: pw.read_csvs(folder))
            reads.append(seconds)
    read_s = statistics.median(reads)
    args = (filters.as_at, filters.regions, filters.threshold)

    # This project's way: the warm time of the query that produces each figure.
    producer, query_times = {}, {}
    for name in (f"facts_{topic}" for topic in FACT_TOPICS):
        run(con, name, **params)
        query_times[name] = statistics.median(_timed(lambda: run(con, name, **params))[0] for _ in range(repeat))
        for column in run(con, name, **params).columns:
            producer.setdefault(column, name)
    project = facts(con, filters)
    facts_s = statistics.median(_timed(lambda: facts(con, filters))[0] for _ in range(repeat))

    pandas_repeat = max(1, min(repeat, 5))
    figures, mismatches = [], []
    for key in FACT_KEYS:
        times, value = [], None
        for _ in range(pandas_repeat):
            seconds, value = _timed(lambda: pw.figure(frames, key, *args))
            times.append(seconds)
        compute = statistics.median(times)
        ours = query_times[producer[key]]
        row = {"figure": key, "pandas_value": value, "project_value": project[key], "query": producer[key],
               "pandas_compute_ms": _ms(compute), "pandas_with_reading_ms": _ms(compute + read_s / len(FACT_KEYS)),
               "project_ms": _ms(ours), "ratio_compute": round(compute / ours, 2),
               "ratio_with_reading": round((compute + read_s / len(FACT_KEYS)) / ours, 2)}
        figures.append(row)
        if not same(value, project[key]):
            mismatches.append(f"{key}: pandas {value!r} != project {project[key]!r}")
    all_times = []
    for _ in range(pandas_repeat):
        seconds, everything = _timed(lambda: pw.all_figures(frames, *args))
        all_times.append(seconds)
    all_s = statistics.median(all_times)
    mismatches += [f"{k} (all at once): pandas {everything[k]!r} != project {project[k]!r}"
                   for k in FACT_KEYS if not same(everything[k], project[k])]
    con.close()
    if mismatches:
        raise AssertionError("the pandas way and this project disagree on " + snapshot.id + ":\n  "
                             + "\n  ".join(mismatches))
    total = {"pandas_read_csv_ms": _ms(read_s), "pandas_all_figures_ms": _ms(all_s),
             "pandas_read_and_all_ms": _ms(read_s + all_s), "project_facts_ms": _ms(facts_s),
             "ratio_compute": round(all_s / facts_s, 2), "ratio_with_reading": round((read_s + all_s) / facts_s, 2)}
    log(f"  pandas: read CSV {total['pandas_read_csv_ms']:.0f} ms, all 28 figures {total['pandas_all_figures_ms']:.0f} ms; "
        f"project facts() {total['project_facts_ms']:.1f} ms -> {total['ratio_compute']}x compute only, "
        f"{total['ratio_with_reading']}x with reading; all 28 figures equal")
    return {"figures": figures, "total": total, "equal": True, "repeat": pandas_repeat}


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


@contextlib.contextmanager
def serve(env: dict, port: int | None = None, log_path: Path | None = None):
    """`streamlit run app.py` on a loopback port with these environment variables; yields (url, process)."""
    port = port or _free_port()
    log = open(log_path, "w") if log_path else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"the dashboard did not start on port {port}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log_path:
            log.close()


def page_url(base: str, page: str) -> str:
    return f"{base}/{page}" + {"profile": f"?state={PROFILE_STATE}", "mandate": f"?mandate={PROFILE_MANDATE}"}.get(page, "")


def launch_chromium(playwright):
    """Debian's Chromium, headless (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
        "--disable-component-update", "--no-first-run"])


def app_memory(parquet_dir: Path | None, snapshot_id: str, timeout_s: float = 180, log: Callable = print) -> dict:
    """Serve the snapshot, open every page in Chromium (cold caches), and read the server's peak memory."""
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


def machine() -> dict:
    """What the figures were measured on."""
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "date": dt.date.today().isoformat()}
    with contextlib.suppress(OSError):
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((l.split(":", 1)[1].strip() for l in cpu.splitlines() if l.startswith("model name")), "")
    with contextlib.suppress(OSError, StopIteration, ValueError):
        mem = next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal"))
        info["memory_gib"] = round(int(mem.split()[1]) / 1024 ** 2, 1)
    with contextlib.suppress(OSError):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    import duckdb
    import polars

    info["duckdb"], info["polars"] = duckdb.__version__, polars.__version__
    with contextlib.suppress(ImportError):
        import pandas

        info["pandas"] = pandas.__version__
    return info


def bench_snapshot(snapshot, scale: int, repeat: int, skip_pandas: bool, skip_app: bool, parquet_dir,
                   log: Callable = print) -> dict:
    """Every measurement on one snapshot."""
    from sp_data.db import connect

    rows = snapshot.manifest.get("row_counts", {})
    log(f"\nSnapshot {snapshot.id} (scale {scale}; {rows.get('visit_events', 0):,} visit events, "
        f"{rows.get('communications', 0):,} communications, {rows.get('replies', 0):,} replies)")
    load_s, con = _timed(lambda: connect(snapshot))
    con.close()
    log(f"  loading it into DuckDB: {load_s * 1000:.0f} ms")
    result = {"snapshot": snapshot.id, "scale": scale, "rows": rows, "load_ms": _ms(load_s)}
    log(f"Each page's queries, first run on a fresh connection, then {repeat} warm runs:")
    result.update(time_pages(snapshot, repeat, log))
    result["facts_process"] = time_facts_process(snapshot)
    log(f"  `facts` whole process: first {result['facts_process']['first_s']} s, "
        f"median {result['facts_process']['median_s']} s")
    if not skip_pandas:
        result["pandas"] = compare_pandas(snapshot, repeat, log)
    if not skip_app:
        result["app"] = app_memory(parquet_dir, snapshot.id, log=log)
        log(f"  app: peak memory (VmHWM) {result['app']['peak_mb']} MB after opening every page")
    return result


def targets(runs: list[dict]) -> list[dict]:
    """Each target of the issue, met or not, with the measured figure."""
    out = []
    for r in runs:
        limit = TARGET_BUNDLED_MS if r["scale"] == 1 else TARGET_SCALED_MS if r["scale"] == 100 else None
        if limit is not None:
            for page, p in r["pages"].items():
                out.append({"target": f"{page} queries median < {limit} ms ({r['snapshot']})",
                            "value": p["median_ms"], "met": p["median_ms"] < limit})
                # The other reading of the words: each of the page's queries on its own.
                out.append({"target": f"{page}: every query's median < {limit} ms ({r['snapshot']})",
                            "value": p["slowest_query_ms"], "met": p["slowest_query_ms"] < limit})
        if r["scale"] == 100 and "pandas" in r:
            for f in r["pandas"]["figures"]:
                out.append({"target": f"{f['figure']}: >= {TARGET_RATIO}x faster than pandas, compute only",
                            "value": f["ratio_compute"], "met": f["ratio_compute"] >= TARGET_RATIO})
                out.append({"target": f"{f['figure']}: >= {TARGET_RATIO}x faster than pandas, with CSV reading",
                            "value": f["ratio_with_reading"], "met": f["ratio_with_reading"] >= TARGET_RATIO})
        if r["scale"] == 100 and "app" in r:
            out.append({"target": f"app peak memory < {TARGET_APP_MB} MB ({r['snapshot']})",
                        "value": r["app"]["peak_mb"], "met": r["app"]["peak_mb"] < TARGET_APP_MB})
    return out


def scaled_snapshot(scale: int, parquet_dir: Path):
    """demo-x<scale> under parquet_dir, built if missing (sp_data.scale)."""
    from sp_data.scale import build_scaled_demo
    from sp_data.snapshot import open_snapshot

    path = parquet_dir / f"demo-x{scale}"
    if not path.exists():
        path, _ = build_scaled_demo(scale, root=parquet_dir)
    return open_snapshot(path)


def run_bench(scale: int = 100, repeat: int = 20, skip_pandas: bool = False, skip_app: bool = False,
              parquet_dir: Path | None = None, log: Callable = print) -> dict:
    """The whole benchmark: the bundled snapshot, then (scale > 1) demo-x<scale>, built in a scratch folder."""
    from sp_data.snapshot import open_snapshot

    info = machine()
    log(f"Benchmark on {info.get('cpu', '?')}, {info['nproc']} cores, {info.get('memory_gib', '?')} GiB; "
        f"{info['date']}; load average {info.get('load_average')}")
    bundled = open_snapshot(PROJECT_ROOT / "parquet" / BUNDLED_SNAPSHOT_ID)
    runs = [bench_snapshot(bundled, 1, repeat, skip_pandas, skip_app, None, log)]
    if scale > 1:
        with contextlib.ExitStack() as stack:
            folder = parquet_dir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sp-bench-")))
            folder.mkdir(parents=True, exist_ok=True)
            log(f"\nBuilding demo-x{scale} in {folder} ...")
            snap = scaled_snapshot(scale, folder)
            runs.append(bench_snapshot(snap, scale, repeat, skip_pandas, skip_app, folder, log))
    result = {"machine": info, "repeat": repeat, "runs": runs, "targets": targets(runs)}
    missed = [t for t in result["targets"] if not t["met"]]
    log(f"\nTargets: {len(result['targets']) - len(missed)} of {len(result['targets'])} met")
    for t in missed:
        log(f"  missed: {t['target']}: {t['value']}")
    return result


def report(result: dict) -> str:
    """The figures as Markdown tables (what the README's Performance and reliability section records)."""
    lines = []
    runs = result["runs"]
    lines.append("| Page | " + " | ".join(f"{r['snapshot']}: cold / median / p95 (slowest query) ms" for r in runs)
                 + " |")
    lines.append("|---|" + "---|" * len(runs))
    for page in PAGES:
        cells = [f"{r['pages'][page]['cold_ms']:.0f} / {r['pages'][page]['median_ms']:.1f} / "
                 f"{r['pages'][page]['p95_ms']:.1f} ({r['pages'][page]['slowest_query_ms']:.1f})" for r in runs]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| `facts` whole process | " + " | ".join(
        f"{r['snapshot']}: first {r['facts_process']['first_s']} s, median {r['facts_process']['median_s']} s"
        for r in runs) + " |")
    lines.append("|---|" + "---|" * len(runs))
    for r in runs:
        if "pandas" not in r:
            continue
        lines += ["", f"pandas way vs this project, {r['snapshot']} (ms; ratio = pandas time / project time):", "",
                  "| Figure | project query | project | pandas compute | ratio | pandas with CSV reading | ratio |",
                  "|---|---|---|---|---|---|---|"]
        for f in r["pandas"]["figures"]:
            lines.append(f"| {f['figure']} | {f['query']} | {f['project_ms']:.1f} | {f['pandas_compute_ms']:.1f} | "
                         f"{f['ratio_compute']}x | {f['pandas_with_reading_ms']:.1f} | {f['ratio_with_reading']}x |")
        t = r["pandas"]["total"]
        lines.append(f"| all 28 (facts()) | 4 queries | {t['project_facts_ms']:.1f} | {t['pandas_all_figures_ms']:.1f} | "
                     f"{t['ratio_compute']}x | {t['pandas_read_and_all_ms']:.1f} | {t['ratio_with_reading']}x |")
    for r in runs:
        if "app" in r:
            a = r["app"]
            lines += ["", f"App on {r['snapshot']}: peak memory (VmHWM) {a['peak_mb']} MB (RSS at start "
                          f"{a['start_rss_mb']} MB); first view of each page (s): "
                          + ", ".join(f"{p} {s}" for p, s in a["first_view_s"].items())]
    return "\n".join(lines)


def main(args) -> int:
    """`python -m sp_data bench`: print the figures (or JSON), and say which targets were missed."""
    quiet = args.json
    log = (lambda *a, **k: print(*a, **k, file=sys.stderr)) if quiet else print
    result = run_bench(scale=args.scale, repeat=args.repeat, skip_pandas=args.skip_pandas, skip_app=args.skip_app,
                       parquet_dir=args.parquet_dir, log=log)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print()
        print(report(result))
    return 1 if args.check and not all(t["met"] for t in result["targets"]) else 0
