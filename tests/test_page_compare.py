"""AppTest of the Compare page (links with States, bad codes, the choice kept) and of the profile's group section."""
import datetime as dt

from conftest import chart_titles
from sp_data.compare import comparison, group_ranks, rank_text
from sp_data.params import Filters

PAGE = "pages/compare.py"
END_2023 = dt.date(2023, 12, 31)
NAMES = ["Iran (Islamic Republic of)", "India", "Pakistan"]


def frames(at) -> dict[str, object]:
    """The page's tables by their first column's first cell."""
    return {df.value.iloc[0, 0]: df.value for df in at.dataframe}


def test_a_link_with_three_states_shows_them_side_by_side(app, demo_db):
    at = app(PAGE, states="irn,IND,pak").run()
    assert not at.exception
    assert at.multiselect(key="_url_states").value == ["IRN", "IND", "PAK"]
    assert not [w for w in at.warning if "Simulated" not in w.value]  # no notice: the link was good
    c = comparison(demo_db, Filters(END_2023), ("IRN", "IND", "PAK"))
    tables = frames(at)
    figures = tables["Standing invitation"]
    assert list(figures.columns[1:]) == NAMES
    iran = {k.label: k.display for k in c.profiles[0].key_figures}
    assert dict(zip(figures.iloc[:, 0], figures.iloc[:, 1], strict=True)) == iran
    ranks = tables["Regional group"]
    assert list(ranks.iloc[0, 1:]) == ["Asia-Pacific States"] * 3
    row = group_ranks(demo_db, Filters(END_2023)).filter(group_ranks(demo_db, Filters(END_2023))["iso3"] == "PAK").row(
        0, named=True)
    assert ranks.iloc[1, 3] == f"{row['pending_requests']} · {rank_text(row, 'pending_requests', short=True)}"
    titles = chart_titles(at)
    assert [t.split(",")[0] for t in titles] == ["Pending requests", "Visits carried out", "Substantive reply rate"]
    assert any(b.label == "Comparison (PDF)" for b in at.get("download_button"))


def test_repeated_states_in_the_link_are_read_too(app):
    at = app(PAGE, states=["IRN", "ind"]).run()
    assert not at.exception
    assert at.multiselect(key="_url_states").value == ["IRN", "IND"]


def test_a_bad_code_is_named_and_left_out(app):
    at = app(PAGE, states="IRN,XYZ,IND").run()
    assert not at.exception
    assert at.multiselect(key="_url_states").value == ["IRN", "IND"]
    assert any("XYZ" in w.value for w in at.warning)


def test_one_state_gets_two_of_its_group_and_a_notice(app):
    at = app(PAGE, states="IRN").run()
    assert not at.exception
    chosen = at.multiselect(key="_url_states").value
    assert chosen[0] == "IRN" and len(chosen) == 3
    assert any("Two to six States" in w.value for w in at.warning)


def test_from_a_profile_the_state_is_the_default(app):
    at = app(PAGE, state="FRA").run()
    assert not at.exception
    assert at.multiselect(key="_url_states").value[0] == "FRA"
    assert not [w for w in at.warning if "Simulated" not in w.value]


def test_the_choice_is_written_to_the_link_and_survives_a_visit_elsewhere(app):
    at = app(PAGE, states="IRN,IND").run()
    at.multiselect(key="_url_states").select("PAK").run()
    assert not at.exception
    assert at.query_params["states"] in ("IRN,IND,PAK", ["IRN,IND,PAK"])
    links = [n.proto.query_string for n in at.sidebar.get("page_link")]
    assert links and all("states=IRN%2CIND%2CPAK" in q for q in links)


def test_the_profile_shows_its_rank_in_the_group_with_dot_plots_and_a_compare_link(app, demo_db):
    at = app("pages/profile.py", state="IRN").run()
    assert not at.exception
    assert "Within its regional group" in [s.value for s in at.subheader]
    row = group_ranks(demo_db, Filters(END_2023), ("APG",)).filter(
        group_ranks(demo_db, Filters(END_2023), ("APG",))["iso3"] == "IRN").row(0, named=True)
    text = "\n".join(m.value for m in at.markdown)
    assert f"**Pending requests**: {row['pending_requests']}, {rank_text(row, 'pending_requests')}" in text
    assert "of 53 in the Asia-Pacific States" in text
    titles = chart_titles(at)
    assert {"Pending requests", "Visits in the five-year window", "Substantive reply rate",
            "Communications sent in the year"} <= set(titles)
    link = next(n for n in at.main.get("page_link") if n.proto.label == "Compare with…")
    assert "states=IRN%2C" in link.proto.query_string


def test_the_profile_of_a_state_in_no_group_says_it_is_not_ranked(app):
    at = app("pages/profile.py", state="PSE").run()
    assert not at.exception
    assert any("belongs to no regional group: it is not ranked" in i.value for i in at.info)


def test_any_name_of_a_state_can_be_typed_into_the_picker(app):
    at = app(PAGE, states="IRN,IND").run()
    at.multiselect(key="_url_states").set_value(["IRN", "IND", "Turkey", "pak"]).run()
    assert not at.exception
    assert at.multiselect(key="_url_states").value == ["IRN", "IND", "TUR", "PAK"]
    assert at.query_params["states"] in ("IRN,IND,TUR,PAK", ["IRN,IND,TUR,PAK"])
    at.multiselect(key="_url_states").set_value(["IRN", "IND", "Atlantis"]).run()
    assert at.multiselect(key="_url_states").value == ["IRN", "IND"]
    assert any("Atlantis" in w.value for w in at.warning)  # said, with the closest names
