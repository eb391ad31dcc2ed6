"""Snapshots: one Parquet file per table plus a manifest, written atomically and verified on open."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from sp_data import coverage as cov
from sp_data.errors import Said, SnapshotError
from sp_data.i18n import N_
from sp_data.paths import BUNDLED_SNAPSHOT_ID, parquet_dir
from sp_data.schema import SCHEMA_VERSION, TABLE_ORDER, TABLES

if TYPE_CHECKING:
    import polars as pl

MANIFEST = "manifest.json"
CURRENT_FILE = "CURRENT"
# Shared table files, one per checksum; the snapshots that use one hold hard links to it.
OBJECTS_DIR = ".objects"
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
# The files of the tables the load files build (sp_data.db.derived_file), as the manifest may list them.
_DERIVED_RE = re.compile(r"^derived\.[a-z_][a-z0-9_]{0,62}\.parquet$")


@dataclass(frozen=True)
class Snapshot:
    """An opened, verified snapshot."""

    id: str
    path: Path
    manifest: dict

    @property
    def simulated(self) -> bool:
        return bool(self.manifest.get("simulated"))

    @property
    def created(self) -> str:
        return self.manifest.get("created", "")

    @property
    def source(self) -> str:
        return self.manifest.get("source", "")

    def table_path(self, name: str) -> Path:
        return self.path / f"{name}.parquet"

    @property
    def coverage(self) -> dict[str, cov.Coverage]:
        """Each kind of record's coverage (sp_data.coverage.Coverage), as the manifest records it.

        A manifest written before coverage was recorded (parquet/demo-2024-03, for one) has none:
        it is derived from the tables' contents then, as write_snapshot would have derived it.
        """
        recorded = cov.of_manifest(self.manifest)
        if recorded is not None:
            return recorded
        import polars as pl  # only for such a manifest: the commands reading others (`facts`) never load Polars

        columns: dict[str, list[str]] = {}
        for kind in cov.KINDS.values():
            columns.setdefault(kind["tables"][0], [])
            for table, column in kind["dates"]:
                columns.setdefault(table, []).append(column)
        tables = {t: pl.read_parquet(self.table_path(t), columns=cols or TABLES[t].column_names[:1])
                  for t, cols in columns.items()}
        return cov.derive(tables)


def _sha256(path: Path) -> str:
    # Every byte, read straight into the hash (no Python loop over blocks): a fifth less time on every open.
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def slug(text: str) -> str:
    """A lower-case identifier made from free text, safe as a folder name."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "snapshot"


