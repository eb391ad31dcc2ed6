"""Apply staged changes to a snapshot's tables and validate the result with the import's own validator."""
from __future__ import annotations

import csv
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import polars as pl

from sp_data.errors import Issue, Said, SourceError
from sp_data.i18n import N_
from sp_data.export_csv import read_snapshot_tables, write_source
from sp_data.record.changes import FILE, Change, check_shape
from sp_data.schema import TABLES
from sp_data.snapshot import Snapshot
from sp_data.source import FOREIGN_KEYS, read_source

# The validator's messages that name a row, as said once that row is named as the editor knows it ({row}: 'a
# staged change', 'CHANGES.csv row 3' or 'a row already recorded').
ROW_TEMPLATES = {
    "duplicate {key} {value} (first in row {row})": N_("duplicate {key} {value} (first in {row})"),
    "is a second completed event in thread {thread} (the first is in row {row})":
        N_("is a second completed event in thread {thread} (the first is in {row})"),
    "is after the completed event of thread {thread} (row {row}, {date})":
        N_("is after the completed event of thread {thread} ({row}, {date})"),
}
# The tables whose rows already recorded a message names, in its words.
RECORDED_IN = {"visits": N_("visits"), "visit_events": N_("visit events"), "communications": N_("communications"),
               "replies": N_("replies"), "standing_invitations": N_("standing invitations")}
# What a removal names that is not recorded, by the kind of record it removes.
NOT_RECORDED = {"visit thread": N_("no visit thread {value} is recorded"),
                "communication": N_("no communication {value} is recorded"),
                "standing invitation of": N_("no standing invitation of {value} is recorded")}

# The key that says what a row is about (a thread, a communication, a State's invitation), per table.
ROW_KEYS = {"visits": ("visit thread", "visit_id"), "visit_events": ("visit thread", "visit_id"),
            "communications": ("communication", "ref"), "replies": ("communication", "ref"),
            "standing_invitations": ("standing invitation of", "iso3")}


@dataclass
class Rows:
    """A table as cell text, each row with the change that wrote it (None: already in the snapshot)."""

    columns: list[str]
    cells: list[dict[str, str]]
    origin: list[Change | None]

    def add(self, change: Change, **cells: str | None) -> None:
        self.cells.append({c: cells.get(c) or "" for c in self.columns})
        self.origin.append(change)

    def find(self, **match: str | None) -> int | None:
        """The index of the first row whose cells are these, or None."""
        wanted = {k: v or "" for k, v in match.items()}
        return next((i for i, row in enumerate(self.cells) if all(row[k] == v for k, v in wanted.items())), None)

    def drop(self, keep: Callable[[dict[str, str]], bool]) -> int:
        """Remove the rows keep() refuses; return how many went."""
        kept = [(row, origin) for row, origin in zip(self.cells, self.origin, strict=True) if keep(row)]
        gone = len(self.cells) - len(kept)
        self.cells, self.origin = [r for r, _ in kept], [o for _, o in kept]
        return gone


@dataclass(frozen=True)
class Applied:
    """The tables after the changes (validated), and which of them the changes touched."""

    tables: dict[str, pl.DataFrame]
    touched: frozenset[str]


def apply_changes(base: Snapshot, changes: list[Change]) -> Applied:
    """The base snapshot's tables with the changes applied, validated as an import; SourceError otherwise."""
    problems = check_shape(changes)
    if problems:
        raise SourceError(problems)
    tables = read_snapshot_tables(base)
    needed = validated_tables(changes)
    with tempfile.TemporaryDirectory(prefix="sp-record-") as tmp:
        folder = Path(tmp) / "source"
        # Tables the changes cannot affect go in empty (they were validated when imported): a reminder
        # is checked against the threads, mandates and States, not the year's communications.
        write_source({n: frame if n in needed else TABLES[n].empty() for n, frame in tables.items()}, folder)
        text: dict[str, Rows] = {}
        for change in changes:
            problems += APPLY[change.action](change, lambda name: _rows(text, folder, name))
        if problems:
            raise SourceError(problems)
        if not set(text) <= needed:  # a table written in empty must never become the result
            raise RuntimeError(f"changes touched {sorted(set(text) - needed)} beyond {sorted(needed)}")
        for name, rows in text.items():
            _write(folder / TABLES[name].file_name, rows)
        try:
            source = read_source(folder)
        except SourceError as exc:
            every = dict(text)  # the untouched tables too, to say which change a row there concerns
            raise SourceError(_translate(exc.issues, lambda name: _rows(every, folder, name), changes)) from None
    touched = frozenset(text)
    return Applied({n: source.tables[n] if n in touched else tables[n] for n in tables}, touched)


