"""Every definition in DESIGN.md ("Definitions"), checked on small hand-built snapshots.

Each test builds the few rows it needs on top of conftest's base world (Member States AAA/AG,
BBB/EEG, CCC/WEOG; observer PSE with no group; mandates SR-EDU thematic and SR-BBB country) and
reads the numbers the way the app does: sp_data.facts.facts/states and sp_data.queries.run with
sp_data.params.Filters. Expected values are written inline.
"""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from conftest import BASE_MANDATES, BASE_STATES, thread, threads
from sp_data.facts import data_extent, default_as_at, facts, states
from sp_data.params import Filters
from sp_data.queries import run

D = dt.date
END_2023 = D(2023, 12, 31)


# ---------------------------------------------------------------- helpers


def fact(con, name: str, as_at: dt.date = END_2023, regions=(), threshold: int = 5):
    return facts(con, Filters(as_at, tuple(regions), threshold))[name]


def state(con, iso3: str, as_at: dt.date = END_2023, regions=(), threshold: int = 5) -> dict:
    table = states(con, Filters(as_at, tuple(regions), threshold))
    rows = table.filter(pl.col("iso3") == iso3)
    assert rows.height == 1, f"{iso3} not in the states table"
    return rows.row(0, named=True)


def status(con, visit_id: str, as_at: dt.date = END_2023) -> str | None:
    """The base macro thread_status(d), read with a bound as-at date."""
    cursor = con.cursor()
    try:
        row = cursor.execute("SELECT status FROM thread_status($d) WHERE visit_id = $v",
                             {"d": as_at, "v": visit_id}).fetchone()
    finally:
        cursor.close()
    return row[0] if row else None


def access(con, mandate_id: str, as_at: dt.date = END_2023, regions=()) -> dict | None:
    table = run(con, "country_mandate_access", **Filters(as_at, tuple(regions)).bind())
    rows = table.filter(pl.col("mandate_id") == mandate_id)
    return rows.row(0, named=True) if rows.height else None


def visit(visit_id: str, iso3: str, start: dt.date, end: dt.date | None = None, **kw):
    """A thread that is only a completed visit (start..end)."""
    return thread(visit_id, iso3, [(start, "completed", end or start + dt.timedelta(days=5))], **kw)


def requests(iso3: str, n: int, on: dt.date = D(2022, 3, 1), prefix: str = "R") -> list:
    """n separate pending request threads to one State."""
    return [thread(f"{prefix}{iso3}{i}", iso3, [(on, "requested")]) for i in range(n)]


def comm(ref: str, sent_on: dt.date, iso3: str | None = "AAA", kind: str = "state",
         recipient: str | None = None, mandates=("SR-EDU",), individuals=None, female=None) -> dict:
    return {"ref": ref, "sent_on": sent_on, "type": "AL", "recipient_kind": kind, "iso3": iso3,
            "recipient": recipient, "mandate_ids": list(mandates), "individuals": individuals,
            "individuals_female": female, "follow_up": False}


def reply(ref: str, received_on: dt.date, substantive: bool = True, confidential: bool = False) -> dict:
    return {"ref": ref, "received_on": received_on, "substantive": substantive,
            "confidential": confidential}


ISR = {"iso3": "ISR", "name": "Israel", "regional_group": "WEOG", "un_status": "member"}
SR_OPT = {"mandate_id": "SR-OPT", "kind": "country", "country_iso3": "PSE",
          "title": "Special Rapporteur on the situation of human rights in the Palestinian "
                   "territories occupied since 1967", "established_on": D(1993, 2, 19), "ended_on": None}


# ---------------------------------------------------------------- five-year window and as-at date


def test_window_visit_on_first_day_of_window_counts(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2019, 1, 1))))
    assert state(con, "AAA")["visits_5y"] == 1
    assert fact(con, "member_states_not_visited_5y") == 2  # BBB and CCC


def test_window_visit_day_before_window_does_not_count(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2018, 12, 31))))
    row = state(con, "AAA")
    assert row["visits_5y"] == 0
    assert row["ever_visited"] is True
    assert fact(con, "member_states_not_visited_5y") == 3


def test_window_request_on_boundaries(make_db):
    con = make_db(**threads(
        thread("T1", "AAA", [(D(2019, 1, 1), "requested")]),     # first day of the window
        thread("T2", "BBB", [(D(2018, 12, 31), "requested")]),   # day before the window
        thread("T3", "CCC", [(D(2023, 12, 31), "requested")]),   # on the as-at date
    ))
    assert (state(con, "AAA")["pending_requests"], state(con, "AAA")["request_in_5y"]) == (1, True)
    assert (state(con, "BBB")["pending_requests"], state(con, "BBB")["request_in_5y"]) == (0, False)
    assert (state(con, "CCC")["pending_requests"], state(con, "CCC")["request_in_5y"]) == (1, True)
    assert fact(con, "member_states_not_visited_5y_with_request") == 2


