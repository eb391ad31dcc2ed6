"""The command line: import, facts, states, export-csv, snapshots and use."""
import json
import subprocess
import sys
import time

import pytest

from conftest import frames
from sp_data.cli import main
from sp_data.tools.demo.calibration import PUBLISHED_2023
from sp_data.export_csv import write_source
from sp_data.facts import FACT_KEYS
from sp_data.paths import PROJECT_ROOT


def run_cli(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_facts_json_prints_the_published_2023_figures_whole_process():
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "sp_data", "facts", "--as-at", "2023-12-31", "--json"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr
    values = json.loads(proc.stdout)
    assert list(values) == list(FACT_KEYS)
    assert values == PUBLISHED_2023
    # The whole-process time (about 0.7 s) is the benchmark's to check (`bench --check`); here only
    # that the command finishes, which a busy machine cannot break.
    assert elapsed < 60.0


def test_facts_defaults_to_the_latest_complete_year(capsys):
    code, out, _ = run_cli(capsys, "facts", "--json")
    assert code == 0 and json.loads(out) == PUBLISHED_2023


def test_facts_table_is_labelled_and_says_simulated(capsys):
    code, out, _ = run_cli(capsys, "facts", "--as-at", "2023-12-31")
    assert code == 0
    assert out.startswith("*** SIMULATED DATA - not official figures ***")
    assert "Figures as at 2023-12-31; all regional groups" in out
    line = next(l for l in out.splitlines() if l.startswith("Substantive reply rate (%)"))
    assert line.split()[-1] == "43.15"
    line = next(l for l in out.splitlines() if l.startswith("Communications sent in the year"))
    assert line.split()[-1] == "723"


def test_region_filter_restricts_state_figures(capsys):
    code, out, _ = run_cli(capsys, "facts", "--json", "--region", "AG")
    ag = json.loads(out)
    code2, out2, _ = run_cli(capsys, "facts", "--json", "--region", "AG", "--region", "WEOG")
    both = json.loads(out2)
    assert ag["mandates_total"] == 60  # mandates belong to no group
    assert ag["standing_invitations_member_states"] < both["standing_invitations_member_states"] < 128
    assert ag["visit_hosts_institutions"] == 0


def test_states_json_has_one_object_per_state_with_the_promised_keys(capsys):
    code, out, _ = run_cli(capsys, "states", "--as-at", "2023-12-31", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 195
    required = {"iso3", "name", "regional_group", "un_status", "standing_invitation", "ever_visited",
                "never_visited_category", "visits_5y", "pending_requests", "accepted_in_5y",
                "communications_in_year", "substantive_replied_in_year", "reply_rate_percent"}
    assert required <= set(rows[0])
    cats = [r["never_visited_category"] for r in rows]
    assert cats.count("no_request") == 4 and cats.count("requests_not_accepted") == 16
    assert cats.count("accepted_not_yet_conducted") == 1
    assert set(cats) == {None, "no_request", "requests_not_accepted", "accepted_not_yet_conducted"}
    vat = next(r for r in rows if r["iso3"] == "VAT")
    assert vat["un_status"] == "observer" and vat["never_visited_category"] is None


def test_states_table_is_readable(capsys):
    code, out, _ = run_cli(capsys, "states", "--region", "EEG")
    assert code == 0
    assert "Russian Federation" in out and "Brazil" not in out


def test_bad_as_at_is_a_clear_error(capsys):
    code, _, err = run_cli(capsys, "facts", "--as-at", "2023-02-30")
    assert code == 1 and err.strip() == "error: '2023-02-30' is not a date in the form YYYY-MM-DD"


def test_import_reports_every_error_and_writes_nothing(tmp_path, capsys):
    src = tmp_path / "src"
    tables = frames(
        visits=[{"visit_id": "v1", "mandate_id": "SR-NOPE", "host_kind": "state", "iso3": "AAA"}],
        standing_invitations=[{"iso3": "QQQ", "extended_on": __import__("datetime").date(2001, 1, 1)}],
    )
    write_source(tables, src)
    (src / "communications.csv").write_text(
        "ref,sent_on,type,recipient_kind,iso3,recipient,mandate_ids,individuals,individuals_female,follow_up\n"
        "UA AAA 1/2023,2023-13-01,XX,state,AAA,,SR-EDU,2,3,false\n", encoding="utf-8")
    parquet = tmp_path / "parquet"
    code, out, err = run_cli(capsys, "import", src, "--parquet-dir", parquet)
    assert code == 1 and out == ""
    assert "error: visits.csv, row 2, column mandate_id" in err and "SR-NOPE" in err
    assert "error: standing_invitations.csv, row 2, column iso3" in err and "QQQ" in err
    assert "error: communications.csv, row 2, column sent_on" in err and "2023-13-01" in err
    assert "error: communications.csv, row 2, column type" in err
    assert "error: communications.csv, row 2, column individuals_female" in err
    assert err.strip().endswith("nothing was written.")
    assert not parquet.exists() or list(parquet.iterdir()) == []


def test_export_csv_then_import_gives_identical_facts(tmp_path, capsys):
    out_dir = tmp_path / "csv"
    code, out, _ = run_cli(capsys, "export-csv", out_dir)
    assert code == 0 and out.strip().splitlines()[-1] == str(out_dir)
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "communications.csv", "mandates.csv", "replies.csv", "standing_invitations.csv", "states.csv",
        "visit_events.csv", "visits.csv"]
    code, out, _ = run_cli(capsys, "import", out_dir, "--simulated", "--parquet-dir", tmp_path / "pq")
    assert code == 0
    new_path = out.strip().splitlines()[-1]
    code, out, _ = run_cli(capsys, "facts", "--snapshot", new_path, "--json")
    assert json.loads(out) == PUBLISHED_2023
    code, out, _ = run_cli(capsys, "states", "--snapshot", new_path, "--json")
    code, demo_out, _ = run_cli(capsys, "states", "--json")
    assert json.loads(out) == json.loads(demo_out)


def test_export_csv_refuses_a_non_empty_folder(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine")
    code, _, err = run_cli(capsys, "export-csv", tmp_path)
    assert code == 1 and "is not empty" in err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_snapshots_and_use(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    src = tmp_path / "src"
    write_source(frames(), src)
    code, out, _ = run_cli(capsys, "import", src, "--parquet-dir", tmp_path / "pq")
    sid = out.strip().splitlines()[-1].rsplit("/", 1)[-1]
    code, out, _ = run_cli(capsys, "use", sid, "--parquet-dir", tmp_path / "pq")
    assert code == 0 and f"Current snapshot is now {sid}" in out
    code, out, _ = run_cli(capsys, "snapshots", "--parquet-dir", tmp_path / "pq")
    line = next(l for l in out.splitlines() if sid in l)
    assert line.startswith("*")
    code, _, err = run_cli(capsys, "use", "missing", "--parquet-dir", tmp_path / "pq")
    assert code == 1 and "no snapshot 'missing'" in err