def validated_tables(changes: list[Change]) -> set[str]:
    """The tables whose rules the changes can break: those they change, those that refer to them, and
    every table these refer to (so that their references resolve)."""
    needed = {c.table for c in changes} | {"visit_events" for c in changes if c.table == "visits"}
    needed |= {fk.table for fk in FOREIGN_KEYS if fk.target in needed}
    while more := {fk.target for fk in FOREIGN_KEYS if fk.table in needed} - needed:
        needed |= more
    return needed


def _rows(text: dict[str, Rows], folder: Path, name: str) -> Rows:
    """A table's rows as text, read from the source folder the first time a change needs them."""
    if name not in text:
        path = folder / TABLES[name].file_name
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            cells = list(reader)
            text[name] = Rows(list(reader.fieldnames or TABLES[name].column_names), cells, [None] * len(cells))
    return text[name]


def _write(path: Path, rows: Rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, rows.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows.cells)


# ---------------------------------------------------------------------------------------------
# One function per action: each changes the rows it needs and returns the errors it finds itself
# (what it must find, missing); every other rule is the import validator's.

Table = Callable[[str], Rows]


def _add_event(change: Change, table: Table) -> list[Issue]:
    table("visit_events").add(change, **change.values)
    return []


def _add_thread(change: Change, table: Table) -> list[Issue]:
    table("visits").add(change, **change.values)
    table("visit_events").add(change, **change.values)
    return []


def _extend_invitation(change: Change, table: Table) -> list[Issue]:
    rows = table("standing_invitations")
    at = rows.find(iso3=change.get("iso3"))
    if at is not None and not rows.cells[at]["withdrawn_on"]:
        return [change.issue("iso3", Said(N_("already has a standing invitation, extended on {date}"),
                                          date=rows.cells[at]["extended_on"]))]
    if at is not None:  # extended again after a withdrawal: the table holds one invitation per State
        rows.drop(lambda row: row["iso3"] != change.get("iso3"))
    rows.add(change, iso3=change.get("iso3"), extended_on=change.get("extended_on"))
    return []


def _withdraw_invitation(change: Change, table: Table) -> list[Issue]:
    rows = table("standing_invitations")
    at = rows.find(iso3=change.get("iso3"), withdrawn_on=None)
    if at is None:
        return [change.issue("iso3", N_("has no standing invitation in force to withdraw"))]
    rows.cells[at]["withdrawn_on"] = change.get("withdrawn_on") or ""
    rows.origin[at] = change
    return []


def _add_communication(change: Change, table: Table) -> list[Issue]:
    table("communications").add(change, **change.values)
    return []


def _add_reply(change: Change, table: Table) -> list[Issue]:
    table("replies").add(change, **change.values)
    return []


def _correct_event(change: Change, table: Table) -> list[Issue]:
    rows = table("visit_events")
    at = rows.find(visit_id=change.get("visit_id"), date=change.get("date"), event=change.get("event"))
    if at is None:
        return [_missing(change)]
    row = rows.cells[at]
    row["date"] = change.get("new_date") or row["date"]
    row["event"] = change.get("new_event") or row["event"]
    if change.get("end_date") or row["event"] != "completed":
        row["end_date"] = change.get("end_date") or ""
    rows.origin[at] = change
    return []


