"""AppTest of Never-visited States: the three categories equal facts, one table each; filters change it; the URL reproduces it."""
import datetime as dt

from conftest import metrics
from sp_data.facts import facts
from sp_data.params import Filters
from sp_data.visits import never_visited

PAGE = "pages/never_visited.py"
CATEGORIES = ("no_request", "requests_not_accepted", "accepted_not_yet_conducted")



def shown(at) -> tuple:
    return metrics(at), [df.value.to_dict("list") for df in at.dataframe]


def test_categories_equal_the_facts_and_each_has_its_table(app, demo_db):
    at = app(PAGE).run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2023, 12, 31)))
    assert metrics(at) == {"Never visited": "21", "…no request received": "4", "…requests not accepted": "16",
                           "…accepted, not yet held": "1"}
    assert [f[k] for k in ("member_states_never_visited", "never_visited_no_request",
                           "never_visited_requests_not_accepted", "never_visited_accepted_not_yet_conducted")] == [21, 4, 16, 1]
    sizes = [len(df.value) for df in at.dataframe]
    assert sizes == [4, 16, 1]
    headers = [h.value for h in at.subheader]
    assert headers[1:] == ["No request received (4)", "Requests not accepted (16)", "Accepted, not yet carried out (1)"]
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_tables_are_the_sp_data_functions_output(app, demo_db):
    at = app(PAGE).run()
    filters = Filters(dt.date(2023, 12, 31))
    for df, category in zip(at.dataframe, CATEGORIES):
        expected = never_visited(demo_db, filters, category)
        assert df.value["name"].tolist() == expected["name"].to_list()
        assert df.value["requests_made"].tolist() == expected["requests_made"].to_list()
        assert df.value["pending_requests"].tolist() == expected["pending_requests"].to_list()
    no_request, not_accepted, accepted = (df.value for df in at.dataframe)
    assert no_request["requests_made"].sum() == 0
    assert (not_accepted["requests_made"] > 0).all()
    assert list(accepted.columns)[:4] == ["name", "regional_group", "accepted_on", "accepted_mandates"]
    assert accepted["accepted_mandates"].notna().all()


def test_region_filter_changes_the_page_and_the_link_reproduces_it(app, demo_db):
    at = app(PAGE).run()
    before = shown(at)
    at.multiselect(key="groups").set_value(["WEOG"]).run()
    assert not at.exception
    after = shown(at)
    assert after != before
    f = facts(demo_db, Filters(dt.date(2023, 12, 31), regions=("WEOG",)))
    assert after[0]["Never visited"] == str(f["member_states_never_visited"])
    assert after[0]["…no request received"] == str(f["never_visited_no_request"]) == "0"
    assert "No never-visited Member State in Western European and other States (WEOG) is in the category “no request” as at 31 December 2023." in [
        i.value for i in at.info]
    assert len(at.dataframe) == 2  # the empty category has its message instead of a table
    linked = app(PAGE, groups=["WEOG"]).run()
    assert shown(linked) == after


def test_an_earlier_date_changes_the_categories(app, demo_db):
    at = app(PAGE, year="2015").run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2015, 12, 31)))
    assert metrics(at)["Never visited"] == str(f["member_states_never_visited"]) != "21"
    assert [len(df.value) for df in at.dataframe] == [
        n for n in (f["never_visited_no_request"], f["never_visited_requests_not_accepted"],
                    f["never_visited_accepted_not_yet_conducted"]) if n]
