"""Read and validate a source folder in the import format (design/import-format.md)."""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polars as pl

from sp_data.errors import Issue, Said, SourceError
from sp_data.i18n import N_
from sp_data.schema import TABLES, Column, Table


@dataclass
class Source:
    """A validated source folder: one typed frame per table, and the warnings found."""

    tables: dict[str, pl.DataFrame]
    warnings: list[Issue]


def read_source(folder: str | Path) -> Source:
    """Read and validate a source folder; raise SourceError with every issue found."""
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError([Issue(str(folder), None, None, None, N_("the source folder does not exist"))])
    report = _Report()
    report.warnings.extend(_unknown_files(folder))
    loaded = {name: _load_table(folder / table.file_name, table, report) for name, table in TABLES.items()}
    # A table that could not be read at all is left out of the cross-row and cross-table checks
    # (checking references against it would only repeat its own error many times).
    available = {name: t for name, t in loaded.items() if t is not None}
    report.errors.extend(_check_rows(available))
    report.errors.extend(_check_tables(available))
    if report.errors:
        raise SourceError(report.errors)
    frames = {name: _frame(TABLES[name], loaded[name]) for name in TABLES}
    return Source(frames, sorted(report.warnings, key=_issue_order))


# ---------------------------------------------------------------------------------------------
# Reading files

BAD_BYTES = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as decoded by surrogateescape


@dataclass
class _Report:
    """Issues collected over a whole run."""

    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)


@dataclass
class Row:
    """One data row: its spreadsheet row number, its cell text and its typed values."""

    number: int
    text: dict[str, str | None]  # stripped cell text; None when empty or the column is absent
    values: dict[str, object]  # typed value; None when missing or invalid (the error is reported)

    def day(self, column: str) -> date | None:
        """A date column's value."""
        value = self.values[column]
        return value if isinstance(value, date) else None

    def whole(self, column: str) -> int | None:
        """A whole-number column's value."""
        value = self.values[column]
        return value if isinstance(value, int) else None

    def word(self, column: str) -> str | None:
        """A text or code column's value."""
        value = self.values[column]
        return value if isinstance(value, str) else None


@dataclass
class Loaded:
    """A table read from its file: the columns its header has, and its rows."""

    table: Table
    present: set[str]
    rows: list[Row]

    @property
    def file(self) -> str:
        return self.table.file_name

    def has(self, *columns: str) -> bool:
        """Whether the file has all these columns (rules on an absent column are skipped)."""
        return all(c in self.present for c in columns)


def _issue_order(issue: Issue) -> tuple:
    """Sort issues by file, row and column, as SourceError does."""
    return (issue.file, issue.row or 0, issue.column or "", issue.message)


def _unknown_files(folder: Path) -> Iterator[Issue]:
    """Warn about CSV files that are not part of the import format."""
    known = {table.file_name for table in TABLES.values()}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() == ".csv" and path.name not in known:
            yield Issue(path.name, None, None, None, N_("unknown file; it is not part of the import format and is ignored"))


def _load_table(path: Path, table: Table, report: _Report) -> Loaded | None:
    """Read one table's file; None when it is absent or cannot be read at all."""
    file = table.file_name
    if not path.is_file():
        if table.required:
            report.errors.append(Issue(file, None, None, None, N_("required file is missing")))
        return None
    records = _records(path.read_bytes(), file, report)
    if records is None:
        return None
    if not records:
        report.errors.append(Issue(file, None, None, None, N_("the file is empty; it needs a header row")))
        return None
    (header_number, header), body = records[0], records[1:]
    positions = _read_header(header, header_number, table, report)
    rows = [_read_row(number, cells, len(header), positions, table, report) for number, cells in body]
    return Loaded(table, set(positions), rows)


def _records(data: bytes, file: str, report: _Report) -> list[tuple[int, list[str]]] | None:
    """Decode and parse a CSV file into its non-blank records, each with its row number."""
    # surrogateescape keeps undecodable bytes, so the row that holds them can be named.
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    try:
        numbered = list(enumerate(csv.reader(io.StringIO(text, newline="")), start=1))
    except csv.Error as exc:
        report.errors.append(Issue(file, None, None, None, Said(N_("cannot be read as CSV: {problem}"), problem=exc)))
        return None
    if BAD_BYTES.search(text):
        report.errors.append(_encoding_issue(file, numbered))
        return None
    # Blank rows are skipped, but they keep their place in the numbering (as in a spreadsheet).
    records = [(number, cells) for number, cells in numbered if any(cell.strip() for cell in cells)]
    # The "# ..." lines a dashboard export opens with (notice, source, filters) come before the header.
    while records and records[0][1] and records[0][1][0].startswith("#"):
        records.pop(0)
    return records


