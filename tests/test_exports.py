"""Chart and table exports: real files with the provenance (and the simulated notice) inside them."""
from __future__ import annotations

import csv
import datetime as dt
import io
import struct
import xml.etree.ElementTree as ET

import altair as alt
import openpyxl
import polars as pl
import pytest
from pypdf import PdfReader

from sp_data import charts, exports
from sp_data.charts.profile import communications_by_year, thread_timeline
from sp_data.exports import SIMULATED_NOTICE, Provenance
from sp_data.facts import default_as_at, states
from sp_data.groups import by_group, map_data, trends
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.snapshot import open_snapshot, write_snapshot
from conftest import D, frames

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def demo(demo_snapshot, demo_db):
    filters = Filters(as_at=default_as_at(demo_db))
    return demo_snapshot, demo_db, filters, Provenance.of(demo_snapshot, filters)


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    """A tiny snapshot that is not simulated."""
    path, _ = write_snapshot(frames(), source="test fixture", simulated=False,
                             root=tmp_path_factory.mktemp("parquet"), snapshot_id="official-1",
                             created="2024-02-03T00:00:00+00:00")
    return open_snapshot(path)


def _svg_size(root: ET.Element) -> tuple[float, float]:
    return float(root.get("width")), float(root.get("height"))


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def _bars(demo) -> alt.LayerChart:
    snap, con, filters, _ = demo
    return charts.bars_by_group(by_group(con, filters), "visits_in_year", "Visits carried out",
                                "Country visits carried out in 2023, by host's regional group")


def _every_kind(demo) -> dict[str, tuple[alt.TopLevelMixin, str]]:
    """One chart of every kind the pages draw, with its title: layered, single, concatenated, map."""
    snap, con, filters, _ = demo
    p = profile(con, filters, "IRN")
    return {
        "layered bars": (_bars(demo), "Country visits carried out in 2023, by host's regional group"),
        "lines": (charts.lines_over_years(trends(con, filters, 2014, 2023), "visits", "Visits",
                                          "Country visits per year, 2014-2023"), "Country visits per year, 2014-2023"),
        "geoshape map": (charts.world_map(map_data(con, filters), "pending_requests", "Pending requests, 2023"),
                         "Pending requests, 2023"),
        "vconcat": (communications_by_year(p.communications, p.name, p.regional_group,
                                           "Communications to Iran per year"), "Communications to Iran per year"),
        "timeline": (thread_timeline(p.threads, p.events, "Visit requests to Iran", p.as_at,
                                     p.window_start), "Visit requests to Iran"),
        "hconcat": (alt.hconcat(*[alt.Chart(pl.DataFrame({"g": ["AG", "EEG"], "n": [3, 5]}), title=f"Part {i}")
                                  .mark_bar().encode(x="n:Q", y="g:N") for i in (1, 2)]), "Part 2"),
    }


# --- provenance ------------------------------------------------------------------------------

def test_provenance_line_and_file_name(demo_snapshot):
    filters = Filters(as_at=D(2023, 12, 31), regions=("WEOG", "AG"), threshold=7)
    prov = Provenance.of(demo_snapshot, filters, extra="State IRN")
    assert prov.line == ("Source: special procedures cooperation dashboard, snapshot demo (1 July 2024); "
                         "figures as at 31 December 2023; AG, WEOG; five-plus threshold 7; State IRN | "
                         "SIMULATED DATA - not official figures")
    assert prov.file_name("Visits by group", "csv") == "visits-by-group_demo_as-at-2023-12-31-SIMULATED.csv"
    default = Provenance.of(demo_snapshot, Filters(as_at=D(2022, 6, 30)))
    assert "threshold" not in default.line and "all regional groups" in default.line


def test_official_snapshot_file_name_and_line_say_nothing_of_simulation(official):
    prov = Provenance.of(official, Filters(as_at=D(2023, 12, 31)))
    assert prov.file_name("t", "xlsx") == "t_official-1_as-at-2023-12-31.xlsx"
    assert "SIMULATED" not in prov.line and "snapshot official-1 (3 February 2024)" in prov.line


# --- charts ----------------------------------------------------------------------------------

def test_png_is_a_real_png_at_twice_the_svg_size(demo):
    prov = demo[3]
    chart = _bars(demo)
    svg = ET.fromstring(exports.chart_svg(chart, prov))
    width, height = _svg_size(svg)
    png = exports.chart_png(chart, prov)
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (round(2 * width), round(2 * height))
    # The chart itself (640 px wide) and the footer below it.
    assert width >= 600 and height > 250


def test_svg_parses_and_carries_title_provenance_and_notice(demo):
    prov = demo[3]
    root = ET.fromstring(exports.chart_svg(_bars(demo), prov))
    words = [t.text or "" for t in _texts(root)]
    assert "Country visits carried out in 2023, by host's regional group" in words
    footer = " ".join(w for w in words if w.startswith(("Source:", "Figures", "figures")) or "snapshot" in w)
    assert "snapshot demo (1 July 2024)" in footer and "as at 31 December 2023; all regional groups" in footer
    assert root.find(f"{SVG}desc").text == prov.line
    assert words.count(SIMULATED_NOTICE) >= 4  # tiled, and once more in the footer


