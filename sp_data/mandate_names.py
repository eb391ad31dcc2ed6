"""Mandate titles, short forms and abbreviations as exports write them, resolved to mandate_id."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

import polars as pl

from sp_data.names import StateNames, words

# Titles shortened to a prefix, so "Special Rapporteur on torture" and "SR torture" read alike.
_PREFIXES = (
    ("special representative of secretary general", "srsg"),
    ("special rapporteur", "sr"),
    ("working group of experts", "wg"),
    ("working group", "wg"),
    ("independent expert", "ie"),
)

# Curated short forms, by mandate_id. A subject ("torture") is also accepted after the mandate's
# own prefix ("SR torture", "Special Rapporteur on torture"); an abbreviation ("WGAD") only alone.
# Former titles are listed as subjects so that older records still resolve.
SUBJECTS: dict[str, tuple[str, ...]] = {
    "WG-AD": ("arbitrary detention",),
    "WG-EID": ("enforced disappearances", "enforced or involuntary disappearances", "EID"),
    "WG-PAD": ("people of African descent", "PAD", "EPAD"),
    "WG-MERCENARIES": ("mercenaries", "use of mercenaries"),
    "WG-DAWG": ("discrimination against women and girls", "discrimination against women",
                "discrimination against women in law and in practice", "DAWG", "DAW"),
    "WG-BHR": ("business and human rights", "BHR"),
    "WG-PEASANTS": ("peasants",),
    "IE-OLDER": ("older persons",),
    "IE-ALBINISM": ("albinism",),
    "IE-DEBT": ("foreign debt",),
    "IE-SOLIDARITY": ("international solidarity",),
    "IE-ORDER": ("international order", "democratic and equitable international order"),
    "IE-SOGI": ("SOGI", "sexual orientation and gender identity"),
    "SR-CHILDREN": ("sale of children", "sale and sexual exploitation of children",
                    "sale of children, child prostitution and child pornography"),
    "SR-CULTURAL": ("cultural rights",),
    "SR-DEVELOPMENT": ("right to development",),
    "SR-DISABILITY": ("persons with disabilities", "disability", "rights of persons with disabilities"),
    "SR-EDUCATION": ("education", "right to education"),
    "SR-ENVIRONMENT": ("environment", "human rights and the environment"),
    "SR-SUMEX": ("extrajudicial executions", "summary executions", "extrajudicial, summary or arbitrary executions",
                 "EJE", "executions"),
    "SR-FOOD": ("food", "right to food"),
    "SR-FOE": ("freedom of expression", "freedom of opinion and expression", "FOE", "FOOE"),
    "SR-FOAA": ("freedom of assembly", "freedom of peaceful assembly and of association", "FOAA",
                "assembly and association"),
    "SR-FORB": ("freedom of religion", "freedom of religion or belief", "FORB"),
    "SR-HEALTH": ("health", "right to health"),
    "SR-HRD": ("human rights defenders", "situation of human rights defenders", "HRD", "HRDS"),
    "SR-HOUSING": ("housing", "adequate housing"),
    "SR-IJL": ("independence of judges and lawyers", "judges and lawyers", "IJL"),
    "SR-INDIGENOUS": ("indigenous peoples", "rights of indigenous peoples"),
    "SR-IDP": ("internally displaced persons", "IDPs", "IDP"),
    "SR-MIGRANTS": ("migrants", "human rights of migrants"),
    "SR-MINORITIES": ("minority issues", "minorities"),
    "SR-POVERTY": ("extreme poverty", "poverty"),
    "SR-PRIVACY": ("privacy", "right to privacy"),
    "SR-RACISM": ("racism", "contemporary forms of racism"),
    "SR-SLAVERY": ("slavery", "contemporary forms of slavery"),
    "SR-CT": ("counter-terrorism", "counterterrorism", "countering terrorism", "terrorism", "CT"),
    "SR-TORTURE": ("torture",),
    "SR-TOXICS": ("toxics", "toxic wastes", "hazardous substances and wastes"),
    "SR-TRAFFICKING": ("trafficking", "trafficking in persons"),
    "SR-TRUTH": ("truth", "truth, justice, reparation and guarantees of non-recurrence"),
    "SR-UCM": ("unilateral coercive measures", "UCM"),
    "SR-VAW": ("violence against women", "violence against women, its causes and consequences", "VAW", "VAWG"),
    "SR-WATSAN": ("water and sanitation", "safe drinking water and sanitation", "WASH", "water"),
    "SR-LEPROSY": ("leprosy",),
    "SR-CLIMATE": ("climate change", "climate"),
    "SR-OPT": ("occupied Palestinian territory", "occupied Palestinian territories", "OPT",
               "Palestinian territories occupied since 1967"),
    "SR-DPRK": ("DPRK",),
}
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "WG-AD": ("WGAD",),
    "WG-EID": ("WGEID", "WG-EID", "CED-WG"),
    "WG-PAD": ("WGEPAD", "WGPAD"),
    "WG-BHR": ("WGBHR",),
    "WG-DAWG": ("WGDAWG", "WGDAW"),
    "SR-HRD": ("SRHRD",),
    "SR-TORTURE": ("SRT",),
    "SR-FOE": ("SRFOE",),
    "SR-VAW": ("SRVAW",),
}


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
            for subject in SUBJECTS.get(mid, ()):
                out._add(subject, mid)
                if prefix:
                    out._add(f"{prefix} {subject}", mid)
            for abbreviation in ABBREVIATIONS.get(mid, ()):
                out._add(abbreviation, mid)
            if r.get("kind") == "country" and r.get("country_iso3") and states is not None:
                for name in states.variants(r["country_iso3"]):
                    for form in (f"{prefix} {name}", f"{prefix} situation of human rights in {name}"):
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
