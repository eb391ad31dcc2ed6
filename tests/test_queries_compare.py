"""The Compare queries (group_ranks.sql, compare_by_year.sql) and sp_data.compare, on small hand-built snapshots.

The world: four African States (AAA, DDD, EEE, FFF), Borduria (EEG) and Carpania (WEOG) alone in theirs,
and the observer PSE in no group. Expected ranks are written inline.
"""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import BASE_STATES, thread, threads
from sp_data.compare import choose, companions, comparison, group_ranks, ordinal, rank_text
from sp_data.i18n import use
from sp_data.params import Filters
from sp_data.queries import run

D = dt.date
END_2023 = D(2023, 12, 31)
STATES = BASE_STATES + [
    {"iso3": "DDD", "name": "Dorsalia", "regional_group": "AG", "un_status": "member"},
    {"iso3": "EEE", "name": "Elbonia", "regional_group": "AG", "un_status": "member"},
    {"iso3": "FFF", "name": "Freedonia", "regional_group": "AG", "un_status": "member"},
]


def comm(ref: str, iso3: str, sent_on: dt.date) -> dict:
    return {"ref": ref, "sent_on": sent_on, "type": "AL", "recipient_kind": "state", "iso3": iso3,
            "recipient": None, "mandate_ids": ["SR-EDU"], "individuals": 1, "individuals_female": 0,
            "follow_up": False}


def pending(iso3: str, n: int, prefix: str) -> list:
    return [thread(f"{prefix}{i}", iso3, [(D(2022, 3, 1), "requested")]) for i in range(n)]


ROWS = dict(
    states=STATES,
    **threads(
        # Pending requests: AAA 2 and DDD 2 (tied 1st), EEE 1 (3rd), FFF 0 (4th); PSE 3 but in no group.
        *pending("AAA", 2, "A"), *pending("DDD", 2, "D"), *pending("EEE", 1, "E"), *pending("PSE", 3, "P"),
        # One visit in the window, to FFF (1st); the three others share 2nd with none. One in 2010 to EEE.
        thread("V1", "FFF", [(D(2020, 1, 1), "requested"), (D(2021, 5, 1), "completed", D(2021, 5, 9))]),
        thread("V2", "EEE", [(D(2009, 1, 1), "requested"), (D(2010, 5, 1), "completed", D(2010, 5, 9))]),
    ),
    # Communications of 2023: AAA 2 (one replied: 50 %), DDD 1 (replied: 100 %), EEE 1 (no reply: 0 %), FFF none.
    communications=[comm("C1", "AAA", D(2023, 2, 1)), comm("C2", "AAA", D(2023, 3, 1)),
                    comm("C3", "DDD", D(2023, 4, 1)), comm("C4", "EEE", D(2023, 5, 1))],
    replies=[{"ref": "C1", "received_on": D(2023, 3, 1), "substantive": True},
             {"ref": "C3", "received_on": D(2023, 6, 1), "substantive": True}],
)


@pytest.fixture
def con(make_db):
    return make_db(**ROWS)


def by_state(frame) -> dict[str, dict]:
    return {r["iso3"]: r for r in frame.iter_rows(named=True)}


def test_ranks_within_the_group_with_ties_said(con):
    r = by_state(run(con, "group_ranks", as_at=END_2023, regions=[], threshold=5))
    assert set(r) == {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "PSE"}
    ranks = {s: (r[s]["pending_requests_rank"], r[s]["pending_requests_tied"], r[s]["pending_requests_ranked"])
             for s in ("AAA", "DDD", "EEE", "FFF")}
    assert ranks == {"AAA": (1, 2, 4), "DDD": (1, 2, 4), "EEE": (3, 1, 4), "FFF": (4, 1, 4)}
    assert {s: (r[s]["visits_5y_rank"], r[s]["visits_5y_tied"]) for s in ("AAA", "DDD", "EEE", "FFF")} == {
        "FFF": (1, 1), "AAA": (2, 3), "DDD": (2, 3), "EEE": (2, 3)}
    # The reply rate ranks only the States sent something: FFF has no rate and no rank, and 3 are ranked.
    assert {s: (r[s]["reply_rate_percent"], r[s]["reply_rate_percent_rank"]) for s in ("AAA", "DDD", "EEE", "FFF")} == {
        "DDD": (100.0, 1), "AAA": (50.0, 2), "EEE": (0.0, 3), "FFF": (None, None)}
    assert r["AAA"]["reply_rate_percent_ranked"] == 3
    assert (r["AAA"]["group_states"], r["BBB"]["group_states"]) == (4, 1)
    assert r["BBB"]["pending_requests_rank"] == 1 and r["BBB"]["pending_requests_ranked"] == 1