def _encoding_issue(file: str, numbered: list[tuple[int, list[str]]]) -> Issue:
    """The error for a file that is not UTF-8, naming the first cell with bad bytes."""
    header_number, header = next(((n, c) for n, c in numbered if any(x.strip() for x in c)), (0, []))
    for number, cells in numbered:
        for index, cell in enumerate(cells):
            bad = BAD_BYTES.search(cell)
            if bad:
                in_body = number > header_number and index < len(header)
                column = _escaped(header[index]) if in_body else None
                shown = "".join(f"\\x{ord(ch) - 0xDC00:02x}" for ch in bad.group())
                return Issue(file, number, column, _escaped(cell),
                             Said(N_("the file is not valid UTF-8 (bad bytes {bytes} in row {row}); save it as UTF-8"),
                                  bytes=shown, row=number))
    # Bad bytes are always inside some cell; this only guards against the unexpected.
    return Issue(file, None, None, None, N_("the file is not valid UTF-8; save it as UTF-8"))


def _escaped(cell: str) -> str:
    """A cell's text with undecodable bytes shown as \\xNN escapes."""
    return cell.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace").strip()


def _read_header(cells: list[str], number: int, table: Table, report: _Report) -> dict[str, int]:
    """Map each known column to its position; report unknown, repeated and missing columns."""
    file, positions = table.file_name, {}
    for index, raw in enumerate(cells):
        name = raw.strip()
        if name in positions:
            report.errors.append(Issue(file, number, name, name, N_("this column appears twice in the header")))
        elif name in table.column_names:
            positions[name] = index
        else:
            shown = name or f"(unnamed column {index + 1})"
            report.warnings.append(Issue(file, number, shown, None, N_("unknown column; its values are ignored")))
    for column in table.columns:
        if column.name not in positions and column.name not in table.optional_columns:
            report.errors.append(Issue(file, number, column.name, None, N_("required column is missing from the header")))
    return positions


def _read_row(number: int, cells: list[str], width: int, positions: dict[str, int], table: Table,
              report: _Report) -> Row:
    """Read one data row: check and convert each cell of a known column."""
    if len(cells) > width:
        extra = ",".join(cells[width:])
        report.errors.append(Issue(table.file_name, number, None, extra,
                                   Said(N_("this row has {n} cells but the header has {width}"), n=len(cells),
                                        width=width)))
    row = Row(number, {}, {})
    for column in table.columns:
        index = positions.get(column.name)
        cell = cells[index].strip() if index is not None and index < len(cells) else ""
        row.text[column.name] = cell or None
        if index is None:  # an optional column the file leaves out
            row.values[column.name] = column.default
            continue
        value, problem = _parse_cell(table, column, cell)
        row.values[column.name] = value
        if problem:
            report.errors.append(Issue(table.file_name, number, column.name, cell or None, problem))
    return row


# ---------------------------------------------------------------------------------------------
# Cell values

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
WHOLE_NUMBER = re.compile(r"[0-9]+")
ISO3 = re.compile(r"[A-Z]{3}")
# No communication covers a billion people; a bigger count is a typing error, and sums of
# many such values would overflow the year's totals.
MAX_INT = 1_000_000_000

Parsed = tuple[object, str | None]  # (typed value or None, error message or None)


def _parse_cell(table: Table, column: Column, cell: str) -> Parsed:
    """Convert one stripped cell to its column's type, or say what is wrong with it."""
    if not cell:
        # An empty optional cell takes the column's default (confidential: false), like an absent column.
        return (None, N_("a value is required")) if column.required else (column.default, None)
    value, problem = PARSERS[column.type](cell, column)
    if problem is None and (table.name, column.name) in ISO3_COLUMNS and not ISO3.fullmatch(cell):
        return None, N_("must be 3 uppercase letters A-Z (an ISO 3166-1 alpha-3 code)")
    return value, problem


def _parse_text(cell: str, column: Column) -> Parsed:
    """Text is taken as it is."""
    return cell, None


