"""The State briefing: one State's cooperation against its regional group, from sp_data.profile."""
from __future__ import annotations

import duckdb

from sp_data.briefing.layout import (Briefing, Column, date_text, definition, number, percent, percent_as_given,
                                     short_date)
from sp_data.charts.profile import communications_by_year, thread_timeline
from sp_data.exports import Provenance
from sp_data.awaiting import state_awaiting
from sp_data import i18n
from sp_data.i18n import _
from sp_data.local_names import mandate_title, state_name
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.profile_types import KeyFigure, ProfileNotes, StateProfile
from sp_data.snapshot import Snapshot
from sp_data.wording import group_abbreviation, group_name
from sp_data.wording import percent as share

DEFINITION_TERMS = ("reporting_year", "window", "standing_invitation", "thread_status", "pending",
                    "accepted_window", "accepted_not_carried_out", "visit_in_year", "visited", "never_visited",
                    "communications", "reply_rate", "country_mandate_access")


def _rate(value: float | None) -> str:
    return percent(value)


def _name(p: StateProfile) -> str:
    """The State's name in the reader's language."""
    return state_name(p.iso3, p.name)


def _group(p: StateProfile) -> str:
    """The State's regional group by its abbreviation in the reader's language ('APG', 'GEA')."""
    return group_abbreviation(p.regional_group) if p.regional_group else ""


def _section_with_table(pdf: Briefing, title: str, columns: list[Column], rows: list[list[str]],
                        caption: str | None = None, size: float = 8.2) -> None:
    """A section heading kept on the page of its table (a short table is never split)."""
    pdf.section(title, keep=min(pdf.table_height(columns, rows, size, caption) + 14, 120))
    pdf.table(columns, rows, size=size, caption=caption)


def _printed(notes: ProfileNotes) -> ProfileNotes:
    """Notes are written for the page, where a command is set as code; print has no code quotes."""
    return ProfileNotes(**{k: v.replace("`", "") if v else v for k, v in vars(notes).items()})


def state_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, iso3: str) -> bytes:
    """The State briefing as PDF bytes (raises sp_data.profile.UnknownState for an unknown code)."""
    p = profile(con, filters, iso3.strip().upper())
    notes = _printed(p.notes)
    name = _name(p)
    prov = Provenance.of(snapshot, filters, extra=_("State: {state}").format(state=name))
    d = date_text(p.as_at)
    pdf = Briefing(prov, _("{state}: cooperation with the special procedures").format(state=name),
                   running_title=_("{state} · cooperation with the special procedures · as at {date}").format(
                       state=name, date=d))
    _title(pdf, p, notes, snapshot, prov)
    _in_brief(pdf, p, state_awaiting(con, filters, p.iso3).text)
    _key_figures(pdf, p, notes)
    _pending(pdf, p, notes)
    _threads(pdf, p, notes)
    _visits(pdf, p, notes)
    _communications(pdf, p, notes)
    _country_mandates(pdf, p, notes)
    _closing(pdf, p, snapshot)
    return pdf.output_bytes()


def _title(pdf: Briefing, p: StateProfile, notes: ProfileNotes, snapshot: Snapshot, prov: Provenance) -> None:
    status = _("Member State") if p.un_status == "member" else _("Observer State")
    group = group_name(p.regional_group) if p.regional_group else _("no regional group")
    pdf.title_block(_name(p), _("Cooperation with the special procedures of the Human Rights Council, as at "
                                "{date}").format(date=date_text(p.as_at)),
                    _("{status} · {group} · ISO code {iso3} · snapshot {snapshot} of {created}").format(
                        status=status, group=group, iso3=p.iso3, snapshot=snapshot.id, created=prov.created_text))
    if notes.selection:
        pdf.caption(notes.selection)


def _in_brief(pdf: Briefing, p: StateProfile, awaiting: str) -> None:
    pdf.section(_("In brief"), keep=40)
    pdf.paragraph(p.summary, size=10.5)
    pdf.paragraph(awaiting)
    pdf.paragraph(p.standing_invitation)


