"""Nothing leaves without its label: the files the pages' own buttons make, opened; Streamlit's own exports off."""
from __future__ import annotations

import io
import json
import tomllib

import openpyxl
import pandas as pd
import polars as pl
import pytest
import streamlit
from streamlit.delta_generator import DeltaGenerator

from sp_data import exports
from sp_data.briefing import year_file_stem
from sp_data.charts.profile import communications_by_year
from sp_data.exports import SIMULATED_NOTICE, Provenance
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.profile import profile
from conftest import D


@pytest.fixture
def downloads(monkeypatch):
    """Every download button a page draws: {key or label: (file name, the function or bytes it would send)}."""
    seen: dict[str, tuple[str, object]] = {}
    original = DeltaGenerator.download_button

    def record(self, label, data, file_name=None, *args, **kwargs):
        seen[kwargs.get("key") or label] = (file_name, data)
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    monkeypatch.setattr(streamlit, "download_button",
                        lambda *a, **k: record(streamlit._main, *a, **k))
    return seen


def _bytes(data) -> bytes:
    return data() if callable(data) else data


def test_profile_csv_and_xlsx_carry_the_notice_the_source_and_the_states_name(app, downloads, demo_db):
    at = app("pages/profile.py", state="IRN").run()
    assert not at.exception
    threads = profile(demo_db, Filters(D(2023, 12, 31)), "IRN").threads
    name, data = downloads["csv-IRN-visit-threads"]
    assert name == "irn-visit-threads_demo_as-at-2023-12-31-SIMULATED.csv"
    text = _bytes(data).decode("utf-8-sig").splitlines()
    assert text[:3] == ["# SIMULATED DATA - not official figures",
                        "# Source: special procedures cooperation dashboard, snapshot demo (1 July 2024)",
                        "# Figures as at 31 December 2023; all regional groups; State Iran (Islamic Republic of) (IRN)"]
    assert text[3].startswith("Thread,")
    # As the README says: pandas skips the comment lines with comment="#", polars with comment_prefix="#".
    read = pd.read_csv(io.BytesIO(_bytes(data)), comment="#", encoding="utf-8-sig")
    assert len(read) == threads.height == 11 and list(read.columns)[0] == "Thread"
    assert pl.read_csv(io.BytesIO(_bytes(data)), comment_prefix="#").height == 11
    _, data = downloads["xlsx-IRN-visit-threads"]
    ws = openpyxl.load_workbook(io.BytesIO(_bytes(data)))["Data"]
    assert ws["A1"].value == "Iran (Islamic Republic of): visit threads"
    assert ws["A2"].value == SIMULATED_NOTICE
    assert ws.max_row - exports.HEADER_ROW == 11


def test_static_images_carry_no_hover_instructions(app, downloads):
    at = app("pages/profile.py", state="IRN").run()
    on_screen = next(json.loads(c.proto.spec)["title"] for c in at.get("vega_lite_chart")
                     if json.loads(c.proto.spec)["title"]["text"].startswith("Visit requests to"))
    assert on_screen["subtitle"].endswith("Hover over a point for its mandate and date.")
    svg = _bytes(downloads["svg-IRN-visit-threads"][1]).decode("utf-8")
    assert "Hover" not in svg and "hover" not in svg
    assert "dashed line: the as-at date." in svg  # the rest of the subtitle stays
    png = _bytes(downloads["png-IRN-visit-threads"][1])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("subtitle, kept", [
    ("Shaded: the window. Hover over a point for its mandate and date.", "Shaded: the window."),
    (["First line.", "Click a bar to filter"], ["First line."]),
    ("Tap or hover for details", ""),
    ("No instructions here.", "No instructions here."),
])
def test_static_strips_only_the_interaction_sentences(subtitle, kept):
    import altair as alt

    chart = alt.Chart(pl.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").properties(
        title=alt.TitleParams("T", subtitle=subtitle, fontSize=15))
    title = exports.static(chart).to_dict()["title"]
    assert title.get("subtitle", "") == kept and title["fontSize"] == 15 and title["text"] == "T"


def test_official_csv_has_the_source_without_the_notice(tmp_path):
    from conftest import frames
    from sp_data.snapshot import open_snapshot, write_snapshot

    path, _ = write_snapshot(frames(), source="x", simulated=False, root=tmp_path, snapshot_id="official-1",
                             created="2024-01-15T00:00:00+00:00")
    prov = Provenance.of(open_snapshot(path), Filters(D(2023, 12, 31), regions=("AG",)))
    lines = exports.table_csv(pl.DataFrame({"a": [1]}), prov).decode("utf-8-sig").splitlines()
    assert lines == ["# Source: special procedures cooperation dashboard, snapshot official-1 (15 January 2024)",
                     "# Figures as at 31 December 2023; AG", "a", "1"]


def test_year_briefing_file_name_names_the_groups(app, downloads):
    at = app("pages/overview.py", year="2020", groups=["EEG", "APG"]).run()
    assert not at.exception
    assert downloads["briefing-year"][0] == "briefing-2020-apg-eeg_demo_as-at-2020-12-31-SIMULATED.pdf"
    assert year_file_stem(Filters(D(2023, 12, 31))) == "briefing-2023-all-groups"


def test_state_briefing_chart_has_one_legend_per_panel(demo_db):
    p = profile(demo_db, Filters(D(2023, 12, 31)), "IRN")
    svg = exports.render_svg(communications_by_year(p.communications, "Iran (Islamic Republic of)", "APG", "T"))
    # Before: a second, stray legend (two dots) beside the bars repeated both names.
    assert svg.count(">APG median State<") == 1
    assert svg.count(">Iran (Islamic Republic of)<") == 1


def test_streamlit_own_exports_are_off():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True  # the table toolbar's "Download as CSV"


def test_every_page_hides_the_chart_menus_download(app):
    at = app("pages/country_visits.py").run()
    styles = [h.proto.body for h in at.get("html")]
    assert any('aria-label^="Download as"' in s and "display: none" in s for s in styles)


def test_a_data_page_csv_with_its_comment_lines_imports_again(tmp_path, demo_snapshot, demo_db):
    from sp_data.catalog import table
    from sp_data.errors import SourceError
    from sp_data.export_csv import write_source
    from sp_data.export_csv import read_snapshot_tables
    from sp_data.source import read_source

    write_source(read_snapshot_tables(demo_snapshot), tmp_path)
    prov = Provenance.of(demo_snapshot, Filters(D(2023, 12, 31)))
    states = table(demo_db, "states")
    (tmp_path / "states.csv").write_bytes(exports.table_csv(states, prov))  # as the Data page exports it
    assert (tmp_path / "states.csv").read_text(encoding="utf-8-sig").startswith("# SIMULATED DATA")
    assert read_source(tmp_path).tables["states"].height == 195
    # Row numbers still count the comment lines, as a spreadsheet shows them.
    text = (tmp_path / "states.csv").read_text(encoding="utf-8-sig").replace("AFG,Afghanistan,APG", "AFG,Afghanistan,XXX")
    (tmp_path / "states.csv").write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as err:
        read_source(tmp_path)
    assert any(i.file.endswith("states.csv") and i.row == 5 and i.value == "XXX" for i in err.value.issues)
