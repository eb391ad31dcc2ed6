"""Links to a mandate's page that carry the current filters."""
from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig, ColumnWidth

from sp_data.i18n import N_, _
from ui.state import carried_params

LINK_TEXT = N_("Mandate page")


def mandate_url(mandate_id: str, carried: dict | None = None) -> str:
    """The mandate page's address with every current filter: /mandate?mandate=WG-AD&year=2023&groups=AG.

    carried: carried_params(), when the caller has it already (a table of many mandates).
    """
    params = {k: v for k, v in (carried_params() if carried is None else carried).items() if k != "mandate"}
    return "/mandate?" + urlencode({"mandate": mandate_id, **params}, doseq=True)


def with_mandate_links(frame: pl.DataFrame, id_column: str = "mandate_id") -> pl.DataFrame:
    """The frame with a column mandate_page: the address of each row's mandate page."""
    ids = frame[id_column].to_list() if id_column in frame.columns else []
    carried = carried_params()
    urls = {m: mandate_url(m, carried) for m in set(ids) if m}
    return frame.with_columns(pl.Series("mandate_page", [urls.get(m) for m in ids], dtype=pl.String))


def link_column(label: str = "", width: ColumnWidth = 100) -> ColumnConfig:
    """The column that opens a row's mandate page."""
    return st.column_config.LinkColumn(label or " ", display_text=f"{_(LINK_TEXT)} ›", width=width,
                                       help=_("Opens the mandate's page with the same filters."))

