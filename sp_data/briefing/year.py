"""The year briefing: the facts and figures of a year, laid out like the annual report's statistical addendum."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data import charts
from sp_data.briefing.layout import Briefing, Column, alphabetical, date_text, number, short_date
from sp_data.coverage import KINDS, NOT_RECORDED, Coverage, coverage, missing
from sp_data.exports import Provenance
from sp_data.facts import facts, states
from sp_data.figures import BY_KEY, HEADINGS, Facts, heading_rows
from sp_data.groups import by_group, trends
from sp_data.invitations import by_group as invitations_by_group
from sp_data.params import Filters
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.snapshot import Snapshot
from sp_data.charts.visits import visits_by_region
from sp_data.plain import reply_rate_example
from sp_data.visits import NEVER_VISITED_CATEGORIES, visits_breakdown
from sp_data.wording import group_name, groups_text, period

TREND_YEARS = 10
DEFINITION_TERMS = ("reporting_year", "window", "in_year", "mandates", "standing_invitation", "visit_in_year",
                    "visited", "never_visited", "not_visited_window", "thread_status", "pending",
                    "accepted_window", "five_plus", "communications", "replies", "reply_rate")


def _group(code: str | None) -> str:
    return code or "–"


def _yes(flag: bool | None) -> str:
    return "Yes" if flag else "No"


def _pct(part: int, whole: int) -> str:
    return "–" if not whole else f"{100 * part / whole:.1f} %"


def summary(f: Facts, filters: Filters) -> str:
    """The year in a few plain sentences, every number from facts()."""
    if f.not_recorded:
        return _partial_summary(f, filters)
    y, d = period(filters.as_at), date_text(filters.as_at)
    text = (
        f"In {y}, the {f['mandates_total']} special procedures mandates ({f['mandates_thematic']} thematic, "
        f"{f['mandates_country']} country) carried out {f['visits_in_year']:,} country visits to "
        f"{f['visit_hosts_states_territories']:,} States and territories"
        + (f" and {f['visit_hosts_institutions']:,} institutions. " if f['visit_hosts_institutions'] else ". ")
        + f"As at {d}, {f['standing_invitations_member_states']:,} of the {f.member_states:,} Member States "
        f"({_pct(f['standing_invitations_member_states'], f.member_states)}) had a standing invitation; "
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


def _partial_summary(f: Facts, filters: Filters) -> str:
    """The summary of a snapshot that does not record every figure: a sentence per topic, each only if recorded."""
    y, d = period(filters.as_at), date_text(filters.as_at)
    unknown = set(f.not_recorded)
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
        parts.append(f"As at {d}, {f['standing_invitations_member_states']:,} of the {f.member_states:,} Member "
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


def _fact(f: Facts, key: str) -> str:
    return f.row_text(BY_KEY[key])


@dataclass(frozen=True)
class _Year:
    """What the sections of the year briefing read: the filters, in words too, and the data, fetched once."""

    filters: Filters
    f: Facts
    rows_by_name: list[dict]
    groups: pl.DataFrame
    trend: pl.DataFrame
    visits: pl.DataFrame
    visits_by_group: pl.DataFrame
    invitations: pl.DataFrame
    cov: dict[str, Coverage]
    first: int

    @property
    def y(self) -> str:
        return period(self.filters.as_at)

    @property
    def d(self) -> str:
        return date_text(self.filters.as_at)

    @property
    def year(self) -> int:
        return self.filters.as_at.year

    def gap(self, kind: str, span: str | None = "year") -> str | None:
        """What the snapshot lacks for a section, said in place of the section (commands without code quotes)."""
        note = missing(self.cov, (kind,), span, self.filters.as_at)
        return note.replace("`", "") if note else None


def _load(con: duckdb.DuckDBPyConnection, filters: Filters) -> _Year:
    year = filters.as_at.year
    first = max(year - TREND_YEARS + 1, 1980)
    breakdown = visits_breakdown(con, filters)  # the Country visits page's query: every host
    return _Year(filters, facts(con, filters), alphabetical(states(con, filters).to_dicts()), by_group(con, filters),
                 trends(con, filters, first, year), breakdown["visits"], breakdown["regional_group"],
                 invitations_by_group(con, filters), coverage(con), first)


def year_pdf(con: duckdb.DuckDBPyConnection, snapshot: Snapshot, filters: Filters) -> bytes:
    """The year briefing as PDF bytes, for the year of filters.as_at and its regional groups."""
    yr = _load(con, filters)
    pdf = _title(snapshot, yr)
    _summary_section(pdf, yr)
    _key_figures(pdf, yr)
    _invitations_section(pdf, yr)
    _visit_sections(pdf, yr)
    _communications(pdf, yr)
    pdf.section("Definitions used")
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": reply_rate_example(yr.f, filters)})
    pdf.section("Provenance", keep=50)
    pdf.provenance_section(snapshot.source)
    return pdf.output_bytes()


def _title(snapshot: Snapshot, yr: _Year) -> Briefing:
    """The briefing with its first page's title block."""
    prov = Provenance.of(snapshot, yr.filters)
    pdf = Briefing(prov, f"Facts and figures {yr.y}: cooperation of States with the special procedures",
                   running_title=f"Facts and figures {yr.y} · cooperation with the special procedures")
    pdf.title_block(f"Facts and figures {yr.y}",
                    "Cooperation of States with the special procedures of the Human Rights Council: "
                    "standing invitations, country visits, communications and replies.",
                    f"As at {yr.d} · {groups_text(yr.filters.regions)} · five-year window "
                    f"{yr.filters.window_start.year}-{yr.year} · snapshot {snapshot.id} of {prov.created_text}")
    return pdf


