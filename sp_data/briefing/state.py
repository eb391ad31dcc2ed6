"""The State briefing: one State's cooperation against its regional group, from sp_data.profile."""
from __future__ import annotations

import duckdb

from sp_data.briefing.layout import Briefing, Column, date_text, definition, number, short_date
from sp_data.charts.profile import communications_by_year, thread_timeline
from sp_data.exports import Provenance
from sp_data.awaiting import state_awaiting
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.profile_types import KeyFigure, ProfileNotes, StateProfile
from sp_data.snapshot import Snapshot
from sp_data.wording import percent

DEFINITION_TERMS = ("reporting_year", "window", "standing_invitation", "thread_status", "pending",
                    "accepted_window", "accepted_not_carried_out", "visit_in_year", "visited", "never_visited",
                    "communications", "reply_rate", "country_mandate_access")


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %"


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
    prov = Provenance.of(snapshot, filters, extra=f"State: {p.name}")
    d = date_text(p.as_at)
    pdf = Briefing(prov, f"{p.name}: cooperation with the special procedures",
                   running_title=f"{p.name} · cooperation with the special procedures · as at {d}")
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
    status = "Member State" if p.un_status == "member" else "Observer State"
    group = f"{p.group_name} ({p.regional_group})" if p.regional_group else "no regional group"
    pdf.title_block(p.name, f"Cooperation with the special procedures of the Human Rights Council, as at "
                            f"{date_text(p.as_at)}",
                    f"{status} · {group} · ISO code {p.iso3} · snapshot {snapshot.id} of {prov.created_text}")
    if notes.selection:
        pdf.caption(notes.selection)


def _in_brief(pdf: Briefing, p: StateProfile, awaiting: str) -> None:
    pdf.section("In brief", keep=40)
    pdf.paragraph(p.summary, size=10.5)
    pdf.paragraph(awaiting)
    pdf.paragraph(p.standing_invitation)


def _key_figure_row(k: KeyFigure, has_group: bool) -> list[str]:
    """A key figure's row: its value and, against a group, the group's median and the difference."""
    row = [k.label, k.display]
    if has_group:
        unit = " %" if k.key == "reply_rate_percent" else ""
        delta = k.delta or ""
        row += ["" if k.group_median is None else f"{k.group_median:g}{unit}",
                f"{delta} pts" if delta and unit else delta]
    return row


