"""Snapshots store the tables the load files build: every query answers the same from them as when they are computed at open."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from test_query_keys import FILTERS, SNAPSHOT_QUERIES, _params
from test_record import ch, world

from sp_data import db
from sp_data.db import LOAD_SHA256, STORED_TABLES, computed_at_open, connect, derived_file, stored_tables
from sp_data.errors import SnapshotError
from sp_data.paths import PROJECT_ROOT
from sp_data.queries import Query, run
from sp_data.record.store import commit
from sp_data.schema import TABLE_ORDER
from sp_data.snapshot import Snapshot, open_snapshot, use, write_snapshot
from sp_data.tools.scale import build_scaled_demo

DEMO = PROJECT_ROOT / "parquet" / "demo"
EARLIER = PROJECT_ROOT / "parquet" / "demo-2024-03"


def computed(snap: Snapshot) -> Snapshot:
    """The snapshot as one written before derived tables were stored: its connection computes them at open."""
    return dataclasses.replace(snap, manifest={k: v for k, v in snap.manifest.items() if k != "derived"})


def rows(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    """A table's rows in one order, whatever order it was built in."""
    return con.table(table).order("ALL").pl()


def answer(con: duckdb.DuckDBPyConnection, query: Query, filters: dict) -> pl.DataFrame:
    """A named query's result (a query that orders no rows, such as a UNION, its rows sorted)."""
    frame = run(con, query.name, **_params(query, filters))
    return frame if "ORDER BY" in query.sql.upper() else frame.sort(frame.columns)


def answers(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, int], pl.DataFrame]:
    """Every named query's result for each filter set."""
    return {(q.name, i): answer(con, q, f) for q in SNAPSHOT_QUERIES for i, f in enumerate(FILTERS)}


def assert_same_answers(snap: Snapshot) -> None:
    """The stored tables, in memory and read in place, answer every query as the tables computed at open do."""
    assert stored_tables(snap) is not None and stored_tables(computed(snap)) is None
    old = connect(computed(snap))
    expected = answers(old)
    for con in (connect(snap), connect(snap, in_place=True)):
        for table in STORED_TABLES:  # the stored tables themselves
            assert rows(con, table).equals(rows(old, table)), table
        # The communications keep the file's order (load/communications.sql); thread_events has none to keep.
        assert con.table("communications").pl().equals(old.table("communications").pl())
        got = answers(con)
        for key, frame in expected.items():
            assert got[key].schema == frame.schema, key
            assert got[key].equals(frame), key
        con.close()
    old.close()
    assert sum(f.height for f in expected.values()) > 1000


def test_the_bundled_snapshot_stores_what_the_load_files_build_now():
    snap = open_snapshot(DEMO)
    derived = snap.manifest["derived"]
    assert derived["load_sha256"] == LOAD_SHA256, "regenerate with: python -m sp_data demo"
    assert sorted(derived["files"]) == sorted(f"derived.{t}.parquet" for t in STORED_TABLES)
    assert {"thread_events", "communications"} <= set(STORED_TABLES) and computed_at_open(snap.manifest) is None
    for name, digest in derived["files"].items():
        assert hashlib.sha256((DEMO / name).read_bytes()).hexdigest() == digest


def test_every_query_answers_the_same_from_the_stored_tables_on_the_bundled_snapshot():
    assert_same_answers(open_snapshot(DEMO))


