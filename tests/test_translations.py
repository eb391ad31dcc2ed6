"""Every text a reader sees is in the catalogs, in French and in Spanish, and passes through them when shown."""
import pytest

from sp_data.tools import catalogs
from visible_text import texts, untranslated

# The files whose texts are marked and translated; the whole app once every part is done.
TRANSLATED = ["app.py", "ui/state.py", "ui/language.py", "sp_data/i18n.py", "sp_data/record/history_view.py"]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_marked_text_is_translated(lang):
    gaps = catalogs.missing(lang, TRANSLATED)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation (python -m sp_data i18n --missing {lang}):\n" + \
        catalogs.po_entries(gaps[:20])


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")


def test_the_sidebar_shows_no_text_outside_the_catalogs(app, pseudo):
    at = app("pages/overview.py", lang="qps").run()
    assert not at.exception
    shown = [t for _, t in texts(at.sidebar)]
    assert "⟦Reporting year⟧" in shown and "⟦Overview⟧" in shown  # the check reads the sidebar's texts
    gaps = untranslated(at.sidebar)
    assert not gaps, "\n".join(gaps)


def test_a_french_link_speaks_french_from_the_first_screen(app):
    at = app("pages/overview.py", lang="fr").run()
    assert not at.exception
    assert at.sidebar.selectbox(key="_url_lang").value == "fr"
    labels = [t for what, t in texts(at.sidebar) if what.startswith("PageLink")]
    assert "Vue d'ensemble" in labels and "Profil de coopération" in labels
    assert at.sidebar.selectbox(key="year").label == "Année de référence"


def test_the_chosen_language_is_kept_in_the_link(app):
    at = app("pages/overview.py").run()
    at.sidebar.selectbox(key="_url_lang").select("es").run()
    assert at.query_params["lang"] in ("es", ["es"])
    assert at.sidebar.selectbox(key="year").label == "Año de referencia"
    links = [n.proto.query_string for n in at.sidebar.get("page_link")]
    assert links and all("lang=es" in q for q in links)  # every page of the menu opens in Spanish
