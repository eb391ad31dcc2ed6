"""Per-mandate figures and the special procedures' side, on a hand-built snapshot with inline expectations."""
import datetime as dt
import json

import polars as pl
import pytest

from conftest import BASE_MANDATES, D, frames, thread, threads
from sp_data.cli import main
from sp_data.mandates import (MANDATE_JSON_COLUMNS, UnknownMandate, accepted_not_carried_out, age_text,
                              mandate_choices, mandate_profile, mandate_table, state_awaiting)
from sp_data.params import Filters
from sp_data.queries import run
from sp_data.snapshot import write_snapshot

AS_AT = D(2023, 12, 31)
MANDATES = BASE_MANDATES + [
    {"mandate_id": "IE-OLD", "title": "Independent Expert on old questions", "kind": "thematic",
     "country_iso3": None, "established_on": D(2000, 1, 1), "ended_on": D(2015, 6, 30)},
]
# SR-EDU (thematic) has a request in every status; SR-BBB is a country mandate (Borduria); IE-OLD ended.
THREADS = threads(
    thread("T1", "AAA", [(D(2021, 3, 1), "requested")]),                                     # pending
    thread("T2", "BBB", [(D(2019, 2, 1), "requested"), (D(2020, 5, 1), "reminder"),
                         (D(2020, 6, 1), "acknowledged")]),                                   # pending, oldest
    thread("T3", "CCC", [(D(2015, 1, 1), "requested")]),                                     # too old to be pending
    thread("T4", "AAA", [(D(2020, 1, 10), "requested"), (D(2022, 3, 15), "accepted")]),       # accepted
    thread("T5", "BBB", [(D(2023, 6, 1), "invited")]),                                       # invited
    thread("T6", "CCC", [(D(2021, 1, 1), "requested"), (D(2023, 2, 1), "dates_proposed")]),  # dates proposed
    thread("T7", "AAA", [(D(2018, 1, 1), "requested"), (D(2019, 1, 1), "accepted"),
                         (D(2020, 4, 1), "postponed")]),                                     # postponed
    thread("T8", "BBB", [(D(2019, 5, 1), "requested"), (D(2020, 1, 1), "declined")]),
    thread("T9", "CCC", [(D(2017, 1, 1), "requested"), (D(2019, 1, 1), "withdrawn")]),
    thread("T10", "AAA", [(D(2021, 1, 1), "requested"), (D(2021, 6, 1), "accepted"),
                          (D(2023, 3, 10), "completed", D(2023, 3, 20))]),                   # visit in 2023
    thread("T11", "CCC", [(D(2016, 1, 1), "requested"), (D(2017, 1, 1), "accepted"),
                          (D(2018, 5, 1), "completed", D(2018, 5, 9))]),                     # visit before the window
    thread("T12", "BBB", [(D(2022, 1, 1), "requested"), (D(2024, 2, 1), "accepted")]),       # accepted after d
    thread("T13", "AAA", [(D(2019, 3, 1), "requested"), (D(2019, 6, 1), "accepted"),
                          (D(2020, 1, 1), "cancelled")]),
    thread("T14", None, [(D(2022, 1, 1), "requested"), (D(2023, 1, 1), "accepted")],
           host_kind="institution", host_name="World Bank"),                                 # accepted, no group
    thread("T20", "BBB", [(D(2020, 2, 1), "requested"), (D(2021, 2, 1), "reminder")], mandate_id="SR-BBB"),
    thread("T22", "BBB", [(D(2016, 1, 1), "requested"), (D(2017, 5, 1), "completed", D(2017, 5, 8))],
           mandate_id="SR-BBB"),
    thread("T30", "AAA", [(D(2010, 1, 1), "requested"), (D(2010, 6, 1), "accepted"),
                          (D(2011, 5, 1), "completed", D(2011, 5, 5))], mandate_id="IE-OLD"),
)


def comm(ref, iso3, sent_on, mandates, type_="AL"):
    return {"ref": ref, "sent_on": sent_on, "type": type_, "recipient_kind": "state", "iso3": iso3,
            "mandate_ids": mandates, "follow_up": False}


COMMUNICATIONS = [
    comm("C1", "AAA", D(2023, 2, 1), ["SR-EDU", "SR-BBB"], "UA"),   # joint, substantive reply
    comm("C2", "BBB", D(2023, 5, 1), ["SR-EDU"]),                   # no reply
    comm("C3", "CCC", D(2023, 7, 1), ["SR-EDU", "SR-BBB"], "OL"),   # joint; substantive reply only after d
    comm("C4", "AAA", D(2022, 6, 1), ["SR-EDU"]),                   # the year before
    comm("C5", "BBB", D(2014, 3, 1), ["IE-OLD"]),
]
REPLIES = [
    {"ref": "C1", "received_on": D(2023, 3, 1), "substantive": True},
    {"ref": "C3", "received_on": D(2023, 8, 1), "substantive": False},
    {"ref": "C3", "received_on": D(2024, 1, 15), "substantive": True},
    {"ref": "C4", "received_on": D(2022, 7, 1), "substantive": True},
    {"ref": "C5", "received_on": D(2014, 4, 1), "substantive": True},
]
ROWS = dict(mandates=MANDATES, communications=COMMUNICATIONS, replies=REPLIES, **THREADS)


