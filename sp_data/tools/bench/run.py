"""The whole benchmark: every measurement on the bundled snapshot, then on a scaled one; `python -m sp_data bench`."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from collections.abc import Callable
from typing import Any

import duckdb
import polars

from sp_data.db import connect
from sp_data.paths import BUNDLED_SNAPSHOT_ID, PROJECT_ROOT
from sp_data.snapshot import open_snapshot
from sp_data.tools.bench.browser import app_memory
from sp_data.tools.bench.load_runs import load_runs
from sp_data.tools.bench.options import DEFAULTS, Options, options_from
from sp_data.tools.bench.page_views import page_views
from sp_data.tools.bench.pandas_compare import compare_pandas
from sp_data.tools.bench.report import report, targets
from sp_data.tools.bench.timing import ms, time_brief_process, time_facts_process, time_pages, timed
from sp_data.tools.scale import build_scaled_demo

def machine() -> dict:
    """What the figures were measured on."""
    info: dict[str, Any] = {"nproc": os.cpu_count(), "python": platform.python_version(), "date": dt.date.today().isoformat()}
    with contextlib.suppress(OSError):
        cpu = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next((line.split(":", 1)[1].strip() for line in cpu.splitlines()
                            if line.startswith("model name")), "")
    with contextlib.suppress(OSError, StopIteration, ValueError):
        mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
        info["memory_gib"] = round(int(mem.split()[1]) / 1024 ** 2, 1)
    with contextlib.suppress(OSError):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    info["duckdb"], info["polars"] = duckdb.__version__, polars.__version__
    with contextlib.suppress(ImportError):
        import pandas  # optional (requirements-dev.txt): only its version is read

        info["pandas"] = pandas.__version__
    return info


def bench_snapshot(snapshot, scale: int, options: Options, parquet_dir, log: Callable = print) -> dict:
    """Every measurement on one snapshot."""
    o = options
    rows = snapshot.manifest.get("row_counts", {})
    log(f"\nSnapshot {snapshot.id} (scale {scale}; {rows.get('visit_events', 0):,} visit events, "
        f"{rows.get('communications', 0):,} communications, {rows.get('replies', 0):,} replies)")
    load_s, con = timed(lambda: connect(snapshot))
    con.close()
    log(f"  loading it into DuckDB: {load_s * 1000:.0f} ms")
    result = {"snapshot": snapshot.id, "scale": scale, "rows": rows, "load_ms": ms(load_s)}
    log(f"Each page's queries, first run on a fresh connection, then {o.repeat} warm runs:")
    result.update(time_pages(snapshot, o.repeat, log))
    f = result["facts_process"] = time_facts_process(snapshot)
    log(f"  `facts` whole process: first {f['first_s']} s, median {f['median_s']} s, peak memory {f['peak_mb']} MB; "
        f"{f['import_floor_x']}x `import duckdb, polars, pyarrow` ({f['import_floor']['median_s']} s), "
        f"{f['duckdb_floor_x']}x `import duckdb` ({f['duckdb_floor']['median_s']} s)")
    if scale == 1:
        result["brief_process"] = time_brief_process(snapshot)
        log(f"  `brief --state` whole process: first {result['brief_process']['first_s']} s, "
            f"median {result['brief_process']['median_s']} s")
    if not o.skip_pandas:
        result["pandas"] = compare_pandas(snapshot, o.repeat, log)
    if o.skip_app:
        return result
    if scale == 1 and not o.skip_page_views:
        result["page_views"] = page_views(snapshot.id, parquet_dir, o.views_repeat, log=log)
    if not o.skip_browser:
        result["app"] = app_memory(parquet_dir, snapshot.id, log=log, openings=o.openings if scale == 1 else 1)
        log(f"  app: peak memory (VmHWM) {result['app']['peak_mb']} MB after opening every page")
    if scale == 1 and not o.skip_load:
        result["load"] = load_runs(snapshot, o.load_seconds, min(30.0, o.load_seconds), log)
    return result


def scaled_snapshot(scale: int, parquet_dir: Path):
    """demo-x<scale> under parquet_dir, built if missing (sp_data.tools.scale)."""
    path = parquet_dir / f"demo-x{scale}"
    if not path.exists():
        path, _ = build_scaled_demo(scale, root=parquet_dir)
    return open_snapshot(path)


def run_bench(scale: int = 100, options: Options = DEFAULTS, parquet_dir: Path | None = None,
              log: Callable = print) -> dict:
    """The whole benchmark: the bundled snapshot, then (scale > 1) demo-x<scale>, built in a scratch folder."""
    info = machine()
    log(f"Benchmark on {info.get('cpu', '?')}, {info['nproc']} cores, {info.get('memory_gib', '?')} GiB; "
        f"{info['date']}; load average {info.get('load_average')}")
    bundled = open_snapshot(PROJECT_ROOT / "parquet" / BUNDLED_SNAPSHOT_ID)
    runs = [bench_snapshot(bundled, 1, options, None, log)]
    if scale > 1:
        with contextlib.ExitStack() as stack:
            folder = parquet_dir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="sp-bench-")))
            folder.mkdir(parents=True, exist_ok=True)
            log(f"\nBuilding demo-x{scale} in {folder} ...")
            snap = scaled_snapshot(scale, folder)
            runs.append(bench_snapshot(snap, scale, options, folder, log))
    return finish(info, options, runs, log)


def run_page_views(options: Options = DEFAULTS, log: Callable = print) -> dict:
    """Only the page views on the bundled snapshot (bench --page-views-only), judged against their targets."""
    info = machine()
    log(f"Page views on {info.get('cpu', '?')}, {info['nproc']} cores; load average {info.get('load_average')}")
    views = page_views(BUNDLED_SNAPSHOT_ID, None, options.views_repeat, log=log)
    return finish(info, options, [{"snapshot": BUNDLED_SNAPSHOT_ID, "scale": 1, "page_views": views}], log)


def finish(info: dict, options: Options, runs: list[dict], log: Callable) -> dict:
    """The result: the machine, the options, every snapshot's figures and the targets, the missed ones said."""
    result: dict[str, Any] = {"machine": info, "repeat": options.repeat, "options": asdict(options), "runs": runs,
                              "targets": targets(runs)}
    missed = [t for t in result["targets"] if not t["met"]]
    log(f"\nTargets: {len(result['targets']) - len(missed)} of {len(result['targets'])} met")
    for t in missed:
        log(f"  missed: {t['target']}: {t['value']}")
    return result


def main(args) -> int:
    """`python -m sp_data bench`: print the figures (or JSON), and say which targets were missed."""
    quiet = args.json
    log = (lambda *a, **k: print(*a, **k, file=sys.stderr)) if quiet else print
    options = options_from(args)
    if args.page_views_only:
        result = run_page_views(options, log)
    else:
        result = run_bench(args.scale, options, args.parquet_dir, log)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print()
        print(report(result))
    return 1 if args.check and not all(t["met"] for t in result["targets"]) else 0