def _parse_code(cell: str, column: Column) -> Parsed:
    """A code must be one of the column's values, exactly (case matters)."""
    if cell in column.codes:
        return cell, None
    return None, Said(N_("is not an allowed value; use one of: {values}"), values=", ".join(column.codes))


def _parse_date(cell: str, column: Column) -> Parsed:
    """A date must be written YYYY-MM-DD and exist in the calendar."""
    if not DATE.fullmatch(cell):
        return None, N_("must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(cell), None
    except ValueError:
        return None, N_("is not a real calendar date")


def _parse_bool(cell: str, column: Column) -> Parsed:
    """A boolean is true or false, in any case."""
    lowered = cell.lower()
    if lowered in ("true", "false"):
        return lowered == "true", None
    return None, N_("must be true or false")


def _parse_int(cell: str, column: Column) -> Parsed:
    """An integer is a whole number, 0 or more, written in digits only."""
    if not WHOLE_NUMBER.fullmatch(cell):
        return None, N_("must be a whole number, 0 or more (digits only, e.g. 12)")
    # Compare lengths first: Python refuses to convert more than 4300 digits (ValueError).
    digits = cell.lstrip("0") or "0"
    if len(digits) > len(str(MAX_INT)) or int(digits) > MAX_INT:
        return None, Said(N_("is implausibly large (more than {limit})"), limit=f"{MAX_INT:,}")
    return int(digits), None


def _parse_list(cell: str, column: Column) -> Parsed:
    """A list is split on ';'; spaces around items and empty items are dropped."""
    items = [item.strip() for item in cell.split(";") if item.strip()]
    if not items:
        return None, N_("must list at least one item, separated by ';'")
    return items, None


PARSERS: dict[str, Callable[[str, Column], Parsed]] = {
    "text": _parse_text, "code": _parse_code, "date": _parse_date,
    "bool": _parse_bool, "int": _parse_int, "list": _parse_list,
}


# ---------------------------------------------------------------------------------------------
# Rules within a row

Problem = tuple[str, str]  # (column at fault, message)


@dataclass(frozen=True)
class RowRule:
    """A rule on the cells of one row of a table; it needs all the columns named."""

    table: str
    columns: tuple[str, ...]
    check: Callable[[Row], Iterator[Problem]]


ROW_RULES: list[RowRule] = []


RowCheck = Callable[[Row], Iterator[Problem]]


def row_rule(table: str, *columns: str) -> Callable[[RowCheck], RowCheck]:
    """Register a row rule of a table that needs the given columns."""
    def register(check: RowCheck) -> RowCheck:
        ROW_RULES.append(RowRule(table, columns, check))
        return check
    return register


def _check_rows(tables: dict[str, Loaded]) -> Iterator[Issue]:
    """Apply every row rule to every row of the tables that were read."""
    for rule in ROW_RULES:
        t = tables.get(rule.table)
        if t is None or not t.has(*rule.columns):
            continue
        for row in t.rows:
            for column, message in rule.check(row):
                yield Issue(t.file, row.number, column, row.text[column], message)


def _before(row: Row, earlier: str, later: str) -> bool:
    """Whether both dates are known and `later` is before `earlier`."""
    first, second = row.day(earlier), row.day(later)
    return first is not None and second is not None and second < first


def _not_after(row: Row, earlier: str, later: str) -> bool:
    """Whether both dates are known and `later` is on or before `earlier`."""
    first, second = row.day(earlier), row.day(later)
    return first is not None and second is not None and second <= first


@row_rule("mandates", "kind", "country_iso3")
def _mandate_country(row: Row) -> Iterator[Problem]:
    """A country mandate names the State it covers; a thematic mandate names none."""
    kind, iso3 = row.values["kind"], row.text["country_iso3"]
    if kind == "country" and iso3 is None:
        yield "country_iso3", N_("is required for a country mandate")
    if kind == "thematic" and iso3 is not None:
        yield "country_iso3", N_("must be empty for a thematic mandate")


@row_rule("mandates", "established_on", "ended_on")
def _mandate_dates(row: Row) -> Iterator[Problem]:
    """A mandate ends on or after the day it was established."""
    if _before(row, "established_on", "ended_on"):
        yield "ended_on", Said(N_("is before established_on ({date})"), date=row.text["established_on"])


@row_rule("visits", "host_kind", "iso3")
def _visit_host_state(row: Row) -> Iterator[Problem]:
    """A State host is named by iso3; an institution has none."""
    kind, iso3 = row.values["host_kind"], row.text["iso3"]
    if kind == "state" and iso3 is None:
        yield "iso3", N_("is required when host_kind is state")
    if kind == "institution" and iso3 is not None:
        yield "iso3", N_("must be empty when host_kind is institution")


@row_rule("visits", "host_kind", "host_name")
def _visit_host_name(row: Row) -> Iterator[Problem]:
    """A territory or an institution is named by host_name."""
    kind = row.values["host_kind"]
    if kind in ("territory", "institution") and row.text["host_name"] is None:
        yield "host_name", Said(N_("is required when host_kind is {kind}"), kind=kind)


@row_rule("visit_events", "event", "date", "end_date")
def _event_end_date(row: Row) -> Iterator[Problem]:
    """Only a completed visit has an end_date, on or after its first day."""
    event, end = row.values["event"], row.text["end_date"]
    if event == "completed" and end is None:
        yield "end_date", N_("is required for a completed event (the last day of the visit)")
    elif event == "completed" and _before(row, "date", "end_date"):
        yield "end_date", Said(N_("is before the visit's first day ({date})"), date=row.text["date"])
    elif event is not None and event != "completed" and end is not None:
        yield "end_date", Said(N_("must be empty for a {event} event (only completed has one)"), event=event)


@row_rule("standing_invitations", "extended_on", "withdrawn_on")
def _invitation_dates(row: Row) -> Iterator[Problem]:
    """A standing invitation is withdrawn after it was extended."""
    if _not_after(row, "extended_on", "withdrawn_on"):
        yield "withdrawn_on", Said(N_("must be after extended_on ({date})"), date=row.text["extended_on"])


@row_rule("communications", "recipient_kind", "iso3", "recipient")
def _communication_recipient(row: Row) -> Iterator[Problem]:
    """A letter to a State names it by iso3; one to a non-State actor names the actor."""
    kind = row.values["recipient_kind"]
    if kind == "state" and row.text["iso3"] is None:
        yield "iso3", N_("is required when recipient_kind is state")
    if kind == "non_state_actor" and row.text["recipient"] is None:
        yield "recipient", N_("is required when recipient_kind is non_state_actor")


@row_rule("communications", "individuals", "individuals_female")
def _communication_individuals(row: Row) -> Iterator[Problem]:
    """Women covered are a part of the individuals covered, so never more."""
    total, female = row.whole("individuals"), row.whole("individuals_female")
    if row.text["individuals"] is None and row.text["individuals_female"] is not None:
        yield "individuals_female", N_("is set while individuals is empty")
    elif total is not None and female is not None and female > total:
        yield "individuals_female", Said(N_("is more than individuals ({total})"), total=total)


@row_rule("hrc_membership", "term_start", "term_end")
def _membership_dates(row: Row) -> Iterator[Problem]:
    """A Council term ends after it starts."""
    if _not_after(row, "term_start", "term_end"):
        yield "term_end", Said(N_("must be after term_start ({date})"), date=row.text["term_start"])


# ---------------------------------------------------------------------------------------------
# Rules across rows and tables


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values (or list items) must exist in a column of another table."""

    table: str
    column: str
    target: str
    target_column: str


FOREIGN_KEYS = (
    ForeignKey("mandates", "country_iso3", "states", "iso3"),
    ForeignKey("visits", "mandate_id", "mandates", "mandate_id"),
    ForeignKey("visits", "iso3", "states", "iso3"),
    ForeignKey("visit_events", "visit_id", "visits", "visit_id"),
    ForeignKey("standing_invitations", "iso3", "states", "iso3"),
    ForeignKey("communications", "iso3", "states", "iso3"),
    ForeignKey("communications", "mandate_ids", "mandates", "mandate_id"),
    ForeignKey("replies", "ref", "communications", "ref"),
    ForeignKey("hrc_membership", "iso3", "states", "iso3"),
)
# A State code must look like ISO 3166-1 alpha-3 wherever it is written, not only in states.csv,
# so that a badly written code is reported as such rather than as an unknown State.
ISO3_COLUMNS = {("states", "iso3")} | {(fk.table, fk.column) for fk in FOREIGN_KEYS if fk.target == "states"}


def _check_tables(tables: dict[str, Loaded]) -> Iterator[Issue]:
    """Rules that look at more than one row: keys, references, visit threads, reply dates."""
    for t in tables.values():
        yield from _check_key(t)
    for fk in FOREIGN_KEYS:
        yield from _check_foreign_key(fk, tables)
    if "visit_events" in tables:
        yield from _check_threads(tables["visit_events"])
    if "replies" in tables and "communications" in tables:
        yield from _check_reply_dates(tables["replies"], tables["communications"])


def _check_key(t: Loaded) -> Iterator[Issue]:
    """A table's key is unique: every repeat after the first is an error."""
    key = t.table.key
    if not key or not t.has(*key):
        return
    first_row: dict[tuple, int] = {}
    for row in t.rows:
        value = tuple(row.text[c] or "" for c in key)
        if "" in value:  # an empty key is reported as a required value already (text is None when empty)
            continue
        if value in first_row:
            shown = ", ".join(value)
            yield Issue(t.file, row.number, ", ".join(key), shown,
                        Said(N_("duplicate {key} {value} (first in row {row})"), key=" and ".join(key), value=repr(shown),
                             row=first_row[value]))
        else:
            first_row[value] = row.number


def _check_foreign_key(fk: ForeignKey, tables: dict[str, Loaded]) -> Iterator[Issue]:
    """Each value (or list item) of a referencing column exists in the table it refers to."""
    source, target = tables.get(fk.table), tables.get(fk.target)
    if source is None or target is None or not source.has(fk.column) or not target.has(fk.target_column):
        return
    known = {row.values[fk.target_column] for row in target.rows}
    for row in source.rows:
        value = row.values[fk.column]  # None when empty or invalid (already reported)
        items = value if isinstance(value, list) else [] if value is None else [value]
        for item in items:
            if item not in known:
                yield Issue(source.file, row.number, fk.column, row.text[fk.column],
                            Said(N_("{value} is not listed in {file} (column {column})"), value=repr(item), file=target.file,
                                 column=fk.target_column))


def _check_threads(events: Loaded) -> Iterator[Issue]:
    """A visit thread has at most one completed event, and no event dated after it."""
    if not events.has("visit_id", "date", "event"):
        return
    threads: dict[str, list[Row]] = defaultdict(list)
    for row in events.rows:
        visit_id = row.word("visit_id")
        if visit_id is not None:
            threads[visit_id].append(row)
    for visit_id, rows in threads.items():
        completed = sorted((r for r in rows if r.values["event"] == "completed"), key=_date_then_row)
        if not completed:
            continue
        # The earliest completed event is the visit; any other one is the error.
        first = completed[0]
        for extra in completed[1:]:
            yield Issue(events.file, extra.number, "event", extra.text["event"],
                        Said(N_("is a second completed event in thread {thread} (the first is in row {row})"),
                             thread=repr(visit_id), row=first.number))
        completed_on = first.day("date")
        if completed_on is None:
            continue
        for row in rows:
            if row.values["event"] != "completed" and _later(row.day("date"), completed_on):
                yield Issue(events.file, row.number, "date", row.text["date"],
                            Said(N_("is after the completed event of thread {thread} (row {row}, {date})"), thread=repr(visit_id),
                                 row=first.number, date=first.text["date"]))


def _date_then_row(row: Row) -> tuple:
    """Order events by date (unknown dates last), then by row."""
    day = row.day("date")
    return (day is None, day or date.min, row.number)


def _later(day: date | None, than: date) -> bool:
    """Whether a known date is after another."""
    return day is not None and day > than


def _check_reply_dates(replies: Loaded, communications: Loaded) -> Iterator[Issue]:
    """A reply is received on or after its communication was sent."""
    if not replies.has("ref", "received_on") or not communications.has("ref", "sent_on"):
        return
    sent_on: dict[str | None, date | None] = {}
    for row in communications.rows:
        sent_on.setdefault(row.word("ref"), row.day("sent_on"))
    for row in replies.rows:
        sent, received = sent_on.get(row.word("ref")), row.day("received_on")
        if sent is not None and received is not None and received < sent:
            yield Issue(replies.file, row.number, "received_on", row.text["received_on"],
                        Said(N_("is before the communication was sent ({date})"), date=sent.isoformat()))


# ---------------------------------------------------------------------------------------------
# Typed frames


def _frame(table: Table, loaded: Loaded | None) -> pl.DataFrame:
    """The table as a typed frame with exactly the specified columns; empty when absent."""
    if loaded is None:
        return table.empty()
    data = {name: [row.values[name] for row in loaded.rows] for name in table.column_names}
    return pl.DataFrame(data, schema=table.polars_schema)
