"""The exports and the briefings in French and Spanish: every text of their files in the catalogs, the PDFs and
the spreadsheets written in the reader's language, and nothing of theirs shown without passing through _()."""
from __future__ import annotations

import ast
import csv
import io
import re

import openpyxl
import pytest
from fpdf import FPDF
from pypdf import PdfReader

from conftest import D
from sp_data import briefing, exports
from sp_data.exports import SIMULATED_NOTICE, Provenance
from sp_data.i18n import PSEUDO, PSEUDO_OPEN, _, use
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.tools import catalogs
from visible_text import unmarked

# The files whose texts are this part's (outputs.po).
OUTPUT_FILES = ["sp_data/exports.py", "sp_data/export_csv.py", "sp_data/briefing", "ui/briefing_buttons.py"]
END_2023 = D(2023, 12, 31)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_of_the_exports_and_briefings_is_translated(lang):
    gaps = catalogs.missing(lang, OUTPUT_FILES)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation:\n" + catalogs.po_entries(gaps[:20])


def _text(pdf: bytes) -> str:
    assert pdf[:5] == b"%PDF-"
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def built(demo_snapshot, demo_db):
    """The year, State (IRN) and mandate (WG-AD) briefings of 2023 in French and Spanish, as text: {(kind, lang): text}."""
    filters = Filters(as_at=END_2023)
    out = {}
    for lang in ("fr", "es"):
        out["year", lang] = _text(briefing.year_pdf(demo_db, demo_snapshot, filters, lang=lang))
        out["state", lang] = _text(briefing.state_pdf(demo_db, demo_snapshot, filters, "IRN", lang=lang))
        out["mandate", lang] = _text(briefing.mandate_pdf(demo_db, demo_snapshot, filters, "WG-AD", lang=lang))
    return out


# Headings and sentences of this part's files, as each language writes them; and the English they replace.
EXPECTED = {
    ("year", "fr"): ["Faits et chiffres 2023", "Résumé", "Chiffres clés", "1. Invitations permanentes au 31 décembre 2023",
                     "3. États Membres n'ayant jamais reçu de visite, au 31 décembre 2023",
                     "4. Situation des visites de pays par État, 2019-2023", "Définitions utilisées", "Page 1 sur",
                     "En 2023, les 60 mandats au titre des procédures spéciales"],
    ("year", "es"): ["Datos y cifras de 2023", "Resumen", "Cifras clave", "1. Invitaciones permanentes al 31 de diciembre de 2023",
                     "Definiciones utilizadas", "Procedencia", "Página 1 de",
                     "En 2023, los 60 mandatos de los procedimientos especiales"],
    ("state", "fr"): ["En bref", "Chiffres clés comparés au groupe APG", "Demandes en attente au 31 décembre 2023",
                      "Communications et réponses par année", "État Membre", "Définitions utilisées", "Provenance"],
    ("state", "es"): ["En resumen", "Cifras clave en comparación con el grupo", "Solicitudes pendientes al 31 de diciembre de 2023",
                      "Comunicaciones y respuestas por año", "Estado Miembro", "Procedencia"],
    ("mandate", "fr"): ["En bref", "Demandes en attente au 31 décembre 2023", "Demandes de visite par État et suites données",
                        "Délais", "Communications et réponses", "Définitions utilisées"],
    ("mandate", "es"): ["En resumen", "Solicitudes pendientes al 31 de diciembre de 2023", "Plazos",
                        "Solicitudes de visita por Estado y su resultado", "Definiciones utilizadas"],
}
ENGLISH = ["Facts and figures 2023", "In brief", "Key figures", "Summary", "Definitions used", "Page 1 of",
           "Pending requests as at", "Visit requests by State", "How long things take", "Produced",
           "Standing invitations as at", "Communications and replies per year", "Member State ·"]


@pytest.mark.parametrize("kind", ["year", "state", "mandate"])
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_briefings_are_written_in_the_readers_language(built, kind, lang):
    text = built[kind, lang]
    for expected in EXPECTED[kind, lang]:
        assert expected in text, expected
    assert {"fr": "31 décembre 2023", "es": "31 de diciembre de 2023"}[lang] in text
    with use(lang):
        notice = _(SIMULATED_NOTICE)
    assert notice in text  # the simulated notice in the language (sp_data.wording's text, translated there)
    left = [e for e in ENGLISH if e in text]
    assert not left, left


