"""Errors that name the file, row, column and value at fault."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in a source: where it is and what is wrong."""

    file: str
    row: int | None  # as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        value = "" if self.value is None else f" (value {self.value!r})"
        return f"{', '.join(where)}: {self.message}{value}"


class SourceError(Exception):
    """A source folder or file that cannot become a snapshot; carries every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.row or 0, i.column or "", i.message))
        super().__init__(f"{len(self.issues)} error(s)")

    def report(self) -> str:
        lines = [f"error: {issue}" for issue in self.issues]
        lines.append(f"{len(self.issues)} error(s); nothing was written.")
        return "\n".join(lines)


class SnapshotError(Exception):
    """A snapshot that cannot be opened: missing, damaged, or failing its checksums."""


class UnknownState(LookupError):
    """An ISO3 code that names no State of the snapshot."""


class UnknownMandate(LookupError):
    """An id that names no mandate of the snapshot."""
