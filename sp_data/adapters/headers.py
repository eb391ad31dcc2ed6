"""Headers: the known columns under any of their names, and the row of the export that names them."""
from __future__ import annotations

from dataclasses import dataclass

from sp_data.adapters.sheets import Rows, Sheet, cell_text
from sp_data.errors import Issue, SourceError
from sp_data.names import words

MAX_HEADER_SEARCH = 30  # rows scanned for the header row (titles and notes may come first)


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


def names_fields(rows: Rows, fields: tuple[Field, ...], needed: set[str]) -> bool:
    """Whether one of the first rows names every needed field (how an adapter knows its export)."""
    return any(needed <= set(match_header(cells, fields)) for _, cells in rows[:MAX_HEADER_SEARCH])


def find_header(sheet: Sheet, fields: tuple[Field, ...], anchor: str, warnings: list[Issue]) -> Header:
    """The header row: the first of the first rows that names the anchor and another field."""
    for number, cells in sheet.rows[:MAX_HEADER_SEARCH]:
        positions = match_header(cells, fields)
        if anchor in positions and len(positions) >= 2:
            warnings.extend(_header_warnings(sheet.file, number, cells, fields))
            return Header(number, positions, [cell_text(c) for c in cells])
    names = ", ".join(f.synonyms[0] if f.synonyms else f.name for f in fields if not f.ignored)
    raise SourceError([Issue(sheet.file, None, None, None,
                             f"no header row found in the first {MAX_HEADER_SEARCH} rows; "
                             f"expected columns such as: {names}")])


def _header_warnings(file: str, number: int, cells: list[object], fields: tuple[Field, ...]) -> list[Issue]:
    """Columns of the header row that are unknown, or a second column of a field."""
    lookup = {k: f for f in fields for k in f.keys}
    seen: set[str] = set()
    out = []
    for cell in cells:
        shown = cell_text(cell)
        if not shown:
            continue
        f = lookup.get(header_key(cell))
        if f is None:
            out.append(Issue(file, number, shown, None, "unknown column; its values are ignored"))
        elif f.name in seen:
            out.append(Issue(file, number, shown, None, f"a second {f.name} column; only the first is read"))
        seen.add(f.name if f else shown)
    return out


def is_repeated_header(cells: list[object], header: Header) -> bool:
    """A data row that repeats the header (exports paste it at every page break)."""
    same = sum(1 for i, h in enumerate(header.cells) if h and i < len(cells) and header_key(cells[i]) == header_key(h))
    return same >= min(2, len([h for h in header.cells if h]))