def test_mid_year_as_at_counts_the_year_so_far(make_db):
    con = make_db(
        **threads(visit("V1", "AAA", D(2023, 3, 1)), visit("V2", "AAA", D(2023, 9, 1))),
        communications=[comm("C1", D(2023, 5, 1)), comm("C2", D(2023, 7, 1))],
    )
    mid = D(2023, 6, 30)
    assert fact(con, "visits_in_year", mid) == 1
    assert state(con, "AAA", mid)["visits_in_year"] == 1
    assert fact(con, "communications_sent", mid) == 1
    assert state(con, "AAA", mid)["communications_in_year"] == 1
    assert fact(con, "visits_in_year") == 2
    assert fact(con, "communications_sent") == 2


def test_mid_year_window_runs_from_2019_01_01_to_as_at(make_db):
    con = make_db(**threads(
        visit("V1", "AAA", D(2019, 1, 1)),
        visit("V2", "BBB", D(2018, 12, 31)),
        thread("T1", "CCC", [(D(2019, 1, 1), "requested")]),
        thread("T2", "CCC", [(D(2023, 7, 1), "requested")]),   # after the as-at date
    ))
    mid = D(2023, 6, 30)
    assert state(con, "AAA", mid)["visits_5y"] == 1
    assert state(con, "BBB", mid)["visits_5y"] == 0
    assert state(con, "CCC", mid)["pending_requests"] == 1


def test_events_after_as_at_are_ignored_everywhere(make_db):
    after = D(2023, 7, 1)
    con = make_db(
        **threads(visit("V1", "AAA", after), thread("T1", "BBB", [(after, "requested")])),
        standing_invitations=[{"iso3": "CCC", "extended_on": after}],
        communications=[comm("C1", D(2023, 2, 1)), comm("C2", after)],
        replies=[reply("C1", after)],
        mandates=BASE_MANDATES + [{"mandate_id": "SR-NEW", "title": "New", "kind": "thematic",
                                   "established_on": after}],
    )
    mid = D(2023, 6, 30)
    values = facts(con, Filters(mid))
    assert values["visits_in_year"] == 0
    assert values["member_states_visited"] == 0
    assert values["never_visited_no_request"] == 3  # BBB's request is not yet made
    assert values["standing_invitations_member_states"] == 0
    assert values["communications_sent"] == 1
    assert values["replies_received_in_year"] == 0
    assert values["reply_rate_percent"] == 0.0
    assert values["mandates_total"] == 2
    assert status(con, "V1", mid) is None


# ---------------------------------------------------------------- pending requests


def test_reminder_renews_an_old_request(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2015, 3, 1), "requested"), (D(2020, 5, 1), "reminder")])))
    row = state(con, "AAA")
    assert row["pending_requests"] == 1
    assert row["pending_reminders"] == 1
    assert row["oldest_pending_request_on"] == D(2015, 3, 1)
    assert status(con, "T1") == "reminder"


def test_old_request_without_reminder_is_stale_not_pending(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2015, 3, 1), "requested")])))
    row = state(con, "AAA")
    assert status(con, "T1") == "requested"
    assert row["pending_requests"] == 0
    assert row["request_in_5y"] is False
    assert row["never_visited_category"] == "requests_not_accepted"


def test_acknowledged_request_is_pending(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2022, 1, 10), "requested"), (D(2022, 2, 1), "acknowledged")])))
    assert state(con, "AAA")["pending_requests"] == 1


def test_pending_counts_threads_not_reminders(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2021, 1, 1), "requested"), (D(2022, 1, 1), "reminder"),
                                                  (D(2023, 1, 1), "reminder")])))
    row = state(con, "AAA")
    assert (row["pending_requests"], row["pending_reminders"]) == (1, 2)


# ---------------------------------------------------------------- thread status


# Both row orders: the event order decides a tie, not the order of the rows.
@pytest.mark.parametrize("pair", [("requested", "declined"), ("declined", "requested")], ids=["rows-asc", "rows-desc"])
def test_status_tie_requested_and_declined_same_day_is_declined(make_db, pair):
    con = make_db(**threads(thread("T1", "AAA", [(D(2023, 4, 1), e) for e in pair])))
    assert status(con, "T1") == "declined"
    assert state(con, "AAA")["pending_requests"] == 0


@pytest.mark.parametrize("pair", [("accepted", "postponed"), ("postponed", "accepted")], ids=["rows-asc", "rows-desc"])
def test_status_tie_accepted_and_postponed_same_day_is_postponed(make_db, pair):
    con = make_db(**threads(thread("T1", "AAA", [(D(2023, 2, 1), "requested")]
                                   + [(D(2023, 4, 1), e) for e in pair])))
    assert status(con, "T1") == "postponed"


def test_status_is_latest_event_on_or_before_as_at(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2022, 1, 1), "requested"), (D(2022, 6, 1), "accepted"),
                                                  (D(2023, 3, 1), "postponed")])))
    assert status(con, "T1", D(2021, 12, 31)) is None
    assert status(con, "T1", D(2022, 1, 1)) == "requested"
    assert status(con, "T1", D(2022, 12, 31)) == "accepted"
    assert status(con, "T1", D(2023, 3, 1)) == "postponed"


