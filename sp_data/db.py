"""An in-process DuckDB database over one snapshot's Parquet files, with the shared SQL macros loaded."""
from __future__ import annotations

import duckdb

from sp_data.paths import QUERIES_DIR
from sp_data.schema import TABLE_ORDER
from sp_data.snapshot import Snapshot

# Base macros, in dependency order; each file defines one building block used by the queries.
BASE_MACROS = ("calendar", "thread_status", "communication_replies", "state_cooperation")
# Tables the base files derive from the snapshot's own when it is loaded (base/thread_status.sql,
# base/communication_replies.sql): work that does not depend on the as-at date, done once.
DERIVED_TABLES = ("thread_events", "reply_dates")


def connect(snapshot: Snapshot, threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Load a verified snapshot into a fresh in-memory database, then lock file access."""
    con = duckdb.connect(":memory:", config={"threads": threads})
    for name in TABLE_ORDER:
        # Relation API: the file path and table name never pass through SQL text.
        con.read_parquet(str(snapshot.table_path(name))).create(name)
    for macro in BASE_MACROS:
        con.execute((QUERIES_DIR / "base" / f"{macro}.sql").read_text(encoding="utf-8"))
    # After loading, queries can read no file: a user value can never reach the file system.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
