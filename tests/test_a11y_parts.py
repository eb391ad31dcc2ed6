"""The parts that make pages readable without the picture: charts in words, short lists as HTML tables, titles that wrap."""
import datetime as dt

import polars as pl
import pytest
import streamlit as st

from sp_data.charts import base, describe
from sp_data.i18n import use
from sp_data.tools import catalogs
from ui import html_table
from ui.thread_list import thread_line

A11Y_FILES = ["sp_data/charts/describe.py", "ui/html_table.py", "ui/thread_list.py"]


def test_a_line_over_years_says_its_span_and_its_highest_and_lowest_year():
    frame = pl.DataFrame({"year": [2011, 2019, 2020, 2023], "visits": [40, 97, 12, 55]})
    spec = base.lines_over_years(frame, "visits", "Visits", "Visits carried out per year", colour=None).to_dict()
    assert describe.describe(spec) == ("Visits carried out per year. "
                                       "2011 to 2023: highest in 2019 (97), lowest in 2020 (12).")
    assert describe.summary(spec) == "2011 to 2023: highest in 2019 (97), lowest in 2020 (12)."
    with use("fr"):
        assert describe.summary(spec) == "De 2011 à 2023 : maximum en 2019 (97), minimum en 2020 (12)."


def test_bars_name_their_highest_and_lowest_by_the_name_a_reader_knows():
    frame = pl.DataFrame({"regional_group": ["AG", "EEG", "WEOG"], "n": [5, 17, 2]})
    spec = base.bars_by_group(frame, "n", "Pending", "Pending requests by group").to_dict()
    assert describe.summary(spec) == "3 bars: highest Eastern European States (17), lowest Western European and other States (2)."


def test_a_chart_with_no_figures_is_described_by_its_title_alone():
    spec = {"title": {"text": "Nothing yet"}, "mark": "rule", "data": {"values": []}}
    assert describe.describe(spec) == "Nothing yet." and describe.summary(spec) == ""


def test_a_title_wraps_on_a_phone_and_reads_whole_on_a_wide_screen():
    spec = base.fit_narrow_screens({"title": {"text": "Visit requests to Iran (Islamic Republic of) and what became "
                                                       "of them, as at 31 December 2022"}})
    lines = spec["title"]["text"].split("\n")
    assert len(lines) == 3 and max(map(len, lines)) <= base.TITLE_CHARS[0]
    assert " ".join(lines).startswith("Visit requests to Iran (Islamic Republic of) and what")
    assert "containerSize()" in spec["title"]["lineBreak"]["expr"] and spec["config"]["legend"]["orient"] == "bottom"


def test_a_short_list_is_a_table_with_a_caption_and_column_headers_in_the_readers_language():
    frame = pl.DataFrame({"name": ["Comoros", "A & B"], "n": [3, None], "on": [dt.date(2022, 11, 2), None],
                          "open": [True, False], "page": ["/mandate?mandate=WG-AD", None]})
    columns = {"name": st.column_config.Column("State"), "n": st.column_config.NumberColumn("Requests", format="%d"),
               "on": st.column_config.DateColumn("First request"), "open": st.column_config.CheckboxColumn("Pending"),
               "page": st.column_config.LinkColumn(" ", display_text="Open ›", help="Opens the mandate's page.")}
    with use("fr"):
        html = html_table.render(frame, columns, "Never visited")
    assert '<caption class="sp-sr-only">Never visited</caption>' in html
    assert '<th scope="col" data-column="name">State</th>' in html
    assert '<th scope="col" data-column="n" class="sp-num">Requests</th>' in html
    assert '<td data-column="name">Comoros</td>' in html and '<td data-column="name">A &amp; B</td>' in html
    assert '<td data-column="on">2 novembre 2022</td>' in html
    assert '<td data-column="open">Oui</td>' in html and '<td data-column="open">Non</td>' in html
    assert '<td data-column="n" class="sp-num"></td>' in html  # no zero for a gap
    assert '<a href="/mandate?mandate=WG-AD" target="_self">Open ›</a>' in html
    assert '<span class="sp-sr-only">Opens the mandate&#x27;s page.</span>' in html
    assert html.count("<tr>") == 3


def test_a_thread_in_one_line():
    row = {"thread_label": "Torture · 2016", "status_label": "Declined", "first_request_on": dt.date(2016, 5, 2),
           "visit_dates": None}
    assert thread_line(row) == "**Torture · 2016**: Declined; first request 2 May 2016"
    with use("es"):
        assert thread_line({**row, "visit_dates": "22–27 mayo 1999"}).endswith(
            "primera solicitud el 2 de mayo de 2016; visita: 22–27 mayo 1999")


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_of_these_parts_is_translated(lang):
    assert catalogs.missing(lang, A11Y_FILES) == []