def test_a_state_in_no_group_is_not_ranked(con):
    pse = by_state(run(con, "group_ranks", as_at=END_2023, regions=[], threshold=5))["PSE"]
    assert pse["pending_requests"] == 3
    assert [pse[f"{k}_rank"] for k in ("pending_requests", "visits_5y", "communications_in_year")] == [None] * 3
    assert pse["group_states"] is None
    assert rank_text(pse, "pending_requests") == "not ranked: in no regional group"


def test_the_selected_groups_only_but_ranked_within_their_whole_group(con):
    frame = run(con, "group_ranks", as_at=END_2023, regions=["AG"], threshold=5)
    assert sorted(frame["iso3"].to_list()) == ["AAA", "DDD", "EEE", "FFF"]
    assert by_state(frame)["EEE"]["pending_requests_rank"] == 3


def test_rank_in_words(con):
    r = by_state(group_ranks(con, Filters(END_2023)))
    assert rank_text(r["AAA"], "pending_requests") == "1st of 4 in the African States, tied with 1 other State"
    assert rank_text(r["EEE"], "pending_requests") == "3rd of 4 in the African States"
    assert rank_text(r["AAA"], "visits_5y") == "2nd of 4 in the African States, tied with 2 other States"
    assert rank_text(r["AAA"], "visits_5y", short=True) == "joint 2nd of 4"
    assert rank_text(r["EEE"], "pending_requests", short=True) == "3rd of 4"
    assert rank_text(r["FFF"], "reply_rate_percent") == "not ranked: no communication was sent to it"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"]
    with use("fr"):
        assert [ordinal(1), ordinal(3)] == ["1er", "3e"]


def test_missing_records_are_not_recorded_never_a_rank_of_zero(make_db):
    # Communications and replies held only up to 2021: 2023's communications and rates are not recorded.
    coverage = {"visits": {"held": True, "from": "1990-01-01", "to": "2030-12-31"},
                "standing_invitations": {"held": True, "from": "1990-01-01", "to": "2030-12-31"},
                "communications": {"held": True, "from": "2015-01-01", "to": "2021-12-31"},
                "replies": {"held": True, "from": "2015-01-01", "to": "2021-12-31"}}
    con = make_db(coverage=coverage, **ROWS)
    r = by_state(group_ranks(con, Filters(END_2023)))
    assert r["AAA"]["communications_in_year"] is None and r["AAA"]["communications_in_year_rank"] is None
    assert r["AAA"]["reply_rate_percent"] is None and r["AAA"]["reply_rate_percent_rank"] is None
    assert rank_text(r["AAA"], "communications_in_year") == "not recorded in this snapshot"
    assert rank_text(r["AAA"], "reply_rate_percent") == "not recorded in this snapshot"
    assert r["AAA"]["pending_requests_rank"] == 1  # the visit threads are held: still ranked


def test_years_side_by_side(con):
    frame = run(con, "compare_by_year", as_at=END_2023, states=["AAA", "FFF", "XXX"])
    assert frame["year"].min() == 2009 and frame["year"].max() == 2023
    assert sorted(set(frame["iso3"])) == ["AAA", "FFF"]  # an unknown code has no row
    rows = {(r["year"], r["iso3"]): r for r in frame.iter_rows(named=True)}
    assert rows[(2021, "FFF")]["visits"] == 1 and rows[(2022, "FFF")]["visits"] == 0
    assert rows[(2021, "AAA")]["pending_requests"] == 0 and rows[(2022, "AAA")]["pending_requests"] == 2
    assert rows[(2023, "AAA")]["reply_rate_percent"] == 50.0 and rows[(2023, "FFF")]["reply_rate_percent"] is None


