"""Errors that name the file, row, column and value at fault."""
from __future__ import annotations

from dataclasses import dataclass

from sp_data.i18n import _


class Said(str):
    """A message in English (what the command line and the logs print) that keeps its catalog id and values,
    so that the app can say it again in the reader's language."""

    template: str
    values: dict

    def __new__(cls, template: str, **values: object) -> Said:
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template, text.values = template, values
        return text

    def __reduce__(self):
        return (_said_again, (self.template, self.values))


def _said_again(template: str, values: dict) -> Said:
    return Said(template, **values)


def said(message: str) -> str:
    """A message in the reader's language: a Said by its template, a plain marked text (N_) by itself."""
    if isinstance(message, Said):
        if not message.values:
            return _(message.template)
        return _(message.template).format(**{k: said(v) if isinstance(v, Said) else v for k, v in message.values.items()})
    return _(message)


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in a source: where it is and what is wrong."""

    file: str
    row: int | None  # as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        """'visits.csv, row 2, column iso3: ... (value 'AAA')', in the reader's language (file, column and value as they are)."""
        where = [self.file]
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            where.append(_("column {column}").format(column=self.column))
        if self.value is None:
            return _("{where}: {message}").format(where=", ".join(where), message=said(self.message))
        return _("{where}: {message} (value {value})").format(where=", ".join(where), message=said(self.message),
                                                              value=repr(self.value))


def problem_text(exc: BaseException) -> str:
    """An exception's message in the reader's language, when it was raised with a Said (else as it reads)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return said(first) if isinstance(first, Said) else str(exc)


class SourceError(Exception):
    """A source folder or file that cannot become a snapshot; carries every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = sorted(issues, key=lambda i: (i.file, i.row or 0, i.column or "", i.message))
        super().__init__(f"{len(self.issues)} error(s)")

    def report(self) -> str:
        lines = [_("error: {issue}").format(issue=issue) for issue in self.issues]
        lines.append(_("{n} error(s); nothing was written.").format(n=len(self.issues)))
        return "\n".join(lines)


class SnapshotError(Exception):
    """A snapshot that cannot be opened: missing, damaged, or failing its checksums."""


class UnknownState(LookupError):
    """An ISO3 code that names no State of the snapshot."""


class UnknownMandate(LookupError):
    """An id that names no mandate of the snapshot."""
