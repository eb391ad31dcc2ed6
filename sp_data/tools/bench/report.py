"""The figures against the issue's targets, and as the Markdown tables the README records."""
from __future__ import annotations

from sp_data.tools.bench.registry import PAGES

# The targets of the performance issue: per page median on the bundled snapshot and at scale 100,
# the speed-up over the pandas way at scale 100, and the app's peak memory at scale 100.
TARGET_BUNDLED_MS = 50
TARGET_SCALED_MS = 500
TARGET_RATIO = 10
TARGET_APP_MB = 1024
TARGET_BRIEF_S = 5.0


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
        if "brief_process" in r:
            out.append({"target": f"State briefing PDF whole process median < {TARGET_BRIEF_S} s ({r['snapshot']})",
                        "value": r["brief_process"]["median_s"], "met": r["brief_process"]["median_s"] < TARGET_BRIEF_S})
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
