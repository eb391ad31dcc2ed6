"""Mandate profile: one mandate's visit requests and what became of them, the visits it still owes,
how long things take, and how States answer its communications."""
import streamlit as st

from sp_data.charts.mandate import communications_by_type, durations, reply_rate_vs_all, titled, visits_by_year, waiting_bars
from sp_data.charts.profile import thread_timeline
from sp_data.coverage import NOT_RECORDED_TILE
from sp_data.page_data import mandate as page
from sp_data.wording import DATE_FORMAT, years_text
from ui import components as ui
from ui.mandate import mandate_briefing_button
from ui.state import current, url_selectbox

DATE = DATE_FORMAT

view = current()
ui.header(view, "Mandate profile",
          "One special procedure's own record: its visit requests to States and what became of them, the "
          "visits States accepted that it has not yet carried out, how long things take, and how States answer "
          "the communications it sent or joined. Pick a mandate below; the page's address keeps it, to share.")

choices = view.data(page.load_choices, view.filters)
if not choices.options:
    ui.empty("This snapshot holds no mandate.")
    st.stop()
picker, _ = st.columns([4, 1])
with picker:
    chosen = url_selectbox("Mandate", choices.options, "mandate", format_func=choices.name,
                           default=choices.default,
                           help="Every mandate of the snapshot, by title: those in force first, then those "
                                "that have ended (marked with the year they ended). Type to search.",
                           what="Mandate", where="in this snapshot")
data = view.data(page.load, view.filters, chosen)
p, mandate_id, short = data.profile, data.mandate_id, data.short_name
notes, f, d = p.notes, p.figures, view.as_at_text
title = p.title
view = view.choosing(f"mandate {title}")
window = f"{p.window_start.year}–{view.year}"

st.header(title, divider="gray")
st.caption(f"{p.status_text} · figures as they stood on {d}")
if p.ended_on and p.ended_on <= p.as_at:
    st.info(f"This mandate ended on {p.ended_on.day} {p.ended_on:%B %Y}. The figures below are as at "
            f"{d}; choose a reporting year up to {p.ended_on.year} to see them while it was in force.",
            icon="ℹ️")

with st.container(border=True):
    st.markdown(f"**In brief, on {d}.** {p.summary}")
    mandate_briefing_button(view, mandate_id)

figures = p.key_figures
for row in (figures[:3], figures[3:]):
    for col, k in zip(st.columns(3), row, strict=False):
        if k.display == NOT_RECORDED_TILE:
            with col:
                ui.unrecorded_tile(k.label, k.definition + "\n\n" + ui.definition("coverage"))
        else:
            col.metric(k.label, k.display, border=True, help=k.definition)
if view.filters.regions:
    st.caption(f"Visit requests and communications to States of {view.groups_text} only.")

st.subheader("Visit requests by State, and what became of them")
threads = p.threads
if p.visits_not_recorded:
    st.warning(p.visits_not_recorded, icon=":material/database_off:")
elif notes.threads:
    ui.empty(notes.threads)
