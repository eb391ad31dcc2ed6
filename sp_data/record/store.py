"""Commit staged changes as a new snapshot, made current only if its parent still is; undo as a new entry."""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sp_data import coverage as cov
from sp_data.diff import diff_snapshots
from sp_data.errors import Said
from sp_data.export_csv import read_snapshot_tables
from sp_data.i18n import N_
from sp_data.paths import BUNDLED_SNAPSHOT_ID, parquet_dir
from sp_data.record.apply import ROW_KEYS, apply_changes
from sp_data.record.changes import Change
from sp_data.snapshot import (CURRENT_FILE, OBJECTS_DIR, Snapshot, open_snapshot, resolve, unshared_objects, use,
                              write_snapshot)

LOCK_FILE = ".record.lock"
# The snapshot a commit is writing, until it is current: one a killed commit left is removed by the next.
PENDING_FILE = ".record-pending"
LOCK_WAIT = 30.0  # seconds a commit waits for a colleague's commit to finish
RECORDED = " + recorded changes"


class RecordError(Exception):
    """A commit that cannot be made: no author or note, a busy lock, a pointer that moved."""


class ConflictError(RecordError):
    """Staged changes that touch what a colleague's commit changed since their base."""

    def __init__(self, base: str, current: str, conflicts: list[Change], moved: frozenset[tuple[str, str]]):
        self.base, self.current, self.conflicts, self.moved = base, current, conflicts, moved
        lines = [f"{c.describe()}: {c.key[0]} {c.key[1]!r} was also changed in snapshot {current}" for c in conflicts]
        super().__init__(f"snapshot {current} was committed after {base} (the snapshot these changes were prepared on) "
                         f"and changed the same records as {len(conflicts)} of them; nothing was written:\n"
                         + "\n".join(lines))


@dataclass(frozen=True)
class Commit:
    """A snapshot a commit or an undo wrote and made current."""

    snapshot: Snapshot
    parent: str
    rebased_from: str | None  # the base the changes were staged on, when a colleague committed first
    touched: frozenset[str]  # the tables that changed


def current_pointer(root: Path | None = None) -> str:
    """The snapshot parquet/CURRENT names (the bundled one when none does), which commits move."""
    pointer = Path(root or parquet_dir()) / CURRENT_FILE
    value = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    return value or BUNDLED_SNAPSHOT_ID


