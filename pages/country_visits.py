"""Country visits: the visits carried out in the year, the status of every thread, and the five-year window."""
import streamlit as st

from sp_data.charts import visits as charts
from sp_data.collation import with_group
from sp_data.i18n import _, n_, number, p_
from sp_data.page_data import country_visits
from sp_data.plain import tile_help
from sp_data.wording import STATUS_NAMES, date_column_format, groups_help
from ui import components as ui
from ui.awaiting import awaiting_section
from ui.mandate import link_column, with_mandate_links
from ui.state import current

TOP = 15
DATE = date_column_format()  # month names in the reader's language, or figures where the browser has none
TALL = 400  # table height once it has more than ten rows (fewer: it fits its rows)

view = current()
ui.header(view, _("Country visits"),
          _("Visits the special procedures carried out in the year, the status of every visit thread "
            "(from first request to visit, refusal or withdrawal) and the States' record over the last five years."))
if ui.not_recorded(view, "visits"):
    st.stop()  # every part of this page counts visit threads
d = view.data(country_visits.load, view.filters)
f = d.facts
y = view.period
groups_note = "" if not view.filters.regions else " " + _(
    "Institutions have no regional group, so a group filter leaves them out.")
MANDATE_HELP = _("The mandate's short name; its full title is in the last column.")

st.subheader(_("Visits carried out in {year}").format(year=y))
cols = st.columns(3)
ui.tile(cols[0], _("Visits carried out"), f["visits_in_year"], tile_help("visits_in_year", view.filters), fmt=number)
ui.tile(cols[1], _("States and territories visited"), f["visit_hosts_states_territories"],
        tile_help("visit_hosts_states_territories", view.filters), fmt=number)
ui.tile(cols[2], _("Institutions visited"), f["visit_hosts_institutions"],
        tile_help("visit_hosts_institutions", view.filters), fmt=number)
st.caption(
    _("The {visits} visits went to {hosts} States and territories and {institutions} institutions: a host visited "
      "twice counts once; territories (such as Greenland) and institutions (such as the World Bank) count by their "
      "names.").format(visits=number(f["visits_in_year"]), hosts=number(f["visit_hosts_states_territories"]),
                       institutions=number(f["visit_hosts_institutions"])) + groups_note)

visits = with_group(d.visits)
if visits.height == 0:
    ui.empty(_("No country visit was carried out in {year} in {groups}.").format(year=y, groups=view.groups_text))
else:
    by_host, by_mandate, by_group = d.by_host, d.by_mandate, d.by_group
    left, right = st.columns([3, 2])
    with left:
        shown = min(TOP, by_host.height)
        ui.chart(view, ui.lazy(charts.visits_by_host,
            by_host, _("Visits carried out in {year}, by host").format(year=y), top=TOP,
            subtitle=(_("The {shown} hosts with most visits, of {total}; ties in alphabetical order").format(
                shown=shown, total=by_host.height) if by_host.height > TOP
                else n_("{n} host", "All {n} hosts", by_host.height).format(n=by_host.height))),
            "visits-by-host")
    with right:
        ui.chart(view, ui.lazy(charts.visits_by_region,
            by_group, _("Visits carried out in {year}, by host's regional group").format(year=y),
            subtitle=_("No group: institutions, and territories of no State")), "visits-by-group")
    ui.chart(view, ui.lazy(charts.visits_by_mandate,
        by_mandate, _("Visits carried out in {year}, by mandate").format(year=y), top=TOP,
        subtitle=(_("The {shown} mandates with most visits, of {total} that visited; ties in alphabetical order").format(
            shown=min(TOP, by_mandate.height), total=by_mandate.height) if by_mandate.height > TOP
            else n_("{n} mandate that visited", "All {n} mandates that visited", by_mandate.height).format(
                n=by_mandate.height))),
        "visits-by-mandate")
    st.markdown("**" + n_("The year's {n} visit", "The year's {n} visits", visits.height).format(n=number(visits.height)) + "**")
    ui.table(view, with_mandate_links(visits), "visits-carried-out", {
        "host": _("Host"),
        "host_kind_name": _("Kind of host"),
        "regional_group": st.column_config.TextColumn(_("Regional group"), help=groups_help()),
        "mandate_name": st.column_config.TextColumn(_("Mandate"), width=260, help=MANDATE_HELP),
        "mandate_page": link_column(),
        "visit_start": st.column_config.DateColumn(_("First day"), format=DATE),
        "visit_end": st.column_config.DateColumn(_("Last day"), format=DATE),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
    }, height=TALL if visits.height > 10 else "auto")
    st.caption(ui.definition("visit_in_year"))

