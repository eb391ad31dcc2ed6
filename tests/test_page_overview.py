"""AppTest of the Overview: renders, its tiles equal `facts`, filters change it, the URL round-trips."""
import datetime as dt

import pytest

from conftest import chart_titles, metrics
from sp_data.facts import facts
from sp_data.params import Filters


def test_overview_renders_the_published_2023_figures(app, demo_db):
    at = app().run()
    assert not at.exception
    shown = metrics(at)
    f = facts(demo_db, Filters(dt.date(2023, 12, 31)))
    assert f["visits_in_year"] == 82
    assert shown["Visits carried out"] == "82"
    assert shown["Never visited"] == "21"
    assert shown["5+ pending, none accepted"] == "24"
    assert shown["Communications sent"] == "723"
    assert shown["Substantive reply rate"] == "43.15 %"
    assert shown["Member States"] == "128 of 193"
    assert shown["Mandates"] == "60"
    assert shown["Thematic / country"] == "46 / 14"
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_overview_tiles_follow_the_region_filter_and_year(app, demo_db):
    at = app(groups=["AG", "WEOG"], year="2022").run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2022, 12, 31), regions=("AG", "WEOG")))
    shown = metrics(at)
    assert shown["Visits carried out"] == f"{f['visits_in_year']:,}"
    assert shown["Never visited"] == f"{f['member_states_never_visited']:,}"
    assert shown["Communications sent"] == f"{f['communications_sent']:,}"
    assert f["communications_sent"] != 723  # the filter really changed the figures


def test_changing_a_filter_changes_the_tiles_and_the_link_reproduces_it(app):
    at = app().run()
    before = metrics(at)
    at.multiselect(key="groups").set_value(["EEG"]).run()
    assert not at.exception
    after = metrics(at)
    assert after["Visits carried out"] != before["Visits carried out"]
    # The browser writes bound filters to the URL (tested in test_browser.py); opening that URL
    # must show the same view.
    linked = app(groups=["EEG"]).run()
    assert metrics(linked) == after


def test_overview_charts_say_what_and_when(app):
    at = app().run()
    titles = chart_titles(at)
    assert "Country visits carried out in 2023, by host's regional group" in titles
    assert "Communications sent to States in 2023, by regional group" in titles
    assert any(t.startswith("Pending requests, as at 31 December 2023") for t in titles)


def test_as_at_date_gives_the_year_so_far(app, demo_db):
    at = app(as_at="2023-06-30").run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2023, 6, 30)))
    assert metrics(at)["Visits carried out"] == f"{f['visits_in_year']:,}"
    assert f["visits_in_year"] < 82