def test_acceptance_after_as_at_is_not_yet_an_acceptance(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2023, 3, 1), "requested"), (D(2024, 2, 1), "accepted")])))
    before = state(con, "AAA")
    assert status(con, "T1") == "requested"
    assert before["pending_requests"] == 1
    assert before["accepted_in_5y"] is False
    assert before["never_visited_category"] == "requests_not_accepted"
    later = state(con, "AAA", D(2024, 3, 1))
    assert status(con, "T1", D(2024, 3, 1)) == "accepted"
    assert later["pending_requests"] == 0
    assert later["accepted_in_5y"] is True
    assert later["never_visited_category"] == "accepted_not_yet_conducted"


def test_postponed_counts_as_accepted_not_yet_carried_out(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2021, 1, 1), "requested"), (D(2022, 1, 1), "accepted"),
                                                  (D(2023, 1, 1), "postponed")])))
    row = state(con, "AAA")
    assert row["never_visited_category"] == "accepted_not_yet_conducted"
    assert row["pending_requests"] == 0
    assert fact(con, "never_visited_accepted_not_yet_conducted") == 1


def test_declined_thread_is_neither_pending_nor_accepted(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2022, 1, 1), "requested"), (D(2023, 1, 1), "declined")])))
    row = state(con, "AAA")
    assert row["pending_requests"] == 0
    assert row["accepted_in_5y"] is False
    assert row["never_visited_category"] == "requests_not_accepted"


@pytest.mark.parametrize("ending", ["withdrawn", "cancelled"])
def test_withdrawn_or_cancelled_thread_is_neither_pending_nor_accepted(make_db, ending):
    con = make_db(**threads(thread("T1", "AAA", [(D(2022, 1, 1), "requested"), (D(2023, 1, 1), ending)])))
    row = state(con, "AAA")
    assert status(con, "T1") == ending
    assert row["pending_requests"] == 0
    assert row["accepted_in_5y"] is False
    assert row["never_visited_category"] == "requests_not_accepted"


# ---------------------------------------------------------------- ever visited / never visited


def test_never_visited_three_categories(make_db):
    con = make_db(**threads(
        thread("T1", "AAA", [(D(2020, 1, 1), "requested"), (D(2020, 6, 1), "accepted")]),
        thread("T2", "AAA", [(D(2021, 1, 1), "requested")]),
        thread("T3", "BBB", [(D(2010, 1, 1), "requested"), (D(2011, 1, 1), "declined")]),
    ))
    assert state(con, "AAA")["never_visited_category"] == "accepted_not_yet_conducted"
    assert state(con, "BBB")["never_visited_category"] == "requests_not_accepted"
    assert state(con, "CCC")["never_visited_category"] == "no_request"
    values = facts(con, Filters(END_2023))
    assert values["member_states_never_visited"] == 3
    assert (values["never_visited_accepted_not_yet_conducted"], values["never_visited_requests_not_accepted"],
            values["never_visited_no_request"]) == (1, 1, 1)


def test_never_visited_accepted_then_cancelled_falls_back_to_requests_not_accepted(make_db):
    con = make_db(**threads(thread("T1", "AAA", [(D(2020, 1, 1), "requested"), (D(2020, 6, 1), "accepted"),
                                                  (D(2021, 1, 1), "cancelled")])))
    assert state(con, "AAA")["never_visited_category"] == "requests_not_accepted"


def test_never_visited_invitation_alone_is_not_a_request(make_db):
    # An invitation from the State that came to nothing: no `requested` or `reminder` event.
    con = make_db(**threads(thread("T1", "AAA", [(D(2020, 1, 1), "invited"), (D(2021, 1, 1), "cancelled")])))
    assert state(con, "AAA")["never_visited_category"] == "no_request"


def test_visited_state_has_no_never_visited_category(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2005, 4, 1)), thread("T1", "AAA", [(D(2022, 1, 1), "requested")])))
    row = state(con, "AAA")
    assert row["ever_visited"] is True
    assert row["never_visited_category"] is None
    assert fact(con, "member_states_visited") == 1
    assert fact(con, "member_states_never_visited") == 2


def test_observer_state_is_not_counted_in_member_state_figures(make_db):
    con = make_db(**threads(visit("V1", "PSE", D(2023, 3, 1)), *requests("PSE", 5)))
    row = state(con, "PSE")
    assert row["never_visited_category"] is None
    assert row["pending_requests"] == 5
    values = facts(con, Filters(END_2023))
    assert values["member_states"] == 3
    assert values["member_states_visited"] == 0
    assert values["member_states_never_visited"] == 3
    assert values["never_visited_no_request"] == 3
    assert values["member_states_five_plus_pending_no_acceptance"] == 0
    assert values["visits_in_year"] == 1  # hosts are States, observers included


