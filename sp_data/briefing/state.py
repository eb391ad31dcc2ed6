"""The State briefing: one State's cooperation against its regional group, from sp_data.profile."""
from __future__ import annotations

import duckdb

from sp_data.briefing.layout import Briefing, Column, date_text, definition, number, short_date
from sp_data.charts.profile import communications_by_year, thread_timeline
from sp_data.exports import Provenance
from sp_data.mandates import state_awaiting
from sp_data.params import Filters
from sp_data.profile import profile
from sp_data.wording import percent
from sp_data.snapshot import Snapshot

DEFINITION_TERMS = ("reporting_year", "window", "standing_invitation", "thread_status", "pending",
                    "accepted_window", "accepted_not_carried_out", "visit_in_year", "visited", "never_visited",
                    "communications", "reply_rate", "country_mandate_access")


def _rate(value) -> str:
    return "–" if value is None else f"{value:.1f} %"


def _section_with_table(pdf: Briefing, title: str, columns: list[Column], rows: list[list[str]],
                        caption: str | None = None, size: float = 8.2) -> None:
    """A section heading kept on the page of its table (a short table is never split)."""
    pdf.section(title, keep=min(pdf.table_height(columns, rows, size, caption) + 14, 120))
    pdf.table(columns, rows, size=size, caption=caption)


