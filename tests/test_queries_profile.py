"""The cooperation-profile queries (state_*.sql) and sp_data.profile, on small hand-built snapshots.

Base world from conftest (AAA/AG, BBB/EEG, CCC/WEOG, observer PSE; mandates SR-EDU and the
country mandate SR-BBB) plus the rows each test needs. Expected values are written inline.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import polars as pl
import pytest

from conftest import BASE_MANDATES, BASE_STATES, thread, threads
from sp_data.facts import states
from sp_data.params import Filters
from sp_data.wording import age_text
from sp_data.profile import UnknownState, profile, short_title, state_choices, summary
from sp_data.queries import run

D = dt.date
END_2023 = D(2023, 12, 31)
MORE_STATES = BASE_STATES + [
    {"iso3": "DDD", "name": "Dorsalia", "regional_group": "AG", "un_status": "member"},
    {"iso3": "EEE", "name": "Elbonia", "regional_group": "AG", "un_status": "member"},
]


def comm(ref: str, iso3: str, sent_on: dt.date, kind: str = "state") -> dict:
    return {"ref": ref, "sent_on": sent_on, "type": "AL", "recipient_kind": kind, "iso3": iso3,
            "recipient": None, "mandate_ids": ["SR-EDU"], "individuals": 1, "individuals_female": 0,
            "follow_up": False}


def reply(ref: str, received_on: dt.date, substantive: bool = True) -> dict:
    return {"ref": ref, "received_on": received_on, "substantive": substantive}


def requests(iso3: str, n: int, on: dt.date, prefix: str) -> list:
    return [thread(f"{prefix}{i}", iso3, [(on, "requested")]) for i in range(n)]


# ---------------------------------------------------------------- threads and events

@pytest.fixture
def arcadia(make_db):
    """Arcadia (AAA, AG): five threads by 2023, one after, one to a territory of it."""
    return make_db(states=MORE_STATES, **threads(
        thread("T1", "AAA", [(D(2016, 3, 1), "requested"), (D(2020, 5, 1), "reminder")]),
        thread("T2", "AAA", [(D(2015, 1, 10), "requested")]),
        thread("T3", "AAA", [(D(2019, 2, 1), "requested"), (D(2019, 6, 1), "accepted"),
                             (D(2020, 3, 2), "completed", D(2020, 3, 12))]),
        thread("T4", "AAA", [(D(2024, 1, 5), "requested")]),
        thread("T5", "AAA", [(D(2022, 1, 1), "requested")], host_kind="territory", host_name="Arcadian Isles"),
        thread("T6", "AAA", [(D(2021, 6, 15), "requested"), (D(2023, 2, 1), "acknowledged")]),
        thread("T7", "AAA", [(D(2020, 1, 1), "requested"), (D(2021, 1, 1), "declined")]),
        *requests("EEE", 5, D(2022, 3, 1), "E"),
        thread("D1", "DDD", [(D(2010, 1, 1), "requested"), (D(2010, 5, 1), "completed", D(2010, 5, 9))]),
    ), communications=[
        comm("C1", "AAA", D(2022, 3, 1)), comm("C2", "AAA", D(2022, 11, 1)),
        comm("C3", "AAA", D(2023, 2, 1)), comm("C4", "AAA", D(2023, 3, 1)),
        comm("C5", "AAA", D(2023, 9, 1)), comm("C6", "AAA", D(2023, 10, 1)),
        comm("N1", "AAA", D(2023, 4, 1), kind="non_state_actor"),
        comm("D1", "DDD", D(2023, 5, 1)), comm("D2", "DDD", D(2023, 6, 1)),
    ], replies=[
        reply("C1", D(2022, 5, 1)), reply("C2", D(2023, 1, 10)), reply("C3", D(2023, 6, 1)),
        reply("C4", D(2023, 4, 1), substantive=False), reply("N1", D(2023, 5, 1)),
        reply("D1", D(2023, 7, 1)), reply("D2", D(2023, 8, 1)),
    ])


def test_state_threads_status_pending_and_age(arcadia):
    t = run(arcadia, "state_threads", as_at=END_2023, iso3="AAA")
    # Ordered by first event; T4 (after d) and T5 (a territory) are not the State's threads.
    assert t["visit_id"].to_list() == ["T2", "T1", "T3", "T7", "T6"]
    assert t["status"].to_list() == ["requested", "reminder", "completed", "declined", "acknowledged"]
    assert t["pending"].to_list() == [False, True, False, False, True]
    # Days from the first request to d: 2016-03-01 -> 2023-12-31 and 2021-06-15 -> 2023-12-31.
    assert t["pending_age_days"].to_list() == [None, 2861, None, None, 929]
    assert t["reminders"].to_list() == [0, 1, 0, 0, 0]
    t3 = t.row(2, named=True)
    assert (t3["last_accepted_on"], t3["visit_start"], t3["visit_end"], t3["visit_in_window"]) == (
        D(2019, 6, 1), D(2020, 3, 2), D(2020, 3, 12), True)
    assert t.row(3, named=True)["last_declined_on"] == D(2021, 1, 1)


def test_thread_pending_flags_add_up_to_the_state_figure(arcadia):
    row = states(arcadia, Filters(END_2023)).filter(pl.col("iso3") == "AAA").row(0, named=True)
    t = run(arcadia, "state_threads", as_at=END_2023, iso3="AAA")
    assert row["pending_requests"] == t["pending"].sum() == 2
    assert row["oldest_pending_request_on"] == t.filter("pending")["first_request_on"].min() == D(2016, 3, 1)


def test_state_threads_as_at_an_earlier_date(arcadia):
    t = run(arcadia, "state_threads", as_at=D(2020, 12, 31), iso3="AAA")
    assert t["visit_id"].to_list() == ["T2", "T1", "T3", "T7"]
    # As at 2020 the window starts in 2016: T2's 2015 request is not pending; T7 is not declined yet.
    assert t["pending"].to_list() == [False, True, False, True]
    assert t["status"].to_list() == ["requested", "reminder", "completed", "requested"]


def test_state_events_only_the_states_events_up_to_d(arcadia):
    e = run(arcadia, "state_events", as_at=END_2023, iso3="AAA")
    assert e.height == 10
    assert set(e["visit_id"]) == {"T1", "T2", "T3", "T6", "T7"}
    t3 = e.filter(pl.col("visit_id") == "T3")
    assert t3["event"].to_list() == ["requested", "accepted", "completed"]
    assert t3["end_date"].to_list() == [None, None, D(2020, 3, 12)]
    assert e["mandate_title"][0] == "Special Rapporteur on the right to education"


def test_state_events_order_same_day_events_by_the_format(make_db):
    con = make_db(**threads(thread("T", "AAA", [(D(2022, 1, 1), "dates_proposed"), (D(2022, 1, 1), "accepted"),
                                                 (D(2021, 5, 1), "requested")])))
    assert run(con, "state_events", as_at=END_2023, iso3="AAA")["event"].to_list() == [
        "requested", "accepted", "dates_proposed"]


# ---------------------------------------------------------------- profile and group comparison

def test_state_profile_compares_with_the_states_own_group(arcadia):
    row = run(arcadia, "state_profile", as_at=END_2023, iso3="AAA", regions=["WEOG"], threshold=5).row(0, named=True)
    assert row["in_selection"] is False  # AAA is in AG: outside the filter, still profiled
    assert (row["pending_requests"], row["visits_5y"], row["communications_in_year"],
            row["substantive_replied_in_year"], row["reply_rate_percent"]) == (2, 1, 4, 1, 25.0)
    # AG: AAA 2 pending, DDD 0, EEE 5 -> median 2; visits in the window 1, 0, 0 -> 0;
    # reply rates AAA 25 %, DDD 100 %, EEE sent nothing (left out) -> 62.5.
    assert row["group_states"] == 3
    assert row["group_median_pending_requests"] == 2
    assert row["group_median_visits_5y"] == 0
    assert row["group_median_reply_rate_percent"] == 62.5
    assert row["group_states_with_communications"] == 2
    assert row["window_start"] == D(2019, 1, 1)


def test_state_profile_of_a_state_in_no_group_has_no_comparison(arcadia):
    row = run(arcadia, "state_profile", as_at=END_2023, iso3="PSE", regions=[], threshold=5).row(0, named=True)
    assert row["in_selection"] is True
    assert row["group_states"] is None and row["group_median_pending_requests"] is None
    assert run(arcadia, "state_profile", as_at=END_2023, iso3="PSE", regions=["AG"],
               threshold=5)["in_selection"].to_list() == [False]


def test_state_profile_unknown_state_has_no_row(arcadia):
    assert run(arcadia, "state_profile", as_at=END_2023, iso3="XXX", regions=[], threshold=5).height == 0
    with pytest.raises(UnknownState, match="no State with the code 'XXX'"):
        profile(arcadia, Filters(END_2023), "XXX")


def test_key_figures_against_the_group(arcadia):
    figures = {k.key: k for k in profile(arcadia, Filters(END_2023), "AAA").key_figures}
    assert (figures["pending_requests"].display, figures["pending_requests"].delta,
            figures["pending_requests"].comparison) == ("2", "0", "vs AG median 2")
    assert (figures["visits_5y"].label, figures["visits_5y"].delta,
            figures["visits_5y"].comparison) == ("Visits, 2019–2023", "+1", "vs AG median 0")
    assert (figures["reply_rate_percent"].display, figures["reply_rate_percent"].delta,
            figures["reply_rate_percent"].comparison) == ("25.00 %", "-37.5", "vs AG median 62.5 %")
    assert figures["oldest_pending_request_on"].display == "1 March 2016"
    assert figures["last_visit_on"].display == "2 March 2020"
    assert figures["standing_invitation"].display == "None"
    assert figures["pending_requests"].definition.startswith("A pending request is a visit request still awaiting")


def test_communications_by_year_each_year_as_its_report_gives_it(arcadia):
    c = run(arcadia, "state_communications_by_year", as_at=END_2023, iso3="AAA", threshold=5)
    # From the first year with any communication (2022) to d's year. In 2022, C2's reply came in
    # 2023, after that year's 31 December; the letter to a non-State actor does not count.
    assert c.select("year", "communications", "substantively_replied", "reply_rate_percent",
                    "group_median_reply_rate_percent").rows() == [
        (2022, 2, 1, 50.0, 50.0),
        (2023, 4, 1, 25.0, 62.5),
    ]
    assert c["as_at"].to_list() == [D(2022, 12, 31), END_2023]


def test_communications_by_year_mid_year(arcadia):
    c = run(arcadia, "state_communications_by_year", as_at=D(2023, 6, 30), iso3="AAA", threshold=5)
    # By 30 June 2023: C3 (replied 1 June) and C4 (a non-substantive reply) were sent.
    assert c.filter(pl.col("year") == 2023).select("communications", "substantively_replied",
                                                   "reply_rate_percent").row(0) == (2, 1, 50.0)


def test_communications_by_year_for_a_state_sent_nothing(arcadia):
    c = run(arcadia, "state_communications_by_year", as_at=END_2023, iso3="EEE", threshold=5)
    assert c.select("year", "communications", "reply_rate_percent").rows() == [(2022, 0, None), (2023, 0, None)]
    p = profile(arcadia, Filters(END_2023), "EEE")
    assert p.notes.communications == "No communication was sent to Elbonia from 2022 to 2023."


def test_state_choices_by_name_with_the_selection(arcadia):
    c = state_choices(arcadia, Filters(END_2023, regions=("EEG", "WEOG")))
    assert c.options == ["AAA", "BBB", "CCC", "DDD", "EEE", "PSE"]
    assert c.names["DDD"] == "Dorsalia"
    assert c.default == "BBB"  # the first by name in the selected groups
    assert state_choices(arcadia, Filters(END_2023)).default == "AAA"
    assert run(arcadia, "state_choices", regions=["AG"]).filter("in_selection")["iso3"].to_list() == [
        "AAA", "DDD", "EEE"]


def test_profile_bundle_frames(arcadia):
    p = profile(arcadia, Filters(END_2023), "AAA")
    assert p.pending["visit_id"].to_list() == ["T1", "T6"]  # oldest first
    assert p.visits["visit_id"].to_list() == ["T3"]
    assert p.visits["visit_dates"].to_list() == ["2–12 March 2020"]
    assert p.threads["thread_label"].to_list() == [
        "Right to education · 2015", "Right to education · 2016", "Right to education · 2019",
        "Right to education · 2020", "Right to education · 2021"]
    assert p.pending["pending_age_text"].to_list() == [
        age_text(d, END_2023) for d in p.pending["first_request_on"]]
    assert p.threads["status_label"].to_list() == [
        "Requested", "Reminder sent", "Visit carried out", "Declined", "Acknowledged"]
    assert set(p.events["event_label"]) == {"Request", "Reminder", "Accepted", "Visit carried out",
                                                "Acknowledged", "Declined"}
    assert p.events["thread_label"].null_count() == 0
    assert (p.name, p.group_name, p.period) == ("Arcadia", "African States", "2023")
    assert asdict(p.notes) == {"selection": None, "group": None, "threads": None, "pending": None, "visits": None,
                          "communications": None,
                          "country_mandates": "No country mandate in force on 31 December 2023 concerns Arcadia."}


def test_thread_labels_are_unique_per_row(make_db):
    con = make_db(**threads(thread("A", "AAA", [(D(2022, 1, 1), "requested")]),
                            thread("B", "AAA", [(D(2022, 5, 1), "requested")])))
    assert profile(con, Filters(END_2023), "AAA").threads["thread_label"].to_list() == [
        "Right to education · 2022", "Right to education · 2022 (2)"]


def test_short_titles():
    assert short_title("SR-TORTURE", "Special Rapporteur on torture and other cruel, inhuman or degrading "
                                     "treatment or punishment") == "SR on torture"
    assert short_title("SR-IRAN", "Special Rapporteur on the situation of human rights in the Islamic "
                                  "Republic of Iran") == "SR on Islamic Republic of Iran"
    assert short_title("X", "Working Group on something with a very long name indeed, longer than forty"
                       ) == "WG on something with a very long name indeed…"


# ---------------------------------------------------------------- country-mandate access

def test_country_mandate_access_rows_for_the_state(make_db):
    states_ = BASE_STATES + [{"iso3": "ISR", "name": "Israel", "regional_group": "WEOG", "un_status": "member"}]
    mandates = BASE_MANDATES + [{"mandate_id": "SR-OPT", "title": "Special Rapporteur on the situation of human "
                                 "rights in the Palestinian territories occupied since 1967", "kind": "country",
                                 "country_iso3": "PSE", "established_on": D(1993, 1, 1), "ended_on": None}]
    con = make_db(states=states_, mandates=mandates, **threads(
        thread("O1", "ISR", [(D(2021, 1, 1), "requested"), (D(2021, 6, 1), "declined")], mandate_id="SR-OPT"),
        thread("B1", "BBB", [(D(2022, 1, 1), "requested"), (D(2022, 9, 1), "completed", D(2022, 9, 8))],
               mandate_id="SR-BBB")))
    f = Filters(END_2023, regions=("AG",))  # the group filter does not hide a profile's own mandate
    for iso3 in ("ISR", "PSE"):
        rows = profile(con, f, iso3).country_mandates
        assert rows.select("mandate_id", "host_iso3", "access", "threads").rows() == [("SR-OPT", "ISR", "declined", 1)]
    assert profile(con, f, "BBB").country_mandates.select("mandate_id", "access").rows() == [("SR-BBB", "granted")]
    assert profile(con, f, "CCC").country_mandates.height == 0


# ---------------------------------------------------------------- the summary sentence

@pytest.fixture
def summaries(make_db):
    """Five States, one summary case each."""
    world = MORE_STATES
    pending12 = [thread("AP", "AAA", [(D(2016, 5, 1), "requested"), (D(2021, 1, 1), "reminder")])]
    pending12 += requests("AAA", 11, D(2022, 3, 1), "A")
    rows = threads(
        *pending12,
        thread("AV", "AAA", [(D(2013, 1, 1), "requested"), (D(2014, 4, 1), "completed", D(2014, 4, 9))]),
        thread("C1", "CCC", [(D(2021, 2, 1), "requested")]),
        thread("CV", "CCC", [(D(2022, 1, 1), "requested"), (D(2022, 6, 1), "completed", D(2022, 6, 5))]),
        thread("DV1", "DDD", [(D(2019, 3, 1), "completed", D(2019, 3, 6))]),
        thread("DV2", "DDD", [(D(2023, 3, 1), "completed", D(2023, 3, 6))]),
    )
    comms = [comm(f"A{i}", "AAA", D(2023, 1 + i, 1)) for i in range(9)]
    reps = [reply(f"A{i}", D(2023, 11, 1)) for i in range(4)]
    comms += [comm("C", "CCC", D(2023, 3, 1)), comm("D1", "DDD", D(2023, 3, 1)), comm("D2", "DDD", D(2023, 4, 1)),
              comm("E", "EEE", D(2023, 4, 1))]
    reps += [reply("C", D(2023, 4, 1)), reply("D1", D(2023, 5, 1), substantive=False),
             reply("E", D(2023, 5, 1), substantive=False)]
    invitations = [
        {"iso3": "CCC", "extended_on": D(2020, 2, 2), "withdrawn_on": None},
        {"iso3": "DDD", "extended_on": D(2005, 1, 1), "withdrawn_on": D(2021, 7, 1)},
        {"iso3": "EEE", "extended_on": D(2024, 3, 1), "withdrawn_on": None},
    ]
    return make_db(states=world, communications=comms, replies=reps, standing_invitations=invitations, **rows)


@pytest.mark.parametrize("iso3, as_at, expected", [
    ("AAA", END_2023, "No standing invitation; 12 pending requests, the oldest from 2016; no visit since 2014; "
                      "replied substantively to 4 of 9 communications sent in 2023."),
    ("BBB", END_2023, "No standing invitation; no pending request; never visited; "
                      "no communication was sent in 2023."),
    ("CCC", END_2023, "Standing invitation since 2020; 1 pending request, from 2021; 1 visit in five years "
                      "(2019–2023), in 2022; replied substantively to the one communication sent in 2023."),
    ("DDD", END_2023, "Standing invitation withdrawn in 2021; no pending request; 2 visits in five years "
                      "(2019–2023), the last in 2023; no substantive reply to any of the 2 communications "
                      "sent in 2023."),
    ("EEE", END_2023, "No standing invitation; no pending request; never visited; no substantive reply to the one "
                      "communication sent in 2023."),
    ("BBB", D(2024, 6, 30), "No standing invitation; no pending request; never visited; "
                            "no communication was sent in 2024 up to 30 June."),
    ("DDD", D(2020, 12, 31), "Standing invitation since 2005; no pending request; 1 visit in five years "
                             "(2016–2020), in 2019; no communication was sent in 2020."),
])
def test_summary_sentence(summaries, iso3, as_at, expected):
    p = profile(summaries, Filters(as_at), iso3)
    assert p.summary == expected
    assert summary(p.figures, Filters(as_at)) == expected


def test_standing_invitation_sentence(summaries):
    text = {iso3: profile(summaries, Filters(END_2023), iso3).standing_invitation for iso3 in ("CCC", "DDD", "EEE")}
    assert text == {
        "CCC": "Standing invitation extended on 2 February 2020.",
        "DDD": "No standing invitation as at 31 December 2023: the standing invitation was withdrawn on 1 July 2021.",
        "EEE": "No standing invitation as at 31 December 2023.",  # extended only in 2024
    }


def test_empty_case_notes(summaries):
    notes = profile(summaries, Filters(END_2023), "BBB").notes
    assert notes.threads == "No special procedure had asked to visit Borduria by 31 December 2023: there is no visit thread to show."
    assert notes.visits == "Borduria has never been visited: no visit was carried out by 31 December 2023."
    assert notes.pending.startswith("Borduria has no pending request as at 31 December 2023")
    assert notes.communications == "No communication was sent to Borduria in 2023."


# ---------------------------------------------------------------- the bundled snapshot

def test_every_demo_state_has_a_profile_consistent_with_the_state_table(demo_db):
    f = Filters(END_2023)
    table = states(demo_db, f)
    for row in table.iter_rows(named=True):
        t = run(demo_db, "state_threads", as_at=END_2023, iso3=row["iso3"])
        assert t["pending"].sum() == row["pending_requests"], row["iso3"]
        assert (t["visit_start"].count() > 0) == row["ever_visited"], row["iso3"]
        assert t.filter(pl.col("visit_start") >= D(2019, 1, 1)).height == row["visits_5y"], row["iso3"]
        assert t["visit_start"].max() == row["last_visit_on"], row["iso3"]


# ---------------------------------------------------------------- several States at once (Compare)

def test_compare_state_profiles_counts_a_group_once_for_two_of_its_states(arcadia):
    rows = run(arcadia, "compare_state_profiles", as_at=END_2023, states=["EEE", "AAA", "PSE", "XXX"],
               regions=["WEOG"], threshold=5)
    # AAA and EEE are both in AG: the group's three States, not six; PSE has no group; XXX no row.
    assert rows.select("iso3", "pending_requests", "group_states", "group_median_pending_requests",
                       "group_median_reply_rate_percent", "in_selection").rows() == [
        ("AAA", 2, 3, 2, 62.5, False),
        ("EEE", 5, 3, 2, 62.5, False),
        ("PSE", 0, None, None, None, False),
    ]


def test_compare_state_threads_events_and_years_are_each_states_own(arcadia):
    t = run(arcadia, "compare_state_threads", as_at=END_2023, states=["EEE", "AAA"])
    assert t.select("iso3", "visit_id").rows() == [
        ("AAA", "T2"), ("AAA", "T1"), ("AAA", "T3"), ("AAA", "T7"), ("AAA", "T6"),
        ("EEE", "E0"), ("EEE", "E1"), ("EEE", "E2"), ("EEE", "E3"), ("EEE", "E4")]
    e = run(arcadia, "compare_state_events", as_at=D(2019, 12, 31), states=["AAA", "DDD"])
    assert e.select("iso3", "visit_id", "event").rows() == [
        ("AAA", "T1", "requested"), ("AAA", "T2", "requested"), ("AAA", "T3", "requested"),
        ("AAA", "T3", "accepted"), ("DDD", "D1", "requested"), ("DDD", "D1", "completed")]
    c = run(arcadia, "compare_state_communications", as_at=END_2023, states=["DDD", "AAA"])
    assert c.select("iso3", "year", "communications", "substantively_replied", "group_median_reply_rate_percent",
                    "group_states_with_communications").rows() == [
        ("AAA", 2022, 2, 1, 50.0, 1), ("AAA", 2023, 4, 1, 62.5, 2),
        ("DDD", 2022, 0, 0, 50.0, 1), ("DDD", 2023, 2, 2, 62.5, 2)]


def test_compare_state_queries_give_each_state_what_its_profile_query_gives(arcadia):
    for single, multi in (("state_profile", "compare_state_profiles"), ("state_threads", "compare_state_threads"),
                          ("state_events", "compare_state_events"),
                          ("state_communications_by_year", "compare_state_communications")):
        both = run(arcadia, multi, as_at=D(2023, 6, 30), states=["AAA", "DDD", "PSE"], regions=["AG"], threshold=2)
        for iso3 in ("AAA", "DDD", "PSE"):
            one = run(arcadia, single, as_at=D(2023, 6, 30), iso3=iso3, regions=["AG"], threshold=2)
            own = both.filter(pl.col("iso3") == iso3)
            assert (own if single == "state_profile" else own.drop("iso3")).equals(one), (single, iso3)
