"""The message catalogs' upkeep: every text marked for translation in the code, and which a language lacks."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sp_data.i18n import LANGUAGES, LOCALE_DIR, catalog

ROOT = Path(__file__).resolve().parents[2]
# Where texts a person reads are written: the app, its pages, the package.
SOURCES = ("app.py", "pages", "ui", "sp_data")
# _(), N_(), p_(context, text), n_(singular, plural, n): sp_data.i18n's functions.
KEYWORDS = {"_": None, "N_": None, "p_": ((1, "c"), 2), "n_": (1, 2)}


@dataclass(frozen=True)
class Message:
    """One text marked in the code, with where it is written."""

    context: str | None
    id: str | tuple[str, str]
    where: tuple[str, ...]


def _files(paths: Iterable[str]) -> Iterator[Path]:
    for p in paths:
        path = (ROOT / p) if not Path(p).is_absolute() else Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*.py") if "tools" not in f.relative_to(ROOT).parts[:2])
        elif path.suffix == ".py":
            yield path


def marked(paths: Iterable[str] = SOURCES) -> list[Message]:
    """Every text marked in these files or folders (the tools, never shown to readers, left out)."""
    from babel.messages.extract import extract

    found: dict[tuple, list[str]] = {}
    for path in _files(paths):
        with path.open("rb") as fh:
            for lineno, msg, _comments, context in extract("python", fh, keywords=KEYWORDS):
                key = (context, msg)
                found.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{lineno}")
    return [Message(c, m, tuple(w)) for (c, m), w in found.items()]


def missing(lang: str, paths: Iterable[str] = SOURCES) -> list[Message]:
    """The marked texts the language's catalogs do not translate."""
    have = catalog(lang)
    return [m for m in marked(paths) if (m.context, m.id) not in have]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_entries(messages: Iterable[Message], translate: bool = False) -> str:
    """Messages as .po entries with empty translations, to be translated and added to a catalog."""
    out = []
    for m in messages:
        lines = [f"#: {' '.join(m.where)}"]
        if m.context:
            lines.append(f"msgctxt {_quote(m.context)}")
        if isinstance(m.id, tuple):
            lines += [f"msgid {_quote(m.id[0])}", f"msgid_plural {_quote(m.id[1])}", 'msgstr[0] ""', 'msgstr[1] ""']
        else:
            lines += [f"msgid {_quote(m.id)}", 'msgstr ""']
        out.append("\n".join(lines))
    return "\n\n".join(out) + ("\n" if out else "")


def header(lang: str) -> str:
    """A new catalog file's header."""
    from babel.messages.plurals import get_plural

    plural = get_plural(lang)
    return (f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"MIME-Version: 1.0\\n"\n'
            f'"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {plural.plural_forms}\\n"\n\n')


def report(paths: Iterable[str] = SOURCES) -> str:
    """How many marked texts each language translates."""
    paths = list(paths)
    total = len(marked(paths))
    lines = [f"{total} texts marked for translation"]
    for lang in LANGUAGES[1:]:
        gap = len(missing(lang, paths))
        lines.append(f"{lang}: {total - gap} translated, {gap} missing")
    return "\n".join(lines)


def files() -> list[Path]:
    """Every catalog file."""
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