def _remove(change: Change, table: Table) -> list[Issue]:
    name = change.table
    rows = table(name)
    if name == "visit_events":
        at = rows.find(visit_id=change.get("visit_id"), date=change.get("date"), event=change.get("event"))
        if at is None:
            return [_missing(change)]
        event = rows.cells[at]
        rows.drop(lambda row: row is not event)
        return []
    if name == "replies":
        at = rows.find(ref=change.get("ref"), received_on=change.get("received_on"))
        if at is None:
            return [change.issue("received_on", Said(N_("no reply to {ref} received on this date is recorded"),
                                                     ref=repr(change.get("ref"))))]
        reply = rows.cells[at]
        rows.drop(lambda row: row is not reply)
        return []
    column = {"visits": "visit_id", "communications": "ref", "standing_invitations": "iso3"}[name]
    if not rows.drop(lambda row: row[column] != change.get(column)):
        return [change.issue(column, Said(NOT_RECORDED[change.key[0]], value=repr(change.get(column))))]
    if name == "visits":  # a thread goes with its events
        table("visit_events").drop(lambda row: row["visit_id"] != change.get("visit_id"))
    return []


def _missing(change: Change) -> Issue:
    return change.issue("event", Said(N_("no {event} event dated {date} is recorded in visit thread {thread}"),
                                      event=change.get("event"), date=change.get("date"),
                                      thread=repr(change.get("visit_id"))))


APPLY: dict[str, Callable[[Change, Table], list[Issue]]] = {
    "add_event": _add_event, "add_thread": _add_thread, "extend_invitation": _extend_invitation,
    "withdraw_invitation": _withdraw_invitation, "add_communication": _add_communication, "add_reply": _add_reply,
    "correct_event": _correct_event, "remove": _remove,
}


# ---------------------------------------------------------------------------------------------
# The validator's issues, said of the CHANGES.csv row (or staged change) they come from

ROW_REFERENCE = re.compile(r"\brow (\d+)")


def _translate(issues: list[Issue], table: Table, changes: list[Change]) -> list[Issue]:
    by_key = {change.key: change for change in changes}
    out = []
    for issue in issues:
        name = issue.file.removesuffix(".csv")
        rows = table(name) if name in TABLES else None
        message = _rows_named(issue.message, rows)
        origin = _origin(rows, issue.row)
        if origin is None and rows is not None and issue.row is not None and name in ROW_KEYS:
            kind, key_column = ROW_KEYS[name]
            origin = by_key.get((kind, rows.cells[issue.row - 2][key_column]))
            message = Said(N_("{message} (in {table} already recorded)"), message=message,
                           table=Said(RECORDED_IN[name]) if name in RECORDED_IN else name.replace("_", " "))
        if origin is None:
            out.append(Issue(issue.file, None, issue.column, issue.value, message))
            continue
        column = issue.column
        if origin.action == "correct_event" and column in ("date", "event") and origin.get(f"new_{column}"):
            column = f"new_{column}"
        out.append(Issue(FILE, origin.row or None, column, issue.value, message))
    return out


def _rows_named(message: str, rows: Rows | None) -> str:
    """A validator message with each row it names said as the editor knows it (still translatable when it was)."""
    if isinstance(message, Said) and message.template in ROW_TEMPLATES and isinstance(message.values.get("row"), int):
        return Said(ROW_TEMPLATES[message.template], **{**message.values, "row": _row_said(rows, message.values["row"])})
    return ROW_REFERENCE.sub(partial(_where, rows), message)


def _origin(rows: Rows | None, row: int | None) -> Change | None:
    """The change that wrote a row of the validated file (its header is row 1), if one did."""
    if rows is None or row is None or not 2 <= row < len(rows.origin) + 2:
        return None
    return rows.origin[row - 2]


def _where(rows: Rows | None, match: re.Match[str]) -> str:
    """A row a validator message refers to, said as the editor knows it."""
    return _row_said(rows, int(match.group(1)))


def _row_said(rows: Rows | None, row: int) -> str:
    """A row of a validated file as the editor knows it: a staged change, a row of CHANGES.csv, or one recorded."""
    origin = _origin(rows, row)
    if origin is None:
        return Said(N_("a row already recorded"))
    return Said(N_("{file} row {row}"), file=FILE, row=origin.row) if origin.row else Said(N_("a staged change"))
