"""The command line's record, history and undo, end to end over a small folder of snapshots."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import D, frames, thread, threads
from sp_data.cli import main
from sp_data.paths import PROJECT_ROOT
from sp_data.record.changes import read_changes
from sp_data.record.store import current_pointer
from sp_data.snapshot import list_snapshots, use, write_snapshot

REMINDER = "action,visit_id,date,event\nadd_event,V1,2021-02-03,reminder\n"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "parquet"
    rows = threads(thread("V1", "AAA", [(D(2020, 1, 1), "requested")]),
                   thread("V2", "BBB", [(D(2019, 5, 1), "requested")]))
    write_snapshot(frames(**rows), source="test world", simulated=False, root=folder, snapshot_id="base")
    use("base", folder)
    return folder


def changes_file(tmp_path: Path, text: str, name: str = "CHANGES.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_record_then_history_whole_process(root, tmp_path):
    path = changes_file(tmp_path, REMINDER)
    proc = subprocess.run([sys.executable, "-m", "sp_data", "record", str(path), "--author", "Ann Editor",
                           "--note", "reminder sent", "--parquet-dir", str(root)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    new = current_pointer(root)
    assert new.startswith("rec-")
    lines = proc.stdout.splitlines()
    assert lines[0] == f"Committed snapshot {new} (parent base), now current."
    assert re.fullmatch(r"By Ann Editor at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00: reminder sent", lines[1])
    assert lines[2] == "What changed: reminders 1"
    proc = subprocess.run([sys.executable, "-m", "sp_data", "history", "--parquet-dir", str(root)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert out[0].startswith(f"{new}  ") and out[0].endswith("  by Ann Editor")
    assert out[1:3] == ["    note: reminder sent", "    parent base; what changed: reminders 1"]
    assert out[3].startswith("base  ") and out[3].endswith("  imported") and out[4] == "    source: test world"


def test_record_errors_name_row_column_and_value_and_write_nothing(root, tmp_path, capsys):
    path = changes_file(tmp_path, "action,visit_id,date,event\nadd_event,V1,2021-02-30,reminder\n"
                                  "add_event,V7,2021-03-01,reminder\n")
    code, out, err = run_cli(capsys, "record", path, "--author", "A", "--note", "n", "--parquet-dir", root)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "error: CHANGES.csv, row 2, column date: is not a real calendar date (value '2021-02-30')",
        "error: CHANGES.csv, row 3, column visit_id: 'V7' is not listed in visits.csv (column visit_id) (value 'V7')",
        "2 error(s); nothing was written."]
    assert [s["id"] for s in list_snapshots(root)] == ["base"] and current_pointer(root) == "base"


def test_record_refuses_a_conflict_and_reapplies_a_disjoint_change(root, tmp_path, capsys):
    first = changes_file(tmp_path, REMINDER, "first.csv")
    assert run_cli(capsys, "record", first, "--author", "Ann", "--note", "one", "--parquet-dir", root)[0] == 0
    colleague = current_pointer(root)
    clash = changes_file(tmp_path, "action,visit_id,date,event\nadd_event,V1,2021-02-04,acknowledged\n", "clash.csv")
    code, out, err = run_cli(capsys, "record", clash, "--base", "base", "--author", "Bob", "--note", "two",
                             "--parquet-dir", root)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: snapshot {colleague} was committed after base (the snapshot these changes were prepared on) and "
        "changed the same records as 1 of them; nothing was written:",
        f"CHANGES.csv row 2 (add_event, visit thread V1): visit thread 'V1' was also changed in snapshot {colleague}"]
    assert current_pointer(root) == colleague
    other = changes_file(tmp_path, "action,visit_id,date,event\nadd_event,V2,2020-02-04,accepted\n", "other.csv")
    code, out, _ = run_cli(capsys, "record", other, "--base", "base", "--author", "Bob", "--note", "two",
                           "--parquet-dir", root)
    assert code == 0
    assert out.splitlines()[1] == (f"A colleague committed {colleague} after base; your changes touch other records "
                                   "and were applied onto theirs.")
    assert out.splitlines()[-1] == "What changed: acceptances 1"


def test_undo_from_the_command_line(root, tmp_path, capsys):
    run_cli(capsys, "record", changes_file(tmp_path, REMINDER), "--author", "Ann", "--note", "one",
            "--parquet-dir", root)
    code, out, _ = run_cli(capsys, "undo", "base", "--author", "Bob", "--note", "wrong thread", "--parquet-dir", root)
    assert code == 0 and out.splitlines()[-1] == "What changed: other changes 1"
    code, out, _ = run_cli(capsys, "history", "--parquet-dir", root)
    assert out.splitlines()[1:3] == ["    note: wrong thread", "    restores base"]
    code, _, err = run_cli(capsys, "undo", "nowhere", "--author", "Bob", "--note", "n", "--parquet-dir", root)
    assert code == 1 and err.startswith("error: no snapshot 'nowhere'")


def test_record_usage_errors(root, tmp_path, capsys):
    code, _, err = run_cli(capsys, "record", tmp_path / "missing.csv", "--author", "A", "--note", "n",
                           "--parquet-dir", root)
    assert code == 1 and err == f"error: no file {tmp_path / 'missing.csv'}\n"
    with pytest.raises(SystemExit) as exited:
        main(["record", str(changes_file(tmp_path, REMINDER)), "--note", "n"])
    assert exited.value.code == 2 and "the following arguments are required: --author" in capsys.readouterr().err
    code, _, err = run_cli(capsys, "record", changes_file(tmp_path, REMINDER), "--author", " ", "--note", "n",
                           "--parquet-dir", root)
    assert code == 1 and err == "error: a commit needs its author: who records it and why\n"


def test_the_documented_example_is_a_valid_changes_file(tmp_path):
    doc = (PROJECT_ROOT / "docs" / "recording.md").read_text(encoding="utf-8")
    example = re.search(r"Example:\n\n```\n(.*?)```", doc, flags=re.S).group(1)
    changes = read_changes(changes_file(tmp_path, example))
    assert [(c.row, c.action, c.key) for c in changes] == [
        (2, "add_event", ("visit thread", "V-0123")), (3, "add_thread", ("visit thread", "V-9001")),
        (4, "add_reply", ("communication", "UA TUR 4/2024")), (5, "correct_event", ("visit thread", "V-0077"))]
