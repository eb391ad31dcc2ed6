"""The year briefing: the facts and figures of a year, laid out like the annual report's statistical addendum."""
from __future__ import annotations

import datetime as dt

import duckdb

from sp_data import charts
from sp_data.briefing.layout import Briefing, Column, alphabetical, date_text, number, short_date
from sp_data.coverage import KINDS, NOT_RECORDED, coverage, missing
from sp_data.exports import Provenance
from sp_data.facts import facts, states
from sp_data.groups import by_group, trends
from sp_data.invitations import by_group as invitations_by_group
from sp_data.params import Filters
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.snapshot import Snapshot
from sp_data.charts.visits import visits_by_region
from sp_data.plain import reply_rate_example
from sp_data.visits import NEVER_VISITED_CATEGORIES, visits_breakdown

TREND_YEARS = 10
DEFINITION_TERMS = ("reporting_year", "window", "in_year", "mandates", "standing_invitation", "visit_in_year",
                    "visited", "never_visited", "not_visited_window", "thread_status", "pending",
                    "accepted_window", "five_plus", "communications", "replies", "reply_rate")


def period(as_at: dt.date) -> str:
    """The reporting period in words: '2023' or '2024 up to 30 June'."""
    return str(as_at.year) if (as_at.month, as_at.day) == (12, 31) else f"{as_at.year} up to {as_at.day} {as_at:%B}"


def groups_text(filters: Filters) -> str:
    return ("all regional groups" if not filters.regions
            else ", ".join(f"{REGIONAL_GROUP_NAMES[g]} ({g})" for g in filters.regions))


def _group(code: str | None) -> str:
    return code or "–"


def _yes(flag: bool | None) -> str:
    return "Yes" if flag else "No"


def _pct(part: int, whole: int) -> str:
    return "–" if not whole else f"{100 * part / whole:.1f} %"


def summary(f: dict, filters: Filters) -> str:
    """The year in a few plain sentences, every number from facts()."""
    if f.get("not_recorded"):
        return _partial_summary(f, filters)
    y, d = period(filters.as_at), date_text(filters.as_at)
    text = (
        f"In {y}, the {f['mandates_total']} special procedures mandates ({f['mandates_thematic']} thematic, "
        f"{f['mandates_country']} country) carried out {f['visits_in_year']:,} country visits to "
        f"{f['visit_hosts_states_territories']:,} States and territories"
        + (f" and {f['visit_hosts_institutions']:,} institutions. " if f['visit_hosts_institutions'] else ". ")
        + f"As at {d}, {f['standing_invitations_member_states']:,} of the {f['member_states']:,} Member States "
        f"({_pct(f['standing_invitations_member_states'], f['member_states'])}) had a standing invitation; "
        f"{f['member_states_never_visited']:,} had never been visited and {f['member_states_not_visited_5y']:,} "
        f"had not been visited in the five years {filters.window_start.year}-{filters.as_at.year}. "
        f"{f['member_states_five_plus_pending_no_acceptance']:,} Member States had {filters.threshold} or more "
        f"pending requests and had accepted no visit in those five years. "
        f"Mandate holders sent {f['communications_sent']:,} communications ({f['communications_joint']:,} joint) "
        f"to {f['communications_states_addressed']:,} States and {f['communications_non_state_actors']:,} non-State "
        f"actors; {f['reply_rate_percent'] if f['reply_rate_percent'] is not None else '–'} % of them had received "
        f"a substantive reply by {d}.")
    if filters.regions:
        text += (f" Figures about States count only States of the selected groups ({', '.join(filters.regions)}); "
                 "mandate figures cover all mandates.")
    return text


