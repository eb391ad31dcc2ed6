"""The scaled demonstration snapshot: N times the threads and letters, every import rule still true."""
from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

from sp_data.tools.commands import main
from sp_data.db import connect
from sp_data.tools.demo.build import generate
from sp_data.export_csv import write_source
from sp_data.facts import data_extent, published_facts
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.tools.scale import scale_tables
from sp_data.snapshot import open_snapshot, write_snapshot
from sp_data.source import read_source

REPLICATED = ("visits", "visit_events", "communications", "replies")
KEPT = ("states", "mandates", "standing_invitations", "hrc_membership")


@pytest.fixture(scope="module")
def demo_tables():
    return generate()


@pytest.fixture(scope="module")
def scaled(demo_tables):
    return scale_tables(demo_tables, 3, seed=7)


def test_replicated_tables_are_three_times_larger_and_the_rest_unchanged(demo_tables, scaled):
    for name in REPLICATED:
        assert scaled[name].height == 3 * demo_tables[name].height, name
    for name in KEPT:
        assert scaled[name].equals(demo_tables[name]), name


def test_the_original_is_copy_zero(demo_tables, scaled):
    original_ids = set(demo_tables["visits"]["visit_id"])
    originals = scaled["visit_events"].filter(pl.col("visit_id").is_in(original_ids))
    assert originals.sort(["visit_id", "date", "event"]).equals(
        demo_tables["visit_events"].sort(["visit_id", "date", "event"]))
    refs = set(demo_tables["communications"]["ref"])
    assert scaled["communications"].filter(pl.col("ref").is_in(refs)).sort("ref").equals(
        demo_tables["communications"].sort("ref"))


def test_copies_have_fresh_keys_in_the_usual_style(demo_tables, scaled):
    assert scaled["visits"]["visit_id"].n_unique() == scaled["visits"].height
    assert scaled["communications"]["ref"].n_unique() == scaled["communications"].height
    assert scaled["visits"].filter(pl.col("visit_id") == "V00001-x2").height == 1
    # Every reference still reads "TYPE CODE number/year", the year being the year it was sent.
    refs = scaled["communications"].select(
        pl.col("ref").str.extract(r"/([0-9]{4})$", 1).cast(pl.Int32).alias("ref_year"),
        pl.col("sent_on").dt.year().alias("sent_year"), pl.col("ref"))
    assert refs["ref_year"].null_count() == 0
    copies = refs.filter(~pl.col("ref").is_in(demo_tables["communications"]["ref"].implode()))
    assert copies.height == 2 * demo_tables["communications"].height
    assert (copies["ref_year"] == copies["sent_year"]).all()


def test_dates_stay_inside_the_demo_extent(scaled):
    for name, columns in (("visit_events", ("date", "end_date")), ("communications", ("sent_on",)),
                          ("replies", ("received_on",))):
        for column in columns:
            assert scaled[name][column].max() <= dt.date(2024, 6, 30), (name, column)
            assert scaled[name][column].min() >= dt.date(1995, 1, 1), (name, column)


def test_copies_are_jittered_but_deterministic(demo_tables, scaled):
    again = scale_tables(demo_tables, 3, seed=7)
    assert all(again[name].equals(scaled[name]) for name in REPLICATED)
    other = scale_tables(demo_tables, 3, seed=8)
    assert not other["communications"]["sent_on"].equals(scaled["communications"]["sent_on"])
    # A copied thread keeps its events' spacing: one shift per thread.
    days = scaled["visit_events"].filter(pl.col("visit_id").is_in(["V00001", "V00001-x1", "V00001-x2"]))
    spans = days.group_by("visit_id").agg((pl.col("date").max() - pl.col("date").min()).alias("span"))
    assert spans["span"].n_unique() == 1
    assert days.group_by("visit_id").agg(pl.col("date").min())["date"].n_unique() == 3


def test_scaled_tables_pass_import_validation(scaled, tmp_path):
    write_source(scaled, tmp_path / "source")
    source = read_source(tmp_path / "source")
    assert source.warnings == []
    for name in REPLICATED:
        assert source.tables[name].height == scaled[name].height, name


def test_scale_one_is_the_input_and_bad_scales_are_refused(demo_tables):
    same = scale_tables(demo_tables, 1)
    assert all(same[name] is demo_tables[name] for name in demo_tables)
    for bad in (0, -2, 1001, 2.0, True):
        with pytest.raises(ValueError, match="whole number from 1 to 1000"):
            scale_tables(demo_tables, bad)


def test_cli_demo_scale_writes_demo_x3_and_reimports(demo_tables, tmp_path, capsys):
    root = tmp_path / "parquet"
    assert main(["demo", "--scale", "3", "--parquet-dir", str(root)]) == 0
    assert "written" in capsys.readouterr().out
    snap = open_snapshot(root / "demo-x3")
    assert snap.id == "demo-x3" and snap.simulated and snap.manifest["scale"] == 3
    assert snap.manifest["row_counts"]["communications"] == 3 * demo_tables["communications"].height
    con = connect(snap)
    assert data_extent(con)["latest_complete_year"] == 2023
    values = published_facts(con, Filters(dt.date(2023, 12, 31)))
    assert values["mandates_total"] == 60 and values["member_states_never_visited"] == 21
    assert 3 * 723 * 0.9 < values["communications_sent"] < 3 * 723 * 1.1
    # Rebuilding gives identical content, so the snapshot is reused, not overwritten.
    assert main(["demo", "--scale", "3", "--parquet-dir", str(root)]) == 0
    assert "unchanged" in capsys.readouterr().out
    # Exported and imported again through the command line, it passes validation.
    assert main(["export-csv", "--snapshot", str(root / "demo-x3"), str(tmp_path / "csv")]) == 0
    assert main(["import", str(tmp_path / "csv"), "--simulated", "--parquet-dir", str(tmp_path / "again")]) == 0
    (imported,) = (p for p in (tmp_path / "again").iterdir() if p.is_dir())
    assert open_snapshot(imported).manifest["row_counts"] == snap.manifest["row_counts"]


def test_cli_demo_scale_one_is_still_the_bundled_demo(tmp_path, capsys):
    assert main(["demo", "--scale", "1", "--parquet-dir", str(tmp_path)]) == 0
    bundled = json.loads((PROJECT_ROOT / "parquet" / "demo" / "manifest.json").read_text(encoding="utf-8"))
    built = json.loads((tmp_path / "demo" / "manifest.json").read_text(encoding="utf-8"))
    assert built["content_sha256"] == bundled["content_sha256"]
    assert not (tmp_path / "demo-x1").exists()


@pytest.mark.parametrize("bad", ["0", "-1", "abc", "1001", "2.5"])
def test_cli_refuses_a_bad_scale(bad, tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--scale", bad, "--parquet-dir", str(tmp_path)])
    assert exc.value.code == 2
    assert "--scale: must be a whole number from 1 to 1000" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_large_snapshot_keeps_its_files_row_order_when_loaded(demo_tables, tmp_path):
    """The communications table is rebuilt at load (base/communications_as_at.sql) by a join that,
    on a table read in parallel, would return its rows in any order; the Data page's download of
    the table must be the file as it is."""
    from sp_data.catalog import table

    big = scale_tables(demo_tables, 40, seed=3)  # 342,200 letters: several row groups
    path, _ = write_snapshot(big, source="order test", simulated=True, root=tmp_path, snapshot_id="big")
    con = connect(open_snapshot(path))
    assert table(con, "communications")["ref"].equals(big["communications"]["ref"])
