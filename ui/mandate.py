"""Links to a mandate's page that carry the current filters, and the mandate briefing's button."""
from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st
from streamlit.elements.lib.column_types import ColumnConfig, ColumnWidth

from sp_data import briefing
from sp_data.exports import Provenance
from sp_data.i18n import N_, _
from ui.state import View, carried_params

LINK_TEXT = N_("Mandate page")


def mandate_url(mandate_id: str) -> str:
    """The mandate page's address with every current filter: /mandate?mandate=WG-AD&year=2023&groups=AG."""
    params = {k: v for k, v in carried_params().items() if k != "mandate"}
    return "/mandate?" + urlencode({"mandate": mandate_id, **params}, doseq=True)


def with_mandate_links(frame: pl.DataFrame, id_column: str = "mandate_id") -> pl.DataFrame:
    """The frame with a column mandate_page: the address of each row's mandate page."""
    ids = frame[id_column].to_list() if id_column in frame.columns else []
    urls = {m: mandate_url(m) for m in set(ids) if m}
    return frame.with_columns(pl.Series("mandate_page", [urls.get(m) for m in ids], dtype=pl.String))


def link_column(label: str = "", width: ColumnWidth = 100) -> ColumnConfig:
    """The column that opens a row's mandate page."""
    return st.column_config.LinkColumn(label or " ", display_text=f"{_(LINK_TEXT)} ›", width=width,
                                       help=_("Opens the mandate's page with the same filters."))


def mandate_briefing_button(view: View, mandate_id: str, label: str | None = None) -> None:
    """A PDF briefing on one mandate as at the view's date, stamped with its provenance on every page."""
    prov = Provenance.of(view.snapshot, view.filters, extra=_("mandate {code}").format(code=mandate_id))
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label or _("Briefing (PDF)"), lambda: briefing.mandate_pdf(con, snapshot, filters, mandate_id),
                       file_name=prov.file_name(f"briefing-{mandate_id}", "pdf"), mime="application/pdf",
                       key="briefing-mandate", icon=":material/picture_as_pdf:", on_click="ignore",
                       help=_("A printable briefing on this mandate: summary, key figures, its requests by State, "
                              "the visits it still owes, how long things take, its communications and their "
                              "replies, definitions and provenance on every page."))
