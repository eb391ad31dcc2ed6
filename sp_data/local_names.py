"""State and mandate names in the reader's language, as the United Nations writes them (reference tables)."""
from __future__ import annotations

import csv
import functools
from typing import TYPE_CHECKING

from sp_data import i18n
from sp_data.paths import REFERENCE_DIR

if TYPE_CHECKING:
    import polars as pl

# The names in French and Spanish: iso3,fr,es and mandate_id,fr,es (English is in states.csv and mandates.csv).
STATE_NAMES_FILE = REFERENCE_DIR / "state_names.csv"
MANDATE_TITLES_FILE = REFERENCE_DIR / "mandate_titles.csv"

# Name columns of query results and the code column that identifies them.
STATE_COLUMNS = (("iso3", "name"), ("iso3", "state_name"), ("state_iso3", "state_name"), ("host_iso3", "host_name"),
                 ("iso3", "state"), ("iso3", "who"))
MANDATE_COLUMNS = (("mandate_id", "mandate_title"), ("mandate_id", "title"))


@functools.cache
def _table(path: str, key: str) -> dict[str, dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return {row[key]: row for row in csv.DictReader(fh)}
    except FileNotFoundError:
        return {}


def _local(path: str, key: str, code: str | None, english: str | None) -> str:
    lang = i18n.current()
    row = _table(path, key).get(code or "", {}) if lang not in (i18n.ENGLISH, i18n.PSEUDO) else {}
    name = row.get(lang) or (english if english is not None else code) or ""
    return f"{i18n.PSEUDO_OPEN}{name}{i18n.PSEUDO_CLOSE}" if lang == i18n.PSEUDO and name else name


def state_name(iso3: str | None, english: str | None = None) -> str:
    """A State's name in the reader's language ('Iran (République islamique d')'); English when not known."""
    return _local(str(STATE_NAMES_FILE), "iso3", iso3, english)


def translations() -> dict[str, dict[str, str]]:
    """Every State's United Nations names in French and Spanish: iso3 -> {'fr': ..., 'es': ...}."""
    return {iso3: {lang: row[lang] for lang in ("fr", "es") if row.get(lang)}
            for iso3, row in _table(str(STATE_NAMES_FILE), "iso3").items()}


def mandate_title(mandate_id: str | None, english: str | None = None) -> str:
    """A mandate's full title in the reader's language; English when not known."""
    return _local(str(MANDATE_TITLES_FILE), "mandate_id", mandate_id, english)


def mandate_country(mandate_id: str, english: str) -> str:
    """The country a country mandate is about, in the reader's language (its English name as its title writes it)."""
    from sp_data.paths import REFERENCE_DIR as ref

    iso3 = _table(str(ref / "mandates.csv"), "mandate_id").get(mandate_id, {}).get("country_iso3")
    return state_name(iso3, english) if iso3 else _local("", "", None, english)


def localize(frame: pl.DataFrame) -> pl.DataFrame:
    """A query result with its State and mandate names in the reader's language (codes unchanged)."""
    import polars as pl  # here: the commands that read no frame (`facts`) never load Polars

    if i18n.current() == i18n.ENGLISH:
        return frame
    out = []
    for pairs, fn in ((STATE_COLUMNS, state_name), (MANDATE_COLUMNS, mandate_title)):
        for code, name in pairs:
            if code in frame.columns and name in frame.columns and frame.schema[name] == pl.String:
                out.append(pl.Series(name, [fn(c, n) if n is not None else None
                                            for c, n in zip(frame[code], frame[name], strict=True)], dtype=pl.String))
    return frame.with_columns(out) if out else frame
