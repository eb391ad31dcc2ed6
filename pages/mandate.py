"""Mandate profile: one mandate's visit requests and what became of them, the visits it still owes,
how long things take, and how States answer its communications."""
import streamlit as st

from sp_data.charts.mandate import (communications_by_type, durations, lines, reply_rate_vs_all, titled, visits_by_year,
                                    waiting_bars)
from sp_data.charts.profile import thread_timeline
from sp_data.coverage import NOT_RECORDED_TILE
from sp_data.i18n import _, date_long, number, p_
from sp_data.page_data import mandate as page
from sp_data.wording import date_column_format, years_text
from ui import components as ui
from ui.briefing_buttons import mandate_briefing_button
from ui.state import current, url_selectbox

DATE = date_column_format()  # month names in the reader's language, or figures where the browser has none

view = current()
ui.header(view, _("Mandate profile"),
          _("One special procedure's own record: its visit requests to States and what became of them, the "
            "visits States accepted that it has not yet carried out, how long things take, and how States answer "
            "the communications it sent or joined. Pick a mandate below; the page's address keeps it, to share."))

choices = view.data(page.load_choices, view.filters)
if not choices.options:
    ui.empty(_("This snapshot holds no mandate."))
    st.stop()
picker, _rest = st.columns([4, 1])
with picker:
    chosen = url_selectbox(_("Mandate"), choices.options, "mandate", format_func=choices.name,
                           default=choices.default,
                           help=_("Every mandate of the snapshot, by title: those in force first, then those "
                                  "that have ended (marked with the year they ended). Type to search."),
                           what=_("Mandate"), where=_("in this snapshot"))
data = view.data(page.load, view.filters, chosen)
p, mandate_id, short = data.profile, data.mandate_id, data.short_name
notes, f, d = p.notes, p.figures, view.as_at_text
title = p.title
view = view.choosing(_("mandate {title}").format(title=title))
window = f"{p.window_start.year}–{view.year}"

st.header(title, divider="gray")
st.caption(p.status_text + " · " + _("figures as they stood on {date}").format(date=d))
if p.ended_on and p.ended_on <= p.as_at:
    st.info(_("This mandate ended on {ended}. The figures below are as at {date}; choose a reporting year up to "
              "{year} to see them while it was in force.").format(ended=date_long(p.ended_on), date=d,
                                                                   year=p.ended_on.year),
            icon="ℹ️")

with st.container(border=True):
    st.markdown(_("**In brief, on {date}.**").format(date=d) + f" {p.summary}")
    mandate_briefing_button(view, mandate_id)

figures = p.key_figures
for row in (figures[:3], figures[3:]):
    for col, k in zip(st.columns(3), row, strict=False):
        if k.display == _(NOT_RECORDED_TILE):
            with col:
                ui.unrecorded_tile(k.label, k.definition + "\n\n" + ui.definition("coverage"))
        else:
            col.metric(k.label, k.display, border=True, height="stretch", help=k.definition)
if view.filters.regions:
    st.caption(_("Visit requests and communications to States of {groups} only.").format(groups=view.groups_text))

st.subheader(_("Visit requests by State, and what became of them"))
threads = p.threads
if p.visits_not_recorded:
    st.warning(p.visits_not_recorded, icon=":material/database_off:")
elif notes.threads:
    ui.empty(notes.threads)