def test_observer_never_visited_has_no_category(make_db):
    con = make_db(**threads(thread("T1", "PSE", [(D(2022, 1, 1), "requested")])))
    assert state(con, "PSE")["never_visited_category"] is None
    assert fact(con, "never_visited_requests_not_accepted") == 0


# ---------------------------------------------------------------- visits carried out


def test_visit_spanning_year_end_counts_in_the_year_it_started(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2022, 12, 28), D(2023, 1, 4))))
    assert fact(con, "visits_in_year", D(2022, 12, 31)) == 1
    assert fact(con, "visits_in_year") == 0
    assert state(con, "AAA")["visits_in_year"] == 0
    assert state(con, "AAA")["visits_5y"] == 1


def test_visit_in_year_boundaries(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2023, 1, 1)), visit("V2", "BBB", D(2022, 12, 31))))
    assert state(con, "AAA")["visits_in_year"] == 1
    assert state(con, "BBB")["visits_in_year"] == 0
    assert fact(con, "visits_in_year") == 1


def test_visit_under_way_counts_as_carried_out(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2023, 6, 25), D(2023, 7, 5))))
    mid = D(2023, 6, 30)
    assert fact(con, "visits_in_year", mid) == 1
    assert state(con, "AAA", mid)["ever_visited"] is True
    assert state(con, "AAA", mid)["never_visited_category"] is None
    assert fact(con, "visits_in_year", D(2023, 6, 24)) == 0


def test_two_visits_to_one_state_count_two_visits_one_host(make_db):
    con = make_db(**threads(visit("V1", "AAA", D(2023, 3, 1)),
                            visit("V2", "AAA", D(2023, 9, 1), mandate_id="SR-BBB")))
    assert fact(con, "visits_in_year") == 2
    assert fact(con, "visit_hosts_states_territories") == 1
    assert state(con, "AAA")["visits_in_year"] == 2


def test_hosts_are_distinct_states_territories_and_institutions(make_db):
    con = make_db(**threads(
        visit("V1", "AAA", D(2023, 2, 1)),
        visit("V2", "AAA", D(2023, 5, 1)),
        visit("V3", "CCC", D(2023, 6, 1)),
        visit("V4", "CCC", D(2023, 7, 1), host_kind="territory", host_name="Greenland"),
        visit("V5", None, D(2023, 8, 1), host_kind="territory", host_name="Western Sahara"),
        visit("V6", None, D(2023, 9, 1), host_kind="territory", host_name="Western Sahara"),
        visit("V7", None, D(2023, 3, 1), host_kind="institution", host_name="World Bank"),
        visit("V8", None, D(2023, 4, 1), host_kind="institution", host_name="World Bank"),
        visit("V9", None, D(2023, 4, 1), host_kind="institution", host_name="IMF"),
    ))
    values = facts(con, Filters(END_2023))
    assert values["visits_in_year"] == 9
    assert values["visit_hosts_states_territories"] == 4  # AAA, CCC, Greenland, Western Sahara
    assert values["visit_hosts_institutions"] == 2


def test_institution_visits_drop_out_under_region_filter(make_db):
    con = make_db(**threads(
        visit("V1", "AAA", D(2023, 2, 1)),
        visit("V2", None, D(2023, 3, 1), host_kind="institution", host_name="World Bank"),
    ))
    assert (fact(con, "visits_in_year"), fact(con, "visit_hosts_institutions")) == (2, 1)
    assert (fact(con, "visits_in_year", regions=["AG"]), fact(con, "visit_hosts_institutions", regions=["AG"])) == (1, 0)
    assert fact(con, "visits_in_year", regions=["EEG"]) == 0


def test_five_plus_visits_in_window(make_db):
    con = make_db(**threads(
        *[visit(f"A{i}", "AAA", D(2019 + i, 3, 1)) for i in range(5)],
        *[visit(f"B{i}", "BBB", D(2019 + i, 3, 1)) for i in range(4)],
        visit("B9", "BBB", D(2018, 3, 1)),
    ))
    assert state(con, "AAA")["visits_5y"] == 5
    assert state(con, "BBB")["visits_5y"] == 4
    assert fact(con, "member_states_five_plus_visits_5y") == 1


# ---------------------------------------------------------------- five-plus pending


def test_five_pending_counts_four_does_not(make_db):
    con = make_db(**threads(*requests("AAA", 5), *requests("BBB", 4)))
    assert state(con, "AAA")["five_plus_pending"] is True
    assert state(con, "BBB")["five_plus_pending"] is False
    assert fact(con, "member_states_five_plus_pending_no_acceptance") == 1


def test_five_plus_threshold_is_a_parameter(make_db):
    con = make_db(**threads(*requests("AAA", 5), *requests("BBB", 3), *requests("CCC", 2)))
    assert fact(con, "member_states_five_plus_pending_no_acceptance", threshold=3) == 2
    assert fact(con, "member_states_five_plus_pending_no_acceptance", threshold=5) == 1
    assert fact(con, "member_states_five_plus_pending_no_acceptance", threshold=6) == 0
    assert state(con, "BBB", threshold=3)["five_plus_pending"] is True


