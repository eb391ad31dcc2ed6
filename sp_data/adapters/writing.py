"""Writing: merged tables through the import format and its validator, never around them, into a snapshot."""
from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

import polars as pl

from sp_data.adapters.context import Context
from sp_data.adapters.mapping import Mapping
from sp_data.errors import Issue, SourceError
from sp_data.export_csv import write_source
from sp_data.paths import REFERENCE_DIR
from sp_data.reference_base import SOURCE as REFERENCE_SOURCE
from sp_data.schema import TABLES
from sp_data.snapshot import slug, write_snapshot
from sp_data.source import Source, read_source

if TYPE_CHECKING:
    from polars._typing import PolarsDataType  # polars' own name for a dtype or a dtype class


@dataclass
class ImportResult:
    """A snapshot built by an adapter."""

    path: Path
    new: bool
    snapshot_id: str
    counts: dict[str, int]
    warnings: list[Issue]


def write_merged(tables: dict[str, pl.DataFrame], *, context: Context, file_name: str, data: bytes,
                 what: str, id_prefix: str, root: Path | None, warnings: list[Issue],
                 mapping: Mapping) -> ImportResult:
    """Write merged tables as a source folder, validate it, and make a snapshot of it.

    Tables may carry an `_row` column: the export row a table row came from (null for rows of the
    base snapshot), so that a validator error is reported against the export's own row.
    """
    base = context.base
    source, content = validate_merged(tables, file_name, base.id)
    stem = slug(Path(file_name).stem)[:30].strip("-") or "export"
    snapshot_id = f"{id_prefix}-{stem}-{content[:10]}"
    file_hash = hashlib.sha256(data).hexdigest()
    onto = REFERENCE_SOURCE if base.path == REFERENCE_DIR else f"snapshot {base.id}"
    source_text = f"{what} {file_name} (sha256 {file_hash[:12]}) merged onto {onto}"
    if base.simulated:
        source_text += ("; partly SIMULATED: the base snapshot is simulated data, so every table the "
                        "export does not replace is still simulated")
    extra = {"adapter": id_prefix, "base_snapshot": base.id, "input_file": file_name,
             "input_sha256": file_hash}
    if mapping.file:
        extra["mapping_file"] = mapping.file
    path, new = write_snapshot(source.tables, source=source_text, simulated=base.simulated, root=root,
                               snapshot_id=snapshot_id, extra=extra)
    counts = {name: frame.height for name, frame in source.tables.items()}
    return ImportResult(path, new, snapshot_id, counts, warnings + source.warnings + mapping.unused())


def validate_merged(tables: dict[str, pl.DataFrame], file_name: str, base_id: str) -> tuple[Source, str]:
    """Run the validator on merged tables through a temporary source folder.

    Returns (the validated Source, a digest of the source files); raises SourceError with each
    issue said of the export row it came from.
    """
    with tempfile.TemporaryDirectory(prefix="sp-adapter-") as tmp:
        folder = Path(tmp) / "source"
        written = write_source(tables, folder)
        try:
            source = read_source(folder)
        except SourceError as exc:
            raise SourceError([translate(i, tables, file_name, base_id) for i in exc.issues]) from None
        digest = hashlib.sha256()
        for path in sorted(written):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return source, digest.hexdigest()


def translate(issue: Issue, tables: dict[str, pl.DataFrame], file_name: str, base_id: str) -> Issue:
    """A validator issue on the temporary source folder, said of the export row it came from."""
    name = issue.file.removesuffix(".csv")
    frame = tables.get(name)
    where = f"{name}.{issue.column}" if issue.column else name
    if frame is None or issue.row is None or issue.row < 2 or issue.row - 2 >= frame.height:
        return Issue(f"{file_name} (as {issue.file})", issue.row, issue.column, issue.value, issue.message)
    origin = frame["_row"][issue.row - 2] if "_row" in frame.columns else None
    if origin is None:
        return Issue(f"base snapshot {base_id} ({issue.file})", issue.row, issue.column, issue.value, issue.message)
    return Issue(file_name, int(origin), where, issue.value, issue.message)


def with_origin(frame: pl.DataFrame, rows: list[int | None] | None = None) -> pl.DataFrame:
    """A table with its `_row` column (null for base rows)."""
    values = rows if rows is not None else [None] * frame.height
    return frame.with_columns(pl.Series("_row", values, dtype=pl.Int64))


def typed(name: str, rows: list[dict]) -> pl.DataFrame:
    """A table of the import format from row dicts that may carry `_row`."""
    schema: dict[str, PolarsDataType] = {**TABLES[name].polars_schema, "_row": pl.Int64}
    return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema) if rows else pl.DataFrame(schema=schema)
