"""The special procedures' side on the Country visits page: visits accepted and not yet carried out."""
from __future__ import annotations

import polars as pl
import streamlit as st

from sp_data.charts.mandate import MAX_ROWS, titled, waiting_bars
from sp_data.awaiting import AcceptedNotCarriedOut, accepted_not_carried_out
from sp_data.i18n import N_, _, month_year, n_, number
from sp_data.wording import date_column_format, date_text, mandate_name
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import View, carried_params



def awaiting_section(view: View) -> None:
    """Figure and lists (each visit, by mandate, by State) of the visits the special procedures still owe."""
    side = view.data(accepted_not_carried_out, view.filters)
    st.subheader(_("Accepted, not yet carried out, as at {date}").format(date=view.as_at_text))
    st.markdown(_("The special procedures' side: visits that States have accepted (an invitation, an acceptance "
                  "or dates proposed) and that the mandate has not yet carried out, with the time since acceptance."))
    if side.count is None:
        st.warning(side.not_recorded, icon=":material/database_off:")
        return
    if side.count == 0:
        ui.empty(_("No accepted visit is waiting to be carried out as at {date} in {groups}.").format(
            date=view.as_at_text, groups=view.groups_text))
        st.caption(side.definition)
        return
    _each_visit(view, side, side.count)
    left, right = st.columns(2)
    with left:
        st.markdown(_("**By mandate**"))
        ui.table(view, with_mandate_links(side.by_mandate), "accepted-not-carried-out-by-mandate", {
            "mandate_short": st.column_config.TextColumn(_("Mandate"), width="medium"),
            "mandate_page": link_column(),
            "visits": st.column_config.NumberColumn(_("Visits"), format="%d", width=60),
            "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
            "oldest_accepted_on": st.column_config.DateColumn(_("Oldest accepted"), format=date_column_format(), width=130),
        })
    with right:
        st.markdown(_("**By State or other host**"))
        ui.table(view, side.by_state, "accepted-not-carried-out-by-state", {
            "host": st.column_config.TextColumn(_("Host"), width="medium"),
            "regional_group": st.column_config.TextColumn(_("Group"), width=70),
            "visits": st.column_config.NumberColumn(_("Visits"), format="%d", width=60),
            "oldest_accepted_on": st.column_config.DateColumn(_("Oldest accepted"), format=date_column_format(), width=130),
        })
    st.caption(side.definition)


def _each_visit(view: View, side: AcceptedNotCarriedOut, count: int) -> None:
    """The chart of the oldest visits still owed, and the table of every one."""
    threads, oldest = side.threads, side.oldest_accepted_on
    shown = min(MAX_ROWS, count)
    title = _("Accepted, not yet carried out")
    first = (n_("As at {date}: {n} visit, oldest acceptance first.", "As at {date}: {n} visits, oldest acceptance first.",
                count) if shown >= count else
             n_("As at {date}: {n} visit, oldest acceptance first (the {shown} oldest drawn).",
                "As at {date}: {n} visits, oldest acceptance first (the {shown} oldest drawn).", count)).format(
        date=view.as_at_text, n=number(count), shown=shown)
    ui.chart(view, ui.lazy(titled, ui.lazy(waiting_bars, threads, title), title, first,
                          *([_("The oldest accepted on {date}.").format(date=date_text(oldest))] if oldest else [])),
             "accepted-not-carried-out")
    named = threads.with_columns(pl.Series("mandate_short", [mandate_name(m, t) for m, t in threads.select(
        "mandate_id", "mandate_title").iter_rows()], dtype=pl.String))
    ui.table(view, with_mandate_links(named), "accepted-not-carried-out", {
        "host": st.column_config.TextColumn(_("Host"), width=160),
        "accepted_ago": st.column_config.TextColumn(_("Waiting for"), width=120, help=_("Time since acceptance.")),
        "status_label": st.column_config.TextColumn(_("Status"), width=110),
        "accepted_on": st.column_config.DateColumn(_("Accepted on"), format=date_column_format(), width=130,
                                                   help=_("The latest invitation, acceptance or proposal of dates.")),
        "mandate_short": st.column_config.TextColumn(_("Mandate"), width="medium"),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
        "mandate_page": link_column(),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=date_column_format(), width=130),
    }, height=400 if threads.height > 10 else "auto")


PLAIN_HELP = N_("Visits that a State has agreed to (it invited the mandate, accepted its request or proposed dates, "
                "or postponed a visit it had agreed to) and that the mandate has not yet carried out, as at the "
                "as-at date. The time since acceptance runs from the latest invitation, acceptance or proposal of "
                "dates.")


def awaiting_tiles(view: View) -> None:
    """The Overview's row for the special procedures' side: the count, and how long the oldest has waited."""
    side = view.data(accepted_not_carried_out, view.filters)
    st.markdown(_("**The special procedures' side**"))
    cols = st.columns(4)
    if side.count is None:
        help_text = _(PLAIN_HELP) + "\n\n" + ui.definition("coverage")
        for col, label in zip(cols, (_("Accepted, not yet carried out"), _("Oldest waiting since")), strict=False):
            with col:
                ui.unrecorded_tile(label, help_text)
        return
    with cols[0]:
        st.metric(_("Accepted, not yet carried out"), number(side.count), border=True, height="stretch",
                  help=_(PLAIN_HELP))
        st.page_link("pages/country_visits.py", label=_("Details"), icon=":material/arrow_forward:",
                     query_params=carried_params())
    oldest = side.oldest_accepted_on
    with cols[1]:
        st.metric(_("Oldest waiting since"), month_year(oldest) if oldest else "–", border=True, height="stretch",
                  help=_("When the oldest of these visits was accepted ({date}): it has waited {time}.").format(
                      date=date_text(oldest), time=side.longest_wait) if oldest
                  else _("When the oldest of these visits was accepted."))
        st.page_link("pages/country_visits.py", label=_("Details"), icon=":material/arrow_forward:",
                     query_params=carried_params())