@pytest.mark.parametrize("other, counted", [
    (thread("X", "AAA", [(D(2020, 1, 1), "requested"), (D(2021, 1, 1), "accepted")]), 0),
    (thread("X", "AAA", [(D(2020, 1, 1), "invited")]), 0),
    (thread("X", "AAA", [(D(2020, 1, 1), "requested"), (D(2020, 5, 1), "dates_proposed")]), 0),
    (visit("X", "AAA", D(2019, 1, 1)), 0),
    (thread("X", "AAA", [(D(2017, 1, 1), "requested"), (D(2018, 12, 31), "accepted")]), 1),
    (visit("X", "AAA", D(2018, 12, 31)), 1),
], ids=["accepted-2021", "invited-2020", "dates-proposed-2020", "visit-2019-01-01",
        "accepted-2018-12-31", "visit-2018-12-31"])
def test_five_plus_pending_with_acceptance_in_window_is_not_flagged(make_db, other, counted):
    con = make_db(**threads(*requests("AAA", 5), other))
    assert state(con, "AAA")["five_plus_pending"] is True
    assert state(con, "AAA")["accepted_in_5y"] is (counted == 0)
    assert fact(con, "member_states_five_plus_pending_no_acceptance") == counted


def test_five_plus_pending_ignores_stale_requests(make_db):
    con = make_db(**threads(*requests("AAA", 4), *requests("AAA", 3, on=D(2018, 6, 1), prefix="S")))
    assert state(con, "AAA")["pending_requests"] == 4
    assert fact(con, "member_states_five_plus_pending_no_acceptance") == 0


# ---------------------------------------------------------------- standing invitations


@pytest.mark.parametrize("extended_on, withdrawn_on, counted", [
    (D(2010, 1, 1), None, 1),
    (D(2010, 1, 1), D(2023, 6, 1), 0),     # withdrawn before d
    (D(2010, 1, 1), END_2023, 0),          # withdrawn on d
    (D(2010, 1, 1), D(2024, 2, 1), 1),     # withdrawn after d
    (END_2023, None, 1),                   # extended on d
    (D(2024, 1, 15), None, 0),             # extended after d
], ids=["standing", "withdrawn-before", "withdrawn-on-d", "withdrawn-after", "extended-on-d", "extended-after"])
def test_standing_invitation_as_at(make_db, extended_on, withdrawn_on, counted):
    con = make_db(standing_invitations=[{"iso3": "AAA", "extended_on": extended_on, "withdrawn_on": withdrawn_on}])
    assert fact(con, "standing_invitations_member_states") == counted
    assert state(con, "AAA")["standing_invitation"] is bool(counted)


def test_observer_standing_invitation_counted_separately(make_db):
    con = make_db(standing_invitations=[{"iso3": "PSE", "extended_on": D(2015, 1, 1)},
                                        {"iso3": "AAA", "extended_on": D(2001, 1, 1)}])
    assert fact(con, "standing_invitations_member_states") == 1
    assert fact(con, "standing_invitations_observer_states") == 1


# ---------------------------------------------------------------- mandates


@pytest.mark.parametrize("established_on, ended_on, counted", [
    (D(2000, 1, 1), END_2023, 0),           # ended on d
    (D(2000, 1, 1), D(2023, 6, 1), 0),      # ended before d
    (D(2000, 1, 1), D(2024, 1, 1), 1),      # ends after d
    (END_2023, None, 1),                    # established on d
    (D(2024, 1, 1), None, 0),               # established after d
], ids=["ended-on-d", "ended-before", "ends-after", "established-on-d", "established-after"])
def test_mandate_as_at(make_db, established_on, ended_on, counted):
    extra = {"mandate_id": "SR-X", "title": "X", "kind": "thematic", "established_on": established_on,
             "ended_on": ended_on}
    con = make_db(mandates=BASE_MANDATES + [extra])
    values = facts(con, Filters(END_2023))
    assert values["mandates_total"] == 2 + counted
    assert values["mandates_thematic"] == 1 + counted
    assert values["mandates_country"] == 1


# ---------------------------------------------------------------- territories and institutions


def test_territory_thread_with_iso3_does_not_make_the_state_visited(make_db):
    con = make_db(**threads(
        visit("V1", "CCC", D(2023, 3, 1), host_kind="territory", host_name="Greenland"),
        thread("T1", "CCC", [(D(2022, 1, 1), "requested")], host_kind="territory", host_name="Greenland"),
    ))
    row = state(con, "CCC")
    assert row["ever_visited"] is False
    assert row["visits_in_year"] == 0
    assert row["pending_requests"] == 0
    assert row["never_visited_category"] == "no_request"
    assert fact(con, "member_states_visited") == 0
    assert fact(con, "visits_in_year") == 1


