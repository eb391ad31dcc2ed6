"""Briefing layout: short tables stay whole, no row alone on a page, the provenance never alone on the last page."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from sp_data import briefing
from sp_data.briefing.layout import KEEP_TOGETHER_ROWS, Briefing, Column
from sp_data.exports import Provenance
from sp_data.params import Filters
from conftest import D


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def prov(demo_snapshot):
    return Provenance.of(demo_snapshot, Filters(D(2023, 12, 31)))


def _table_at(prov, filler_lines: int, rows: int) -> list[int]:
    """Rows of a table on each page, after filler_lines lines of text push it down the first page."""
    pdf = Briefing(prov, "Layout test")
    for i in range(filler_lines):
        pdf.paragraph(f"filler {i}", size=9.5)
    pdf.table([Column("Row", 1.0), Column("Value", 1.0, "R")], [[f"row-{i:02d}", str(i)] for i in range(rows)],
              caption="A caption under the table.")
    counts = [len(re.findall(r"row-\d\d", text)) for text in _pages(bytes(pdf.output()))]
    return [c for c in counts if c]


@pytest.mark.parametrize("rows", [3, KEEP_TOGETHER_ROWS, 20])
def test_no_table_row_is_left_alone_on_a_page(prov, rows):
    layouts = {tuple(_table_at(prov, filler, rows)) for filler in range(0, 44, 4)}
    for counts in layouts:
        assert sum(counts) == rows
        if rows <= KEEP_TOGETHER_ROWS:
            assert len(counts) == 1, counts  # a short table is never split
        else:
            assert min(counts) >= 2, counts  # neither a first nor a last row alone
    if rows > KEEP_TOGETHER_ROWS:
        assert any(len(c) == 2 for c in layouts)  # the long table did run over a page in some layouts


def test_state_briefing_keeps_pending_requests_together_and_ends_with_definitions(demo_snapshot, demo_db):
    pages = _pages(briefing.state_pdf(demo_db, demo_snapshot, Filters(D(2023, 12, 31)), "IRN"))
    # Six pages since the plain-words merge: the "Awaiting the special procedures" paragraph and the longer plain
    # definitions; the pending table is kept whole on its own page and the communications chart needs a page of its own.
    assert len(pages) == 6
    pending = [i for i, text in enumerate(pages) if "Pending requests as at 31 December 2023" in text]
    assert len(pending) == 1
    page = pages[pending[0]]
    # All eight pending requests on the page of their heading (before: the eighth ran onto the next page alone).
    table = page.split("Pending requests as at 31 December 2023")[1].split("Visit requests and what")[0]
    # First request, last request or reminder, reminders, pending for: each date and age on one line.
    date, age = r"\d{1,2} [A-Z][a-z]+ \d{4}", r"(?:\d+ years?(?: \d+ months?)?|\d+ months?|under a month)"
    assert len(re.findall(rf"{date} {date} \d+ {age}\n", table)) == 8
    # The provenance comes before the definitions, so the last page is not the provenance table alone.
    assert "Definitions used" not in pages[-1] or "Provenance" not in pages[-1].split("Definitions used")[1]
    last = pages[-1]
    assert "Snapshot demo (created" not in last and "Reply rate" in last


def test_timeline_years_are_spaced_to_stay_readable(demo_db):
    from sp_data.charts.profile import thread_timeline, year_step
    from sp_data.profile import profile

    assert [year_step(D(2023 - n, 12, 31), D(2023, 12, 31)) for n in (5, 8, 12, 27, 60)] == [1, 1, 2, 5, 10]
    p = profile(demo_db, Filters(D(2023, 12, 31)), "IRN")  # threads from 1997: 27 years
    spec = thread_timeline(p.threads, p.events, "t", p.as_at, p.window_start).to_dict()
    axis = next(layer["encoding"]["x"]["axis"] for layer in spec["layer"] if "axis" in layer["encoding"]["x"])
    # Before: a tick every year, "19971998..." run together; years print without a thousands separator.
    assert axis["tickCount"] == {"interval": "year", "step": 5} and axis["format"] == "%Y"
