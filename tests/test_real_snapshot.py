"""A wholly real snapshot from the three public lists: --base reference, chained, never simulated."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from conftest import signed_in

from sp_data.adapters.communications import import_communications
from sp_data.adapters.standing_invitations import import_standing_invitations
from sp_data.adapters.visits import import_visits
from sp_data.export_csv import read_snapshot_tables
from sp_data.paths import PROJECT_ROOT
from sp_data.public_build import build_step, held_text, records_held
from sp_data.record.history_view import version_label
from sp_data.snapshot import open_snapshot
from ui.components import SIMULATED_BANNER

D = dt.date
SAMPLE = PROJECT_ROOT / ".." / "shared" / "reference" / "real" / "spcommreports-sample.csv"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared/reference/real is not beside the project")
PAGES = ["pages/overview.py", "pages/profile.py", "pages/country_visits.py", "pages/never_visited.py",
         "pages/pending_requests.py", "pages/communications.py", "pages/standing_invitations.py", "pages/data.py"]

# The country visits database's own words for statuses ("Dates proposal", "Reminder", ...).
VISITS = """Country,Mandate,Status,Request date,Reminder date(s),Acceptance date,Status date,Visit dates
Peru,Special Rapporteur on the right to education,Completed,2021-03-01,,2022-01-10,,12-23 May 2022
Chile,arbitrary Detention,Requested,2023-02-01,,,,
Belarus,SR on torture,Declined - Declination of visit request,2019-05-02,,,2019-09-01,
Kenya,Indigenous Peoples,Accepted,2024-01-15,,2024-06-01,,
Brazil,older persons,Dates proposal,2024-02-01,,2024-05-05,2024-08-01,
Iran (Islamic Republic of),Iran (Islamic Republic of),Reminder,2022-03-01,2023-03-01,,,
Uruguay,IE SOGI,Invited,2024-04-04,,,,
Ghana,extreme poverty,Acknowledged,2024-03-03,,,2024-04-01,
"""
INVITATIONS = """Country,Date extended,Withdrawn
Peru,2002-01-01,
Chile,2009-07-01,
Uruguay,2005-03-08,
Ghana,2006-04-11,
"""


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> dict[str, Path]:
    """The three adapters chained, each onto the previous result, starting from the reference tables."""
    folder = tmp_path_factory.mktemp("real")
    root = folder / "parquet"
    (folder / "visits.csv").write_text(VISITS, encoding="utf-8")
    (folder / "invitations.csv").write_text(INVITATIONS, encoding="utf-8")
    comms = import_communications(SAMPLE, base="reference", root=root)
    visits = import_visits(folder / "visits.csv", base=str(comms.path), root=root)
    invitations = import_standing_invitations(folder / "invitations.csv", base=str(visits.path), root=root)
    return {"root": root, "comms": comms.path, "visits": visits.path, "final": invitations.path}


def test_every_step_is_real_and_the_result_holds_all_three_lists(chain):
    for step in ("comms", "visits", "final"):
        manifest = json.loads((chain[step] / "manifest.json").read_text())
        assert manifest["simulated"] is False, step
        assert "SIMULATED" not in manifest["source"]
    first = json.loads((chain["comms"] / "manifest.json").read_text())
    assert first["base_snapshot"] == "reference"
    assert "merged onto the reference tables (real States, regional groups and mandates; no records)" in first["source"]
    final = read_snapshot_tables(open_snapshot(chain["final"]))
    counts = {name: frame.height for name, frame in final.items()}
    assert counts == {"states": 195, "mandates": 66, "visits": 8, "visit_events": 16, "standing_invitations": 4,
                      "communications": 42, "replies": 0, "hrc_membership": 0}
    held = records_held(open_snapshot(chain["final"]))
    assert held.rows() == [
        ("visit threads", 8, D(2019, 5, 2), D(2024, 8, 1)),
        # A list of standing invitations covers up to the last date the snapshot holds (sp_data.coverage).
        ("standing invitations", 4, D(2002, 1, 1), D(2026, 2, 27)),
        ("communications", 42, D(2025, 12, 1), D(2026, 2, 27)),
        ("replies", 0, None, None),
    ]
    assert held_text(held)["Held"].to_list() == ["8", "4", "42", "none: not in this snapshot"]


def test_the_visit_statuses_in_the_databases_own_words(chain):
    tables = read_snapshot_tables(open_snapshot(chain["final"]))
    visits = tables["visits"].select("visit_id", "iso3", "mandate_id")
    events = tables["visit_events"].join(visits, on="visit_id")
    by_state = {iso3: [(r["date"], r["event"]) for r in events.filter(pl.col("iso3") == iso3).sort("date").to_dicts()]
                for iso3 in events["iso3"].unique()}
    assert by_state["BLR"] == [(D(2019, 5, 2), "requested"), (D(2019, 9, 1), "declined")]
    assert by_state["BRA"] == [(D(2024, 2, 1), "requested"), (D(2024, 5, 5), "accepted"),
                               (D(2024, 8, 1), "dates_proposed")]
    assert by_state["IRN"] == [(D(2022, 3, 1), "requested"), (D(2023, 3, 1), "reminder")]
    assert by_state["GHA"] == [(D(2024, 3, 3), "requested"), (D(2024, 4, 1), "acknowledged")]
    mandates = dict(zip(visits["iso3"], visits["mandate_id"]))
    assert mandates == {"PER": "SR-EDUCATION", "CHL": "WG-AD", "BLR": "SR-TORTURE", "KEN": "SR-INDIGENOUS",
                        "BRA": "IE-OLDER", "IRN": "SR-IRAN", "URY": "IE-SOGI", "GHA": "SR-POVERTY"}


@pytest.mark.parametrize("page", PAGES)
def test_no_page_says_simulated(app, chain, monkeypatch, page):
    monkeypatch.setenv("SP_PARQUET_DIR", str(chain["root"]))
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    at = app(page, snapshot=chain["final"].name).run()
    assert not at.exception, page
    shown = [w.value for w in at.warning] + [c.value for c in at.caption] + [m.value for m in at.markdown]
    assert not any(SIMULATED_BANNER in text for text in shown), page
    # The header names the version of the records in words (its date and source), never simulated.
    version = version_label(json.loads((chain["final"] / "manifest.json").read_text()))
    assert any(f"version of the records: **{version}**" in c.value and "(simulated)" not in c.value
               for c in at.caption), page


def test_a_merge_onto_a_simulated_snapshot_stays_simulated(tmp_path, demo_snapshot):
    (tmp_path / "list.csv").write_text(INVITATIONS, encoding="utf-8")
    result = import_standing_invitations(tmp_path / "list.csv", base=demo_snapshot.path, root=tmp_path / "parquet")
    snap = open_snapshot(result.path)
    assert snap.simulated is True and "partly SIMULATED" in snap.source


def test_a_mapping_line_declares_a_mandate_the_reference_lacks(tmp_path):
    (tmp_path / "comms.csv").write_text(
        'Date,Country,Type,Ref. no.,Mandates\n03/03/2026,Belarus,UA,BLR 1/2026,"Belarus\nnew topic"\n', encoding="utf-8")
    (tmp_path / "mapping.csv").write_text(
        "kind,value,maps_to,title,mandate_kind,country,established_on\n"
        "mandate,new topic,SR-NEWTOPIC,Special Rapporteur on a new topic,thematic,,2025-10-10\n", encoding="utf-8")
    result = import_communications(tmp_path / "comms.csv", base="reference", mapping=tmp_path / "mapping.csv",
                                   root=tmp_path / "parquet")
    tables = read_snapshot_tables(open_snapshot(result.path))
    assert tables["communications"]["mandate_ids"].to_list() == [["SR-BELARUS", "SR-NEWTOPIC"]]
    new = tables["mandates"].filter(pl.col("mandate_id") == "SR-NEWTOPIC").to_dicts()
    assert new == [{"mandate_id": "SR-NEWTOPIC", "title": "Special Rapporteur on a new topic", "kind": "thematic",
                    "country_iso3": None, "established_on": D(2025, 10, 10), "ended_on": None}]
    (tmp_path / "bad.csv").write_text(
        "kind,value,maps_to,title,mandate_kind,country,established_on\n"
        "mandate,new topic,SR-NEWTOPIC,,country,Atlantis,2025-31-10\n", encoding="utf-8")
    from sp_data.errors import SourceError
    with pytest.raises(SourceError) as info:
        import_communications(tmp_path / "comms.csv", base="reference", mapping=tmp_path / "bad.csv",
                              root=tmp_path / "parquet")
    assert [str(i) for i in info.value.issues] == [
        "bad.csv, row 2, column country: a country mandate needs the State it is about (a name or ISO3 code) "
        "(value 'Atlantis')",
        "bad.csv, row 2, column established_on: is not a real calendar date (value '2025-31-10')",
        "bad.csv, row 2, column title: a new mandate needs its title",
    ]


def test_build_from_public_sources_on_the_data_page(app, tmp_path, monkeypatch):
    root = tmp_path / "parquet"
    shutil.copytree(PROJECT_ROOT / "parquet" / "demo", root / "demo")
    monkeypatch.setenv("SP_PARQUET_DIR", str(root))
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    at = app("pages/data.py")
    signed_in(at)
    at.run()
    assert at.radio(key="public_base").options == [
        "Start afresh: the real States, regional groups and mandates, with no records"]  # the demo is no base
    at.radio(key="public_kind").set_value("communications")
    at.file_uploader(key="public_file").upload("spcommreports-sample.csv", SAMPLE.read_bytes(), "text/csv").run()
    at.button(key="public_build").click().run()
    assert not at.exception
    built = [p.name for p in root.iterdir() if p.name.startswith("comms-")]
    assert len(built) == 1
    assert any(f"Built snapshot **{built[0]}**" in s.value for s in at.success)
    frames = [df.value for df in at.dataframe]
    contributed = next(f for f in frames if "Change" in f.columns)
    assert contributed.to_dict("records")[2] == {"Records": "Communications", "Before": "0", "After": "42",
                                                 "Change": "+42"}
    held = next(f for f in frames if "Held" in f.columns)
    assert held["Held"].tolist() == ["none: not in this snapshot", "none: not in this snapshot", "42",
                                     "none: not in this snapshot"]
    assert held.to_dict("records")[2]["From"] == "1 December 2025"
    # The next list goes onto the snapshot just built.
    assert at.radio(key="public_base").value == str(root / built[0])
    at.button(key="public_use").click().run()
    assert not at.exception
    assert (root / "CURRENT").read_text().strip() == built[0]


def test_the_build_refuses_a_simulated_base_and_a_bad_file(tmp_path, demo_snapshot):
    step = build_step(b"Country,Date extended\nChile,2009-07-01\n", "list.csv", "standing_invitations",
                      base=str(demo_snapshot.path), root=tmp_path)
    assert not step.result.ok
    assert "is simulated" in str(step.result.errors[0])
    step = build_step(b"Country,Date extended\nAtlantis,2009-07-01\n", "list.csv", "standing_invitations",
                      base="reference", root=tmp_path)
    assert not step.result.ok and "unknown State 'Atlantis'" in step.result.report()
    assert not any(tmp_path.iterdir())


def test_an_upload_is_recognised_as_a_list_of_standing_invitations(tmp_path):
    from sp_data.upload import guess_kind, import_upload

    data = b"Country,Date extended,Withdrawn\nChile,2009-07-01,\n"
    assert guess_kind(data, "list.csv") == "standing_invitations"
    result = import_upload(data, "list.csv", base="reference", root=tmp_path / "parquet")
    assert result.ok, result.report()
    assert result.counts["standing_invitations"] == 1 and result.counts["communications"] == 0
    assert open_snapshot(result.path).simulated is False