def _partial_summary(f: dict, filters: Filters) -> str:
    """The summary of a snapshot that does not record every figure: a sentence per topic, each only if recorded."""
    y, d = period(filters.as_at), date_text(filters.as_at)
    unknown = set(f["not_recorded"])
    parts = [f"In {y}, there were {f['mandates_total']} special procedures mandates ({f['mandates_thematic']} "
             f"thematic, {f['mandates_country']} country)."]
    if "visits_in_year" in unknown:
        parts.append(f"Country visits of {y}: {NOT_RECORDED}.")
    else:
        parts.append(f"They carried out {f['visits_in_year']:,} country visits to "
                     f"{f['visit_hosts_states_territories']:,} States and territories.")
    if "standing_invitations_member_states" in unknown:
        parts.append(f"Standing invitations: {NOT_RECORDED}.")
    else:
        parts.append(f"As at {d}, {f['standing_invitations_member_states']:,} of the {f['member_states']:,} Member "
                     "States had a standing invitation.")
    if "member_states_never_visited" not in unknown:
        parts.append(f"{f['member_states_never_visited']:,} Member States had never been visited by {d}.")
    if "communications_sent" in unknown:
        parts.append(f"Communications of {y}: {NOT_RECORDED}.")
    else:
        parts.append(f"Mandate holders sent {f['communications_sent']:,} communications "
                     f"({f['communications_joint']:,} joint) to {f['communications_states_addressed']:,} States and "
                     f"{f['communications_non_state_actors']:,} non-State actors.")
        if "reply_rate_percent" in unknown:
            parts.append(f"Replies: {NOT_RECORDED}.")
        elif f["reply_rate_percent"] is not None:
            parts.append(f"{f['reply_rate_percent']} % of them had received a substantive reply by {d}.")
    return " ".join(parts)


FACT_ROWS = [
    ("Mandates", [("mandates_total", "Mandates"), ("mandates_thematic", "Thematic mandates"),
                  ("mandates_country", "Country mandates")]),
    ("Standing invitations", [("standing_invitations_member_states", "Member States with a standing invitation"),
                              ("standing_invitations_observer_states", "Observer States with a standing invitation")]),
    ("Country visits", [("visits_in_year", "Country visits carried out in the year"),
                        ("visit_hosts_states_territories", "States and territories visited"),
                        ("visit_hosts_institutions", "Institutions visited"),
                        ("member_states_visited", "Member States ever visited"),
                        ("member_states_never_visited", "Member States never visited"),
                        ("never_visited_no_request", "…no request received"),
                        ("never_visited_requests_not_accepted", "…requests not accepted"),
                        ("never_visited_accepted_not_yet_conducted", "…accepted, not yet carried out")]),
    ("The five-year window", [("member_states_not_visited_5y", "Member States not visited in five years"),
                              ("member_states_not_visited_5y_with_request", "…of which received a request"),
                              ("member_states_five_plus_pending_no_acceptance",
                               "Five or more pending requests, no visit accepted"),
                              ("member_states_five_plus_visits_5y", "Five or more visits in five years")]),
    ("Communications and replies", [("communications_sent", "Communications sent in the year"),
                                    ("communications_joint", "…of which joint"),
                                    ("communications_states_addressed", "States addressed"),
                                    ("communications_non_state_actors", "Non-State actors addressed"),
                                    ("communications_individuals", "Individuals covered"),
                                    ("communications_individuals_female", "…of whom female"),
                                    ("replies_received_in_year", "Replies received in the year"),
                                    ("replies_received_in_year_substantive", "…of which substantive"),
                                    ("replies_to_year_communications", "Replies to the year's communications"),
                                    ("replies_to_year_communications_substantive", "…of which substantive"),
                                    ("reply_rate_percent", "Substantive reply rate")]),
]


def _fact(f: dict, key: str) -> str:
    value = f.get(key)
    if key in f.get("not_recorded", ()):
        return "not recorded"
    if key == "reply_rate_percent":
        return "–" if value is None else f"{value:.2f} %"
    return number(value)


