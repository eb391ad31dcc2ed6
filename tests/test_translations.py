"""Every text a reader sees is in the catalogs, in French and in Spanish, and passes through them when shown."""
import pytest

from sp_data.tools import catalogs
from visible_text import DATA_COLUMNS, IMPORT_FORMAT, snapshot_ids, texts, untranslated

# Every file a reader's text can come from: the app, its pages, the package (the tools aside).
TRANSLATED = list(catalogs.SOURCES)

# Every page, with what shows each of its sections (a State, a mandate, types, a table).
PAGES = [
    ("pages/overview.py", {}),
    ("pages/profile.py", {"state": "IRN"}),
    ("pages/compare.py", {"states": "IRN,IND,PAK,TUR"}),
    ("pages/country_visits.py", {}),
    ("pages/never_visited.py", {}),
    ("pages/pending_requests.py", {}),
    ("pages/communications.py", {}),
    ("pages/standing_invitations.py", {}),
    ("pages/mandate.py", {"mandate": "SR-IRAN"}),
    ("pages/data.py", {"compare": "demo-2024-03"}),
    ("pages/record.py", {}),
]


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_marked_text_is_translated(lang):
    gaps = catalogs.missing(lang, TRANSLATED)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation (python -m sp_data i18n --missing {lang}):\n" + \
        catalogs.po_entries(gaps[:20])


def test_the_sidebar_shows_no_text_outside_the_catalogs(app, pseudo):
    at = app("pages/overview.py", lang="qps").run()
    assert not at.exception
    shown = [t for _, t in texts(at.sidebar)]
    assert "⟦Reporting year⟧" in shown and "⟦Overview⟧" in shown  # the check reads the sidebar's texts
    gaps = untranslated(at.sidebar)
    assert not gaps, "\n".join(gaps)


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[p.split("/")[1][:-3] for p, _ in PAGES])
def test_every_page_shows_no_text_outside_the_catalogs(app, pseudo, page, query):
    at = app(page, lang="qps", **query).run(timeout=120)
    assert not at.exception
    assert len(texts(at)) > 20  # the check reads the page's texts
    raw = IMPORT_FORMAT if page == "pages/data.py" else frozenset()
    gaps = untranslated(at, DATA_COLUMNS | raw, snapshot_ids())
    assert not gaps, f"{len(gaps)} texts shown without a translation:\n" + "\n".join(sorted(set(gaps))[:60])


def test_the_app_names_every_page_it_checks():
    """A page added to the app is added here too, or this fails."""
    import re

    from sp_data.paths import PROJECT_ROOT

    registered = set(re.findall(r'st\.Page\("(pages/\w+\.py)"', (PROJECT_ROOT / "app.py").read_text()))
    assert registered == {p for p, _ in PAGES}


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
