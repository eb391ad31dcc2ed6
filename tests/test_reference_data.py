"""Checks on the reference data shipped in sp_data/reference/ (states and mandates).

Expected values are written inline on purpose: they are the published facts the
dashboard must agree with (UN membership, regional groups, and the 2023 annual
report of the special procedures: 60 mandates, 46 thematic and 14 country).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

REF = Path(__file__).resolve().parent.parent / "sp_data" / "reference"
AS_AT = dt.date(2023, 12, 31)


@pytest.fixture(scope="module")
def states() -> pl.DataFrame:
    return pl.read_csv(
        REF / "states.csv",
        schema={
            "iso3": pl.String,
            "name": pl.String,
            "regional_group": pl.String,
            "un_status": pl.String,
            "iso_numeric": pl.Int64,
        },
    )


@pytest.fixture(scope="module")
def mandates() -> pl.DataFrame:
    return pl.read_csv(
        REF / "mandates.csv",
        schema={
            "mandate_id": pl.String,
            "title": pl.String,
            "kind": pl.String,
            "country_iso3": pl.String,
            "established_on": pl.Date,
            "ended_on": pl.Date,
        },
    )


def active_at(mandates: pl.DataFrame, d: dt.date) -> pl.DataFrame:
    return mandates.filter(
        (pl.col("established_on") <= d)
        & (pl.col("ended_on").is_null() | (pl.col("ended_on") > d))
    )


# ---------------------------------------------------------------- states


def test_states_columns_exact():
    header = (REF / "states.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "iso3,name,regional_group,un_status,iso_numeric"


def test_195_states_unique(states: pl.DataFrame):
    assert states.height == 195
    assert states["iso3"].n_unique() == 195
    assert states["name"].n_unique() == 195
    assert states["iso_numeric"].n_unique() == 195
    assert states["iso3"].str.contains(r"^[A-Z]{3}$").all()
    assert states["iso_numeric"].null_count() == 0
    assert (states["iso_numeric"] > 0).all()


def test_member_and_observer_counts(states: pl.DataFrame):
    counts = dict(states.group_by("un_status").len().iter_rows())
    assert counts == {"member": 193, "observer": 2}
    observers = states.filter(pl.col("un_status") == "observer")
    assert sorted(observers["iso3"].to_list()) == ["PSE", "VAT"]
    assert sorted(observers["name"].to_list()) == ["Holy See", "State of Palestine"]
    assert observers["regional_group"].null_count() == 2
    assert dict(zip(observers["iso3"], observers["iso_numeric"])) == {"PSE": 275, "VAT": 336}


def test_regional_group_counts(states: pl.DataFrame):
    members = states.filter(pl.col("un_status") == "member")
    counts = dict(members.group_by("regional_group").len().iter_rows())
    assert counts == {"AG": 54, "APG": 53, "EEG": 23, "GRULAC": 33, "WEOG": 29, None: 1}


def test_special_group_cases(states: pl.DataFrame):
    group = dict(zip(states["iso3"], states["regional_group"]))
    assert group["KIR"] is None  # Kiribati belongs to no regional group
    assert group["TUR"] == "WEOG"  # counted in WEOG, as the UN does for statistics
    assert group["ISR"] == "WEOG"
    assert group["USA"] == "WEOG"


def test_un_short_names(states: pl.DataFrame):
    name = dict(zip(states["iso3"], states["name"]))
    expected = {
        "BOL": "Bolivia (Plurinational State of)",
        "CIV": "Côte d'Ivoire",
        "CZE": "Czechia",
        "PRK": "Democratic People's Republic of Korea",
        "COD": "Democratic Republic of the Congo",
        "SWZ": "Eswatini",
        "IRN": "Iran (Islamic Republic of)",
        "LAO": "Lao People's Democratic Republic",
        "FSM": "Micronesia (Federated States of)",
        "NLD": "Netherlands (Kingdom of the)",
        "MKD": "North Macedonia",
        "KOR": "Republic of Korea",
        "MDA": "Republic of Moldova",
        "RUS": "Russian Federation",
        "SYR": "Syrian Arab Republic",
        "TUR": "Türkiye",
        "GBR": "United Kingdom of Great Britain and Northern Ireland",
        "TZA": "United Republic of Tanzania",
        "USA": "United States of America",
        "VEN": "Venezuela (Bolivarian Republic of)",
        "VNM": "Viet Nam",
    }
    assert {k: name[k] for k in expected} == expected


def test_iso_numeric_spot_checks(states: pl.DataFrame):
    num = dict(zip(states["iso3"], states["iso_numeric"]))
    assert num["AFG"] == 4
    assert num["ALB"] == 8
    assert num["SSD"] == 728
    assert num["SDN"] == 729
    assert "XKX" not in num  # Kosovo is not a UN Member State


def test_world_topojson_ids_join(states: pl.DataFrame):
    topo = json.loads((REF / "world-110m.json").read_text(encoding="utf-8"))
    ids = {g.get("id") for g in topo["objects"]["countries"]["geometries"]}
    drawn = {f"{n:03d}" for n in states["iso_numeric"]} & ids
    # All but 29 small States (listed in README.md) are drawn at 1:110m.
    assert len(drawn) == 166


# ---------------------------------------------------------------- mandates


def test_mandates_columns_exact():
    header = (REF / "mandates.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "mandate_id,title,kind,country_iso3,established_on,ended_on"


def test_mandate_ids_unique_and_well_formed(mandates: pl.DataFrame):
    assert mandates["mandate_id"].n_unique() == mandates.height
    assert mandates["mandate_id"].str.contains(r"^[A-Z]+(-[A-Z]+)*$").all()
    assert mandates["title"].n_unique() == mandates.height
    assert set(mandates["kind"].unique()) <= {"thematic", "country"}
    assert mandates["established_on"].null_count() == 0


def test_country_iso3_only_on_country_mandates(mandates: pl.DataFrame, states: pl.DataFrame):
    thematic = mandates.filter(pl.col("kind") == "thematic")
    country = mandates.filter(pl.col("kind") == "country")
    assert thematic["country_iso3"].null_count() == thematic.height
    assert country["country_iso3"].null_count() == 0
    assert set(country["country_iso3"]) <= set(states["iso3"])


def test_ended_after_established(mandates: pl.DataFrame):
    ended = mandates.filter(pl.col("ended_on").is_not_null())
    assert ended.height >= 4
    assert (ended["ended_on"] > ended["established_on"]).all()
    assert (ended["ended_on"] <= AS_AT).all()


def test_60_mandates_active_at_end_2023(mandates: pl.DataFrame):
    active = active_at(mandates, AS_AT)
    counts = dict(active.group_by("kind").len().iter_rows())
    assert active.height == 60
    assert counts == {"thematic": 46, "country": 14}


def test_country_mandates_at_end_2023(mandates: pl.DataFrame):
    active = active_at(mandates, AS_AT).filter(pl.col("kind") == "country")
    assert set(active["country_iso3"]) == {
        "AFG", "BLR", "BDI", "KHM", "CAF", "PRK", "ERI",
        "IRN", "MLI", "MMR", "PSE", "RUS", "SOM", "SYR",
    }
    assert active["country_iso3"].n_unique() == 14


def test_newest_mandate_is_peasants(mandates: pl.DataFrame):
    active = active_at(mandates, AS_AT).sort("established_on")
    newest = active.row(-1, named=True)
    assert newest["mandate_id"] == "WG-PEASANTS"
    assert newest["established_on"] == dt.date(2023, 10, 11)
    # The day before it was established there were 59 mandates.
    assert active_at(mandates, dt.date(2023, 10, 10)).height == 59


def test_known_titles(mandates: pl.DataFrame):
    title = dict(zip(mandates["mandate_id"], mandates["title"]))
    assert title["SR-EDUCATION"] == "Special Rapporteur on the right to education"
    assert title["WG-AD"] == "Working Group on Arbitrary Detention"
    assert title["WG-EID"] == "Working Group on Enforced or Involuntary Disappearances"
    assert title["SR-IRAN"] == (
        "Special Rapporteur on the situation of human rights in the Islamic Republic of Iran"
    )


# --- The names in French and Spanish (state_names.csv, mandate_titles.csv) ------------------------------

def _local(name: str, key: str) -> pl.DataFrame:
    return pl.read_csv(REF / name, schema={key: pl.String, "fr": pl.String, "es": pl.String})


def test_every_state_has_its_french_and_spanish_name(states: pl.DataFrame):
    names = _local("state_names.csv", "iso3")
    assert names["iso3"].to_list() == states["iso3"].to_list()  # every State once, in the same order
    for lang in ("fr", "es"):
        column = names[lang]
        assert column.null_count() == 0 and (column.str.strip_chars() == column).all()
        assert column.n_unique() == 195, f"a {lang} name stands for two States"
        assert not column.str.contains("[’\"]").any()  # apostrophes written ', as in states.csv


def test_no_name_stands_for_two_states_in_any_language_or_spelling():
    from sp_data.names import StateNames

    resolver = StateNames.from_table(pl.read_csv(REF / "states.csv").select("iso3", "name"))
    assert {k: codes for k, codes in resolver.index.items() if len(codes) > 1} == {}


def test_state_names_as_the_united_nations_writes_them():
    names = {row["iso3"]: (row["fr"], row["es"]) for row in _local("state_names.csv", "iso3").iter_rows(named=True)}
    assert names["IRN"] == ("Iran (République islamique d')", "Irán (República Islámica del)")
    assert names["TUR"] == ("Türkiye", "Türkiye")
    assert names["CIV"] == ("Côte d'Ivoire", "Côte d'Ivoire")
    assert names["GBR"] == ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
                            "Reino Unido de Gran Bretaña e Irlanda del Norte")
    assert names["VAT"] == ("Saint-Siège", "Santa Sede")
    assert names["PSE"] == ("État de Palestine", "Estado de Palestina")
    assert names["PRK"] == ("République populaire démocratique de Corée", "República Popular Democrática de Corea")
    assert names["USA"] == ("États-Unis d'Amérique", "Estados Unidos de América")
    assert names["NLD"] == ("Pays-Bas (Royaume des)", "Países Bajos (Reino de los)")
    assert names["CZE"] == ("Tchéquie", "Chequia")
    assert names["TTO"] == ("Trinité-et-Tobago", "Trinidad y Tabago")


def test_every_mandate_has_its_french_and_spanish_title(mandates: pl.DataFrame):
    titles = _local("mandate_titles.csv", "mandate_id")
    assert titles["mandate_id"].to_list() == mandates["mandate_id"].to_list()
    for lang, starts in (("fr", ("Rapporteur spécial ", "Groupe de travail ", "Expert indépendant ",
                                 "Représentant spécial ")),
                         ("es", ("Relator Especial ", "Grupo de Trabajo ", "Experto Independiente ",
                                 "Representante Especial "))):
        column = titles[lang]
        assert column.null_count() == 0
        assert all(t.startswith(starts) for t in column), lang
    by_id = {row["mandate_id"]: (row["fr"], row["es"]) for row in titles.iter_rows(named=True)}
    assert by_id["SR-TORTURE"] == (
        "Rapporteur spécial sur la torture et autres peines ou traitements cruels, inhumains ou dégradants",
        "Relator Especial sobre la tortura y otros tratos o penas crueles, inhumanos o degradantes")
    assert by_id["WG-AD"] == ("Groupe de travail sur la détention arbitraire",
                              "Grupo de Trabajo sobre la Detención Arbitraria")
    assert by_id["SR-IRAN"][0].endswith("en République islamique d'Iran")


def test_names_are_read_in_the_readers_language():
    from sp_data import i18n
    from sp_data.local_names import mandate_title, state_name

    with i18n.use("fr"):
        assert state_name("DEU", "Germany") == "Allemagne"
        assert mandate_title("SR-EDUCATION", "x") == "Rapporteur spécial sur le droit à l'éducation"
    with i18n.use("es"):
        assert state_name("DEU", "Germany") == "Alemania"
        assert mandate_title("WG-EID", "x") == "Grupo de Trabajo sobre las Desapariciones Forzadas o Involuntarias"
    assert state_name("DEU", "Germany") == "Germany"
