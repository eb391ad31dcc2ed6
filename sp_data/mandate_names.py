"""Mandate titles, short forms and abbreviations as exports write them, resolved to mandate_id."""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field

import polars as pl

from sp_data.names import StateNames, words
from sp_data.paths import REFERENCE_DIR

# Titles shortened to a prefix, so "Special Rapporteur on torture" and "SR torture" read alike.
_PREFIXES = (
    ("special representative of secretary general", "srsg"),
    ("special rapporteur", "sr"),
    ("working group of experts", "wg"),
    ("working group", "wg"),
    ("independent expert", "ie"),
)

# The short forms, abbreviations and former titles exports write, by mandate_id, are data:
# sp_data/reference/mandate_labels.csv (documented in sp_data/reference/README.md). A subject or
# a database label ("torture") is also accepted after the mandate's own prefix ("SR torture");
# an abbreviation ("WGAD") or a former title only as written.
LABELS_FILE = REFERENCE_DIR / "mandate_labels.csv"
LABEL_FORMS = ("subject", "database", "abbreviation", "former title")
_WITH_PREFIX = ("subject", "database")


@functools.lru_cache(maxsize=1)
def labels() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every curated label, by mandate_id, as (label, form) pairs in the file's order."""
    out: dict[str, list[tuple[str, str]]] = {}
    with LABELS_FILE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["mandate_id"], []).append((row["label"], row["form"]))
    return {mid: tuple(pairs) for mid, pairs in out.items()}


def subjects(mandate_id: str) -> tuple[str, ...]:
    """A mandate's curated subjects, the first being its usual short form ('torture')."""
    return tuple(label for label, form in labels().get(mandate_id, ()) if form == "subject")


def mandate_key(text: str) -> str:
    """The form in which two spellings of a mandate are compared."""
    spaced = " " + words(text) + " "
    for long, short in _PREFIXES:
        spaced = spaced.replace(f" {long} ", f" {short} ")
    tokens = spaced.split()
    if tokens[:1] == ["on"]:  # a subject copied with its preposition: "on torture"
        tokens = tokens[1:]
    # "SR on X", "SR for X", "WG of experts on X" read as "SR X".
    if len(tokens) > 2 and tokens[0] in ("sr", "wg", "ie", "srsg") and tokens[1] in ("on", "for", "of"):
        tokens = [tokens[0]] + tokens[2:]
    return "".join(tokens)


def _prefix(title: str) -> str | None:
    """The short prefix of a mandate's title (sr, wg, ie or srsg)."""
    tokens = (" " + words(title) + " ")
    for long, short in _PREFIXES:
        if tokens.startswith(f" {long} "):
            return short
    return None


def _subject(title: str) -> str:
    """A title without its prefix: what the mandate is about."""
    text = words(title)
    for long, _ in _PREFIXES:
        if text.startswith(long + " "):
            text = text[len(long) + 1:]
            break
    return re.sub(r"^(on|for|of|in field of) ", "", text)


@dataclass
class Resolution:
    """The mandates a spelling can stand for: one when resolved, several when ambiguous."""

    ids: list[str]

    @property
    def mandate_id(self) -> str | None:
        return self.ids[0] if len(self.ids) == 1 else None


@dataclass
class MandateNames:
    """Exact lookup of mandate spellings, with closest-match suggestions for the rest."""

    titles: dict[str, str]  # mandate_id -> title
    periods: dict[str, tuple[dt.date | None, dt.date | None]] = field(default_factory=dict)
    index: dict[str, set[str]] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_table(cls, mandates: pl.DataFrame, states: StateNames | None = None) -> MandateNames:
        """Spellings from a mandates table, its countries' names and the curated short forms."""
        rows = mandates.to_dicts()
        out = cls({r["mandate_id"]: r["title"] for r in rows},
                  {r["mandate_id"]: (r["established_on"], r["ended_on"]) for r in rows})
        for r in rows:
            mid, title = r["mandate_id"], r["title"]
            prefix = _prefix(title) or ""
            out._add(mid, mid)
            out._add(title, mid)
            out._add(_subject(title), mid)
            for label, form in labels().get(mid, ()):
                out._add(label, mid)
                if prefix and form in _WITH_PREFIX:
                    out._add(f"{prefix} {label}", mid)
            if r.get("kind") == "country" and r.get("country_iso3") and states is not None:
                # The databases write a country mandate as its country's name ("Belarus").
                for name in states.variants(r["country_iso3"]):
                    for form in (name, f"{prefix} {name}", f"{prefix} situation of human rights in {name}"):
                        out._add(form, mid)
        return out

    def _add(self, spelling: str, mandate_id: str) -> None:
        k = mandate_key(spelling)
        if k:
            self.index.setdefault(k, set()).add(mandate_id)
            self.shown.setdefault(k, spelling)

    def resolve(self, text: str, on: dt.date | None = None) -> Resolution:
        """The mandates a spelling stands for; when several, those active on a date (if given)."""
        found = sorted(self.index.get(mandate_key(text), set()))
        if len(found) > 1 and on is not None:
            active = [m for m in found if self._active(m, on)]
            if active:
                found = active
        return Resolution(found)

    def _active(self, mandate_id: str, on: dt.date) -> bool:
        start, end = self.periods.get(mandate_id, (None, None))
        return (start is None or start <= on) and (end is None or end > on)

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The mandates whose spellings are nearest to text, as 'ID (title)', best first."""
        found: list[str] = []
        for match in difflib.get_close_matches(mandate_key(text), list(self.index), n=n * 3, cutoff=0.6):
            found.extend(sorted(self.index[match]))
        return [f"{m} ({self.titles[m]})" for m in list(dict.fromkeys(found))[:n]]

    def describe(self, ids: list[str]) -> str:
        """Mandates listed as 'ID (title)'."""
        return "; ".join(f"{m} ({self.titles[m]})" for m in ids)
