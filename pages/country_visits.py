"""Country visits: the visits carried out in the year, the status of every thread, and the five-year window."""
import streamlit as st

from sp_data.charts import visits as charts
from sp_data.page_data import country_visits
from sp_data.plain import tile_help
from sp_data.wording import DATE_FORMAT, GROUPS_HELP, STATUS_NAMES, named
from ui import components as ui
from ui.awaiting import awaiting_section
from ui.mandate import link_column, with_mandate_links
from ui.state import current

TOP = 15
DATE = DATE_FORMAT
TALL = 400  # table height once it has more than ten rows (fewer: it fits its rows)

view = current()
ui.header(view, "Country visits",
          "Visits the special procedures carried out in the year, the status of every visit thread "
          "(from first request to visit, refusal or withdrawal) and the States' record over the last five years.")
if ui.not_recorded(view, "visits"):
    st.stop()  # every part of this page counts visit threads
d = view.data(country_visits.load, view.filters)
f = d.facts
y = view.period
groups_note = "" if not view.filters.regions else " Institutions have no regional group, so a group filter leaves them out."

st.subheader(f"Visits carried out in {y}")
cols = st.columns(3)
ui.tile(cols[0], "Visits carried out", f["visits_in_year"], tile_help("visits_in_year", view.filters))
ui.tile(cols[1], "States and territories visited", f["visit_hosts_states_territories"],
        tile_help("visit_hosts_states_territories", view.filters))
ui.tile(cols[2], "Institutions visited", f["visit_hosts_institutions"], tile_help("visit_hosts_institutions", view.filters))
st.caption(
    f"The {f['visits_in_year']:,} visits went to {f['visit_hosts_states_territories']:,} States and "
    f"territories and {f['visit_hosts_institutions']:,} institutions: a host visited twice counts once; "
    "territories (such as Greenland) and institutions (such as the World Bank) count by their names." + groups_note)

visits = named(d.visits)
if visits.height == 0:
    ui.empty(f"No country visit was carried out in {y} in {view.groups_text}.")
else:
    by_host, by_mandate, by_group = d.by_host, d.by_mandate, d.by_group
    left, right = st.columns([3, 2])
    with left:
        shown = min(TOP, by_host.height)
        ui.chart(view, charts.visits_by_host(
            by_host, f"Visits carried out in {y}, by host", top=TOP,
            subtitle=(f"The {shown} hosts with most visits, of {by_host.height}; ties in alphabetical order"
                      if by_host.height > TOP else f"All {by_host.height} hosts")), "visits-by-host")
    with right:
        ui.chart(view, charts.visits_by_region(by_group, f"Visits carried out in {y}, by host's regional group",
                                               subtitle="No group: institutions, and territories of no State"),
                 "visits-by-group")
    ui.chart(view, charts.visits_by_mandate(
        by_mandate, f"Visits carried out in {y}, by mandate", top=TOP,
        subtitle=(f"The {min(TOP, by_mandate.height)} mandates with most visits, of {by_mandate.height} that visited; "
                  "ties in alphabetical order" if by_mandate.height > TOP else f"All {by_mandate.height} mandates that visited")),
        "visits-by-mandate")
    st.markdown(f"**The {visits.height:,} visits**")
    ui.table(view, with_mandate_links(visits), "visits-carried-out", {
        "host": "Host",
        "host_kind_name": "Kind of host",
        "regional_group": st.column_config.TextColumn("Regional group", help=GROUPS_HELP),
        "mandate_name": st.column_config.TextColumn("Mandate", width=260,
                                                    help="The mandate's short name; its full title is in the last column."),
        "mandate_page": link_column(),
        "visit_start": st.column_config.DateColumn("First day", format=DATE),
        "visit_end": st.column_config.DateColumn("Last day", format=DATE),
        "mandate_title": st.column_config.TextColumn("Mandate (full title)", width="large"),
    }, height=TALL if visits.height > 10 else "auto")
    st.caption(ui.definition("visit_in_year"))

st.subheader(f"Status of all visit threads, as at {view.as_at_text}")
counts = d.status_counts
threads = named(d.open_threads)
left, right = st.columns([3, 2])
with left:
    ui.chart(view, charts.status_counts(counts, f"Visit threads by status, as at {view.as_at_text}",
                                        subtitle="Open: the thread may still lead to a visit"), "threads-by-status")
