"""Importing from the Data page: for signed-in editors only, validated, never partial."""
import io
import zipfile

import pytest

from conftest import ANONYMOUS, READER, frames, signed_in
from sp_data.export_csv import write_source




def source_zip(tmp_path, **rows) -> bytes:
    folder = tmp_path / "source"
    write_source(frames(**rows), folder)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in folder.iterdir():
            zf.write(path, f"source/{path.name}")
    return buf.getvalue()


def open_data(app, user=None, configured=True):
    at = app("pages/data.py")
    if configured:
        signed_in(at, user)
    return at.run()


def snapshots(root):
    return sorted(p.name for p in root.iterdir() if not p.name.startswith("."))


def test_import_is_disabled_without_a_sign_in_provider(app, parquet_root):
    at = open_data(app, configured=False)
    assert not at.exception
    assert at.file_uploader(key="upload_disabled").disabled
    assert any("Importing is switched off here. Changing the records needs an editor who has signed in, and "
               "sign-in is not set up on this server." in c.value for c in at.caption)
    assert not at.main.text_input  # no password box any more (the sidebar's is the State search)


@pytest.mark.parametrize("user, reason", [
    (ANONYMOUS, "use “Sign in” in the sidebar"),
    (READER, "You are signed in as rex.reader@example.org, who is not on this server's list of editors"),
])
def test_import_is_disabled_for_anyone_but_an_editor(app, parquet_root, user, reason):
    at = open_data(app, user)
    assert not at.exception
    assert at.file_uploader(key="upload_disabled").disabled
    assert any(reason in c.value for c in at.caption)


def test_an_editor_removed_from_the_list_meanwhile_reads_and_writes_nothing(app, parquet_root, tmp_path):
    at = open_data(app)
    at.file_uploader(key="import_file").upload("source.zip", source_zip(tmp_path), "application/zip").run()
    at.secrets["editors"] = {"emails": ["someone.else@example.org"]}
    at.button(key="import_build").click().run()
    assert not at.exception
    assert at.file_uploader(key="upload_disabled").disabled
    assert any("not on this server's list of editors" in c.value for c in at.caption)
    assert snapshots(parquet_root) == ["demo"]


def test_check_then_import_then_make_current(app, parquet_root, tmp_path):
    at = open_data(app)
    at.file_uploader(key="import_file").upload("source.zip", source_zip(tmp_path), "application/zip").run()
    at.button(key="import_check").click().run()
    assert not at.exception
    assert any("Every check passed. Nothing was written" in s.value for s in at.success)
    assert snapshots(parquet_root) == ["demo"]
    at.button(key="import_build").click().run()
    assert not at.exception
    written = [s for s in snapshots(parquet_root) if s != "demo"]
    assert len(written) == 1 and written[0].startswith("upload-of-source-zip-")
    assert any(f"Imported snapshot **{written[0]}**" in s.value for s in at.success)
    at.button(key="import_use").click().run()
    assert not at.exception
    assert (parquet_root / "CURRENT").read_text().strip() == written[0]


def test_a_source_with_errors_is_reported_and_nothing_written(app, parquet_root, tmp_path):
    bad = source_zip(tmp_path, visits=[{"visit_id": "v1", "mandate_id": "SR-NONE", "host_kind": "state", "iso3": "AAA"}])
    at = open_data(app)
    at.file_uploader(key="import_file").upload("bad.zip", bad, "application/zip").run()
    at.button(key="import_build").click().run()
    assert any(e.value == "1 problem found; nothing was written." for e in at.error)
    report = at.code[0].value
    assert "visits.csv, row 2, column mandate_id" in report and "SR-NONE" in report
    assert snapshots(parquet_root) == ["demo"]


def test_an_oversize_upload_is_refused(app, parquet_root):
    at = open_data(app)
    at.file_uploader(key="import_file").upload("huge.zip", b"\0" * (50 * 1024 * 1024 + 1), "application/zip").run()
    at.button(key="import_build").click().run()
    assert "the limit is 52,428,800" in at.code[0].value
    assert snapshots(parquet_root) == ["demo"]


def test_a_zip_that_escapes_its_folder_is_refused(app, parquet_root, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("../../evil.csv", "iso3\nAAA\n")
    at = open_data(app)
    at.file_uploader(key="import_file").upload("evil.zip", buf.getvalue(), "application/zip").run()
    at.button(key="import_build").click().run()
    assert any("nothing was written" in e.value for e in at.error)
    assert "evil.csv" in at.code[0].value
    assert not (tmp_path / "evil.csv").exists() and snapshots(parquet_root) == ["demo"]


def test_what_changed_lists_the_changes_since_the_earlier_extract(app):
    at = app("pages/data.py", compare="demo-2024-03").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    from sp_data.diff import diff

    totals = diff("demo-2024-03", "demo").totals()
    assert values["New requests"] == f"{totals['new requests']:,}"
    assert values["New replies"] == f"{totals['new replies']:,}"
    assert totals["new communications"] > 0
