"""What changed: the group filter, the order by size, "no change", a State's changes on its profile, the sidebar link."""
from __future__ import annotations


import polars as pl

from conftest import frames, metrics
from sp_data.diff import diff, previous_snapshot
from sp_data.snapshot import open_snapshot, write_snapshot
from test_diff import pair  # noqa: F401  (the fixture: two small snapshots and the changes between them)

BORDURIA = "1 new request, 1 visit, 1 standing invitation extended, 1 new communication, 1 new reply, 1 other change"


def test_by_state_is_sorted_by_size_and_says_no_change(pair):  # noqa: F811
    rows = diff("old-snap", "new-snap", pair).by_state().select("who", "regional_group", "all changes", "what").rows()
    assert rows == [
        ("Borduria", "EEG", 6, BORDURIA),
        ("Arcadia", "AG", 3, "1 reminder, 1 decline, 1 standing invitation withdrawn"),
        ("Acme Corp", None, 2, "1 new communication, 1 new reply"),
        ("Carpania", "WEOG", 2, "1 acceptance, 1 other change"),
        ("State of Palestine", None, 0, "no change"),
    ]


def test_the_group_filter_keeps_only_changes_about_states_of_those_groups(pair):  # noqa: F811
    eeg = diff("old-snap", "new-snap", pair, regions=("EEG",))
    assert set(eeg.changes["iso3"].to_list()) == {"BBB"} and eeg.changes.height == 6
    assert eeg.by_state().select("who", "all changes").rows() == [("Borduria", 6)]
    assert eeg.totals()["new communications"] == 1 and eeg.totals()["declines"] == 0
    both = diff("old-snap", "new-snap", pair, regions=("EEG", "AG"))
    assert both.by_state()["who"].to_list() == ["Borduria", "Arcadia"] and both.changes.height == 9
    weog = diff("old-snap", "new-snap", pair, regions=["WEOG"])
    assert weog.by_state().select("who", "what").rows() == [("Carpania", "1 acceptance, 1 other change")]


def test_a_states_changes_and_the_previous_snapshot(pair):  # noqa: F811
    result = diff("old-snap", "new-snap", pair)
    arcadia = result.for_state("AAA")
    assert arcadia.select("change", "direction").rows() == [
        ("reminder", "added"), ("standing invitation withdrawn", "added"), ("decline", "added")]
    assert result.for_state("PSE").height == 0
    new, old = open_snapshot(pair / "new-snap"), open_snapshot(pair / "old-snap")
    assert previous_snapshot(new, pair) == "old-snap"
    assert previous_snapshot(old, pair) is None


def test_previous_snapshot_is_the_newest_earlier_one(tmp_path):
    root = tmp_path / "p"
    for sid, created in (("a", "2023-01-01T00:00:00+00:00"), ("b", "2023-06-01T00:00:00+00:00"),
                         ("c", "2023-06-01T12:00:00+00:00"), ("d", "2024-01-01T00:00:00+00:00")):
        write_snapshot(frames(), source=sid, simulated=False, root=root, snapshot_id=sid, created=created)
    assert previous_snapshot(open_snapshot(root / "c"), root) == "b"  # same day, earlier hour
    assert previous_snapshot(open_snapshot(root / "d"), root) == "c"


def test_data_page_applies_the_group_filter(app):
    at = app("pages/data.py", compare="demo-2024-03", groups=["APG"]).run()
    assert not at.exception
    apg = diff("demo-2024-03", "demo", regions=("APG",))
    everyone = diff("demo-2024-03", "demo")
    assert apg.totals()["new communications"] == 60 and everyone.totals()["new communications"] == 186
    tiles = metrics(at)
    assert tiles["New communications"] == "60" and tiles["New replies"] == "44" and tiles["Visits"] == "3"
    table = next(df.value for df in at.dataframe if "what" in df.value.columns)
    assert set(table["regional_group"]) == {"APG"}
    assert len(table) == 53  # every APG State: those with a change first, most first, then "no change"
    assert table.iloc[0]["who"] == "Saudi Arabia" and table.iloc[0]["all changes"] == 30
    assert list(table["all changes"]) == sorted(table["all changes"], reverse=True)
    assert (table["what"] == "no change").sum() == (table["all changes"] == 0).sum() > 0
    changes = next(df.value for df in at.dataframe if "section_name" in df.value.columns)
    assert len(changes) == 114 and set(changes["state"]) <= set(table["who"])
    # Mandates by name and the record in words, not codes (the CLI's diff keeps the codes).
    assert "section" not in changes.columns and "mandates" not in changes.columns
    assert set(changes["section_name"]) <= {"Visits", "Standing invitations", "Communications", "Replies"}
    assert not changes["mandate_names"].dropna().str.contains(r"\b(?:SR|WG|IE)-[A-Z]").any()