def _key_figure_row(k: KeyFigure, has_group: bool) -> list[str]:
    """A key figure's row: its value and, against a group, the group's median and the difference."""
    row = [k.label, k.display]
    if has_group:
        rate = k.key == "reply_rate_percent"
        delta = k.delta or ""
        median = "" if k.group_median is None else (
            percent_as_given(k.group_median) if rate else i18n.number(k.group_median))
        row += [median, _("{delta} pts").format(delta=delta) if delta and rate else delta]
    return row


def _key_figures(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    pdf.section(_("Key figures against the {group} group").format(group=_group(p)) if p.regional_group
                else _("Key figures"), keep=70)
    has_group = any(k.comparison for k in p.key_figures)
    columns = [Column(_("Figure"), 2.6), Column(_name(p), 1.6, "R")]
    if has_group:
        columns += [Column(_("Median State of {group}").format(group=_group(p)), 1.3, "R"),
                    Column(_("Difference"), 1.0, "R")]
    g = p.figures.group
    caption = notes.group or _(
        "Group comparisons: the median of the {states} States of the {group}; for the reply rate, of the {with_comms} "
        "of them that were sent a communication in {period}. The differences are neither good nor bad in "
        "themselves.").format(states=number(g.states), group=group_name(p.regional_group),
                              with_comms=number(g.states_with_communications), period=p.period)
    pdf.table(columns, [_key_figure_row(k, has_group) for k in p.key_figures], size=9, caption=caption)


def _pending(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    title = _("Pending requests as at {date}").format(date=date_text(p.as_at))
    if notes.pending:
        pdf.section(title, keep=40)
        pdf.paragraph(notes.pending)
        return
    # Dates and ages on one line each; the mandate's title wraps.
    columns = [Column(_("Mandate"), 4.2), Column(_("First request"), 1.1, "R", nowrap=True),
               Column(_("Last request or reminder"), 1.2, "R", nowrap=True), Column(_("Reminders"), 0.8, "R"),
               Column(_("Pending for"), 1.1, "R", nowrap=True)]
    rows = [[mandate_title(t["mandate_id"], t["mandate_title"]), short_date(t["first_request_on"]), short_date(t["last_request_on"]),
             number(t["reminders"]), t["pending_age_text"]] for t in p.pending.iter_rows(named=True)]
    caption = definition("pending") + " " + _("Pending for: from the first request to the as-at date.")
    # The heading goes with the table: a short one is kept whole on one page.
    _section_with_table(pdf, title, columns, rows, caption)


def _threads(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.threads:
        pdf.section(_("Visit requests and what became of them"), keep=30)
        pdf.paragraph(notes.threads)
        return
    d, w0, w1 = date_text(p.as_at), p.window_start.year, p.as_at.year
    pdf.chart(heading=_("Visit requests and what became of them"), chart=thread_timeline(
        p.threads, p.events, _("Visit requests to {state} and what became of them, as at {date}").format(
            state=_name(p), date=d), p.as_at,
        p.window_start,
        subtitle=_("One row per visit thread: the mandate and the year it began. Shaded: the five-year window "
                   "{first}–{last}; dashed line: the as-at date.").format(first=w0, last=w1)),
        alt_text=_("Timeline of the visit threads of {state}").format(state=_name(p)))
    pdf.table([Column(_("Mandate"), 4.0), Column(_("Status as at {date}").format(date=short_date(p.as_at)), 1.3),
               Column(_("First request"), 1.05, "R", nowrap=True),
               Column(_("Last request or reminder"), 1.15, "R", nowrap=True),
               Column(_("Visit from"), 1.05, "R", nowrap=True)],
              [[mandate_title(t["mandate_id"], t["mandate_title"]), t["status_label"], short_date(t["first_request_on"]),
                short_date(t["last_request_on"]), short_date(t["visit_start"])]
               for t in p.threads.iter_rows(named=True)], size=7.8,
              caption=definition("thread_status"))


def _visits(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.visits:
        pdf.section(_("Visits carried out"), keep=35)
        pdf.paragraph(notes.visits)
        return
    _section_with_table(pdf, _("Visits carried out"),
                        [Column(_("Mandate"), 4.6), Column(_("From"), 1.05, "R", nowrap=True),
                         Column(_("To"), 1.05, "R", nowrap=True),
                         Column(_("In {first}–{last}").format(first=p.window_start.year, last=p.as_at.year), 0.8,
                                "C")],
                        [[mandate_title(t["mandate_id"], t["mandate_title"]), short_date(t["visit_start"]),
                          short_date(t["visit_end"]), _("Yes") if t["visit_in_window"] else _("No")]
                         for t in p.visits.iter_rows(named=True)])


def _communications(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    comms = p.communications
    if notes.communications or p.communication_years is None:
        pdf.section(_("Communications and replies per year"), keep=30)
        pdf.paragraph(notes.communications or "")
        return
    y0, y1 = p.communication_years
    group = p.regional_group
    name = _name(p)
    subtitle = (_("Each year as at its 31 December (the last year as at the as-at date). Below: the State's reply "
                  "rate and that of the median State of its group ({group}).").format(group=_group(p)) if group
                else _("Each year as at its 31 December (the last year as at the as-at date). Below: the State's "
                       "reply rate."))
    pdf.chart(heading=_("Communications and replies per year"), chart=communications_by_year(
        comms, name, group, _("Communications sent to {state} and substantive replies, {first}–{last}").format(
            state=name, first=y0, last=y1), subtitle=subtitle),
        width=160, alt_text=_("Communications sent to {state} and replies per year").format(state=name))
    columns = [Column(_("Year"), 0.8), Column(_("Sent"), 0.9, "R"), Column(_("Substantively replied"), 1.5, "R"),
               Column(_("Reply rate"), 1.1, "R")]
    if group:
        columns.append(Column(_("Median {group} State reply rate").format(group=_group(p)), 1.6, "R"))
    unknown = _("not recorded")
    pdf.table(columns,
              # A year the snapshot does not record has None where a count would be (sp_data.coverage).
              [[str(r["year"]), number(r["communications"], none=unknown),
                number(r["substantively_replied"], none=unknown),
                unknown if r["substantively_replied"] is None else _rate(r["reply_rate_percent"]),
                unknown if r["substantively_replied"] is None
                else _rate(r["group_median_reply_rate_percent"])][:len(columns)]
               for r in comms.sort("year", descending=True).iter_rows(named=True)], size=8.2,
              caption=definition("communications", "reply_rate"))


def _country_mandates(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.country_mandates:
        return
    _section_with_table(pdf, _("Country-mandate access"),
                        [Column(_("Country mandate"), 3.2), Column(_("Visits addressed to"), 1.4),
                         Column(_("Access, {first}–{last}").format(first=p.window_start.year, last=p.as_at.year), 1.0),
                         Column(_("Threads"), 0.7, "R"),
                         Column(_("Last visit"), 1.0, "R", nowrap=True)],
                        [[mandate_title(r["mandate_id"], r["title"]), state_name(r["host_iso3"], r["host_name"]),
                          r["access"], number(r["threads"]),
                          short_date(r["last_visit_on"])] for r in p.country_mandates.iter_rows(named=True)],
                        definition("country_mandate_access"))


def _closing(pdf: Briefing, p: StateProfile, snapshot: Snapshot) -> None:
    # Provenance before the definitions, so that the last page never holds the provenance table alone.
    pdf.section(_("Provenance"), keep=50)
    pdf.provenance_section(snapshot.source, extra=[(_("State"), f"{_name(p)} ({p.iso3})")])
    pdf.section(_("Definitions used"), keep=40)
    f = p.figures
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": _("For {period}, {state}: {rate}.").format(
        period=p.period, state=_name(p), rate=share(f.substantive_replied_in_year or 0, f.communications_in_year or 0))})