@pytest.mark.parametrize("kind", ["layered bars", "lines", "geoshape map", "vconcat", "timeline", "hconcat"])
def test_watermark_covers_every_part_of_every_kind_of_chart(demo, kind):
    """Each quarter of the drawing holds a copy of the notice, so no crop of a quarter or more hides it."""
    chart, title = _every_kind(demo)[kind]
    prov = demo[3]
    root = ET.fromstring(exports.chart_svg(chart, prov))
    width, height = _svg_size(root)
    words = [t.text for t in _texts(root)]
    assert title in words
    if kind == "geoshape map":  # the countries themselves are drawn, from the bundled shapes
        assert len(list(root.iter(f"{SVG}path"))) > 150
    footer_top = float(next(r.get("y") for r in root.iter(f"{SVG}rect") if r.get("fill") == "white"
                            and float(r.get("y", 0)) > 0))
    marks = [t for t in _texts(root) if t.text == SIMULATED_NOTICE and "rotate(-30" in (t.get("transform") or "")]
    # Points along each copy's baseline: it runs up to the right at 30 degrees, about 0.55 em a character.
    points = []
    for t in marks:
        x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
        length = 0.55 * size * len(SIMULATED_NOTICE)
        points += [(x + f * length * 0.866, y - f * length * 0.5) for f in (i / 20 for i in range(21))]
    for qx in (0, 1):
        for qy in (0, 1):
            x0, x1 = qx * width / 2, (qx + 1) * width / 2
            y0, y1 = qy * footer_top / 2, (qy + 1) * footer_top / 2
            assert any(x0 <= x <= x1 and y0 <= y <= y1 for x, y in points), (kind, qx, qy)
    png = exports.chart_png(chart, prov)
    assert png[:8] == PNG_SIGNATURE
    assert struct.unpack(">II", png[16:24]) == (round(2 * width), round(2 * height))


def test_official_chart_has_provenance_but_no_notice(official, make_db):
    con = make_db()
    filters = Filters(as_at=D(2023, 12, 31))
    prov = Provenance.of(official, filters)
    chart = charts.bars_by_group(by_group(con, filters), "member_states", "Member States", "Member States by group")
    root = ET.fromstring(exports.chart_svg(chart, prov))
    words = " ".join(t.text or "" for t in _texts(root))
    assert "snapshot official-1 (3 February 2024)" in words
    assert "SIMULATED" not in exports.chart_svg(chart, prov).decode()


def test_chart_pdf_is_one_page_with_the_footer(demo):
    pdf = exports.chart_pdf(_bars(demo), demo[3])
    assert pdf[:5] == b"%PDF-"
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1


def test_a_chart_that_would_fetch_data_is_refused():
    chart = alt.Chart(alt.UrlData("https://example.org/data.csv")).mark_bar().encode(x="a:Q")
    prov = Provenance("x", "2024-01-01", False, D(2023, 12, 31), "as at 31 December 2023; all regional groups")
    with pytest.raises(exports.ExportError, match="example.org"):
        exports.chart_svg(chart, prov)


def test_a_chart_of_many_rows_and_a_narrow_chart_export_whole():
    prov = Provenance("big", "2024-01-01", True, D(2023, 12, 31), "as at 31 December 2023; all regional groups")
    many = alt.Chart(pl.DataFrame({"x": list(range(6000))})).mark_tick().encode(x="x:Q")
    root = ET.fromstring(exports.chart_svg(many, prov))
    assert root.find(f"{SVG}desc").text == prov.line
    narrow = alt.Chart(pl.DataFrame({"a": ["x"], "n": [1]})).mark_bar().encode(x="a:N", y="n:Q").properties(
        width=60, height=60, title="Tiny")
    root = ET.fromstring(exports.chart_svg(narrow, prov))
    width, _ = _svg_size(root)
    footer = [t.text for t in _texts(root) if t.get("font-size") == "11" and t.text != SIMULATED_NOTICE]
    assert width == exports.MIN_STAMP_WIDTH and all(6.0 * len(line) + 8 <= width for line in footer)
    assert " ".join(footer).replace(" ", "") == f"{prov.source_text}; Figures as at 31 December 2023; all regional groups".replace(" ", "")


def test_charts_render_with_the_fonts_vl_convert_embeds():
    """Text is drawn in Liberation Sans, which vl-convert carries inside its binary: no system font needed."""
    chart = alt.Chart(pl.DataFrame({"a": [1]})).mark_text(text="Côte d'Ivoire").properties(title="Türkiye")
    svg = exports.render_svg(chart)
    assert "Türkiye" in svg and "Côte d'Ivoire" in svg  # text stays text in the SVG


# --- tables ----------------------------------------------------------------------------------