st.subheader(_("Status of all visit threads, as at {date}").format(date=view.as_at_text))
counts = d.status_counts
threads = with_group(d.open_threads)
left, right = st.columns([3, 2])
with left:
    ui.chart(view, ui.lazy(charts.status_counts, counts, _("Visit threads by status, as at {date}").format(date=view.as_at_text),
                                        subtitle=_("Open: the thread may still lead to a visit")), "threads-by-status")
with right:
    st.markdown(
        _("A **visit thread** is one mandate's request to visit one host, from the first letter to the visit, "
          "a refusal or a withdrawal. Its **status** is its latest event on or before the as-at date.") + "\n\n"
        + _("**Open**: {waiting} (awaiting the State's answer); {agreed} (agreed in principle, not yet held).").format(
            waiting=", ".join(STATUS_NAMES[k].lower() for k in ("requested", "reminder", "acknowledged")),
            agreed=", ".join(STATUS_NAMES[k].lower() for k in ("invited", "accepted", "dates_proposed", "postponed")))
        + "\n\n" + _("**Closed**: declined, cancelled, withdrawn, or visit carried out."))
    st.caption(ui.definition("thread_status"))
st.markdown(_("**Open threads as at {date}: {n}** · search the table (magnifier icon, top right of the table) for a "
              "State, a mandate or a status.").format(date=view.as_at_text, n=number(threads.height)))
if threads.height == 0:
    ui.empty(_("No visit thread is open as at {date} in {groups}.").format(date=view.as_at_text,
                                                                           groups=view.groups_text))
else:
    ui.table(view, with_mandate_links(threads), "open-threads", {
        "host": _("Host"),
        "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "mandate_name": st.column_config.TextColumn(_("Mandate"), width=260, help=MANDATE_HELP),
        "status_name": p_("visit thread", "Status"),
        "mandate_page": link_column(),
        "status_date": st.column_config.DateColumn(_("Status date"), format=DATE),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE),
        "reminders": st.column_config.NumberColumn(_("Reminders"), format="%d"),
        "pending": st.column_config.CheckboxColumn(_("Pending"), help=ui.definition("pending")),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
    }, height=TALL if threads.height > 10 else "auto")
    st.caption(ui.definition("pending"))

awaiting_section(view)

window = f"{view.filters.window_start.year}–{view.year}"
st.subheader(_("The five-year window, {years}").format(years=window))
if ui.not_recorded(view, "visits", span="window"):
    st.stop()
cols = st.columns(3)
ui.tile(cols[0], _("Member States not visited in five years"), f["member_states_not_visited_5y"],
        tile_help("member_states_not_visited_5y", view.filters), fmt=number)
ui.tile(cols[1], _("…of which received a request"), f["member_states_not_visited_5y_with_request"],
        tile_help("member_states_not_visited_5y_with_request", view.filters), fmt=number)
ui.tile(cols[2], p_("tile", "Member States with five or more visits"), f["member_states_five_plus_visits_5y"],
        tile_help("member_states_five_plus_visits_5y", view.filters), fmt=number)
st.markdown("**" + _("Member States not visited in {years}").format(years=window) + "**")
not_visited = with_group(d.not_visited)
if not_visited.height == 0:
    ui.empty(_("Every Member State in {groups} was visited in {years}.").format(groups=view.groups_text, years=window))
else:
    ui.table(view, not_visited, "not-visited-5y", {
        "name": _("State"),
        "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "request_in_5y": st.column_config.CheckboxColumn(_("Request in window"),
                                                         help=ui.definition("not_visited_window")),
        "last_visit_on": st.column_config.DateColumn(_("Last visit"), format=DATE, help=_("None: never visited.")),
        "pending_requests": st.column_config.NumberColumn(_("Pending requests"), format="%d",
                                                          help=ui.definition("pending")),
        "standing_invitation": st.column_config.CheckboxColumn(_("Standing invitation"),
                                                               help=ui.definition("standing_invitation")),
    }, height=TALL if not_visited.height > 10 else "auto")
    st.caption(ui.definition("window", "not_visited_window"))
st.markdown("**" + _("Member States with five or more visits in {years}").format(years=window) + "**")
five_plus = with_group(d.five_plus)
if five_plus.height == 0:
    ui.empty(_("No Member State in {groups} received five or more visits in {years}.").format(
        groups=view.groups_text, years=window))
else:
    ui.table(view, five_plus, "five-plus-visits-5y", {
        "name": _("State"),
        "regional_group": _("Group"),
        "visits_5y": st.column_config.NumberColumn(_("Visits in window"), format="%d"),
        "visits_in_year": st.column_config.NumberColumn(_("Visits in {year}").format(year=view.year), format="%d"),
        "last_visit_on": st.column_config.DateColumn(_("Last visit"), format=DATE),
    })
    st.caption(_("Visits carried out in the window, counted by their first day, up to the as-at date."))
