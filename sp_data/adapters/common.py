"""What every adapter shares: reading exports, headers, dates, names, the mapping file, writing."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sp_data.errors import Issue, SourceError
from sp_data.export_csv import read_snapshot_tables, write_source
from sp_data.mandate_names import MandateNames, mandate_key
from sp_data.names import HOSTS, StateNames, key, words
from sp_data.paths import REFERENCE_DIR
from sp_data.reference_base import SOURCE as REFERENCE_SOURCE
from sp_data.reference_base import is_reference, reference_base, reference_tables
from sp_data.schema import TABLES
from sp_data.snapshot import Snapshot, open_snapshot, resolve, slug, write_snapshot
from sp_data.source import read_source

MAX_HEADER_SEARCH = 30  # rows scanned for the header row (titles and notes may come first)
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range(20000, 80001)  # 1954-10-03 .. 2119-01-11: plausible record dates only

# ---------------------------------------------------------------------------------------------
# Reading an export


@dataclass
class Sheet:
    """The non-blank rows of an export, each with its row number as a spreadsheet shows it."""

    file: str
    rows: list[tuple[int, list[object]]]
    warnings: list[Issue] = field(default_factory=list)


def read_sheet(data: bytes, file_name: str, header_test=None) -> Sheet:
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


def _non_blank(rows: Iterable[tuple[int, list[object]]]) -> list[tuple[int, list[object]]]:
    return [(n, cells) for n, cells in rows if any(cell_text(c) for c in cells)]


def _read_csv(data: bytes, file_name: str) -> Sheet:
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in its own code page; read it so, and say so.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise SourceError([Issue(file_name, None, None, None,
                                     "the file is neither UTF-8 nor Windows-1252 text; save it as CSV UTF-8")]) from None
        warnings.append(Issue(file_name, None, None, None,
                              "the file is not UTF-8; it was read as Windows-1252 (check accented names)"))
    sample = text[:20000]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        pass
    try:
        records = list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))
    except csv.Error as exc:
        raise SourceError([Issue(file_name, None, None, None, f"cannot be read as CSV: {exc}")]) from None
    return Sheet(file_name, _non_blank((n, list(cells)) for n, cells in records), warnings)


def _read_xlsx(data: bytes, file_name: str, header_test) -> Sheet:
    import openpyxl  # only needed for spreadsheets

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


# ---------------------------------------------------------------------------------------------
# Headers


def header_key(text: object) -> str:
    """A header as compared with the known names: case, spacing and punctuation ignored."""
    tokens = words(cell_text(text)).split()
    tokens = ["nb" if t in ("no", "number", "num", "nbr", "n") else t for t in tokens]
    tokens = [t for t in tokens if t not in ("s",)]  # "Reminder date(s)" -> "reminder date"
    return " ".join(tokens)


@dataclass(frozen=True)
class Field:
    """A column an adapter understands, under any of its names."""

    name: str
    synonyms: tuple[str, ...]
    ignored: bool = False  # recognised, but the import format has no place for it

    @property
    def keys(self) -> set[str]:
        return {header_key(s) for s in (self.name, *self.synonyms)}


@dataclass
class Header:
    """Where each known field is in the export, and the row the header is on."""

    row: int
    positions: dict[str, int]
    cells: list[str]


def match_header(cells: list[object], fields: tuple[Field, ...]) -> dict[str, int]:
    """The known fields a row names, with their positions (the first of a repeated name)."""
    lookup = {k: f.name for f in fields for k in f.keys}
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = lookup.get(header_key(cell))
        if name and name not in positions:
            positions[name] = index
    return positions


def find_header(sheet: Sheet, fields: tuple[Field, ...], anchor: str, warnings: list[Issue]) -> Header:
    """The header row: the first of the first rows that names the anchor and another field."""
    for number, cells in sheet.rows[:MAX_HEADER_SEARCH]:
        positions = match_header(cells, fields)
        if anchor in positions and len(positions) >= 2:
            lookup = {k: f for f in fields for k in f.keys}
            seen: set[str] = set()
            for index, cell in enumerate(cells):
                shown = cell_text(cell)
                if not shown:
                    continue
                f = lookup.get(header_key(cell))
                if f is None:
                    warnings.append(Issue(sheet.file, number, shown, None, "unknown column; its values are ignored"))
                elif f.name in seen:
                    warnings.append(Issue(sheet.file, number, shown, None,
                                          f"a second {f.name} column; only the first is read"))
                seen.add(f.name if f else shown)
            return Header(number, positions, [cell_text(c) for c in cells])
    names = ", ".join(f.synonyms[0] if f.synonyms else f.name for f in fields if not f.ignored)
    raise SourceError([Issue(sheet.file, None, None, None,
                             f"no header row found in the first {MAX_HEADER_SEARCH} rows; "
                             f"expected columns such as: {names}")])


def is_repeated_header(cells: list[object], header: Header) -> bool:
    """A data row that repeats the header (exports paste it at every page break)."""
    same = sum(1 for i, h in enumerate(header.cells) if h and i < len(cells) and header_key(cells[i]) == header_key(h))
    return same >= min(2, len([h for h in header.cells if h]))


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


def rows_text(rows: Iterable[int]) -> str:
    """Row numbers as a short list."""
    rows = sorted(set(rows))
    shown = ", ".join(str(r) for r in rows[:12])
    return shown + (f" and {len(rows) - 12} more" if len(rows) > 12 else "")


# ---------------------------------------------------------------------------------------------
# Dates

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"[A-Za-z]{3,9}\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_FORMS = re.compile(
    rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?)"
    rf"|(?P<dmy>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}))"
    rf"|(?P<text>(?P<td>{_DAY})[ -]+(?P<tm>{_MONTH}),?[ -]+(?P<ty>\d{{4}}))"
    rf"|(?P<us>(?P<um>{_MONTH}) +(?P<ud>{_DAY}),? +(?P<uy>\d{{4}}))",
)
SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_DATE_HINT = "write it as YYYY-MM-DD, DD/MM/YYYY or 12 May 2023"


class DateProblem(ValueError):
    """A cell that should hold a date and does not hold a valid one."""


def _from_match(m: re.Match) -> dt.date:
    """The date a DATE_FORMS match spells, or DateProblem."""
    if m.group("iso"):
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    elif m.group("dmy"):
        y, mo, d = int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))
    elif m.group("text"):
        y, mo, d = int(m.group("ty")), _month(m.group("tm")), int(re.match(r"\d+", m.group("td")).group())
    else:
        y, mo, d = int(m.group("uy")), _month(m.group("um")), int(re.match(r"\d+", m.group("ud")).group())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        note = " (dates with / are read day/month/year)" if m.group("dmy") else ""
        raise DateProblem(f"is not a real calendar date{note}") from None


def _month(name: str) -> int:
    month = MONTHS.get(name.rstrip(".").lower())
    if month is None:
        raise DateProblem(f"{name!r} is not a month name")
    return month


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: a spreadsheet date, an Excel serial number or text; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value)
    text = cell_text(value).rstrip(".")
    if not text:
        return None
    if SERIAL.fullmatch(text):
        return _serial(float(text))
    m = DATE_FORMS.fullmatch(text)
    if m is None:
        raise DateProblem(f"is not a date; {_DATE_HINT}")
    return _from_match(m)


def _serial(number: float) -> dt.date:
    if not float(number).is_integer() or int(number) not in EXCEL_SERIALS:
        raise DateProblem(f"is a number but not an Excel date serial number; {_DATE_HINT}")
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def find_dates(text: str) -> list[dt.date]:
    """Every date written in a piece of text (words around them are ignored)."""
    return [_from_match(m) for m in DATE_FORMS.finditer(text)]


# ---------------------------------------------------------------------------------------------
# Problems, collected over a whole run


@dataclass
class Problems:
    """Errors and warnings of one adapter run; unresolved values are reported once each."""

    file: str
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    unresolved: dict[tuple[str, str], dict] = field(default_factory=dict)

    def bad(self, row: int | None, column: str | None, value: object, message: str) -> None:
        shown = cell_text(value) if value is not None else None
        self.errors.append(Issue(self.file, row, column, shown or None, message))

    def warn(self, row: int | None, column: str | None, value: object, message: str) -> None:
        shown = cell_text(value) if value is not None else None
        self.warnings.append(Issue(self.file, row, column, shown or None, message))

    def unknown(self, kind: str, column: str, value: str, row: int, closest: list[str], what: str,
                example: str) -> None:
        """A value no rule resolves; rows with the same value are reported together."""
        entry = self.unresolved.setdefault((kind, key(value) or value), {
            "kind": kind, "column": column, "value": value, "rows": [], "closest": closest, "what": what,
            "example": example})
        entry["rows"].append(row)

    @property
    def count(self) -> int:
        """Errors so far, counting each row of an unresolved value."""
        return len(self.errors) + sum(len(e["rows"]) for e in self.unresolved.values())

    def issues(self) -> list[Issue]:
        out = list(self.errors)
        for e in self.unresolved.values():
            closest = "; ".join(e["closest"]) if e["closest"] else "none"
            out.append(Issue(self.file, min(e["rows"]), e["column"], e["value"],
                             f"{e['what']} (rows {rows_text(e['rows'])}); closest known: {closest}; "
                             f"to resolve it add a line to a mapping file (--mapping), e.g. "
                             f"{e['kind']},{_csv_cell(e['value'])},{e['example']}"))
        return out

    def raise_if_any(self) -> None:
        if self.errors or self.unresolved:
            raise SourceError(self.issues())


def _csv_cell(value: str) -> str:
    """A value as one CSV cell."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# The mapping file

