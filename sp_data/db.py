"""An in-process DuckDB database over one snapshot's Parquet files, with the shared SQL macros loaded."""
from __future__ import annotations

import duckdb

from sp_data.coverage import load_into as load_coverage
from sp_data.paths import QUERIES_DIR
from sp_data.schema import TABLE_ORDER
from sp_data.snapshot import Snapshot

# Base macros, in dependency order; each file defines one building block used by the queries.
BASE_MACROS = ("calendar", "thread_status", "accepted_not_carried_out", "communications_as_at",
               "communications_by_year", "state_cooperation")
# Work that does not depend on the as-at date, done once when the snapshot is loaded: a table the
# base files derive from the snapshot's own (base/thread_status.sql), and columns they add to one
# (base/communications_as_at.sql).
DERIVED_TABLES = ("thread_events", "coverage")  # coverage: from the manifest (sp_data.coverage.load_into)
DERIVED_COLUMNS = {"communications": ("first_reply_ever_on", "first_substantive_reply_ever_on")}
# A table that gains columns is built by its base file straight from the Parquet file, exposed as
# the view <table>_file (with each row's position, file_row_number, to keep the file's order), which
# the base file drops: reading it into a table first and copying that cost a large snapshot a fifth
# of a second more.
BUILT_BY_BASE = tuple(DERIVED_COLUMNS)


def connect(snapshot: Snapshot, threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Load a verified snapshot into a fresh in-memory database, then lock file access."""
    con = duckdb.connect(":memory:", config={"threads": threads})
    for name in TABLE_ORDER:
        # Relation API: the file path and table name never pass through SQL text.
        if name in BUILT_BY_BASE:
            con.read_parquet(str(snapshot.table_path(name)), file_row_number=True).create_view(f"{name}_file")
        else:
            con.read_parquet(str(snapshot.table_path(name))).create(name)
    # What the snapshot holds, and for which period: facts() and the rest read it from here.
    load_coverage(con, snapshot.coverage)
    for macro in BASE_MACROS:
        con.execute((QUERIES_DIR / "base" / f"{macro}.sql").read_text(encoding="utf-8"))
    # After loading, queries can read no file: a user value can never reach the file system.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con
