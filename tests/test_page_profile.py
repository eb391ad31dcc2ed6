"""AppTest of the Cooperation profile: deep links, its figures equal sp_data.profile, the State picker, empty cases."""
import datetime as dt

import pytest

from conftest import chart_titles, metrics
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.profile_types import StateProfile

PAGE = "pages/profile.py"
END_2023 = dt.date(2023, 12, 31)


def shown_text(at) -> str:
    """Every markdown, caption and info text the page rendered, joined."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def expected_metrics(p: StateProfile) -> dict:
    return {k.label: k.display for k in p.key_figures}


def test_deep_link_shows_iran_as_sp_data_computes_it_for_2022(app, demo_db):
    at = app(PAGE, state="IRN", year="2022").run()
    assert not at.exception
    p = profile(demo_db, Filters(dt.date(2022, 12, 31)), "IRN")
    assert p.name == "Iran (Islamic Republic of)"
    assert [h.value for h in at.header] == [p.name]
    shown = metrics(at)
    assert {label: shown[label] for label in expected_metrics(p)} == expected_metrics(p)
    assert shown["Pending requests"] == str(p.figures.pending_requests)
    assert "Visits, 2018–2022" in shown and "Substantive reply rate, 2022" in shown
    # The comparison with the group is shown under the figure.
    pending = next(m for m in at.metric if m.label == "Pending requests")
    assert pending.proto.delta_description == next(
        k.comparison for k in p.key_figures if k.key == "pending_requests")
    assert p.summary in shown_text(at)
    assert p.summary.startswith("No standing invitation;")
    titles = chart_titles(at)
    assert f"Visit requests to {p.name} and what became of them, as at 31 December 2022" in titles
    assert f"Communications sent to {p.name} and substantive replies, 2011–2022" in titles
    assert f"Substantive reply rate of {p.name}, 2011–2022" in titles
    assert any(w.value.startswith("**Simulated demonstration data.**") for w in at.warning)
    # The threads table lists every thread; IRN has a country mandate, so its access is shown.
    tables = [df.value for df in at.dataframe]
    assert p.threads.height in [t.shape[0] for t in tables]
    assert "Country-mandate access" in [s.value for s in at.subheader]


def test_changing_the_state_changes_the_profile_and_the_link_reproduces_it(app, demo_db):
    at = app(PAGE, state="IRN").run()
    before = metrics(at)
    at.selectbox(key="_url_state").set_value("CAF").run()
    assert not at.exception
    assert at.query_params["state"] == ["CAF"] or at.query_params["state"] == "CAF"
    p = profile(demo_db, Filters(END_2023), "CAF")
    after = metrics(at)
    assert after != before
    assert {label: after[label] for label in expected_metrics(p)} == expected_metrics(p)
    assert [h.value for h in at.header] == ["Central African Republic"]
    assert p.summary in shown_text(at)
    linked = app(PAGE, state="CAF").run()
    assert metrics(linked) == after
    assert [h.value for h in linked.header] == ["Central African Republic"]


def test_a_year_filter_changes_the_figures(app, demo_db):
    at = app(PAGE, state="CAF").run()
    at.selectbox(key="year").set_value(2019).run()
    assert not at.exception
    p = profile(demo_db, Filters(dt.date(2019, 12, 31)), "CAF")
    assert {label: metrics(at)[label] for label in expected_metrics(p)} == expected_metrics(p)
    assert "Visits, 2015–2019" in metrics(at)


def test_empty_case_state_explains_each_empty_part(app, demo_db):
    p = profile(demo_db, Filters(END_2023), "VAT")
    # The Holy See: an observer in no group, never asked for a visit.
    assert p.threads.height == 0 and not p.figures.ever_visited and p.regional_group is None
    at = app(PAGE, state="VAT").run()
    assert not at.exception
    infos = [i.value for i in at.info]
    for key in ("threads", "pending", "visits"):
        assert getattr(p.notes, key) in infos
    assert p.notes.group in shown_text(at)
    assert "No special procedure had asked to visit Holy See by 31 December 2023" in p.notes.threads
    assert not any(t and t.startswith("Visit requests to") for t in chart_titles(at))
    assert "Country-mandate access" not in [s.value for s in at.subheader]
    # Figures without a group show no comparison.
    assert all(not m.proto.delta for m in at.metric)


def test_a_never_visited_state_with_requests(app, demo_db):
    p = profile(demo_db, Filters(END_2023), "TZA")
    at = app(PAGE, state="TZA").run()
    assert not at.exception
    assert metrics(at)["Last visit"] == "Never"
    assert p.notes.visits in [i.value for i in at.info]
    assert "never visited" in p.summary


def test_state_outside_the_selected_groups_is_shown_and_said_to_be(app, demo_db):
    at = app(PAGE, state="IRN", groups=["AG"]).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Iran (Islamic Republic of)"]
    assert any("outside the selected regional groups (AG)" in i.value for i in at.info)
    # Its figures and its comparison group (APG) do not depend on the group filter.
    p = profile(demo_db, Filters(END_2023, regions=("AG",)), "IRN")
    assert {label: metrics(at)[label] for label in expected_metrics(p)} == expected_metrics(p)


def test_default_state_is_the_first_of_the_selected_groups(app):
    at = app(PAGE, groups=["WEOG"]).run()
    assert not at.exception
    assert at.selectbox(key="_url_state").value == "AND"
    assert [h.value for h in at.header] == ["Andorra"]
    assert not any("outside the selected" in i.value for i in at.info)
    unknown = app(PAGE, state="ZZZ").run()
    assert not unknown.exception
    assert [h.value for h in unknown.header] == ["Afghanistan"]


@pytest.mark.parametrize("iso3", ["PSE", "VAT", "KIR", "ISR", "USA", "BHS", "AFG", "CHN", "FRA", "SMR"])
def test_no_exception_for_a_sample_of_states(app, iso3):
    at = app(PAGE, state=iso3).run()
    assert not at.exception, f"{iso3}: {at.exception}"
    assert at.selectbox(key="_url_state").value == iso3
    assert len(at.metric) == 8


def test_observer_palestine_shows_the_opt_mandate_addressed_to_israel(app, demo_db):
    p = profile(demo_db, Filters(END_2023), "PSE")
    assert p.country_mandates["host_iso3"].to_list() == ["ISR"]
    at = app(PAGE, state="PSE").run()
    assert "Country-mandate access" in [s.value for s in at.subheader]
    assert any(df.value.shape[0] == 1 and "Israel" in df.value.to_string() for df in at.dataframe)


def test_a_state_with_nothing_at_all_explains_every_empty_part(app, tmp_path, monkeypatch):
    """On a small snapshot: Carpania (CCC) was never asked for a visit and was sent nothing."""
    from conftest import FULL_COVERAGE, frames, thread, threads
    from sp_data.snapshot import write_snapshot

    rows = threads(thread("A1", "AAA", [(dt.date(2022, 3, 1), "requested"), (dt.date(2024, 1, 15), "reminder")]))
    comms = [{"ref": "C1", "sent_on": dt.date(2021, 5, 1), "type": "AL", "recipient_kind": "state", "iso3": "AAA",
              "mandate_ids": ["SR-EDU"], "follow_up": False}]
    write_snapshot(frames(communications=comms, **rows), source="test fixture", simulated=False,
                   root=tmp_path, snapshot_id="empty-case", coverage=FULL_COVERAGE)
    monkeypatch.setenv("SP_PARQUET_DIR", str(tmp_path))
    monkeypatch.setenv("SP_SNAPSHOT", "empty-case")
    at = app(PAGE, state="CCC").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Carpania"]
    assert [i.value for i in at.info] == [
        "No special procedure had asked to visit Carpania by 31 December 2023: there is no visit thread to show.",
        "Carpania has no pending request as at 31 December 2023: no visit thread is awaiting an answer (status "
        "requested, reminder or acknowledged) with a request or reminder dated since 1 January 2019.",
        "Carpania has never been visited: no visit was carried out by 31 December 2023.",
        "No communication was sent to Carpania from 2021 to 2023.",
    ]
    assert chart_titles(at) == []
    assert "Country-mandate access" not in [s.value for s in at.subheader]
    assert metrics(at)["Substantive reply rate, 2023"] == "–"
    assert "No standing invitation; no pending request; never visited; no communication was sent in 2023." in (
        shown_text(at))
    # Borduria has a country mandate (SR-BBB): its access is shown even with no visit thread.
    at = app(PAGE, state="BBB").run()
    assert "Country-mandate access" in [s.value for s in at.subheader]
    assert any("no request in five years" in df.value.to_string() for df in at.dataframe)
