"""The real reference tables alone (States with their groups, mandates; no events): a base for imports."""
from __future__ import annotations

import polars as pl

from sp_data.paths import REFERENCE_DIR
from sp_data.schema import TABLE_ORDER, TABLES
from sp_data.snapshot import Snapshot

REFERENCE_BASE = "reference"  # the --base value that names these tables instead of a snapshot
SOURCE = "the reference tables (real States, regional groups and mandates; no records)"


def is_reference(ref: object) -> bool:
    """Whether a --base value names the reference tables."""
    return isinstance(ref, str) and ref.strip().lower() == REFERENCE_BASE


def reference_base() -> Snapshot:
    """A stand-in snapshot for the reference tables: real, never simulated."""
    return Snapshot(REFERENCE_BASE, REFERENCE_DIR, {"id": REFERENCE_BASE, "simulated": False, "source": SOURCE})


def reference_tables() -> dict[str, pl.DataFrame]:
    """Every table of the import format: the reference States and mandates, the others empty."""
    states = pl.read_csv(REFERENCE_DIR / "states.csv", infer_schema=False)
    mandates = pl.read_csv(REFERENCE_DIR / "mandates.csv", infer_schema=False)
    tables = {name: TABLES[name].empty() for name in TABLE_ORDER}
    tables["states"] = states.select(pl.col(c).cast(t) for c, t in TABLES["states"].polars_schema.items())
    tables["mandates"] = mandates.with_columns(
        pl.col("established_on").str.to_date(), pl.col("ended_on").str.to_date(),
    ).select(pl.col(c).cast(t) for c, t in TABLES["mandates"].polars_schema.items())
    return tables