def _csv_rows(data: bytes) -> list[list[str]]:
    assert data[:3] == b"\xef\xbb\xbf"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_csv_holds_sp_data_values(demo):
    snap, con, filters, _ = demo
    frame = states(con, filters).select("iso3", "name", "pending_requests", "reply_rate_percent")
    rows = _csv_rows(exports.table_csv(frame))
    assert rows[0] == ["iso3", "name", "pending_requests", "reply_rate_percent"]
    assert len(rows) == frame.height + 1
    by_iso = {r[0]: r for r in rows[1:]}
    for row in frame.iter_rows(named=True):
        got = by_iso[row["iso3"]]
        assert got[1] == row["name"]
        assert int(got[2]) == row["pending_requests"]
        assert (got[3] == "") if row["reply_rate_percent"] is None else float(got[3]) == row["reply_rate_percent"]
    assert any(r[1] == "Côte d'Ivoire" for r in rows)


def test_csv_defuses_formulas_and_joins_lists():
    frame = pl.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "@a", "plain", "-x"], "tags": [["a", "b"]] * 5})
    rows = _csv_rows(exports.table_csv(frame))
    assert [r[0] for r in rows[1:]] == ["'=HYPERLINK(\"x\")", "'+1", "'@a", "plain", "'-x"]
    assert rows[1][1] == "a; b"


def test_xlsx_has_values_title_notice_and_provenance_sheet(demo):
    snap, con, filters, prov = demo
    frame = by_group(con, filters).select("regional_group", "member_states", "visits_in_year", "reply_rate_percent")
    wb = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, prov, "visits-by-group")))
    assert wb.sheetnames == ["Data", "Provenance"]
    ws = wb["Data"]
    assert ws["A1"].value == "Visits by group"
    assert ws["A2"].value == SIMULATED_NOTICE and ws["A2"].font.b
    assert ws["A3"].value == prov.line
    header = [c.value for c in ws[exports.HEADER_ROW]][:4]
    assert header == ["regional_group", "member_states", "visits_in_year", "reply_rate_percent"]
    got = [[c.value for c in row][:4] for row in ws.iter_rows(min_row=exports.HEADER_ROW + 1)]
    assert got == [list(r) for r in frame.iter_rows()]
    assert SIMULATED_NOTICE in ws.oddHeader.center.text
    meta = {r[0].value: r[1].value for r in wb["Provenance"].iter_rows()}
    assert meta["Snapshot"] == "demo" and meta["As at"] == "31 December 2023"
    assert meta["Filters"] == "as at 31 December 2023; all regional groups"
    assert meta["Simulated data"] == f"YES - {SIMULATED_NOTICE}"
    assert meta["Provenance"] == prov.line


def test_xlsx_of_an_official_snapshot_and_hostile_text(official):
    prov = Provenance.of(official, Filters(as_at=D(2023, 6, 30)))
    frame = pl.DataFrame({"actor": ["=cmd|' /C calc'!A0", "Acme"], "sent": [2, 3],
                          "on": [dt.date(2023, 1, 2), dt.date(2023, 5, 6)]})
    wb = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, prov, "Non-State actors")))
    ws = wb["Data"]
    assert ws["A1"].value == "Non-State actors" and ws["A2"].value is None
    cell = ws.cell(exports.HEADER_ROW + 1, 1)
    assert cell.data_type == "s" and cell.value == "=cmd|' /C calc'!A0"  # text, never a formula
    assert ws.cell(exports.HEADER_ROW + 2, 2).value == 3
    assert ws.cell(exports.HEADER_ROW + 2, 3).value.date() == dt.date(2023, 5, 6)
    meta = {r[0].value: r[1].value for r in wb["Provenance"].iter_rows()}
    assert meta["Simulated data"] == "no" and meta["As at"] == "30 June 2023"
    assert not any("SIMULATED" in str(c.value) for row in ws.iter_rows() for c in row)


def test_empty_table_exports():
    prov = Provenance("x", "2024-01-01", True, D(2023, 12, 31), "as at 31 December 2023; all regional groups")
    frame = pl.DataFrame(schema={"name": pl.String, "n": pl.Int64})
    assert _csv_rows(exports.table_csv(frame)) == [["name", "n"]]
    ws = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, prov, "Nothing")))["Data"]
    assert [c.value for c in ws[exports.HEADER_ROW]][:2] == ["name", "n"]
    assert ws["A2"].value == SIMULATED_NOTICE


# --- the pages offer them ----------------------------------------------------------------------

PAGES = ["pages/overview.py", "pages/profile.py", "pages/country_visits.py", "pages/never_visited.py",
         "pages/pending_requests.py", "pages/communications.py", "pages/standing_invitations.py", "pages/data.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_and_table_on_every_page_has_its_downloads(app, page):
    at = app(page, year="2023", state="IRN").run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    chart_count = len(at.get("vega_lite_chart"))
    table_count = len(at.dataframe)
    assert chart_count + table_count > 0, f"{page} shows no chart or table"
    assert labels.count("PNG") == labels.count("SVG") == chart_count, page
    assert labels.count("CSV") == labels.count("XLSX") == table_count, page