def _key_figures(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    pdf.section(f"Key figures against the {p.regional_group} group" if p.regional_group else "Key figures",
                keep=70)
    has_group = any(k.comparison for k in p.key_figures)
    columns = [Column("Figure", 2.6), Column(p.name, 1.6, "R")]
    if has_group:
        columns += [Column(f"Median State of {p.regional_group}", 1.3, "R"), Column("Difference", 1.0, "R")]
    g = p.figures.group
    caption = notes.group or (
        f"Group comparisons: the median of the {g.states} States of the {p.group_name}; for the reply rate, of "
        f"the {g.states_with_communications} of them that were sent a communication in {p.period}. The "
        f"differences are neither good nor bad in themselves.")
    pdf.table(columns, [_key_figure_row(k, has_group) for k in p.key_figures], size=9, caption=caption)


def _pending(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    title = f"Pending requests as at {date_text(p.as_at)}"
    if notes.pending:
        pdf.section(title, keep=40)
        pdf.paragraph(notes.pending)
        return
    # Dates and ages on one line each; the mandate's title wraps.
    columns = [Column("Mandate", 4.2), Column("First request", 1.1, "R", nowrap=True),
               Column("Last request or reminder", 1.2, "R", nowrap=True), Column("Reminders", 0.8, "R"),
               Column("Pending for", 1.1, "R", nowrap=True)]
    rows = [[t["mandate_title"], short_date(t["first_request_on"]), short_date(t["last_request_on"]),
             number(t["reminders"]), t["pending_age_text"]] for t in p.pending.iter_rows(named=True)]
    caption = definition("pending") + " Pending for: from the first request to the as-at date."
    # The heading goes with the table: a short one is kept whole on one page.
    _section_with_table(pdf, title, columns, rows, caption)


def _threads(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.threads:
        pdf.section("Visit requests and what became of them", keep=30)
        pdf.paragraph(notes.threads)
        return
    d, w0, w1 = date_text(p.as_at), p.window_start.year, p.as_at.year
    pdf.chart(heading="Visit requests and what became of them", chart=thread_timeline(
        p.threads, p.events, f"Visit requests to {p.name} and what became of them, as at {d}", p.as_at,
        p.window_start,
        subtitle=f"One row per visit thread: the mandate and the year it began. Shaded: the five-year window "
                 f"{w0}–{w1}; dashed line: the as-at date."),
        alt_text=f"Timeline of the visit threads of {p.name}")
    pdf.table([Column("Mandate", 4.0), Column(f"Status as at {short_date(p.as_at)}", 1.3),
               Column("First request", 1.05, "R", nowrap=True),
               Column("Last request or reminder", 1.15, "R", nowrap=True), Column("Visit from", 1.05, "R", nowrap=True)],
              [[t["mandate_title"], t["status_label"], short_date(t["first_request_on"]),
                short_date(t["last_request_on"]), short_date(t["visit_start"])]
               for t in p.threads.iter_rows(named=True)], size=7.8,
              caption=definition("thread_status"))


def _visits(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.visits:
        pdf.section("Visits carried out", keep=35)
        pdf.paragraph(notes.visits)
        return
    _section_with_table(pdf, "Visits carried out",
                        [Column("Mandate", 4.6), Column("From", 1.05, "R", nowrap=True),
                         Column("To", 1.05, "R", nowrap=True),
                         Column(f"In {p.window_start.year}–{p.as_at.year}", 0.8, "C")],
                        [[t["mandate_title"], short_date(t["visit_start"]), short_date(t["visit_end"]),
                          "Yes" if t["visit_in_window"] else "No"] for t in p.visits.iter_rows(named=True)])


def _communications(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    comms = p.communications
    if notes.communications or p.communication_years is None:
        pdf.section("Communications and replies per year", keep=30)
        pdf.paragraph(notes.communications or "")
        return
    y0, y1 = p.communication_years
    group = p.regional_group
    pdf.chart(heading="Communications and replies per year", chart=communications_by_year(
        comms, p.name, group, f"Communications sent to {p.name} and substantive replies, {y0}–{y1}",
        subtitle="Each year as at its 31 December (the last year as at the as-at date). Below: the State's "
                 "reply rate" + (f" and that of the median State of its group ({group})." if group else ".")),
        width=160, alt_text=f"Communications sent to {p.name} and replies per year")
    columns = [Column("Year", 0.8), Column("Sent", 0.9, "R"), Column("Substantively replied", 1.5, "R"),
               Column("Reply rate", 1.1, "R")]
    if group:
        columns.append(Column(f"Median {group} State reply rate", 1.6, "R"))
    pdf.table(columns,
              # A year the snapshot does not record has None where a count would be (sp_data.coverage).
              [[str(r["year"]), number(r["communications"], none="not recorded"),
                number(r["substantively_replied"], none="not recorded"),
                "not recorded" if r["substantively_replied"] is None else _rate(r["reply_rate_percent"]),
                "not recorded" if r["substantively_replied"] is None
                else _rate(r["group_median_reply_rate_percent"])][:len(columns)]
               for r in comms.sort("year", descending=True).iter_rows(named=True)], size=8.2,
              caption=definition("communications", "reply_rate"))


def _country_mandates(pdf: Briefing, p: StateProfile, notes: ProfileNotes) -> None:
    if notes.country_mandates:
        return
    _section_with_table(pdf, "Country-mandate access",
                        [Column("Country mandate", 3.2), Column("Visits addressed to", 1.4),
                         Column(f"Access, {p.window_start.year}–{p.as_at.year}", 1.0), Column("Threads", 0.7, "R"),
                         Column("Last visit", 1.0, "R", nowrap=True)],
                        [[r["title"], r["host_name"], r["access"], number(r["threads"]),
                          short_date(r["last_visit_on"])] for r in p.country_mandates.iter_rows(named=True)],
                        definition("country_mandate_access"))


def _closing(pdf: Briefing, p: StateProfile, snapshot: Snapshot) -> None:
    # Provenance before the definitions, so that the last page never holds the provenance table alone.
    pdf.section("Provenance", keep=50)
    pdf.provenance_section(snapshot.source, extra=[("State", f"{p.name} ({p.iso3})")])
    pdf.section("Definitions used", keep=40)
    f = p.figures
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": f"For {p.period}, {p.name}: " + percent(
        f.substantive_replied_in_year or 0, f.communications_in_year or 0) + "."})
