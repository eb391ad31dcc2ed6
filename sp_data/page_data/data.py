"""The Data and definitions page's data: what the snapshot covers, the reply rate's example, one table whole."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data.catalog import table
from sp_data.coverage import coverage_lines
from sp_data.facts import facts
from sp_data.figures import Facts
from sp_data.params import Filters
from sp_data.schema import TABLE_ORDER


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


LOADERS = (load, load_table)
