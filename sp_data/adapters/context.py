"""Names against the base snapshot: States, mandates (and new ones a mapping file declares), statuses, types."""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sp_data.adapters.dates import DateProblem, parse_date
from sp_data.adapters.statuses import STATUS_NAMES
from sp_data.export_csv import read_snapshot_tables
from sp_data.mandate_names import MandateNames
from sp_data.names import StateNames, key
from sp_data.paths import REFERENCE_DIR
from sp_data.reference_base import is_reference, reference_base, reference_tables
from sp_data.snapshot import Snapshot, open_snapshot, resolve

TYPE_WORDS = {
    "AL": "AL", "UA": "UA", "OL": "OL", "JAL": "AL", "JUA": "UA", "JOL": "OL",
    "allegation letter": "AL", "joint allegation letter": "AL", "urgent appeal": "UA",
    "joint urgent appeal": "UA", "other letter": "OL", "joint other letter": "OL", "other": "OL",
}
_TYPE_INDEX = {key(k): v for k, v in TYPE_WORDS.items()}

Problem = tuple[str, str | None, str]  # column, value, message


def base_snapshot(ref: str | Path | None, root: Path | None) -> Snapshot:
    """The base snapshot named (default: the current one), verified; `reference`: the reference tables alone."""
    if is_reference(ref):
        return reference_base()
    return open_snapshot(resolve(ref, root))


def closest_words(text: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The choices nearest to text."""
    by_key = {key(c): c for c in choices}
    return [by_key[k] for k in difflib.get_close_matches(key(text), list(by_key), n=n, cutoff=0.5)]


@dataclass
class Context:
    """The base snapshot's tables and the name resolvers built from them."""

    base: Snapshot
    tables: dict[str, pl.DataFrame]
    states: StateNames
    mandates: MandateNames

    @classmethod
    def of(cls, base: Snapshot) -> Context:
        tables = reference_tables() if base.path == REFERENCE_DIR else read_snapshot_tables(base)
        states = StateNames.from_table(tables["states"])
        return cls(base, tables, states, MandateNames.from_table(tables["mandates"], states))

    def declare_mandate(self, mandate_id: str, declared: dict[str, str]) -> list[Problem]:
        """Add a mandate the base lacks, from a mapping line's title, mandate_kind, country and
        established_on columns; returns the problems found as (column, value, message)."""
        kind = declared.get("mandate kind", "").lower()
        country = declared.get("country", "")
        iso3 = self.states.resolve(country) if country else None
        problems = self._new_mandate_problems(mandate_id, declared.get("title", ""), kind, country, iso3)
        established = declared.get("established on", "") or declared.get("established", "")
        try:
            day = parse_date(established)
            if day is None:
                problems.append(("established_on", None, "a new mandate needs the date it was established"))
        except DateProblem as exc:
            problems.append(("established_on", established, str(exc)))
        if problems:
            return problems
        row = pl.DataFrame([{"mandate_id": mandate_id, "title": declared.get("title", ""), "kind": kind,
                             "country_iso3": iso3 if kind == "country" else None,
                             "established_on": day, "ended_on": None}], schema=self.tables["mandates"].schema)
        self.tables["mandates"] = pl.concat([self.tables["mandates"], row])
        self.mandates = MandateNames.from_table(self.tables["mandates"], self.states)
        return []

    @staticmethod
    def _new_mandate_problems(mandate_id: str, title: str, kind: str, country: str, iso3: str | None) -> list[Problem]:
        """What is wrong with a new mandate's id, title, kind and country."""
        problems: list[Problem] = []
        if not re.fullmatch(r"[A-Z]+(-[A-Z]+)*", mandate_id):
            problems.append(("maps_to", mandate_id, "a new mandate's id is capital letters and hyphens, e.g. SR-NEWTOPIC"))
        if not title:
            problems.append(("title", None, "a new mandate needs its title"))
        if kind not in ("thematic", "country"):
            problems.append(("mandate_kind", kind or None, "must be thematic or country"))
        if kind == "country" and iso3 is None:
            problems.append(("country", country or None,
                             "a country mandate needs the State it is about (a name or ISO3 code)"))
        if kind == "thematic" and country:
            problems.append(("country", country, "a thematic mandate has no country; leave it empty"))
        return problems

    def type_code(self, text: str) -> str | None:
        return _TYPE_INDEX.get(key(text))

    def check_target(self, kind: str, target: str | None) -> str | None:
        """Why a mapping's maps_to is unusable for its kind, or None."""
        if kind in ("state", "mandate", "type", "status") and not target:
            return f"is required for kind {kind}"
        if kind in ("state", "territory") and target and self.states.resolve(target) is None:
            closest = "; ".join(self.states.closest(target)) or "none"
            return f"is not a State of the base snapshot (give its ISO3 code); closest: {closest}"
        if kind == "mandate" and target not in self.mandates.titles:
            closest = "; ".join(self.mandates.closest(target or "")) or "none"
            return f"is not a mandate_id of the base snapshot; closest: {closest}"
        if kind == "type" and (target or "").upper() not in ("AL", "UA", "OL", "JAL", "JUA", "JOL"):
            return "must be one of AL, UA, OL, JAL, JUA, JOL"
        if kind == "status" and key(target or "") not in {key(s) for s in STATUS_NAMES}:
            return f"must be one of: {', '.join(STATUS_NAMES)}"
        return None

    def normal_target(self, kind: str, target: str | None) -> str | None:
        if kind in ("state", "territory") and target:
            return self.states.resolve(target)
        if kind == "type" and target:
            return TYPE_WORDS[target.upper()]
        return target
