"""Uploads for the Data page: source-folder ZIPs and export files; hostile ZIPs refused, nothing half-written."""
from __future__ import annotations

import datetime as dt
import io
import stat
import zipfile
from pathlib import Path

import pytest

from conftest import frames, reference_frames, thread, threads
from sp_data.export_csv import write_source
from sp_data.snapshot import open_snapshot, write_snapshot
from sp_data.upload import UploadRefused, import_upload, safe_extract

D = dt.date


def source_files(tmp_path: Path) -> dict[str, bytes]:
    """A valid source folder's files, by name."""
    folder = tmp_path / "src"
    write_source(frames(**threads(thread("V1", "AAA", [(D(2023, 1, 10), "requested")]))), folder)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def zip_of(entries: dict[str, bytes], **info) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def listing(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_a_zip_of_a_source_folder_becomes_a_snapshot(tmp_path):
    files = source_files(tmp_path)
    data = zip_of({f"source/{n}": b for n, b in files.items()} | {"__MACOSX/source/._states.csv": b"x",
                                                                   "source/README.txt": b"notes"})
    result = import_upload(data, "records.zip", root=tmp_path / "parquet")
    assert result.ok and result.new, result.report()
    snap = open_snapshot(result.path)
    assert snap.source == "upload of records.zip" and snap.simulated is False
    assert result.counts["visits"] == 1
    again = import_upload(data, "records.zip", root=tmp_path / "parquet")
    assert again.ok and not again.new and again.path == result.path


def test_validate_only_writes_nothing(tmp_path):
    data = zip_of(source_files(tmp_path))
    result = import_upload(data, "records.zip", root=tmp_path / "parquet", validate_only=True)
    assert result.ok and result.validated_only and result.path is None
    assert listing(tmp_path / "parquet") == []
    assert result.report().endswith("Valid; nothing was written (validation only).")


def test_an_invalid_source_folder_is_reported_and_nothing_is_written(tmp_path):
    files = source_files(tmp_path)
    files["visits.csv"] = files["visits.csv"].replace(b"AAA", b"ZZZ")
    result = import_upload(zip_of(files), "records.zip", root=tmp_path / "parquet")
    assert not result.ok and result.path is None
    assert [str(e) for e in result.errors] == [
        "records.zip: visits.csv, row 2, column iso3: 'ZZZ' is not listed in states.csv (column iso3) (value 'ZZZ')"]
    assert result.report().endswith("1 error(s); nothing was written.")
    assert listing(tmp_path / "parquet") == []


def hostile(name: str, encrypted: bool = False, **attrs) -> bytes:
    """A ZIP with one hostile entry beside a harmless one."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("states.csv", "iso3\n")
        entry = zipfile.ZipInfo(name)
        for key, value in attrs.items():
            setattr(entry, key, value)
        z.writestr(entry, "x")
    data = bytearray(buf.getvalue())
    if encrypted:  # zipfile cannot write encrypted entries: set the flag in the central directory
        central = data.rfind(b"PK\x01\x02")
        data[central + 8] |= 0x1
    return bytes(data)


@pytest.mark.parametrize("data, message", [
    (hostile("/etc/passwd.csv"), "the ZIP holds an absolute path (value '/etc/passwd.csv')"),
    (hostile("C:\\Windows\\x.csv"), "the ZIP holds an absolute path (value 'C:\\\\Windows\\\\x.csv')"),
    (hostile("../../escape.csv"), "the ZIP holds a path that climbs out of its folder ('..') (value '../../escape.csv')"),
    (hostile("source/..\\..\\escape.csv"),
     "the ZIP holds a path that climbs out of its folder ('..') (value 'source/..\\\\..\\\\escape.csv')"),
    (hostile("link.csv", external_attr=(stat.S_IFLNK | 0o777) << 16),
     "the ZIP holds a symbolic link or special file (value 'link.csv')"),
    (hostile("secret.csv", encrypted=True), "the ZIP holds an encrypted entry (value 'secret.csv')"),
    (b"PK\x03\x04 not really a zip", "is not a readable ZIP file (File is not a zip file)"),
])
def test_hostile_zips_are_refused(tmp_path, data, message):
    result = import_upload(data, "evil.zip", root=tmp_path / "parquet")
    assert not result.ok
    assert [str(e) for e in result.errors] == [f"evil.zip: {message}"]
    assert listing(tmp_path / "parquet") == []
    assert not (tmp_path.parent / "escape.csv").exists()


def test_zip_bombs_and_floods_are_refused(tmp_path):
    bomb = zip_of({"states.csv": b"0" * 5_000_000})  # compresses to a few kilobytes
    assert len(bomb) < 20_000
    with pytest.raises(UploadRefused, match="the ZIP unpacks to 5,000,000 bytes; the limit is 1,000,000"):
        safe_extract(bomb, tmp_path / "out", name="bomb.zip", max_total=1_000_000)
    flood = zip_of({f"f{i}.csv": b"" for i in range(30)})
    with pytest.raises(UploadRefused, match="the ZIP has 30 entries; the limit is 20"):
        safe_extract(flood, tmp_path / "out", name="flood.zip", max_members=20)
    twice = zip_of({"a/states.csv": b"1", "A/STATES.CSV": b"2"})
    with pytest.raises(UploadRefused, match="the ZIP holds the same name twice"):
        safe_extract(twice, tmp_path / "out", name="twice.zip")


def test_understated_sizes_are_caught_while_unpacking(tmp_path):
    data = bytearray(zip_of({"states.csv": b"0" * 100_000}))
    # Rewrite the central directory's uncompressed size to 10 bytes, as a bomb might.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(UploadRefused) as info:
        safe_extract(bytes(data), tmp_path / "out", name="liar.zip", max_total=1_000)
    # zipfile stops at the stated size, and the checksum then fails: never more than stated is written.
    assert str(info.value) == "liar.zip: an entry cannot be unpacked (Bad CRC-32 for file 'states.csv') (value 'states.csv')"
    assert (tmp_path / "out" / "states.csv").stat().st_size <= 10
    assert import_upload(bytes(data), "liar.zip", root=tmp_path / "parquet").errors[0].message.startswith(
        "an entry cannot be unpacked")
    assert listing(tmp_path / "parquet") == []


def test_size_limit_kind_and_layout(tmp_path):
    result = import_upload(b"x" * 101, "big.zip", max_bytes=100, root=tmp_path / "parquet")
    assert [str(e) for e in result.errors] == ["big.zip: the upload is 101 bytes; the limit is 100"]
    result = import_upload(b"x", "notes.pdf", root=tmp_path / "parquet")
    assert [str(e) for e in result.errors] == ["notes.pdf: give a .zip of a source folder, or a .csv or .xlsx export"]
    files = source_files(tmp_path)
    result = import_upload(zip_of({"a/states.csv": files["states.csv"], "b/visits.csv": files["visits.csv"]}),
                           "two.zip", root=tmp_path / "parquet")
    assert [str(e) for e in result.errors] == [
        "two.zip: the ZIP holds CSV files in several folders (a, b); put one source folder in it"]
    result = import_upload(zip_of({"readme.txt": b"hi"}), "none.zip", root=tmp_path / "parquet")
    assert [str(e) for e in result.errors] == [
        "none.zip: the ZIP holds no .csv file; put the source folder's CSV files in it"]


@pytest.fixture
def base(tmp_path):
    path, _ = write_snapshot(reference_frames(), source="base", simulated=False, root=tmp_path / "parquet",
                             snapshot_id="base")
    return path


def test_export_files_are_recognised_and_merged(tmp_path, base):
    comms = b"Date,Country,Type,Ref. no.,Mandates\n2023-06-20,Peru,AL,AL PER 9/2023,WGAD\n"
    result = import_upload(comms, "export.csv", base="base", root=tmp_path / "parquet")
    assert result.ok, result.report()
    assert open_snapshot(result.path).manifest["adapter"] == "comms"
    visits = b"Country,Mandate,Status,Request date\nPeru,WGAD,Requested,2024-01-15\n"
    checked = import_upload(visits, "visits.csv", base="base", root=tmp_path / "parquet", validate_only=True)
    assert checked.ok and checked.path is None and checked.counts["visits"] == 1
    written = import_upload(visits, "visits.csv", base="base", root=tmp_path / "parquet")
    assert open_snapshot(written.path).manifest["adapter"] == "visits"


def test_export_errors_and_mapping(tmp_path, base):
    before = listing(tmp_path / "parquet")
    comms = b"Date,Country,Type,Ref. no.,Mandates\n2023-06-20,Perru,AL,AL PER 9/2023,WGAD\n"
    result = import_upload(comms, "export.csv", base="base", root=tmp_path / "parquet")
    assert not result.ok and "unknown State 'Perru'" in result.errors[0].message
    assert listing(tmp_path / "parquet") == before
    fixed = import_upload(comms, "export.csv", base="base", root=tmp_path / "parquet",
                          mapping=b"kind,value,maps_to\nstate,Perru,PER\n", mapping_name="map.csv")
    assert fixed.ok, fixed.report()
    unknown = import_upload(b"a,b\n1,2\n", "what.csv", base="base", root=tmp_path / "parquet")
    assert [str(e) for e in unknown.errors] == [
        "what.csv: cannot tell whether this is a communications export, a visits spreadsheet or a list of standing "
        "invitations from its header; choose the kind"]
    damaged = import_upload(comms, "export.csv", base="nope", root=tmp_path / "parquet")
    assert not damaged.ok and "no snapshot 'nope'" in damaged.errors[0].message
