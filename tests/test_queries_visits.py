"""The visits queries on a small world built in code: visits carried out, thread statuses, the
five-year window, never-visited States and pending requests, with expected values written inline."""
import datetime as dt

import pytest

from conftest import BASE_STATES, D, thread, threads
from sp_data.facts import facts
from sp_data.params import Filters
from sp_data.queries import run
from sp_data import visits as V

STATES = BASE_STATES + [
    {"iso3": "DDD", "name": "Dorvia", "regional_group": "APG", "un_status": "member"},
    {"iso3": "EEE", "name": "Elbonia", "regional_group": "GRULAC", "un_status": "member"},
]
END = D(2023, 12, 31)


def world():
    """Twelve-odd threads covering every rule: hosts of each kind, open and closed, in and out of the window."""
    return threads(
        # Arcadia: two visits in 2023, three more in the window, one before it.
        thread("V01", "AAA", [(D(2022, 3, 1), "requested"), (D(2022, 6, 1), "accepted"),
                              (D(2023, 5, 10), "completed", D(2023, 5, 20))]),
        thread("V02", "AAA", [(D(2023, 1, 5), "requested"), (D(2023, 11, 1), "completed", D(2023, 11, 5))],
               mandate_id="SR-BBB"),
        thread("V12", "AAA", [(D(2017, 1, 1), "requested"), (D(2018, 3, 1), "completed", D(2018, 3, 5))]),
        thread("V13", "AAA", [(D(2019, 4, 1), "completed", D(2019, 4, 5))]),
        thread("V14", "AAA", [(D(2020, 4, 1), "completed", D(2020, 4, 5))], mandate_id="SR-BBB"),
        thread("V15", "AAA", [(D(2021, 4, 1), "completed", D(2021, 4, 5))]),
        # A territory of Carpania and an institution: hosts, but not States.
        thread("V03", "CCC", [(D(2022, 12, 1), "requested"), (D(2023, 2, 1), "completed", D(2023, 2, 8))],
               host_kind="territory", host_name="Greenland"),
        thread("V04", None, [(D(2023, 3, 1), "completed", D(2023, 3, 3))], host_kind="institution",
               host_name="World Bank"),
        # Borduria: two pending requests, one open request too old to be pending, one invitation.
        thread("V05", "BBB", [(D(2020, 1, 10), "requested"), (D(2021, 2, 1), "reminder")]),
        thread("V06", "BBB", [(D(2015, 5, 1), "requested")], mandate_id="SR-BBB"),
        thread("V07", "BBB", [(D(2022, 1, 1), "requested"), (D(2022, 2, 1), "acknowledged")]),
        thread("V08", "BBB", [(D(2023, 6, 1), "invited")], mandate_id="SR-BBB"),
        # Carpania: a declined request, and a request whose visit happens after the as-at date.
        thread("V09", "CCC", [(D(2019, 6, 1), "requested"), (D(2019, 9, 1), "declined")]),
        thread("V10", "CCC", [(D(2023, 10, 1), "requested"), (D(2024, 1, 10), "completed", D(2024, 1, 15))],
               mandate_id="SR-BBB"),
        # Elbonia: an old request kept alive by a reminder inside the window.
        thread("V11", "EEE", [(D(2018, 4, 1), "requested"), (D(2018, 5, 1), "reminder"), (D(2019, 2, 1), "reminder")]),
    )


@pytest.fixture
def db(make_db):
    return make_db(states=STATES, **world(), standing_invitations=[
        {"iso3": "EEE", "extended_on": D(2010, 1, 1), "withdrawn_on": None},
        {"iso3": "BBB", "extended_on": D(2005, 1, 1), "withdrawn_on": D(2020, 1, 1)},
    ])


def f(as_at=END, regions=(), threshold=5):
    return Filters(as_at, regions=regions, threshold=threshold)


