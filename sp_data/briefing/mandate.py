"""The mandate briefing: one mandate's requests, the visits it still owes, its communications, from sp_data.mandates."""
from __future__ import annotations

import datetime as dt

import duckdb

from sp_data.briefing.layout import Briefing, Column, date_text, definition, number, short_date
from sp_data.charts.mandate import communications_by_type, durations, waiting_bars
from sp_data.charts.profile import thread_timeline
from sp_data.exports import Provenance
from sp_data.mandate_types import MandateProfile
from sp_data.mandates import mandate_profile
from sp_data.params import Filters
from sp_data.snapshot import Snapshot

DEFINITION_TERMS = ("reporting_year", "window", "thread_status", "pending", "accepted_not_carried_out",
                    "visit_in_year", "communications", "reply_rate", "per_mandate", "country_mandate_access")


def _day(d: dt.date | None) -> str:
    """A date for a table cell, in the one format a person reads: '12 May 2023' ('–' when missing)."""
    return short_date(d)


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


def _window(p: MandateProfile) -> str:
    return f"{p.window_start.year}–{p.as_at.year}"


def mandate_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, mandate_id: str) -> bytes:
    """The mandate briefing as PDF bytes (raises sp_data.mandates.UnknownMandate for an unknown id)."""
    p = mandate_profile(con, filters, mandate_id.strip())
    d = date_text(p.as_at)
    prov = Provenance.of(snapshot, filters, extra=f"mandate: {p.title}")
    pdf = Briefing(prov, f"{p.title}: record with States", running_title=f"{p.title} · as at {d}")
    pdf.title_block(p.title, f"Visit requests, visits and communications, as at {d}",
                    f"{p.status_text} · snapshot {snapshot.id} of {prov.created_text}")
    _in_brief(pdf, p, filters)
    _pending(pdf, p)
    _accepted(pdf, p)
    _requests(pdf, p)
    _durations(pdf, p)
    _communications(pdf, p)
    _country(pdf, p)
    pdf.section("Definitions used", keep=40)
    pdf.definition_list(DEFINITION_TERMS)
    pdf.section("Provenance", keep=50)
    pdf.provenance_section(snapshot.source, extra=[("Mandate", p.title)])
    return pdf.output_bytes()


def _in_brief(pdf: Briefing, p: MandateProfile, filters: Filters) -> None:
    pdf.section("In brief", keep=40)
    pdf.paragraph(p.summary, size=10.5)
    if filters.regions:
        pdf.caption(f"Visit requests and communications to States of {', '.join(filters.regions)} only.")
    pdf.tiles([(k.display, k.label) for k in p.key_figures], per_row=3)


def _pending(pdf: Briefing, p: MandateProfile) -> None:
    pdf.section(f"Pending requests as at {date_text(p.as_at)}", keep=40)
    if p.notes.pending:
        pdf.paragraph(p.notes.pending)
        return
    pdf.table([Column("State", 2.6), Column("Waiting for", 1.5, nowrap=True),
               Column("First request", 1.2, "R", nowrap=True),
               Column("Latest request or reminder", 1.4, "R", nowrap=True), Column("Reminders", 0.9, "R"),
               Column("Status", 1.3)],
              [[t["host"], t["pending_age"], _day(t["first_request_on"]), _day(t["last_request_on"]),
                number(t["reminders"]), t["status_label"]] for t in p.pending.iter_rows(named=True)],
              size=8.2, caption=definition("pending"))


def _accepted(pdf: Briefing, p: MandateProfile) -> None:
    d = date_text(p.as_at)
    pdf.section(f"Visits accepted and not yet carried out, as at {d}", keep=40)
    if p.notes.accepted:
        pdf.paragraph(p.notes.accepted)
        return
    pdf.chart(waiting_bars(p.accepted, f"Visits the mandate still owes, as at {d}", by="host",
                           subtitle="Each bar: the time since the State accepted."),
              alt_text="Time since acceptance of each visit not yet carried out")
    pdf.table([Column("State or other host", 2.6), Column("Status", 1.3),
               Column("Accepted on", 1.2, "R", nowrap=True), Column("Waiting for", 1.5, nowrap=True),
               Column("First request", 1.2, "R", nowrap=True)],
              [[t["host"], t["status_label"], _day(t["last_accepted_on"]), t["accepted_ago"] or "–",
                _day(t["first_request_on"])] for t in p.accepted.iter_rows(named=True)],
              size=8.2, caption=definition("accepted_not_carried_out"))


