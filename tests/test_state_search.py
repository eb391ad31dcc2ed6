"""Any State by any name: the resolver's search, the sidebar's "Find a State" box and the State pickers."""
from __future__ import annotations

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from conftest import reference_frames, signed_in
from sp_data import i18n
from sp_data.names import StateNames
from sp_data.state_search import CLOSE, CODE, EXACT, closest, search
from ui.state_search import typed_state
from visible_text import texts, unmarked, untranslated

STATES = StateNames.from_table(reference_frames()["states"])


def codes(text: str) -> list[str]:
    return [m.iso3 for m in search(STATES, text)]


@pytest.mark.parametrize("text, iso3", [
    ("irn", "IRN"), ("IRN", "IRN"), ("Irn", "IRN"), ("tur", "TUR"), ("Turkey", "TUR"), ("Türkiye", "TUR"),
    ("North Korea", "PRK"), ("South Korea", "KOR"), ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV"),
    ("Swaziland", "SWZ"), ("Burma", "MMR"), ("Czech Republic", "CZE"), ("Macedonia", "MKD"), ("Cape Verde", "CPV"),
    ("Holy See", "VAT"), ("Vatican", "VAT"), ("Russia", "RUS"), ("Syria", "SYR"), ("Iran", "IRN"), ("Laos", "LAO"),
    ("Vietnam", "VNM"), ("Bolivia", "BOL"), ("Venezuela", "VEN"), ("Tanzania", "TZA"), ("Moldova", "MDA"),
    ("UK", "GBR"), ("USA", "USA"), ("United States", "USA"), ("Palestine", "PSE"),
    # The United Nations' names in French and Spanish, and common names in those languages
    ("Iran (République islamique d')", "IRN"), ("Irán (República Islámica del)", "IRN"), ("Saint-Siège", "VAT"),
    ("Santa Sede", "VAT"), ("État de Palestine", "PSE"), ("Estado de Palestina", "PSE"), ("Allemagne", "DEU"),
    ("Alemania", "DEU"), ("Royaume-Uni", "GBR"), ("Reino Unido", "GBR"), ("Corée du Nord", "PRK"),
    ("Corea del Sur", "KOR"), ("Turquie", "TUR"), ("Turquía", "TUR"), ("Tchéquie", "CZE"), ("Chequia", "CZE"),
    # accents and case ignored
    ("cote divoire", "CIV"), ("ETATS-UNIS", "USA"), ("etat de palestine", "PSE"), ("  türkiye ", "TUR"),
])
def test_every_way_of_naming_a_state_finds_it_first(text, iso3):
    assert codes(text)[0] == iso3
    assert typed_state(STATES)(text) == iso3  # and a picker takes it
    assert STATES.resolve(text) == iso3  # the same resolver as the adapters'


def test_an_iso3_code_comes_before_the_names_it_looks_like():
    found = search(STATES, "IRN")
    assert found[0].iso3 == "IRN" and found[0].rank == CODE
    assert codes("irl")[0] == "IRL"
    assert codes("Ir")[:3] == ["IRN", "IRQ", "IRL"]  # names starting with the text, by name: Iran before Ireland


def test_ranking_exact_then_start_then_word_then_contained():
    assert codes("Congo") == ["COG", "COD"]  # the exact name before the name that contains it
    assert search(STATES, "Congo")[0].rank == EXACT
    assert codes("Korea") == ["PRK", "KOR"]
    assert codes("Guinea")[:1] == ["GIN"]
    assert set(codes("Guinea")) == {"GIN", "GNB", "GNQ", "PNG"}
    assert codes("Sudan")[:2] == ["SDN", "SSD"]


def test_a_name_found_under_another_name_says_which():
    assert search(STATES, "Turkey")[0].label == "Türkiye (Turkey)"
    assert search(STATES, "Iran")[0].label == "Iran (Islamic Republic of)"  # the name holds the text: no repeat
    assert search(STATES, "irn")[0].label == "Iran (Islamic Republic of)"  # a code is not shown as a name


def test_names_are_shown_in_the_readers_language():
    with i18n.use("fr"):
        assert search(STATES, "Turkey")[0].label == "Türkiye (Turkey)"
        assert [m.name for m in search(STATES, "Corée")] == ["République de Corée",
                                                             "République populaire démocratique de Corée"]
        assert search(STATES, "germany")[0].label == "Allemagne (Germany)"
        assert search(STATES, "irn")[0].name == "Iran (République islamique d')"
    with i18n.use("es"):
        assert search(STATES, "Iran")[0].name == "Irán (República Islámica del)"
        assert search(STATES, "GBR")[0].name == "Reino Unido de Gran Bretaña e Irlanda del Norte"


def test_a_text_that_names_nothing_finds_nothing_and_gets_the_closest_names():
    assert search(STATES, "Atlantis") == []
    assert search(STATES, "") == [] and search(STATES, None) == []
    assert typed_state(STATES)("Atlantis") is None
    assert [m.iso3 for m in closest(STATES, "Turky")][:1] == ["TUR"]
    # a misspelling is only ever suggested, never taken
    assert [(m.iso3, m.rank) for m in search(STATES, "Trukey")] == [("TUR", CLOSE)]
    assert typed_state(STATES)("Trukey") is None


def test_a_text_that_names_several_states_is_not_taken_for_one():
    assert typed_state(STATES)("Korea") is None
    assert typed_state(STATES)("Guinea") == "GIN"  # a whole name is taken even where it is part of others
    assert typed_state(STATES)("Swazi") == "SWZ"  # the only State whose names start so


