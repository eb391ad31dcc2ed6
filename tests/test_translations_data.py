"""The Data and definitions page and the Record page in French and Spanish: every text of their files is in the
catalogs, passes through them when shown, and a French or Spanish link reads in that language."""
import datetime as dt
import re

import pytest

from conftest import signed_in
from sp_data.i18n import PSEUDO, use
from sp_data.tools import catalogs
from test_page_data_history import chain  # noqa: F401 (a fixture: an import, two commits and an undo)
from test_page_record import on_state, stage, staged_texts
from visible_text import DATA_COLUMNS, IMPORT_FORMAT, snapshot_ids, texts, unmarked

# The files whose texts this part translates (catalog: sp_data/locale/*/LC_MESSAGES/data.po).
FILES = ["pages/data.py", "pages/record.py", "ui/record.py", "ui/history.py", "ui/importer.py", "ui/auth.py",
         "sp_data/record", "sp_data/editors.py", "sp_data/upload.py", "sp_data/public_build.py",
         "sp_data/page_data/data.py", "sp_data/source.py", "sp_data/errors.py", "sp_data/snapshot.py"]

@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_of_the_data_and_record_pages_is_translated(lang):
    gaps = catalogs.missing(lang, FILES)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation (python -m sp_data i18n --missing {lang}):\n" + \
        catalogs.po_entries(gaps[:20])


# Words of the records, never translated: what an editor wrote (“a note”), an import's own source, a reference.
DATA_WORDS = re.compile(r"“[^”]*”|Test world: three threads|UA ABC 1/2024")


def left_untranslated(at) -> list[str]:
    """The texts of a run that did not pass through the catalogs, leaving out the records' own words."""
    ids = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in sorted(snapshot_ids(), key=len,
                                                                                      reverse=True)))
    gaps = []
    for what, text in texts(at, with_columns=True):
        if (isinstance(what, tuple) and what[1] in DATA_COLUMNS | IMPORT_FORMAT) or \
                (what == "column" and text in IMPORT_FORMAT):
            continue
        left = unmarked(ids.sub(" ", DATA_WORDS.sub(" ", text)))
        if left:
            gaps.append(f"{what}: {text!r} ({', '.join(left[:4])})")
    return gaps


def test_the_data_page_shows_no_text_outside_the_catalogs(app, pseudo):
    at = app("pages/data.py", lang="qps", timeout=120).run()
    assert not at.exception
    shown = [t for _, t in texts(at)]
    assert "⟦Definitions⟧" in shown and "⟦History⟧" in shown and "⟦What changed⟧" in shown  # every section read
    assert any(d.value.shape[0] for d in at.dataframe)
    gaps = left_untranslated(at)
    assert not gaps, "\n".join(gaps)


def test_a_table_and_the_comparison_chosen_show_no_text_outside_the_catalogs(app, pseudo):
    at = app("pages/data.py", lang="qps", table="visit_events", compare="demo-2024-03", timeout=120).run()
    assert not at.exception
    assert at.selectbox(key="table").value == "visit_events"
    shown = [t for _, t in texts(at)]
    assert "⟦Acceptances⟧" in shown and "⟦**Every change**⟧" in shown  # the comparison's tiles and its table
    gaps = left_untranslated(at)
    assert not gaps, "\n".join(gaps)


def test_the_history_and_the_undo_show_no_text_outside_the_catalogs(app, pseudo, chain):  # noqa: F811
    at = signed_in(app("pages/data.py", lang="qps", timeout=120)).run()
    assert not at.exception
    with use(PSEUDO):  # AppTest formats the pickers' choices in the test's thread: in the page's language
        at.button(key=f"undo_{chain['second']}").click().run()  # the undo asks why
        assert at.text_input(key="undo_note")
        at.button(key="undo_confirm").click().run()  # without a reason: it says why nothing was done
    assert at.error
    labels = [t for what, t in texts(at) if what.startswith("PageLink")]
    assert "⟦See every change⟧" in labels
    gaps = left_untranslated(at)
    assert not gaps, "\n".join(gaps)


