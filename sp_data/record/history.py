"""The history of recording: the chain of snapshots from the current one back through their parents."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sp_data.diff import diff
from sp_data.errors import SnapshotError
from sp_data.paths import parquet_dir
from sp_data.record.store import current_pointer
from sp_data.snapshot import read_manifest, resolve


@dataclass(frozen=True)
class Entry:
    """One snapshot of the chain: who committed it, when, why, and what it changed from its parent."""

    id: str
    parent: str | None  # None for a snapshot built by an import (the start of the chain)
    author: str | None
    committed_at: str  # the manifest's committed_at, else its created
    note: str | None
    restores: str | None  # for an undo: the earlier snapshot made current again
    source: str
    changes: tuple[dict, ...]  # the staged changes as committed (action, cells, reason)
    counts: dict[str, int] | None  # diff.Diff.totals() from the parent, as committed; None without a parent


def history(root: Path | None = None, start: str | None = None, limit: int = 100,
            counts: bool = True) -> list[Entry]:
    """The chain from start (default: the current snapshot) back through each parent, newest first."""
    root = Path(root or parquet_dir())
    sid: str | None = start or current_pointer(root)
    out: list[Entry] = []
    seen: set[str] = set()
    while sid and sid not in seen and len(out) < limit:
        seen.add(sid)
        try:
            manifest = read_manifest(resolve(sid, root))
        except SnapshotError:  # a folder without the bundled snapshot, or a parent removed: the chain ends here
            break
        parent = manifest.get("parent")
        out.append(Entry(
            id=manifest.get("id", sid), parent=parent, author=manifest.get("author"),
            committed_at=manifest.get("committed_at") or manifest.get("created", ""), note=manifest.get("note"),
            restores=manifest.get("restores"), source=manifest.get("source", ""),
            changes=tuple(manifest.get("changes") or ()),
            counts=_recorded(manifest) or (_counts(str(root), parent, sid) if counts and parent else None)))
        sid = parent
    return out


def _recorded(manifest: dict) -> dict[str, int] | None:
    """The counts a commit recorded in its manifest (a snapshot imported or older has none)."""
    counts = manifest.get("counts")
    return counts if isinstance(counts, dict) else None


@lru_cache(maxsize=512)
def _counts(root: str, parent: str, sid: str) -> dict[str, int] | None:
    """What a snapshot changed from its parent (snapshots never change, so this is cached)."""
    try:
        return diff(parent, sid, Path(root)).totals()
    except SnapshotError:  # the parent was removed or is damaged: the entry stays, without counts
        return None