@contextmanager
def locked(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the recording lock of a folder of snapshots: one commit at a time moves CURRENT."""
    wait = LOCK_WAIT if wait is None else wait
    root.mkdir(parents=True, exist_ok=True)
    with (root / LOCK_FILE).open("a") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise RecordError(Said(N_("another commit has held {lock} for over {seconds} s; try again in a "
                                              "moment"), lock=root / LOCK_FILE, seconds=f"{wait:.0f}")) from None
                time.sleep(0.05)
        try:
            _recover(root)
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _recover(root: Path) -> None:
    """Remove what a commit killed half-way left (a snapshot never made current, its stored files, its draft)."""
    pending = root / PENDING_FILE
    if not pending.is_file():
        return
    sid = pending.read_text(encoding="utf-8").strip()
    if sid and sid != current_pointer(root) and (root / sid).is_dir():
        shutil.rmtree(root / sid)
    for draft in root.glob(".tmp-draft-*"):
        shutil.rmtree(draft, ignore_errors=True)
    for stored in unshared_objects(root):
        stored.unlink(missing_ok=True)
    pending.unlink()


def changed_keys(old: dict[str, pl.DataFrame], new: dict[str, pl.DataFrame]) -> frozenset[tuple[str, str]]:
    """Every visit thread, communication and State's invitation whose rows differ between two sets of tables."""
    keys: set[tuple[str, str]] = set()
    for name, (kind, column) in ROW_KEYS.items():
        a, b = old[name], new[name]
        ha, hb = a.hash_rows(seed=0), b.hash_rows(seed=0)
        gone = a.filter(~ha.is_in(hb.implode()))[column]
        added = b.filter(~hb.is_in(ha.implode()))[column]
        keys |= {(kind, str(v)) for v in pl.concat([gone, added]).drop_nulls().to_list()}
    return frozenset(keys)


def commit(changes: list[Change], *, author: str, note: str, base: str | None = None,
           root: Path | None = None) -> Commit:
    """Apply staged changes and make the result current, as a new snapshot whose manifest names its parent.

    base is the snapshot the changes were staged on (default: the current one). When a colleague has
    committed since, the changes are applied onto theirs if they touch other threads, communications
    and invitations, and refused with a ConflictError naming each one otherwise. A commit that fails
    validation (SourceError), conflicts or crashes writes nothing and leaves CURRENT as it was.
    """
    author, note = _required(author, "author"), _required(note, "note")
    if not changes:
        raise RecordError(Said(N_("there are no changes to commit")))
    root = Path(root or parquet_dir())
    with locked(root):
        current = current_pointer(root)
        staged_on = base or current
        parent = open_snapshot(resolve(current, root))
        if staged_on != current:
            moved = changed_keys(read_snapshot_tables(open_snapshot(resolve(staged_on, root))),
                                 read_snapshot_tables(parent))
            clashes = [c for c in changes if c.key in moved]
            if clashes:
                raise ConflictError(staged_on, current, clashes, moved)
        applied = apply_changes(parent, changes)
        record = [{"row": c.row, "action": c.action, **{k: v for k, v in c.values.items() if v}} for c in changes]
        snap = _write(parent, parent, applied.tables, applied.touched, root,
                      {"author": author, "note": note, "changes": record})
        return Commit(snap, parent.id, staged_on if staged_on != current else None, applied.touched)


def undo(target: str, *, author: str, note: str, root: Path | None = None) -> Commit:
    """Make an earlier snapshot current again, as a new snapshot (its tables, the current one as parent)."""
    author, note = _required(author, "author"), _required(note, "note")
    root = Path(root or parquet_dir())
    with locked(root):
        parent = open_snapshot(resolve(current_pointer(root), root))
        earlier = open_snapshot(resolve(target, root))
        if earlier.id == parent.id:
            raise RecordError(Said(N_("snapshot {id} is already the current one"), id=earlier.id))
        tables = read_snapshot_tables(earlier)
        before = read_snapshot_tables(parent)
        touched = frozenset(n for n in tables if not tables[n].equals(before[n]))
        snap = _write(earlier, parent, tables, frozenset(), root,
                      {"author": author, "note": note, "restores": earlier.id, "changes": []})
        return Commit(snap, parent.id, None, touched)


def _required(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise RecordError(Said(N_("a commit needs its author: who records it and why") if what == "author" else
                               N_("a commit needs its note: who records it and why")))
    return text


def _write(base: Snapshot, parent: Snapshot, tables: dict[str, pl.DataFrame], touched: frozenset[str], root: Path,
           extra: dict) -> Snapshot:
    """Write the new snapshot and make it current, or nothing: the tables the changes leave as they are in
    base are its files, linked; the manifest records what changed from the parent (the history's counts)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    snapshot_id = f"rec-{now:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
    objects_before = _objects(root)
    source = base.source if base.source.endswith(RECORDED) else base.source + RECORDED
    stated = stated_coverage(base, tables)
    path = None
    try:
        with tempfile.TemporaryDirectory(dir=root, prefix=".tmp-draft-") as tmp:
            # A draft first, to count what changed from the parent into the manifest; its files then
            # become the snapshot's by hard links, so nothing is written twice.
            unchanged = {n: base.table_path(n) for n in tables if n not in touched}
            draft, _ = write_snapshot(tables, source=source, simulated=base.simulated, coverage=stated,
                                      root=Path(tmp), snapshot_id="draft", reuse=unchanged, derive=False)
            counts = diff_snapshots(parent, open_snapshot(draft)).totals()
            _atomic_write(root / PENDING_FILE, snapshot_id)
            path, _ = write_snapshot(
                tables, source=source, simulated=base.simulated, coverage=stated, root=root,
                snapshot_id=snapshot_id, created=now.isoformat(), share=True,
                reuse={n: draft / f"{n}.parquet" for n in tables},
                extra={"parent": parent.id, "committed_at": now.isoformat(), **extra, "counts": counts})
        snap = open_snapshot(path)
        if current_pointer(root) != parent.id:  # moved without the lock (`use`): never write over it
            raise RecordError(Said(N_("the current snapshot changed to {id} during the commit; nothing was written"),
                                   id=current_pointer(root)))
        use(snapshot_id, root)
        (root / PENDING_FILE).unlink()
        return snap
    except BaseException:
        if path is not None and path.exists():
            shutil.rmtree(path)
        for stored in _objects(root) - objects_before:  # under the lock, only this commit adds any
            stored.unlink(missing_ok=True)
        (root / PENDING_FILE).unlink(missing_ok=True)
        raise


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".tmp-{uuid.uuid4().hex}")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _objects(root: Path) -> set[Path]:
    """The table files stored by checksum (sp_data.snapshot's share)."""
    folder = root / OBJECTS_DIR
    return set(folder.iterdir()) if folder.is_dir() else set()


def stated_coverage(base: Snapshot, tables: dict[str, pl.DataFrame]) -> dict:
    """The periods the base's source stated, carried over, reaching at least the dates now recorded."""
    seen = cov.derive(tables)
    stated = {}
    for kind, c in (cov.of_manifest(base.manifest) or {}).items():
        if c.stated:
            last = max((d for d in (c.last, seen[kind].last) if d is not None), default=None)
            stated[kind] = {"held": c.held, "from": c.first, "to": last} if c.held else {"held": False}
    return stated