def test_territory_pending_requests_do_not_count_for_the_state(make_db):
    con = make_db(**threads(*[thread(f"T{i}", "AAA", [(D(2022, 1, 1), "requested")], host_kind="territory",
                                     host_name="Outer Arcadia") for i in range(5)]))
    assert state(con, "AAA")["pending_requests"] == 0
    assert fact(con, "member_states_five_plus_pending_no_acceptance") == 0


# ---------------------------------------------------------------- communications


def test_communications_sent_joint_addressed_and_individuals(make_db):
    con = make_db(communications=[
        comm("C1", D(2023, 1, 5), "AAA", mandates=("SR-EDU", "SR-BBB"), individuals=3, female=1),
        comm("C2", D(2023, 2, 5), "AAA", individuals=2),
        comm("C3", D(2023, 3, 5), "BBB", mandates=("SR-BBB", "SR-EDU")),
        comm("C4", D(2023, 4, 5), "AAA", kind="non_state_actor", recipient="Acme Corp"),
        comm("C5", D(2023, 5, 5), None, kind="non_state_actor", recipient="Acme Corp"),
        comm("C6", D(2023, 6, 5), "BBB", kind="non_state_actor", recipient="Rebel Front", individuals=4, female=2),
        comm("C7", D(2022, 12, 31), "CCC", mandates=("SR-EDU", "SR-BBB"), individuals=10, female=10),
    ])
    values = facts(con, Filters(END_2023))
    assert values["communications_sent"] == 6
    assert values["communications_joint"] == 2
    assert values["communications_states_addressed"] == 2
    assert values["communications_non_state_actors"] == 2
    assert values["communications_individuals"] == 9
    assert values["communications_individuals_female"] == 3
    assert state(con, "AAA")["communications_in_year"] == 2  # letters to non-State actors are not the State's


def test_reply_after_as_at_is_not_counted(make_db):
    con = make_db(communications=[comm("C1", D(2023, 11, 1))], replies=[reply("C1", D(2024, 1, 10))])
    values = facts(con, Filters(END_2023))
    assert values["replies_received_in_year"] == 0
    assert values["replies_to_year_communications"] == 0
    assert values["communications_substantively_replied"] == 0
    assert values["reply_rate_percent"] == 0.0
    assert state(con, "AAA")["reply_rate_percent"] == 0.0
    assert fact(con, "replies_to_year_communications", D(2024, 1, 10)) == 0  # 2024's communications: none
    assert fact(con, "replies_received_in_year", D(2024, 1, 10)) == 1


def test_reply_on_as_at_date_counts(make_db):
    con = make_db(communications=[comm("C1", D(2023, 11, 1))], replies=[reply("C1", END_2023)])
    assert fact(con, "replies_received_in_year") == 1
    assert fact(con, "reply_rate_percent") == 100.0


def test_two_replies_to_one_communication(make_db):
    con = make_db(communications=[comm("C1", D(2023, 1, 5)), comm("C2", D(2023, 2, 5))],
                  replies=[reply("C1", D(2023, 3, 1), substantive=False), reply("C1", D(2023, 4, 1))])
    values = facts(con, Filters(END_2023))
    assert (values["replies_received_in_year"], values["replies_received_in_year_substantive"]) == (2, 1)
    assert (values["replies_to_year_communications"],
            values["replies_to_year_communications_substantive"]) == (2, 1)
    assert values["communications_substantively_replied"] == 1
    assert values["reply_rate_percent"] == 50.0
    assert state(con, "AAA")["substantive_replied_in_year"] == 1


def test_two_substantive_replies_count_the_communication_once(make_db):
    con = make_db(communications=[comm("C1", D(2023, 1, 5))],
                  replies=[reply("C1", D(2023, 3, 1)), reply("C1", D(2023, 4, 1))])
    assert fact(con, "replies_received_in_year_substantive") == 2
    assert fact(con, "reply_rate_percent") == 100.0


def test_non_substantive_reply_does_not_count_in_reply_rate(make_db):
    con = make_db(communications=[comm("C1", D(2023, 1, 5))],
                  replies=[reply("C1", D(2023, 3, 1), substantive=False)])
    assert fact(con, "replies_received_in_year") == 1
    assert fact(con, "reply_rate_percent") == 0.0


def test_confidential_reply_counts_as_received(make_db):
    con = make_db(communications=[comm("C1", D(2023, 1, 5))],
                  replies=[reply("C1", D(2023, 3, 1), confidential=True)])
    assert fact(con, "replies_received_in_year") == 1
    assert fact(con, "reply_rate_percent") == 100.0


