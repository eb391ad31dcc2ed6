"""Filters follow the reader: links' values checked with a notice, choices carried by every link and across pages."""
import datetime as dt
from urllib.parse import parse_qs

from sp_data import url_values

PROFILE = "pages/profile.py"
STATES = ["AFG", "IRN", "FRA"]
NAMES = {"AFG": "Afghanistan", "IRN": "Iran (Islamic Republic of)", "FRA": "France"}.get


def test_a_code_in_any_letter_case_is_accepted_and_an_unknown_one_named():
    assert url_values.choice(["irn"], STATES, "AFG", "State", "in this snapshot", NAMES).value == "IRN"
    assert url_values.choice(["IRN"], STATES, "AFG", "State", "in this snapshot", NAMES).notice is None
    bad = url_values.choice(["XXX"], STATES, "AFG", "State", "in this snapshot", NAMES)
    assert (bad.value, bad.notice) == ("AFG", "State 'XXX' is not in this snapshot; showing Afghanistan.")
    assert url_values.choice([], STATES, "FRA", "State", "in this snapshot").value == "FRA"


def test_years_groups_dates_and_numbers_are_checked():
    years = list(range(2024, 1994, -1))
    assert url_values.year(["2020"], years, 2023).value == 2020
    bad = url_values.year(["1800"], years, 2023)
    assert (bad.value, bad.notice) == (2023, "Year 1800 is not in this snapshot, which covers 1995–2024; showing 2023.")
    assert url_values.year(["soon"], years, 2023).notice == "Year 'soon' is not a year; showing 2023."
    groups = url_values.groups(["apg", "FOO", "EEG"])
    assert groups.value == ["APG", "EEG"]
    assert groups.notice == ("Regional group 'FOO' is not a regional group (AG, APG, EEG, GRULAC, WEOG); left out.")
    assert url_values.groups(["FOO"]).notice.endswith("showing all.")
    first, last = dt.date(1995, 1, 1), dt.date(2024, 6, 30)
    assert url_values.as_at(["2023-05-12"], first, last).value == dt.date(2023, 5, 12)
    assert url_values.as_at(["2030-01-01"], first, last).notice == (
        "As-at date 1 January 2030 is outside this snapshot (1 January 1995 to 30 June 2024); showing the end of the year.")
    assert url_values.number(["-5"], 1, 50, 5, "Threshold").value == 1
    assert url_values.number(["999"], 1, 50, 5, "Threshold").value == 50
    assert url_values.number(["7"], 1, 50, 5, "Threshold").notice is None


def notices(at) -> list[str]:
    return [w.value for w in at.warning if "Simulated" not in w.value]


def test_invalid_link_values_say_so_in_one_line(app):
    at = app(PROFILE, state="XXX", year="1800", groups=["FOO"]).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Afghanistan"]
    assert notices(at) == [
        "Year 1800 is not in this snapshot, which covers 1995–2024; showing 2023.",
        "Regional group 'FOO' is not a regional group (AG, APG, EEG, GRULAC, WEOG); showing all.",
        "State 'XXX' is not in this snapshot; showing Afghanistan.",
    ]
    assert all("\n" not in n for n in notices(at))


def test_lower_case_codes_are_accepted_without_a_notice(app, demo_db):
    at = app(PROFILE, state="irn", groups=["apg"]).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Iran (Islamic Republic of)"]
    assert at.multiselect(key="groups").value == ["APG"]
    assert notices(at) == []


def test_every_internal_link_carries_every_filter(app):
    at = app("pages/overview.py", year="2020", groups=["EEG"], state="IRN").run()
    assert not at.exception
    links = at.get("page_link")
    details = [link for link in links if link.proto.label == "Details"]
    assert len(details) >= 20 and len(links) >= len(details) + 8  # the tiles' links and the page menu
    for link in links:
        query = parse_qs(link.proto.query_string)
        assert query["year"] == ["2020"] and query["groups"] == ["EEG"] and query["state"] == ["IRN"], link.proto


def test_the_state_survives_a_visit_to_another_page(app):
    at = app(PROFILE, state="IRN").run()
    assert [h.value for h in at.header] == ["Iran (Islamic Republic of)"]
    del at.query_params["state"]  # a page reached by a link that did not carry it
    at.switch_page("pages/overview.py").run()
    at.switch_page(PROFILE).run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Iran (Islamic Republic of)"]
    # The choice made on the page is kept too, and the menu's links carry it.
    at.selectbox(key="_url_state").set_value("FRA").run()
    at.switch_page("pages/country_visits.py").run()
    assert all(parse_qs(link.proto.query_string)["state"] == ["FRA"] for link in at.get("page_link"))


def test_mandate_and_types_survive_a_visit_to_another_page(app):
    at = app("pages/communications.py").run()
    at.pills(key="type").set_value(["UA"]).run()
    at.selectbox(key="mandate").set_value("SR-TORTURE").run()
    assert at.query_params["mandate"] in ("SR-TORTURE", ["SR-TORTURE"])
    for key in ("type", "mandate"):
        del at.query_params[key]
    at.switch_page("pages/overview.py").run()
    at.switch_page("pages/communications.py").run()
    assert not at.exception
    assert at.pills(key="type").value == ["UA"]
    assert at.selectbox(key="mandate").value == "SR-TORTURE"
    bad = app("pages/communications.py", type=["ZZ", "al"], mandate="nope").run()
    assert bad.pills(key="type").value == ["AL"]
    assert bad.selectbox(key="mandate").value == ""
    assert "Communication type 'ZZ' is not a type of communication; left out." in notices(bad)
    assert "Mandate 'nope' is not among this year's mandates; showing All mandates." in notices(bad)