def _summary_section(pdf: Briefing, yr: _Year) -> None:
    """The year in sentences, then its headline figures as tiles."""
    f, y = yr.f, yr.y
    pdf.section("Summary", keep=60)
    pdf.paragraph(summary(f, yr.filters))
    if f.not_recorded:
        pdf.paragraph(f"Figures marked “not recorded” are {NOT_RECORDED}: "
                      + " ".join(n for n in (yr.gap(k, None) for k in KINDS) if n), size=8.8)
    pdf.tiles([
        (_fact(f, "visits_in_year"), f"country visits carried out in {y}"),
        (_fact(f, "standing_invitations_member_states") if f["standing_invitations_member_states"] is None
         else f"{f['standing_invitations_member_states']} / {f.member_states}",
         "Member States with a standing invitation"),
        (_fact(f, "member_states_never_visited"), "Member States never visited"),
        (_fact(f, "member_states_five_plus_pending_no_acceptance"),
         f"Member States with {yr.filters.threshold}+ pending requests and no visit accepted in five years"),
        (_fact(f, "communications_sent"), f"communications sent in {y}"),
        (_fact(f, "communications_states_addressed"), "States addressed by a communication"),
        (_fact(f, "replies_received_in_year"), f"replies received in {y}"),
        (_fact(f, "reply_rate_percent"), f"of {y}'s communications had a substantive reply by {yr.d}"),
    ])


def _key_figures(pdf: Briefing, yr: _Year) -> None:
    """The annual report's figures, under their headings (sp_data.figures)."""
    pdf.section("Key figures")
    rows = [[heading if i == 0 else "", figure.row_label, yr.f.row_text(figure)]
            for heading in HEADINGS for i, figure in enumerate(heading_rows(heading))]
    pdf.table([Column("Topic", 1.2), Column("Figure", 3.0), Column(yr.y, 0.9, "R")], rows,
              caption="Definitions are at the end of this briefing. Figures about States count Member States "
                      "unless stated otherwise.")


def _invitations_section(pdf: Briefing, yr: _Year) -> None:
    """Section 1: standing invitations by group and by State."""
    f = yr.f
    pdf.section(f"1. Standing invitations as at {yr.d}")
    gap = yr.gap("standing_invitations", "history")
    if gap:
        pdf.paragraph(gap)
        return
    pdf.paragraph(f"{f['standing_invitations_member_states']:,} Member States and "
                  f"{f['standing_invitations_observer_states']:,} observer State(s) had extended a standing "
                  "invitation to all thematic special procedures.")
    pdf.table([Column("Regional group", 3.0), Column("Member States", 1.0, "R"),
               Column("With a standing invitation", 1.3, "R"), Column("Share", 0.8, "R"),
               Column("Observer States with one", 1.2, "R")],
              [[_group_name(r["regional_group"]), number(r["member_states"]),
                number(r["member_states_with_invitation"]),
                "–" if r["share_percent"] is None else f"{r['share_percent']:.1f} %",
                number(r["observer_states_with_invitation"])] for r in yr.invitations.iter_rows(named=True)],
              caption="Share: Member States of the group with a standing invitation, of all its Member States.")
    invited = [r for r in yr.rows_by_name if r["standing_invitation"]]
    pdf.subheading(f"States with a standing invitation ({len(invited)}), with the year it was extended")
    # A no-break space keeps each year with its State's name.
    pdf.paragraph(" · ".join(f"{r['name']}\u00a0({r['standing_invitation_since'].year})" for r in invited)
                  or "None.", size=8.5)


def _visit_sections(pdf: Briefing, yr: _Year) -> None:
    """Sections 2 to 4: visits carried out, States never visited, the five-year status per State; each needs
    the records of the one before."""
    gap = yr.gap("visits")
    if gap:
        pdf.section(f"2. Country visits carried out in {yr.y}")
        pdf.paragraph(gap)
        return
    _visits_carried_out(pdf, yr)
    pdf.section(f"3. Member States never visited, as at {yr.d}")
    gap = yr.gap("visits", "window")
    if gap:
        pdf.paragraph(gap)
        return
    _never_visited(pdf, yr)
    _status_per_state(pdf, yr)


