"""The shared texts (wording, figures, definitions, coverage, link notices, page parts, charts, the Overview) in French and Spanish."""
import datetime as dt

import polars as pl
import pytest

from sp_data.charts.base import bars_by_group, lines_over_years, localized, vega_config
from sp_data.coverage import Coverage, missing
from sp_data.definitions import DEFINITIONS, TITLES
from sp_data.figures import BY_KEY, SHORT_TILES, Facts
from sp_data.i18n import catalog, use
from sp_data.plain import formal, plain
from sp_data.tools import catalogs
from sp_data.url_values import year
from sp_data.wording import date_column_format, status_name
from visible_text import texts, untranslated

SHARED = ["sp_data/wording.py", "sp_data/figures.py", "sp_data/definitions.py", "sp_data/plain.py",
          "sp_data/coverage.py", "sp_data/url_values.py", "sp_data/facts.py", "ui/components.py",
          "sp_data/charts/base.py", "pages/overview.py", "sp_data/page_data/overview.py"]
NBSP = "\u00a0"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_shared_text_is_translated(lang):
    gaps = catalogs.missing(lang, SHARED)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation:\n" + catalogs.po_entries(gaps[:20])


@pytest.mark.parametrize("lang, rate, share, tiles", [
    ("en", "43.15 %", "128 of 193", "1,128"),
    ("fr", f"43,15{NBSP}%", "128 sur 193", "1\u202f128"),  # Babel: a narrow no-break space
    ("es", f"43,15{NBSP}%", "128 de 193", "1.128"),
])
def test_the_figures_are_written_as_each_language_writes_them(lang, rate, share, tiles):
    facts = Facts({"reply_rate_percent": 43.1535, "standing_invitations_member_states": 128, "member_states": 193,
                   "visits_in_year": 1128, "mandates_country": 14, "mandates_thematic": 46})
    with use(lang):
        assert facts.tile_text(BY_KEY["reply_rate_percent"]) == rate
        assert facts.tile_text(BY_KEY["standing_invitations_member_states"]) == share
        assert facts.tile_text(BY_KEY["visits_in_year"]) == tiles
        assert facts.tile_text(BY_KEY["mandates_country"]) == "46 / 14"


def test_figure_labels_definitions_and_statuses_read_in_the_language():
    with use("fr"):
        assert BY_KEY["member_states_never_visited"].tile_label == "Jamais visités"
        assert BY_KEY["reply_rate_percent"].cli_label == "Taux de réponses de fond (%)"
        assert TITLES["standing_invitation"] == "Invitation permanente"
        assert DEFINITIONS["standing_invitation"].startswith("Invitation permanente à la date d :")
        assert status_name("completed") == "Visite effectuée" and status_name("unknown") == "unknown"
        assert date_column_format() == "DD/MM/YYYY"
        # The Data page's formal wording: column names as code, d in italics, the French "d'" left alone.
        text = formal("reply_rate", "pour 2023, tous les groupes régionaux : 312 sur 723")
        assert text.endswith("(pour 2023, tous les groupes régionaux : 312 sur 723).") and "*d*" in text
        assert "*d*'" not in formal("never_visited") and "`established_on`" in formal("mandates")
    # Every shorter tile wording is given in some language, and read on its tile only.
    assert all(("tile", t) in catalog("fr") or ("tile", t) in catalog("es") for t in SHORT_TILES)
    with use("fr"):
        assert BY_KEY["communications_non_state_actors"].tile_label == "Acteurs non étatiques"
        assert BY_KEY["communications_non_state_actors"].label_text == "Acteurs non étatiques destinataires"
        assert BY_KEY["reply_rate_percent"].tile_label == "Taux de réponses de fond"  # no shorter one in French
    assert BY_KEY["communications_non_state_actors"].tile_label == "Non-State actors addressed"
    with use("es"):
        assert plain("coverage").startswith("No registrado:")
        assert TITLES["pending"] == "Solicitud pendiente"
    assert date_column_format() == "D MMMM YYYY"  # English: the month in words
    assert DEFINITIONS["window"] == "The five-year window is the five calendar years ending with d's year, up to d."


