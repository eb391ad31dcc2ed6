"""Find a State from part of any of its names, ranked, with the resolver the adapters use (sp_data.names)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import duckdb

from sp_data.local_names import state_name
from sp_data.names import StateNames, key, words
from sp_data.queries import run

# Ranks, best first: the ISO3 code, a whole name, a name's start, a word's start, a part of a name, a look-alike.
CODE, EXACT, STARTS, WORD, CONTAINS, CLOSE = range(6)


@dataclass(frozen=True)
class Match:
    """A State found for a text: its code, its name in the reader's language, how it matched, and the other
    name it was found under when the name shown does not hold the text ('Turkey' for Türkiye; else None)."""

    iso3: str
    name: str
    rank: int
    other_name: str | None = None

    @property
    def label(self) -> str:
        """The name, and the other name it was found under: 'Türkiye (Turkey)'."""
        return f"{self.name} ({self.other_name})" if self.other_name else self.name


def resolver(con: duckdb.DuckDBPyConnection) -> StateNames:
    """The snapshot's States under every name they are known by (the adapters' resolver, on the same table)."""
    frame = run(con, "state_choices", regions=[])
    return StateNames.from_table(frame.select("iso3", "name"))


def _rank(text_key: str, spelling_key: str) -> int | None:
    if spelling_key == text_key:
        return EXACT
    if spelling_key.startswith(text_key):
        return STARTS
    if text_key in spelling_key:
        return CONTAINS
    return None


def search(states: StateNames, text: str | None, limit: int = 8) -> list[Match]:
    """The States a reader may mean by text, best first: the ISO3 code (any case), then whole names, names
    starting with the text, words starting with it, names containing it; look-alikes only when nothing else
    matched. Names in English, French and Spanish, common and former names; accents and case ignored."""
    raw = (text or "").strip()
    k = key(raw)
    if not k:
        return []
    best: dict[str, tuple[int, str]] = {}

    def offer(iso3: str, rank: int, spelling: str) -> None:
        if iso3 not in best or rank < best[iso3][0]:
            best[iso3] = (rank, spelling)

    if re.fullmatch(r"[A-Za-z]{3}", raw) and raw.upper() in states.names:
        offer(raw.upper(), CODE, raw.upper())
    for spelling_key, codes in states.index.items():
        rank = _rank(k, spelling_key)
        if rank == CONTAINS and len(k) < 3:
            continue  # two letters are inside too many names
        spelling = states.shown[spelling_key]
        if rank == CONTAINS and _word_start(raw, spelling):
            rank = WORD
        if rank is not None:
            for iso3 in codes:
                offer(iso3, rank, spelling)
    if not best and len(k) >= 3:
        for close in difflib.get_close_matches(k, list(states.index), n=limit, cutoff=0.7):
            for iso3 in states.index[close]:
                offer(iso3, CLOSE, states.shown[close])
    found = [_match(states, iso3, rank, k, spelling) for iso3, (rank, spelling) in best.items()]
    found.sort(key=lambda m: (m.rank, key(m.name)))
    return found[:limit]


def _match(states: StateNames, iso3: str, rank: int, text_key: str, spelling: str) -> Match:
    name = state_name(iso3, states.names[iso3])
    own = rank == CODE or text_key in key(name) or key(spelling) in key(name)
    return Match(iso3, name, rank, None if own else spelling)


def _word_start(text: str, spelling: str) -> bool:
    """Whether a word of spelling starts with text ('Korea' in 'Republic of Korea'), accents and case ignored."""
    t, parts = words(text), words(spelling).split()
    return any(" ".join(parts[i:]).startswith(t) for i in range(len(parts)))


def closest(states: StateNames, text: str, n: int = 3) -> list[Match]:
    """The States whose names look most like text, for a text that matched nothing (best first)."""
    k = key(text or "")
    found: dict[str, Match] = {}
    for close in difflib.get_close_matches(k, list(states.index), n=n * 3, cutoff=0.6):
        for iso3 in sorted(states.index[close]):
            found.setdefault(iso3, _match(states, iso3, CLOSE, k, states.shown[close]))
    return list(found.values())[:n]