def _visits_carried_out(pdf: Briefing, yr: _Year) -> None:
    """Section 2: the year's visits by group, over the years, and one by one."""
    y, year = yr.y, yr.year
    heading = f"2. Country visits carried out in {y}"
    if yr.visits_by_group.height:
        pdf.chart(visits_by_region(yr.visits_by_group, f"Country visits carried out in {y}, by host's regional group",
                                   subtitle="No group: institutions, and territories of no State"),
                  width=150, alt_text=f"Bar chart of country visits carried out in {y} by regional group",
                  heading=heading)
    else:
        pdf.section(heading)
    if yr.trend.height:
        pdf.chart(charts.lines_over_years(yr.trend, "visits", "Visits carried out",
                                          f"Country visits carried out per year, {yr.first}-{year}"),
                  width=150, alt_text="Line chart of country visits per year by regional group")
    if yr.groups.height:
        _visits_by_group(pdf, yr)
    pdf.subheading(f"Visits carried out in {y} ({yr.visits.height})")
    pdf.table([Column("From", 0.8, nowrap=True), Column("To", 0.8, nowrap=True), Column("Host", 1.9),
               Column("Group", 0.65, nowrap=True), Column("Mandate", 4.4)],
              [[short_date(r["visit_start"]), short_date(r["visit_end"]), r["host"], _group(r["regional_group"]),
                r["mandate_title"]] for r in yr.visits.iter_rows(named=True)],
              empty=f"No country visit was carried out in {y} in the selected groups.")


def _visits_by_group(pdf: Briefing, yr: _Year) -> None:
    """Section 2's table of visits, pending requests and never-visited States per regional group."""
    threshold = yr.filters.threshold
    pdf.subheading(f"By regional group, as at {yr.d}")
    pdf.table([Column("Regional group", 2.6), Column("Member States", 0.8, "R"),
               Column(f"Visits to States in {yr.year}", 0.8, "R"), Column("Visits in 5 years", 0.8, "R"),
               Column("Pending requests", 0.8, "R"), Column("Never visited", 0.8, "R"),
               Column(f"{threshold}+ pending", 0.8, "R")],
              [[_group_name(r["regional_group"]), number(r["member_states"]), number(r["visits_in_year"]),
                number(r["visits_5y"]), number(r["pending_requests"]), number(r["never_visited"]),
                number(r["five_plus_pending"])] for r in yr.groups.iter_rows(named=True)],
              caption="Visits to States (not territories or institutions), by the host State's group. "
                      f"{threshold}+ pending: Member States with {threshold} or more pending requests.")


def _never_visited(pdf: Briefing, yr: _Year) -> None:
    """Section 3: the Member States never visited, by category."""
    f = yr.f
    pdf.paragraph(f"{f['member_states_never_visited']:,} Member States had never received a visit by a "
                  f"special procedure mandate holder; {f['member_states_visited']:,} had received at least one.")
    rows = []
    for code, label in NEVER_VISITED_CATEGORIES.items():
        names = [r["name"] for r in yr.rows_by_name if r["never_visited_category"] == code]
        rows.append([label, number(len(names)), ", ".join(names) or "–"])
    pdf.table([Column("Category", 1.3), Column("States", 0.5, "R"), Column("Names", 4.2)], rows)


def _status_per_state(pdf: Briefing, yr: _Year) -> None:
    """Section 4: each State's visits, pending requests and acceptances in the five-year window."""
    filters, d = yr.filters, yr.d
    pdf.section(f"4. Status of country visits per State, {filters.window_start.year}-{yr.year}", keep=70)
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
               for r in yr.rows_by_name], size=7.8,
              caption=f"Standing invitation: the year it was extended, if in force as at {d}. A State is "
                      f"flagged five-plus with {filters.threshold} or more pending requests.")


def _communications(pdf: Briefing, yr: _Year) -> None:
    """Section 5: communications and replies."""
    y, d, groups = yr.y, yr.d, yr.groups
    heading = f"5. Communications and replies, {y}"
    gap = yr.gap("communications")
    if gap:
        pdf.section(heading)
        pdf.paragraph(gap)
        return
    replies_gap = yr.gap("replies")
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
    if yr.trend.height:
        pdf.chart(charts.lines_over_years(yr.trend, "communications", "Communications",
                                          f"Communications to States and non-State actors, {yr.first}-{yr.year}",
                                          subtitle="Sent per year, by the regional group of the State addressed or concerned"),
                  width=150, alt_text="Line chart of communications per year by regional group")
    sent = [r for r in yr.rows_by_name if r["communications_in_year"]]
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
    return group_name(code) if code in REGIONAL_GROUP_NAMES else "States in no regional group"