else:
    ui.table(view, p.requests_by_state, f"{mandate_id}-requests-by-state", {
        "host": st.column_config.TextColumn("State or other host", width=180),
        "regional_group": st.column_config.TextColumn("Group", width=65),
        "requests": st.column_config.NumberColumn("Requests", format="%d", width=70,
                                                  help="Visit threads: a request and everything that followed."),
        "pending": st.column_config.NumberColumn("Pending", format="%d", width=70, help=ui.definition("pending")),
        "accepted_not_carried_out": st.column_config.NumberColumn(
            "Accepted", format="%d", width=75,
            help=ui.definition("accepted_not_carried_out")),
        "visits": st.column_config.NumberColumn("Visited", format="%d", width=65, help="Visits carried out."),
        "declined": st.column_config.NumberColumn("Declined", format="%d", width=70),
        "withdrawn_or_cancelled": st.column_config.NumberColumn("Withdrawn", format="%d", width=80,
                                                                help="Withdrawn or cancelled."),
        "first_request_on": st.column_config.DateColumn("First request", format=DATE, width=130),
        "last_visit_text": st.column_config.TextColumn("Last visit", width=120,
                                                       help="The first day of the mandate's latest visit there; "
                                                            "“Never” when it has carried out none."),
    }, height=min(36 + 35 * p.requests_by_state.height, 420))
    st.caption("Postponed visits count as accepted and not yet carried out. " + ui.definition("thread_status"))

    st.markdown(f"**Pending requests on {d}**")
    if notes.pending:
        ui.empty(notes.pending)
    else:
        ui.table(view, p.pending, f"{mandate_id}-pending-requests", {
            "host": st.column_config.TextColumn("State", width=190),
            "pending_age": st.column_config.TextColumn("Waiting for", width=130,
                                                       help=f"Time from the first request to {d}."),
            "first_request_on": st.column_config.DateColumn("First request", format=DATE, width=130),
            "last_request_on": st.column_config.DateColumn("Latest request or reminder", format=DATE, width=130),
            "reminders": st.column_config.NumberColumn("Reminders", format="%d", width=80),
            "status_label": st.column_config.TextColumn("Status", width=120),
        }, height=min(36 + 35 * p.pending.height, 420))
        st.caption(ui.definition("pending"))

    st.markdown(f"**Visits accepted and not yet carried out, on {d}**")
    if notes.accepted:
        ui.empty(notes.accepted)
    else:
        ui.chart(view, titled(waiting_bars(p.accepted, "Visits still owed", by="host"), "Visits still owed",
                              f"As at {d}. Each bar: the time since the State", "accepted (an invitation, an acceptance",
                              "or dates proposed)."),
                 f"{mandate_id}-accepted-not-carried-out")
        ui.table(view, p.accepted, f"{mandate_id}-accepted-not-carried-out", {
            "host": st.column_config.TextColumn("State or other host", width=190),
            "status_label": st.column_config.TextColumn("Status", width=120),
            "last_accepted_on": st.column_config.DateColumn("Accepted on", format=DATE, width=130,
                                                            help="The latest invitation, acceptance or proposal of dates."),
            "accepted_ago": st.column_config.TextColumn("Waiting for", width=130, help="Time since acceptance."),
            "first_request_on": st.column_config.DateColumn("First request", format=DATE, width=130),
        })
        st.caption(ui.definition("accepted_not_carried_out"))

    ui.chart(view, titled(thread_timeline(
        threads, p.events, "What became of each request", p.as_at, p.window_start, who="Host"),
        "What became of each request", f"As at {d}. One row per visit thread:",
        "the host and the year it began.", f"Shaded: the five-year window {window};", f"dashed line: {d}."),
        f"{mandate_id}-visit-threads")

st.subheader("Visits carried out")
if p.visits_not_recorded:
    st.caption(notes.visits)
elif notes.visits:
    ui.empty(notes.visits)
else:
    years = p.visits_by_year
    ui.chart(view, visits_by_year(years, "Visits carried out per year, "
                                         + years_text(years["year"].min(), years["year"].max()),
                                  subtitle=f"{f.visits_5y:,} in the five-year window {window}"),
             f"{mandate_id}-visits-by-year")
    ui.table(view, p.visits, f"{mandate_id}-visits-carried-out", {
        "host": st.column_config.TextColumn("Host", width=190),
        "visit_dates": st.column_config.TextColumn("Dates", width=170),
        "visit_in_window": st.column_config.CheckboxColumn(f"In {window}", width=90),
        "regional_group": st.column_config.TextColumn("Group", width=70),
    }, height=min(36 + 35 * p.visits.height, 420))
    st.caption(ui.definition("visit_in_year"))

st.subheader("How long things take")
dur = p.durations
kind = p.kind
if p.visits_not_recorded:
    st.caption(notes.durations)
elif dur["threads"].sum() == 0:
    ui.empty(f"No visit request of this mandate or of any other {kind} mandate was accepted by {d}.")
