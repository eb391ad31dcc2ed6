"""State and mandate names as exports write them, resolved exactly; near misses only suggested."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from conftest import reference_frames
from sp_data.mandate_names import MandateNames
from sp_data.names import StateNames

D = dt.date
WORLD = reference_frames()
STATES = StateNames.from_table(WORLD["states"])
MANDATES = MandateNames.from_table(WORLD["mandates"], STATES)


@pytest.mark.parametrize("text, iso3", [
    ("Türkiye", "TUR"), ("Turkey", "TUR"), ("TURKIYE", "TUR"), ("Côte d'Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"),
    ("Côte d\u2019Ivoire", "CIV"), ("Iran", "IRN"), ("Iran (Islamic Republic of)", "IRN"),
    ("Iran, Islamic Republic of", "IRN"), ("Islamic Republic of Iran", "IRN"), ("Republic of Korea", "KOR"),
    ("Korea, Republic of", "KOR"), ("South Korea", "KOR"), ("Democratic People's Republic of Korea", "PRK"),
    ("Korea (Democratic People's Republic of)", "PRK"), ("DPRK", "PRK"), ("North Korea", "PRK"),
    ("Venezuela", "VEN"), ("Venezuela (Bolivarian Republic of)", "VEN"), ("Bolivarian Republic of Venezuela", "VEN"),
    ("Bolivia", "BOL"), ("Plurinational State of Bolivia", "BOL"), ("Viet Nam", "VNM"), ("Vietnam", "VNM"),
    ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"), ("Russia", "RUS"), ("Laos", "LAO"), ("Tanzania", "TZA"),
    ("Moldova", "MDA"), ("Czech Republic", "CZE"), ("Swaziland", "SWZ"), ("Macedonia", "MKD"),
    ("Cape Verde", "CPV"), ("Holy See", "VAT"), ("Vatican", "VAT"), ("Palestine", "PSE"), ("State of Palestine", "PSE"),
    ("UK", "GBR"), ("United Kingdom", "GBR"), ("USA", "USA"), ("United States", "USA"), ("Netherlands", "NLD"),
    ("The Gambia", "GMB"), ("St Lucia", "LCA"), ("Saint Lucia", "LCA"), ("Trinidad & Tobago", "TTO"),
    ("  sao tome and principe ", "STP"), ("irn", "IRN"), ("Congo", "COG"), ("DR Congo", "COD"),
    ("Micronesia", "FSM"),
])
def test_state_variants(text, iso3):
    assert STATES.resolve(text) == iso3


@pytest.mark.parametrize("text", ["Korea", "Congo Republic", "Guinea Bissau Republic", "Atlantis", "", None, "ZZZ"])
def test_no_guessing(text):
    assert STATES.resolve(text) is None


def test_closest_states_are_suggested_not_chosen():
    assert STATES.closest("Korea") == ["Democratic People's Republic of Korea (PRK)", "Republic of Korea (KOR)"]
    assert STATES.closest("Trukey") == ["Türkiye (TUR)"]
    assert STATES.closest("Republic of Korae")[0] == "Republic of Korea (KOR)"


def test_aliases_only_for_states_in_the_table():
    small = StateNames.from_table(pl.DataFrame({"iso3": ["TUR"], "name": ["Türkiye"]}))
    assert small.resolve("Turkey") == "TUR"
    assert small.resolve("Iran") is None


@pytest.mark.parametrize("text, mandate_id", [
    ("WGAD", "WG-AD"), ("WG-AD", "WG-AD"), ("Working Group on Arbitrary Detention", "WG-AD"),
    ("WG on arbitrary detention", "WG-AD"), ("WGEID", "WG-EID"), ("WG-EID", "WG-EID"), ("WG EID", "WG-EID"),
    ("Working Group on Enforced or Involuntary Disappearances", "WG-EID"), ("SR torture", "SR-TORTURE"),
    ("SR on torture", "SR-TORTURE"), ("Special Rapporteur on torture", "SR-TORTURE"),
    ("Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment", "SR-TORTURE"),
    ("SRHRD", "SR-HRD"), ("SR HRDs", "SR-HRD"), ("Special Rapporteur on the situation of human rights defenders", "SR-HRD"),
    ("SR FoE", "SR-FOE"), ("SR on freedom of expression", "SR-FOE"), ("SR Iran", "SR-IRAN"),
    ("Special Rapporteur on the situation of human rights in the Islamic Republic of Iran", "SR-IRAN"),
    ("SR on the situation of human rights in Myanmar", "SR-MYANMAR"), ("SR DPRK", "SR-DPRK"),
    ("SR on North Korea", "SR-DPRK"), ("IE SOGI", "IE-SOGI"), ("Independent Expert on albinism", "IE-ALBINISM"),
    ("Working Group of Experts on People of African Descent", "WG-PAD"), ("SR on the right to food", "SR-FOOD"),
    ("Special Rapporteur on violence against women, its causes and consequences", "SR-VAW"),
    ("SR OPT", "SR-OPT"), ("sr-education", "SR-EDUCATION"),
])
def test_mandate_spellings(text, mandate_id):
    assert MANDATES.resolve(text).mandate_id == mandate_id


def test_ambiguous_mandates_are_settled_by_date_or_reported():
    text = "on the issue of human rights and transnational corporations and other business enterprises"
    assert MANDATES.resolve(text).ids == ["SRSG-BHR", "WG-BHR"]
    assert MANDATES.resolve(text, on=D(2009, 1, 1)).ids == ["SRSG-BHR"]
    assert MANDATES.resolve(text, on=D(2023, 1, 1)).ids == ["WG-BHR"]
    assert MANDATES.resolve("SR on tortur").ids == []
    assert MANDATES.closest("SR on tortur")[0].startswith("SR-TORTURE (")
