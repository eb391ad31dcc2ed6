"""The communications queries on a small fixture with hand-counted values, and against facts on the demo."""
import datetime as dt

import polars as pl
import pytest

from conftest import BASE_MANDATES
from sp_data import communications as comm
from sp_data.facts import facts, states
from sp_data.groups import trends as all_trends
from sp_data.params import FilterError, Filters

D = dt.date
END = Filters(D(2023, 12, 31))


def letter(ref, sent_on, type_, iso3, mandates, recipient=None):
    return {"ref": ref, "sent_on": sent_on, "type": type_, "iso3": iso3, "mandate_ids": mandates,
            "recipient_kind": "non_state_actor" if recipient else "state", "recipient": recipient,
            "follow_up": False}


def reply(ref, received_on, substantive):
    return {"ref": ref, "received_on": received_on, "substantive": substantive}


# Arcadia (AG), Borduria (EEG), Carpania (WEOG); SR-EDU thematic, SR-BBB country; SR-OLD ended in 2023.
COMMUNICATIONS = [
    letter("AL AAA 1/2023", D(2023, 1, 10), "AL", "AAA", ["SR-EDU"]),
    letter("UA AAA 2/2023", D(2023, 3, 1), "UA", "AAA", ["SR-EDU", "SR-BBB"]),
    letter("OL BBB 1/2023", D(2023, 5, 1), "OL", "BBB", ["SR-BBB"]),
    letter("AL BBB 2/2023", D(2023, 6, 1), "AL", "BBB", ["SR-EDU", "SR-BBB"]),
    letter("AL OTH 1/2023", D(2023, 7, 1), "AL", "CCC", ["SR-EDU"], recipient="Acme Corp"),
    letter("UA OTH 2/2023", D(2023, 8, 1), "UA", "AAA", ["SR-EDU"], recipient="Acme Corp"),
    letter("OL OTH 3/2023", D(2023, 9, 1), "OL", None, ["SR-BBB"], recipient="Armed group X"),
    letter("AL CCC 1/2022", D(2022, 12, 20), "AL", "CCC", ["SR-EDU"]),
    letter("AL CCC 2/2023", D(2023, 2, 1), "AL", "CCC", ["SR-OLD"]),
]
REPLIES = [
    reply("AL AAA 1/2023", D(2023, 1, 20), False),  # an acknowledgement after 10 days...
    reply("AL AAA 1/2023", D(2023, 2, 9), True),    # ...and the substance after 30
    reply("OL BBB 1/2023", D(2024, 1, 15), True),   # after the as-at date: not replied by d
    reply("AL BBB 2/2023", D(2023, 6, 21), True),
    reply("AL OTH 1/2023", D(2023, 7, 11), True),
    reply("OL OTH 3/2023", D(2023, 9, 5), False),
    reply("AL CCC 1/2022", D(2023, 1, 5), True),    # replied to last year's letter
]
MANDATES = BASE_MANDATES + [
    {"mandate_id": "SR-OLD", "title": "Special Rapporteur on an old subject", "kind": "thematic",
     "country_iso3": None, "established_on": D(2000, 1, 1), "ended_on": D(2023, 3, 1)},
    {"mandate_id": "SR-GONE", "title": "Special Rapporteur on a forgotten subject", "kind": "thematic",
     "country_iso3": None, "established_on": D(2000, 1, 1), "ended_on": D(2020, 1, 1)},
]


@pytest.fixture
def con(make_db):
    return make_db(communications=COMMUNICATIONS, replies=REPLIES, mandates=MANDATES)


def rows(frame: pl.DataFrame, *columns: str) -> list[tuple]:
    return frame.select(columns).rows()


def test_by_state_counts_the_year_and_replies_by_the_as_at_date(con):
    frame = comm.by_state(con, END)
    assert rows(frame, "iso3", "communications", "substantively_replied", "replied_any", "reply_rate_percent",
                "median_days_to_first_reply", "median_days_to_first_substantive_reply") == [
        ("AAA", 2, 1, 1, 50.0, 10.0, 30.0),
        ("BBB", 2, 1, 1, 50.0, 20.0, 20.0),   # the 2024 reply to OL BBB 1/2023 does not count yet
        ("CCC", 1, 0, 0, 0.0, None, None),    # last year's letter is not in 2023
    ]