else:
    title = "Request to acceptance, acceptance to visit"
    ui.chart(view, titled(durations(dur, short, kind, title), title, "Point: the median; bar: the middle half of",
                          f"the threads (quartiles). Against every {kind}", f"mandate's threads, as at {d}."),
             f"{mandate_id}-durations")
    if notes.durations:
        st.caption(notes.durations)
    ui.table(view, dur, f"{mandate_id}-durations", {
        "measure_label": st.column_config.TextColumn("From", width=170),
        "scope_label": st.column_config.TextColumn("Threads of", width=160),
        "threads": st.column_config.NumberColumn("Threads", format="%d", width=75),
        "median_text": st.column_config.TextColumn("Median", width=130),
        "spread_text": st.column_config.TextColumn("Middle half (quartiles)", width=240),
    })
    st.caption("Request to acceptance: from the first request (or invitation) to the first invitation, acceptance "
               "or proposal of dates. Acceptance to visit: from that first acceptance to the visit's first day.")

st.subheader("Communications and replies")
comms = p.communications
if notes.communications:
    ui.empty(notes.communications)
else:
    span = years_text(comms["year"].min(), comms["year"].max())
    title = f"Communications sent or joined, {span}"
    ui.chart(view, titled(communications_by_type(comms, title), title, "By type; a joint communication counts",
                          "once for the mandate."),
             f"{mandate_id}-communications-by-year")
    title = f"Substantive reply rate, {span}"
    ui.chart(view, titled(reply_rate_vs_all(comms, short, title), title, "To the mandate's communications; dashed:",
                          "to all communications. Each year as it stood", f"on 31 December (the last one on {d})."),
             f"{mandate_id}-reply-rate-by-year")
    st.markdown(f"**States and other recipients, {window}: who most often left them unanswered**")
    ui.table(view, p.communications_by_state, f"{mandate_id}-communications-by-state", {
        "recipient": st.column_config.TextColumn("Recipient", width=190),
        "regional_group": st.column_config.TextColumn("Group", width=65),
        "communications_5y": st.column_config.NumberColumn("Sent", format="%d", help=f"Sent in {window}."),
        "communications_in_year": st.column_config.NumberColumn(f"In {p.period}", format="%d",
                                                                help=f"Sent in {p.period}."),
        "allegation_letters": st.column_config.NumberColumn("Allegations", format="%d", help="Allegation letters."),
        "urgent_appeals": st.column_config.NumberColumn("Appeals", format="%d", help="Urgent appeals."),
        "other_letters": st.column_config.NumberColumn("Other", format="%d", help="Other letters."),
        "substantively_replied": st.column_config.NumberColumn("Replied", format="%d",
                                                               help=f"With a substantive reply by {d}."),
        "unanswered": st.column_config.NumberColumn("Unanswered", format="%d",
                                                    help=f"No reply of any kind by {d}."),
        "reply_rate_percent": st.column_config.NumberColumn("Rate (%)", format="%.1f",
                                                            help="Substantive reply rate."),
    }, height=min(36 + 35 * p.communications_by_state.height, 420))
    st.caption(ui.definition("communications", "reply_rate", "per_mandate") + f"\n\nUnanswered: no reply of any kind "
               f"by {d}.")

if kind == "country":
    country = p.country_name or "the State it concerns"
    st.subheader(f"Access to {country}")
    access = p.country_access
    if access is not None:
        st.markdown(f"**Access over {window}: {access.access}.** Visit threads to {access.host_name}: "
                    f"{access.threads:,}" + (f"; the last visit on {access.last_visit_on.day} "
                                                 f"{access.last_visit_on:%B %Y}" if access.last_visit_on
                                                 else "; never visited by this mandate") + ".")
    else:
        st.caption(notes.country)
    ct = p.country_threads
    if p.visits_not_recorded:
        pass  # said above, under the access line
    elif ct is None or ct.height == 0:
        ui.empty(f"The mandate had made no visit request to {country} by {d}.")
    else:
        ui.table(view, ct, f"{mandate_id}-country-access", {
            "status_label": st.column_config.TextColumn(f"Status on {d}", width=140),
            "first_request_on": st.column_config.DateColumn("First request", format=DATE, width=130),
            "last_request_on": st.column_config.DateColumn("Latest request or reminder", format=DATE, width=130),
            "last_accepted_on": st.column_config.DateColumn("Accepted", format=DATE, width=130),
            "last_declined_on": st.column_config.DateColumn("Declined", format=DATE, width=130),
            "visit_dates": st.column_config.TextColumn("Visit", width=160),
        })
    st.caption(ui.definition("country_mandate_access"))
