"""The Cooperation and Mandate profiles speak French and Spanish: every text of their files is in the catalogs,
and nothing they show passes around them."""
import re

import pytest

from sp_data.tools import catalogs
from visible_text import texts, unmarked, untranslated

FILES = ["pages/profile.py", "pages/mandate.py", "sp_data/profile.py", "sp_data/profile_types.py",
         "sp_data/mandates.py", "sp_data/mandate_types.py", "sp_data/awaiting.py", "sp_data/page_data/profile.py",
         "sp_data/page_data/mandate.py", "sp_data/charts/profile.py", "sp_data/charts/mandate.py", "ui/mandate.py",
         "ui/awaiting.py"]

PAGES = [("pages/profile.py", {"state": "IRN"}), ("pages/profile.py", {"state": "TUR"}),
         ("pages/mandate.py", {"mandate": "WG-AD"}), ("pages/mandate.py", {"mandate": "SR-IRAN"})]


def _others() -> list[str]:
    """Texts these pages show that other parts of the app write (and translate in their own catalogs): the plain
    definitions, the simulated notice, the header, the State picker, the briefing button (and the What changed
    section, the profile's last, set aside whole).
    Until every part is merged they may still arrive unmarked here; the texts of FILES never may."""
    from sp_data import plain, wording

    return sorted({*plain.PLAIN.values(), wording.SIMULATED_HEADLINE, wording.SIMULATED_DETAIL}, key=len, reverse=True)


OTHER_PATTERNS = [
    r"Figures for \*\*.*\*\*, as at \*\*.*\*\* · .* · snapshot \*\*.*\*\*( \(simulated\))?",  # ui/components header
    r"Provenance: the file names carry the snapshot id and as-at date;.*",  # ui/components table caption
    r"^State$", r"^Every State of the snapshot, Member or observer, by name\..*",  # the State picker (names)
    r"^Briefing \(PDF\)$", r"^A printable briefing on this State:.*",  # ui/briefing_buttons (outputs)
    r"^/mandate\?\S+$",  # a link column's addresses: the reader sees its display text, "Mandate page ›"
]


def ours(gaps_of) -> list[str]:
    """The texts of a run left outside the catalogs once the other parts' texts are set aside."""
    others = _others()
    left = []
    for what, text in texts(gaps_of):
        if "What changed since" in text:
            break  # the profile's last section is ui/what_changed's (visits.po), all of it
        rest = text
        for other in others:
            rest = rest.replace(other, " ")
        for pattern in OTHER_PATTERNS:
            rest = re.sub(pattern, " ", rest, flags=re.S)
        if unmarked(rest):
            left.append(f"{what}: {text!r} ({', '.join(unmarked(rest)[:4])})")
    return left


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_text_of_the_profiles_is_translated(lang):
    gaps = catalogs.missing(lang, FILES)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation (python -m sp_data i18n --missing {lang}):\n" + \
        catalogs.po_entries(gaps[:20])


@pytest.mark.parametrize(("page", "query"), PAGES, ids=lambda x: x if isinstance(x, str) else "-".join(x.values()))
def test_the_profiles_show_no_text_outside_the_catalogs(app, pseudo, page, query):
    at = app(page, lang="qps", **query).run(timeout=120)
    assert not at.exception
    shown = [t for _, t in texts(at.main)]
    # The check reads the page: its headings, a chart's title and a column's label arrive marked.
    assert "⟦Visits carried out⟧" in shown and any(t.startswith("⟦Substantive reply rate") for t in shown)
    gaps = ours(at.main)
    assert not gaps, "\n".join(gaps)
    # What is set aside is other parts' text only: a page that is all marked leaves untranslated() as short.
    assert len(untranslated(at.main)) >= len(gaps)


def test_the_profile_in_french(app):
    at = app("pages/profile.py", state="IRN", lang="fr", year="2023").run(timeout=120)
    assert not at.exception
    assert [h.value for h in at.subheader][:6] == [
        "Au sein de son groupe régional", "Demandes de visite", "Demandes en attente", "Visites effectuées", "Communications et réponses par année",
        "Accès des mandats par pays"]
    assert at.title[0].value == "Profil de coopération"
    caption = " ".join(c.value for c in at.caption)
    assert "État Membre · États d'Asie et du Pacifique (APG) · au 31 décembre 2023" in caption
    summary = next(m.value for m in at.markdown if m.value.startswith("**En bref"))
    assert summary.startswith("**En bref, au 31 décembre 2023.** ")
    assert "demandes en attente, la plus ancienne datant de" in summary
    metrics = [m.label for m in at.metric]
    assert metrics[:4] == ["Invitation permanente", "Demandes en attente", "Visites, 2019–2023",
                           "Taux de réponses de fond, 2023"]


def test_the_profile_in_spanish(app):
    at = app("pages/profile.py", state="IRN", lang="es", year="2023").run(timeout=120)
    assert not at.exception
    assert [h.value for h in at.subheader][:5] == [
        "Dentro de su grupo regional", "Solicitudes de visita", "Solicitudes pendientes", "Visitas realizadas", "Comunicaciones y respuestas por año"]
    caption = " ".join(c.value for c in at.caption)
    assert "Estado Miembro · " in caption and "al 31 de diciembre de 2023" in caption
    summary = next(m.value for m in at.markdown if m.value.startswith("**En resumen"))
    assert "solicitudes pendientes, la más antigua de" in summary
    assert [m.label for m in at.metric][1] == "Solicitudes pendientes"


def test_the_mandate_profile_in_spanish(app):
    at = app("pages/mandate.py", mandate="WG-AD", lang="es", year="2023").run(timeout=120)
    assert not at.exception
    subheaders = [h.value for h in at.subheader]
    assert subheaders[:3] == ["Solicitudes de visita por Estado y su resultado", "Visitas realizadas", "Plazos"]
    caption = " ".join(c.value for c in at.caption)
    assert "Mandato temático, establecido el " in caption and "cifras al 31 de diciembre de 2023" in caption
    assert at.selectbox(key="_url_mandate").label == "Mandato"