def test_profile_shows_what_changed_for_the_state(app):
    saudi = app("pages/profile.py", state="SAU").run()
    assert not saudi.exception
    assert any("**30 changes** for Saudi Arabia since the snapshot of 1 April 2024 (demo-2024-03)." in m.value for m in saudi.markdown)
    rows = next(df.value for df in saudi.dataframe if {"change_name", "detail_text"} <= set(df.value.columns))
    assert len(rows) == 30 and rows["change_name"].value_counts().to_dict() == {"Communication": 17, "Reply": 13}
    assert "mandates" not in rows.columns
    assert not rows["mandate_names"].dropna().str.contains(r"\b(?:SR|WG|IE)-[A-Z]").any()
    iran = app("pages/profile.py", state="IRN").run()
    assert any(m.value.startswith("**No change** for Iran (Islamic Republic of) since the snapshot of 1 April 2024 (demo-2024-03):")
               for m in iran.markdown)
    link = next(p for p in iran.get("page_link") if p.proto.label == "Every change, for every State")
    assert "compare=demo-2024-03" in link.proto.query_string


def test_sidebar_link_reaches_the_diff_with_the_filters(app):
    at = app("pages/country_visits.py", year="2020", groups=["EEG", "APG"]).run()
    link = next(p for p in at.get("page_link") if p.proto.label == "What changed")
    assert link.proto.page == "data"
    query = link.proto.query_string
    assert "year=2020" in query and "groups=EEG" in query and "groups=APG" in query


def test_command_line_diff_for_some_groups(pair, capsys):  # noqa: F811
    from sp_data.cli import main

    assert main(["diff", "old-snap", "new-snap", "--region", "EEG", "--parquet-dir", str(pair)]) == 0
    out = capsys.readouterr().out
    assert "Borduria (BBB, EEG)" in out and "Arcadia" not in out and "Acme Corp" not in out
    assert "new communications 1," in out and "declines 0," in out


def test_profile_on_the_only_snapshot_says_there_is_nothing_to_compare(app, tmp_path, monkeypatch):
    write_snapshot(frames(), source="test fixture", simulated=False, root=tmp_path, snapshot_id="only-one")
    monkeypatch.setenv("SP_PARQUET_DIR", str(tmp_path))
    monkeypatch.setenv("SP_SNAPSHOT", "only-one")
    at = app("pages/profile.py", state="AAA").run()
    assert not at.exception
    assert "What changed since the previous snapshot" in [s.value for s in at.subheader]
    assert "Nothing to compare with: this is the earliest snapshot." in [m.value for m in at.markdown]


def test_readable_changes_name_mandates_and_write_dates_in_words():
    change = diff("demo-2024-03", "demo")
    frame = pl.DataFrame({"section": ["standing_invitations", "communications", "visits"],
                          "mandates": [None, "SR-UCM; SR-HOUSING; SR-BELARUS", "WG-AD"],
                          "detail": ["extended 2012-01-10, withdrawn 2023-05-02",
                                     "sent_on 2024-01-02 -> 2024-01-03; type AL -> UA", "dates_proposed (territory)"]})
    out = change.readable(frame).select("section_name", "mandate_names", "detail_text").to_dicts()
    assert out == [
        {"section_name": "Standing invitations", "mandate_names": None,
         "detail_text": "extended 10 January 2012, withdrawn 2 May 2023"},
        {"section_name": "Communications",
         "mandate_names": "Unilateral coercive measures; Adequate housing; Human rights in Belarus",
         "detail_text": "sent on 2 January 2024 to 3 January 2024; type Allegation letter to Urgent appeal"},
        {"section_name": "Visits", "mandate_names": "Arbitrary detention", "detail_text": "Dates proposed (territory)"}]
    # The codes stay in the changes themselves, for the command line and the JSON.
    assert {"section", "mandates", "detail"} <= set(change.changes.columns)
