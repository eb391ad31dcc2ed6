"""The pandas way (benchmarks/pandas_way.py) against this project's queries: the same 28 figures, and how fast."""
from __future__ import annotations

import importlib.util
import statistics
import tempfile
from functools import partial
from types import ModuleType
from typing import Any
from collections.abc import Callable, Mapping

from sp_data.db import connect
from sp_data.export_csv import read_snapshot_tables, write_source
from sp_data.facts import FACT_KEYS, FACT_TOPICS, facts
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.queries import run
from sp_data.tools.bench.timing import default_filters, ms, timed


def load_pandas_way() -> ModuleType:
    """benchmarks/pandas_way.py, the analyst's way (needs pandas: pip install -r requirements-dev.txt)."""
    spec = importlib.util.spec_from_file_location("pandas_way", PROJECT_ROOT / "benchmarks" / "pandas_way.py")
    assert spec is not None and spec.loader is not None, "benchmarks/pandas_way.py is missing"
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


def _median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median time of `repeat` runs, and the last run's value."""
    times, value = [], None
    for _ in range(repeat):
        seconds, value = timed(fn)
        times.append(seconds)
    return statistics.median(times), value


def _read_csvs(pw: ModuleType, snapshot, repeat: int) -> tuple[float, Any]:
    """The snapshot exported as CSV and read the pandas way: median reading time, and the frames."""
    with tempfile.TemporaryDirectory(prefix="sp-bench-csv-") as folder:
        write_source(read_snapshot_tables(snapshot), folder)
        return _median_time(lambda: pw.read_csvs(folder), max(1, min(repeat, 3)))


def _project_times(con, filters: Filters, repeat: int) -> tuple[dict[str, str], dict[str, float]]:
    """Which facts query produces each figure, and each query's warm median time."""
    params = filters.bind()
    producer: dict[str, str] = {}
    query_times: dict[str, float] = {}
    for name in (f"facts_{topic}" for topic in FACT_TOPICS):
        run(con, name, **params)
        query_times[name] = statistics.median(timed(partial(run, con, name, **params))[0] for _ in range(repeat))
        for column in run(con, name, **params).columns:
            producer.setdefault(column, name)
    return producer, query_times


def _figure_row(key: str, value, project: Mapping, query: str, compute: float, ours: float, read_s: float) -> dict:
    """One figure: both values, and pandas' time (with and without its share of reading) against the query's."""
    share = read_s / len(FACT_KEYS)
    return {"figure": key, "pandas_value": value, "project_value": project[key], "query": query,
            "pandas_compute_ms": ms(compute), "pandas_with_reading_ms": ms(compute + share),
            "project_ms": ms(ours), "ratio_compute": round(compute / ours, 2),
            "ratio_with_reading": round((compute + share) / ours, 2)}


def _totals(read_s: float, all_s: float, facts_s: float) -> dict:
    return {"pandas_read_csv_ms": ms(read_s), "pandas_all_figures_ms": ms(all_s),
            "pandas_read_and_all_ms": ms(read_s + all_s), "project_facts_ms": ms(facts_s),
            "ratio_compute": round(all_s / facts_s, 2), "ratio_with_reading": round((read_s + all_s) / facts_s, 2)}


def compare_pandas(snapshot, repeat: int, log: Callable = print) -> dict:
    """The 28 facts figures the pandas way over the exported CSV files against this project's queries.

    Raises AssertionError when any figure differs: a benchmark on wrong answers is worthless.
    """
    pw = load_pandas_way()
    con = connect(snapshot)
    filters, _ = default_filters(con)
    read_s, frames = _read_csvs(pw, snapshot, repeat)
    args = (filters.as_at, filters.regions, filters.threshold)
    producer, query_times = _project_times(con, filters, repeat)  # this project's way, warm
    project = facts(con, filters)
    facts_s = statistics.median(timed(lambda: facts(con, filters))[0] for _ in range(repeat))
    con.close()
    pandas_repeat = max(1, min(repeat, 5))
    figures, mismatches = [], []
    for key in FACT_KEYS:
        compute, value = _median_time(partial(pw.figure, frames, key, *args), pandas_repeat)
        figures.append(_figure_row(key, value, project, producer[key], compute, query_times[producer[key]], read_s))
        if not same(value, project[key]):
            mismatches.append(f"{key}: pandas {value!r} != project {project[key]!r}")
    all_s, everything = _median_time(lambda: pw.all_figures(frames, *args), pandas_repeat)
    mismatches += [f"{k} (all at once): pandas {everything[k]!r} != project {project[k]!r}"
                   for k in FACT_KEYS if not same(everything[k], project[k])]
    if mismatches:
        raise AssertionError("the pandas way and this project disagree on " + snapshot.id + ":\n  "
                             + "\n  ".join(mismatches))
    total = _totals(read_s, all_s, facts_s)
    log(f"  pandas: read CSV {total['pandas_read_csv_ms']:.0f} ms, all 28 figures {total['pandas_all_figures_ms']:.0f} ms; "
        f"project facts() {total['project_facts_ms']:.1f} ms -> {total['ratio_compute']}x compute only, "
        f"{total['ratio_with_reading']}x with reading; all 28 figures equal")
    return {"figures": figures, "total": total, "equal": True, "repeat": pandas_repeat}
