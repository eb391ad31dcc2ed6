"""Download buttons for the PDF briefings (the PDF is built only when the button is clicked), in the reader's language."""
from __future__ import annotations

import streamlit as st

from sp_data import briefing
from sp_data.exports import Provenance
from sp_data.i18n import _, current
from ui.state import View

PDF = "application/pdf"


def state_briefing_button(view: View, iso3: str, label: str | None = None) -> None:
    """A PDF briefing on one State as at the view's date, stamped with its provenance on every page."""
    # The PDF is built when the reader clicks, outside this run: it is told the run's language.
    lang = current()
    prov = Provenance.of(view.snapshot, view.filters, extra=_("State {iso3}").format(iso3=iso3))
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label or _("Briefing (PDF)"), lambda: briefing.state_pdf(con, snapshot, filters, iso3, lang=lang),
                       file_name=prov.file_name(briefing.file_stem(f"briefing-{iso3}", lang), "pdf"), mime=PDF,
                       key="briefing-state", icon=":material/picture_as_pdf:", on_click="ignore",
                       help=_("A printable briefing on this State: summary, key figures against its regional group, "
                              "visit timeline, pending requests, communications and replies, definitions and "
                              "provenance. The snapshot, as-at date and filters are printed on every page."))


def year_briefing_button(view: View, label: str | None = None) -> None:
    """A PDF briefing on the year of the view's date, laid out like the annual report's statistical addendum."""
    lang = current()
    prov = view.provenance
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label or _("Facts and figures (PDF)"), lambda: briefing.year_pdf(con, snapshot, filters, lang=lang),
                       file_name=prov.file_name(briefing.file_stem(briefing.year_file_stem(filters), lang), "pdf"),
                       mime=PDF, key="briefing-year", icon=":material/picture_as_pdf:",
                       on_click="ignore",
                       help=_("A printable briefing on the year: facts and figures, standing invitations, visits by "
                              "group, States never visited, five-year status per State, communications and replies "
                              "per State, with charts, definitions and provenance on every page."))


def mandate_briefing_button(view: View, mandate_id: str, label: str | None = None) -> None:
    """A PDF briefing on one mandate as at the view's date, stamped with its provenance on every page."""
    lang = current()
    prov = Provenance.of(view.snapshot, view.filters, extra=_("mandate {mandate}").format(mandate=mandate_id))
    con, snapshot, filters = view.con, view.snapshot, view.filters
    st.download_button(label or _("Briefing (PDF)"),
                       lambda: briefing.mandate_pdf(con, snapshot, filters, mandate_id, lang=lang),
                       file_name=prov.file_name(briefing.file_stem(f"briefing-{mandate_id}", lang), "pdf"),
                       mime=PDF, key="briefing-mandate", icon=":material/picture_as_pdf:", on_click="ignore",
                       help=_("A printable briefing on this mandate: summary, key figures, its requests by State, "
                              "the visits it still owes, how long things take, its communications and their "
                              "replies, definitions and provenance on every page."))