def _requests(pdf: Briefing, p: MandateProfile) -> None:
    if p.notes.threads:
        pdf.section("Visit requests and what became of them", keep=30)
        pdf.paragraph(p.notes.threads)
        return
    pdf.section("Visit requests by State, and what became of them", keep=40)
    pdf.table([Column("State or other host", 2.6), Column("Requests", 0.9, "R"), Column("Pending", 0.9, "R"),
               Column("Accepted", 0.9, "R"), Column("Visited", 0.8, "R"), Column("Declined", 0.9, "R"),
               Column("Withdrawn", 0.9, "R"), Column("Last visit", 1.2, "R", nowrap=True)],
              [[r["host"], number(r["requests"]), number(r["pending"]), number(r["accepted_not_carried_out"]),
                number(r["visits"]), number(r["declined"]), number(r["withdrawn_or_cancelled"]),
                _day(r["last_visit_on"])] for r in p.requests_by_state.iter_rows(named=True)],
              size=7.8, caption="Accepted: accepted and not yet carried out (postponed visits included). "
                                "Withdrawn: withdrawn or cancelled. " + definition("thread_status"))
    pdf.chart(heading="Visit requests on a timeline", chart=thread_timeline(
        p.threads, p.events, f"Visit requests of the mandate and what became of them, as at {date_text(p.as_at)}",
        p.as_at, p.window_start, who="Host",
        subtitle=f"One row per visit thread: the host and the year it began. Shaded: the five-year window "
                 f"{_window(p)}; dashed line: the as-at date."),
        alt_text=f"Timeline of the visit requests of {p.title}")


def _durations(pdf: Briefing, p: MandateProfile) -> None:
    dur = p.durations
    if not dur["threads"].sum():
        return
    pdf.chart(heading="How long things take", chart=durations(
        dur, "This mandate", p.kind, "Time from request to acceptance, and from acceptance to visit",
        subtitle=f"Point: the median; bar: the middle half (quartiles). Against every {p.kind} mandate."),
        width=150, alt_text="Median time from request to acceptance and from acceptance to visit")
    if p.notes.durations:
        pdf.caption(p.notes.durations)
    pdf.table([Column("From", 1.8), Column("Threads of", 1.8), Column("Threads", 0.8, "R"),
               Column("Median", 1.4), Column("Middle half (quartiles)", 2.4)],
              [[r["measure_label"], r["scope_label"], number(r["threads"]), r["median_text"], r["spread_text"]]
               for r in dur.iter_rows(named=True)], size=8.2)


def _communications(pdf: Briefing, p: MandateProfile) -> None:
    comms = p.communications
    if p.notes.communications:
        pdf.section("Communications and replies", keep=30)
        pdf.paragraph(p.notes.communications)
        return
    years = comms["year"].to_list()
    y0, y1 = min(years), max(years)
    pdf.chart(heading="Communications and replies", chart=communications_by_type(
        comms, f"Communications the mandate sent or joined, {y0}–{y1}",
        subtitle="By type; a joint communication counts once for the mandate."),
        width=160, alt_text=f"Communications sent or joined by {p.title} per year")
    pdf.table([Column("Year", 0.7), Column("Sent or joined", 1.2, "R"), Column("Substantively replied", 1.5, "R"),
               Column("Reply rate", 1.0, "R"), Column("All communications' reply rate", 1.8, "R")],
              [[str(r["year"]), number(r["communications"]), number(r["substantively_replied"]),
                _rate(r["reply_rate_percent"]), _rate(r["all_reply_rate_percent"])]
               for r in comms.sort("year", descending=True).head(10).iter_rows(named=True)], size=8.2,
              caption="The last ten years, each as at its 31 December (the last as at the as-at date). "
                      + definition("reply_rate"))
    _unanswered(pdf, p)


def _unanswered(pdf: Briefing, p: MandateProfile) -> None:
    """The recipients that most often left the mandate's communications unanswered."""
    top = p.communications_by_state.head(15)
    if not top.height:
        return
    window = _window(p)
    pdf.subheading(f"Recipients that most often left them unanswered, {window}")
    pdf.table([Column("Recipient", 2.8), Column(f"Sent {window}", 1.1, "R"), Column(f"In {p.period}", 0.9, "R"),
               Column("Substantive reply", 1.2, "R"), Column("Unanswered", 1.0, "R")],
              [[r["recipient"], number(r["communications_5y"]), number(r["communications_in_year"]),
                number(r["substantively_replied"]), number(r["unanswered"])] for r in top.iter_rows(named=True)],
              size=8.2, caption="Unanswered: no reply of any kind by the as-at date. " + definition("per_mandate"))


def _country(pdf: Briefing, p: MandateProfile) -> None:
    if p.kind != "country":
        return
    pdf.section(f"Access to {p.country_name or 'the State it concerns'}", keep=35)
    access = p.country_access
    if access is not None:
        pdf.paragraph(f"Access over {_window(p)}: {access.access}. Visit threads: {access.threads:,}; last "
                      f"visit: {_day(access.last_visit_on) if access.last_visit_on else 'none'}.")
    else:
        pdf.paragraph(p.notes.country or "")
    pdf.caption(definition("country_mandate_access"))