@pytest.fixture
def db(make_db):
    return make_db(**ROWS)


def by_id(frame):
    return {r["mandate_id"]: r for r in frame.to_dicts()}


def test_per_mandate_figures(db):
    rows = by_id(mandate_table(db, Filters(as_at=AS_AT)))
    assert list(rows) == ["IE-OLD", "SR-EDU", "SR-BBB"]  # by title, the ended mandate included
    edu, bbb, old = rows["SR-EDU"], rows["SR-BBB"], rows["IE-OLD"]
    # Pending: T1, T2, T12 (accepted only after d); T3's last request predates the window.
    assert (edu["pending_requests"], edu["oldest_pending_request_on"]) == (3, D(2019, 2, 1))
    # Invited (T5), accepted (T4), dates proposed (T6), postponed (T7), and the institution's T14.
    assert (edu["accepted_not_carried_out"], edu["oldest_accepted_on"]) == (5, D(2019, 1, 1))
    assert (edu["visits_in_year"], edu["visits_5y"], edu["last_visit_on"]) == (1, 1, D(2023, 3, 10))
    # C1, C2, C3; only C1 had a substantive reply by d (C3's came in 2024).
    assert (edu["communications_in_year"], edu["substantive_replied_in_year"], edu["reply_rate_percent"]) == \
        (3, 1, 33.33)
    assert (bbb["kind"], bbb["country_name"], bbb["pending_requests"], bbb["visits_5y"]) == \
        ("country", "Borduria", 1, 0)
    # The joint letters C1 and C3 count once for each of their mandates: 3 + 2 > the 3 letters sent.
    assert (bbb["communications_in_year"], bbb["substantive_replied_in_year"], bbb["reply_rate_percent"]) == \
        (2, 1, 50.0)
    assert (old["in_force"], old["ended_on"], old["communications_in_year"], old["reply_rate_percent"]) == \
        (False, D(2015, 6, 30), 0, None)
    assert old["last_visit_on"] == D(2011, 5, 1)


def test_an_acceptance_after_the_as_at_date_counts_from_that_date(db):
    before = by_id(mandate_table(db, Filters(as_at=AS_AT)))["SR-EDU"]
    after = by_id(mandate_table(db, Filters(as_at=D(2024, 3, 1))))["SR-EDU"]
    assert (before["pending_requests"], before["accepted_not_carried_out"]) == (3, 5)
    assert (after["pending_requests"], after["accepted_not_carried_out"]) == (2, 6)
    assert after["visits_in_year"] == 0 and after["visits_5y"] == 1


def test_regional_groups_restrict_threads_and_letters(db):
    edu = by_id(mandate_table(db, Filters(as_at=AS_AT, regions=("AG",))))["SR-EDU"]
    # Arcadia only: T1 pending; T4 and T7 accepted (the institution has no group); T10 visited; C1.
    assert (edu["pending_requests"], edu["accepted_not_carried_out"], edu["visits_in_year"]) == (1, 2, 1)
    assert (edu["communications_in_year"], edu["substantive_replied_in_year"]) == (1, 1)


def test_accepted_not_carried_out_list(db):
    side = accepted_not_carried_out(db, Filters(as_at=AS_AT))
    t = side.threads
    assert t["visit_id"].to_list() == ["T7", "T4", "T14", "T6", "T5"]  # oldest acceptance first
    assert t["status_label"].to_list() == ["Postponed", "Accepted", "Accepted", "Dates proposed", "Invited"]
    assert t["host"].to_list() == ["Arcadia", "Arcadia", "World Bank", "Carpania", "Borduria"]
    assert t["days_since_acceptance"].to_list() == [(AS_AT - D(2019, 1, 1)).days, (AS_AT - D(2022, 3, 15)).days,
                                                    364, (AS_AT - D(2023, 2, 1)).days, 213]
    assert t["accepted_ago"].to_list() == ["4 years 11 months", "1 year 9 months", "11 months", "10 months",
                                           "6 months"]
    assert side.count == 5 and side.oldest_accepted_on == D(2019, 1, 1)
    assert side.by_state.select("host", "visits").rows() == [
        ("Arcadia", 2), ("Borduria", 1), ("Carpania", 1), ("World Bank", 1)]
    assert side.by_mandate.select("mandate_id", "visits").rows() == [("SR-EDU", 5)]
    assert accepted_not_carried_out(db, Filters(as_at=AS_AT, regions=("WEOG",))).threads["visit_id"].to_list() == ["T6"]