def test_by_state_equals_the_per_state_table_when_nothing_is_selected(con):
    ours = comm.by_state(con, END).select("iso3", "communications", "substantively_replied", "reply_rate_percent")
    base = (states(con, END).filter(pl.col("communications_in_year") > 0)
            .select("iso3", pl.col("communications_in_year").alias("communications"),
                    pl.col("substantive_replied_in_year").alias("substantively_replied"), "reply_rate_percent"))
    assert ours.sort("iso3").equals(base.sort("iso3"))


def test_by_state_mid_year_as_at_date(con):
    frame = comm.by_state(con, Filters(D(2023, 2, 1)))
    # AL AAA 1/2023 had an acknowledgement (day 10) but no substantive reply by then; AL CCC 2/2023 was
    # sent on the as-at date itself.
    assert rows(frame, "iso3", "communications", "substantively_replied", "reply_rate_percent",
                "median_days_to_first_reply", "median_days_to_first_substantive_reply") == [
        ("AAA", 1, 0, 0.0, 10.0, None), ("CCC", 1, 0, 0.0, None, None)]


def test_by_state_type_mandate_and_region_filters(con):
    assert rows(comm.by_state(con, END, ("AL",)), "iso3", "communications", "reply_rate_percent") == [
        ("AAA", 1, 100.0), ("BBB", 1, 100.0), ("CCC", 1, 0.0)]
    assert rows(comm.by_state(con, END, (), "SR-BBB"), "iso3", "communications", "substantively_replied") == [
        ("BBB", 2, 1), ("AAA", 1, 0)]
    assert rows(comm.by_state(con, END, ("UA", "OL"), "SR-BBB"), "iso3", "communications") == [
        ("AAA", 1), ("BBB", 1)]
    assert rows(comm.by_state(con, Filters(END.as_at, regions=("EEG",))), "iso3", "communications") == [("BBB", 2)]


def test_by_actor_groups_letters_by_recipient_name(con):
    frame = comm.by_actor(con, END)
    assert rows(frame, "recipient", "states_concerned", "communications", "substantively_replied", "replied_any",
                "reply_rate_percent") == [
        ("Acme Corp", "Arcadia; Carpania", 2, 1, 1, 50.0),
        ("Armed group X", None, 1, 0, 1, 0.0),
    ]
    # With a group filter, letters count by the State concerned; one with none drops out.
    west = comm.by_actor(con, Filters(END.as_at, regions=("WEOG",)))
    assert rows(west, "recipient", "communications", "reply_rate_percent") == [("Acme Corp", 1, 100.0)]
    assert rows(comm.by_actor(con, END, ("UA",)), "recipient", "communications") == [("Acme Corp", 1)]


def test_by_type_has_a_total_row(con):
    frame = comm.by_type(con, END)
    assert rows(frame, "type", "type_name", "communications", "joint", "substantively_replied", "replied_any",
                "reply_rate_percent", "median_days_to_first_reply", "median_days_to_first_substantive_reply") == [
        ("AL", "Allegation letter", 4, 1, 3, 3, 75.0, 10.0, 20.0),
        ("UA", "Urgent appeal", 2, 1, 0, 0, 0.0, None, None),
        ("OL", "Other letter", 2, 0, 0, 1, 0.0, 4.0, None),
        (None, "All types", 8, 2, 3, 4, 37.5, 10.0, 20.0),
    ]
    only_bbb = comm.by_type(con, END, "SR-BBB")
    assert rows(only_bbb, "type", "communications", "reply_rate_percent") == [
        ("AL", 1, 100.0), ("UA", 1, 0.0), ("OL", 2, 0.0), (None, 4, 25.0)]


def test_by_type_total_equals_facts(con):
    f = facts(con, END)
    total = comm.by_type(con, END).filter(pl.col("type").is_null()).row(0, named=True)
    assert (total["communications"], total["joint"], total["reply_rate_percent"]) == (
        f["communications_sent"], f["communications_joint"], f["reply_rate_percent"])


