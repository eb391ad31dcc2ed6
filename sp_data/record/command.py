"""The command line's record, undo and history: python -m sp_data record CHANGES.csv --author NAME --note TEXT."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def add_parsers(sub, parquet_option) -> None:
    """Add record, undo and history to the command line's subcommands."""
    p = sub.add_parser("record", help="commit a file of changes (docs/recording.md) as a new current snapshot")
    p.add_argument("changes", type=Path, help="CHANGES.csv: the import format's columns plus an action column")
    p.add_argument("--base", help="the snapshot the changes were prepared on (default: the current one)")
    _who(p)
    parquet_option(p)
    p.set_defaults(func=_run("cmd_record"))

    p = sub.add_parser("undo", help="make an earlier snapshot current again, as a new entry in the history")
    p.add_argument("id", help="the earlier snapshot to restore")
    _who(p)
    parquet_option(p)
    p.set_defaults(func=_run("cmd_undo"))

    p = sub.add_parser("history", help="the chain of recorded snapshots: editor, time, note, what changed")
    p.add_argument("--limit", type=int, default=20, help="entries to show, newest first (default 20)")
    parquet_option(p)
    p.set_defaults(func=_run("cmd_history"))


def _who(p: argparse.ArgumentParser) -> None:
    p.add_argument("--author", required=True, help="who records the change (kept in the history)")
    p.add_argument("--note", required=True, help="why: a short note kept in the history")


def _run(name: str) -> Callable[[argparse.Namespace], int]:
    """The command `name` of sp_data.record.run, loaded only when that command runs."""
    def run(args: argparse.Namespace) -> int:
        # The recording engine (store, diff, validation) loads only for these commands, so that `facts`
        # and the others start without it.
        from sp_data.record import run as commands

        command: Callable[[argparse.Namespace], int] = getattr(commands, name)
        return command(args)
    return run