def test_visits_carried_out_lists_every_host_kind_in_date_order(db):
    frame = V.visits_carried_out(db, f())
    assert frame.select("visit_id", "host", "host_kind", "regional_group", "visit_start", "visit_end").rows() == [
        ("V03", "Greenland", "territory", "WEOG", D(2023, 2, 1), D(2023, 2, 8)),
        ("V04", "World Bank", "institution", None, D(2023, 3, 1), D(2023, 3, 3)),
        ("V01", "Arcadia", "state", "AG", D(2023, 5, 10), D(2023, 5, 20)),
        ("V02", "Arcadia", "state", "AG", D(2023, 11, 1), D(2023, 11, 5)),
    ]
    assert frame["mandate_title"].to_list()[-1] == "Special Rapporteur on the situation of human rights in Borduria"


def test_visits_carried_out_agrees_with_the_facts_host_counts(db):
    frame = V.visits_carried_out(db, f())
    fact = facts(db, f())
    assert fact["visits_in_year"] == frame.height == 4
    assert fact["visit_hosts_states_territories"] == frame.filter(frame["host_kind"] != "institution")["host_key"].n_unique() == 2
    assert fact["visit_hosts_institutions"] == 1


def test_visits_carried_out_follow_the_date_and_the_groups(db):
    assert V.visits_carried_out(db, f(as_at=D(2023, 6, 30)))["visit_id"].to_list() == ["V03", "V04", "V01"]
    # A territory takes its State's group; an institution has none, so any group filter drops it.
    assert V.visits_carried_out(db, f(regions=("WEOG",)))["visit_id"].to_list() == ["V03"]
    assert V.visits_carried_out(db, f(regions=("AG",)))["visit_id"].to_list() == ["V01", "V02"]
    assert V.visits_carried_out(db, f(regions=("EEG",))).height == 0


def test_visits_by_host_mandate_and_group(db):
    assert V.visits_by(db, f(), "host_key").select("host", "visits").rows() == [
        ("Arcadia", 2), ("Greenland", 1), ("World Bank", 1)]
    assert V.visits_by(db, f(), "mandate_id").select("mandate_id", "visits").rows() == [("SR-EDU", 3), ("SR-BBB", 1)]
    assert V.visits_by(db, f(), "regional_group").rows() == [("AG", 2), ("WEOG", 1), (None, 1)]
    with pytest.raises(ValueError, match="dimension must be one of"):
        V.visits_by(db, f(), "iso3")


def test_thread_status_counts_every_status_in_the_import_order(db):
    counts = dict(V.thread_status_counts(db, f()).select("status", "threads").iter_rows())
    assert list(counts) == ["requested", "reminder", "invited", "acknowledged", "accepted", "dates_proposed",
                            "postponed", "declined", "cancelled", "withdrawn", "completed"]
    assert counts == {"requested": 2, "reminder": 2, "invited": 1, "acknowledged": 1, "accepted": 0,
                      "dates_proposed": 0, "postponed": 0, "declined": 1, "cancelled": 0, "withdrawn": 0,
                      "completed": 8}
    eeg = dict(V.thread_status_counts(db, f(regions=("EEG",))).select("status", "threads").iter_rows())
    assert {k: v for k, v in eeg.items() if v} == {"requested": 1, "reminder": 1, "invited": 1, "acknowledged": 1}
    # As at 2015 only Borduria's first request exists.
    early = dict(V.thread_status_counts(db, f(as_at=D(2015, 12, 31))).select("status", "threads").iter_rows())
    assert {k: v for k, v in early.items() if v} == {"requested": 1}


def test_open_threads_and_which_are_pending(db):
    frame = V.open_threads(db, f())
    assert frame.select("visit_id", "status", "pending").rows() == [
        ("V06", "requested", False),     # Borduria, 2015: open but older than the window
        ("V05", "reminder", True),
        ("V07", "acknowledged", True),
        ("V08", "invited", False),
        ("V10", "requested", True),      # Carpania: its visit is after the as-at date
        ("V11", "reminder", True),       # Elbonia: kept in the window by its 2019 reminder
    ]
    counts = V.thread_status_counts(db, f())
    assert frame.height == counts.filter(counts["open"])["threads"].sum()
    assert frame.filter(frame["visit_id"] == "V11")["reminders"].item() == 2