else:
    ui.table(view, p.requests_by_state, f"{mandate_id}-requests-by-state", {
        "host": st.column_config.TextColumn(_("State or other host"), width=180),
        "regional_group": st.column_config.TextColumn(_("Group"), width=65),
        "requests": st.column_config.NumberColumn(_("Requests"), format="%d", width=85,
                                                  help=_("Visit threads: a request and everything that followed.")),
        "pending": st.column_config.NumberColumn(p_("number of visit requests", "Pending"), format="%d", width=85, help=ui.definition("pending")),
        "accepted_not_carried_out": st.column_config.NumberColumn(
            p_("number of visit requests", "Accepted"), format="%d", width=85,
            help=ui.definition("accepted_not_carried_out")),
        "visits": st.column_config.NumberColumn(p_("number of visit requests", "Visited"), format="%d", width=85, help=_("Visits carried out.")),
        "declined": st.column_config.NumberColumn(p_("number of visit requests", "Declined"), format="%d", width=90),
        "withdrawn_or_cancelled": st.column_config.NumberColumn(p_("number of visit requests", "Withdrawn"), format="%d", width=85,
                                                                help=_("Withdrawn or cancelled.")),
        "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE, width=130),
        "last_visit_text": st.column_config.TextColumn(_("Last visit"), width=120,
                                                       help=_("The first day of the mandate's latest visit there; "
                                                              "“Never” when it has carried out none.")),
    }, height=min(36 + 35 * p.requests_by_state.height, 420))
    st.caption(_("Postponed visits count as accepted and not yet carried out.") + " " + ui.definition("thread_status"))

    st.markdown(_("**Pending requests on {date}**").format(date=d))
    if notes.pending:
        ui.empty(notes.pending)
    else:
        ui.table(view, p.pending, f"{mandate_id}-pending-requests", {
            "host": st.column_config.TextColumn(_("State"), width=190),
            "pending_age": st.column_config.TextColumn(_("Waiting for"), width=130,
                                                       help=_("Time from the first request to {date}.").format(date=d)),
            "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE, width=130),
            "last_request_on": st.column_config.DateColumn(_("Latest request or reminder"), format=DATE, width=130),
            "reminders": st.column_config.NumberColumn(_("Reminders"), format="%d", width=80),
            "status_label": st.column_config.TextColumn(_("Status"), width=120),
        }, height=min(36 + 35 * p.pending.height, 420))
        st.caption(ui.definition("pending"))

    st.markdown(_("**Visits accepted and not yet carried out, on {date}**").format(date=d))
    if notes.accepted:
        ui.empty(notes.accepted)
    else:
        owed = _("Visits still owed")
        ui.chart(view, ui.lazy(titled, ui.lazy(waiting_bars, p.accepted, owed, by="host"), owed,
                              *lines(_("As at {date}. Each bar: the time since the State accepted (an invitation, an "
                                       "acceptance or dates proposed).").format(date=d))),
                 f"{mandate_id}-accepted-not-carried-out")
        ui.table(view, p.accepted, f"{mandate_id}-accepted-not-carried-out", {
            "host": st.column_config.TextColumn(_("State or other host"), width=190),
            "status_label": st.column_config.TextColumn(_("Status"), width=120),
            "last_accepted_on": st.column_config.DateColumn(_("Accepted on"), format=DATE, width=130,
                                                            help=_("The latest invitation, acceptance or proposal of dates.")),
            "accepted_ago": st.column_config.TextColumn(_("Waiting for"), width=130, help=_("Time since acceptance.")),
            "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE, width=130),
        })
        st.caption(ui.definition("accepted_not_carried_out"))

    became = _("What became of each request")
    ui.chart(view, ui.lazy(titled, ui.lazy(thread_timeline,
        threads, p.events, became, p.as_at, p.window_start, who=_("Host")),
        became, *lines(_("As at {date}. One row per visit thread: the host and the year it began. Shaded: the "
                         "five-year window {window}; dashed line: {date}.").format(date=d, window=window))),
        f"{mandate_id}-visit-threads")

st.subheader(_("Visits carried out"))
if p.visits_not_recorded:
    st.caption(notes.visits)
elif notes.visits:
    ui.empty(notes.visits)
else:
    years = p.visits_by_year
    ui.chart(view, ui.lazy(visits_by_year, years, _("Visits carried out per year, {years}").format(
        years=years_text(years["year"].min(), years["year"].max())),
                                  subtitle=_("{n} in the five-year window {window}").format(
                                      n=number(f.visits_5y or 0), window=window)),
             f"{mandate_id}-visits-by-year")
    ui.table(view, p.visits, f"{mandate_id}-visits-carried-out", {
        "host": st.column_config.TextColumn(_("Host"), width=190),
        "visit_dates": st.column_config.TextColumn(_("Dates"), width=170),
        "visit_in_window": st.column_config.CheckboxColumn(_("In {years}").format(years=window), width=90),
        "regional_group": st.column_config.TextColumn(_("Group"), width=70),
    }, height=min(36 + 35 * p.visits.height, 420))
    st.caption(ui.definition("visit_in_year"))

st.subheader(_("How long things take"))
dur = p.durations
kind = p.kind
if p.visits_not_recorded:
    st.caption(notes.durations)
elif dur["threads"].sum() == 0:
    ui.empty((_("No visit request of this mandate or of any other thematic mandate was accepted by {date}.")
              if kind == "thematic" else
              _("No visit request of this mandate or of any other country mandate was accepted by {date}.")).format(
        date=d))
else:
    title = _("Request to acceptance, acceptance to visit")
    against = (_("Point: the median; bar: the middle half of the threads (quartiles). Against every thematic "
                 "mandate's threads, as at {date}.") if kind == "thematic" else
               _("Point: the median; bar: the middle half of the threads (quartiles). Against every country "
                 "mandate's threads, as at {date}.")).format(date=d)
    ui.chart(view, ui.lazy(titled, ui.lazy(durations, dur, short, kind, title), title, *lines(against)),
             f"{mandate_id}-durations")
    if notes.durations:
        st.caption(notes.durations)
    ui.table(view, dur, f"{mandate_id}-durations", {
        "measure_label": st.column_config.TextColumn(_("From"), width=170),
        "scope_label": st.column_config.TextColumn(_("Threads of"), width=160),
        "threads": st.column_config.NumberColumn(_("Threads"), format="%d", width=75),
        "median_text": st.column_config.TextColumn(_("Median"), width=130),
        "spread_text": st.column_config.TextColumn(_("Middle half (quartiles)"), width=240),
    })
    st.caption(_("Request to acceptance: from the first request (or invitation) to the first invitation, acceptance "
                 "or proposal of dates. Acceptance to visit: from that first acceptance to the visit's first day."))