def state_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters, iso3: str) -> bytes:
    """The State briefing as PDF bytes (raises sp_data.profile.UnknownState for an unknown code)."""
    p = profile(con, filters, iso3.strip().upper())
    name, f = p["name"], p["figures"]
    # Notes are written for the page, where a command is set as code; print has no code quotes.
    notes = {k: v.replace("`", "") if v else v for k, v in p["notes"].items()}
    d, period = date_text(p["as_at"]), p["period"]
    w0, w1 = p["window_start"].year, p["as_at"].year
    prov = Provenance.of(snapshot, filters, extra=f"State: {name}")
    status = "Member State" if p["un_status"] == "member" else "Observer State"
    group = f"{p['group_name']} ({p['regional_group']})" if p["regional_group"] else "no regional group"

    pdf = Briefing(prov, f"{name}: cooperation with the special procedures",
                   running_title=f"{name} · cooperation with the special procedures · as at {d}")
    pdf.title_block(name, f"Cooperation with the special procedures of the Human Rights Council, as at {d}",
                    f"{status} · {group} · ISO code {p['iso3']} · snapshot {snapshot.id} of "
                    f"{prov.created_text}")
    if notes["selection"]:
        pdf.caption(notes["selection"])

    pdf.section("In brief", keep=40)
    pdf.paragraph(p["summary"], size=10.5)
    pdf.paragraph(state_awaiting(con, filters, p["iso3"])["text"])
    pdf.paragraph(p["standing_invitation"])

    pdf.section(f"Key figures against the {p['regional_group']} group" if p["regional_group"] else "Key figures",
                keep=70)
    has_group = any(k["comparison"] for k in p["key_figures"])
    columns = [Column("Figure", 2.6), Column(name, 1.6, "R")]
    if has_group:
        columns += [Column(f"Median State of {p['regional_group']}", 1.3, "R"),
                    Column("Difference", 1.0, "R")]
    rows = []
    for k in p["key_figures"]:
        row = [k["label"], k["display"]]
        if has_group:
            median = k["group_median"]
            unit = " %" if k["key"] == "reply_rate_percent" else ""
            delta = k["delta"] or ""
            row += ["" if median is None else f"{median:g}{unit}", f"{delta} pts" if delta and unit else delta]
        rows.append(row)
    if notes["group"]:
        caption = notes["group"]
    else:
        caption = (f"Group comparisons: the median of the {f['group_states']} States of the {p['group_name']}; "
                   f"for the reply rate, of the {f['group_states_with_communications']} of them that were sent a "
                   f"communication in {period}. The differences are neither good nor bad in themselves.")
    pdf.table(columns, rows, size=9, caption=caption)

    if notes["pending"]:
        pdf.section(f"Pending requests as at {d}", keep=40)
        pdf.paragraph(notes["pending"])
    else:
        # Dates and ages on one line each; the mandate's title wraps.
        columns = [Column("Mandate", 4.2), Column("First request", 1.1, "R", nowrap=True),
                   Column("Last request or reminder", 1.2, "R", nowrap=True), Column("Reminders", 0.8, "R"),
                   Column("Pending for", 1.1, "R", nowrap=True)]
        rows = [[t["mandate_title"], short_date(t["first_request_on"]), short_date(t["last_request_on"]),
                 number(t["reminders"]), t["pending_age_text"]] for t in p["pending"].iter_rows(named=True)]
        caption = definition("pending") + " Pending for: from the first request to the as-at date."
        # The heading goes with the table: a short one is kept whole on one page.
        _section_with_table(pdf, f"Pending requests as at {d}", columns, rows, caption)

    threads = p["threads"]
    if notes["threads"]:
        pdf.section("Visit requests and what became of them", keep=30)
        pdf.paragraph(notes["threads"])
    else:
        pdf.chart(heading="Visit requests and what became of them", chart=thread_timeline(
            threads, p["events"], f"Visit requests to {name} and what became of them, as at {d}", p["as_at"],
            p["window_start"],
            subtitle=f"One row per visit thread: the mandate and the year it began. Shaded: the five-year window "
                     f"{w0}–{w1}; dashed line: the as-at date."),
            alt_text=f"Timeline of the visit threads of {name}")
        pdf.table([Column("Mandate", 4.0), Column(f"Status as at {short_date(p['as_at'])}", 1.3),
                   Column("First request", 1.05, "R", nowrap=True),
                   Column("Last request or reminder", 1.15, "R", nowrap=True), Column("Visit from", 1.05, "R", nowrap=True)],
                  [[t["mandate_title"], t["status_label"], short_date(t["first_request_on"]),
                    short_date(t["last_request_on"]), short_date(t["visit_start"])]
                   for t in threads.iter_rows(named=True)], size=7.8,
                  caption=definition("thread_status"))

    if notes["visits"]:
        pdf.section("Visits carried out", keep=35)
        pdf.paragraph(notes["visits"])
    else:
        _section_with_table(pdf, "Visits carried out",
                            [Column("Mandate", 4.6), Column("From", 1.05, "R", nowrap=True),
                             Column("To", 1.05, "R", nowrap=True),
                             Column(f"In {w0}–{w1}", 0.8, "C")],
                            [[t["mandate_title"], short_date(t["visit_start"]), short_date(t["visit_end"]),
                              "Yes" if t["visit_in_window"] else "No"] for t in p["visits"].iter_rows(named=True)])

    comms = p["communications"]
    if notes["communications"]:
        pdf.section("Communications and replies per year", keep=30)
        pdf.paragraph(notes["communications"])
    else:
        y0, y1 = comms["year"].min(), comms["year"].max()
        pdf.chart(heading="Communications and replies per year", chart=communications_by_year(
            comms, name, p["regional_group"], f"Communications sent to {name} and substantive replies, {y0}–{y1}",
            subtitle="Each year as at its 31 December (the last year as at the as-at date). Below: the State's "
                     "reply rate" + (f" and that of the median State of its group ({p['regional_group']})."
                                     if p["regional_group"] else ".")),
            width=160, alt_text=f"Communications sent to {name} and replies per year")
        columns = [Column("Year", 0.8), Column("Sent", 0.9, "R"), Column("Substantively replied", 1.5, "R"),
                   Column("Reply rate", 1.1, "R")]
        if p["regional_group"]:
            columns.append(Column(f"Median {p['regional_group']} State reply rate", 1.6, "R"))
        pdf.table(columns,
                  # A year the snapshot does not record has None where a count would be (sp_data.coverage).
                  [[str(r["year"]), number(r["communications"], none="not recorded"),
                    number(r["substantively_replied"], none="not recorded"),
                    "not recorded" if r["substantively_replied"] is None else _rate(r["reply_rate_percent"]),
                    "not recorded" if r["substantively_replied"] is None
                    else _rate(r["group_median_reply_rate_percent"])][:len(columns)]
                   for r in comms.sort("year", descending=True).iter_rows(named=True)], size=8.2,
                  caption=definition("communications", "reply_rate"))

    if not notes["country_mandates"]:
        _section_with_table(pdf, "Country-mandate access",
                            [Column("Country mandate", 3.2), Column("Visits addressed to", 1.4),
                             Column(f"Access, {w0}–{w1}", 1.0), Column("Threads", 0.7, "R"),
                             Column("Last visit", 1.0, "R", nowrap=True)],
                            [[r["title"], r["host_name"], r["access"], number(r["threads"]),
                              short_date(r["last_visit_on"])] for r in p["country_mandates"].iter_rows(named=True)],
                            definition("country_mandate_access"))

    # Provenance before the definitions, so that the last page never holds the provenance table alone.
    pdf.section("Provenance", keep=50)
    pdf.provenance_section(snapshot.source, extra=[("State", f"{name} ({p['iso3']})")])
    pdf.section("Definitions used", keep=40)
    figures = p["figures"]
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": f"For {period}, {name}: " + percent(
        figures["substantive_replied_in_year"] or 0, figures["communications_in_year"] or 0) + "."})
    return pdf.output_bytes()