MAPPING_KINDS = ("state", "mandate", "non_state_actor", "type", "status", "territory", "institution")


@dataclass
class Mapping:
    """User decisions for values the adapters cannot resolve: (kind, value) -> maps_to."""

    file: str | None = None
    entries: dict[tuple[str, str], str | None] = field(default_factory=dict)
    written: dict[tuple[str, str], str] = field(default_factory=dict)  # the value as the file writes it
    used: set[tuple[str, str]] = field(default_factory=set)

    @staticmethod
    def value_key(kind: str, value: str) -> str:
        return mandate_key(value) if kind == "mandate" else key(value)

    def get(self, kind: str, value: str) -> tuple[bool, str | None]:
        """(whether the mapping has this value, what it maps to)."""
        k = (kind, self.value_key(kind, value))
        if k in self.entries:
            self.used.add(k)
            return True, self.entries[k]
        return False, None

    def unused(self) -> list[Issue]:
        """Warnings for mapping lines that matched no value of the export."""
        return [Issue(self.file or "mapping", None, k[0], self.written[k], "this mapping line matched no value of the export")
                for k in self.entries if k not in self.used]


def load_mapping(data: bytes | None, file_name: str, context: "Context") -> Mapping:
    """Read and check a mapping file: CSV with columns kind, value, maps_to."""
    if data is None:
        return Mapping()
    mapping, errors = Mapping(file_name), []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError([Issue(file_name, None, None, None, "the mapping file is not UTF-8 text")]) from None
    rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text, newline="")), start=1) if any(c.strip() for c in r)]
    if not rows or [header_key(c) for c in rows[0][1][:3]] != ["kind", "value", "maps to"]:
        raise SourceError([Issue(file_name, rows[0][0] if rows else None, None, None,
                                 "the mapping file's header must be: kind,value,maps_to")])
    first_row: dict[tuple[str, str], int] = {}
    extra = {header_key(c): i for i, c in enumerate(rows[0][1]) if i >= 3 and header_key(c)}
    for number, cells in rows[1:]:
        declared = {name: (cells[i].strip() if i < len(cells) else "") for name, i in extra.items()}
        cells = [c.strip() for c in cells] + ["", "", ""]
        kind, value, target = cells[0].lower(), cells[1], cells[2] or None
        if kind not in MAPPING_KINDS:
            errors.append(Issue(file_name, number, "kind", cells[0], f"is not a kind; use one of: {', '.join(MAPPING_KINDS)}"))
            continue
        if not value:
            errors.append(Issue(file_name, number, "value", None, "a value is required"))
            continue
        if kind == "mandate" and target and target not in context.mandates.titles and any(declared.values()):
            problems = context.declare_mandate(target, declared)
            errors.extend(Issue(file_name, number, column, shown, message) for column, shown, message in problems)
            if problems:
                continue
        problem = context.check_target(kind, target)
        if problem:
            errors.append(Issue(file_name, number, "maps_to", target, problem))
            continue
        k = (kind, Mapping.value_key(kind, value))
        if k in first_row and mapping.entries[k] != context.normal_target(kind, target):
            errors.append(Issue(file_name, number, "value", value,
                                f"is mapped differently in row {first_row[k]}"))
            continue
        first_row.setdefault(k, number)
        mapping.entries[k] = context.normal_target(kind, target)
        mapping.written.setdefault(k, value)
    if errors:
        raise SourceError(errors)
    return mapping


