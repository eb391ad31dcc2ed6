"""Pending requests: States with N or more pending visit requests, and every pending request."""
import streamlit as st

from sp_data.charts import visits as charts
from sp_data import url_values
from sp_data.page_data import pending_requests
from sp_data.plain import tile_help
from sp_data.wording import DATE_FORMAT, GROUPS_HELP, named
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import current

TOP = 30
DATE = DATE_FORMAT

view = current()
ui.header(view, "Pending requests",
          "Visit requests the States have not answered: which States have many, how old they are, and whether "
          "those States accepted any visit in the last five years.")

checked = url_values.number(st.query_params.get_all("threshold"), 1, 50, 5, "The number of pending requests")
default = {"value": 5}
if checked.notice:
    st.warning(checked.notice, icon=":material/info:")
    st.session_state["threshold"] = checked.value  # before the widget reads the link: clamped, not reset
    default = {}
threshold = st.number_input("Pending requests, at least", min_value=1, max_value=50, step=1, **default,
                            key="threshold", bind="query-params", width=260,
                            help="List the States with at least this many pending requests (the annual report uses 5).")  # type: ignore[call-overload]  # value comes in **default, absent when the link's clamped value is in the session
view = view.with_threshold(int(threshold))
n = view.filters.threshold
window = f"{view.filters.window_start.year}–{view.year}"
if ui.not_recorded(view, "visits", span="window"):
    st.stop()  # a request is pending when it is dated in the five-year window

d = view.data(pending_requests.load, view.filters)  # for the threshold chosen, in view.filters
summary = d.summary
f = d.facts
st.subheader(f"States with {n} or more pending requests, as at {view.as_at_text}")
cols = st.columns(2)
ui.tile(cols[0], f"States with {n}+ pending requests", summary["states"], tile_help("pending_states", view.filters))
ui.tile(cols[1], f"…Member States with no visit accepted in {window}", f["member_states_five_plus_pending_no_acceptance"],
        tile_help("member_states_five_plus_pending_no_acceptance", view.filters))

states = d.states
if states.height == 0:
    ui.empty(f"No State in the selected groups has {n} or more pending requests.")
else:
    if summary["no_acceptance"]:
        st.warning(f"**{summary['no_acceptance']} Member State{'s' if summary['no_acceptance'] != 1 else ''} with "
                   f"{n} or more pending requests accepted no visit in {window}:** "
                   + ", ".join(summary["no_acceptance_names"]) + ".", icon=":material/flag:")
    shown = min(TOP, states.height)
    ui.chart(view, charts.pending_by_state(
        states, f"Pending visit requests as at {view.as_at_text}, States with {n} or more", top=TOP,
        subtitle=(f"The {shown} States with most, of {states.height}; " if states.height > TOP else "")
        + f"colour: whether the State accepted a visit in {window}"), f"pending-by-state-{n}-plus")
    ui.table(view, states, f"states-with-{n}-plus-pending-requests", {
        "name": "State",
        "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "pending_requests": st.column_config.NumberColumn("Pending", format="%d", help=ui.definition("pending")),
        "accepted_in_5y": st.column_config.CheckboxColumn("Accepted in window", help=ui.definition("accepted_window")),
        "no_acceptance_flag": st.column_config.CheckboxColumn(
            "Flag: none accepted",
            help=f"A Member State with {n} or more pending requests that accepted no visit in the window."),
        "visits_5y": st.column_config.NumberColumn("Visits in window", format="%d"),
        "oldest_pending_request_on": st.column_config.DateColumn(
            "Oldest pending", format=DATE, help="The first request of the State's oldest pending thread."),
        "pending_reminders": st.column_config.NumberColumn("Reminders", format="%d",
                                                           help="Reminders sent in the State's pending threads."),
        "standing_invitation": st.column_config.CheckboxColumn("Standing invitation",
                                                               help=ui.definition("standing_invitation")),
        "standing_invitation_since": st.column_config.DateColumn("Invited since", format=DATE),
    })
    st.caption(ui.definition("pending", "accepted_window") + " The flag marks Member States (observer States are "
               "listed but not counted) with no visit accepted in the window.")

st.subheader(f"Every pending request, as at {view.as_at_text}")
requests = named(d.requests, view.filters.as_at)
if requests.height == 0:
    ui.empty(f"No visit request is pending as at {view.as_at_text} in {view.groups_text}.")
else:
    st.markdown(f"**{requests.height:,} pending requests.** Search the table (magnifier icon) for a State or a mandate.")
    ui.table(view, with_mandate_links(requests), "pending-requests", {
        "name": "State",
        "regional_group": st.column_config.TextColumn("Group"),
        "mandate_name": st.column_config.TextColumn("Mandate", width=260,
                                                    help="The mandate's short name; its full title is in the last column."),
        "status_name": "Status",
        "mandate_page": link_column(),
        "first_request_on": st.column_config.DateColumn("First request", format=DATE),
        "last_request_on": st.column_config.DateColumn("Latest request", format=DATE,
                                                       help="The latest request or reminder sent."),
        "reminders": st.column_config.NumberColumn("Reminders", format="%d"),
        "age_text": st.column_config.TextColumn("Pending for", help="From the first request to the as-at date."),
        "mandate_title": st.column_config.TextColumn("Mandate (full title)", width="large"),
    }, height=400 if requests.height > 10 else "auto")
    st.caption(ui.definition("pending"))
