"""AppTest of Pending requests: the threshold control, the five-plus-without-acceptance figure, the tables, the URL."""
import datetime as dt

import pyarrow as pa

from conftest import chart_titles, metrics, vega_specs
from sp_data.facts import facts
from sp_data.params import Filters
from sp_data.wording import age_text
from sp_data.visits import pending_by_state, pending_requests

PAGE = "pages/pending_requests.py"
NO_ACCEPTANCE = "…Member States with no visit accepted in 2019–2023"



def shown(at) -> tuple:
    return metrics(at), [df.value.to_dict("list") for df in at.dataframe]


def test_five_plus_without_acceptance_equals_the_published_figure(app, demo_db):
    at = app(PAGE).run()
    assert not at.exception
    assert at.number_input(key="threshold").value == 5
    f = facts(demo_db, Filters(dt.date(2023, 12, 31)))
    assert f["member_states_five_plus_pending_no_acceptance"] == 24
    assert metrics(at)[NO_ACCEPTANCE] == "24"
    states, threads = (df.value for df in at.dataframe)
    assert states["no_acceptance_flag"].sum() == 24
    assert metrics(at)["States with 5+ pending requests"] == str(len(states))
    assert (states["pending_requests"] >= 5).all()
    assert at.warning[1].value.startswith("**24 Member States with 5 or more pending requests accepted no visit in 2019–2023:**")
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_tables_are_the_sp_data_functions_output(app, demo_db):
    at = app(PAGE).run()
    filters = Filters(dt.date(2023, 12, 31))
    states, threads = (df.value for df in at.dataframe)
    expected = pending_by_state(demo_db, filters)
    assert states["name"].tolist() == expected["name"].to_list()
    assert states["pending_requests"].tolist() == expected["pending_requests"].to_list()
    assert states["accepted_in_5y"].tolist() == expected["accepted_in_5y"].to_list()
    every = pending_requests(demo_db, filters)
    assert len(threads) == every.height
    # Ages in years and months, from the first request to the as-at date (the days stay in the query).
    assert threads["age_text"].tolist() == [age_text(d, filters.as_at) for d in every["first_request_on"]]
    oldest = every.sort("age_days", descending=True).row(0, named=True)
    years = int(age_text(oldest["first_request_on"], filters.as_at).split()[0])
    assert 0 <= oldest["age_days"] / 365.25 - years < 1
    # A State's pending requests in the first table are its rows in the second.
    first = states.iloc[0]
    assert (threads["name"] == first["name"]).sum() == first["pending_requests"] >= 5


def test_chart_is_titled_and_coloured_by_acceptance(app, demo_db):
    at = app(PAGE).run()
    assert "Pending visit requests as at 31 December 2023, States with 5 or more" in chart_titles(at)
    spec = vega_specs(at)[0]
    colour = next(layer["encoding"]["color"] for layer in spec["layer"] if "color" in layer.get("encoding", {}))
    assert colour["scale"] == {"domain": ["Accepted a visit in the window", "No visit accepted in the window"],
                               "range": ["#0072B2", "#D55E00"]}
    data = pa.ipc.open_stream(at.get("vega_lite_chart")[0].proto.datasets[0].data.data).read_all()
    assert data.num_rows == 30  # the top 30 of 63
    top = pending_by_state(demo_db, Filters(dt.date(2023, 12, 31))).head(30)
    assert data.column("name").to_pylist() == top["name"].to_list()  # most pending first
    assert data.column("accepted").to_pylist().count("No visit accepted in the window") == (~top["accepted_in_5y"]).sum()


def test_threshold_changes_the_page_and_the_link_reproduces_it(app, demo_db):
    at = app(PAGE).run()
    before = shown(at)
    at.number_input(key="threshold").set_value(8).run()
    assert not at.exception
    after = shown(at)
    assert after != before
    f = facts(demo_db, Filters(dt.date(2023, 12, 31), threshold=8))
    assert after[0][NO_ACCEPTANCE] == str(f["member_states_five_plus_pending_no_acceptance"])
    assert (at.dataframe[0].value["pending_requests"] >= 8).all()
    assert len(at.dataframe[1].value) == len(before[1][1]["name"])  # every pending request, whatever the threshold
    linked = app(PAGE, threshold="8").run()
    assert linked.number_input(key="threshold").value == 8
    assert shown(linked) == after


def test_region_filter_changes_the_page(app, demo_db):
    at = app(PAGE, groups=["AG", "GRULAC"]).run()
    assert not at.exception
    f = facts(demo_db, Filters(dt.date(2023, 12, 31), regions=("AG", "GRULAC")))
    assert metrics(at)[NO_ACCEPTANCE] == str(f["member_states_five_plus_pending_no_acceptance"])
    assert set(at.dataframe[0].value["regional_group"]) == {"AG", "GRULAC"}
    assert set(at.dataframe[1].value["regional_group"]) == {"AG", "GRULAC"}


def test_too_high_a_threshold_is_explained(app):
    at = app(PAGE, threshold="50").run()
    assert not at.exception
    assert [i.value for i in at.info] == ["No State in the selected groups has 50 or more pending requests."]
    assert len(at.dataframe) == 1  # only every pending request remains
    assert chart_titles(at) == []


def test_a_bad_threshold_in_the_link_is_clamped_or_reset_with_a_notice(app, demo_db):
    for value, used, notice in (("0", 1, "The number of pending requests 0 is below the lowest, 1; showing 1."),
                                ("-5", 1, "The number of pending requests -5 is below the lowest, 1; showing 1."),
                                ("abc", 5, "The number of pending requests 'abc' is not a number; showing 5."),
                                ("51", 50, "The number of pending requests 51 is above the highest, 50; showing 50.")):
        at = app(PAGE, threshold=value).run()
        assert not at.exception
        assert at.number_input(key="threshold").value == used
        assert notice in [w.value for w in at.warning]
        f = facts(demo_db, Filters(dt.date(2023, 12, 31), threshold=used))
        assert metrics(at)[f"States with {used}+ pending requests"] == str(
            pending_by_state(demo_db, Filters(dt.date(2023, 12, 31), threshold=used)).height)
        assert f["member_states_five_plus_pending_no_acceptance"] == int(
            metrics(at)["…Member States with no visit accepted in 2019–2023"])
    fine = app(PAGE, threshold="5").run()
    assert not any("showing" in w.value for w in fine.warning)
