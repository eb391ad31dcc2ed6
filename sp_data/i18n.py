"""The reader's language: message catalogs (gettext .po files read by Babel) and Babel's formats.

Every text a person reads goes through `_()` (or `n_()` for a count, `p_()` when one English word
means two things) at the moment it is shown, so that module constants are written with `N_()`
(marked for the catalogs, translated where they are used). The language is per thread (one
Streamlit session's run, one CLI command): `use("fr")` or `set_language("fr")`.

The catalogs are `sp_data/locale/<lang>/LC_MESSAGES/*.po`, one file per part of the app; every
file of a language is read and merged. `python -m sp_data i18n` lists what is not translated.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import os
from collections.abc import Iterator
from pathlib import Path

ENGLISH = "en"
LANGUAGES = ("en", "fr", "es")
# Each language named in itself, as the picker shows it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
# Babel's locale for each language: British spelling and day-month-year dates in English, as the UN writes.
LOCALES = {"en": "en_GB", "fr": "fr", "es": "es", "qps": "en_GB"}
# A pseudo-language for the tests: every translated text is wrapped in ⟦ ⟧, so that a text shown
# without passing through the catalogs stands out. Never offered to readers.
PSEUDO = "qps"
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"
LOCALE_DIR = Path(__file__).parent / "locale"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("sp_language", default=ENGLISH)


def known(lang: str | None) -> str | None:
    """The language code if it is one the app speaks (any letter case), else None."""
    code = (lang or "").strip().lower()
    if code in LANGUAGES or (code == PSEUDO and pseudo_allowed()):
        return code
    return None


def pseudo_allowed() -> bool:
    """The pseudo-language is for the tests only (SP_I18N_PSEUDO=1)."""
    return os.environ.get("SP_I18N_PSEUDO") == "1"


def current() -> str:
    """The language of this thread's texts."""
    return _language.get()


def set_language(lang: str) -> None:
    """Speak this language in this thread from now on (a Streamlit run, a CLI command)."""
    code = known(lang) or (lang if lang == PSEUDO else None)
    if code is None:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    _language.set(code)


@contextlib.contextmanager
def use(lang: str) -> Iterator[None]:
    """Speak this language inside the block (an export or a briefing in the reader's language)."""
    token = _language.set(lang if lang == PSEUDO else (known(lang) or _fail(lang)))
    try:
        yield
    finally:
        _language.reset(token)


def _fail(lang: str) -> str:
    raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")


def locale() -> str:
    """Babel's locale for the current language."""
    return LOCALES[current()]


@functools.cache
def catalog(lang: str) -> dict[tuple[str | None, str | tuple[str, str]], str | tuple[str, ...]]:
    """Every translated message of a language: (context, msgid) -> msgstr, from all its .po files."""
    from babel.messages.pofile import read_po  # only when a translation is first asked for

    out: dict = {}
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as fh:
            for m in read_po(fh, locale=lang):
                if not m.id or m.fuzzy:
                    continue
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                if all(strings):
                    out[(m.context, m.id)] = m.string
    return out


def _lookup(context: str | None, msgid: str | tuple[str, str]) -> str | tuple[str, ...] | None:
    lang = current()
    if lang in (ENGLISH, PSEUDO):
        return None
    return catalog(lang).get((context, msgid))


def _pseudo(text: str) -> str:
    return f"{PSEUDO_OPEN}{text}{PSEUDO_CLOSE}" if current() == PSEUDO else text


def _(message: str) -> str:
    """The message in the reader's language (the English itself when it has no translation yet)."""
    found = _lookup(None, message)
    return _pseudo(found if isinstance(found, str) else message)


def p_(context: str, message: str) -> str:
    """A message whose English is ambiguous, told apart by a context ('status', 'column')."""
    found = _lookup(context, message)
    return _pseudo(found if isinstance(found, str) else message)


def n_(singular: str, plural: str, n: int) -> str:
    """A message that depends on a count ('1 request', '3 requests'), by the language's plural rules."""
    found = _lookup(None, (singular, plural))
    if isinstance(found, tuple):
        text = found[min(_plural_index(current())(abs(n)), len(found) - 1)]
    else:
        text = singular if n == 1 else plural
    return _pseudo(text)


@functools.cache
def _plural_index(lang: str):
    """The language's plural rule: a count -> the index of its form in a .po file's msgstr[]."""
    import gettext

    from babel.messages.plurals import get_plural

    return gettext.c2py(get_plural(LOCALES[lang]).plural_expr)


def N_(message: str) -> str:
    """Mark a text for the catalogs without translating it (a module constant, translated where shown)."""
    return message


# Babel's formats, in the reader's language.

def date_long(d: dt.date) -> str:
    """'2 November 2022', '2 novembre 2022', '2 de noviembre de 2022'."""
    return _date_long(type(d).__name__, d, current())


# Per language: a page's tables say the same dates and numbers on every view, and Babel formats each anew.
@functools.lru_cache(maxsize=8192)
def _date_long(_kind: str, d: dt.date, _lang: str) -> str:
    from babel.dates import format_date

    text = format_date(d, "long", locale=locale())
    if current() == "fr" and d.day == 1:
        text = "1er" + text[1:]  # French writes the first of a month as an ordinal: "1er juillet 2024"
    return _pseudo(text)


def day_month(d: dt.date) -> str:
    """'30 June', '30 juin', '30 de junio'."""
    from babel.dates import format_skeleton

    return _pseudo(format_skeleton("MMMMd", d, locale=locale()))


def month_year(d: dt.date) -> str:
    """'November 2022', 'novembre 2022', 'noviembre de 2022'."""
    from babel.dates import format_skeleton

    return _pseudo(format_skeleton("yMMMM", d, locale=locale()))


def datetime_long(t: dt.datetime) -> str:
    """'2 November 2022, 14:05 UTC' in the reader's language (times are kept in UTC)."""
    return _("{date}, {time} UTC").format(date=date_long(t.date()), time=f"{t:%H:%M}")


def number(n: int | float, digits: int | None = None) -> str:
    """'1,234' / '1 234' / '1234'; with digits, that many decimals ('43.15', '43,15')."""
    try:  # keyed by its text too: -0.0 equals 0.0 but is written "-0"
        return _number(type(n).__name__, repr(n), n, digits, current())
    except TypeError:  # not hashable
        return _number.__wrapped__(type(n).__name__, "", n, digits, current())


@functools.lru_cache(maxsize=8192)
def _number(_kind: str, _text: str, n: int | float, digits: int | None, _lang: str) -> str:
    from babel.numbers import format_decimal

    if digits is None:
        return format_decimal(n, locale=locale())
    return format_decimal(n, format="#,##0." + "0" * digits if digits else "#,##0", locale=locale(),
                          decimal_quantization=True)


def percent_text(value: float, digits: int = 2) -> str:
    """A percentage already multiplied by 100: '43.15 %', '43,15 %' (the space before % as the UN writes it)."""
    # A space that never breaks in French and Spanish, whose typography wants one; a plain one in English.
    return f"{number(value, digits)}{' ' if current() in (ENGLISH, PSEUDO) else chr(0xA0)}%"


def language_name(lang: str) -> str:
    """A language named in itself: 'Français'."""
    return LANGUAGE_NAMES.get(lang, lang)
