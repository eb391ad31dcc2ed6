"""The data rows under an export's header, as records, and the dates their cells hold."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sp_data.adapters.dates import DateProblem, find_dates, parse_date
from sp_data.adapters.headers import Field, Header, find_header, is_repeated_header
from sp_data.adapters.problems import Problems, rows_text
from sp_data.adapters.sheets import Rows, Sheet, cell_text, read_sheet
from sp_data.errors import Issue


@dataclass
class Record:
    """One data row of an export: its number and its cells by field name."""

    number: int
    cells: dict[str, object]
    names: dict[str, str] = field(default_factory=dict)  # field -> its header as the export writes it

    def column(self, name: str) -> str:
        """The column of a field as the export names it (its usual name when the export lacks it)."""
        return self.names.get(name, name)

    def text(self, name: str) -> str:
        return cell_text(self.cells.get(name))

    def raw(self, name: str) -> object:
        return self.cells.get(name)


def records(sheet: Sheet, header: Header, warnings: list[Issue], fields: tuple[Field, ...] = ()) -> list[Record]:
    """The data rows under the header, repeated header rows left out."""
    out, repeats = [], []
    names = {f.name: (f.synonyms[0] if f.synonyms else f.name) for f in fields}
    names |= {name: header.cells[i] for name, i in header.positions.items()}
    for number, cells in sheet.rows:
        if number <= header.row:
            continue
        if is_repeated_header(cells, header):
            repeats.append(number)
            continue
        out.append(Record(number, {name: cells[i] if i < len(cells) else None
                                   for name, i in header.positions.items()}, names))
    if repeats:
        warnings.append(Issue(sheet.file, repeats[0], None, None,
                              f"the header is repeated in row(s) {rows_text(repeats)}; those rows are skipped"))
    return out


def read_records(data: bytes, file_name: str, fields: tuple[Field, ...], anchor: str,
                 looks_like: Callable[[Rows], bool], required: dict[str, tuple[str, ...]]
                 ) -> tuple[list[Record], Header, Problems]:
    """An export's records under its header; raises SourceError when a required column is missing.

    `required` names each required column as messages say it, with the fields that can stand for it.
    """
    sheet = read_sheet(data, file_name, looks_like)
    problems = Problems(sheet.file, warnings=list(sheet.warnings))
    header = find_header(sheet, fields, anchor, problems.warnings)
    for column, alternatives in required.items():
        if not any(name in header.positions for name in alternatives):
            problems.bad(header.row, column, None, "required column is missing from the header")
    problems.raise_if_any()
    return records(sheet, header, problems.warnings, fields), header, problems


def date_cell(r: Record, name: str, problems: Problems, required: str | None = None) -> dt.date | None:
    """The date in a record's cell; None when empty (an error when `required` says why) or not a date."""
    try:
        day = parse_date(r.raw(name))
    except DateProblem as exc:
        problems.bad(r.number, r.column(name), r.raw(name), str(exc))
        return None
    if day is None and required:
        problems.bad(r.number, r.column(name), None, required)
    return day


def dates_cell(r: Record, name: str, problems: Problems) -> list[dt.date]:
    """Several dates in one cell (new lines, ';' or ',' between them)."""
    raw = r.raw(name)
    if raw is None or cell_text(raw) == "":
        return []
    if not isinstance(raw, str):
        return [d for d in [date_cell(r, name, problems)] if d]
    try:
        days = find_dates(cell_text(raw))
        days += [d for p in re.split(r"[\s,;]+", cell_text(raw)) if re.fullmatch(r"\d{5}", p) and (d := parse_date(p))]
    except DateProblem as exc:
        problems.bad(r.number, r.column(name), raw, str(exc))
        return []
    if not days:
        problems.bad(r.number, r.column(name), raw, "has no date that can be read; write dates as YYYY-MM-DD, "
                     "DD/MM/YYYY or 12 May 2023, several separated by new lines or ';'")
    return sorted(set(days))
