"""The named SQL files in queries/: loading them, checking their headers, running them with bound parameters."""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from sp_data.paths import QUERIES_DIR

if TYPE_CHECKING:
    import polars as pl  # imported by run() when it runs: `facts` (rows()) never loads Polars

HEADER_FIELDS = ("question", "definition", "grain", "key", "parameters")
# Fields of the load and macro files (queries/load/, base/, pair/) that sp_data.db orders them by.
LOAD_FIELDS = ("needs", "builds", "reads_file", "adds_columns")
_PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
_HEADER_RE = re.compile(r"^--\s*([a-z_]+):\s*(.*)$")
_KEY_RE = re.compile(r"([a-z_][a-z0-9_]*)\s*(?:\(([^)]*)\))?")
# DuckDB warns that Arrow output of an executed statement is copied once: results here are
# aggregates, and the copy costs less than binding the statement twice. Set once, not per call
# (catch_warnings is not thread-safe, and the app runs sessions in threads).
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


@dataclass(frozen=True)
class Query:
    """One SQL file: its name, header fields, body and the parameters it binds."""

    name: str
    path: Path
    header: dict[str, str]
    sql: str
    params: tuple[str, ...]

    @property
    def key(self) -> tuple[KeyColumn, ...]:
        """The columns of its `-- key:` header that identify a row; () when it returns one row (or none).

        `-- key: year, regional_group (may be NULL: ...)` marks a column that may be NULL; text after
        a ";" describes another result of the file (a second macro) and is not read.
        """
        text = self.header.get("key", "").split(";")[0]
        if text.startswith(("(one row)", "none")):
            return ()
        return tuple(KeyColumn(name, "may be null" in remark.lower()) for name, remark in _KEY_RE.findall(text))


@dataclass(frozen=True)
class KeyColumn:
    """One column of a query's key, and whether it may be NULL (two NULLs are then the same key)."""

    name: str
    nullable: bool = False


def parse(path: Path) -> Query:
    """Read a query file; header lines are `-- field: text`, continued by `--   more text`."""
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    field = None
    for line in text.splitlines():
        if not line.startswith("--"):
            break
        match = _HEADER_RE.match(line)
        if match and match.group(1) in HEADER_FIELDS + LOAD_FIELDS + ("name", "note", "used_by"):
            field = match.group(1)
            header[field] = match.group(2).strip()
        elif field:
            header[field] = (header[field] + " " + line.lstrip("-").strip()).strip()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    params = tuple(sorted(set(_PARAM_RE.findall(body))))
    return Query(name=path.stem, path=path, header=header, sql=text, params=params)


@cache
def load(name: str, directory: Path = QUERIES_DIR) -> Query:
    """The query called name (queries/<name>.sql)."""
    path = directory / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query file {path}")
    return parse(path)


def all_queries(directory: Path = QUERIES_DIR) -> list[Query]:
    """Every query file, the base macros included."""
    return [parse(p) for p in sorted(directory.rglob("*.sql"))]


def bound(name: str, params: dict) -> tuple[Query, dict]:
    """The query called name and the values of the parameters it binds; TypeError naming any missing."""
    query = load(name)
    missing = [p for p in query.params if p not in params]
    if missing:
        raise TypeError(f"query {name} needs parameter(s) {', '.join(missing)}")
    return query, {p: params[p] for p in query.params}


@contextmanager
def _executed(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> Iterator[duckdb.DuckDBPyConnection]:
    """The named query executed on a cursor of its own with its bound parameters (closed after)."""
    query, values = bound(name, params)
    cursor = con.cursor()
    try:
        # execute() plans the query once; sql(...).pl() binds it twice (relation, then result), which
        # cost the bundled snapshot's pages 10-20% of their time.
        yield cursor.execute(query.sql, values)
    finally:
        cursor.close()


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pl.DataFrame:
    """Run a named query on its own cursor with bound parameters; return a Polars frame."""
    import polars as pl

    with _executed(con, name, params) as result:
        frame = pl.from_arrow(result.to_arrow_table())
    assert isinstance(frame, pl.DataFrame)  # an Arrow table gives a frame (a Series comes from an array)
    return frame


def rows(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict[str, Any]]:
    """run() as plain Python rows, one dict per row: the same query, the same bound parameters.

    For a command asking a few one-row questions once (`facts`): it needs neither Polars nor Arrow,
    whose import costs more than its queries.
    """
    with _executed(con, name, params) as result:
        columns = [d[0] for d in result.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