# ---------------------------------------------------------------------------------------------
# Names, against the base snapshot's tables

TYPE_WORDS = {
    "AL": "AL", "UA": "UA", "OL": "OL", "JAL": "AL", "JUA": "UA", "JOL": "OL",
    "allegation letter": "AL", "joint allegation letter": "AL", "urgent appeal": "UA",
    "joint urgent appeal": "UA", "other letter": "OL", "joint other letter": "OL", "other": "OL",
}
_TYPE_INDEX = {key(k): v for k, v in TYPE_WORDS.items()}


@dataclass
class Context:
    """The base snapshot's tables and the name resolvers built from them."""

    base: Snapshot
    tables: dict[str, pl.DataFrame]
    states: StateNames
    mandates: MandateNames

    @classmethod
    def of(cls, base: Snapshot) -> Context:
        tables = reference_tables() if base.path == REFERENCE_DIR else read_snapshot_tables(base)
        states = StateNames.from_table(tables["states"])
        return cls(base, tables, states, MandateNames.from_table(tables["mandates"], states))

    def declare_mandate(self, mandate_id: str, declared: dict[str, str]) -> list[tuple[str, str | None, str]]:
        """Add a mandate the base lacks, from a mapping line's title, mandate_kind, country and
        established_on columns; returns the problems found as (column, value, message)."""
        problems = []
        title = declared.get("title", "")
        kind = declared.get("mandate kind", "").lower()
        country = declared.get("country", "")
        established = declared.get("established on", "") or declared.get("established", "")
        if not re.fullmatch(r"[A-Z]+(-[A-Z]+)*", mandate_id):
            problems.append(("maps_to", mandate_id, "a new mandate's id is capital letters and hyphens, e.g. SR-NEWTOPIC"))
        if not title:
            problems.append(("title", None, "a new mandate needs its title"))
        if kind not in ("thematic", "country"):
            problems.append(("mandate_kind", kind or None, "must be thematic or country"))
        iso3 = self.states.resolve(country) if country else None
        if kind == "country" and iso3 is None:
            problems.append(("country", country or None, "a country mandate needs the State it is about (a name or ISO3 code)"))
        if kind == "thematic" and country:
            problems.append(("country", country, "a thematic mandate has no country; leave it empty"))
        try:
            day = parse_date(established)
            if day is None:
                problems.append(("established_on", None, "a new mandate needs the date it was established"))
        except DateProblem as exc:
            day = None
            problems.append(("established_on", established, str(exc)))
        if problems:
            return problems
        row = pl.DataFrame([{"mandate_id": mandate_id, "title": title, "kind": kind,
                             "country_iso3": iso3 if kind == "country" else None,
                             "established_on": day, "ended_on": None}], schema=self.tables["mandates"].schema)
        self.tables["mandates"] = pl.concat([self.tables["mandates"], row])
        self.mandates = MandateNames.from_table(self.tables["mandates"], self.states)
        return []

    def type_code(self, text: str) -> str | None:
        return _TYPE_INDEX.get(key(text))

    def check_target(self, kind: str, target: str | None) -> str | None:
        """Why a mapping's maps_to is unusable for its kind, or None."""
        if kind in ("state", "mandate", "type", "status") and not target:
            return f"is required for kind {kind}"
        if kind in ("state", "territory") and target and self.states.resolve(target) is None:
            closest = "; ".join(self.states.closest(target)) or "none"
            return f"is not a State of the base snapshot (give its ISO3 code); closest: {closest}"
        if kind == "mandate" and target not in self.mandates.titles:
            closest = "; ".join(self.mandates.closest(target)) or "none"
            return f"is not a mandate_id of the base snapshot; closest: {closest}"
        if kind == "type" and target.upper() not in ("AL", "UA", "OL", "JAL", "JUA", "JOL"):
            return "must be one of AL, UA, OL, JAL, JUA, JOL"
        if kind == "status":
            from sp_data.adapters.visits import STATUS_NAMES  # the visits adapter owns its statuses
            if key(target) not in {key(s) for s in STATUS_NAMES}:
                return f"must be one of: {', '.join(STATUS_NAMES)}"
        return None

    def normal_target(self, kind: str, target: str | None) -> str | None:
        if kind in ("state", "territory") and target:
            return self.states.resolve(target)
        if kind == "type":
            return TYPE_WORDS[target.upper()]
        return target

    def host(self, text: str, mapping: Mapping) -> tuple[str, str | None, str | None] | None:
        """A visit host: (host_kind, iso3, host_name), or None when unknown."""
        found, target = mapping.get("state", text)
        if found:
            return "state", target, None
        found, target = mapping.get("territory", text)
        if found:  # maps_to is the administering State, if any
            return "territory", target, text
        found, target = mapping.get("institution", text)
        if found:  # maps_to is the name to record, if other than the one written
            return "institution", None, target or text
        iso3 = self.states.resolve(text)
        if iso3:
            return "state", iso3, None
        builtin = {key(k): v for k, v in HOSTS.items()}.get(key(text))
        if builtin:
            kind, name, admin = builtin
            return kind, admin if admin in self.states.names else None, name
        return None


