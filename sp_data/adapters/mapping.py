"""The mapping file: the user's decisions for values the adapters cannot resolve (kind, value -> maps_to)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from sp_data.adapters.context import Context
from sp_data.adapters.headers import header_key
from sp_data.errors import Issue, SourceError
from sp_data.mandate_names import mandate_key
from sp_data.names import key

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


def load_mapping(data: bytes | None, file_name: str, context: Context) -> Mapping:
    """Read and check a mapping file: CSV with columns kind, value, maps_to."""
    if data is None:
        return Mapping()
    mapping = Mapping(file_name)
    errors: list[Issue] = []
    rows = _rows(data, file_name)
    first_row: dict[tuple[str, str], int] = {}
    extra = {header_key(c): i for i, c in enumerate(rows[0][1]) if i >= 3 and header_key(c)}
    for number, cells in rows[1:]:
        declared = {name: (cells[i].strip() if i < len(cells) else "") for name, i in extra.items()}
        found = _line(number, [c.strip() for c in cells] + ["", "", ""], declared, file_name, context)
        if isinstance(found, list):
            errors += found
            continue
        k, value, target = found
        if k in first_row and mapping.entries[k] != target:
            errors.append(Issue(file_name, number, "value", value, f"is mapped differently in row {first_row[k]}"))
            continue
        first_row.setdefault(k, number)
        mapping.entries[k] = target
        mapping.written.setdefault(k, value)
    if errors:
        raise SourceError(errors)
    return mapping


def _rows(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    """The non-blank lines of a mapping file, its header checked."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError([Issue(file_name, None, None, None, "the mapping file is not UTF-8 text")]) from None
    rows = [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text, newline="")), start=1) if any(c.strip() for c in r)]
    if not rows or [header_key(c) for c in rows[0][1][:3]] != ["kind", "value", "maps to"]:
        raise SourceError([Issue(file_name, rows[0][0] if rows else None, None, None,
                                 "the mapping file's header must be: kind,value,maps_to")])
    return rows


def _line(number: int, cells: list[str], declared: dict[str, str], file_name: str, context: Context
          ) -> tuple[tuple[str, str], str, str | None] | list[Issue]:
    """One mapping line as ((kind, value key), value, its normal target), or the problems that make it unusable."""
    kind, value, target = cells[0].lower(), cells[1], cells[2] or None
    if kind not in MAPPING_KINDS:
        return [Issue(file_name, number, "kind", cells[0], f"is not a kind; use one of: {', '.join(MAPPING_KINDS)}")]
    if not value:
        return [Issue(file_name, number, "value", None, "a value is required")]
    if kind == "mandate" and target and target not in context.mandates.titles and any(declared.values()):
        problems = context.declare_mandate(target, declared)
        if problems:
            return [Issue(file_name, number, column, shown, message) for column, shown, message in problems]
    problem = context.check_target(kind, target)
    if problem:
        return [Issue(file_name, number, "maps_to", target, problem)]
    return (kind, Mapping.value_key(kind, value)), value, context.normal_target(kind, target)
