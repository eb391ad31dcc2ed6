"""Damaged snapshots are refused with one clear message naming the snapshot and the file, never a traceback."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from sp_data.errors import SnapshotError
from sp_data.paths import PROJECT_ROOT
from sp_data.snapshot import list_snapshots, open_snapshot, use

DEMO = PROJECT_ROOT / "parquet" / "demo"


def _manifest(snap: Path) -> dict:
    return json.loads((snap / "manifest.json").read_text(encoding="utf-8"))


def _write_manifest(snap: Path, manifest) -> None:
    (snap / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _resign(snap: Path, name: str) -> None:
    """Update the manifest's checksum of a file, as someone tampering with both would."""
    manifest = _manifest(snap)
    manifest["files"][name] = hashlib.sha256((snap / name).read_bytes()).hexdigest()
    _write_manifest(snap, manifest)


def flip_bytes(snap):
    path = snap / "communications.parquet"
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate_half(snap):
    path = snap / "replies.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def truncate_empty(snap):
    (snap / "visit_events.parquet").write_bytes(b"")


def delete_file(snap):
    (snap / "visits.parquet").unlink()


def file_is_a_folder(snap):
    (snap / "mandates.parquet").unlink()
    (snap / "mandates.parquet").mkdir()


def manifest_invalid_json(snap):
    (snap / "manifest.json").write_text('{"id": "demo", "files": {', encoding="utf-8")


def manifest_binary_junk(snap):
    (snap / "manifest.json").write_bytes(bytes(range(256)) * 4)


def manifest_deleted(snap):
    (snap / "manifest.json").unlink()


def manifest_no_files(snap):
    manifest = _manifest(snap)
    del manifest["files"]
    _write_manifest(snap, manifest)


def manifest_files_not_a_dict(snap):
    manifest = _manifest(snap)
    manifest["files"] = list(manifest["files"])
    _write_manifest(snap, manifest)


def manifest_is_a_list(snap):
    _write_manifest(snap, [_manifest(snap)])


def manifest_wrong_schema_version(snap):
    manifest = _manifest(snap)
    manifest["schema_version"] = 99
    _write_manifest(snap, manifest)


def manifest_no_schema_version(snap):
    manifest = _manifest(snap)
    del manifest["schema_version"]
    _write_manifest(snap, manifest)


def manifest_created_wrong_type(snap):
    manifest = _manifest(snap)
    manifest["created"] = 20240701
    _write_manifest(snap, manifest)


def manifest_bad_id(snap):
    manifest = _manifest(snap)
    manifest["id"] = "../../etc"
    _write_manifest(snap, manifest)


def manifest_huge_number(snap):
    text = (snap / "manifest.json").read_text(encoding="utf-8")
    (snap / "manifest.json").write_text(text.replace('"schema_version": 1', '"schema_version": ' + "9" * 5000),
                                        encoding="utf-8")


def manifest_deep_nesting(snap):
    (snap / "manifest.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")


def manifest_lists_no_table(snap):
    manifest = _manifest(snap)
    del manifest["files"]["states.parquet"]
    _write_manifest(snap, manifest)


def manifest_points_elsewhere(snap):
    manifest = _manifest(snap)
    manifest["files"]["../../../../etc/passwd"] = "0" * 64
    _write_manifest(snap, manifest)


def resigned_garbage(snap):
    (snap / "states.parquet").write_bytes(b"PAR1" + os.urandom(500) + b"PAR1")
    _resign(snap, "states.parquet")


def resigned_wrong_columns(snap):
    pl.DataFrame({"iso3": ["AAA"], "name": [1]}).write_parquet(snap / "states.parquet")
    _resign(snap, "states.parquet")


