"""The snapshot's own tables and provenance, as the Data page and the downloads show them."""
from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from sp_data.schema import TABLE_ORDER, TABLES
from sp_data.snapshot import Snapshot, current_id, list_snapshots
from sp_data.wording import dates_in_words


def table(con: duckdb.DuckDBPyConnection, name: str) -> pl.DataFrame:
    """One table of the snapshot, whole, in the import format's column order."""
    if name not in TABLES:
        raise KeyError(f"unknown table {name!r}")
    cursor = con.cursor()
    try:
        return cursor.table(name).select(*TABLES[name].column_names).pl()
    finally:
        cursor.close()


def provenance(snapshot: Snapshot) -> pl.DataFrame:
    """One row per table: file, rows and sha256, from the verified manifest."""
    m = snapshot.manifest
    return pl.DataFrame({
        "table": list(TABLE_ORDER),
        "file": [f"{t}.parquet" for t in TABLE_ORDER],
        "rows": [int(m.get("row_counts", {}).get(t, 0)) for t in TABLE_ORDER],
        "sha256": [m["files"].get(f"{t}.parquet", "") for t in TABLE_ORDER],
    })


def snapshot_list(con: duckdb.DuckDBPyConnection | None = None, root: Path | None = None) -> pl.DataFrame:
    """Every snapshot folder with its manifest's facts, marking the current one and the damaged ones."""
    current = current_id(root)
    rows = []
    for s in reversed(list_snapshots(root)):
        m = s["manifest"]
        rows.append({"current": "current" if s["id"] == current else "", "id": s["id"],
                     "created": dates_in_words(m.get("created", "")[:10]), "simulated": "simulated" if m.get("simulated") else "",
                     "source": m.get("source", ""), "status": f"damaged: {s['problem']}" if s["problem"] else "ok"})
    return pl.DataFrame(rows, schema=dict.fromkeys(("current", "id", "created", "simulated", "source", "status"), pl.String))


def comparable_snapshots(current: str, root: Path | None = None) -> list[str]:
    """The other snapshots that open cleanly, newest first: those "what changed" can compare with."""
    listed = snapshot_list(root=root)
    return [s for s in listed.filter(pl.col("status") == "ok")["id"].to_list() if s != current]
