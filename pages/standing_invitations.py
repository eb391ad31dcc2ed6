"""Standing invitations: who holds one, since when, by regional group, and selective cooperation."""
import streamlit as st

from sp_data.charts import invitations as inv_charts
from sp_data.collation import with_group
from sp_data.i18n import _, number, p_
from sp_data.page_data import standing_invitations
from sp_data.plain import tile_help
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.wording import date_column_format, group_name, groups_help
from ui import components as ui
from ui.state import current

view = current()
DATE = date_column_format()  # figures where the browser has no month names in the reader's language
ui.header(view, _("Standing invitations"),
          _("A standing invitation is a State's open invitation to every thematic special procedure to visit. "
            "Which States hold one, how that varies across regional groups, and which States hold one yet "
            "leave visit requests pending or received no visit in five years."))
if ui.not_recorded(view, "standing_invitations", span="history"):
    st.stop()
d = view.data(standing_invitations.load, view.filters)
f = d.facts
current_list, former = d.in_force, d.withdrawn


def of(total: int):
    """A tile's figure out of a total: '98 of 193'."""
    return lambda v: _("{n} of {total}").format(n=number(v), total=number(total))


st.subheader(_("As at {date}").format(date=view.as_at_text))
cols = st.columns(3)
ui.tile(cols[0], p_("tile", "Member States with a standing invitation"), f["standing_invitations_member_states"],
        tile_help("standing_invitations_member_states", view.filters), fmt=of(f["member_states"]))
ui.tile(cols[1], p_("tile", "Observer States with a standing invitation"), f["standing_invitations_observer_states"],
        tile_help("standing_invitations_observer_states", view.filters), fmt=number)
ui.tile(cols[2], _("Withdrawn by the as-at date"), former.height,
        tile_help("standing_invitations_withdrawn", view.filters), fmt=number)

groups = d.by_group
st.subheader(_("By regional group"))
if groups.height == 0:
    ui.empty(_("No State belongs to the selected regional groups."))
else:
    left, right = st.columns(2)
    with left:
        ui.chart(view, ui.lazy(inv_charts.share_by_group,
            groups, _("Standing invitations by regional group, {date}").format(date=view.as_at_text),
            subtitle=_("Share of the group's Member States that hold one")),
                 "standing-invitations-by-group")
    with right:
        ui.table(view, with_group(groups), "standing-invitations-by-group", {
            "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
            "member_states": st.column_config.NumberColumn(_("Member States"), format="%d"),
            "member_states_with_invitation": st.column_config.NumberColumn(
                _("With one"), format="%d", help=_("Member States with a standing invitation.") + " "
                + ui.definition("standing_invitation")),
            "share_percent": st.column_config.NumberColumn(_("Share (%)"), format="%.1f"),
            "observer_states_with_invitation": st.column_config.NumberColumn(
                _("Observers with one"), format="%d", help=_("Observer States with a standing invitation.")),
        })
        st.caption("; ".join(group_name(code) for code in REGIONAL_GROUP_NAMES) + ". "
                   + _("No group: Kiribati (a Member State in no group) and the observer States."))

st.subheader(_("States with a standing invitation"))
if current_list.height == 0:
    ui.empty(_("No State in the selected groups had a standing invitation on {date}.").format(date=view.as_at_text))
else:
    left, right = st.columns([2, 3])
    with left:
        ui.table(view, with_group(current_list), "standing-invitations", {
            "name": _("State"), "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
            "extended_on": st.column_config.DateColumn(_("Extended on"), format=DATE),
        }, height=420)
        st.caption(ui.definition("standing_invitation"))
    with right:
        ui.chart(view, ui.lazy(inv_charts.extended_by_year,
            current_list, _("Standing invitations in force on {date}, by year extended").format(date=view.as_at_text)),
                 "standing-invitations-by-year")

st.markdown("**" + _("Withdrawn") + "**")
if former.height == 0:
    ui.empty(_("No State in the selected groups had withdrawn its standing invitation by {date}.").format(
        date=view.as_at_text))
else:
    ui.table(view, with_group(former), "standing-invitations-withdrawn", {
        "name": _("State"), "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "extended_on": st.column_config.DateColumn(_("Extended on"), format=DATE),
        "withdrawn_on": st.column_config.DateColumn(_("Withdrawn on"), format=DATE),
    })
    st.caption(_("Extended, then withdrawn on or before the as-at date; these States do not hold a standing "
                 "invitation."))

st.subheader(_("Selective cooperation"))
st.markdown(_("States that hold a standing invitation, yet have visit requests pending, or received no visit "
              "in the five-year window."))
if ui.not_recorded(view, "visits", span="window"):
    st.stop()  # selective cooperation counts pending requests and visits in the window
picky, summary = d.selective, d.selective_summary
cols = st.columns(3)
ui.tile(cols[0], p_("tile", "Hold one, yet cooperate selectively"), summary["selective"], tile_help("selective", view.filters),
        fmt=of(summary["holding"]))
ui.tile(cols[1], _("…with pending requests"), summary["with_pending_requests"],
        tile_help("selective_pending", view.filters), fmt=number)
ui.tile(cols[2], _("…with no visit in five years"), summary["no_visit_in_window"],
        tile_help("selective_no_visit", view.filters), fmt=number)
st.caption(_("Out of the {n} States, Member and observer, that hold a standing invitation; a State may be counted "
             "under both reasons.").format(n=number(summary["holding"])))
if picky.height == 0:
    ui.empty(_("Every State in the selected groups that holds a standing invitation has no pending request "
               "and received a visit in the last five years."))
else:
    ui.table(view, with_group(picky), "selective-cooperation", {
        "name": _("State"), "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "standing_invitation_since": st.column_config.DateColumn(_("Standing invitation since"), format=DATE),
        "pending_requests": st.column_config.NumberColumn(_("Pending requests"), format="%d",
                                                          help=ui.definition("pending")),
        "oldest_pending_request_on": st.column_config.DateColumn(_("Oldest pending request"), format=DATE),
        "pending_reminders": st.column_config.NumberColumn(_("Reminders"), format="%d"),
        "visits_5y": st.column_config.NumberColumn(_("Visits in five years"), format="%d",
                                                   help=ui.definition("window", "visit_in_year")),
        "last_visit_on": st.column_config.DateColumn(_("Last visit"), format=DATE),
    }, height=420)
    st.caption(ui.definition("pending") + " " + ui.definition("window") + " "
               + _("An empty last visit: never visited."))