def test_a_link_s_states_are_checked():
    options = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "PSE"]
    default = ("AAA", "DDD", "EEE")
    assert choose(["aaa,Bbb", "ccc"], options, default).states == ("AAA", "BBB", "CCC")
    assert choose(["AAA", "BBB"], options, default).notice is None
    assert choose([], options, default).states == default
    unknown = choose(["AAA,XYZ,BBB"], options, default)
    assert unknown.states == ("AAA", "BBB") and "XYZ" in unknown.notice
    one = choose(["EEE"], options, default)
    assert one.states == ("EEE", "AAA", "DDD") and "Two to six States" in one.notice
    many = choose([",".join(options)], options, default)
    assert many.states == tuple(options[:6]) and "first six" in many.notice
    assert choose(["XYZ"], options, default).states == default


def test_comparison_reuses_the_profile_and_its_companions(con):
    c = comparison(con, Filters(END_2023), ("AAA", "FFF"))
    assert c.figures.columns == ["figure", "Arcadia", "Freedonia"]
    figures = dict(zip(c.figures["figure"], c.figures["Arcadia"], strict=True))
    assert figures["Pending requests"] == "2" and figures["Substantive reply rate, 2023"] == "50.00 %"
    ranks = dict(zip(c.ranks["figure"], c.ranks["Freedonia"], strict=True))
    assert ranks["Regional group"] == "African States"
    assert ranks["Visits in the five-year window"] == "1 · 1st of 4"
    assert ranks["Substantive reply rate"] == "not ranked: no communication was sent to it"
    assert companions(group_ranks(con, Filters(END_2023)), "EEE") == ("EEE", "AAA", "DDD")
    assert companions(group_ranks(con, Filters(END_2023)), "PSE")[0] == "PSE"


def test_the_charts_compile_and_draw_the_state_named(con):
    """The builders' specs are drawn by Vega (AppTest does not draw them): the State's name is in the image."""
    import json

    import vl_convert as vlc

    from sp_data.charts.compare import group_dots, states_over_years

    ranks = group_ranks(con, Filters(END_2023), ("AG",))
    svg = vlc.vegalite_to_svg(json.dumps(group_dots(ranks, "pending_requests", "Pending requests", "EEE",
                                                    "Pending requests", subtitle="3rd of 4").to_dict()))
    assert ">Elbonia</text>" in svg and ">Arcadia</text>" not in svg  # only the State is named; the others are dots
    years = comparison(con, Filters(END_2023), ("AAA", "FFF")).by_year
    svg = vlc.vegalite_to_svg(json.dumps(states_over_years(years, "visits", "Visits", "Visits, 2009–2023",
                                                           ["Arcadia", "Freedonia"]).to_dict()))
    assert ">Arcadia</text>" in svg and ">Freedonia</text>" in svg and ">Visits, 2009–2023</text>" in svg


def test_a_dot_plot_is_described_as_the_group_it_shows_not_as_bars():
    import polars as pl

    from sp_data.charts.compare import group_dots
    from sp_data.charts.describe import summary
    from sp_data.i18n import use

    frame = pl.DataFrame({"iso3": ["IRN", "IND", "PAK", "AFG"], "name": ["Iran", "India", "Pakistan", "Afghanistan"],
                          "v": [8, 6, 9, None]})
    assert summary(group_dots(frame, "v", "Pending", "IRN", "Pending requests").to_dict()) == \
        "Iran: 8; 3 States: lowest 6, median 8, highest 9."
    with use("fr"):
        assert summary(group_dots(frame, "v", "En attente", "IRN", "Demandes").to_dict()) == \
            "Iran : 8 ; 3 États : minimum 6, médiane 8, maximum 9."
