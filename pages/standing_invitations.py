"""Standing invitations: who holds one, since when, by regional group, and selective cooperation."""
import streamlit as st

from sp_data.charts import invitations as inv_charts
from sp_data.page_data import standing_invitations
from sp_data.plain import tile_help
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.wording import DATE_FORMAT, GROUPS_HELP
from ui import components as ui
from ui.state import current

view = current()
ui.header(view, "Standing invitations",
          "A standing invitation is a State's open invitation to every thematic special procedure to visit. "
          "Which States hold one, how that varies across regional groups, and which States hold one yet "
          "leave visit requests pending or received no visit in five years.")
if ui.not_recorded(view, "standing_invitations", span="history"):
    st.stop()
d = view.data(standing_invitations.load, view.filters)
f = d.facts
current_list, former = d.in_force, d.withdrawn

st.subheader(f"As at {view.as_at_text}")
cols = st.columns(3)
ui.tile(cols[0], "Member States with a standing invitation", f["standing_invitations_member_states"],
        tile_help("standing_invitations_member_states", view.filters), fmt=lambda v: f"{v} of {f['member_states']}")
ui.tile(cols[1], "Observer States with a standing invitation", f["standing_invitations_observer_states"],
        tile_help("standing_invitations_observer_states", view.filters))
ui.tile(cols[2], "Withdrawn by the as-at date", former.height, tile_help("standing_invitations_withdrawn", view.filters))

groups = d.by_group
st.subheader("By regional group")
if groups.height == 0:
    ui.empty("No State belongs to the selected regional groups.")
else:
    left, right = st.columns(2)
    with left:
        ui.chart(view, inv_charts.share_by_group(
            groups, f"Standing invitations by regional group, {view.as_at_text}",
            subtitle="Share of the group's Member States that hold one"),
                 "standing-invitations-by-group")
    with right:
        ui.table(view, groups, "standing-invitations-by-group", {
            "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
            "member_states": st.column_config.NumberColumn("Member States", format="%d"),
            "member_states_with_invitation": st.column_config.NumberColumn(
                "With one", format="%d", help="Member States with a standing invitation. "
                + ui.definition("standing_invitation")),
            "share_percent": st.column_config.NumberColumn("Share (%)", format="%.1f"),
            "observer_states_with_invitation": st.column_config.NumberColumn(
                "Observers with one", format="%d", help="Observer States with a standing invitation."),
        })
        st.caption("; ".join(f"{v} ({k})" for k, v in REGIONAL_GROUP_NAMES.items())
                   + ". No group: Kiribati (a Member State in no group) and the observer States.")

st.subheader("States with a standing invitation")
if current_list.height == 0:
    ui.empty(f"No State in the selected groups had a standing invitation on {view.as_at_text}.")
else:
    left, right = st.columns([2, 3])
    with left:
        ui.table(view, current_list, "standing-invitations", {
            "name": "State", "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
            "extended_on": st.column_config.DateColumn("Extended on", format=DATE_FORMAT),
        }, height=420)
        st.caption(ui.definition("standing_invitation"))
    with right:
        ui.chart(view, inv_charts.extended_by_year(
            current_list, f"Standing invitations in force on {view.as_at_text}, by year extended"),
                 "standing-invitations-by-year")

st.markdown("**Withdrawn**")
if former.height == 0:
    ui.empty(f"No State in the selected groups had withdrawn its standing invitation by {view.as_at_text}.")
else:
    ui.table(view, former, "standing-invitations-withdrawn", {
        "name": "State", "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "extended_on": st.column_config.DateColumn("Extended on", format=DATE_FORMAT),
        "withdrawn_on": st.column_config.DateColumn("Withdrawn on", format=DATE_FORMAT),
    })
    st.caption("Extended, then withdrawn on or before the as-at date; these States do not hold a standing invitation.")

st.subheader("Selective cooperation")
st.markdown("States that hold a standing invitation, yet have visit requests pending, or received no visit "
            "in the five-year window.")
if ui.not_recorded(view, "visits", span="window"):
    st.stop()  # selective cooperation counts pending requests and visits in the window
picky, summary = d.selective, d.selective_summary
cols = st.columns(3)
ui.tile(cols[0], "Hold one, yet cooperate selectively", summary["selective"], tile_help("selective", view.filters),
        fmt=lambda v: f"{v} of {summary['holding']}")
ui.tile(cols[1], "…with pending requests", summary["with_pending_requests"], tile_help("selective_pending", view.filters))
ui.tile(cols[2], "…with no visit in five years", summary["no_visit_in_window"],
        tile_help("selective_no_visit", view.filters))
st.caption(f"Out of the {summary['holding']} States, Member and observer, that hold a standing invitation; "
           "a State may be counted under both reasons.")
if picky.height == 0:
    ui.empty("Every State in the selected groups that holds a standing invitation has no pending request "
             "and received a visit in the last five years.")
else:
    ui.table(view, picky, "selective-cooperation", {
        "name": "State", "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "standing_invitation_since": st.column_config.DateColumn("Standing invitation since", format=DATE_FORMAT),
        "pending_requests": st.column_config.NumberColumn("Pending requests", format="%d",
                                                          help=ui.definition("pending")),
        "oldest_pending_request_on": st.column_config.DateColumn("Oldest pending request", format=DATE_FORMAT),
        "pending_reminders": st.column_config.NumberColumn("Reminders", format="%d"),
        "visits_5y": st.column_config.NumberColumn("Visits in five years", format="%d",
                                                   help=ui.definition("window", "visit_in_year")),
        "last_visit_on": st.column_config.DateColumn("Last visit", format=DATE_FORMAT),
    }, height=420)
    st.caption(ui.definition("pending") + " " + ui.definition("window")
               + " An empty last visit: never visited.")
