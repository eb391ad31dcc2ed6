"""Writing a snapshot back out as a source folder in the import format."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl

from sp_data.schema import TABLE_ORDER, TABLES
from sp_data.snapshot import Snapshot


def _cell(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "list" and isinstance(value, (list, tuple)):
        return "; ".join(value)
    return str(value)


def write_source(tables: dict[str, pl.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table as <name>.csv (UTF-8, header row) in out_dir; return the files written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TABLE_ORDER:
        table = TABLES[name]
        frame = tables.get(name)
        if frame is None or (not table.required and frame.height == 0):
            continue
        path = out_dir / table.file_name
        kinds = [c.type for c in table.columns]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(table.column_names)
            for row in frame.select(table.column_names).iter_rows():
                writer.writerow([_cell(v, k) for v, k in zip(row, kinds, strict=True)])
        written.append(path)
    return written


def read_snapshot_tables(snapshot: Snapshot) -> dict[str, pl.DataFrame]:
    """Every table of an opened snapshot as a Polars frame."""
    return {name: pl.read_parquet(snapshot.table_path(name)) for name in TABLE_ORDER}