def conform(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Give a table exactly the schema's columns, order and types."""
    import polars as pl  # here: the commands that write no snapshot (`facts`) never load Polars

    table = TABLES[name]
    missing = [c for c in table.column_names if c not in frame.columns]
    for col in missing:
        frame = frame.with_columns(pl.lit(table.column(col).default, dtype=table.column(col).dtype).alias(col))
    return frame.select([pl.col(c.name).cast(c.dtype) for c in table.columns])


def write_snapshot(
    tables: dict[str, pl.DataFrame],
    *,
    source: str,
    simulated: bool,
    root: Path | None = None,
    snapshot_id: str | None = None,
    created: str | None = None,
    extra: dict | None = None,
    coverage: dict | None = None,
    reuse: dict[str, Path] | None = None,
    share: bool = False,
    derive: bool = True,
) -> tuple[Path, bool]:
    """Write tables as a new snapshot; return (its folder, whether it was newly written).

    The manifest records each kind of record's coverage, derived from the tables' contents; coverage
    gives the period a source states for some kinds instead (see sp_data.coverage.resolve).

    The files go to a temporary folder that is renamed into place, so a failure leaves nothing
    behind. An existing snapshot is never modified: one with identical content is reused, one
    that differs is an error.

    reuse names tables taken as an existing snapshot's file (linked, not rewritten); with share, each
    table file is stored once by checksum under root/.objects and hard-linked into the snapshot.

    The tables the load files build (sp_data.db.STORED_TABLES) are computed from the tables written and
    stored beside them, so that opening the snapshot only reads; without derive (a draft only compared,
    never served), they are not, and are computed whenever it is opened.
    """
    root = Path(root or parquet_dir())
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        files, counts, covered = _write_tables(tables, tmp, reuse or {}, root if share else None, coverage)
        derived = _write_derived(tmp, root if share else None) if derive else None
        # The content is the source tables': the derived ones follow from them (and from the load files,
        # whose hash `derived` records), so the same records keep the same id, and the app's caches theirs.
        hashed = "".join(f"{k}:{v}" for k, v in sorted(files.items()))
        if coverage:
            # A period the source states is content the files do not hold; one derived from them is not.
            hashed += json.dumps(cov.manifest_entry(covered), sort_keys=True)
        content = hashlib.sha256(hashed.encode()).hexdigest()
        snapshot_id = snapshot_id or f"{slug(source)}-{content[:10]}"
        if not _ID_RE.match(snapshot_id):
            raise SnapshotError(f"invalid snapshot id {snapshot_id!r}: use lower-case letters, digits, '.', '_' or '-'")
        manifest = {"id": snapshot_id, "created": created or dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                    "source": source, "simulated": bool(simulated), "schema_version": SCHEMA_VERSION,
                    "content_sha256": content, "row_counts": counts, "files": files,
                    "coverage": cov.manifest_entry(covered), **({"derived": derived} if derived else {}),
                    **(extra or {})}
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return _move_into_place(tmp, root / snapshot_id, content)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _write_tables(tables: dict[str, pl.DataFrame], tmp: Path, reuse: dict[str, Path], share_root: Path | None,
                  coverage: dict | None) -> tuple[dict[str, str], dict[str, int], dict]:
    """Each table's file in the temporary folder: (file checksums, row counts, the coverage resolved)."""
    files, counts, conformed = {}, {}, {}
    for name in TABLE_ORDER:
        frame = conformed[name] = conform(name, tables.get(name, TABLES[name].empty()))
        files[f"{name}.parquet"] = _table_file(frame, tmp / f"{name}.parquet", reuse.get(name), share_root)
        counts[name] = frame.height
    return files, counts, cov.resolve(conformed, coverage)


def _write_derived(tmp: Path, share_root: Path | None) -> dict:
    """The tables the load files build, computed from the table files in tmp and written beside them (the
    manifest's `derived` entry: the load files' hash and each file's checksum)."""
    # Imported here: sp_data.db opens snapshots, so it imports this module.
    from sp_data.db import LOAD_SHA256, write_derived

    files = {}
    for name in write_derived(tmp):
        files[name] = digest = _sha256(tmp / name)
        if share_root is not None:
            _share(tmp / name, digest, share_root)
    return {"load_sha256": LOAD_SHA256, "files": files}


def _move_into_place(tmp: Path, target: Path, content: str) -> tuple[Path, bool]:
    """Flush the written files, then rename the folder into place; an identical snapshot already there is reused."""
    for path in tmp.iterdir():
        with path.open("rb") as fh:
            os.fsync(fh.fileno())
    if target.exists():
        existing = read_manifest(target)
        if existing.get("content_sha256") != content:
            raise SnapshotError(
                f"snapshot {target.name} already exists at {target} with different content; "
                "snapshots are never overwritten: remove it or choose another --parquet-dir"
            )
        shutil.rmtree(tmp)
        return target, False
    os.rename(tmp, target)
    return target, True


def _table_file(frame: pl.DataFrame, path: Path, reuse: Path | None, share_root: Path | None) -> str:
    """Write one table's file (or link the existing file it reuses); return its checksum."""
    if reuse is not None:
        _link_or_copy(Path(reuse), path)
    else:
        frame.write_parquet(path, compression="zstd", statistics=True)
    digest = _sha256(path)
    if share_root is not None:
        _share(path, digest, share_root)
    return digest


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link to a file (no copy, same bytes), or a copy where links are impossible."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or one without hard links
        shutil.copyfile(source, target)


def _share(path: Path, digest: str, root: Path) -> None:
    """Store a table file once by checksum: link it to the stored object, storing it first if new."""
    objects = root / OBJECTS_DIR
    objects.mkdir(exist_ok=True)
    stored = objects / f"{digest}.parquet"
    try:
        if not stored.exists():
            os.link(path, stored)
            return
        if _sha256(stored) != digest:  # a damaged object is never spread to a new snapshot
            return
        tmp = path.with_name(f".link-{uuid.uuid4().hex}")
        os.link(stored, tmp)
        os.replace(tmp, path)
    except OSError:  # no hard links here: the snapshot keeps its own copy
        return


def unshared_objects(root: Path | None = None) -> list[Path]:
    """Stored table files no snapshot links to any more (left by a write that failed)."""
    objects = Path(root or parquet_dir()) / OBJECTS_DIR
    return sorted(p for p in objects.glob("*.parquet") if p.stat().st_nlink < 2) if objects.is_dir() else []


# The manifest fields this module reads, and the JSON type each must have.
_MANIFEST_TYPES = {"id": str, "created": str, "source": str, "simulated": bool, "files": dict, "coverage": dict,
                   "parent": str, "author": str, "committed_at": str, "note": str, "changes": list, "restores": str,
                   "counts": dict, "derived": dict}


def read_manifest(path: Path) -> dict:
    """The manifest of a snapshot folder, or a SnapshotError saying what is wrong with it."""
    mpath = Path(path) / MANIFEST
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError(Said(N_("snapshot at {path} is damaged: {manifest} is missing"), path=path,
                                 manifest=MANIFEST)) from None
    # ValueError covers bad JSON and numbers too long to convert; RecursionError, absurd nesting.
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise SnapshotError(Said(N_("snapshot at {path} is damaged: {manifest} cannot be read ({problem})"), path=path,
                                 manifest=MANIFEST, problem=exc)) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise SnapshotError(Said(N_("snapshot at {path} is damaged: {manifest} has no 'files' section"), path=path,
                                 manifest=MANIFEST))
    for key, kind in _MANIFEST_TYPES.items():
        if key in manifest and not isinstance(manifest[key], kind):
            raise SnapshotError(f"snapshot at {path} is damaged: {MANIFEST} has a {key!r} of the wrong type "
                                f"({type(manifest[key]).__name__}, expected {kind.__name__})")
    if "id" in manifest and not _ID_RE.match(manifest["id"]):
        raise SnapshotError(f"snapshot at {path} is damaged: {MANIFEST} has an invalid id {manifest['id'][:80]!r}")
    return manifest


def _columns_read(reader: duckdb.DuckDBPyConnection, fpath: Path) -> list[tuple[str, str]] | None:
    """The columns and types DuckDB reads a Parquet file as, or None when it cannot read it (or the path has a
    character DuckDB would take for a pattern, matching other files)."""
    if any(c in str(fpath) for c in "*?[{"):
        return None
    try:
        relation = reader.read_parquet(str(fpath))  # the relation API: the path never passes through SQL text
        return list(zip(relation.columns, map(str, relation.dtypes), strict=True))
    except duckdb.Error:
        return None


def _check_parquet(where: str, name: str, fpath: Path, reader: duckdb.DuckDBPyConnection) -> None:
    """A file whose checksum matches must still be Parquet with its table's columns and types."""
    # Only a manifest rewritten to match altered files gets here; say so rather than fail in DuckDB.
    table = TABLES[name.removesuffix(".parquet")]
    # DuckDB, which reads the files, reads this one as exactly the table's columns, in order, with their types:
    # that is enough, and costs no Polars import (`facts` loads none). Any other answer (an unreadable
    # file, a column missing, renamed, moved or of another type) is judged by Polars' reading, as before, which
    # gives the message.
    if _columns_read(reader, fpath) == list(table.duckdb_schema.items()):
        return
    import polars as pl

    try:
        schema = dict(pl.read_parquet_schema(fpath))
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise SnapshotError(Said(N_("{where} is damaged: {file} is not a readable Parquet file ({problem})"),
                                 where=where, file=name, problem=exc)) from None
    if schema != table.polars_schema:
        raise SnapshotError(f"{where} is damaged: {name} has columns {schema} but table {table.name} "
                            f"needs {table.polars_schema}")


def _derived_files(where: Said, manifest: dict) -> dict[str, str]:
    """The files of the tables the load files build, as the manifest lists them (none before they were stored)."""
    if "derived" not in manifest:
        return {}
    derived = manifest["derived"]
    files = derived.get("files")
    if not isinstance(files, dict) or not isinstance(derived.get("load_sha256"), str):
        raise SnapshotError(f"{where} is damaged: the 'derived' section of its {MANIFEST} cannot be read")
    # Only files named as derived tables are read: a manifest cannot point the checks at other paths.
    unexpected = sorted(n for n in files if not _DERIVED_RE.match(str(n)))
    if unexpected:
        shown = ", ".join(repr(n[:80]) for n in unexpected[:5])
        raise SnapshotError(f"{where} is damaged: its {MANIFEST} lists files that are not tables: {shown}")
    return files


def _verify(where: Said, path: Path, name: str, digest: object) -> None:
    """A file listed in the manifest is there, readable, and has the checksum the manifest gives."""
    fpath = path / name
    if not fpath.is_file():
        raise SnapshotError(Said(N_("{where} is damaged: {file} is missing"), where=where, file=name))
    try:
        actual = _sha256(fpath)
    except OSError as exc:
        raise SnapshotError(Said(N_("{where} is damaged: {file} cannot be read ({problem})"), where=where,
                                 file=name, problem=exc)) from None
    if actual != digest:
        raise SnapshotError(Said(
            N_("{where} is damaged: {file} does not match its checksum (manifest {expected}…, file {actual}…); "
               "it was modified or corrupted"), where=where, file=name, expected=str(digest)[:12],
            actual=actual[:12]))


def _check_readable(where: Said, name: str, fpath: Path, reader: duckdb.DuckDBPyConnection) -> None:
    """A derived table's file whose checksum matches must still be Parquet (its columns are the load files')."""
    if _columns_read(reader, fpath) is not None:  # DuckDB, which reads it, can (see _check_parquet)
        return
    import polars as pl

    try:
        pl.read_parquet_schema(fpath)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise SnapshotError(Said(N_("{where} is damaged: {file} is not a readable Parquet file ({problem})"),
                                 where=where, file=name, problem=exc)) from None


def open_snapshot(path: str | Path, reader: duckdb.DuckDBPyConnection | None = None) -> Snapshot:
    """Open a snapshot folder after checking its manifest, every file's checksum and each table's columns.

    reader: an empty database to read the files' columns with (left open: sp_data.db.open_and_connect loads the
    snapshot into it next); by default one of its own, closed after.
    """
    path = Path(path)
    if not path.is_dir():
        raise SnapshotError(Said(N_("no snapshot at {path}"), path=path))
    manifest = read_manifest(path)
    sid = manifest.get("id", path.name)
    where = Said(N_("snapshot {id} ({path})"), id=sid, path=path)
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise SnapshotError(Said(
            N_("{where} has schema version {version} in its {manifest}; this version of the dashboard reads version "
               "{supported}"), where=where, version=repr(manifest.get("schema_version")), manifest=MANIFEST,
            supported=SCHEMA_VERSION))
    expected = {f"{name}.parquet" for name in TABLE_ORDER}
    missing = sorted(expected - set(manifest["files"]))
    if missing:
        raise SnapshotError(Said(N_("{where} is damaged: its {manifest} lists no {files}"), where=where,
                                 manifest=MANIFEST, files=", ".join(missing)))
    # Only the tables' own files are read: a manifest cannot point the checks at other paths.
    unexpected = sorted(set(manifest["files"]) - expected)
    if unexpected:
        shown = ", ".join(repr(n[:80]) for n in unexpected[:5])
        raise SnapshotError(f"{where} is damaged: its {MANIFEST} lists files that are not tables: {shown}")
    # The files' columns are read by a database holding nothing (of its own, closed after, unless one is given:
    # each database costs 30-40 ms to make, a tenth of `facts`).
    own = reader is None
    if reader is None:
        reader = duckdb.connect(":memory:", config={"threads": 1})
    try:
        for name, digest in sorted(manifest["files"].items()):
            _verify(where, path, name, digest)
            _check_parquet(where, name, path / name, reader)
        for name, digest in sorted(_derived_files(where, manifest).items()):
            _verify(where, path, name, digest)
            _check_readable(where, name, path / name, reader)
    finally:
        if own:
            reader.close()
    try:
        cov.of_manifest(manifest)
    except (ValueError, TypeError, AttributeError) as exc:
        raise SnapshotError(Said(N_("{where} is damaged: the coverage in its {manifest} cannot be read ({problem})"),
                                 where=where, manifest=MANIFEST, problem=exc)) from None
    return Snapshot(id=sid, path=path, manifest=manifest)


def list_snapshots(root: Path | None = None, verify: bool = False) -> list[dict]:
    """Every snapshot folder under root with its manifest (or the reason it cannot be read).

    With verify, each snapshot is also opened, so damaged files (not only manifests) are found.
    """
    root = Path(root or parquet_dir())
    rows = []
    for path in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []:
        try:
            manifest = read_manifest(path)
        except SnapshotError as exc:
            rows.append({"id": path.name, "path": path, "manifest": {}, "problem": _message(exc)})
            continue
        problem = None
        if verify:
            try:
                open_snapshot(path)
            except SnapshotError as exc:
                problem = _message(exc)
        rows.append({"id": manifest.get("id", path.name), "path": path, "manifest": manifest, "problem": problem})
    return sorted(rows, key=lambda r: (r["manifest"].get("created", ""), r["id"]))


def _message(exc: SnapshotError) -> str:
    """An error's message, kept translatable when it was raised with a Said (sp_data.errors.problem_text)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, str) else str(exc)


def current_id(root: Path | None = None) -> str:
    """The current snapshot's id: $SP_SNAPSHOT, else parquet/CURRENT, else the bundled demo."""
    root = Path(root or parquet_dir())
    env = os.environ.get("SP_SNAPSHOT")
    if env:
        return env
    pointer = root / CURRENT_FILE
    if pointer.is_file():
        value = pointer.read_text(encoding="utf-8").strip()
        if value:
            return value
    return BUNDLED_SNAPSHOT_ID


def resolve(ref: str | Path | None = None, root: Path | None = None) -> Path:
    """The folder of a snapshot named by path or id (default: the current one)."""
    root = Path(root or parquet_dir())
    if ref is None:
        ref = current_id(root)
    candidate = Path(ref)
    if candidate.is_dir():
        return candidate
    if _ID_RE.match(str(ref)) and (root / str(ref)).is_dir():
        return root / str(ref)
    raise SnapshotError(Said(N_("no snapshot {ref} (looked for a folder of that name and in {root})"),
                             ref=repr(str(ref)), root=root))


def use(snapshot_id: str, root: Path | None = None) -> Path:
    """Make a snapshot current, after verifying it; the pointer is replaced atomically."""
    root = Path(root or parquet_dir())
    snap = open_snapshot(resolve(snapshot_id, root))
    tmp = root / f".tmp-current-{uuid.uuid4().hex}"
    tmp.write_text(snap.id + "\n", encoding="utf-8")
    os.replace(tmp, root / CURRENT_FILE)
    return snap.path