# ---------------------------------------------------------------------------------------------
# Writing: through the import format and its validator, never around them


@dataclass
class ImportResult:
    """A snapshot built by an adapter."""

    path: Path
    new: bool
    snapshot_id: str
    counts: dict[str, int]
    warnings: list[Issue]


def base_snapshot(ref: str | Path | None, root: Path | None) -> Snapshot:
    """The base snapshot named (default: the current one), verified; `reference`: the reference tables alone."""
    if is_reference(ref):
        return reference_base()
    return open_snapshot(resolve(ref, root))


def write_merged(tables: dict[str, pl.DataFrame], *, context: Context, file_name: str, data: bytes,
                 what: str, id_prefix: str, root: Path | None, warnings: list[Issue],
                 mapping: Mapping) -> ImportResult:
    """Write merged tables as a source folder, validate it, and make a snapshot of it.

    Tables may carry an `_row` column: the export row a table row came from (null for rows of the
    base snapshot), so that a validator error is reported against the export's own row.
    """
    base = context.base
    source, content = validate_merged(tables, file_name, base.id)
    stem = slug(Path(file_name).stem)[:30].strip("-") or "export"
    snapshot_id = f"{id_prefix}-{stem}-{content[:10]}"
    file_hash = hashlib.sha256(data).hexdigest()
    onto = REFERENCE_SOURCE if base.path == REFERENCE_DIR else f"snapshot {base.id}"
    source_text = f"{what} {file_name} (sha256 {file_hash[:12]}) merged onto {onto}"
    if base.simulated:
        source_text += ("; partly SIMULATED: the base snapshot is simulated data, so every table the "
                        "export does not replace is still simulated")
    extra = {"adapter": id_prefix, "base_snapshot": base.id, "input_file": file_name,
             "input_sha256": file_hash}
    if mapping.file:
        extra["mapping_file"] = mapping.file
    path, new = write_snapshot(source.tables, source=source_text, simulated=base.simulated, root=root,
                               snapshot_id=snapshot_id, extra=extra)
    counts = {name: frame.height for name, frame in source.tables.items()}
    return ImportResult(path, new, snapshot_id, counts, warnings + source.warnings + mapping.unused())


