"""Reading an export: the non-blank rows of a CSV file or of an XLSX workbook's sheet."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sp_data.errors import Issue, SourceError

Rows = list[tuple[int, list[object]]]  # (row number as a spreadsheet shows it, its cells)


@dataclass
class Sheet:
    """The non-blank rows of an export, each with its row number as a spreadsheet shows it."""

    file: str
    rows: Rows
    warnings: list[Issue] = field(default_factory=list)


def read_sheet(data: bytes, file_name: str, header_test: Callable[[Rows], bool] | None = None) -> Sheet:
    """Read a CSV or XLSX export; with header_test, the first XLSX sheet that passes it."""
    suffix = Path(file_name).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data, file_name, header_test)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(data, file_name)
    if suffix == ".xls":
        raise SourceError([Issue(file_name, None, None, None,
                                 "old Excel .xls files cannot be read; save the export as .xlsx or .csv")])
    raise SourceError([Issue(file_name, None, None, None,
                             "unknown kind of file; give a .csv or .xlsx export")])


def _non_blank(rows: Iterable[tuple[int, list[object]]]) -> Rows:
    return [(n, cells) for n, cells in rows if any(cell_text(c) for c in cells)]


def _decode(data: bytes, file_name: str, warnings: list[Issue]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Excel on Windows saves "CSV" in its own code page; read it so, and say so.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise SourceError([Issue(file_name, None, None, None,
                                 "the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8")]) from None
    warnings.append(Issue(file_name, None, None, None,
                          "the file is not UTF-8; it was read as Windows-1252 (check accented names)"))
    return text


def _read_csv(data: bytes, file_name: str) -> Sheet:
    warnings: list[Issue] = []
    text = _decode(data, file_name, warnings)
    try:
        records = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), start=1))
    except csv.Error as exc:
        raise SourceError([Issue(file_name, None, None, None, f"cannot be read as CSV: {exc}")]) from None
    return Sheet(file_name, _non_blank((n, list(cells)) for n, cells in records), warnings)


def _delimiter(text: str) -> str:
    """The delimiter the text's start shows (',' ';' or tab); ',' when it shows none."""
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_xlsx(data: bytes, file_name: str, header_test: Callable[[Rows], bool] | None) -> Sheet:
    # Deferred: openpyxl takes about 0.2 s to import and only spreadsheets need it, not every CLI run.
    import openpyxl  # type: ignore[import-untyped]  # openpyxl ships no type information

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a damaged file
        raise SourceError([Issue(file_name, None, None, None, f"cannot be read as an Excel workbook: {exc}")]) from None
    try:
        sheets = []
        for ws in book.worksheets:
            rows = _non_blank((n, list(cells)) for n, cells in enumerate(ws.iter_rows(values_only=True), start=1))
            sheets.append((ws.title, rows))
    finally:
        book.close()
    chosen = next(((t, r) for t, r in sheets if header_test is None or header_test(r)), sheets[0] if sheets else None)
    if chosen is None:
        return Sheet(file_name, [])
    title, rows = chosen
    name = file_name if len(sheets) == 1 else f"{file_name} [sheet {title}]"
    return Sheet(name, rows)


def cell_text(value: object) -> str:
    """A cell as trimmed text, with runs of spaces collapsed (new lines are kept)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