@pytest.mark.slow
def test_every_query_answers_the_same_from_the_stored_tables_at_scale_3(tmp_path):
    path, _ = build_scaled_demo(3, root=tmp_path)
    snap = open_snapshot(path)
    assert snap.manifest["row_counts"]["visits"] > 3 * 1500
    assert_same_answers(snap)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled snapshot, to damage."""
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


@pytest.mark.parametrize("table", STORED_TABLES)
def test_a_damaged_derived_file_is_refused_naming_it(copy, table):
    name = derived_file(table)
    data = bytearray((copy / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / name).write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match=rf"damaged: {name} does not match its checksum"):
        open_snapshot(copy)


@pytest.mark.parametrize("table", STORED_TABLES)
def test_a_missing_derived_file_is_refused_naming_it(copy, table):
    (copy / derived_file(table)).unlink()
    with pytest.raises(SnapshotError, match=rf"damaged: {derived_file(table)} is missing"):
        open_snapshot(copy)


def _edit_manifest(folder: Path, edit) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    edit(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def test_a_manifest_cannot_point_the_derived_checks_at_other_files(copy):
    _edit_manifest(copy, lambda m: m["derived"]["files"].update({"../../states.parquet": "0" * 64}))
    with pytest.raises(SnapshotError, match="lists files that are not tables: '../../states.parquet'"):
        open_snapshot(copy)
    _edit_manifest(copy, lambda m: m.update(derived=["derived.thread_events.parquet"]))
    with pytest.raises(SnapshotError, match="'derived' of the wrong type"):
        open_snapshot(copy)


def test_a_derived_file_resigned_but_not_parquet_is_refused(copy):
    name = derived_file(STORED_TABLES[0])
    (copy / name).write_bytes(b"not parquet")
    _edit_manifest(copy, lambda m: m["derived"]["files"].update({name: hashlib.sha256(b"not parquet").hexdigest()}))
    with pytest.raises(SnapshotError, match=rf"{name} is not a readable Parquet file"):
        open_snapshot(copy)


def test_a_snapshot_written_before_derived_tables_were_stored_opens_and_answers_the_same(copy):
    for table in STORED_TABLES:
        (copy / derived_file(table)).unlink()
    _edit_manifest(copy, lambda m: m.pop("derived"))
    old, new = open_snapshot(copy), open_snapshot(DEMO)
    assert stored_tables(old) is None and computed_at_open(old.manifest) == "it was written before snapshots stored them"
    for a, b in ((connect(old), connect(new)), (connect(old, in_place=True), connect(new, in_place=True))):
        for q in SNAPSHOT_QUERIES:
            assert answer(a, q, FILTERS[0]).equals(answer(b, q, FILTERS[0])), q.name
    # The earlier extract, committed before derived tables were stored, is never rewritten: it still opens.
    earlier = open_snapshot(EARLIER)
    assert "derived" not in earlier.manifest and stored_tables(earlier) is None
    facts_visits = next(q for q in SNAPSHOT_QUERIES if q.name == "facts_visits")
    assert run(connect(earlier), "facts_visits", **_params(facts_visits, FILTERS[0])).height == 1


def test_tables_stored_by_other_load_files_are_computed_at_open_and_said(copy, caplog):
    name = derived_file("thread_events")
    # What another version of the load files might have stored: its hash differs from these files'.
    _edit_manifest(copy, lambda m: m["derived"].update(load_sha256="0" * 64))
    snap = open_snapshot(copy)
    with caplog.at_level(logging.INFO, logger="sp_data.db"):
        assert stored_tables(snap) is None
    assert "computed at open" in caplog.text and "other load files" in caplog.text
    con = connect(snap)
    assert rows(con, "thread_events").equals(rows(connect(open_snapshot(DEMO)), "thread_events"))
    assert (copy / name).exists()  # the snapshot is left as it is
    listing = subprocess.run([sys.executable, "-m", "sp_data", "snapshots", "--parquet-dir", str(copy.parent)],
                             cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0, listing.stderr
    assert ("demo: the tables that queries/load/ builds are computed each time it is opened (slower): it stores them "
            "as other load files (queries/load/) built them") in listing.stdout


def test_a_new_load_file_is_stored_too_without_code_changes(tmp_path, monkeypatch):
    queries = Path(shutil.copytree(PROJECT_ROOT / "queries", tmp_path / "queries"))
    (queries / "load" / "pending_threads.sql").write_text(
        "-- name: pending_threads\n-- question: test\n-- grain: one row per thread\n-- key: visit_id\n"
        "-- needs: thread_events\n-- builds: pending_threads\n-- parameters: none\n"
        "CREATE TABLE pending_threads AS SELECT visit_id, max(reminders) AS reminders FROM thread_events "
        "GROUP BY visit_id ORDER BY visit_id;\n", encoding="utf-8")
    steps = db.plan(db.SNAPSHOT_FOLDERS, root=queries)
    load = db.plan(db.SNAPSHOT_FOLDERS[:1], db.SNAPSHOT_FOLDERS[1:], root=queries)
    monkeypatch.setattr(db, "SNAPSHOT_PLAN", steps)
    monkeypatch.setattr(db, "LOAD_PLAN", load)
    monkeypatch.setattr(db, "STORED_TABLES", tuple(t for s in load for t in s.builds))
    monkeypatch.setattr(db, "LOAD_SHA256", db.plan_sha256(load))
    monkeypatch.setattr(db, "MACRO_PLAN", tuple(s for s in steps if s.query.path.parent.name == "base"))
    assert db.LOAD_SHA256 != LOAD_SHA256
    path, _ = write_snapshot(world(), source="test world", simulated=False, root=tmp_path / "pq")
    snap = open_snapshot(path)
    assert "derived.pending_threads.parquet" in snap.manifest["derived"]["files"]
    assert db.stored_tables(snap)["pending_threads"] == path / "derived.pending_threads.parquet"
    rows = connect(snap).table("pending_threads").pl()
    assert rows.rows() == [("V1", 0), ("V2", 0), ("V3", 0)]


def test_a_record_commit_rebuilds_the_derived_tables_its_changes_reach(tmp_path):
    root = tmp_path / "parquet"
    write_snapshot(world(), source="test world", simulated=False, root=root, snapshot_id="base")
    use("base", root)
    base = open_snapshot(root / "base")
    done = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n",
                  root=root)
    snap = done.snapshot
    assert stored_tables(snap) is not None
    before, after = base.manifest["derived"]["files"], snap.manifest["derived"]["files"]
    assert after[derived_file("thread_events")] != before[derived_file("thread_events")]
    assert after[derived_file("communications")] == before[derived_file("communications")]
    events = pl.read_parquet(snap.path / derived_file("thread_events")).filter(pl.col("visit_id") == "V1")
    assert events.select("event", "reminders").rows() == [("requested", 0), ("reminder", 1)]
    # And the connection reads exactly what the stored file holds, as the tables computed at open would be.
    assert rows(connect(snap), "thread_events").equals(rows(connect(computed(snap)), "thread_events"))


def test_reading_in_place_reaches_no_other_file(tmp_path):
    con = connect(open_snapshot(DEMO), in_place=True)
    other = tmp_path / "other.parquet"
    pl.DataFrame({"a": [1]}).write_parquet(other)
    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        con.execute("SELECT * FROM read_parquet($p)", {"p": str(other)}).fetchall()
    with pytest.raises(duckdb.Error):
        con.execute("SET allowed_paths = $p", {"p": [str(other)]})
    assert con.execute("SELECT count(*) FROM visits").fetchall()[0][0] == open_snapshot(DEMO).manifest["row_counts"]["visits"]


def test_derived_tables_are_never_exported_as_source_tables(tmp_path):
    from sp_data.export_csv import read_snapshot_tables

    tables = read_snapshot_tables(open_snapshot(DEMO))
    assert sorted(tables) == sorted(TABLE_ORDER)
    assert "first_reply_ever_on" not in tables["communications"].columns