def validate_merged(tables: dict[str, pl.DataFrame], file_name: str, base_id: str):
    """Run the validator on merged tables through a temporary source folder.

    Returns (the validated Source, a digest of the source files); raises SourceError with each
    issue said of the export row it came from.
    """
    with tempfile.TemporaryDirectory(prefix="sp-adapter-") as tmp:
        folder = Path(tmp) / "source"
        written = write_source(tables, folder)
        try:
            source = read_source(folder)
        except SourceError as exc:
            raise SourceError([translate(i, tables, file_name, base_id) for i in exc.issues]) from None
        digest = hashlib.sha256()
        for path in sorted(written):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return source, digest.hexdigest()


def translate(issue: Issue, tables: dict[str, pl.DataFrame], file_name: str, base_id: str) -> Issue:
    """A validator issue on the temporary source folder, said of the export row it came from."""
    name = issue.file.removesuffix(".csv")
    frame = tables.get(name)
    where = f"{name}.{issue.column}" if issue.column else name
    if frame is None or issue.row is None or issue.row < 2 or issue.row - 2 >= frame.height:
        return Issue(f"{file_name} (as {issue.file})", issue.row, issue.column, issue.value, issue.message)
    origin = frame["_row"][issue.row - 2] if "_row" in frame.columns else None
    if origin is None:
        return Issue(f"base snapshot {base_id} ({issue.file})", issue.row, issue.column, issue.value, issue.message)
    return Issue(file_name, int(origin), where, issue.value, issue.message)


