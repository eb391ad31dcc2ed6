"""Building a wholly real snapshot from the three public lists, one file at a time (the Data page's steps)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from sp_data.db import connect
from sp_data.errors import Issue
from sp_data.i18n import N_, _, number
from sp_data.coverage import KINDS, coverage
from sp_data.reference_base import REFERENCE_BASE, is_reference
from sp_data.snapshot import Snapshot, open_snapshot
from sp_data.upload import UploadResult, import_upload
from sp_data.wording import date_text

# Each kind of record as the Data page's build lists it.
HELD_WORDS = {"visits": "visit threads", "standing_invitations": "standing invitations",
              "communications": "communications", "replies": "replies"}
# The same, as the tables of a build name them for a reader.
HELD_LABELS = {"visit threads": N_("Visit threads"), "standing invitations": N_("Standing invitations"),
               "communications": N_("Communications"), "replies": N_("Replies")}
# The public lists, as a person names them, by adapter kind.
LISTS = {
    "communications": N_("Communications sent (the communications database's export)"),
    "visits": N_("Country visits (the country visits database's list of requests and visits)"),
    "standing_invitations": N_("Standing invitations (the list of States that extended one)"),
}


@dataclass
class BuildStep:
    """One file added to a real snapshot: the upload's result, what it contributed, what the result holds."""

    result: UploadResult
    contributed: pl.DataFrame = field(default_factory=pl.DataFrame)  # kind, before, after, added
    held: pl.DataFrame = field(default_factory=pl.DataFrame)  # records_held of the result


def bases(*snapshots: Snapshot | None) -> dict[str, str]:
    """Where a build can start, as {base: what it is in words}; a simulated snapshot is never one."""
    out = {REFERENCE_BASE: _("Start afresh: the real States, regional groups and mandates, with no records")}
    for snap in snapshots:
        if snap is not None and not snap.simulated and str(snap.path) not in out:
            out[str(snap.path)] = _("Add to snapshot {id}, which holds only real records").format(id=snap.id)
    return out


def records_held(snapshot: Snapshot | None) -> pl.DataFrame:
    """What a snapshot holds, per kind of record: its records, and the period its coverage gives (sp_data.coverage).

    The period is the one the figures use, so the Data page says what the dashboard will treat as
    recorded. None stands for the reference base, which holds no records of any kind.
    """
    cov = coverage(connect(snapshot)) if snapshot is not None else {}
    counts = snapshot.manifest.get("row_counts", {}) if snapshot is not None else {}
    rows = []
    for kind, spec in KINDS.items():
        c = cov.get(kind)
        held = c if c is not None and c.held else None
        rows.append({"kind": HELD_WORDS[kind], "records": int(counts.get(spec["tables"][0], 0)) if held else 0,
                     "first_date": held.first if held else None, "last_date": held.last if held else None})
    return pl.DataFrame(rows, schema={"kind": pl.String, "records": pl.Int64, "first_date": pl.Date,
                                      "last_date": pl.Date})


def build_step(data: bytes, filename: str, kind: str, *, base: str | Path, mapping: bytes | None = None,
               mapping_name: str | None = None, root: Path | None = None,
               validate_only: bool = False) -> BuildStep:
    """Merge one public list onto the base (`reference` or a real snapshot); nothing is written on failure."""
    base_snapshot = None if is_reference(base) else open_snapshot(Path(base))
    if base_snapshot is not None and base_snapshot.simulated:
        issue_text = _("the snapshot {id} is simulated; a real snapshot is built onto the reference tables or onto "
                       "a real snapshot only").format(id=base_snapshot.id)
        return BuildStep(UploadResult(False, errors=[Issue(filename, None, None, None, issue_text)]))
    result = import_upload(data, filename, kind=kind, base=base, mapping=mapping, mapping_name=mapping_name,
                           root=root, validate_only=validate_only)
    if not result.ok or result.path is None:
        return BuildStep(result)
    before = records_held(base_snapshot)
    held = records_held(open_snapshot(result.path))
    contributed = before.select("kind", pl.col("records").alias("before")).join(
        held.select("kind", pl.col("records").alias("after")), on="kind", maintain_order="left",
    ).with_columns((pl.col("after") - pl.col("before")).alias("change"))
    return BuildStep(result, contributed, held)


def held_text(held: pl.DataFrame) -> pl.DataFrame:
    """What a snapshot holds, for people: a kind it does not hold says so instead of showing 0."""
    rows = []
    for r in held.iter_rows(named=True):
        none = not r["records"]
        rows.append({_("Records"): _(HELD_LABELS.get(r["kind"], r["kind"])),
                     _("Held"): _("none: not in this snapshot") if none else number(r["records"]),
                     _("From"): "" if none else date_text(r["first_date"]),
                     _("To"): "" if none else date_text(r["last_date"])})
    return pl.DataFrame(rows, schema=dict.fromkeys((_("Records"), _("Held"), _("From"), _("To")), pl.String))


def contributed_text(contributed: pl.DataFrame) -> pl.DataFrame:
    """What one file changed, for people: records before and after, per kind."""
    return pl.DataFrame([
        {_("Records"): _(HELD_LABELS.get(r["kind"], r["kind"])), _("Before"): number(r["before"]), _("After"): number(r["after"]),
         _("Change"): ("+" if r["change"] > 0 else "") + number(r["change"]) if r["change"] else _("unchanged")}
        for r in contributed.iter_rows(named=True)
    ], schema=dict.fromkeys((_("Records"), _("Before"), _("After"), _("Change")), pl.String))
