"""The public list of States that extended a standing invitation (CSV or XLSX), as standing invitations."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from sp_data.adapters.context import Context
from sp_data.adapters.headers import Field, names_fields
from sp_data.adapters.mapping import Mapping
from sp_data.adapters.problems import Problems
from sp_data.adapters.records import Record, date_cell, read_records
from sp_data.adapters.run import Adapter
from sp_data.adapters.sheets import Rows
from sp_data.adapters.writing import typed, with_origin
from sp_data.names import key

FIELDS = (
    Field("country", ("Country", "State", "Member State", "Country name", "Country/Territory", "States",
                      "State that extended a standing invitation", "iso3")),
    Field("extended", ("Date extended", "Date of standing invitation", "Standing invitation", "Date of invitation",
                       "Extended on", "Extended", "Invitation date", "Date issued", "Since", "Date",
                       "extended_on")),
    Field("withdrawn", ("Withdrawn", "Date withdrawn", "Withdrawal", "Withdrawal date", "Date of withdrawal",
                        "Withdrawn on", "withdrawn_on")),
    Field("notes", ("Notes", "Comments", "Remarks", "UN Region", "Regional group", "Region"), ignored=True),
)
COLUMNS = {f.name: f.synonyms[0] for f in FIELDS}
NOT_WITHDRAWN = {key(x) for x in ("-", "No", "None", "N/A", "NA", "Not withdrawn", "Active", "Current")}


@dataclass
class Invitation:
    """One row of the list, read and resolved."""

    row: int
    iso3: str
    extended_on: dt.date
    withdrawn_on: dt.date | None


def looks_like(rows: Rows) -> bool:
    """Whether a sheet has a standing-invitations header in its first rows."""
    return names_fields(rows, FIELDS, {"country", "extended"})


def read_standing_invitations(data: bytes, file_name: str, context: Context, mapping: Mapping
                              ) -> tuple[list[Invitation], Problems]:
    """Every row of the list, resolved; raises SourceError with every problem found."""
    rows, header, problems = read_records(data, file_name, FIELDS, "country", looks_like,
                                          {COLUMNS["extended"]: ("extended",)})
    out: dict[str, Invitation] = {}
    for record in rows:
        invitation = _read_row(record, context, mapping, problems)
        if invitation is None:
            continue
        first = out.get(invitation.iso3)
        if first is None:
            out[invitation.iso3] = invitation
        elif (first.extended_on, first.withdrawn_on) != (invitation.extended_on, invitation.withdrawn_on):
            problems.bad(record.number, record.column("country"), record.text("country"),
                         f"is listed again, with other dates, in row {first.row}; a State has one standing invitation")
        else:
            problems.warn(record.number, record.column("country"), record.text("country"),
                          f"repeats row {first.row}; the two rows are merged")
    problems.raise_if_any()
    if not out:
        problems.bad(header.row + 1, None, None, "the list has no rows under its header")
        problems.raise_if_any()
    return sorted(out.values(), key=lambda i: i.iso3), problems


def _read_row(r: Record, ctx: Context, mapping: Mapping, problems: Problems) -> Invitation | None:
    """One row as a standing invitation, or None when it is unusable (errors are recorded)."""
    name = r.text("country")
    iso3 = None
    if not name:
        problems.bad(r.number, r.column("country"), None, "the State is required")
    else:
        found, target = mapping.get("state", name)
        iso3 = target if found else ctx.states.resolve(name)
        if iso3 is None:
            problems.unknown("state", r.column("country"), name, r.number, ctx.states.closest(name),
                             f"unknown State {name!r}", "ISO3")
    extended = date_cell(r, "extended", problems,
                         required="the date the standing invitation was extended is required")
    withdrawn = None
    if key(r.text("withdrawn")) not in NOT_WITHDRAWN:
        withdrawn = date_cell(r, "withdrawn", problems)
    if extended and withdrawn and withdrawn < extended:
        problems.bad(r.number, r.column("withdrawn"), r.raw("withdrawn"),
                     f"is before the invitation was extended ({extended.isoformat()})")
        return None
    if iso3 is None or extended is None:
        return None
    return Invitation(r.number, iso3, extended, withdrawn)


def merge(ctx: Context, invitations: list[Invitation]) -> dict[str, pl.DataFrame]:
    """The base's tables with the list's standing invitations in place.

    A State on the list takes the list's dates; the base's invitations of States not on the list
    are kept (the list may be a part of the whole).
    """
    tables = {name: with_origin(frame) for name, frame in ctx.tables.items()}
    listed = [i.iso3 for i in invitations]
    rows = [{"iso3": i.iso3, "extended_on": i.extended_on, "withdrawn_on": i.withdrawn_on, "_row": i.row}
            for i in invitations]
    kept = tables["standing_invitations"].filter(~pl.col("iso3").is_in(listed))
    tables["standing_invitations"] = pl.concat([kept, typed("standing_invitations", rows)]).sort("iso3")
    return tables


ADAPTER = Adapter("standing invitations list", "invitations", looks_like, read_standing_invitations, merge)
# The entry points: import_standing_invitations(file, base=, mapping=, root=) and, for an upload,
# import_standing_invitations_bytes(data, file_name, base=, mapping=, mapping_name=, root=, context=).
import_standing_invitations = ADAPTER.import_file
import_standing_invitations_bytes = ADAPTER.import_bytes