def with_origin(frame: pl.DataFrame, rows: list[int | None] | None = None) -> pl.DataFrame:
    """A table with its `_row` column (null for base rows)."""
    values = rows if rows is not None else [None] * frame.height
    return frame.with_columns(pl.Series("_row", values, dtype=pl.Int64))


def typed(name: str, rows: list[dict]) -> pl.DataFrame:
    """A table of the import format from row dicts that may carry `_row`."""
    table = TABLES[name]
    schema = {**table.polars_schema, "_row": pl.Int64}
    return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema) if rows else pl.DataFrame(schema=schema)


def closest_words(text: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices nearest to text."""
    by_key = {key(c): c for c in choices}
    return [by_key[k] for k in difflib.get_close_matches(key(text), list(by_key), n=n, cutoff=0.5)]


# ---------------------------------------------------------------------------------------------
# Mandates listed in a cell


def split_items(text: str) -> list[str]:
    """A cell's list items, one per line or ';'."""
    return [p.strip(" ,") for p in re.split(r"[\n;]+", text) if p.strip(" ,")]


def resolve_mandates(text: str, row: int, column: str, on: dt.date | None, ctx: Context, mapping: Mapping,
                     problems: Problems) -> list[str] | None:
    """The mandate_ids a cell lists (new lines, ';' or ','); None when any item is unresolved."""
    if not text:
        problems.bad(row, column, None, "at least one mandate is required")
        return None
    ids, ok = [], True
    for item in split_items(text):
        for mid, written in _mandate_items(item, on, ctx, mapping):
            if mid is None:
                ok = False
                _report_mandate(written, row, column, on, ctx, problems)
            elif mid not in ids:
                ids.append(mid)
    return ids if ok else None


def _one_mandate(text: str, on, ctx: Context, mapping: Mapping) -> str | None:
    found, target = mapping.get("mandate", text)
    if found:
        return target
    return ctx.mandates.resolve(text, on).mandate_id


def _mandate_items(item: str, on, ctx: Context, mapping: Mapping) -> list[tuple[str | None, str]]:
    """An item as one mandate or as comma-separated mandates (titles may hold commas themselves).

    Returns (mandate_id or None, text) pairs. When no part resolves, the whole item is reported.
    """
    whole = _one_mandate(item, on, ctx, mapping)
    parts = [p.strip() for p in item.split(",") if p.strip()]
    if whole or len(parts) < 2:
        return [(whole, item)]
    # Fewest unresolved parts first, then fewest groups: a title with commas stays one mandate.
    best: list = [(0, 0, [])] + [None] * len(parts)
    for end in range(1, len(parts) + 1):
        for start in range(end):
            if best[start] is None:
                continue
            text = ", ".join(parts[start:end])
            mid = _one_mandate(text, on, ctx, mapping)
            if mid is None and end - start > 1:
                continue
            bad, groups, chosen = best[start]
            option = (bad + (mid is None), groups + 1, chosen + [(mid, text)])
            if best[end] is None or option[:2] < best[end][:2]:
                best[end] = option
    bad, _, chosen = best[len(parts)]
    return [(None, item)] if bad == len(chosen) else chosen


def _report_mandate(text: str, row: int, column: str, on, ctx: Context, problems: Problems) -> None:
    candidates = ctx.mandates.resolve(text, on).ids
    if len(candidates) > 1:
        problems.unknown("mandate", column, text, row, [ctx.mandates.describe([c]) for c in candidates],
                         f"ambiguous mandate {text!r}: it matches {', '.join(candidates)}", candidates[0])
    else:
        problems.unknown("mandate", column, text, row, ctx.mandates.closest(text),
                         f"unknown mandate {text!r}", "MANDATE-ID")
