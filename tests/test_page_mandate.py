"""Mandate profile page: its figures are sp_data's, the mandate lives in the URL, ended mandates show their end."""
import datetime as dt

from conftest import chart_titles, metrics
from sp_data.mandates import mandate_choices, mandate_profile, mandate_table
from sp_data.params import Filters

PAGE = "pages/mandate.py"
AS_AT = dt.date(2023, 12, 31)


def text(at) -> str:
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info])


def test_figures_are_sp_datas(app, demo_db):
    at = app(PAGE, mandate="SR-UCM").run()
    assert not at.exception
    row = mandate_table(demo_db, Filters(AS_AT)).filter(mandate_id="SR-UCM").row(0, named=True)
    assert metrics(at) == {
        "Pending requests": f"{row['pending_requests']}", "Accepted, not yet carried out": "2",
        "Visits carried out, 2023": f"{row['visits_in_year']}", "Visits, 2019–2023": f"{row['visits_5y']}",
        "Communications sent or joined, 2023": f"{row['communications_in_year']}",
        "Substantive reply rate, 2023": f"{row['reply_rate_percent']:.2f} %"}
    assert (row["pending_requests"], row["accepted_not_carried_out"], row["communications_in_year"]) == (12, 2, 48)
    p = mandate_profile(demo_db, Filters(AS_AT), "SR-UCM")
    assert p.summary in text(at)
    assert p.summary.startswith("12 pending requests, the oldest to Greece from 2015; 2 visits accepted and not "
                                   "yet carried out, the oldest accepted 1 year 8 months ago;")
    tables = [df.value for df in at.dataframe]
    by_state, pending, accepted = tables[:3]
    assert by_state["host"].tolist() == p.requests_by_state["host"].to_list()
    assert pending["host"].tolist() == p.pending["host"].to_list() and len(pending) == 12
    assert pending["pending_age"].tolist()[0] == "8 years 9 months"
    assert accepted["host"].tolist() == ["Timor-Leste", "Niger"]
    assert accepted["accepted_ago"].tolist() == ["1 year 8 months", "1 month"]
    # Names, never ids, where a person reads.
    assert "SR-UCM" not in text(at) and "SR-UCM" not in " ".join(t for t in chart_titles(at) if t)
    assert any("Simulated demonstration data" in w.value for w in at.warning)


def test_charts_say_what_and_when(app):
    titles = chart_titles(app(PAGE, mandate="WG-AD").run())
    assert titles == [
        "What became of each request",
        "Visits carried out per year, 1997–2023",
        "Request to acceptance, acceptance to visit",
        "Communications sent or joined, 2011–2023",
        "Substantive reply rate, 2011–2023"]


def test_the_picker_round_trips_through_the_url(app, demo_db):
    at = app(PAGE, mandate="SR-UCM").run()
    assert at.selectbox(key="_url_mandate").value == "SR-UCM"
    at.selectbox(key="_url_mandate").set_value("WG-AD").run()
    assert not at.exception
    assert at.query_params["mandate"] in (["WG-AD"], "WG-AD")
    shown = metrics(at)
    assert shown["Pending requests"] == "11"
    assert at.header[0].value == "Working Group on Arbitrary Detention"
    again = app(PAGE, mandate="WG-AD").run()
    assert metrics(again) == shown and again.header[0].value == at.header[0].value
    # The picker is by title; ended mandates are marked with the year they ended.
    options = at.selectbox(key="_url_mandate").options
    assert "Working Group on Arbitrary Detention" in options
    assert "Independent Expert on the situation of human rights in Haiti (ended 2017)" in options
    assert not any(o == "WG-AD" for o in options)


def test_an_ended_mandate_shows_its_end(app, demo_db):
    at = app(PAGE, mandate="IE-HAITI").run()
    assert not at.exception
    body = text(at)
    assert "This mandate ended on 24 March 2017." in body
    assert "Country mandate, established on 8 March 1995; ended on 24 March 2017 · concerns Haiti" in body
    assert "The mandate ended on 24 March 2017;" in body
    assert metrics(at)["Pending requests"] == "0"


def test_a_country_mandate_shows_access_to_its_country(app, demo_db):
    at = app(PAGE, mandate="SR-BELARUS").run()
    assert not at.exception
    assert "Access to Belarus" in [s.value for s in at.subheader]
    access = mandate_profile(demo_db, Filters(AS_AT), "SR-BELARUS").country_access.access
    assert f"Access over 2019–2023: {access}." in text(at)


def test_the_group_filter_changes_the_figures_and_the_link_reproduces_them(app, demo_db):
    at = app(PAGE, mandate="WG-AD").run()
    before = metrics(at)
    at.multiselect(key="groups").set_value(["APG"]).run()
    assert not at.exception
    after = metrics(at)
    row = mandate_table(demo_db, Filters(AS_AT, regions=("APG",))).filter(mandate_id="WG-AD").row(0, named=True)
    assert after["Pending requests"] == str(row["pending_requests"]) != before["Pending requests"]
    assert metrics(app(PAGE, mandate="WG-AD", groups=["APG"]).run()) == after


def test_an_unknown_mandate_in_the_link_falls_back_to_the_first(app, demo_db):
    at = app(PAGE, mandate="NOT-A-MANDATE").run()
    assert not at.exception
    first = mandate_choices(demo_db, Filters(AS_AT)).default
    assert at.selectbox(key="_url_mandate").value == first
    # The link's value is kept (the reader did not choose another) and named in a notice.
    names = mandate_choices(demo_db, Filters(AS_AT)).names
    assert f"Mandate 'NOT-A-MANDATE' is not in this snapshot; showing {names[first]}." in [w.value for w in at.warning]


def test_tables_naming_a_mandate_link_to_its_page_with_the_filters(app):
    at = app("pages/country_visits.py", year="2023", groups=["APG"]).run()
    assert not at.exception
    links = {u for df in at.dataframe if "mandate_page" in df.value for u in df.value["mandate_page"]}
    assert "/mandate?mandate=SR-UCM&snapshot=demo&year=2023&groups=APG" in links  # Timor-Leste's invitation
    opened = app(PAGE, **{"mandate": "SR-UCM", "year": "2023", "groups": ["APG"]}).run()
    assert metrics(opened)["Accepted, not yet carried out"] == "1"  # Timor-Leste's; Niger is not in APG


def test_a_mandate_carried_to_the_communications_page_does_not_break_it(app):
    for mandate in ("WG-AD", "IE-HAITI"):
        assert not app("pages/communications.py", mandate=mandate).run().exception
