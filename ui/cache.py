"""The one caching module: a connection per verified snapshot, and results per (snapshot, function, arguments)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb
import polars as pl
import streamlit as st

from sp_data import i18n
from sp_data.db import open_and_connect
from sp_data.diff import Diff, connect_pair, diff_on
from sp_data.errors import SnapshotError
from sp_data.paths import parquet_dir
from sp_data.snapshot import MANIFEST, Snapshot, list_snapshots, resolve

P = ParamSpec("P")
T = TypeVar("T")


def _stamp(path: Path) -> tuple:
    """Size and modification time of every file: any change forces a new checksum verification."""
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in path.iterdir() if p.is_file()))


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(path: str, stamp: tuple) -> tuple[Snapshot, duckdb.DuckDBPyConnection]:
    return open_and_connect(path)


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, tuple[Snapshot, duckdb.DuckDBPyConnection]]:
    return {}


def load(ref: str | None) -> tuple[Snapshot, duckdb.DuckDBPyConnection, str | None]:
    """The snapshot asked for, verified; if it is damaged, the last good one and the reason."""
    try:
        path = resolve(ref)
        snap, con = _open(path=str(path), stamp=_stamp(path))
        _last_good()["value"] = (snap, con)
        return snap, con, None
    except (SnapshotError, OSError) as exc:
        fallback = _last_good().get("value")
        if fallback is None and ref is not None:
            try:  # fall back to the current snapshot
                path = resolve(None)
                fallback = _open(path=str(path), stamp=_stamp(path))
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
    # By keyword: Streamlit names each positional argument by inspecting the function's signature again.
    return _call(fn_name=f"{fn.__module__}.{fn.__qualname__}", snapshot_key=snapshot.manifest["content_sha256"],
                 args_key=key, _fn=fn, _con=con, _args=args, _kwargs=kwargs)


def clear() -> None:
    """Forget every cached connection and result (tests, and after importing a snapshot)."""
    _call.clear()
    _read_diff.clear()
    _diff.clear()
    _pair.clear()
    _finished.clear()
    _snapshots.clear()
    _open.clear()
    _last_good.clear()


@st.cache_data(show_spinner=False, max_entries=32)
def _diff(old_key: str, new_key: str, regions: tuple[str, ...], _old: Snapshot, _new: Snapshot) -> Diff:
    return diff_on(_pair(old_key=old_key, new_key=new_key, _old=_old, _new=_new), _old, _new, regions)


@st.cache_resource(show_spinner=False, max_entries=1)
def _pair(old_key: str, new_key: str, _old: Snapshot, _new: Snapshot) -> duckdb.DuckDBPyConnection:
    # Both snapshots loaded once per pair, not again for every set of groups (a third of a first view of
    # the Data page); each query runs on its own cursor. One pair at most: it holds both snapshots in memory.
    return connect_pair(_old, _new)


@st.cache_data(show_spinner=False, max_entries=32)
def _read_diff(old_key: str, new_key: str, regions: tuple[str, ...], language: str, _old: Snapshot,
               _new: Snapshot) -> Diff:
    return _diff(old_key=old_key, new_key=new_key, regions=regions, _old=_old, _new=_new).read()


def diff(old: Snapshot, new: Snapshot, regions: tuple[str, ...] = ()) -> Diff:
    """What changed from one verified snapshot to another (about States of the groups, if given),
    cached per pair of contents and groups; its tables in words (by_state, readable...) made once per language."""
    return _read_diff(old_key=old.manifest["content_sha256"], new_key=new.manifest["content_sha256"],
                      regions=tuple(sorted(regions)), language=i18n.current(), _old=old, _new=new)


def verified(ref: str) -> Snapshot:
    """A snapshot opened and verified (through the connection cache)."""
    path = resolve(ref)
    return _open(path=str(path), stamp=_stamp(path))[0]


class Deferred:
    """A builder and its arguments, called only when its result is needed: a chart whose finished spec is
    cached is not built again (building and validating an Altair chart cost more than the page's queries)."""

    def __init__(self, builder: Callable[..., Any], *args: Any, **kwargs: Any):
        self.builder, self.args, self.kwargs = builder, args, kwargs

    def build(self) -> Any:
        """The builder's result (deferred arguments built first)."""
        return self.builder(*(_built(a) for a in self.args), **{k: _built(v) for k, v in self.kwargs.items()})

    def key(self) -> str | None:
        """What determines the result, as text (None when an argument has no stable form: never cached)."""
        try:
            return repr((self.builder.__module__, self.builder.__qualname__, _key(self.args),
                         _key(sorted(self.kwargs.items()))))
        except _Unstable:
            return None


class _Unstable(Exception):
    pass


def _built(value: Any) -> Any:
    return value.build() if isinstance(value, Deferred) else value


def _key(value: Any) -> Any:
    """A stable stand-in for a builder's argument: frames by their content, deferred builders by their key."""
    if isinstance(value, Deferred):
        key = value.key()
        if key is None:
            raise _Unstable
        return key
    if isinstance(value, pl.DataFrame):
        return ("frame", _frame_key(value))
    if isinstance(value, (list, tuple)):
        return tuple(_key(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _key(v)) for k, v in sorted(value.items()))
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__,) + tuple(_key(getattr(value, f.name)) for f in dataclasses.fields(value))
    raise _Unstable  # an object's repr may hold its address, which a later object can reuse


def _frame_key(frame: pl.DataFrame) -> str:
    """A frame's schema and values, hashed. Not its pickle: a frame that went through Streamlit's result cache
    (pickled and read back) pickles to other bytes than the frame the query returned (its text buffers are laid
    out anew), so a page's second view would miss every spec built from it."""
    try:
        rows = frame.hash_rows().to_numpy().tobytes()  # one 64-bit hash per row, of its values (nulls included)
    except (pl.exceptions.PolarsError, TypeError, ValueError):  # a column type without a row hash
        return "pickle:" + hashlib.sha256(pickle.dumps(frame)).hexdigest()
    return hashlib.sha256(repr((frame.height, list(frame.schema.items()))).encode() + rows).hexdigest()


@st.cache_data(show_spinner=False, max_entries=2048)
def _finished(key: str, language: str, _make: Callable[[], Any]) -> Any:
    return _make()


def finished(deferred: Deferred, make: Callable[[], T]) -> T:
    """make() (which builds the deferred thing and finishes it), cached per what determines the deferred
    builder's result and the reader's language."""
    key = deferred.key()
    return make() if key is None else _finished(key=key, language=i18n.current(), _make=make)


def _listing_stamp(root: Path) -> tuple:
    """Each snapshot folder's name and its manifest's size and modification time."""
    if not root.is_dir():
        return ()
    out: list[tuple[str, int | None, int | None]] = []
    for path in root.iterdir():
        if path.is_dir():
            try:
                stat = (path / MANIFEST).stat()
                out.append((path.name, stat.st_size, stat.st_mtime_ns))
            except OSError:
                out.append((path.name, None, None))
    return tuple(sorted(out))


@st.cache_resource(show_spinner=False, max_entries=4)
def _snapshots(root: str, stamp: tuple) -> list[dict]:
    return list_snapshots(Path(root))


def snapshots() -> list[dict]:
    """list_snapshots() of the snapshots folder (do not change the result), read again only when a snapshot
    folder or its manifest changes: every new session's sidebar lists them."""
    root = parquet_dir()
    return _snapshots(root=str(root), stamp=_listing_stamp(root))
