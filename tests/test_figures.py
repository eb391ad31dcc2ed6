"""The figures registry: it names every figure facts() returns, once, and every surface renders from it."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from conftest import metrics
from sp_data.briefing.year import year_pdf
from sp_data.cli import main
from sp_data.coverage import NEEDS
from sp_data.facts import FACT_KEYS, facts
from sp_data.figures import BY_KEY, FIGURES, OVERVIEW_SECTIONS, PUBLISHED, Facts, section
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.plain import PLAIN
from sp_data.queries import run

END = Filters(dt.date(2023, 12, 31))


def test_the_registry_names_every_figure_facts_returns_and_nothing_else(demo_db):
    f = facts(demo_db, END)
    assert [k for k in f if k != "not_recorded"] == [fig.key for fig in FIGURES]
    assert len(BY_KEY) == len(FIGURES) == 30  # no key twice
    # And every column of the four facts queries, so that a figure added to a query needs its entry.
    columns = [c for topic in ("mandates", "states", "visits", "communications")
               for c in run(demo_db, f"facts_{topic}", **END.bind()).columns]
    assert sorted(columns) == sorted(BY_KEY)
    assert list(FACT_KEYS) == [fig.key for fig in PUBLISHED] and len(FACT_KEYS) == 28
    assert set(NEEDS) <= set(BY_KEY)


def test_every_entry_is_complete():
    for fig in FIGURES:
        assert all(t in PLAIN for t in fig.terms), fig.key
        assert fig.link is None or (PROJECT_ROOT / fig.link).is_file(), fig.key
        assert fig.unit in ("", "%"), fig.key
        if fig.overview:
            assert fig.overview[0] in OVERVIEW_SECTIONS and fig.help and fig.link, fig.key
    for title in OVERVIEW_SECTIONS:
        places = [fig.overview[1] for fig in section(title) if fig.overview]
        assert places == list(range(1, len(places) + 1)), title  # each place once, no gap


def test_formats_come_from_the_registry():
    f = Facts({"member_states": 193, "mandates_thematic": 46, "mandates_country": 14, "reply_rate_percent": 2.4149,
               "standing_invitations_member_states": 12, "communications_sent": 1128, "replies_received_in_year": None},
              ("replies_received_in_year",))
    assert f.tile_text(BY_KEY["standing_invitations_member_states"]) == "12 of 193"
    assert f.tile_text(BY_KEY["reply_rate_percent"]) == "2.41 %"
    assert f.tile_text(BY_KEY["mandates_country"]) == "46 / 14"
    assert f.tile_text(BY_KEY["communications_sent"]) == "1,128"
    assert f.row_text(BY_KEY["replies_received_in_year"]) == "not recorded"
    assert BY_KEY["reply_rate_percent"].cli_label == "Substantive reply rate (%)"
    assert BY_KEY["reply_rate_percent"].bare(2.4149) == "2.41"
    assert f["not_recorded"] == ("replies_received_in_year",) and not f.is_recorded("replies_received_in_year")
    assert dict(f) == {**f.data, "not_recorded": ("replies_received_in_year",)}


@pytest.fixture
def relabelled():
    """One figure's label changed, as a newcomer would change it: one line of the registry."""
    figure = BY_KEY["communications_states_addressed"]
    before = figure.label
    object.__setattr__(figure, "label", "States written to")  # frozen: the registry is read-only
    yield "States written to"
    object.__setattr__(figure, "label", before)


def test_a_label_changed_in_the_registry_shows_on_every_surface(relabelled, app, demo_db, demo_snapshot, capsys):
    overview = app().run()
    assert not overview.exception
    assert metrics(overview)[relabelled] == "126"
    communications = app("pages/communications.py").run()
    assert metrics(communications)[relabelled] == "126"
    assert "States addressed" not in metrics(communications)
    pdf = year_pdf(demo_db, demo_snapshot, END)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert f"{relabelled} 126" in text
    assert main(["facts", "--as-at", "2023-12-31"]) == 0
    line = next(row for row in capsys.readouterr().out.splitlines() if row.startswith(relabelled))
    assert line.split()[-1] == "126"
