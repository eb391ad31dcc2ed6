"""The steps every adapter's import takes: open the base, read the mapping, read the export, merge, validate, write."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import polars as pl

from sp_data.adapters.context import Context, base_snapshot
from sp_data.adapters.mapping import Mapping, load_mapping
from sp_data.adapters.problems import Problems
from sp_data.adapters.sheets import Rows
from sp_data.adapters.writing import ImportResult, validate_merged, write_merged
from sp_data.errors import Issue

Item = TypeVar("Item")


@dataclass
class Merged:
    """An export read and merged onto the base: the tables, the warnings so far, the mapping used."""

    tables: dict[str, pl.DataFrame]
    warnings: list[Issue]
    mapping: Mapping


@dataclass(frozen=True)
class Adapter(Generic[Item]):
    """What one adapter brings (its reader and merger), and the steps every adapter's import takes."""

    what: str  # the kind of file, as the new snapshot's source line names it
    id_prefix: str  # how the new snapshot's id starts
    looks_like: Callable[[Rows], bool]  # whether a sheet's first rows hold this adapter's header
    read: Callable[[bytes, str, Context, Mapping], tuple[list[Item], Problems]]
    merge: Callable[[Context, list[Item]], dict[str, pl.DataFrame]]

    def merged(self, data: bytes, file_name: str, context: Context, mapping: bytes | None,
               mapping_name: str | None) -> Merged:
        """Read the mapping file and the export, and merge the export onto the base; raises SourceError."""
        maps = load_mapping(mapping, mapping_name or "mapping.csv", context)
        items, problems = self.read(data, file_name, context, maps)
        return Merged(self.merge(context, items), problems.warnings, maps)

    def import_bytes(self, data: bytes, file_name: str, *, base: str | Path | None = None,
                     mapping: bytes | None = None, mapping_name: str | None = None, root: Path | None = None,
                     context: Context | None = None) -> ImportResult:
        """Build a new snapshot from the bytes of an export merged onto the base (default: the current one)."""
        context = context or Context.of(base_snapshot(base, root))
        m = self.merged(data, file_name, context, mapping, mapping_name)
        return write_merged(m.tables, context=context, file_name=file_name, data=data, what=self.what,
                            id_prefix=self.id_prefix, root=root, warnings=m.warnings, mapping=m.mapping)

    def import_file(self, file: str | Path, *, base: str | Path | None = None,
                    mapping: str | Path | None = None, root: Path | None = None) -> ImportResult:
        """Build a new snapshot from an export file (and a mapping file) on disk, merged onto the base."""
        file = Path(file)
        return self.import_bytes(file.read_bytes(), file.name, base=base,
                                 mapping=Path(mapping).read_bytes() if mapping else None,
                                 mapping_name=Path(mapping).name if mapping else None, root=root)

    def check_bytes(self, data: bytes, file_name: str, context: Context, mapping: bytes | None,
                    mapping_name: str | None) -> tuple[dict[str, pl.DataFrame], list[Issue]]:
        """The merged tables and the warnings, validated as an import would, with nothing written."""
        m = self.merged(data, file_name, context, mapping, mapping_name)
        validate_merged(m.tables, file_name, context.base.id)
        return m.tables, m.warnings + m.mapping.unused()
