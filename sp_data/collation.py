"""Lists as a reader reads them: State and mandate names re-sorted once translated, group abbreviations."""
from __future__ import annotations

import unicodedata

import polars as pl

from sp_data import i18n
from sp_data.local_names import localize


def sort_key(text: str | None) -> str:
    """A name as a dictionary orders it: accents and letter case aside ('Émirats' beside 'Équateur', before 'Fidji')."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def in_reader_order(frame: pl.DataFrame, by: list[str], descending: list[bool] | None = None) -> pl.DataFrame:
    """A query result sorted again after its names were translated (by these columns, text ones in dictionary
    order); English keeps the query's own order."""
    if i18n.current() == i18n.ENGLISH or frame.height < 2:
        return frame
    keys = [pl.col(c).map_elements(sort_key, return_dtype=pl.String) if frame.schema[c] == pl.String else pl.col(c)
            for c in by]
    return frame.sort(keys, descending=descending or False, nulls_last=True, maintain_order=True)


def localized(frame: pl.DataFrame, by: list[str], descending: list[bool] | None = None) -> pl.DataFrame:
    """localize() then in_reader_order(): State and mandate names in the reader's language and order."""
    return in_reader_order(localize(frame), by, descending)


def with_group(frame: pl.DataFrame) -> pl.DataFrame:
    """A table to show: its regional_group column as the reader's language writes the abbreviations (the codes
    in English)."""
    from sp_data.charts.base import NO_GROUP  # the charts' name for no group, which invitations.by_group writes
    from sp_data.wording import group_abbreviation, group_name

    if "regional_group" not in frame.columns or frame.height == 0:
        return frame
    return frame.with_columns(pl.Series("regional_group", [
        group_name(None) if g == NO_GROUP else group_abbreviation(g) if g else None for g in frame["regional_group"]],
        dtype=pl.String))