def test_french_numbers_and_percentages_in_the_year_briefing(built):
    # Babel's French: a comma for decimals and a no-break space before the percent sign.
    assert re.search(r"\(\d+,\d\s%\) avaient adressé une invitation permanente", built["year", "fr"])


@pytest.fixture
def drawn(monkeypatch):
    """Every text the briefings hand to fpdf2, before it is wrapped and drawn (the brackets of the pseudo-language
    open on one line and close on another once wrapped)."""
    texts: list[tuple[str, str]] = []
    for method in ("cell", "multi_cell", "text"):
        original = getattr(FPDF, method)

        def record(self, *args, _original=original, _method=method, **kwargs):
            text = kwargs.get("text", kwargs.get("txt"))
            if text is None:
                text = args[2] if _method != "text" and len(args) > 2 else (args[2] if len(args) > 2 else "")
            texts.append((_method, str(text)))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(FPDF, method, record)
    return texts


# The texts of other engineers' files that the briefings print (definitions, figure rows, a profile's sentences,
# statuses, ages); until their catalogs merge they may be unmarked here. Everything else must be marked.
OTHERS = ["sp_data/figures.py", "sp_data/definitions.py", "sp_data/plain.py", "sp_data/wording.py",
          "sp_data/coverage.py", "sp_data/profile.py", "sp_data/profile_types.py", "sp_data/mandates.py",
          "sp_data/mandate_types.py", "sp_data/awaiting.py", "sp_data/visits.py", "sp_data/facts.py",
          "sp_data/groups.py", "sp_data/invitations.py", "sp_data/schema.py", "sp_data/mandate_names.py"]