def test_replies_to_earlier_communications_count_in_received_not_to_year(make_db):
    con = make_db(communications=[comm("C0", D(2022, 11, 1)), comm("C1", D(2023, 2, 1))],
                  replies=[reply("C0", D(2023, 1, 15)), reply("C0", D(2022, 12, 1), substantive=False)])
    values = facts(con, Filters(END_2023))
    assert (values["replies_received_in_year"], values["replies_received_in_year_substantive"]) == (1, 1)
    assert (values["replies_to_year_communications"],
            values["replies_to_year_communications_substantive"]) == (0, 0)
    assert values["communications_sent"] == 1
    assert values["reply_rate_percent"] == 0.0
    # As at the end of 2022 the rate for 2022 counts only what had arrived by then.
    assert fact(con, "reply_rate_percent", D(2022, 12, 31)) == 0.0
    assert fact(con, "replies_to_year_communications", D(2022, 12, 31)) == 1


def test_reply_rate_rounds_to_two_decimals(make_db):
    con = make_db(
        communications=[comm("A1", D(2023, 1, 1)), comm("A2", D(2023, 1, 2)), comm("A3", D(2023, 1, 3)),
                        comm("B1", D(2023, 1, 1), "BBB"), comm("B2", D(2023, 1, 2), "BBB"),
                        comm("B3", D(2023, 1, 3), "BBB")],
        replies=[reply("A1", D(2023, 2, 1)), reply("B1", D(2023, 2, 1)), reply("B2", D(2023, 2, 1))],
    )
    assert state(con, "AAA")["reply_rate_percent"] == 33.33
    assert state(con, "BBB")["reply_rate_percent"] == 66.67
    assert fact(con, "reply_rate_percent") == 50.0
    assert fact(con, "reply_rate_percent", regions=["AG"]) == 33.33


def test_state_without_communications_has_null_reply_rate(make_db):
    con = make_db(communications=[comm("C1", D(2023, 1, 1)), comm("C0", D(2022, 1, 1), "BBB")],
                  replies=[reply("C0", D(2022, 2, 1))])
    assert state(con, "BBB")["communications_in_year"] == 0
    assert state(con, "BBB")["reply_rate_percent"] is None
    assert state(con, "CCC")["reply_rate_percent"] is None
    assert fact(con, "reply_rate_percent", regions=["EEG"]) is None


# ---------------------------------------------------------------- regional-group filter


def test_region_filter_restricts_state_figures(make_db):
    con = make_db(
        **threads(visit("V1", "AAA", D(2020, 1, 1)), *requests("BBB", 5), visit("V2", "PSE", D(2023, 1, 1))),
        standing_invitations=[{"iso3": "AAA", "extended_on": D(2001, 1, 1)},
                              {"iso3": "CCC", "extended_on": D(2001, 1, 1)},
                              {"iso3": "PSE", "extended_on": D(2001, 1, 1)}],
    )
    table = states(con, Filters(END_2023, ("AG", "EEG")))
    assert sorted(table["iso3"].to_list()) == ["AAA", "BBB"]
    values = facts(con, Filters(END_2023, ("AG", "EEG")))
    assert values["member_states"] == 2
    assert values["standing_invitations_member_states"] == 1
    assert values["standing_invitations_observer_states"] == 0  # PSE is in no group
    assert values["member_states_visited"] == 1
    assert values["member_states_five_plus_pending_no_acceptance"] == 1
    assert values["visits_in_year"] == 0
    weog = facts(con, Filters(END_2023, ("WEOG",)))
    assert (weog["member_states"], weog["standing_invitations_member_states"], weog["member_states_visited"],
            weog["member_states_five_plus_pending_no_acceptance"]) == (1, 1, 0, 0)


def test_region_filter_on_communications(make_db):
    con = make_db(
        communications=[
            comm("C1", D(2023, 1, 1), "AAA"),
            comm("C2", D(2023, 1, 2), "BBB"),
            comm("C3", D(2023, 1, 3), "AAA", kind="non_state_actor", recipient="Acme Corp"),
            comm("C4", D(2023, 1, 4), None, kind="non_state_actor", recipient="Global Oil"),
        ],
        replies=[reply("C1", D(2023, 2, 1)), reply("C2", D(2023, 2, 1)), reply("C3", D(2023, 2, 1))],
    )
    all_groups = facts(con, Filters(END_2023))
    assert (all_groups["communications_sent"], all_groups["communications_non_state_actors"],
            all_groups["replies_received_in_year"]) == (4, 2, 3)
    ag = facts(con, Filters(END_2023, ("AG",)))
    assert ag["communications_sent"] == 2
    assert ag["communications_states_addressed"] == 1
    assert ag["communications_non_state_actors"] == 1
    assert ag["replies_received_in_year"] == 2
    assert ag["reply_rate_percent"] == 100.0


def test_region_filter_does_not_filter_mandates(make_db):
    con = make_db()
    assert fact(con, "mandates_total", regions=["WEOG"]) == 2
    assert fact(con, "mandates_country", regions=["AG"]) == 1


# ---------------------------------------------------------------- country-mandate access