st.subheader(_("Communications and replies"))
comms = p.communications
if notes.communications:
    ui.empty(notes.communications)
else:
    span = years_text(comms["year"].min(), comms["year"].max())
    title = _("Communications sent or joined, {years}").format(years=span)
    ui.chart(view, ui.lazy(titled, ui.lazy(communications_by_type, comms, title), title,
                          *lines(_("By type; a joint communication counts once for the mandate."))),
             f"{mandate_id}-communications-by-year")
    title = _("Substantive reply rate, {years}").format(years=span)
    ui.chart(view, ui.lazy(titled, ui.lazy(reply_rate_vs_all, comms, short, title), title,
                          *lines(_("To the mandate's communications; dashed: to all communications. Each year as it "
                                   "stood on 31 December (the last one on {date}).").format(date=d))),
             f"{mandate_id}-reply-rate-by-year")
    st.markdown(_("**States and other recipients, {window}: who most often left them unanswered**").format(
        window=window))
    ui.table(view, p.communications_by_state, f"{mandate_id}-communications-by-state", {
        "recipient": st.column_config.TextColumn(_("Recipient"), width=190),
        "regional_group": st.column_config.TextColumn(_("Group"), width=65),
        "communications_5y": st.column_config.NumberColumn(_("Sent"), format="%d",
                                                           help=_("Sent in {period}.").format(period=window)),
        "communications_in_year": st.column_config.NumberColumn(_("In {years}").format(years=p.period), format="%d",
                                                                help=_("Sent in {period}.").format(period=p.period)),
        "allegation_letters": st.column_config.NumberColumn(_("Allegations"), format="%d",
                                                            help=_("Allegation letters.")),
        "urgent_appeals": st.column_config.NumberColumn(_("Appeals"), format="%d", help=_("Urgent appeals.")),
        "other_letters": st.column_config.NumberColumn(_("Other"), format="%d", help=_("Other letters.")),
        "substantively_replied": st.column_config.NumberColumn(_("Replied"), format="%d",
                                                               help=_("With a substantive reply by {date}.").format(
                                                                   date=d)),
        "unanswered": st.column_config.NumberColumn(_("Unanswered"), format="%d",
                                                    help=_("No reply of any kind by {date}.").format(date=d)),
        "reply_rate_percent": st.column_config.NumberColumn(_("Rate (%)"), format="%.1f",
                                                            help=_("Substantive reply rate.")),
    }, height=min(36 + 35 * p.communications_by_state.height, 420))
    st.caption(ui.definition("communications", "reply_rate", "per_mandate") + "\n\n"
               + _("Unanswered: no reply of any kind by {date}.").format(date=d))

if kind == "country":
    country = p.country_name or _("the State it concerns")
    st.subheader(_("Access to {state}").format(state=country))
    access = p.country_access
    if access is not None:
        st.markdown(_("**Access over {window}: {access}.** Visit threads to {state}: {n}").format(
            window=window, access=access.access, state=access.host_name, n=number(access.threads or 0))
                    + (_("; the last visit on {date}").format(date=date_long(access.last_visit_on))
                       if access.last_visit_on else _("; never visited by this mandate")) + ".")
    else:
        st.caption(notes.country)
    ct = p.country_threads
    if p.visits_not_recorded:
        pass  # said above, under the access line
    elif ct is None or ct.height == 0:
        ui.empty(_("The mandate had made no visit request to {state} by {date}.").format(state=country, date=d))
    else:
        ui.table(view, ct, f"{mandate_id}-country-access", {
            "status_label": st.column_config.TextColumn(_("Status on {date}").format(date=d), width=140),
            "first_request_on": st.column_config.DateColumn(_("First request"), format=DATE, width=130),
            "last_request_on": st.column_config.DateColumn(_("Latest request or reminder"), format=DATE, width=130),
            "last_accepted_on": st.column_config.DateColumn(p_("date", "Accepted"), format=DATE, width=130),
            "last_declined_on": st.column_config.DateColumn(p_("date", "Declined"), format=DATE, width=130),
            "visit_dates": st.column_config.TextColumn(_("Visit"), width=160),
        })
    st.caption(ui.definition("country_mandate_access"))
