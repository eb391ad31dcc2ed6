"""The mandate briefing: one mandate's requests, the visits it still owes, its communications, from sp_data.mandates."""
from __future__ import annotations

import datetime as dt

import duckdb

from sp_data.briefing.layout import Briefing, Column, date_text, definition, number, percent, short_date
from sp_data.charts.mandate import communications_by_type, durations, waiting_bars
from sp_data.charts.profile import thread_timeline
from sp_data.exports import Provenance
from sp_data.i18n import _, p_
from sp_data.local_names import mandate_title, state_name
from sp_data.mandate_types import MandateProfile
from sp_data.mandates import mandate_profile
from sp_data.params import Filters
from sp_data.snapshot import Snapshot
from sp_data.wording import group_abbreviation

DEFINITION_TERMS = ("reporting_year", "window", "thread_status", "pending", "accepted_not_carried_out",
                    "visit_in_year", "communications", "reply_rate", "per_mandate", "country_mandate_access")


def _day(d: dt.date | None) -> str:
    """A date for a table cell, in the one format a person reads: '12 May 2023' ('–' when missing)."""
    return short_date(d)


def _rate(value: float | None) -> str:
    return percent(value)


def _title(p: MandateProfile) -> str:
    """The mandate's title in the reader's language."""
    return mandate_title(p.mandate_id, p.title)


def _host(row: dict, key: str = "host") -> str:
    """A host or recipient named in the reader's language (a State by its code; others as recorded)."""
    return state_name(row.get("iso3"), row[key]) if row.get("iso3") else row[key]


def _window(p: MandateProfile) -> str:
    return f"{p.window_start.year}–{p.as_at.year}"


def mandate_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, mandate_id: str) -> bytes:
    """The mandate briefing as PDF bytes (raises sp_data.mandates.UnknownMandate for an unknown id)."""
    p = mandate_profile(con, filters, mandate_id.strip())
    d = date_text(p.as_at)
    title = _title(p)
    prov = Provenance.of(snapshot, filters, extra=_("mandate: {mandate}").format(mandate=title))
    pdf = Briefing(prov, _("{mandate}: record with States").format(mandate=title),
                   running_title=_("{mandate} · as at {date}").format(mandate=title, date=d))
    pdf.title_block(title, _("Visit requests, visits and communications, as at {date}").format(date=d),
                    _("{status} · snapshot {snapshot} of {created}").format(
                        status=p.status_text, snapshot=snapshot.id, created=prov.created_text))
    _in_brief(pdf, p, filters)
    _pending(pdf, p)
    _accepted(pdf, p)
    _requests(pdf, p)
    _durations(pdf, p)
    _communications(pdf, p)
    _country(pdf, p)
    pdf.section(_("Definitions used"), keep=40)
    pdf.definition_list(DEFINITION_TERMS)
    pdf.section(_("Provenance"), keep=50)
    pdf.provenance_section(snapshot.source, extra=[(_("Mandate"), title)])
    return pdf.output_bytes()


def _in_brief(pdf: Briefing, p: MandateProfile, filters: Filters) -> None:
    pdf.section(_("In brief"), keep=40)
    pdf.paragraph(p.summary, size=10.5)
    if filters.regions:
        pdf.caption(_("Visit requests and communications to States of {groups} only.").format(
            groups=", ".join(group_abbreviation(c) for c in filters.regions)))
    pdf.tiles([(k.display, k.label) for k in p.key_figures], per_row=3)


