"""The reader's language: catalogs, Babel's formats, the pseudo-language, and the language kept in the URL."""
import datetime as dt
import re

import pytest

from sp_data import i18n
from sp_data.i18n import _, date_long, n_, number, percent_text, use
from sp_data.local_names import localize, state_name
from sp_data.tools import catalogs
from sp_data.wording import age_text, group_name, period, status_name

import polars as pl


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Overview · 2 November 2022 · 1,234,567 · 43.15 % · 2024 up to 30 June"),
    ("fr", "Vue d'ensemble · 2 novembre 2022 · 1\u202f234\u202f567 · 43,15\u00a0% · 2024 jusqu'au 30 juin"),
    ("es", "Panorama general · 2 de noviembre de 2022 · 1.234.567 · 43,15\u00a0% · 2024 hasta el 30 de junio"),
])
def test_words_dates_and_numbers_follow_the_language(lang, expected):
    with use(lang):
        text = " · ".join([_("Overview"), date_long(dt.date(2022, 11, 2)), number(1234567), percent_text(43.153),
                           period(dt.date(2024, 6, 30))])
    assert text.replace("\u00a0", "\u202f") == expected.replace("\u00a0", "\u202f")


def test_french_writes_the_first_of_a_month_as_an_ordinal():
    with use("fr"):
        assert [date_long(dt.date(2024, 7, d)) for d in (1, 2)] == ["1er juillet 2024", "2 juillet 2024"]
    with use("es"):
        assert date_long(dt.date(2024, 7, 1)) == "1 de julio de 2024"


def test_plurals_follow_each_languages_rule():
    # French counts 0 and 1 as singular; English and Spanish only 1.
    with use("fr"):
        assert [n_("{n} year", "{n} years", n).format(n=n) for n in (0, 1, 2)] == ["0 an", "1 an", "2 ans"]
    with use("es"):
        assert [n_("{n} year", "{n} years", n).format(n=n) for n in (0, 1, 2)] == ["0 años", "1 año", "2 años"]
    assert age_text(dt.date(2020, 1, 1), dt.date(2023, 5, 1)) == "3 years 4 months"


def test_language_is_per_block_and_back_to_english_after():
    with use("es"):
        assert group_name("AG") == "Estados de África (AG)"
    assert group_name("AG") == "African States (AG)"
    with pytest.raises(ValueError, match="unknown language 'de'"), use("de"):
        pass


def test_pseudo_language_marks_every_translated_text():
    with use(i18n.PSEUDO):
        assert _("Overview") == "⟦Overview⟧"
        assert period(dt.date(2024, 6, 30)) == "⟦2024 up to ⟦30 June⟧⟧"
        assert status_name("accepted") == "⟦Accepted⟧"


def test_unknown_language_in_a_link_is_not_spoken(monkeypatch):
    assert i18n.known("FR") == "fr"
    assert i18n.known("de") is None
    monkeypatch.delenv("SP_I18N_PSEUDO", raising=False)
    assert i18n.known("qps") is None  # the tests' pseudo-language is never offered to readers
    monkeypatch.setenv("SP_I18N_PSEUDO", "1")
    assert i18n.known("qps") == "qps"


def test_names_come_from_the_reference_tables_in_the_language():
    frame = pl.DataFrame({"iso3": ["TUR", "XXX"], "name": ["Türkiye", "Nowhere"]})
    assert localize(frame)["name"].to_list() == ["Türkiye", "Nowhere"]
    with use(i18n.PSEUDO):
        assert localize(frame)["name"].to_list() == ["⟦Türkiye⟧", "⟦Nowhere⟧"]
    assert state_name("XXX", "Nowhere") == "Nowhere"


PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.mark.parametrize("path", catalogs.files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_catalog_translations_keep_their_placeholders(path):
    """A translation that drops or renames {n} would break the text it formats."""
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh)
    wrong = []
    for m in cat:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = sorted(set(PLACEHOLDER.findall(ids[-1])))
        wrong += [f"{ids[0]!r} -> {s!r}" for s in strings if s and sorted(set(PLACEHOLDER.findall(s))) != want]
    assert not wrong, "\n".join(wrong)


def test_a_text_has_one_translation_per_language():
    from babel.messages.pofile import read_po

    for lang in ("fr", "es"):
        seen: dict = {}
        clashes = []
        for path in catalogs.files():
            if path.parent.parent.name != lang:
                continue
            with path.open("rb") as fh:
                for m in read_po(fh):
                    if m.id and seen.setdefault((m.context, m.id), m.string) != m.string:
                        clashes.append(f"{lang} {m.id!r}: {seen[(m.context, m.id)]!r} / {m.string!r} ({path.name})")
        assert not clashes, "\n".join(clashes)
