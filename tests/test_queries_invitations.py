"""The standing-invitation queries on a small fixture with hand-counted values, and against facts on the demo."""
import datetime as dt

import pytest

from conftest import BASE_STATES, thread, threads
from sp_data import invitations as inv
from sp_data.facts import facts
from sp_data.params import Filters

D = dt.date
END = Filters(D(2023, 12, 31))

STATES = BASE_STATES + [{"iso3": "DDD", "name": "Dacia", "regional_group": "AG", "un_status": "member"}]
INVITATIONS = [
    {"iso3": "AAA", "extended_on": D(2010, 1, 1), "withdrawn_on": None},
    {"iso3": "BBB", "extended_on": D(2005, 3, 1), "withdrawn_on": D(2020, 6, 1)},
    {"iso3": "CCC", "extended_on": D(2024, 2, 1), "withdrawn_on": None},       # not yet extended at the end of 2023
    {"iso3": "DDD", "extended_on": D(2012, 5, 5), "withdrawn_on": D(2024, 5, 1)},  # withdrawn after 2023
    {"iso3": "PSE", "extended_on": D(2015, 1, 1), "withdrawn_on": None},       # an observer State
]
VISITS = threads(
    thread("V1", "AAA", [(D(2020, 1, 1), "requested"), (D(2021, 5, 3), "completed", D(2021, 5, 10))]),
    thread("V2", "AAA", [(D(2022, 3, 1), "requested"), (D(2022, 9, 1), "reminder")]),           # pending
    thread("V3", "DDD", [(D(2022, 1, 1), "requested"), (D(2023, 4, 1), "completed", D(2023, 4, 8))]),
    thread("V4", "DDD", [(D(2017, 1, 1), "requested")]),  # its latest request is before the window: not pending
)


@pytest.fixture
def con(make_db):
    return make_db(states=STATES, standing_invitations=INVITATIONS, **VISITS)


def test_in_force_and_withdrawn_as_at_the_end_of_2023(con):
    assert inv.in_force(con, END).select("iso3", "extended_on").rows() == [
        ("AAA", D(2010, 1, 1)), ("DDD", D(2012, 5, 5)), ("PSE", D(2015, 1, 1))]
    assert inv.withdrawn(con, END).select("iso3", "extended_on", "withdrawn_on").rows() == [
        ("BBB", D(2005, 3, 1), D(2020, 6, 1))]


def test_a_later_date_sees_the_later_extension_and_withdrawal(con):
    later = Filters(D(2024, 6, 30))
    assert inv.in_force(con, later)["iso3"].to_list() == ["AAA", "CCC", "PSE"]
    assert inv.withdrawn(con, later)["iso3"].to_list() == ["BBB", "DDD"]
    # On the day of the withdrawal the invitation no longer stands (withdrawn_on empty or > d).
    assert "DDD" in inv.withdrawn(con, Filters(D(2024, 5, 1)))["iso3"].to_list()
    assert "DDD" in inv.in_force(con, Filters(D(2024, 4, 30)))["iso3"].to_list()


def test_by_group_counts_member_states_and_their_share(con):
    frame = inv.by_group(con, END)
    assert frame.select("regional_group", "member_states", "member_states_with_invitation", "share_percent",
                        "observer_states_with_invitation").rows() == [
        ("AG", 2, 2, 100.0, 0),
        ("EEG", 1, 0, 0.0, 0),
        ("WEOG", 1, 0, 0.0, 0),
        ("No group", 0, 0, None, 1),
    ]
    f = facts(con, END)
    assert frame["member_states_with_invitation"].sum() == f["standing_invitations_member_states"] == 2
    assert frame["observer_states_with_invitation"].sum() == f["standing_invitations_observer_states"] == 1


def test_region_filter(con):
    west = Filters(END.as_at, regions=("EEG", "WEOG"))
    assert inv.in_force(con, west).height == 0
    assert inv.withdrawn(con, west)["iso3"].to_list() == ["BBB"]
    assert inv.by_group(con, west)["regional_group"].to_list() == ["EEG", "WEOG"]


def test_selective_cooperation(con):
    frame = inv.selective(con, END)
    # Arcadia: a pending request (V2, oldest 2022-03-01, one reminder) despite its invitation; Palestine: no
    # visit in the window. Dacia was visited in 2023 and its 2017 request is out of the window.
    assert frame.select("iso3", "pending_requests", "oldest_pending_request_on", "pending_reminders", "visits_5y",
                        "last_visit_on", "has_pending_requests", "no_visit_in_window").rows() == [
        ("AAA", 1, D(2022, 3, 1), 1, 1, D(2021, 5, 3), True, False),
        ("PSE", 0, None, 0, 0, None, False, True),
    ]
    assert inv.selective_summary(con, END) == {
        "holding": 3, "selective": 2, "with_pending_requests": 1, "no_visit_in_window": 1}


def test_demo_member_states_with_a_standing_invitation_equal_facts(demo_db):
    for filters in (END, Filters(D(2023, 12, 31), regions=("GRULAC", "WEOG")), Filters(D(2018, 6, 30))):
        f = facts(demo_db, filters)
        groups = inv.by_group(demo_db, filters)
        assert groups["member_states_with_invitation"].sum() == f["standing_invitations_member_states"]
        members = inv.in_force(demo_db, filters).filter(un_status="member").height
        assert members == f["standing_invitations_member_states"]
    assert facts(demo_db, END)["standing_invitations_member_states"] == 128
