"""AppTest of the Data and definitions page."""
from sp_data.definitions import DEFINITIONS


def test_data_page_shows_provenance_definitions_and_tables(app, demo_snapshot):
    at = app("pages/data.py").run()
    assert not at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Snapshot"] == "demo"
    assert values["Simulated"] == "Yes"
    assert values["Data covers"] == "1995–2024"
    text = " ".join(m.value for m in at.markdown)
    for definition in DEFINITIONS.values():
        assert definition.split(":")[0] in text
    files = at.dataframe[0].value
    assert list(files.columns) == ["table", "file", "rows", "sha256"]
    assert files["rows"].tolist() == [demo_snapshot.manifest["row_counts"][t] for t in files["table"]]
    assert files["rows"].tolist()[:3] == [195, 65, demo_snapshot.manifest["row_counts"]["visits"]]
    assert list(files["sha256"]) == [demo_snapshot.manifest["files"][f] for f in files["file"]]
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_choosing_a_table_shows_it_and_the_link_reproduces_it(app, demo_snapshot):
    at = app("pages/data.py").run()
    at.selectbox(key="table").set_value("mandates").run()
    assert not at.exception
    shown = at.dataframe[1].value
    assert len(shown) == demo_snapshot.manifest["row_counts"]["mandates"] == 65
    assert list(shown.columns) == ["mandate_id", "title", "kind", "country_iso3", "established_on", "ended_on"]
    linked = app("pages/data.py", table="mandates").run()
    assert len(linked.dataframe[1].value) == 65
    assert len(at.get("download_button")) >= 4