def year_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters) -> bytes:
    """The year briefing as PDF bytes, for the year of filters.as_at and its regional groups."""
    prov = Provenance.of(snapshot, filters)
    y, d, year = period(filters.as_at), date_text(filters.as_at), filters.as_at.year
    f = facts(con, filters)
    table = states(con, filters)
    groups = by_group(con, filters)
    first = max(year - TREND_YEARS + 1, 1980)
    trend = trends(con, filters, first, year)
    breakdown = visits_breakdown(con, filters)  # the Country visits page's query: every host
    visits, visits_by_group = breakdown["visits"], breakdown["regional_group"]
    invitations = invitations_by_group(con, filters)
    rows_by_name = alphabetical(table.to_dicts())
    cov = coverage(con)

    def gap(kind: str, span: str = "year") -> str | None:
        # What the snapshot lacks for a section, said in place of the section (commands without code quotes).
        note = missing(cov, (kind,), span, filters.as_at)
        return note.replace("`", "") if note else None

    pdf = Briefing(prov, f"Facts and figures {y}: cooperation of States with the special procedures",
                   running_title=f"Facts and figures {y} · cooperation with the special procedures")
    pdf.title_block(f"Facts and figures {y}",
                    "Cooperation of States with the special procedures of the Human Rights Council: "
                    "standing invitations, country visits, communications and replies.",
                    f"As at {d} · {groups_text(filters)} · five-year window {filters.window_start.year}-{year} "
                    f"· snapshot {snapshot.id} of {prov.created_text}")

    pdf.section("Summary", keep=60)
    pdf.paragraph(summary(f, filters))
    if f["not_recorded"]:
        pdf.paragraph(f"Figures marked “not recorded” are {NOT_RECORDED}: "
                      + " ".join(n for n in (gap(k, None) for k in KINDS) if n), size=8.8)
    pdf.tiles([
        (_fact(f, "visits_in_year"), f"country visits carried out in {y}"),
        (_fact(f, "standing_invitations_member_states") if f["standing_invitations_member_states"] is None
         else f"{f['standing_invitations_member_states']} / {f['member_states']}",
         "Member States with a standing invitation"),
        (_fact(f, "member_states_never_visited"), "Member States never visited"),
        (_fact(f, "member_states_five_plus_pending_no_acceptance"),
         f"Member States with {filters.threshold}+ pending requests and no visit accepted in five years"),
        (_fact(f, "communications_sent"), f"communications sent in {y}"),
        (_fact(f, "communications_states_addressed"), "States addressed by a communication"),
        (_fact(f, "replies_received_in_year"), f"replies received in {y}"),
        (_fact(f, "reply_rate_percent"), f"of {y}'s communications had a substantive reply by {d}"),
    ])

    pdf.section("Key figures")
    rows = []
    for heading, items in FACT_ROWS:
        for i, (key, label) in enumerate(items):
            rows.append([heading if i == 0 else "", label, _fact(f, key)])
    pdf.table([Column("Topic", 1.2), Column("Figure", 3.0), Column(y, 0.9, "R")], rows,
              caption="Definitions are at the end of this briefing. Figures about States count Member States "
                      "unless stated otherwise.")

    # Standing invitations
    pdf.section(f"1. Standing invitations as at {d}")
    if gap("standing_invitations", "history"):
        pdf.paragraph(gap("standing_invitations", "history"))
    else:
        _invitations(pdf, f, invitations, rows_by_name)
    _visits(pdf, f, filters, groups, trend, visits, visits_by_group, rows_by_name, gap, y, d, year, first)
    _communications(pdf, filters, groups, trend, rows_by_name, gap, y, d, year, first)

    pdf.section("Definitions used")
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": reply_rate_example(f, filters)})
    pdf.section("Provenance", keep=50)
    pdf.provenance_section(snapshot.source)
    return pdf.output_bytes()


