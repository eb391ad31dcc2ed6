"""The comparison PDF: two to six States side by side, read back with pypdf, from sp_data and from the CLI."""
from __future__ import annotations

import io
import re
import subprocess
import sys

import pytest
from pypdf import PdfReader

from sp_data import briefing
from sp_data.compare import comparison, group_ranks, rank_text
from sp_data.errors import UnknownState
from sp_data.exports import SIMULATED_NOTICE
from sp_data.facts import default_as_at
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT


def pages_text(pdf: bytes) -> list[str]:
    assert pdf[:5] == b"%PDF-"
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def demo(demo_snapshot, demo_db):
    return demo_snapshot, demo_db, Filters(as_at=default_as_at(demo_db))


@pytest.fixture(scope="module")
def three(demo):
    snap, con, filters = demo
    return pages_text(briefing.compare_pdf(con, snap, filters, ("irn", "IND", "PAK")))


def test_the_pdf_holds_each_state_s_figures_and_ranks_as_sp_data_computes_them(demo, three):
    snap, con, filters = demo
    text = " ".join(three)
    assert "Comparison of 3 States" in three[0]
    c = comparison(con, filters, ("IRN", "IND", "PAK"))
    for name in ("Iran (Islamic Republic of)", "India", "Pakistan"):
        assert name in three[0]
    iran = {k.key: k for k in c.profiles[0].key_figures}
    assert f"Pending requests {iran['pending_requests'].display}" in text
    row = group_ranks(con, filters).filter(group_ranks(con, filters)["iso3"] == "IRN").row(0, named=True)
    # A rank cell wraps over lines in the table: compared with its words, whitespace aside.
    assert rank_text(row, "pending_requests", short=True).replace(" ", "") in text.replace(" ", "")
    assert "Rank within the regional group" in text and "Over the years" in text



def test_the_three_charts_over_the_years_are_drawn(demo):
    snap, con, filters = demo
    reader = PdfReader(io.BytesIO(briefing.compare_pdf(con, snap, filters, ("IRN", "IND"))))
    assert sum(len(page.images) for page in reader.pages) == 3  # pending requests, visits, reply rates


def test_every_page_carries_the_provenance_and_the_simulated_notice(three):
    assert len(three) >= 2
    for page in three:
        assert SIMULATED_NOTICE in page
        assert "snapshot demo" in page
    assert "Provenance" in " ".join(three) and "Definitions used" in " ".join(three)


def test_unknown_codes_and_wrong_counts_are_refused(demo):
    snap, con, filters = demo
    with pytest.raises(UnknownState, match="XXX"):
        briefing.compare_pdf(con, snap, filters, ("IRN", "XXX"))
    with pytest.raises(ValueError, match="two to six"):
        briefing.compare_pdf(con, snap, filters, ("IRN",))
    with pytest.raises(ValueError, match="two to six"):
        briefing.compare_pdf(con, snap, filters, ("IRN", "IND", "PAK", "AFG", "CHN", "USA", "FRA"))


def test_cli_writes_the_comparison_and_refuses_a_bad_list(tmp_path):
    out = tmp_path / "compare.pdf"
    done = subprocess.run([sys.executable, "-m", "sp_data", "brief", "--compare", "IRN,IND,PAK", "--snapshot", "demo",
                           "--out", str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Comparison of IRN,IND,PAK, snapshot demo" in done.stdout and SIMULATED_NOTICE in done.stdout
    assert "Comparison of 3 States" in pages_text(out.read_bytes())[0]
    bad = tmp_path / "bad.pdf"
    done = subprocess.run([sys.executable, "-m", "sp_data", "brief", "--compare", "IRN", "--snapshot", "demo",
                           "--out", str(bad)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "two to six States" in done.stderr and not bad.exists()