@pytest.mark.parametrize("events, expected", [
    ([(D(2020, 1, 1), "requested"), (D(2021, 1, 1), "accepted")], "granted"),
    ([(D(2021, 1, 1), "invited"), (D(2021, 9, 1), "completed", D(2021, 9, 10))], "granted"),
    ([(D(2020, 1, 1), "requested"), (D(2021, 1, 1), "declined")], "declined"),
    ([(D(2022, 1, 1), "requested")], "pending"),
    ([(D(2015, 1, 1), "requested"), (D(2019, 1, 1), "reminder")], "pending"),
    ([(D(2015, 1, 1), "requested")], "no request in five years"),
    ([(D(2014, 1, 1), "requested"), (D(2018, 12, 31), "declined")], "no request in five years"),
], ids=["accepted", "visited", "declined", "pending", "reminder-renews", "stale", "declined-before-window"])
def test_country_mandate_access(make_db, events, expected):
    con = make_db(**threads(thread("T1", "BBB", events, mandate_id="SR-BBB")))
    row = access(con, "SR-BBB")
    assert row["access"] == expected
    assert row["host_iso3"] == "BBB"


def test_country_mandate_access_granted_beats_declined_beats_pending(make_db):
    con = make_db(**threads(
        thread("T1", "BBB", [(D(2020, 1, 1), "requested"), (D(2020, 6, 1), "declined")], mandate_id="SR-BBB"),
        thread("T2", "BBB", [(D(2022, 1, 1), "requested")], mandate_id="SR-BBB"),
    ))
    assert access(con, "SR-BBB")["access"] == "declined"
    assert access(con, "SR-BBB", D(2020, 3, 1))["access"] == "pending"
    con = make_db(**threads(
        thread("T1", "BBB", [(D(2020, 1, 1), "requested"), (D(2020, 6, 1), "declined")], mandate_id="SR-BBB"),
        thread("T2", "BBB", [(D(2022, 1, 1), "requested"), (D(2023, 2, 1), "accepted")], mandate_id="SR-BBB"),
    ))
    assert access(con, "SR-BBB")["access"] == "granted"
    assert access(con, "SR-BBB")["threads"] == 2


def test_country_mandate_access_without_threads_is_no_request(make_db):
    # A thematic mandate's acceptance does not give the country mandate access.
    con = make_db(**threads(thread("T1", "BBB", [(D(2021, 1, 1), "invited")])))
    assert access(con, "SR-BBB")["access"] == "no request in five years"


def test_country_mandate_access_palestine_is_measured_through_israel(make_db):
    con = make_db(
        states=BASE_STATES + [ISR],
        mandates=BASE_MANDATES + [SR_OPT],
        **threads(
            thread("T1", "ISR", [(D(2021, 1, 1), "requested"), (D(2022, 1, 1), "declined")], mandate_id="SR-OPT"),
            thread("T2", "PSE", [(D(2021, 1, 1), "invited")], mandate_id="SR-OPT"),
        ),
    )
    row = access(con, "SR-OPT")
    assert (row["country_iso3"], row["host_iso3"], row["host_name"]) == ("PSE", "ISR", "Israel")
    assert row["access"] == "declined"
    assert row["threads"] == 1
    assert access(con, "SR-OPT", regions=["WEOG"])["access"] == "declined"
    assert access(con, "SR-OPT", regions=["EEG"]) is None


def test_country_mandate_access_lists_mandates_in_force_only(make_db):
    ended = {**SR_OPT, "mandate_id": "SR-AAA", "country_iso3": "AAA", "title": "SR on Arcadia",
             "established_on": D(2010, 1, 1), "ended_on": D(2020, 1, 1)}
    con = make_db(mandates=BASE_MANDATES + [ended])
    assert access(con, "SR-AAA") is None
    assert access(con, "SR-AAA", D(2019, 12, 31))["access"] == "no request in five years"


# ---------------------------------------------------------------- data extent and default as-at date


@pytest.mark.parametrize("last, year", [
    (D(2024, 3, 15), 2023),
    (D(2023, 12, 31), 2023),
    (D(2023, 12, 30), 2022),
    (D(2024, 1, 1), 2023),
], ids=["mid-2024", "31-december", "30-december", "1-january"])
def test_latest_complete_year(make_db, last, year):
    con = make_db(**threads(thread("T1", "AAA", [(D(2018, 2, 1), "requested"), (last, "reminder")])))
    extent = data_extent(con)
    assert (extent["first_date"], extent["last_date"], extent["latest_complete_year"]) == (D(2018, 2, 1), last, year)
    assert default_as_at(con) == D(year, 12, 31)


def test_data_extent_looks_at_every_dated_table(make_db):
    con = make_db(
        **threads(thread("T1", "AAA", [(D(2020, 5, 1), "requested")])),
        standing_invitations=[{"iso3": "BBB", "extended_on": D(2005, 1, 1), "withdrawn_on": D(2021, 1, 1)}],
        communications=[comm("C1", D(2023, 11, 1))],
        replies=[reply("C1", D(2024, 1, 2))],
    )
    extent = data_extent(con)
    assert (extent["first_date"], extent["last_date"]) == (D(2005, 1, 1), D(2024, 1, 2))
    assert default_as_at(con) == D(2023, 12, 31)