def _invitations(pdf: Briefing, f: dict, invitations, rows_by_name: list[dict]) -> None:
    """Section 1: standing invitations by group and by State."""
    pdf.paragraph(f"{f['standing_invitations_member_states']:,} Member States and "
                  f"{f['standing_invitations_observer_states']:,} observer State(s) had extended a standing "
                  "invitation to all thematic special procedures.")
    pdf.table([Column("Regional group", 3.0), Column("Member States", 1.0, "R"),
               Column("With a standing invitation", 1.3, "R"), Column("Share", 0.8, "R"),
               Column("Observer States with one", 1.2, "R")],
              [[_group_name(r["regional_group"]), number(r["member_states"]),
                number(r["member_states_with_invitation"]),
                "–" if r["share_percent"] is None else f"{r['share_percent']:.1f} %",
                number(r["observer_states_with_invitation"])] for r in invitations.iter_rows(named=True)],
              caption="Share: Member States of the group with a standing invitation, of all its Member States.")
    invited = [r for r in rows_by_name if r["standing_invitation"]]
    pdf.subheading(f"States with a standing invitation ({len(invited)}), with the year it was extended")
    # A no-break space keeps each year with its State's name.
    pdf.paragraph(" · ".join(f"{r['name']}\u00a0({r['standing_invitation_since'].year})" for r in invited)
                  or "None.", size=8.5)


def _visits(pdf: Briefing, f: dict, filters: Filters, groups, trend, visits, visits_by_group, rows_by_name: list[dict], gap,
            y: str, d: str, year: int, first: int) -> None:
    """Sections 2 to 4: visits carried out, States never visited, the five-year status per State."""
    heading = f"2. Country visits carried out in {y}"
    if gap("visits"):
        pdf.section(heading)
        pdf.paragraph(gap("visits"))
        return
    if visits_by_group.height:
        pdf.chart(visits_by_region(visits_by_group, f"Country visits carried out in {y}, by host's regional group",
                                   subtitle="No group: institutions, and territories of no State"),
                  width=150, alt_text=f"Bar chart of country visits carried out in {y} by regional group",
                  heading=heading)
    else:
        pdf.section(heading)
    if trend.height:
        pdf.chart(charts.lines_over_years(trend, "visits", "Visits carried out",
                                          f"Country visits carried out per year, {first}-{year}"),
                  width=150, alt_text="Line chart of country visits per year by regional group")
    if groups.height:
        pdf.subheading(f"By regional group, as at {d}")
        pdf.table([Column("Regional group", 2.6), Column("Member States", 0.8, "R"),
                   Column(f"Visits to States in {year}", 0.8, "R"), Column("Visits in 5 years", 0.8, "R"),
                   Column("Pending requests", 0.8, "R"), Column("Never visited", 0.8, "R"),
                   Column(f"{filters.threshold}+ pending", 0.8, "R")],
                  [[_group_name(r["regional_group"]), number(r["member_states"]), number(r["visits_in_year"]),
                    number(r["visits_5y"]), number(r["pending_requests"]), number(r["never_visited"]),
                    number(r["five_plus_pending"])] for r in groups.iter_rows(named=True)],
                  caption="Visits to States (not territories or institutions), by the host State's group. "
                          f"{filters.threshold}+ pending: Member States with {filters.threshold} or more pending "
                          "requests.")
    pdf.subheading(f"Visits carried out in {y} ({visits.height})")
    pdf.table([Column("From", 0.8, nowrap=True), Column("To", 0.8, nowrap=True), Column("Host", 1.9),
               Column("Group", 0.65, nowrap=True), Column("Mandate", 4.4)],
              [[short_date(r["visit_start"]), short_date(r["visit_end"]), r["host"], _group(r["regional_group"]),
                r["mandate_title"]] for r in visits.iter_rows(named=True)],
              empty=f"No country visit was carried out in {y} in the selected groups.")

    # Never visited
    pdf.section(f"3. Member States never visited, as at {d}")
    if gap("visits", "window"):
        pdf.paragraph(gap("visits", "window"))
        return
    pdf.paragraph(f"{f['member_states_never_visited']:,} Member States had never received a visit by a "
                  f"special procedure mandate holder; {f['member_states_visited']:,} had received at least one.")
    rows = []
    for code, label in NEVER_VISITED_CATEGORIES.items():
        names = [r["name"] for r in rows_by_name if r["never_visited_category"] == code]
        rows.append([label, number(len(names)), ", ".join(names) or "–"])
    pdf.table([Column("Category", 1.3), Column("States", 0.5, "R"), Column("Names", 4.2)], rows)

    # Five-year status per State
    pdf.section(f"4. Status of country visits per State, {filters.window_start.year}-{year}", keep=70)
    pdf.paragraph(f"For each State: standing invitation, visits carried out in the five-year window "
                  f"({date_text(filters.window_start)} to {d}), the last visit, requests pending as at {d} and "
                  "the oldest of them, and whether any visit was accepted in the window.", size=8.8)
    pdf.table([Column("State", 2.5), Column("Group", 0.8, nowrap=True), Column("Standing invitation", 1.0, "C"),
               Column("Visits in 5 years", 0.75, "R"), Column("Last visit", 1.05, "R", nowrap=True),
               Column("Pending requests", 0.95, "R"), Column("Oldest pending", 1.05, "R", nowrap=True),
               Column("Accepted in 5 years", 0.9, "C")],
              [[r["name"] + ("" if r["un_status"] == "member" else " (observer)"), _group(r["regional_group"]),
                str(r["standing_invitation_since"].year) if r["standing_invitation"] else "No",
                number(r["visits_5y"]), short_date(r["last_visit_on"]), number(r["pending_requests"]),
                short_date(r["oldest_pending_request_on"]), _yes(r["accepted_in_5y"])]
               for r in rows_by_name], size=7.8,
              caption=f"Standing invitation: the year it was extended, if in force as at {d}. A State is "
                      f"flagged five-plus with {filters.threshold} or more pending requests.")