def _pending(pdf: Briefing, p: MandateProfile) -> None:
    pdf.section(_("Pending requests as at {date}").format(date=date_text(p.as_at)), keep=40)
    if p.notes.pending:
        pdf.paragraph(p.notes.pending)
        return
    pdf.table([Column(_("State"), 2.6), Column(_("Waiting for"), 1.5, nowrap=True),
               Column(_("First request"), 1.2, "R", nowrap=True),
               Column(_("Latest request or reminder"), 1.4, "R", nowrap=True), Column(_("Reminders"), 0.9, "R"),
               Column(p_("visit request", "Status"), 1.3)],
              [[_host(t), t["pending_age"], _day(t["first_request_on"]), _day(t["last_request_on"]),
                number(t["reminders"]), t["status_label"]] for t in p.pending.iter_rows(named=True)],
              size=8.2, caption=definition("pending"))


def _accepted(pdf: Briefing, p: MandateProfile) -> None:
    d = date_text(p.as_at)
    pdf.section(_("Visits accepted and not yet carried out, as at {date}").format(date=d), keep=40)
    if p.notes.accepted:
        pdf.paragraph(p.notes.accepted)
        return
    pdf.chart(waiting_bars(p.accepted, _("Visits the mandate still owes, as at {date}").format(date=d), by="host",
                           subtitle=_("Each bar: the time since the State accepted.")),
              alt_text=_("Time since acceptance of each visit not yet carried out"))
    pdf.table([Column(_("State or other host"), 2.6), Column(p_("visit request", "Status"), 1.3),
               Column(_("Accepted on"), 1.2, "R", nowrap=True), Column(_("Waiting for"), 1.5, nowrap=True),
               Column(_("First request"), 1.2, "R", nowrap=True)],
              [[_host(t), t["status_label"], _day(t["last_accepted_on"]), t["accepted_ago"] or "–",
                _day(t["first_request_on"])] for t in p.accepted.iter_rows(named=True)],
              size=8.2, caption=definition("accepted_not_carried_out"))


def _requests(pdf: Briefing, p: MandateProfile) -> None:
    if p.notes.threads:
        pdf.section(_("Visit requests and what became of them"), keep=30)
        pdf.paragraph(p.notes.threads)
        return
    pdf.section(_("Visit requests by State, and what became of them"), keep=40)
    # Columns of counts: 'Accepted' is plural there ('Acceptées'), unlike a request's status.
    pdf.table([Column(_("State or other host"), 2.6), Column(p_("visit requests", "Requests"), 0.9, "R"),
               Column(p_("visit requests", "Pending"), 0.9, "R"), Column(p_("visit requests", "Accepted"), 0.9, "R"),
               Column(p_("visit requests", "Visited"), 0.8, "R"), Column(p_("visit requests", "Declined"), 0.9, "R"),
               Column(p_("visit requests", "Withdrawn"), 0.9, "R"), Column(_("Last visit"), 1.2, "R", nowrap=True)],
              [[_host(r), number(r["requests"]), number(r["pending"]), number(r["accepted_not_carried_out"]),
                number(r["visits"]), number(r["declined"]), number(r["withdrawn_or_cancelled"]),
                _day(r["last_visit_on"])] for r in p.requests_by_state.iter_rows(named=True)],
              size=7.8, caption=_("Accepted: accepted and not yet carried out (postponed visits included). "
                                  "Withdrawn: withdrawn or cancelled.") + " " + definition("thread_status"))
    pdf.chart(heading=_("Visit requests on a timeline"), chart=thread_timeline(
        p.threads, p.events, _("Visit requests of the mandate and what became of them, as at {date}").format(
            date=date_text(p.as_at)),
        p.as_at, p.window_start, who=_("Host"),
        subtitle=_("One row per visit thread: the host and the year it began. Shaded: the five-year window "
                   "{window}; dashed line: the as-at date.").format(window=_window(p))),
        alt_text=_("Timeline of the visit requests of {mandate}").format(mandate=_title(p)))