def test_what_is_missing_and_the_link_notices_are_said_in_the_language():
    cov = {k: Coverage(k, False, None, None) for k in ("visits", "standing_invitations", "communications", "replies")}
    with use("fr"):
        text = missing(cov, ("communications",), "year", dt.date(2023, 12, 31))
        assert text.startswith("Cette version des données ne contient aucune donnée sur les communications ;")
        assert "`python -m sp_data import-communications FILE`" in text
        assert year("1990", [2022, 2023], 2023).notice == (
            "L'année 1990 ne figure pas dans cette version des données, qui couvre 2022–2023 ; affichage de 2023.")
    with use("es"):
        assert year("x", [2023], 2023).notice == "«x» no es un año; se muestra 2023."


def test_charts_carry_the_language_s_number_and_month_formats():
    frame = pl.DataFrame({"regional_group": ["AG", None], "n": [1234, 5]})
    assert vega_config() == {}  # English: Vega's own formats
    with use("fr"):
        spec = localized(bars_by_group(frame, "n", "N", "Titre")).to_dict()
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert spec["config"]["locale"]["time"]["months"][11] == "décembre"
        assert "Aucun groupe" in spec["config"]["axis"]["labelExpr"]
        assert spec["encoding"]["y"]["title"] if "encoding" in spec else spec["layer"][0]["encoding"]["y"]["title"]
    with use("es"):
        trend = lines_over_years(pl.DataFrame({"year": [2023], "regional_group": [None], "n": [1]}), "n", "N", "T")
        spec = localized(trend).to_dict()
        assert spec["config"]["locale"]["time"]["months"][0] == "enero"
        assert spec["encoding"]["x"]["title"] == "Año"


# Texts of other files the Overview shows, translated by their own engineers (ui/awaiting.py's tiles and links,
# the Country visits chart's axis in sp_data/charts/visits.py, the briefing button): everything else must pass
# through the catalogs.
OTHERS = ("The special procedures' side", "Accepted, not yet carried out", "Oldest waiting since",
          "Visits that a State has agreed to", "When the oldest of these visits", "PageLink label: 'Details'",
          "Metric body: 'Apr 2022'", "chart title: 'Visits carried out'", "Facts and figures (PDF)",
          "A printable briefing on the year")


@pytest.mark.parametrize("measure", ["pending_requests", "standing_invitation"])
def test_the_overview_shows_no_text_outside_the_catalogs(app, pseudo, measure):
    at = app("pages/overview.py", lang="qps", measure=measure).run()
    assert not at.exception
    shown = [t for _, t in texts(at)]
    assert any("⟦Facts and figures, {period}⟧" in t or t.startswith("⟦Facts and figures") for t in shown)
    gaps = [g for g in untranslated(at) if not any(o in g for o in OTHERS)]
    assert not gaps, "\n".join(gaps)


def test_the_overview_in_french(app):
    at = app("pages/overview.py", lang="fr").run()
    assert not at.exception
    assert at.title[0].value == "La coopération des États avec les procédures spéciales"
    caption = at.caption[0].value
    assert "au **31 décembre 2023**" in caption and "version des données" in caption and "demo" not in caption
    labels = [m.label for m in at.metric]
    assert "Visites effectuées" in labels and "Jamais visités" in labels
    values = {m.label: m.value for m in at.metric}
    assert values["Taux de réponses de fond"] == f"43,15{NBSP}%"
    assert values["États Membres"] == "128 sur 193"
    assert any(s.value == "Carte du monde" for s in at.subheader)
    assert any("Données de démonstration simulées." in w.value for w in at.warning)


def test_the_overview_in_spanish(app):
    at = app("pages/overview.py", lang="es").run()
    assert not at.exception
    assert at.title[0].value == "La cooperación de los Estados con los procedimientos especiales"
    assert "al **31 de diciembre de 2023**" in at.caption[0].value
    values = {m.label: m.value for m in at.metric}
    assert values["Respuestas sustantivas"] == f"43,15{NBSP}%"  # a tile's shorter wording (SHORT_TILES)
    assert values["Estados Miembros"] == "128 de 193"
    assert any(s.value == "Tendencias" for s in at.subheader)