def _communications(pdf: Briefing, filters: Filters, groups, trend, rows_by_name: list[dict], gap,
                    y: str, d: str, year: int, first: int) -> None:
    """Section 5: communications and replies."""
    heading = f"5. Communications and replies, {y}"
    if gap("communications"):
        pdf.section(heading)
        pdf.paragraph(gap("communications"))
        return
    replies_gap = gap("replies")
    if groups.height:
        pdf.chart(charts.bars_by_group(groups, "communications_in_year", "Communications",
                                       f"Communications sent to States in {y}, by regional group",
                                       subtitle="Letters addressed to a State; not those to non-State actors"),
                  width=150, alt_text="Bar chart of communications by regional group", heading=heading)
        if not replies_gap:
            pdf.chart(charts.bars_by_group(groups, "reply_rate_percent", "Substantive reply rate (%)",
                                           f"Substantive reply rate of States to communications sent in {y}",
                                           subtitle=f"Communications with at least one substantive reply by {d}",
                                           fmt=".1f"),
                      width=150, alt_text="Bar chart of reply rates by regional group")
    else:
        pdf.section(heading)
    if replies_gap:
        pdf.paragraph(replies_gap)
    if trend.height:
        pdf.chart(charts.lines_over_years(trend, "communications", "Communications",
                                          f"Communications to States and non-State actors, {first}-{year}",
                                          subtitle="Sent per year, by the regional group of the State addressed or concerned"),
                  width=150, alt_text="Line chart of communications per year by regional group")
    sent = [r for r in rows_by_name if r["communications_in_year"]]
    pdf.subheading(f"Communications sent to each State in {y} ({len(sent)} States)")
    pdf.table([Column("State", 2.8), Column("Group", 0.8, nowrap=True), Column("Communications", 1.0, "R"),
               Column("With a substantive reply", 1.2, "R"), Column("Reply rate", 0.9, "R")],
              [[r["name"], _group(r["regional_group"]), number(r["communications_in_year"]),
                number(r["substantive_replied_in_year"], none="not recorded" if replies_gap else "–"),
                ("not recorded" if replies_gap else "–") if r["reply_rate_percent"] is None
                else f"{r['reply_rate_percent']:.1f} %"]
               for r in sent],
              empty=f"No communication was sent to a State of the selected groups in {y}.",
              caption=f"Communications addressed to the State as recipient, sent in {y}; replied = at least one "
                      f"substantive reply received by {d}. States sent no communication are not listed.")


def _group_name(code: str | None) -> str:
    return f"{REGIONAL_GROUP_NAMES[code]} ({code})" if code in REGIONAL_GROUP_NAMES else "States in no regional group"