# --- The sidebar's search box and the pickers (AppTest) -------------------------------------------------

def _find(at, text: str):
    at.sidebar.text_input(key="find_state").input(text).run()
    assert not at.exception
    return [(link.label, link.proto.query_string) for link in at.sidebar.get("page_link")
            if "state=" in link.proto.query_string and link.proto.page.endswith("profile")]


def type_into(box, text: str):
    """What the browser sends when a reader types text into a box that takes new options and presses Enter."""
    state = WidgetState()
    state.id, state.string_value = box.id, text
    box.__class__ = type("Typed", (type(box),), {"_widget_state": property(lambda self: state)})
    box._value = text
    return box


def test_the_sidebar_finds_turkey_as_turkiye_and_links_to_its_profile(app, demo_db):
    at = app("pages/overview.py", year="2022").run()
    links = _find(at, "Turkey")
    assert [label for label, _ in links] == ["Türkiye (Turkey)"]
    query = links[0][1]
    assert "state=TUR" in query and "year=2022" in query  # the filters travel with the link
    assert [label for label, _ in _find(at, "irn")] == ["Iran (Islamic Republic of)"]
    assert [label for label, _ in _find(at, "Korea")] == ["Democratic People's Republic of Korea",
                                                           "Republic of Korea"]


def test_the_sidebar_says_plainly_when_nothing_is_found(app, demo_db):
    at = app("pages/overview.py").run()
    links = _find(at, "Trukey")
    assert [label for label, _ in links] == ["Türkiye (Turkey)"]  # a look-alike is offered
    links = _find(at, "Xyzzyq")
    assert any(c.value.startswith("No State is called “Xyzzyq”") for c in at.sidebar.caption)


def test_the_sidebar_search_speaks_french(app, demo_db):
    at = app("pages/overview.py", lang="fr").run()
    assert at.sidebar.text_input(key="find_state").label == "Trouver un État"
    with i18n.use("fr"):  # the pickers' labels, as AppTest reads them back in this thread
        links = _find(at, "Corée")
    assert [label for label, _ in links] == ["République de Corée", "République populaire démocratique de Corée"]
    assert all("lang=fr" in q for _, q in links)


def test_the_profile_picker_takes_any_name_typed_into_it(app, demo_db):
    at = app("pages/profile.py", state="IRN").run()
    box = at.selectbox(key="_url_state")
    assert box.proto.accept_new_options
    type_into(box, "Turkey").run()
    assert not at.exception
    assert at.selectbox(key="_url_state").value == "TUR"
    assert at.query_params["state"] in ("TUR", ["TUR"])
    assert [h.value for h in at.header] == ["Türkiye"]
    type_into(at.selectbox(key="_url_state"), "cote d'ivoire").run()
    assert at.selectbox(key="_url_state").value == "CIV"
    assert [h.value for h in at.header] == ["Côte d'Ivoire"]


def test_the_profile_picker_says_when_a_typed_name_names_nothing(app, demo_db):
    at = app("pages/profile.py", state="IRN").run()
    type_into(at.selectbox(key="_url_state"), "Atlantis").run()
    assert not at.exception
    assert at.selectbox(key="_url_state").value == "IRN"  # the State shown stays
    assert any(w.value.startswith("No State is called “Atlantis”. The closest names:") for w in at.warning)
    type_into(at.selectbox(key="_url_state"), "Korea").run()
    assert at.selectbox(key="_url_state").value == "IRN"
    assert any("could be any of these States" in w.value and "Republic of Korea" in w.value for w in at.warning)


def test_the_profile_picker_lists_states_by_their_french_names_in_french_order(app, demo_db):
    at = app("pages/profile.py", state="DEU", lang="fr").run()
    box = at.selectbox(key="_url_state")
    assert not at.exception and box.value == "DEU"
    assert box.options[:3] == ["Afghanistan", "Afrique du Sud", "Albanie"]
    assert "Allemagne" in box.options and "Germany" not in box.options


def test_the_record_picker_takes_any_name_typed_into_it(app, demo_db):
    at = signed_in(app("pages/record.py", timeout=90)).run()
    box = at.selectbox(key="record_state")
    assert box.proto.accept_new_options
    type_into(box, "Burma").run()
    assert not at.exception
    assert at.selectbox(key="record_state").value == "MMR"


def test_the_search_box_and_picker_show_no_text_outside_the_catalogs(app, demo_db, monkeypatch):
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")
    at = app("pages/profile.py", lang="qps", state="IRN").run()
    with i18n.use(i18n.PSEUDO):  # the pickers' labels, as AppTest reads them back in this thread
        at.sidebar.text_input(key="find_state").input("Xyzzyq").run()
        type_into(at.selectbox(key="_url_state"), "Korea").run()
    assert not at.exception
    gaps = untranslated(at.sidebar)  # the search box, its statement and its links
    assert not gaps, "\n".join(gaps)
    assert any("⟦Find a State⟧" == t for _, t in texts(at.sidebar))
    warnings = [w.value for w in at.warning if "Korea" in w.value]
    assert warnings and not unmarked(warnings[0]), warnings
    assert at.selectbox(key="_url_state").help.endswith("⟦You may also type any other name of a State, or its "
                                                          "three-letter code, and press Enter.⟧")