def test_the_record_page_signed_out_shows_no_text_outside_the_catalogs(app, pseudo):
    at = signed_in(app("pages/record.py", lang="qps", timeout=120), {"is_logged_in": False}).run()
    assert not at.exception
    assert at.info and at.button(key="record_stage_disabled").disabled
    gaps = left_untranslated(at) + left_untranslated(at.sidebar)
    assert not gaps, "\n".join(gaps)




def test_the_record_page_of_an_editor_shows_no_text_outside_the_catalogs(app, pseudo, parquet_root):
    with use(PSEUDO):  # AppTest formats the pickers' choices in the test's thread: in the page's language
        at = on_state(signed_in(app("pages/record.py", lang="qps", timeout=120)).run())
        stage(at, thread="V00774", event="reminder", date=dt.date(2024, 5, 2))
        assert [t[:4] for t in staged_texts(at)] == ["1. ⟦"]  # staged, its sentence through the catalogs
        assert at.dataframe  # what it changes, and the figures it moves
        kinds = at.radio(key="record_kind").options
        gaps = left_untranslated(at) + left_untranslated(at.sidebar)
        for kind in ("thread", "invitation", "communication", "reply", "correction", "removal"):
            at.radio(key="record_kind").set_value(kind).run()
            assert not at.exception
            gaps += left_untranslated(at)
    assert len(kinds) == 7
    assert not gaps, "\n".join(sorted(set(gaps)))


@pytest.mark.parametrize("lang, words, date", [
    ("fr", ("Définitions", "Historique", "Versions des données", "Créée le"), "1er juillet 2024"),
    ("es", ("Definiciones", "Historial", "Versiones de los datos", "Creada el"), "1 de julio de 2024"),
])
def test_the_data_page_reads_in_french_and_spanish(app, lang, words, date):
    at = app("pages/data.py", lang=lang, timeout=120).run()
    assert not at.exception
    shown = [t for _, t in texts(at)]
    for word in words:
        assert word in shown, word
    created = {m.label: m.value for m in at.metric}[words[3]]
    assert created == date  # the snapshot's date, by Babel, in the language
    assert any(t.startswith(f"**{date}**") for t in shown)  # the history's entry


@pytest.mark.parametrize("lang, words, date", [
    ("fr", ("Préparer un changement", "Que voulez-vous enregistrer ?", "Changements préparés"), "1er juillet 2024"),
    ("es", ("Preparar un cambio", "¿Qué desea registrar?", "Cambios preparados"), "1 de julio de 2024"),
])
def test_the_record_page_reads_in_french_and_spanish(app, parquet_root, lang, words, date):
    at = signed_in(app("pages/record.py", lang=lang, timeout=120)).run()
    assert not at.exception
    shown = [t for _, t in texts(at)]
    for word in words:
        assert word in shown, word
    assert any(date in c.value for c in at.caption)  # the version recorded onto, dated in the language
    signed_out = signed_in(app("pages/record.py", lang=lang, timeout=120), {"is_logged_in": False}).run()
    reason = {"fr": "Pour modifier les données, un éditeur doit s'être connecté",
              "es": "Para modificar los datos es necesario que un editor haya iniciado sesión"}[lang]
    assert any(reason in i.value for i in signed_out.info)


def test_an_import_problem_is_said_in_french_with_its_file_row_column_and_value():
    from sp_data.errors import Issue, Said
    from sp_data.i18n import N_

    issue = Issue("visits.csv", 2, "mandate_id", "SR-NONE",
                  Said(N_("{value} is not listed in {file} (column {column})"), value="'SR-NONE'",
                       file="mandates.csv", column="mandate_id"))
    assert str(issue) == ("visits.csv, row 2, column mandate_id: 'SR-NONE' is not listed in mandates.csv "
                          "(column mandate_id) (value 'SR-NONE')")
    with use("fr"):
        assert str(issue) == ("visits.csv, ligne 2, colonne mandate_id : 'SR-NONE' ne figure pas dans mandates.csv "
                              "(colonne mandate_id) (valeur 'SR-NONE')")
    with use("es"):
        assert str(issue).startswith("visits.csv, fila 2, columna mandate_id: 'SR-NONE' no figura en mandates.csv")