def _durations(pdf: Briefing, p: MandateProfile) -> None:
    dur = p.durations
    if not dur["threads"].sum():
        return
    against = (_("Point: the median; bar: the middle half (quartiles). Against every country mandate.")
               if p.kind == "country" else
               _("Point: the median; bar: the middle half (quartiles). Against every thematic mandate."))
    pdf.chart(heading=_("How long things take"), chart=durations(
        dur, _("This mandate"), p.kind, _("Time from request to acceptance, and from acceptance to visit"),
        subtitle=against),
        width=150, alt_text=_("Median time from request to acceptance and from acceptance to visit"))
    if p.notes.durations:
        pdf.caption(p.notes.durations)
    pdf.table([Column(_("From"), 1.8), Column(_("Threads of"), 1.8), Column(_("Threads"), 0.8, "R"),
               Column(_("Median"), 1.4), Column(_("Middle half (quartiles)"), 2.4)],
              [[r["measure_label"], r["scope_label"], number(r["threads"]), r["median_text"], r["spread_text"]]
               for r in dur.iter_rows(named=True)], size=8.2)


def _communications(pdf: Briefing, p: MandateProfile) -> None:
    comms = p.communications
    if p.notes.communications:
        pdf.section(_("Communications and replies"), keep=30)
        pdf.paragraph(p.notes.communications)
        return
    years = comms["year"].to_list()
    y0, y1 = min(years), max(years)
    pdf.chart(heading=_("Communications and replies"), chart=communications_by_type(
        comms, _("Communications the mandate sent or joined, {first}–{last}").format(first=y0, last=y1),
        subtitle=_("By type; a joint communication counts once for the mandate.")),
        width=160, alt_text=_("Communications sent or joined by {mandate} per year").format(mandate=_title(p)))
    pdf.table([Column(_("Year"), 0.7), Column(_("Sent or joined"), 1.2, "R"),
               Column(_("Substantively replied"), 1.5, "R"),
               Column(_("Reply rate"), 1.0, "R"), Column(_("All communications' reply rate"), 1.8, "R")],
              [[str(r["year"]), number(r["communications"]), number(r["substantively_replied"]),
                _rate(r["reply_rate_percent"]), _rate(r["all_reply_rate_percent"])]
               for r in comms.sort("year", descending=True).head(10).iter_rows(named=True)], size=8.2,
              caption=_("The last ten years, each as at its 31 December (the last as at the as-at date).") + " "
                      + definition("reply_rate"))
    _unanswered(pdf, p)


def _unanswered(pdf: Briefing, p: MandateProfile) -> None:
    """The recipients that most often left the mandate's communications unanswered."""
    top = p.communications_by_state.head(15)
    if not top.height:
        return
    window = _window(p)
    pdf.subheading(_("Recipients that most often left them unanswered, {window}").format(window=window))
    pdf.table([Column(_("Recipient"), 2.8), Column(_("Sent {window}").format(window=window), 1.1, "R"),
               Column(_("In {period}").format(period=p.period), 0.9, "R"),
               Column(_("Substantive reply"), 1.2, "R"), Column(_("Unanswered"), 1.0, "R")],
              [[_host(r, "recipient"), number(r["communications_5y"]), number(r["communications_in_year"]),
                number(r["substantively_replied"]), number(r["unanswered"])] for r in top.iter_rows(named=True)],
              size=8.2, caption=_("Unanswered: no reply of any kind by the as-at date.") + " "
              + definition("per_mandate"))


def _country(pdf: Briefing, p: MandateProfile) -> None:
    if p.kind != "country":
        return
    country = state_name(p.country_iso3, p.country_name) if p.country_name else None
    pdf.section(_("Access to {state}").format(state=country) if country else _("Access to the State it concerns"),
                keep=35)
    access = p.country_access
    if access is not None:
        pdf.paragraph(_("Access over {window}: {access}. Visit threads: {threads}; last visit: {last}.").format(
            window=_window(p), access=access.access, threads=number(access.threads),
            last=_day(access.last_visit_on) if access.last_visit_on else _("none")))
    else:
        pdf.paragraph(p.notes.country or "")
    pdf.caption(definition("country_mandate_access"))
