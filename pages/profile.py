"""Cooperation profile: one State's standing invitation, visit threads, pending requests, visits, communications."""
import streamlit as st

from sp_data.charts.profile import communications_sent_replied, reply_rate_vs_group, thread_timeline
from sp_data.i18n import _, p_
from sp_data.page_data import profile as page
from sp_data.plain import plain
from sp_data.wording import date_column_format, group_abbreviation, group_name
from ui import components as ui
from ui import what_changed
from ui.briefing_buttons import state_briefing_button
from ui.compare import group_section
from ui.mandate import link_column, with_mandate_links
from ui.state import current
from ui.state_search import state_picker
from ui.thread_list import thread_line

view = current()
ui.header(view, _("Cooperation profile"),
          _("How one State cooperates with the special procedures: its standing invitation, every visit "
            "request and what became of it, the visits carried out, and its replies to communications, each "
            "against the median State of its regional group. Pick a State below; the page's link keeps it."))

choices = view.data(page.load_choices, view.filters)
if not choices.options:
    ui.empty(_("This snapshot holds no State."))
    st.stop()
picker, _rest = st.columns([2, 3])
with picker:
    chosen = state_picker(view.data(page.load_names, view.filters), _("State"), choices.options, "state", format_func=choices.name,
                           default=choices.default, what=_("State"), where=_("in this snapshot"),
                           help=_("Every State of the snapshot, Member or observer, by name. The first State "
                                  "of the selected regional groups is shown when none is chosen."))
data = view.data(page.load, view.filters, chosen)
p, notes, f, iso3 = data.profile, data.profile.notes, data.profile.figures, data.iso3
name, d = p.name, view.as_at_text
view = view.choosing(_("State {name} ({code})").format(name=name, code=iso3))

st.header(name, divider="gray")
status = _("Member State") if p.un_status == "member" else _("Observer State")
group = group_name(p.regional_group) if p.regional_group else _("no regional group")
st.caption(" · ".join([status, group, _("as at {date}").format(date=d)]))
if notes.selection:
    st.info(notes.selection, icon="ℹ️")

with st.container(border=True):
    st.markdown(_("**In brief, as at {date}.**").format(date=d) + f" {p.summary}")
    st.markdown(data.awaiting.text, help=plain("accepted_not_carried_out"))
    if f.standing_invitation or f.standing_invitation_withdrawn_on:
        st.markdown(p.standing_invitation)
    state_briefing_button(view, iso3)

figures = p.key_figures
# The reply rate's comparison is the longest line: its column is a little wider.
for row, widths in ((figures[:4], [0.95, 0.95, 0.95, 1.15]), (figures[4:], [1, 1, 1, 1])):
    for col, k in zip(st.columns(widths), row, strict=False):
        if k.key in f.not_recorded:
            with col:
                ui.unrecorded_tile(k.label, k.definition + "\n\n" + ui.definition("coverage"))
            continue
        col.metric(k.label, k.display, delta=k.delta, delta_color="off",
                   delta_description=k.comparison, border=True, height="stretch",
                   help=k.definition + ("\n\n" + _("Compared with the median State of {group}.").format(
                       group=p.group_name) if k.comparison else ""))
if notes.group:
    st.caption(notes.group)
else:
    st.caption(_("Group comparisons: the median of the {states} States of the {group}; for the reply rate, of "
                 "the {sent} of them that were sent a communication in {period}. Under each figure: its difference "
                 "from that median.").format(states=f.group.states, group=p.group_name,
                                             sent=f.group.states_with_communications, period=p.period))

group_section(view, view.data(page.load_ranks, view.filters, p.regional_group), iso3, name)

st.subheader(_("Visit threads"))
threads = p.threads
if notes.threads:
    ui.empty(notes.threads)
else:
    w0 = p.window_start.year
    ui.chart(view, ui.lazy(thread_timeline,
        threads, p.events, _("Visit requests to {name} and what became of them, as at {date}").format(name=name, date=d),
        p.as_at, p.window_start,
        subtitle=_("One row per visit thread: the mandate and the year it began. Shaded: the five-year window "
                   "{years}; dashed line: the as-at date. Hover over a point for its mandate and date.").format(
                       years=f"{w0}–{view.year}")),
        f"{iso3}-visit-threads")
    # On a phone the timeline's rows would be a few pixels wide: the same threads as a list instead.
    ui.phone_list(f"{iso3}-visit-threads", [thread_line(r) for r in threads.iter_rows(named=True)])
    ui.table(view, with_mandate_links(threads), f"{iso3}-visit-threads",
             title=_("{name}: visit threads").format(name=name), columns={
        "thread_label": st.column_config.TextColumn(_("Thread"), width=215,
                                                    help=_("The mandate's short name and the year the thread began; "
                                                           "the full title is in the last column.")),
        "status_label": st.column_config.TextColumn(_("Status"), width=105,
                                                    help=_("Status as at {date}.").format(date=d)),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=date_column_format(), width=130),
        "last_request_on": st.column_config.DateColumn(_("Latest request"), format=date_column_format(), width=130,
                                                       help=_("The latest request or reminder.")),
        "reminders": st.column_config.NumberColumn(_("Reminders"), format="%d", width=68),
        "last_accepted_on": st.column_config.DateColumn(p_("date", "Accepted"), format=date_column_format(), width=130,
                                                        help=_("The latest invitation, acceptance or proposal of dates.")),
        "visit_dates": st.column_config.TextColumn(_("Visit"), width=125),
        "pending": st.column_config.CheckboxColumn(_("Pending"), width=62),
        "pending_age_text": st.column_config.TextColumn(_("Pending for"), width=120,
                                                        help=_("From the first request to the as-at date.")),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
        "mandate_page": link_column(),
    }, height=min(36 + 35 * threads.height, 600))
    st.caption(plain("thread_status", "pending"))

