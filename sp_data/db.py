"""An in-process DuckDB database over one snapshot's Parquet files, with the shared SQL macros loaded."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from sp_data.coverage import load_into as load_coverage
from sp_data.paths import QUERIES_DIR
from sp_data.queries import Query, parse
from sp_data.schema import TABLE_ORDER, VISIT_EVENTS
from sp_data.snapshot import Snapshot

# What a snapshot's connection runs after reading its tables, by folder: queries/load/ builds tables
# once per snapshot (work that does not depend on the as-at date), queries/base/ defines macros.
# Each file names in its header the files it needs (`-- needs:`); they run first.
SNAPSHOT_FOLDERS = ("load", "base")
# The connection comparing two snapshots (sp_data.diff) runs queries/pair/ and what it needs.
PAIR_FOLDERS = ("pair",)
_NAMES = re.compile(r"[a-z_][a-z0-9_]*")
_EVENT_ORDER = re.compile(r"MACRO event_order\(\) AS\s*\[([^\]]*)\]")


class LoadOrderError(ValueError):
    """The SQL files do not fit together: a `-- needs:` header names a missing file, needs form a cycle,
    or the SQL event order is not the import format's."""


@dataclass(frozen=True)
class Step:
    """One load or macro file, with what its header declares about the load order.

    A file that lists a snapshot table under `-- reads_file:` is given that table's Parquet file as
    the view <table>_file (with each row's position, file_row_number, to keep the file's order) in
    place of the table, builds the table itself and drops the view: reading the file into a table
    first and copying that cost a large snapshot a fifth of a second more.
    """

    query: Query
    needs: tuple[str, ...]
    builds: tuple[str, ...]  # tables it creates or replaces
    reads_file: tuple[str, ...]  # snapshot tables it builds straight from their Parquet file
    adds_columns: tuple[str, ...]  # columns it adds to the tables it builds from a file

    @property
    def name(self) -> str:
        return self.query.name

    @property
    def where(self) -> str:
        return f"queries/{self.query.path.parent.name}/{self.query.path.name}"


def _names(text: str | None) -> tuple[str, ...]:
    """The names listed in a header field; parenthesised remarks and "none" are not names."""
    listed = _NAMES.findall(re.sub(r"\([^)]*\)", "", text or ""))
    return tuple(n for n in listed if n != "none")


def read_steps(folder: Path) -> list[Step]:
    """Every file of one folder of queries/, with its declared needs."""
    steps = []
    for path in sorted(folder.glob("*.sql")):
        q = parse(path)
        steps.append(Step(q, _names(q.header.get("needs")), _names(q.header.get("builds")),
                          _names(q.header.get("reads_file")), _names(q.header.get("adds_columns"))))
    return steps


def in_order(steps: Sequence[Step], library: Sequence[Step] = ()) -> tuple[Step, ...]:
    """The steps, each after the ones it needs (taken from library when not among steps); alphabetical
    otherwise. Raises LoadOrderError naming the file for a missing need or the files of a cycle."""
    known = {s.name: s for s in library}
    known.update({s.name: s for s in steps})
    done: dict[str, Step] = {}
    visiting: list[str] = []

    def visit(step: Step) -> None:
        if step.name in done:
            return
        if step.name in visiting:
            cycle = visiting[visiting.index(step.name):] + [step.name]
            raise LoadOrderError("these query files need each other in a cycle: " + " -> ".join(cycle))
        visiting.append(step.name)
        for need in step.needs:
            if need not in known:
                raise LoadOrderError(f"{step.where} needs {need!r} (its '-- needs:' header), "
                                     "but no load or macro file has that name")
            visit(known[need])
        visiting.pop()
        done[step.name] = step

    for step in sorted(steps, key=lambda s: s.name):
        visit(step)
    return tuple(done.values())


@cache
def plan(folders: tuple[str, ...], library: tuple[str, ...] = (), root: Path = QUERIES_DIR) -> tuple[Step, ...]:
    """The files of folders, in load order, with those they need from the library folders."""
    steps = [s for f in folders for s in read_steps(root / f)]
    return in_order(steps, [s for f in library for s in read_steps(root / f)])


def check_event_order(steps: tuple[Step, ...]) -> None:
    """The SQL event order (event_order() in base/calendar.sql) is the import format's (schema.VISIT_EVENTS).

    Read from the file that every connection runs, once when this module is imported: a check on each
    connection would cost every page load a query.
    """
    calendar = next((s for s in steps if s.name == "calendar"), None)
    found = _EVENT_ORDER.search(calendar.query.sql) if calendar else None
    events = tuple(re.findall(r"'([a-z_]+)'", found.group(1))) if found else None
    if events != VISIT_EVENTS:
        raise LoadOrderError(f"queries/base/calendar.sql's event_order() {list(events or [])} differs from "
                             f"sp_data/schema.py's VISIT_EVENTS {list(VISIT_EVENTS)}")


SNAPSHOT_PLAN = plan(SNAPSHOT_FOLDERS)
check_event_order(SNAPSHOT_PLAN)
# Tables a snapshot's connection holds beyond the snapshot's own: those the load files build, and
# the coverage (from the manifest, by sp_data.coverage.load_into).
DERIVED_TABLES = tuple(t for s in SNAPSHOT_PLAN for t in s.builds if t not in TABLE_ORDER) + ("coverage",)
DERIVED_COLUMNS = {t: s.adds_columns for s in SNAPSHOT_PLAN for t in s.reads_file if s.adds_columns}
READ_BY_LOAD = frozenset(t for s in SNAPSHOT_PLAN for t in s.reads_file)


def run_steps(con: duckdb.DuckDBPyConnection, steps: tuple[Step, ...]) -> None:
    """Run load and macro files in the order given."""
    for step in steps:
        con.execute(step.query.sql)


def connect(snapshot: Snapshot, threads: int = 2) -> duckdb.DuckDBPyConnection:
    """Load a verified snapshot into a fresh in-memory database, then lock file access."""
    con = duckdb.connect(":memory:", config={"threads": threads})
    for name in TABLE_ORDER:
        # Relation API: the file path and table name never pass through SQL text.
        if name in READ_BY_LOAD:
            con.read_parquet(str(snapshot.table_path(name)), file_row_number=True).create_view(f"{name}_file")
        else:
            con.read_parquet(str(snapshot.table_path(name))).create(name)
    # What the snapshot holds, and for which period: facts() and the rest read it from here.
    load_coverage(con, snapshot.coverage)
    try:
        run_steps(con, SNAPSHOT_PLAN)
    except duckdb.Error:
        con.close()
        raise
    # After loading, queries can read no file: a user value can never reach the file system.
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def load_pair_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The macros of a connection holding two snapshots as schemas old and new (sp_data.diff)."""
    run_steps(con, plan(PAIR_FOLDERS, SNAPSHOT_FOLDERS[1:]))
