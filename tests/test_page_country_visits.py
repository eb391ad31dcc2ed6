"""AppTest of Country visits: its figures equal facts and the sp_data functions, filters change it, the URL reproduces it."""
import datetime as dt

from conftest import chart_titles, metrics
from sp_data.facts import facts
from sp_data.mandates import accepted_not_carried_out
from sp_data.params import Filters
from sp_data.visits import five_plus_visits_window, open_threads, thread_status_counts, visits_carried_out

PAGE = "pages/country_visits.py"



def shown(at) -> tuple:
    """What a view shows: its figures and every table's rows."""
    return metrics(at), [df.value.to_dict("list") for df in at.dataframe]


def test_country_visits_shows_the_published_2023_figures(app, demo_db):
    at = app(PAGE).run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2023, 12, 31)))
    assert metrics(at) == {
        "Visits carried out": "82", "States and territories visited": "56", "Institutions visited": "3",
        "Member States not visited in five years": "80", "…of which received a request": "67",
        "Member States with five or more visits": "8"}
    assert (f["visits_in_year"], f["visit_hosts_states_territories"], f["visit_hosts_institutions"]) == (82, 56, 3)
    note = " ".join(c.value for c in at.caption)
    assert "The 82 visits went to 56 States and territories and 3 institutions" in note
    visits, threads, awaiting, by_mandate, by_state, not_visited, five_plus = at.dataframe
    assert len(visits.value) == 82
    # The special procedures' side: 11 visits accepted and not yet carried out as at 31 December 2023.
    assert len(awaiting.value) == 11 and by_mandate.value["visits"].sum() == by_state.value["visits"].sum() == 11
    assert awaiting.value["host"].tolist()[:2] == ["Timor-Leste", "Kyrgyzstan"]
    assert awaiting.value["accepted_ago"].tolist()[:2] == ["1 year 8 months", "1 year 6 months"]
    assert awaiting.value["mandate_page"].tolist()[0].startswith("/mandate?mandate=SR-UCM")
    assert len(not_visited.value) == 80 and not_visited.value["request_in_5y"].sum() == 67
    assert sorted(five_plus.value["name"]) == ["Bangladesh", "Brazil", "Central African Republic", "Honduras",
                                               "Kyrgyzstan", "Mali", "Mongolia", "Qatar"]
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_tables_are_the_sp_data_functions_output(app, demo_db):
    at = app(PAGE).run()
    filters = Filters(dt.date(2023, 12, 31))
    visits, threads, awaiting, _, _, _, five_plus = at.dataframe
    side = accepted_not_carried_out(demo_db, filters)
    assert awaiting.value["host"].tolist() == side.threads["host"].to_list()
    assert awaiting.value["accepted_ago"].tolist() == side.threads["accepted_ago"].to_list()
    expected = visits_carried_out(demo_db, filters)
    assert visits.value["host"].tolist() == expected["host"].to_list()
    assert visits.value["mandate_title"].tolist() == expected["mandate_title"].to_list()
    counts = thread_status_counts(demo_db, filters)
    open_count = counts.filter(counts["open"])["threads"].sum()
    assert len(threads.value) == open_count == open_threads(demo_db, filters).height
    # Statuses by name, not code: an open thread is requested, reminded, acknowledged, invited, accepted,
    # has dates proposed or is postponed.
    assert set(threads.value["status_name"]) <= {"Requested", "Reminder sent", "Acknowledged", "Invited", "Accepted",
                                                 "Dates proposed", "Postponed"}
    assert f"Open threads as at 31 December 2023: {open_count:,}" in " ".join(m.value for m in at.markdown)
    assert five_plus.value["visits_5y"].tolist() == five_plus_visits_window(demo_db, filters)["visits_5y"].to_list()


def test_charts_say_what_and_when(app):
    titles = chart_titles(app(PAGE).run())
    assert titles == ["Visits carried out in 2023, by host", "Visits carried out in 2023, by host's regional group",
                      "Visits carried out in 2023, by mandate", "Visit threads by status, as at 31 December 2023",
                      "Accepted, not yet carried out"]


def test_region_filter_changes_the_page_and_the_link_reproduces_it(app, demo_db):
    at = app(PAGE).run()
    before = shown(at)
    at.multiselect(key="groups").set_value(["EEG"]).run()
    assert not at.exception
    after = shown(at)
    assert after != before
    f = facts(demo_db, Filters(dt.date(2023, 12, 31), regions=("EEG",)))
    assert after[0]["Visits carried out"] == str(f["visits_in_year"]) != "82"
    assert after[0]["Institutions visited"] == "0"
    assert set(at.dataframe[0].value["regional_group"]) == {"EEG"}
    linked = app(PAGE, groups=["EEG"]).run()
    assert shown(linked) == after


def test_as_at_date_gives_the_year_so_far(app, demo_db):
    at = app(PAGE, as_at="2023-06-30").run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2023, 6, 30)))
    assert metrics(at)["Visits carried out"] == str(f["visits_in_year"])
    assert 0 < f["visits_in_year"] < 82
    assert "Visits carried out in 2023 up to 30 June, by host" in chart_titles(at)


def test_no_visit_yet_is_said_in_words(app):
    at = app(PAGE, as_at="2023-01-10").run()
    assert not at.exception
    assert metrics(at)["Visits carried out"] == "0"
    assert [i.value for i in at.info][0] == "No country visit was carried out in 2023 up to 10 January in all regional groups."
    assert "Visits carried out in 2023 up to 10 January, by host" not in chart_titles(at)
