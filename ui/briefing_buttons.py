"""Download buttons for the PDF briefings (the PDF is built only when the button is clicked)."""
from __future__ import annotations

import streamlit as st

from sp_data import briefing
from sp_data.exports import Provenance
from ui.state import View

PDF = "application/pdf"


def state_briefing_button(view: View, iso3: str, label: str = "Briefing (PDF)") -> None:
    """A PDF briefing on one State as at the view's date, stamped with its provenance on every page."""
    prov = Provenance.of(view.snapshot, view.filters, extra=f"State {iso3}")
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label, lambda: briefing.state_pdf(con, snapshot, filters, iso3),
                       file_name=prov.file_name(f"briefing-{iso3}", "pdf"), mime=PDF, key="briefing-state",
                       icon=":material/picture_as_pdf:", on_click="ignore",
                       help="A printable briefing on this State: summary, key figures against its regional group, "
                            "visit timeline, pending requests, communications and replies, definitions and "
                            "provenance. The snapshot, as-at date and filters are printed on every page.")


def year_briefing_button(view: View, label: str = "Facts and figures (PDF)") -> None:
    """A PDF briefing on the year of the view's date, laid out like the annual report's statistical addendum."""
    prov = view.provenance
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label, lambda: briefing.year_pdf(con, snapshot, filters),
                       file_name=prov.file_name(briefing.year_file_stem(filters), "pdf"), mime=PDF,
                       key="briefing-year", icon=":material/picture_as_pdf:",
                       on_click="ignore",
                       help="A printable briefing on the year: facts and figures, standing invitations, visits by "
                            "group, States never visited, five-year status per State, communications and replies "
                            "per State, with charts, definitions and provenance on every page.")
