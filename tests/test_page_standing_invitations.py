"""AppTest of Standing invitations: the count equals facts, tables equal sp_data, filters and links work."""
import datetime as dt

from conftest import chart_titles, metrics
from sp_data import invitations as inv
from sp_data.facts import facts
from sp_data.params import Filters

PAGE = "pages/standing_invitations.py"
END = Filters(dt.date(2023, 12, 31))



def tables(at) -> dict[int, str]:
    """Every table on the page, by position, as JSON (comparable, missing values included)."""
    return {i: d.value.to_json(date_format="iso") for i, d in enumerate(at.dataframe)}


def test_renders_the_member_states_count_of_facts(app, demo_db):
    at = app(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Standing invitations"
    f = facts(demo_db, END)
    assert f["standing_invitations_member_states"] == 128
    tiles = metrics(at)
    assert tiles["Member States with a standing invitation"] == f"128 of {f['member_states']}"
    assert tiles["Observer States with a standing invitation"] == str(f["standing_invitations_observer_states"])
    assert tiles["Withdrawn by the as-at date"] == str(inv.withdrawn(demo_db, END).height)
    summary = inv.selective_summary(demo_db, END)
    assert tiles["Hold one, yet cooperate selectively"] == f"{summary['selective']} of {summary['holding']}"
    assert any("Simulated demonstration data" in w.value for w in at.warning)
    help_text = {m.label: m.proto.help for m in at.metric}["Member States with a standing invitation"]
    assert help_text == ("Member States holding a standing invitation on 31 December 2023: an open invitation "
                         "to every thematic special procedure to visit.")


def test_tables_equal_the_sp_data_functions(app, demo_db):
    at = app(PAGE).run()
    groups, listed, withdrawn, selective = (d.value for d in at.dataframe)
    by_group = inv.by_group(demo_db, END)
    assert groups["member_states_with_invitation"].tolist() == by_group["member_states_with_invitation"].to_list()
    assert groups["member_states_with_invitation"].sum() == 128
    assert groups["share_percent"].tolist() == by_group["share_percent"].to_list()
    assert listed["name"].tolist() == inv.in_force(demo_db, END)["name"].to_list()
    assert withdrawn["name"].tolist() == inv.withdrawn(demo_db, END)["name"].to_list()
    assert selective["name"].tolist() == inv.selective(demo_db, END)["name"].to_list()
    titles = chart_titles(at)
    assert "Standing invitations by regional group, 31 December 2023" in titles
    assert "Standing invitations in force on 31 December 2023, by year extended" in titles


def test_region_filter_changes_the_view_and_the_url_reproduces_it(app, demo_db):
    at = app(PAGE).run()
    before = tables(at)
    at.multiselect(key="groups").set_value(["WEOG"]).run()
    assert not at.exception
    west = Filters(END.as_at, regions=("WEOG",))
    f = facts(demo_db, west)
    assert metrics(at)["Member States with a standing invitation"] == (
        f"{f['standing_invitations_member_states']} of {f['member_states']}")
    assert at.dataframe[1].value["name"].tolist() == inv.in_force(demo_db, west)["name"].to_list()
    assert set(at.dataframe[1].value["regional_group"]) == {"WEOG"}
    assert tables(at) != before
    linked = app(PAGE, groups=["WEOG"]).run()
    assert metrics(linked) == metrics(at)
    assert tables(linked) == tables(at)
    assert chart_titles(linked) == chart_titles(at)


def test_as_at_date_and_empty_results_are_explained(app, demo_db):
    early = Filters(dt.date(2011, 6, 30))
    assert inv.withdrawn(demo_db, early).height == 0  # the demo's withdrawals are later
    at = app(PAGE, as_at="2011-06-30").run()
    assert not at.exception
    f = facts(demo_db, early)
    assert metrics(at)["Member States with a standing invitation"] == (
        f"{f['standing_invitations_member_states']} of {f['member_states']}")
    assert any(i.value.startswith("No State in the selected groups had withdrawn its standing invitation by "
                                  "30 June 2011") for i in at.info)
    later = app(PAGE, year="2023").run()
    assert not any("had withdrawn" in i.value for i in later.info)