def test_state_awaiting_sentence(db):
    assert state_awaiting(db, Filters(as_at=AS_AT), "AAA").text == \
        "Awaiting the special procedures: 2 accepted visits, the oldest accepted in January 2019."
    assert state_awaiting(db, Filters(as_at=AS_AT), "BBB").text == \
        "Awaiting the special procedures: 1 accepted visit, accepted in June 2023."
    # The State's own side does not depend on the group filter, as the rest of its profile.
    assert state_awaiting(db, Filters(as_at=D(2018, 12, 31), regions=("EEG",)), "AAA").threads.height == 0


def test_mandate_profile_threads_summary_and_requests_by_state(db):
    p = mandate_profile(db, Filters(as_at=AS_AT), "SR-EDU")
    assert p.threads.height == 14
    assert p.pending["visit_id"].to_list() == ["T2", "T1", "T12"]
    assert p.pending["pending_age"].to_list() == ["4 years 10 months", "2 years 9 months", "1 year 11 months"]
    assert p.accepted["visit_id"].to_list() == ["T7", "T4", "T14", "T6", "T5"]
    assert p.summary == (
        "3 pending requests, the oldest to Borduria from 2019; 5 visits accepted and not yet carried out, the "
        "oldest accepted 4 years 11 months ago; 1 visit carried out in 2023 (1 in 2019–2023); sent or joined 3 "
        "communications in 2023, 33 % with a substantive reply.")
    by_state = {r["host"]: r for r in p.requests_by_state.to_dicts()}
    assert {k: by_state["Arcadia"][k] for k in ("requests", "pending", "accepted_not_carried_out", "visits",
                                                 "withdrawn_or_cancelled")} == \
        {"requests": 5, "pending": 1, "accepted_not_carried_out": 2, "visits": 1, "withdrawn_or_cancelled": 1}
    assert (by_state["Borduria"]["requests"], by_state["Borduria"]["declined"], by_state["Borduria"]["pending"]) == \
        (4, 1, 2)
    assert p.visits_by_year.rows() == [(2018, 1), (2019, 0), (2020, 0), (2021, 0), (2022, 0), (2023, 1)]
    assert p.events.filter(pl.col("visit_id") == "T12")["event"].to_list() == ["requested"]  # 2024 left out


def test_durations_against_mandates_of_the_same_kind(db):
    d = mandate_profile(db, Filters(as_at=AS_AT), "SR-EDU").durations
    rows = {(r["measure"], r["scope"]): r for r in d.to_dicts()}
    # Request to acceptance, SR-EDU: 0 (invited), 92, 151, 365, 365, 366, 761, 795 days (T12's 2024
    # acceptance is after d); all thematic mandates add IE-OLD's 151.
    mine = rows[("request_to_acceptance", "mandate")]
    assert (mine["threads"], mine["median_days"], mine["q1_days"], mine["q3_days"]) == (8, 365.0, 136.25, 464.75)
    kind = rows[("request_to_acceptance", "kind")]
    assert (kind["threads"], kind["median_days"], kind["q1_days"], kind["q3_days"]) == (9, 365.0, 151.0, 366.0)
    # Acceptance to visit: T10 647 and T11 485 days; IE-OLD's T30 334.
    assert rows[("acceptance_to_visit", "mandate")]["median_days"] == 566.0
    assert (rows[("acceptance_to_visit", "kind")]["threads"], rows[("acceptance_to_visit", "kind")]["median_days"]) \
        == (3, 485.0)
    assert rows[("acceptance_to_visit", "mandate")]["median_text"] == "1 year 7 months"


def test_mandate_communications_by_year_and_by_state(db):
    p = mandate_profile(db, Filters(as_at=AS_AT), "SR-EDU")
    years = {r["year"]: r for r in p.communications.to_dicts()}
    assert (years[2022]["communications"], years[2022]["substantively_replied"]) == (1, 1)
    y = years[2023]
    assert (y["communications"], y["allegation_letters"], y["urgent_appeals"], y["other_letters"]) == (3, 1, 1, 1)
    assert (y["substantively_replied"], y["reply_rate_percent"], y["all_communications"], y["all_reply_rate_percent"]) \
        == (1, 33.33, 3, 33.33)
    assert years[2014]["communications"] == 0 and years[2014]["all_communications"] == 1
    rows = p.communications_by_state.select("recipient", "communications_5y", "communications_in_year",
                                               "substantively_replied", "unanswered").rows()
    # Unanswered: no reply of any kind by d. Borduria left C2 unanswered; Carpania sent a holding reply.
    assert rows == [("Borduria", 1, 1, 0, 1), ("Arcadia", 2, 1, 2, 0), ("Carpania", 1, 1, 0, 0)]


