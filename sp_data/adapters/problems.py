"""Problems: the errors and warnings of one adapter run, each said of its file, row, column and value."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from sp_data.adapters.sheets import cell_text
from sp_data.errors import Issue, SourceError
from sp_data.names import key


def rows_text(rows: Iterable[int]) -> str:
    """Row numbers as a short list."""
    ordered = sorted(set(rows))
    shown = ", ".join(str(r) for r in ordered[:12])
    return shown + (f" and {len(ordered) - 12} more" if len(ordered) > 12 else "")


@dataclass
class Unresolved:
    """A value no rule resolves, with every row that holds it."""

    kind: str
    column: str
    value: str
    closest: list[str]
    what: str
    example: str
    rows: list[int] = field(default_factory=list)

    def issue(self, file: str) -> Issue:
        closest = "; ".join(self.closest) if self.closest else "none"
        return Issue(file, min(self.rows), self.column, self.value,
                     f"{self.what} (rows {rows_text(self.rows)}); closest known: {closest}; "
                     f"to resolve it add a line to a mapping file (--mapping), e.g. "
                     f"{self.kind},{_csv_cell(self.value)},{self.example}")


@dataclass
class Problems:
    """Errors and warnings of one adapter run; unresolved values are reported once each."""

    file: str
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    unresolved: dict[tuple[str, str], Unresolved] = field(default_factory=dict)

    def bad(self, row: int | None, column: str | None, value: object, message: str) -> None:
        shown = cell_text(value) if value is not None else None
        self.errors.append(Issue(self.file, row, column, shown or None, message))

    def warn(self, row: int | None, column: str | None, value: object, message: str) -> None:
        shown = cell_text(value) if value is not None else None
        self.warnings.append(Issue(self.file, row, column, shown or None, message))

    def unknown(self, kind: str, column: str, value: str, row: int, closest: list[str], what: str,
                example: str) -> None:
        """A value no rule resolves; rows with the same value are reported together."""
        entry = self.unresolved.setdefault((kind, key(value) or value),
                                           Unresolved(kind, column, value, closest, what, example))
        entry.rows.append(row)

    @property
    def count(self) -> int:
        """Errors so far, counting each row of an unresolved value."""
        return len(self.errors) + sum(len(e.rows) for e in self.unresolved.values())

    def issues(self) -> list[Issue]:
        return [*self.errors, *(e.issue(self.file) for e in self.unresolved.values())]

    def raise_if_any(self) -> None:
        if self.errors or self.unresolved:
            raise SourceError(self.issues())


def _csv_cell(value: str) -> str:
    """A value as one CSV cell."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue()