with right:
    st.markdown(
        "A **visit thread** is one mandate's request to visit one host, from the first letter to the visit, "
        "a refusal or a withdrawal. Its **status** is its latest event on or before the as-at date.\n\n"
        "**Open**: " + ", ".join(STATUS_NAMES[k].lower() for k in ("requested", "reminder", "acknowledged"))
        + " (awaiting the State's answer); " + ", ".join(STATUS_NAMES[k].lower() for k in (
            "invited", "accepted", "dates_proposed", "postponed")) + " (agreed in principle, not yet held).\n\n"
        "**Closed**: declined, cancelled, withdrawn, or visit carried out.")
    st.caption(ui.definition("thread_status"))
st.markdown(f"**Open threads as at {view.as_at_text}: {threads.height:,}** · search the table (magnifier icon, "
            "top right of the table) for a State, a mandate or a status.")
if threads.height == 0:
    ui.empty(f"No visit thread is open as at {view.as_at_text} in {view.groups_text}.")
else:
    ui.table(view, with_mandate_links(threads), "open-threads", {
        "host": "Host",
        "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "mandate_name": st.column_config.TextColumn("Mandate", width=260,
                                                    help="The mandate's short name; its full title is in the last column."),
        "status_name": "Status",
        "mandate_page": link_column(),
        "status_date": st.column_config.DateColumn("Status date", format=DATE),
        "first_request_on": st.column_config.DateColumn("First request", format=DATE),
        "reminders": st.column_config.NumberColumn("Reminders", format="%d"),
        "pending": st.column_config.CheckboxColumn("Pending", help=ui.definition("pending")),
        "mandate_title": st.column_config.TextColumn("Mandate (full title)", width="large"),
    }, height=TALL if threads.height > 10 else "auto")
    st.caption(ui.definition("pending"))

awaiting_section(view)

window = f"{view.filters.window_start.year}–{view.year}"
st.subheader(f"The five-year window, {window}")
if ui.not_recorded(view, "visits", span="window"):
    st.stop()
cols = st.columns(3)
ui.tile(cols[0], "Member States not visited in five years", f["member_states_not_visited_5y"],
        tile_help("member_states_not_visited_5y", view.filters))
ui.tile(cols[1], "…of which received a request", f["member_states_not_visited_5y_with_request"],
        tile_help("member_states_not_visited_5y_with_request", view.filters))
ui.tile(cols[2], "Member States with five or more visits", f["member_states_five_plus_visits_5y"],
        tile_help("member_states_five_plus_visits_5y", view.filters))
st.markdown(f"**Member States not visited in {window}**")
not_visited = d.not_visited
if not_visited.height == 0:
    ui.empty(f"Every Member State in {view.groups_text} was visited in {window}.")
else:
    ui.table(view, not_visited, "not-visited-5y", {
        "name": "State",
        "regional_group": st.column_config.TextColumn("Group", help=GROUPS_HELP),
        "request_in_5y": st.column_config.CheckboxColumn("Request in window", help=ui.definition("not_visited_window")),
        "last_visit_on": st.column_config.DateColumn("Last visit", format=DATE,
                                                     help="None: never visited."),
        "pending_requests": st.column_config.NumberColumn("Pending requests", format="%d",
                                                          help=ui.definition("pending")),
        "standing_invitation": st.column_config.CheckboxColumn("Standing invitation",
                                                               help=ui.definition("standing_invitation")),
    }, height=TALL if not_visited.height > 10 else "auto")
    st.caption(ui.definition("window", "not_visited_window"))
st.markdown(f"**Member States with five or more visits in {window}**")
five_plus = d.five_plus
if five_plus.height == 0:
    ui.empty(f"No Member State in {view.groups_text} received five or more visits in {window}.")
else:
    ui.table(view, five_plus, "five-plus-visits-5y", {
        "name": "State",
        "regional_group": "Group",
        "visits_5y": st.column_config.NumberColumn("Visits in window", format="%d"),
        "visits_in_year": st.column_config.NumberColumn(f"Visits in {view.year}", format="%d"),
        "last_visit_on": st.column_config.DateColumn("Last visit", format=DATE),
    })
    st.caption("Visits carried out in the window, counted by their first day, up to the as-at date.")
