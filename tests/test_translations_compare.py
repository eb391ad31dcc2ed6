"""The Compare page and the profile's group section in French and Spanish: every text in compare.po, none shown untranslated."""
import datetime as dt

import pytest

from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.tools import catalogs
from visible_text import texts, unmarked, untranslated

FILES = ["pages/compare.py", "ui/compare.py", "sp_data/compare.py", "sp_data/charts/compare.py",
         "sp_data/briefing/compare.py", "sp_data/page_data/compare.py"]
# Texts of other engineers' files (the page header and banner, the downloads' provenance caption, the plain-words
# definitions), still unmarked on this branch until the lead merges theirs: their opening words.
OTHERS = ("**Simulated demonstration data.**", "Figures for **", "Provenance: the file names",
          "A pending request is a visit request")


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_compare_text_is_translated(lang):
    gaps = catalogs.missing(lang, FILES)
    assert not gaps, f"{len(gaps)} texts lack a {lang} translation:\n" + catalogs.po_entries(gaps[:20])


def test_the_compare_page_shows_no_text_of_its_own_outside_the_catalogs(app, pseudo, demo_db):
    at = app("pages/compare.py", lang="qps", states="IRN,IND,PSE").run()
    assert not at.exception
    shown = [t for _, t in texts(at.main)]
    assert "⟦Compare States⟧" in shown and "⟦Rank within the regional group⟧" in shown  # the check reads the page
    # The key figures' labels and values are the profile's own (sp_data.profile, translated with it).
    profiles = [profile(demo_db, Filters(dt.date(2023, 12, 31)), s) for s in ("IRN", "IND", "PSE")]
    theirs = {t for p in profiles for k in p.key_figures for t in (k.label, k.display)}
    gaps = [g for g in untranslated(at.main)
            if not any(o in g for o in OTHERS) and not any(g == f"cell: {t!r} ({', '.join(unmarked(t)[:4])})"
                                                          for t in theirs)]
    assert not gaps, "\n".join(gaps)


def test_the_profile_s_group_section_shows_no_text_outside_the_catalogs(app, pseudo):
    at = app("pages/profile.py", lang="qps", state="IRN").run()
    assert not at.exception
    shown = texts(at.main)
    start = shown.index(("Subheader body", "⟦Within its regional group⟧"))
    end = next(i for i, (what, _) in enumerate(shown) if what == "Subheader body" and i > start)
    section = shown[start:end]
    assert any(what == "PageLink label" and t == "⟦Compare with…⟧" for what, t in section)
    gaps = [f"{what}: {t!r}" for what, t in section if unmarked(t) and not t.startswith(OTHERS)]
    assert not gaps, "\n".join(gaps)


def test_a_french_comparison(app):
    at = app("pages/compare.py", lang="fr", states="IRN,IND").run()
    assert not at.exception
    assert at.title[0].value == "Comparer des États"
    assert at.multiselect(key="_url_states").label == "États à comparer"
    assert "Rang au sein du groupe régional" in [s.value for s in at.subheader]
    ranks = next(df.value for df in at.dataframe if df.value.iloc[0, 0] == "Groupe régional")
    assert ranks.iloc[0, 1] == "États d'Asie et du Pacifique"
    assert any(" sur 53" in str(v) for v in ranks.iloc[1:, 1])
    assert any("31 décembre 2023" in c.value for c in at.caption)
