"""Check staged changes as they are staged, and show what a commit would change, without committing."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sp_data.diff import Diff, diff_snapshots
from sp_data.errors import Issue, SourceError
from sp_data.record.apply import apply_changes
from sp_data.record.changes import Change
from sp_data.record.store import current_pointer, stated_coverage
from sp_data.snapshot import Snapshot, open_snapshot, resolve, write_snapshot


def base_snapshot(base: str | None = None, root: Path | None = None) -> Snapshot:
    """The snapshot changes are staged on: the one named, else the one parquet/CURRENT names."""
    return open_snapshot(resolve(base or current_pointer(root), root))


def check(changes: list[Change], base: str | None = None, root: Path | None = None) -> list[Issue]:
    """Every error the changes would meet on commit onto base (empty: they can be committed)."""
    try:
        apply_changes(base_snapshot(base, root), changes)
    except SourceError as exc:
        return exc.issues
    return []


@contextmanager
def previewed(changes: list[Change], base: str | None = None, root: Path | None = None) -> Iterator[Snapshot]:
    """The snapshot a commit would write, in a temporary folder removed afterwards (SourceError if invalid).

    sp_data.db.connect loads its tables into memory, so a connection to it outlives the block.
    """
    snap = base_snapshot(base, root)
    applied = apply_changes(snap, changes)
    with tempfile.TemporaryDirectory(prefix="sp-preview-") as tmp:
        path, _ = write_snapshot(applied.tables, source=f"{snap.source} (preview)", simulated=snap.simulated,
                                 root=Path(tmp), snapshot_id="preview", coverage=stated_coverage(snap, applied.tables),
                                 reuse={n: snap.table_path(n) for n in applied.tables if n not in applied.touched})
        yield open_snapshot(path)


def preview_diff(changes: list[Change], base: str | None = None, root: Path | None = None,
                 regions: tuple[str, ...] = ()) -> Diff:
    """What the changes would change, exactly as the Data page's diff shows it (SourceError if invalid)."""
    with previewed(changes, base, root) as new:
        return diff_snapshots(base_snapshot(base, root), new, regions)