def test_by_mandate_counts_each_mandate_that_took_part(con):
    frame = comm.by_mandate(con, END)
    assert rows(frame, "mandate_id", "communications", "joint", "joint_share_percent", "substantively_replied",
                "reply_rate_percent") == [
        ("SR-EDU", 5, 2, 40.0, 3, 60.0),
        ("SR-BBB", 4, 2, 50.0, 1, 25.0),
        ("SR-OLD", 1, 0, 0.0, 0, 0.0),
    ]
    assert rows(comm.by_mandate(con, END, ("UA",)), "mandate_id", "communications") == [("SR-EDU", 2), ("SR-BBB", 1)]


def test_reply_times_lists_replied_letters(con):
    frame = comm.reply_times(con, END)
    assert rows(frame, "ref", "days_to_first_reply", "days_to_first_substantive_reply") == [
        ("AL AAA 1/2023", 10, 30), ("AL BBB 2/2023", 20, 20), ("AL OTH 1/2023", 10, 10), ("OL OTH 3/2023", 4, None)]
    assert rows(comm.reply_times(con, END, ("OL",)), "ref") == [("OL OTH 3/2023",)]


def test_trends_give_each_year_as_its_report_did(con):
    frame = comm.trends(con, END, 2022, 2023)
    assert rows(frame, "year", "regional_group", "communications", "substantively_replied", "reply_rate_percent") == [
        (2022, "WEOG", 1, 0, 0.0),   # its reply came in 2023, after that year's as-at date
        (2023, "AG", 3, 1, 33.33),
        (2023, "EEG", 2, 1, 50.0),
        (2023, "WEOG", 2, 1, 50.0),
        (2023, None, 1, 0, 0.0),
    ]
    assert rows(comm.trends(con, END, 2022, 2023, ("UA",)), "year", "regional_group", "communications") == [
        (2023, "AG", 2)]


def test_trends_equal_the_overview_trends_when_nothing_is_selected(con, demo_db):
    for db in (con, demo_db):
        ours = comm.trends(db, END, 2011, 2023).select("year", "regional_group", "communications",
                                                       "substantively_replied", "reply_rate_percent")
        base = (all_trends(db, END, 2011, 2023).filter(pl.col("communications") > 0)
                .select("year", "regional_group", "communications", "substantively_replied", "reply_rate_percent"))
        assert ours.equals(base)


def test_mandate_choices_are_those_active_or_that_wrote_in_the_year(con):
    assert comm.mandates(con, END)["mandate_id"].to_list() == ["SR-BBB", "SR-EDU", "SR-OLD"]
    assert comm.mandates(con, Filters(D(2022, 12, 31)))["mandate_id"].to_list() == ["SR-BBB", "SR-EDU", "SR-OLD"]
    assert comm.mandates(con, Filters(D(2024, 6, 30)))["mandate_id"].to_list() == ["SR-BBB", "SR-EDU"]


def test_selection_values_are_bound_not_formatted(con):
    assert comm.by_state(con, END, (), "SR-EDU' OR 1=1 --").height == 0
    with pytest.raises(FilterError, match="unknown communication type"):
        comm.by_state(con, END, ("XX",))


@pytest.mark.parametrize("regions", [(), ("AG", "GRULAC"), ("WEOG",)])
def test_demo_tables_agree_with_facts(demo_db, regions):
    filters = Filters(D(2023, 12, 31), regions=regions)
    f = facts(demo_db, filters)
    assert comm.by_state(demo_db, filters).height == f["communications_states_addressed"]
    assert comm.by_actor(demo_db, filters).height == f["communications_non_state_actors"]
    total = comm.by_type(demo_db, filters).filter(pl.col("type").is_null()).row(0, named=True)
    assert total["communications"] == f["communications_sent"]
    assert total["substantively_replied"] == f["communications_substantively_replied"]
    assert total["reply_rate_percent"] == f["reply_rate_percent"]
    if not regions:
        assert (f["communications_sent"], f["reply_rate_percent"]) == (723, 43.15)
