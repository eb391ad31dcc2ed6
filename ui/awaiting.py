"""The special procedures' side on the Country visits page: visits accepted and not yet carried out."""
from __future__ import annotations

import streamlit as st

from sp_data.charts.mandate import MAX_ROWS, waiting_bars
from sp_data.mandates import accepted_not_carried_out
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import View, carried_params

DATE = "D MMM YYYY"


def awaiting_section(view: View) -> None:
    """Figure and lists (each visit, by mandate, by State) of the visits the special procedures still owe."""
    side = view.data(accepted_not_carried_out, view.filters)
    st.subheader(f"Accepted, not yet carried out, as at {view.as_at_text}")
    st.markdown("The special procedures' side: visits that States have accepted (an invitation, an acceptance "
                "or dates proposed) and that the mandate has not yet carried out, with the time since acceptance.")
    threads = side["threads"]
    if side["count"] == 0:
        ui.empty(f"No accepted visit is waiting to be carried out as at {view.as_at_text} in {view.groups_text}.")
        st.caption(side["definition"])
        return
    oldest = side["oldest_accepted_on"]
    shown = min(MAX_ROWS, side["count"])
    ui.chart(view, waiting_bars(
        threads, f"Visits accepted and not yet carried out, as at {view.as_at_text}",
        subtitle=(f"{side['count']:,} visits, oldest acceptance first" + (f" (the {shown} oldest drawn)"
                  if shown < side["count"] else "") + (f"; the oldest accepted on {oldest.day} {oldest:%B %Y}"
                                                       if oldest else ""))),
        "accepted-not-carried-out")
    ui.table(view, with_mandate_links(threads), "accepted-not-carried-out", {
        "host": st.column_config.TextColumn("Host", width=160),
        "accepted_ago": st.column_config.TextColumn("Waiting for", width=120, help="Time since acceptance."),
        "status_label": st.column_config.TextColumn("Status", width=110),
        "accepted_on": st.column_config.DateColumn("Accepted on", format=DATE, width=100,
                                                   help="The latest invitation, acceptance or proposal of dates."),
        "mandate_title": st.column_config.TextColumn("Mandate", width="large"),
        "mandate_page": link_column(),
        "first_request_on": st.column_config.DateColumn("First request", format=DATE, width=100),
    }, height=400 if threads.height > 10 else "auto")
    left, right = st.columns(2)
    with left:
        st.markdown("**By mandate**")
        ui.table(view, with_mandate_links(side["by_mandate"]), "accepted-not-carried-out-by-mandate", {
            "mandate_short": st.column_config.TextColumn("Mandate", width="medium"),
            "mandate_page": link_column(),
            "visits": st.column_config.NumberColumn("Visits", format="%d", width=60),
            "mandate_title": st.column_config.TextColumn("Mandate (full title)", width="large"),
            "oldest_accepted_on": st.column_config.DateColumn("Oldest accepted", format=DATE, width=110),
        })
    with right:
        st.markdown("**By State or other host**")
        ui.table(view, side["by_state"], "accepted-not-carried-out-by-state", {
            "host": st.column_config.TextColumn("Host", width="medium"),
            "regional_group": st.column_config.TextColumn("Group", width=70),
            "visits": st.column_config.NumberColumn("Visits", format="%d", width=60),
            "oldest_accepted_on": st.column_config.DateColumn("Oldest accepted", format=DATE, width=110),
        })
    st.caption(side["definition"])


PLAIN_HELP = ("Visits that a State has agreed to (it invited the mandate, accepted its request or proposed dates, "
              "or postponed a visit it had agreed to) and that the mandate has not yet carried out, as at the "
              "as-at date. The time since acceptance runs from the latest invitation, acceptance or proposal of "
              "dates.")


def awaiting_tiles(view: View) -> None:
    """The Overview's row for the special procedures' side: the count, and how long the oldest has waited."""
    side = view.data(accepted_not_carried_out, view.filters)
    st.markdown("**The special procedures' side**")
    cols = st.columns(4)
    with cols[0]:
        st.metric("Accepted, not yet carried out", f"{side['count']:,}", border=True,
                  help=PLAIN_HELP + "\n\nDefinition: " + side["definition"])
        st.page_link("pages/country_visits.py", label="Details", icon=":material/arrow_forward:",
                     query_params=carried_params())
    oldest = side["oldest_accepted_on"]
    with cols[1]:
        st.metric("Oldest waiting since", f"{oldest:%b %Y}" if oldest else "–", border=True,
                  help="When the oldest of these visits was accepted"
                       + (f" ({oldest.day} {oldest:%B %Y}): it has waited {side['longest_wait']}." if oldest else "."))
        st.page_link("pages/country_visits.py", label="Details", icon=":material/arrow_forward:",
                     query_params=carried_params())
