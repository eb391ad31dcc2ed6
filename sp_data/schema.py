"""The import format's tables and columns, as one specification shared by every reader and writer."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from sp_data.i18n import N_

if TYPE_CHECKING:
    import polars as pl
    from polars._typing import PolarsDataType  # polars' own name for a dtype or a dtype class

REGIONAL_GROUPS = ("AG", "APG", "EEG", "GRULAC", "WEOG")
# English names (the catalogs' ids): sp_data.wording.group_name() gives them in the reader's language.
REGIONAL_GROUP_NAMES = {
    "AG": N_("African States"),
    "APG": N_("Asia-Pacific States"),
    "EEG": N_("Eastern European States"),
    "GRULAC": N_("Latin American and Caribbean States"),
    "WEOG": N_("Western European and other States"),
}
UN_STATUSES = ("member", "observer")
MANDATE_KINDS = ("thematic", "country")
HOST_KINDS = ("state", "territory", "institution")
# Order matters: on a tie of dates, the later event in this list wins (import-format.md). The SQL
# says it as event_order() in queries/base/calendar.sql; sp_data.db checks that they agree when it is imported.
VISIT_EVENTS = (
    "requested", "reminder", "invited", "acknowledged", "accepted", "dates_proposed",
    "postponed", "declined", "cancelled", "withdrawn", "completed",
)
COMMUNICATION_TYPES = ("AL", "UA", "OL")
RECIPIENT_KINDS = ("state", "non_state_actor")

# Column types: text, code, date, bool, int, list (a ";"-separated list of text). Their Polars types are made
# when first asked for: a command that reads no frame (`facts`) never loads Polars.
@cache
def _polars_types() -> dict[str, PolarsDataType]:
    import polars as pl

    return {"text": pl.String, "code": pl.String, "date": pl.Date, "bool": pl.Boolean,
            "int": pl.Int64, "list": pl.List(pl.String)}


# The types DuckDB reads each column type as, in a snapshot's Parquet files (sp_data.snapshot checks them).
DUCKDB_TYPES = {"text": "VARCHAR", "code": "VARCHAR", "date": "DATE", "bool": "BOOLEAN", "int": "BIGINT",
                "list": "VARCHAR[]"}


@dataclass(frozen=True)
class Column:
    """One column of a source table."""

    name: str
    type: str
    required: bool = False
    codes: tuple[str, ...] = ()
    default: object = None  # value used when an optional column is absent from the file

    @property
    def dtype(self) -> PolarsDataType:
        return _polars_types()[self.type]


@dataclass(frozen=True)
class Table:
    """One source table: its file, columns and key."""

    name: str
    columns: tuple[Column, ...]
    required: bool = True
    key: tuple[str, ...] = field(default=())
    optional_columns: tuple[str, ...] = field(default=())  # columns the file may omit entirely

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def duckdb_schema(self) -> dict[str, str]:
        return {c.name: DUCKDB_TYPES[c.type] for c in self.columns}

    @property
    def polars_schema(self) -> dict[str, PolarsDataType]:
        return {c.name: c.dtype for c in self.columns}

    def empty(self) -> pl.DataFrame:
        import polars as pl

        return pl.DataFrame(schema=self.polars_schema)


TABLES: dict[str, Table] = {t.name: t for t in (
    Table("states", (
        Column("iso3", "text", required=True),
        Column("name", "text", required=True),
        Column("regional_group", "code", codes=REGIONAL_GROUPS),
        Column("un_status", "code", required=True, codes=UN_STATUSES),
    ), key=("iso3",)),
    Table("mandates", (
        Column("mandate_id", "text", required=True),
        Column("title", "text", required=True),
        Column("kind", "code", required=True, codes=MANDATE_KINDS),
        Column("country_iso3", "text"),
        Column("established_on", "date", required=True),
        Column("ended_on", "date"),
    ), key=("mandate_id",)),
    Table("visits", (
        Column("visit_id", "text", required=True),
        Column("mandate_id", "text", required=True),
        Column("host_kind", "code", required=True, codes=HOST_KINDS),
        Column("iso3", "text"),
        Column("host_name", "text"),
    ), key=("visit_id",)),
    Table("visit_events", (
        Column("visit_id", "text", required=True),
        Column("date", "date", required=True),
        Column("event", "code", required=True, codes=VISIT_EVENTS),
        Column("end_date", "date"),
    )),
    Table("standing_invitations", (
        Column("iso3", "text", required=True),
        Column("extended_on", "date", required=True),
        Column("withdrawn_on", "date"),
    ), key=("iso3",)),
    Table("communications", (
        Column("ref", "text", required=True),
        Column("sent_on", "date", required=True),
        Column("type", "code", required=True, codes=COMMUNICATION_TYPES),
        Column("recipient_kind", "code", required=True, codes=RECIPIENT_KINDS),
        Column("iso3", "text"),
        Column("recipient", "text"),
        Column("mandate_ids", "list", required=True),
        Column("individuals", "int"),
        Column("individuals_female", "int"),
        Column("follow_up", "bool", required=True),
    ), key=("ref",)),
    Table("replies", (
        Column("ref", "text", required=True),
        Column("received_on", "date", required=True),
        Column("substantive", "bool", required=True),
        Column("confidential", "bool", default=False),
    ), optional_columns=("confidential",)),
    Table("hrc_membership", (
        Column("iso3", "text", required=True),
        Column("term_start", "date", required=True),
        Column("term_end", "date", required=True),
    ), required=False),
)}

TABLE_ORDER = tuple(TABLES)
SCHEMA_VERSION = 1
