"""Snapshots: written atomically, never overwritten, verified on open, chosen by a current pointer."""
import json

import polars as pl
import pytest

from conftest import frames
from sp_data.errors import SnapshotError
from sp_data.snapshot import current_id, list_snapshots, open_snapshot, resolve, use, write_snapshot


def test_write_snapshot_writes_every_table_and_a_manifest(tmp_path):
    path, new = write_snapshot(frames(), source="unit test", simulated=False, root=tmp_path)
    assert new
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["source"] == "unit test"
    assert manifest["simulated"] is False
    assert manifest["schema_version"] == 1
    assert manifest["row_counts"]["states"] == 4
    assert manifest["row_counts"]["visits"] == 0
    assert sorted(manifest["files"]) == sorted(f"{t}.parquet" for t in (
        "states", "mandates", "visits", "visit_events", "standing_invitations", "communications",
        "replies", "hrc_membership"))
    assert path.name == manifest["id"]
    assert path.name.startswith("unit-test-")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary folder left behind


def test_same_content_reuses_the_snapshot_and_different_content_is_refused(tmp_path):
    first, new1 = write_snapshot(frames(), source="s", simulated=False, root=tmp_path, snapshot_id="fixed")
    again, new2 = write_snapshot(frames(), source="s", simulated=False, root=tmp_path, snapshot_id="fixed")
    assert (first, new1, new2) == (again, True, False)
    before = (first / "states.parquet").read_bytes()
    changed = frames(states=[{"iso3": "ZZZ", "name": "Zembla", "regional_group": "AG", "un_status": "member"}])
    with pytest.raises(SnapshotError, match="already exists .* different content; snapshots are never overwritten"):
        write_snapshot(changed, source="s", simulated=False, root=tmp_path, snapshot_id="fixed")
    assert (first / "states.parquet").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixed"]


def test_a_failed_write_leaves_nothing(tmp_path):
    bad = frames()
    bad["states"] = pl.DataFrame({"iso3": ["AAA"], "name": ["x"], "regional_group": ["AG"], "un_status": [object()]},
                                 schema_overrides={"un_status": pl.Object})
    with pytest.raises(Exception):
        write_snapshot(bad, source="s", simulated=False, root=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_open_refuses_a_file_that_no_longer_matches_its_checksum(tmp_path):
    path, _ = write_snapshot(frames(), source="s", simulated=True, root=tmp_path, snapshot_id="snap")
    assert open_snapshot(path).simulated is True
    data = bytearray((path / "mandates.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (path / "mandates.parquet").write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match=r"snapshot snap .* is damaged: mandates.parquet does not match its checksum"):
        open_snapshot(path)


def test_invalid_snapshot_id_is_refused(tmp_path):
    with pytest.raises(SnapshotError, match="invalid snapshot id"):
        write_snapshot(frames(), source="s", simulated=False, root=tmp_path, snapshot_id="../escape")
    assert list(tmp_path.iterdir()) == []


def test_current_snapshot_defaults_to_the_bundled_demo_and_follows_use(tmp_path, monkeypatch):
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    assert current_id(tmp_path) == "demo"
    path, _ = write_snapshot(frames(), source="s", simulated=False, root=tmp_path, snapshot_id="mine")
    assert use("mine", tmp_path) == path
    assert current_id(tmp_path) == "mine"
    assert resolve(None, tmp_path) == path
    assert [(s["id"], s["problem"]) for s in list_snapshots(tmp_path)] == [("mine", None)]
    monkeypatch.setenv("SP_SNAPSHOT", "other")
    assert current_id(tmp_path) == "other"


def test_use_refuses_a_damaged_snapshot(tmp_path):
    path, _ = write_snapshot(frames(), source="s", simulated=False, root=tmp_path, snapshot_id="broken")
    (path / "replies.parquet").unlink()
    with pytest.raises(SnapshotError, match="replies.parquet is missing"):
        use("broken", tmp_path)
    assert not (tmp_path / "CURRENT").exists()


def test_resolve_names_what_it_looked_for(tmp_path):
    with pytest.raises(SnapshotError, match="no snapshot 'nope'"):
        resolve("nope", tmp_path)


def test_one_database_checks_a_snapshot_and_holds_it(tmp_path):
    """open_and_connect reads the files' columns with the database it then loads them into (a database costs
    30-40 ms to make); a damaged snapshot is refused as by open_snapshot, and its database closed."""
    import duckdb

    from sp_data.db import connect, open_and_connect

    path, _ = write_snapshot(frames(), source="s", simulated=True, root=tmp_path, snapshot_id="snap")
    reader = duckdb.connect(":memory:")
    assert open_snapshot(path, reader=reader).id == "snap"
    assert reader.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(0,)]  # still empty, still open
    reader.close()
    snap, con = open_and_connect(path, in_place=True)
    apart = connect(open_snapshot(path), in_place=True)
    ask = "SELECT iso3, name FROM states ORDER BY iso3"
    assert snap.id == "snap" and con.execute(ask).fetchall() == apart.execute(ask).fetchall()
    assert [r[0] for r in con.execute(ask).fetchall()] == ["AAA", "BBB", "CCC", "PSE"]
    data = bytearray((path / "states.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (path / "states.parquet").write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match=r"snapshot snap .* is damaged: states.parquet does not match its checksum"):
        open_and_connect(path)
