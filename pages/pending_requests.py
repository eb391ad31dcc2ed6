"""Pending requests: States with N or more pending visit requests, and every pending request."""
import streamlit as st

from sp_data.charts import visits as charts
from sp_data import url_values
from sp_data.collation import with_group
from sp_data.i18n import _, n_, number, p_
from sp_data.page_data import pending_requests
from sp_data.plain import tile_help
from sp_data.wording import date_column_format, groups_help
from ui import components as ui
from ui.mandate import link_column, with_mandate_links
from ui.state import current

TOP = 30
DATE = date_column_format()  # month names in the reader's language, or figures where the browser has none

view = current()
ui.header(view, _("Pending requests"),
          _("Visit requests the States have not answered: which States have many, how old they are, and whether "
            "those States accepted any visit in the last five years."))

checked = url_values.number(st.query_params.get_all("threshold"), 1, 50, 5, _("The number of pending requests"))
default = {"value": 5}
if checked.notice:
    st.warning(checked.notice, icon=":material/info:")
    st.session_state["threshold"] = checked.value  # before the widget reads the link: clamped, not reset
    default = {}
threshold = st.number_input(_("Pending requests, at least"), min_value=1, max_value=50, step=1, **default,
                            key="threshold", bind="query-params", width=260,
                            help=_("List the States with at least this many pending requests (the annual report "
                                   "uses 5)."))  # type: ignore[call-overload]  # value comes in **default, absent when the link's clamped value is in the session
view = view.with_threshold(int(threshold))
n = view.filters.threshold
window = f"{view.filters.window_start.year}–{view.year}"
if ui.not_recorded(view, "visits", span="window"):
    st.stop()  # a request is pending when it is dated in the five-year window

d = view.data(pending_requests.load, view.filters)  # for the threshold chosen, in view.filters
summary = d.summary
f = d.facts
st.subheader(_("States with {n} or more pending requests, as at {date}").format(n=n, date=view.as_at_text))
cols = st.columns(2)
ui.tile(cols[0], _("States with {n}+ pending requests").format(n=n), summary["states"],
        tile_help("pending_states", view.filters), fmt=number)
ui.tile(cols[1], _("…Member States with no visit accepted in {years}").format(years=window),
        f["member_states_five_plus_pending_no_acceptance"],
        tile_help("member_states_five_plus_pending_no_acceptance", view.filters), fmt=number)

states = d.states
if states.height == 0:
    ui.empty(_("No State in the selected groups has {n} or more pending requests.").format(n=n))
else:
    if summary["no_acceptance"]:
        st.warning("**" + n_("{count} Member State with {n} or more pending requests accepted no visit in {years}:",
                             "{count} Member States with {n} or more pending requests accepted no visit in {years}:",
                             summary["no_acceptance"]).format(count=summary["no_acceptance"], n=n, years=window)
                   + "** " + ", ".join(summary["no_acceptance_names"]) + ".", icon=":material/flag:")
    shown = min(TOP, states.height)
    ui.chart(view, ui.lazy(charts.pending_by_state,
        states, _("Pending visit requests as at {date}, States with {n} or more").format(date=view.as_at_text, n=n),
        top=TOP,
        subtitle=(_("The {shown} States with most, of {total}; colour: whether the State accepted a visit in "
                    "{years}").format(shown=shown, total=states.height, years=window) if states.height > TOP
                  else _("Colour: whether the State accepted a visit in {years}").format(years=window))),
        f"pending-by-state-{n}-plus")
    ui.table(view, with_group(states), f"states-with-{n}-plus-pending-requests", {
        "name": _("State"),
        "regional_group": st.column_config.TextColumn(_("Group"), help=groups_help()),
        "pending_requests": st.column_config.NumberColumn(_("Pending"), format="%d", help=ui.definition("pending")),
        "accepted_in_5y": st.column_config.CheckboxColumn(_("Accepted in window"),
                                                          help=ui.definition("accepted_window")),
        "no_acceptance_flag": st.column_config.CheckboxColumn(
            _("Flag: none accepted"),
            help=_("A Member State with {n} or more pending requests that accepted no visit in the window.").format(n=n)),
        "visits_5y": st.column_config.NumberColumn(_("Visits in window"), format="%d"),
        "oldest_pending_request_on": st.column_config.DateColumn(
            _("Oldest pending"), format=DATE, help=_("The first request of the State's oldest pending thread.")),
        "pending_reminders": st.column_config.NumberColumn(_("Reminders"), format="%d",
                                                           help=_("Reminders sent in the State's pending threads.")),
        "standing_invitation": st.column_config.CheckboxColumn(_("Standing invitation"),
                                                               help=ui.definition("standing_invitation")),
        "standing_invitation_since": st.column_config.DateColumn(_("Invited since"), format=DATE),
    })
    st.caption(ui.definition("pending", "accepted_window") + " " + _(
        "The flag marks Member States (observer States are listed but not counted) with no visit accepted in the "
        "window."))

st.subheader(_("Every pending request, as at {date}").format(date=view.as_at_text))
requests = with_group(d.requests)
if requests.height == 0:
    ui.empty(_("No visit request is pending as at {date} in {groups}.").format(date=view.as_at_text,
                                                                              groups=view.groups_text))
else:
    st.markdown("**" + n_("{n} pending request.", "{n} pending requests.", requests.height).format(
        n=number(requests.height)) + "** " + _("Search the table (magnifier icon) for a State or a mandate."))
    ui.table(view, with_mandate_links(requests), "pending-requests", {
        "name": _("State"),
        "regional_group": st.column_config.TextColumn(_("Group")),
        "mandate_name": st.column_config.TextColumn(_("Mandate"), width=260,
                                                    help=_("The mandate's short name; its full title is in the last column.")),
        "status_name": p_("visit thread", "Status"),
        "mandate_page": link_column(),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE),
        "last_request_on": st.column_config.DateColumn(_("Latest request"), format=DATE,
                                                       help=_("The latest request or reminder sent.")),
        "reminders": st.column_config.NumberColumn(_("Reminders"), format="%d"),
        "age_text": st.column_config.TextColumn(_("Pending for"), help=_("From the first request to the as-at date.")),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
    }, height=400 if requests.height > 10 else "auto")
    st.caption(ui.definition("pending"))