def _literals(path: str) -> list[str]:
    tree = ast.parse((PROJECT_ROOT / path).read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _others_words() -> set[str]:
    words = {w for path in OTHERS for text in _literals(path) for w in re.findall(r"[^\W\d_]{2,}", text)}
    for name in ("states.csv", "mandates.csv"):  # names shown as the data gives them (no French yet)
        with (PROJECT_ROOT / "sp_data" / "reference" / name).open(encoding="utf-8") as fh:
            words |= {w for row in csv.reader(fh) for cell in row for w in re.findall(r"[^\W\d_]{2,}", cell)}
    return words


def _mine() -> list[re.Pattern]:
    """This part's English texts (its catalog's ids) as patterns, a placeholder matching any text."""
    from babel.messages.pofile import read_po

    with (PROJECT_ROOT / "sp_data" / "locale" / "fr" / "LC_MESSAGES" / "outputs.po").open("rb") as fh:
        ids = [t for m in read_po(fh) if m.id for t in (m.id if isinstance(m.id, tuple) else (m.id,))]
    return [re.compile(".+".join(re.escape(p) for p in re.split(r"\{[^{}]*\}", t))) for t in ids]


@pytest.mark.parametrize("kind", ["year", "state", "mandate"])
def test_pseudo_language_briefings_show_nothing_of_theirs_outside_the_catalogs(demo_snapshot, demo_db, drawn,
                                                                              monkeypatch, kind):
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")
    filters = Filters(as_at=END_2023)
    build = {"year": lambda: briefing.year_pdf(demo_db, demo_snapshot, filters, lang=PSEUDO),
             "state": lambda: briefing.state_pdf(demo_db, demo_snapshot, filters, "IRN", lang=PSEUDO),
             "mandate": lambda: briefing.mandate_pdf(demo_db, demo_snapshot, filters, "WG-AD", lang=PSEUDO)}[kind]
    pdf = build()
    assert "⟦" in _text(pdf)  # DejaVu draws the brackets: the PDF itself shows them
    # Whole texts: what multi_cell wraps, and cells that are not one wrapped line of such a text.
    whole = [t for m, t in drawn if m != "cell"]
    texts = whole + [t for m, t in drawn if m == "cell" and not any(t in w for w in whole)]
    assert any(t.startswith("⟦") for t in texts) and len(texts) > 100
    # Data shown as recorded: the snapshot's own description (its manifest), the names of non-State recipients.
    import polars as pl

    data = [demo_snapshot.source] + pl.read_parquet(demo_snapshot.table_path("communications"))["recipient"] \
        .drop_nulls().unique().to_list()
    others = _others_words() | {w for t in data for w in re.findall(r"[^\W\d_]{2,}", t)}
    foreign = sorted({f"{w} in {t[:90]!r}" for t in texts for w in unmarked(t) if w not in others})
    assert not foreign, "\n".join(foreign[:30])
    # A heading, a column, a caption of this part's files drawn whole without passing through _().
    # (A text another engineer's file writes the same way, drawn whole, is theirs.)
    literals = {t.strip() for path in OTHERS for t in _literals(path)}
    left = sorted({f"{t[:90]!r}" for t in texts for pattern in _mine() if not t.startswith(PSEUDO_OPEN)
                   and t.strip() not in literals and pattern.fullmatch(t.strip())})
    assert not left, "\n".join(left[:30])


@pytest.fixture
def french_prov(demo_snapshot):
    with use("fr"):
        return Provenance.of(demo_snapshot, Filters(as_at=END_2023), extra="État IRN")


def test_a_french_xlsx_has_french_sheets_headers_and_provenance(french_prov):
    import polars as pl

    frame = pl.DataFrame({"iso3": ["IRN"], "État": ["Iran"], "Demandes en attente": [8]})
    # Made outside the page's run (a download is built when clicked): the provenance keeps its language.
    wb = openpyxl.load_workbook(io.BytesIO(exports.table_xlsx(frame, french_prov, "Demandes en attente")))
    assert wb.sheetnames == ["Données", "Provenance"]
    ws = wb["Données"]
    with use("fr"):
        notice = _(SIMULATED_NOTICE)
    assert ws["A1"].value == "Demandes en attente" and ws["A2"].value == notice
    assert ws["A3"].value.startswith("Source\u00a0: ") and "chiffres au 31 décembre 2023" in ws["A3"].value
    assert [c.value for c in ws[exports.HEADER_ROW]][:3] == ["iso3", "État", "Demandes en attente"]
    meta = {r[0].value: r[1].value for r in wb["Provenance"].iter_rows()}
    assert meta["Version des données"] == "demo" and meta["Au"] == "31 décembre 2023"
    assert meta["Version des données créée le"] == "1er juillet 2024"
    assert meta["Filtres"].startswith("au 31 décembre 2023\u00a0; ") and meta["Filtres"].endswith("; État IRN")
    assert meta["Données simulées"] == f"OUI – {notice}"


def test_a_french_csv_opens_with_french_provenance(french_prov):
    import polars as pl

    data = exports.table_csv(pl.DataFrame({"iso3": ["IRN"], "Demandes en attente": [8]}), french_prov)
    lines = data.decode("utf-8-sig").splitlines()
    with use("fr"):
        notice = _(SIMULATED_NOTICE)
    assert lines[0] == f"# {notice}"
    assert lines[1].startswith("# Source\u00a0: ") and "version des données demo (1er juillet 2024)" in lines[1]
    assert lines[2].startswith("# Chiffres au 31 décembre 2023")
    assert lines[3] == "iso3,Demandes en attente"


def test_the_apps_pdf_buttons_speak_the_readers_language():
    from streamlit.testing.v1 import AppTest

    def page():
        import datetime as dt

        import streamlit as st

        from sp_data.db import connect
        from sp_data.i18n import set_language
        from sp_data.params import Filters
        from sp_data.paths import PROJECT_ROOT
        from sp_data.snapshot import open_snapshot
        from ui import briefing_buttons
        from ui.state import View

        set_language("es")
        snap = open_snapshot(PROJECT_ROOT / "parquet" / "demo")
        view = View(snapshot=snap, con=connect(snap), filters=Filters(as_at=dt.date(2023, 12, 31)), problem=None,
                    first_year=1995, last_year=2024, last_date=dt.date(2024, 6, 30), complete_year=2023)
        names = []
        original = st.download_button

        def record(label, data, file_name=None, **kwargs):
            names.append(file_name)
            return original(label, data, file_name, **kwargs)

        st.download_button = record
        try:
            briefing_buttons.state_briefing_button(view, "IRN")
            briefing_buttons.year_briefing_button(view)
        finally:
            st.download_button = original
        st.write(" ".join(names))

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    labels = {b.proto.label for b in at.get("download_button")}
    assert labels == {"Nota informativa (PDF)", "Datos y cifras (PDF)"}
    assert at.markdown[0].value.split() == ["briefing-irn-es_demo_as-at-2023-12-31-SIMULATED.pdf",
                                            "briefing-2023-all-groups-es_demo_as-at-2023-12-31-SIMULATED.pdf"]
