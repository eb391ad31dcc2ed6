"""An in-process DuckDB database over one snapshot's Parquet files, with the shared SQL macros loaded."""
from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from sp_data.coverage import load_into as load_coverage
from sp_data.paths import QUERIES_DIR
from sp_data.queries import Query, parse
from sp_data.schema import TABLE_ORDER, VISIT_EVENTS
from sp_data.snapshot import Snapshot, open_snapshot

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


# What the load files build is stored in each snapshot when it is written (write_derived), so that
# opening one only reads it. LOAD_PLAN is the load files with the macro files they need, run to build
# the stored tables; LOAD_SHA256, the hash of their SQL, written into the manifest: a snapshot whose
# tables a different load plan built has them computed at open instead (stored_tables).
LOAD_PLAN = plan(SNAPSHOT_FOLDERS[:1], SNAPSHOT_FOLDERS[1:])
STORED_TABLES = tuple(t for s in LOAD_PLAN for t in s.builds)


def plan_sha256(steps: Sequence[Step]) -> str:
    """The hash of what the files run: their names and SQL, without comment lines (a reworded header changes no table)."""
    text = "".join(f"{s.where}\n" + "".join(line for line in s.query.sql.splitlines(keepends=True)
                                            if not line.lstrip().startswith("--")) for s in steps)
    return hashlib.sha256(text.encode()).hexdigest()


LOAD_SHA256 = plan_sha256(LOAD_PLAN)
MACRO_PLAN = tuple(s for s in SNAPSHOT_PLAN if s.query.path.parent.name != SNAPSHOT_FOLDERS[0])
log = logging.getLogger(__name__)


def run_steps(con: duckdb.DuckDBPyConnection, steps: tuple[Step, ...]) -> None:
    """Run load and macro files in the order given."""
    for step in steps:
        con.execute(step.query.sql)


def _read_tables(con: duckdb.DuckDBPyConnection, path_of: Callable[[str], Path], skip: Sequence[str] = (),
                 in_place: bool = False) -> list[Path]:
    """The snapshot tables as read from their files (as views of the files, in_place), those the load files read
    themselves as views <table>_file; return the files read."""
    paths = []
    for name in TABLE_ORDER:
        if name in skip:
            continue
        paths.append(path_of(name))
        # Relation API: the file path and table name never pass through SQL text.
        if name in READ_BY_LOAD:
            con.read_parquet(str(paths[-1]), file_row_number=True).create_view(f"{name}_file")
        elif in_place:
            con.read_parquet(str(paths[-1])).create_view(name)
        else:
            con.read_parquet(str(paths[-1])).create(name)
    return paths


def computed_at_open(manifest: dict) -> str | None:
    """Why a snapshot's tables built by the load files are computed each time it is opened, or None when it stores
    them as the load files now build them."""
    derived = manifest.get("derived")
    if not isinstance(derived, dict):
        return "it was written before snapshots stored them"
    if derived.get("load_sha256") != LOAD_SHA256 or set(derived.get("files", {})) != set(map(derived_file, STORED_TABLES)):
        return "it stores them as other load files (queries/load/) built them"
    return None


def stored_tables(snapshot: Snapshot) -> dict[str, Path] | None:
    """The tables the load files build as the snapshot stores them, or None when they must be computed at open:
    a snapshot written before they were stored, or by other load files (whose tables could differ)."""
    why = computed_at_open(snapshot.manifest)
    if why is not None:
        log.info("snapshot %s: the tables built by the load files are computed at open: %s", snapshot.id, why)
        return None
    return {t: snapshot.path / derived_file(t) for t in STORED_TABLES}


def derived_file(table: str) -> str:
    """The name of the file in which a snapshot stores a table the load files build."""
    return f"derived.{table}.parquet"


def write_derived(folder: Path) -> tuple[str, ...]:
    """Build the load files' tables from the table files in folder and write them there; return their file names."""
    # One thread: the rows come out in the same order every time, so the same tables give the same bytes
    # (the bundled snapshot is regenerated byte for byte; a record commit's unchanged tables stay shared).
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        _read_tables(con, lambda name: folder / f"{name}.parquet")
        run_steps(con, LOAD_PLAN)
        for table in STORED_TABLES:
            con.table(table).write_parquet(str(folder / derived_file(table)), compression="zstd")
    finally:
        con.close()
    return tuple(derived_file(t) for t in STORED_TABLES)


def open_and_connect(path: str | Path, threads: int = 2,
                     in_place: bool = False) -> tuple[Snapshot, duckdb.DuckDBPyConnection]:
    """open_snapshot(path), then connect() to it, in one database: the checks read the files' columns with the
    database the snapshot is then loaded into."""
    con = duckdb.connect(":memory:", config={"threads": threads})
    try:
        snapshot = open_snapshot(path, reader=con)
    except BaseException:
        con.close()
        raise
    return snapshot, connect(snapshot, in_place=in_place, database=con)


def connect(snapshot: Snapshot, threads: int = 2, in_place: bool = False,
            database: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """Load a verified snapshot into a fresh in-memory database, then lock file access.

    The tables the load files build are read as the snapshot stores them; only a snapshot that does not
    store them (written before they were, or by other load files) has them computed here.

    in_place reads the snapshot's files where they lie, at each query, instead of into memory first: for a
    command that asks a few questions once (`facts`), a large snapshot then costs a fraction of the memory
    and no loading time; the app, asking many, keeps the tables in memory, where each query is faster.

    database: an empty in-memory database to load into (open_and_connect's), instead of a new one.
    """
    con = database if database is not None else duckdb.connect(":memory:", config={"threads": threads})
    stored = stored_tables(snapshot)
    try:
        read = _read_tables(con, snapshot.table_path, skip=tuple(stored or ()), in_place=in_place)
        for name, path in (stored or {}).items():
            if in_place:
                con.read_parquet(str(path)).create_view(name)
            else:
                con.read_parquet(str(path)).create(name)
            read.append(path)
        # What the snapshot holds, and for which period: facts() and the rest read it from here.
        load_coverage(con, snapshot.coverage)
        run_steps(con, SNAPSHOT_PLAN if stored is None else MACRO_PLAN)
        # After loading, queries can read no file (in place: no file but the snapshot's own, verified when it
        # was opened): a user value can never reach the file system.
        if in_place:
            con.execute("SET allowed_paths = $paths", {"paths": [str(p) for p in read]})
    except duckdb.Error:
        con.close()
        raise
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def load_pair_macros(con: duckdb.DuckDBPyConnection) -> None:
    """The macros of a connection holding two snapshots as schemas old and new (sp_data.diff)."""
    run_steps(con, plan(PAIR_FOLDERS, SNAPSHOT_FOLDERS[1:]))