def test_country_mandate_and_ended_mandate(db):
    bbb = mandate_profile(db, Filters(as_at=AS_AT), "SR-BBB")
    assert bbb.status_text == "Country mandate, established on 5 July 2012 · concerns Borduria"
    assert bbb.country_access.access == "pending"
    assert bbb.country_threads["visit_id"].to_list() == ["T22", "T20"]
    # Neither of its threads was ever accepted (T22's visit came without a recorded acceptance).
    assert bbb.notes.durations == ("None of this mandate's visit requests had been accepted by 31 December "
                                         "2023: only the times of all country mandates are shown.")
    old = mandate_profile(db, Filters(as_at=AS_AT), "IE-OLD")
    assert old.status_text == "Thematic mandate, established on 1 January 2000; ended on 30 June 2015"
    assert old.summary.startswith("The mandate ended on 30 June 2015; no pending request;")
    choices = mandate_choices(db, Filters(as_at=AS_AT))
    assert choices.options == ["SR-EDU", "SR-BBB", "IE-OLD"]  # in force first, then ended
    assert choices.names["IE-OLD"] == "Independent Expert on old questions (ended 2015)"
    with pytest.raises(UnknownMandate):
        mandate_profile(db, Filters(as_at=AS_AT), "NOPE")


def test_age_text():
    assert age_text(D(2022, 3, 15), D(2023, 11, 30)) == "1 year 8 months"
    assert age_text(D(2023, 12, 20), D(2023, 12, 31)) == "under a month"
    assert age_text(D(2021, 12, 31), D(2023, 12, 31)) == "2 years"
    assert age_text(None, D(2023, 12, 31)) is None


def test_mandates_cli_json(tmp_path, capsys):
    path, _ = write_snapshot(frames(**ROWS), source="test fixture", simulated=False, root=tmp_path / "parquet",
                             snapshot_id="fixture-cli")
    assert main(["mandates", "--snapshot", str(path), "--as-at", "2023-12-31", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [tuple(r) for r in rows] == [MANDATE_JSON_COLUMNS] * 3
    assert rows[1] == {
        "mandate_id": "SR-EDU", "title": "Special Rapporteur on the right to education", "kind": "thematic",
        "established_on": "1998-04-17", "ended_on": None, "pending_requests": 3, "accepted_not_carried_out": 5,
        "visits_in_year": 1, "visits_5y": 1, "communications_in_year": 3, "substantive_replied_in_year": 1,
        "reply_rate_percent": 33.33}
    assert rows[0]["mandate_id"] == "IE-OLD" and rows[0]["ended_on"] == "2015-06-30"
    assert rows[0]["reply_rate_percent"] is None
    assert main(["mandates", "--snapshot", str(path), "--as-at", "2023-12-31", "--region", "AG", "--json"]) == 0
    ag = {r["mandate_id"]: r for r in json.loads(capsys.readouterr().out)}
    assert (ag["SR-EDU"]["pending_requests"], ag["SR-EDU"]["accepted_not_carried_out"]) == (1, 2)
    assert main(["mandates", "--snapshot", str(path), "--as-at", "2023-12-31"]) == 0
    text = capsys.readouterr().out
    assert "accepted not carried out" in text and "SR-EDU" in text and "2015-06-30" in text


def test_mandate_queries_on_the_demo(demo_db):
    """The per-mandate pending requests add up to the pending requests of every State."""
    f = Filters(as_at=AS_AT)
    table = mandate_table(demo_db, f)
    pending = run(demo_db, "pending_requests", as_at=AS_AT, regions=[])
    assert table["pending_requests"].sum() == pending.height
    assert table["accepted_not_carried_out"].sum() == accepted_not_carried_out(demo_db, f).count
    assert table.height == 65


def test_mandate_choices_query_lists_every_mandate_and_says_which_are_in_force(db):
    rows = run(db, "mandate_choices", as_at=D(2014, 12, 31))
    assert rows.select("mandate_id", "in_force", "established_on", "ended_on").rows() == [
        ("IE-OLD", True, D(2000, 1, 1), D(2015, 6, 30)),
        ("SR-EDU", True, D(1998, 4, 17), None),
        ("SR-BBB", True, D(2012, 7, 5), None),
    ]
    assert run(db, "mandate_choices", as_at=D(2011, 1, 1))["in_force"].to_list() == [True, True, False]
    assert run(db, "mandate_choices", as_at=AS_AT)["in_force"].to_list() == [False, True, True]
