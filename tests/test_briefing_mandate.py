"""The mandate briefing: its figures are sp_data's, every page is stamped, and the command line writes it."""
import io
import re

import pytest
from pypdf import PdfReader

from sp_data import briefing
from sp_data.cli import main
from sp_data.exports import SIMULATED_NOTICE
from sp_data.mandates import UnknownMandate, mandate_profile
from sp_data.params import Filters
from conftest import D


def pages_text(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_mandate_briefing_has_sp_datas_figures(demo_snapshot, demo_db):
    filters = Filters(as_at=D(2023, 12, 31))
    pdf = briefing.mandate_pdf(demo_db, demo_snapshot, filters, "SR-UCM")
    pages = pages_text(pdf)
    text = " ".join(pages)
    p = mandate_profile(demo_db, filters, "SR-UCM")
    assert p.title in pages[0]
    assert re.sub(r"\s+", " ", p.summary) in text
    assert "Timor-Leste Invited 17 April 2022 1 year 8 months" in text  # the visit it owes longest
    assert "SR-UCM" not in pages[0].split("In brief")[0]  # the title block names the mandate, not its id
    # Every page says the data are simulated (the footer) and carries the as-at date.
    assert all(SIMULATED_NOTICE in page and "31 December 2023" in page for page in pages)
    assert "Accepted, not yet carried out" in text and "Per mandate" in text  # definitions used


def test_unknown_mandate_is_refused(demo_snapshot, demo_db):
    with pytest.raises(UnknownMandate):
        briefing.mandate_pdf(demo_db, demo_snapshot, Filters(as_at=D(2023, 12, 31)), "NOPE")


def test_brief_command_writes_a_mandate_briefing(tmp_path, capsys):
    out = tmp_path / "wgad.pdf"
    assert main(["brief", "--mandate", "WG-AD", "--as-at", "2023-12-31", "--out", str(out)]) == 0
    assert "Mandate briefing for WG-AD" in capsys.readouterr().out
    assert "Working Group on Arbitrary Detention" in pages_text(out.read_bytes())[0]
    assert main(["brief", "--mandate", "NOPE", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "no mandate with the id 'NOPE'" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()
