"""What the command line's record, undo and history do (their arguments: sp_data.record.command)."""
from __future__ import annotations

import sys
from pathlib import Path

from sp_data.diff import diff
from sp_data.record.changes import read_changes
from sp_data.record.history import history
from sp_data.record.store import Commit, RecordError, commit, undo


def cmd_record(args) -> int:
    if not args.changes.is_file():
        print(f"error: no file {args.changes}", file=sys.stderr)
        return 1
    changes = read_changes(args.changes)
    return _done(lambda: commit(changes, author=args.author, note=args.note, base=args.base, root=args.parquet_dir),
                 args.parquet_dir)


def cmd_undo(args) -> int:
    return _done(lambda: undo(args.id, author=args.author, note=args.note, root=args.parquet_dir), args.parquet_dir)


def _done(run, root: Path | None) -> int:
    """Run a commit or undo and say what it did, or why it did nothing."""
    try:
        result: Commit = run()
    except RecordError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    snap = result.snapshot
    print(f"Committed snapshot {snap.id} (parent {result.parent}), now current.")
    if result.rebased_from:
        print(f"A colleague committed {result.parent} after {result.rebased_from}; your changes touch other "
              "records and were applied onto theirs.")
    print(f"By {snap.manifest['author']} at {snap.manifest['committed_at']}: {snap.manifest['note']}")
    print("What changed: " + _counts(diff(result.parent, snap.id, root).totals()))
    return 0


def _counts(totals: dict[str, int] | None) -> str:
    if totals is None:
        return "not known (the parent cannot be opened)"
    return ", ".join(f"{k} {v}" for k, v in totals.items() if v) or "no change"


def cmd_history(args) -> int:
    for entry in history(args.parquet_dir, limit=args.limit):
        who = f"by {entry.author}" if entry.author else "imported"
        print(f"{entry.id}  {entry.committed_at}  {who}")
        if entry.note:
            print(f"    note: {entry.note}")
        if entry.restores:
            print(f"    restores {entry.restores}")
        if entry.parent:
            print(f"    parent {entry.parent}; what changed: {_counts(entry.counts)}")
        else:
            print(f"    source: {entry.source}")
    return 0
