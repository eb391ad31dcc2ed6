"""The Data and definitions page's data: what the snapshot covers, the reply rate's example, one table whole."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.catalog import snapshot_list, table
from sp_data.coverage import coverage_lines
from sp_data.facts import facts
from sp_data.figures import Facts
from sp_data.errors import said
from sp_data.i18n import N_, _
from sp_data.snapshot import list_snapshots
from sp_data.record.history_view import project_source
from sp_data.record.store import RECORDED
from sp_data.params import Filters
from sp_data.schema import TABLE_ORDER
from sp_data.wording import date_text, dates_in_words

# The counts of "what changed" (sp_data.diff's columns), as a table's headings and the totals name them.
COUNT_LABELS = {
    "new requests": N_("New requests"), "reminders": N_("Reminders"), "acceptances": N_("Acceptances"),
    "declines": N_("Declines"), "visits": N_("Visits"),
    "standing invitations extended": N_("Standing invitations extended"),
    "standing invitations withdrawn": N_("Standing invitations withdrawn"),
    "new communications": N_("New communications"), "new replies": N_("New replies"),
    "other changes": N_("Other changes"),
}


@dataclass(frozen=True)
class DataPageData:
    """The coverage in words and the figures the definitions' example uses."""

    coverage_lines: list[str]
    facts: Facts  # the communications topic of facts()


@dataclass(frozen=True)
class TableData:
    """One table of the snapshot, whole, in the import format's column order."""

    name: str
    frame: pl.DataFrame


def load(con: duckdb.DuckDBPyConnection, filters: Filters) -> DataPageData:
    """The coverage lines and the reply rate's figures for the definitions."""
    return DataPageData(coverage_lines=coverage_lines(con), facts=facts(con, filters, "communications"))


def load_table(con: duckdb.DuckDBPyConnection, filters: Filters, name: str | None = None) -> TableData:
    """The table chosen (None: the first of the import format, the page's default); the filters do not apply."""
    chosen = name or TABLE_ORDER[0]
    return TableData(name=chosen, frame=table(con, chosen))


def source_text(text: str) -> str:
    """A manifest's source (or calibration) in the reader's language when the project wrote it, else as written."""
    if (text or "").endswith(RECORDED):  # a commit's: its import's source, and the changes recorded since
        return _("{source}, with changes recorded since").format(source=source_text(text.removesuffix(RECORDED)))
    return project_source(text) or dates_in_words(text or "")


def count_label(column: str) -> str:
    """A count of "what changed" by name: 'New requests'."""
    return _(COUNT_LABELS[column]) if column in COUNT_LABELS else column.capitalize()


def diff_title(change) -> str:
    """What a comparison compares, in words: 'What changed since 1 July 2024 (snapshot demo to 2024-08)'."""
    try:
        since = date_text(dt.date.fromisoformat(change.old.created[:10]))
    except (TypeError, ValueError):
        since = _("an unknown date")
    return _("What changed since {date} (snapshot {old} to {new})").format(date=since, old=change.old.id,
                                                                            new=change.new.id)


def snapshots() -> pl.DataFrame:
    """Every snapshot of the folder, for the Data page's list: its marks and status in the reader's language."""
    frame = snapshot_list()
    problems = {s["id"]: s["problem"] for s in list_snapshots() if s["problem"]}
    rows = [{**r, "current": _("current") if r["current"] else "", "simulated": _("simulated") if r["simulated"] else "",
             "source": source_text(r["source"]),
             "status": _("intact") if r["status"] == "ok" else _("damaged: {problem}").format(
                 problem=said(problems.get(r["id"], r["status"].removeprefix("damaged: "))))}
            for r in frame.iter_rows(named=True)]
    return pl.DataFrame(rows, schema=frame.schema)


LOADERS = (load, load_table)