st.subheader(_("Pending requests"))
if notes.pending:
    ui.empty(notes.pending)
else:
    ui.table(view, with_mandate_links(p.pending), f"{iso3}-pending-requests",
             title=_("{name}: pending requests").format(name=name), columns={
        "mandate_short": st.column_config.TextColumn(_("Mandate"), width=240,
                                                     help=_("The mandate's short name; its full title is in the last column.")),
        "pending_age_text": st.column_config.TextColumn(_("Pending for, on {date}").format(date=d),
                                                        help=_("From the first request to the as-at date.")),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=date_column_format()),
        "last_request_on": st.column_config.DateColumn(_("Last request or reminder"), format=date_column_format()),
        "reminders": st.column_config.NumberColumn(_("Reminders"), format="%d", width="small"),
        "status_label": st.column_config.TextColumn(_("Status")),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
        "mandate_page": link_column(),
    }, height=min(36 + 35 * p.pending.height, 600))
    st.caption(plain("pending"))

st.subheader(_("Visits carried out"))
if notes.visits:
    ui.empty(notes.visits)
else:
    ui.table(view, with_mandate_links(p.visits), f"{iso3}-visits-carried-out",
             title=_("{name}: visits carried out").format(name=name), columns={
        "mandate_short": st.column_config.TextColumn(_("Mandate"), width=240),
        "visit_start": st.column_config.DateColumn(_("First day"), format=date_column_format()),
        "visit_end": st.column_config.DateColumn(_("Last day"), format=date_column_format()),
        "visit_in_window": st.column_config.CheckboxColumn(_("In {years}").format(
            years=f"{p.window_start.year}–{view.year}"), width="small"),
        "mandate_title": st.column_config.TextColumn(_("Mandate (full title)"), width="large"),
        "mandate_page": link_column(),
    })
    st.caption(plain("visit_in_year"))

st.subheader(_("Communications and replies per year"))
comms = p.communications
if notes.communications or p.communication_years is None:
    ui.empty(notes.communications or "")
else:
    y0, y1 = p.communication_years
    # One above the other, full width: a State's name can be long, and the titles carry it.
    ui.chart(view, ui.lazy(communications_sent_replied,
        comms, _("Communications sent to {name} and substantive replies, {years}").format(name=name, years=f"{y0}–{y1}"),
        subtitle=_("Each year as at its 31 December (the last year as at the as-at date)."), height=300),
        f"{iso3}-communications-by-year")
    ui.chart(view, ui.lazy(reply_rate_vs_group,
        comms, name, p.regional_group, _("Substantive reply rate of {name}, {years}").format(name=name, years=f"{y0}–{y1}"),
        subtitle=(_("Dashed: the median State of its regional group ({group}).").format(
            group=group_abbreviation(p.regional_group)) + " " if p.regional_group
                  else "") + _("No point: nothing was sent to the State that year."), height=300),
        f"{iso3}-reply-rate-by-year")
    with st.expander(_("The figures per year, {years}").format(years=f"{y0}–{y1}")):
        ui.table(view, comms, f"{iso3}-communications-by-year",
                 title=_("{name}: communications by year").format(name=name), columns={
            "year": st.column_config.NumberColumn(_("Year"), format="%d"),
            "communications": st.column_config.NumberColumn(_("Sent"), format="%d"),
            "substantively_replied": st.column_config.NumberColumn(_("Substantively replied"), format="%d"),
            "reply_rate_percent": st.column_config.NumberColumn(_("Reply rate (%)"), format="%.2f"),
            "group_median_reply_rate_percent": st.column_config.NumberColumn(
                _("Group's median State reply rate (%)"), format="%.2f"),
            "group_states_with_communications": st.column_config.NumberColumn(
                _("Group States sent a communication"), format="%d"),
        })
    st.caption(plain("communications", "reply_rate"))

if not notes.country_mandates:
    st.subheader(_("Country-mandate access"))
    ui.table(view, p.country_mandates, f"{iso3}-country-mandate-access",
             title=_("{name}: country-mandate access").format(name=name), columns={
        "title": st.column_config.TextColumn(_("Country mandate"), width=300),
        "host_name": st.column_config.TextColumn(_("Visits addressed to"), width=170),
        "access": st.column_config.TextColumn(_("Access, {years}").format(years=f"{p.window_start.year}–{view.year}"),
                                              width=140),
        "threads": st.column_config.NumberColumn(_("Visit threads"), format="%d", width=90),
        "last_request_on": st.column_config.DateColumn(_("Latest request"), format=date_column_format(), width=130,
                                                       help=_("The latest request or reminder.")),
        "last_visit_on": st.column_config.DateColumn(_("Last visit"), format=date_column_format(), width=130),
    })
    st.caption(plain("country_mandate_access") + " " + _(
        "Granted: a visit carried out, or an invitation, acceptance or proposed dates, in the five-year window; "
        "otherwise declined, pending, or no request in five years."))

what_changed.state_section(view, iso3, name)