def test_not_visited_in_the_window_and_requests_in_it(db):
    frame = V.not_visited_window(db, f())
    assert frame.select("name", "request_in_5y", "ever_visited", "pending_requests", "standing_invitation").rows() == [
        ("Borduria", True, False, 2, False),   # its standing invitation was withdrawn in 2020
        ("Carpania", True, False, 1, False),   # the Greenland visit is not a visit to Carpania
        ("Dorvia", False, False, 0, False),
        ("Elbonia", True, False, 1, True),
    ]
    fact = facts(db, f())
    assert fact["member_states_not_visited_5y"] == 4
    assert fact["member_states_not_visited_5y_with_request"] == 3


def test_five_plus_visits_in_the_window(db):
    frame = V.five_plus_visits_window(db, f())
    assert frame.select("name", "visits_5y", "visits_in_year", "last_visit_on").rows() == [
        ("Arcadia", 5, 2, D(2023, 11, 1))]
    assert facts(db, f())["member_states_five_plus_visits_5y"] == 1
    # As at the end of 2022 the window is 2018-2022: 2018, 2019, 2020, 2021 = four visits.
    assert V.five_plus_visits_window(db, f(as_at=D(2022, 12, 31))).height == 0


def test_never_visited_in_three_categories_with_requests(db):
    frame = V.never_visited(db, f())
    assert frame.select("name", "category", "requests_made", "first_request_on", "latest_request_on",
                        "pending_requests", "accepted_on").rows() == [
        ("Dorvia", "no_request", 0, None, None, 0, None),
        ("Carpania", "requests_not_accepted", 2, D(2019, 6, 1), D(2023, 10, 1), 1, None),
        ("Elbonia", "requests_not_accepted", 1, D(2018, 4, 1), D(2019, 2, 1), 1, None),
        ("Borduria", "accepted_not_yet_conducted", 3, D(2015, 5, 1), D(2022, 1, 1), 2, D(2023, 6, 1)),
    ]
    assert frame.filter(frame["iso3"] == "BBB")["accepted_mandates"].item() == \
        "Special Rapporteur on the situation of human rights in Borduria"
    assert frame.filter(frame["iso3"] == "EEE")["standing_invitation_since"].item() == D(2010, 1, 1)
    fact = facts(db, f())
    assert (fact["never_visited_no_request"], fact["never_visited_requests_not_accepted"],
            fact["never_visited_accepted_not_yet_conducted"]) == (1, 2, 1)
    assert V.never_visited(db, f(), "requests_not_accepted")["name"].to_list() == ["Carpania", "Elbonia"]
    with pytest.raises(ValueError, match="category must be one of"):
        V.never_visited(db, f(), "visited")


def test_never_visited_as_at_an_earlier_date(db):
    # End of 2018: Arcadia's 2018 visit counts; Borduria had only its 2015 request, not accepted.
    frame = V.never_visited(db, f(as_at=D(2018, 12, 31)))
    assert frame.select("name", "category").rows() == [
        ("Carpania", "no_request"), ("Dorvia", "no_request"),
        ("Borduria", "requests_not_accepted"), ("Elbonia", "requests_not_accepted")]


def test_pending_by_state_follows_the_threshold_and_flags_no_acceptance(db):
    two = V.pending_by_state(db, f(threshold=2))
    assert two.select("name", "pending_requests", "oldest_pending_request_on", "pending_reminders",
                      "accepted_in_5y", "no_acceptance_flag").rows() == [
        ("Borduria", 2, D(2020, 1, 10), 1, True, False)]   # the 2023 invitation is an acceptance
    one = V.pending_by_state(db, f(threshold=1))
    assert one.select("name", "pending_requests", "no_acceptance_flag", "standing_invitation").rows() == [
        ("Borduria", 2, False, False), ("Carpania", 1, True, False), ("Elbonia", 1, True, True)]
    assert V.pending_summary(db, f(threshold=1)) == {
        "states": 3, "no_acceptance": 2, "no_acceptance_names": ["Carpania", "Elbonia"]}
    assert facts(db, f(threshold=1))["member_states_five_plus_pending_no_acceptance"] == 2
    assert V.pending_by_state(db, f(threshold=3)).height == 0
    assert V.pending_by_state(db, f(threshold=1, regions=("GRULAC",)))["name"].to_list() == ["Elbonia"]


