"""AppTest of the Data and definitions page."""
from sp_data.definitions import DEFINITIONS
from sp_data.plain import formal
from sp_data.wording import table_name


def test_data_page_shows_provenance_definitions_and_tables(app, demo_snapshot):
    at = app("pages/data.py").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Snapshot"] == "demo"
    assert values["Simulated"] == "Yes"
    assert values["Data covers"] == "1995–2024"
    text = " ".join(m.value for m in at.markdown)
    for term in DEFINITIONS:
        assert formal(term).split(":")[0] in text
    # The reply rate's example is the shown year's and groups' own.
    assert "(for 2023, all regional groups: 312 of 723 = 43.15 %)." in text
    # The files and their checksums: in an expander below, by table name, without file names.
    files = next(d.value for d in at.dataframe if "sha256" in d.value.columns)
    assert list(files.columns) == ["table_name", "rows", "sha256"]
    codes = ["states", "mandates", "visits", "visit_events", "standing_invitations", "communications", "replies",
             "hrc_membership"]
    assert files["table_name"].tolist() == [table_name(t) for t in codes]
    assert files["rows"].tolist() == [demo_snapshot.manifest["row_counts"][t] for t in codes]
    assert files["rows"].tolist()[:3] == [195, 65, demo_snapshot.manifest["row_counts"]["visits"]]
    assert list(files["sha256"]) == [demo_snapshot.manifest["files"][f"{t}.parquet"] for t in codes]
    assert "sha256" not in text.split("Files and checksums")[0] and ".parquet" not in text
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_choosing_a_table_shows_it_and_the_link_reproduces_it(app, demo_snapshot):
    at = app("pages/data.py").run()
    at.selectbox(key="table").set_value("mandates").run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == demo_snapshot.manifest["row_counts"]["mandates"] == 65
    assert list(shown.columns) == ["mandate_id", "title", "kind", "country_iso3", "established_on", "ended_on"]
    linked = app("pages/data.py", table="mandates").run()
    assert len(linked.dataframe[0].value) == 65
    assert len(at.get("download_button")) >= 4