# (damage, file the message must name, words it must contain)
CASES = [
    (flip_bytes, "communications.parquet", "does not match its checksum"),
    (truncate_half, "replies.parquet", "does not match its checksum"),
    (truncate_empty, "visit_events.parquet", "does not match its checksum"),
    (delete_file, "visits.parquet", "is missing"),
    (file_is_a_folder, "mandates.parquet", "is missing"),
    (manifest_invalid_json, "manifest.json", "cannot be read"),
    (manifest_binary_junk, "manifest.json", "cannot be read"),
    (manifest_deleted, "manifest.json", "is missing"),
    (manifest_no_files, "manifest.json", "has no 'files' section"),
    (manifest_files_not_a_dict, "manifest.json", "has no 'files' section"),
    (manifest_is_a_list, "manifest.json", "has no 'files' section"),
    (manifest_wrong_schema_version, "manifest.json", "schema version 99"),
    (manifest_no_schema_version, "manifest.json", "schema version None"),
    (manifest_created_wrong_type, "manifest.json", "'created' of the wrong type"),
    (manifest_bad_id, "manifest.json", "invalid id"),
    (manifest_huge_number, "manifest.json", "cannot be read"),
    (manifest_deep_nesting, "manifest.json", "cannot be read"),
    (manifest_lists_no_table, "manifest.json", "lists no states.parquet"),
    (manifest_points_elsewhere, "manifest.json", "files that are not tables"),
    (resigned_garbage, "states.parquet", "is not a readable Parquet file"),
    (resigned_wrong_columns, "states.parquet", "has columns"),
]
IDS = [case[0].__name__ for case in CASES]


@pytest.fixture
def root(tmp_path) -> Path:
    """A parquet folder holding a good copy of the demo ('good') and one to damage ('demo')."""
    root = tmp_path / "parquet"
    shutil.copytree(DEMO, root / "demo")
    shutil.copytree(DEMO, root / "good")
    _write_manifest(root / "good", {**_manifest(root / "good"), "id": "good"})  # not a checksummed file
    return root


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SP_SNAPSHOT", "SP_PARQUET_DIR")}
    return subprocess.run([sys.executable, "-m", "sp_data", *args], cwd="/work/main", env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_undamaged_copy_opens(root):
    assert open_snapshot(root / "demo").id == "demo"
    assert open_snapshot(root / "good").id == "good"


@pytest.mark.parametrize("damage, file, words", CASES, ids=IDS)
def test_open_snapshot_names_the_snapshot_and_the_file(root, damage, file, words):
    snap = root / "demo"
    damage(snap)
    with pytest.raises(SnapshotError) as exc:
        open_snapshot(snap)
    message = str(exc.value)
    assert str(snap) in message  # the snapshot, by its folder
    assert file in message
    assert words in message
    assert len(message) < 1000  # one readable line, not a dump


@pytest.mark.parametrize("damage, file, words", CASES, ids=IDS)
def test_cli_facts_exits_1_with_the_same_message(root, damage, file, words):
    snap = root / "demo"
    damage(snap)
    with pytest.raises(SnapshotError) as exc:
        open_snapshot(snap)
    result = _cli("facts", "--snapshot", str(snap))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {exc.value}\n"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("damage, file", [(flip_bytes, "communications.parquet"),
                                          (delete_file, "visits.parquet"),
                                          (manifest_invalid_json, "manifest.json"),
                                          (manifest_created_wrong_type, "manifest.json"),
                                          (resigned_wrong_columns, "states.parquet")],
                         ids=["flip_bytes", "delete_file", "manifest_invalid_json", "manifest_created_wrong_type",
                              "resigned_wrong_columns"])
def test_cli_snapshots_lists_the_damaged_one_as_damaged(root, damage, file):
    damage(root / "demo")
    result = _cli("snapshots", "--parquet-dir", str(root))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    damaged = [line for line in lines if "DAMAGED:" in line]
    assert len(damaged) == 1
    assert file in damaged[0] and str(root / "demo") in damaged[0]
    (good,) = [line for line in lines if "good" in line.split()[:2]]
    assert "simulated  Demonstration data" in good


def test_listing_checks_files_only_when_asked(root):
    flip_bytes(root / "demo")
    quick = {r["path"].name: r["problem"] for r in list_snapshots(root)}
    assert quick == {"demo": None, "good": None}  # the manifests alone are fine
    checked = {r["path"].name: r["problem"] for r in list_snapshots(root, verify=True)}
    assert checked["good"] is None
    assert "communications.parquet does not match its checksum" in checked["demo"]


def test_a_damaged_snapshot_cannot_be_made_current(root):
    truncate_half(root / "demo")
    with pytest.raises(SnapshotError, match="replies.parquet does not match its checksum"):
        use("demo", root)
    assert not (root / "CURRENT").exists()
    result = _cli("use", "demo", "--parquet-dir", str(root))
    assert result.returncode == 1 and "replies.parquet" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "CURRENT").exists()