def test_pending_requests_one_row_per_thread_with_age(db):
    frame = V.pending_requests(db, f())
    assert frame.select("visit_id", "name", "first_request_on", "last_request_on", "reminders", "age_days").rows() == [
        ("V05", "Borduria", D(2020, 1, 10), D(2021, 2, 1), 1, (END - D(2020, 1, 10)).days),
        ("V07", "Borduria", D(2022, 1, 1), D(2022, 1, 1), 0, 729),
        ("V10", "Carpania", D(2023, 10, 1), D(2023, 10, 1), 0, 91),
        ("V11", "Elbonia", D(2018, 4, 1), D(2019, 2, 1), 2, (END - D(2018, 4, 1)).days),
    ]
    assert V.pending_requests(db, f(regions=("EEG",)))["visit_id"].to_list() == ["V05", "V07"]
    # As at mid-2020 Elbonia's 2019 reminder is still in the window (2016-2020); Borduria's 2015 one is not.
    assert V.pending_requests(db, f(as_at=D(2020, 6, 30)))["visit_id"].to_list() == ["V05", "V11"]


def test_thread_level_pending_adds_up_to_the_per_state_count(db, demo_db):
    for con in (db, demo_db):
        filters = f(as_at=D(2023, 12, 31)) if con is db else Filters(dt.date(2023, 12, 31))
        threads_per_state = dict(V.pending_requests(con, filters).group_by("iso3").len().iter_rows())
        states = run(con, "states", **filters.bind())
        per_state = {r["iso3"]: r["pending_requests"] for r in states.iter_rows(named=True) if r["pending_requests"]}
        assert threads_per_state == per_state


def test_demo_reproduces_the_published_figures(demo_db):
    filters = Filters(dt.date(2023, 12, 31))
    assert V.visits_carried_out(demo_db, filters).height == 82
    assert V.pending_summary(demo_db, filters)["no_acceptance"] == 24
    assert V.not_visited_window(demo_db, filters).height == 80
    assert V.not_visited_window(demo_db, filters)["request_in_5y"].sum() == 67
    assert sorted(V.five_plus_visits_window(demo_db, filters)["name"]) == [
        "Bangladesh", "Brazil", "Central African Republic", "Honduras", "Kyrgyzstan", "Mali", "Mongolia", "Qatar"]
    assert V.never_visited(demo_db, filters).group_by("category").len().sort("category").rows() == [
        ("accepted_not_yet_conducted", 1), ("no_request", 4), ("requests_not_accepted", 16)]


def test_state_visits_is_the_per_state_table_without_its_communications(demo_db):
    """base/state_cooperation.sql's two macros: state_visits, which most State questions read, is
    state_cooperation without its last three (communications) columns, row for row."""
    import polars as pl
    sql = "SELECT * FROM {}($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER) ORDER BY iso3"
    for params in ({"as_at": D(2023, 12, 31), "regions": [], "threshold": 5},
                   {"as_at": D(2018, 7, 15), "regions": ["AG", "APG"], "threshold": 2}):
        full = pl.from_arrow(demo_db.cursor().execute(sql.format("state_cooperation"), params).to_arrow_table())
        light = pl.from_arrow(demo_db.cursor().execute(sql.format("state_visits"), params).to_arrow_table())
        assert full.columns[-3:] == ["communications_in_year", "substantive_replied_in_year", "reply_rate_percent"]
        assert full.height > 50 and light.equals(full.drop(full.columns[-3:]))
