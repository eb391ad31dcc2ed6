"""Where the project's folders are, and how a snapshot is chosen when none is named."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
REFERENCE_DIR = Path(__file__).resolve().parent / "reference"
BUNDLED_SNAPSHOT_ID = "demo"


def parquet_dir() -> Path:
    """The folder holding snapshots: $SP_PARQUET_DIR, else the project's parquet/."""
    return Path(os.environ.get("SP_PARQUET_DIR") or PROJECT_ROOT / "parquet")
