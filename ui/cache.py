"""The one caching module: a connection per verified snapshot, and results per (snapshot, function, arguments)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb
import streamlit as st

from sp_data import i18n
from sp_data.db import connect
from sp_data.diff import Diff, diff_snapshots
from sp_data.errors import SnapshotError
from sp_data.snapshot import Snapshot, open_snapshot, resolve

P = ParamSpec("P")
T = TypeVar("T")


def _stamp(path: Path) -> tuple:
    """Size and modification time of every file: any change forces a new checksum verification."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in path.iterdir() if p.is_file()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(path: str, stamp: tuple) -> tuple[Snapshot, duckdb.DuckDBPyConnection]:
    snap = open_snapshot(path)
    return snap, connect(snap)


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, tuple[Snapshot, duckdb.DuckDBPyConnection]]:
    return {}


def load(ref: str | None) -> tuple[Snapshot, duckdb.DuckDBPyConnection, str | None]:
    """The snapshot asked for, verified; if it is damaged, the last good one and the reason."""
    try:
        path = resolve(ref)
        snap, con = _open(str(path), _stamp(path))
        _last_good()["value"] = (snap, con)
        return snap, con, None
    except (SnapshotError, OSError) as exc:
        fallback = _last_good().get("value")
        if fallback is None and ref is not None:
            try:  # fall back to the current snapshot
                path = resolve(None)
                fallback = _open(str(path), _stamp(path))
            except (SnapshotError, OSError):
                fallback = None
        if fallback is None:
            raise
        return fallback[0], fallback[1], str(exc)


@st.cache_data(show_spinner=False, max_entries=4096)
def _call(fn_name: str, snapshot_key: str, args_key: str, _fn: Callable, _con: duckdb.DuckDBPyConnection,
          _args: tuple, _kwargs: dict) -> Any:
    return _fn(_con, *_args, **_kwargs)


def data(fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], T], snapshot: Snapshot,
         con: duckdb.DuckDBPyConnection, *args: P.args, **kwargs: P.kwargs) -> T:
    """fn(con, *args, **kwargs), cached per snapshot content and arguments (values must have stable repr)."""
    # The language is part of the key: a result may hold names and words in the reader's language.
    key = repr((i18n.current(), args, sorted(kwargs.items())))
    return _call(f"{fn.__module__}.{fn.__qualname__}", snapshot.manifest["content_sha256"], key,
                 fn, con, args, kwargs)


def clear() -> None:
    """Forget every cached connection and result (tests, and after importing a snapshot)."""
    _call.clear()
    _open.clear()
    _last_good.clear()


@st.cache_data(show_spinner=False, max_entries=32)
def _diff(old_key: str, new_key: str, regions: tuple[str, ...], _old: Snapshot, _new: Snapshot) -> Diff:
    return diff_snapshots(_old, _new, regions)


def diff(old: Snapshot, new: Snapshot, regions: tuple[str, ...] = ()) -> Diff:
    """What changed from one verified snapshot to another (about States of the groups, if given),
    cached per pair of contents and groups."""
    return _diff(old.manifest["content_sha256"], new.manifest["content_sha256"], tuple(sorted(regions)), old, new)


def verified(ref: str) -> Snapshot:
    """A snapshot opened and verified (through the connection cache)."""
    path = resolve(ref)
    return _open(str(path), _stamp(path))[0]
