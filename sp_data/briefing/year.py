"""The year briefing: the facts and figures of a year, laid out like the annual report's statistical addendum."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from sp_data import charts
from sp_data.briefing.layout import Briefing, Column, alphabetical, date_text, number, percent, short_date
from sp_data.coverage import KINDS, NOT_RECORDED, Coverage, coverage, missing
from sp_data.exports import Provenance
from sp_data.facts import facts, states
from sp_data.figures import BY_KEY, HEADINGS, Facts, heading_rows
from sp_data.groups import by_group, trends
from sp_data.i18n import _, n_
from sp_data.i18n import number as num
from sp_data.i18n import percent_text
from sp_data.invitations import by_group as invitations_by_group
from sp_data.local_names import localize, mandate_title, state_name
from sp_data.params import Filters
from sp_data.schema import REGIONAL_GROUP_NAMES
from sp_data.snapshot import Snapshot
from sp_data.charts.visits import visits_by_region
from sp_data.plain import reply_rate_example
from sp_data.visits import NEVER_VISITED_CATEGORIES, visits_breakdown
from sp_data.wording import group_abbreviation, group_name, groups_text, period

TREND_YEARS = 10
DEFINITION_TERMS = ("reporting_year", "window", "in_year", "mandates", "standing_invitation", "visit_in_year",
                    "visited", "never_visited", "not_visited_window", "thread_status", "pending",
                    "accepted_window", "five_plus", "communications", "replies", "reply_rate")


def _group(code: str | None) -> str:
    return group_abbreviation(code) if code in REGIONAL_GROUP_NAMES else (code or "–")


def _yes(flag: bool | None) -> str:
    return _("Yes") if flag else _("No")


def _pct(part: int, whole: int) -> str:
    return "–" if not whole else percent_text(100 * part / whole, 1)


def _rate(value: float | None) -> str:
    """A rate as facts() gives it ('43.15 %'; '–' for a rate of nothing)."""
    return "–" if value is None else percent_text(value, 2)


def summary(f: Facts, filters: Filters) -> str:
    """The year in a few plain sentences, every number from facts()."""
    if f.not_recorded:
        return _partial_summary(f, filters)
    y, d = period(filters.as_at), date_text(filters.as_at)
    values = {"year": y, "total": num(f["mandates_total"]), "thematic": num(f["mandates_thematic"]),
                  "country": num(f["mandates_country"]), "visits": num(f["visits_in_year"]),
                  "hosts": num(f["visit_hosts_states_territories"])}
    if f["visit_hosts_institutions"]:
        text = _("In {year}, the {total} special procedures mandates ({thematic} thematic, {country} country) "
                 "carried out {visits} country visits to {hosts} States and territories and {institutions} "
                 "institutions.").format(institutions=num(f["visit_hosts_institutions"]), **values)
    else:
        text = _("In {year}, the {total} special procedures mandates ({thematic} thematic, {country} country) "
                 "carried out {visits} country visits to {hosts} States and territories.").format(**values)
    parts = [text, _(
        "As at {date}, {invited} of the {members} Member States ({share}) had a standing invitation; {never} had "
        "never been visited and {not_visited} had not been visited in the five years {first}-{last}.").format(
            date=d, invited=num(f["standing_invitations_member_states"]), members=num(f.member_states),
            share=_pct(f["standing_invitations_member_states"], f.member_states),
            never=num(f["member_states_never_visited"]), not_visited=num(f["member_states_not_visited_5y"]),
            first=filters.window_start.year, last=filters.as_at.year),
        _("{n} Member States had {threshold} or more pending requests and had accepted no visit in those five "
          "years.").format(n=num(f["member_states_five_plus_pending_no_acceptance"]), threshold=filters.threshold),
        _("Mandate holders sent {sent} communications ({joint} joint) to {states} States and {actors} non-State "
          "actors; {rate} of them had received a substantive reply by {date}.").format(
            sent=num(f["communications_sent"]), joint=num(f["communications_joint"]),
            states=num(f["communications_states_addressed"]), actors=num(f["communications_non_state_actors"]),
            rate=_rate(f["reply_rate_percent"]), date=d)]
    if filters.regions:
        parts.append(_("Figures about States count only States of the selected groups ({groups}); mandate figures "
                       "cover all mandates.").format(groups=", ".join(group_abbreviation(c) for c in filters.regions)))
    return " ".join(parts)


def _partial_summary(f: Facts, filters: Filters) -> str:
    """The summary of a snapshot that does not record every figure: a sentence per topic, each only if recorded."""
    y, d = period(filters.as_at), date_text(filters.as_at)
    unknown = set(f.not_recorded)
    not_recorded = _(NOT_RECORDED)
    parts = [_("In {year}, there were {total} special procedures mandates ({thematic} thematic, {country} "
               "country).").format(year=y, total=num(f["mandates_total"]), thematic=num(f["mandates_thematic"]),
                                    country=num(f["mandates_country"]))]
    if "visits_in_year" in unknown:
        parts.append(_("Country visits of {year}: {not_recorded}.").format(year=y, not_recorded=not_recorded))
    else:
        parts.append(_("They carried out {visits} country visits to {hosts} States and territories.").format(
            visits=num(f["visits_in_year"]), hosts=num(f["visit_hosts_states_territories"])))
    if "standing_invitations_member_states" in unknown:
        parts.append(_("Standing invitations: {not_recorded}.").format(not_recorded=not_recorded))
    else:
        parts.append(_("As at {date}, {invited} of the {members} Member States had a standing invitation.").format(
            date=d, invited=num(f["standing_invitations_member_states"]), members=num(f.member_states)))
    if "member_states_never_visited" not in unknown:
        parts.append(_("{n} Member States had never been visited by {date}.").format(
            n=num(f["member_states_never_visited"]), date=d))
    if "communications_sent" in unknown:
        parts.append(_("Communications of {year}: {not_recorded}.").format(year=y, not_recorded=not_recorded))
    else:
        parts.append(_("Mandate holders sent {sent} communications ({joint} joint) to {states} States and {actors} "
                       "non-State actors.").format(
            sent=num(f["communications_sent"]), joint=num(f["communications_joint"]),
            states=num(f["communications_states_addressed"]), actors=num(f["communications_non_state_actors"])))
        if "reply_rate_percent" in unknown:
            parts.append(_("Replies: {not_recorded}.").format(not_recorded=not_recorded))
        elif f["reply_rate_percent"] is not None:
            parts.append(_("{rate} of them had received a substantive reply by {date}.").format(
                rate=_rate(f["reply_rate_percent"]), date=d))
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
    # Names in the reader's language, and the lists of States in its alphabetical order.
    return _Year(filters, facts(con, filters), alphabetical(localize(states(con, filters)).to_dicts()),
                 by_group(con, filters), trends(con, filters, first, year), breakdown["visits"],
                 breakdown["regional_group"],
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
    pdf.section(_("Definitions used"))
    pdf.definition_list(DEFINITION_TERMS, {"reply_rate": reply_rate_example(yr.f, filters)})
    pdf.section(_("Provenance"), keep=50)
    pdf.provenance_section(snapshot.source)
    return pdf.output_bytes()


def _title(snapshot: Snapshot, yr: _Year) -> Briefing:
    """The briefing with its first page's title block."""
    prov = Provenance.of(snapshot, yr.filters)
    pdf = Briefing(prov, _("Facts and figures {year}: cooperation of States with the special procedures").format(
                       year=yr.y),
                   running_title=_("Facts and figures {year} · cooperation with the special procedures").format(
                       year=yr.y))
    pdf.title_block(_("Facts and figures {year}").format(year=yr.y),
                    _("Cooperation of States with the special procedures of the Human Rights Council: "
                      "standing invitations, country visits, communications and replies."),
                    _("As at {date} · {groups} · five-year window {first}-{last} · snapshot {snapshot} of "
                      "{created}").format(date=yr.d, groups=groups_text(yr.filters.regions),
                                          first=yr.filters.window_start.year, last=yr.year, snapshot=snapshot.id,
                                          created=prov.created_text))
    return pdf


def _summary_section(pdf: Briefing, yr: _Year) -> None:
    """The year in sentences, then its headline figures as tiles."""
    f, y = yr.f, yr.y
    pdf.section(_("Summary"), keep=60)
    pdf.paragraph(summary(f, yr.filters))
    if f.not_recorded:
        pdf.paragraph(_("Figures marked “not recorded” are {not_recorded}:").format(not_recorded=_(NOT_RECORDED))
                      + " " + " ".join(n for n in (yr.gap(k, None) for k in KINDS) if n), size=8.8)
    pdf.tiles([
        (_fact(f, "visits_in_year"), _("country visits carried out in {year}").format(year=y)),
        (_fact(f, "standing_invitations_member_states") if f["standing_invitations_member_states"] is None
         else f"{num(f['standing_invitations_member_states'])} / {num(f.member_states)}",
         _("Member States with a standing invitation")),
        (_fact(f, "member_states_never_visited"), _("Member States never visited")),
        (_fact(f, "member_states_five_plus_pending_no_acceptance"),
         _("Member States with {threshold}+ pending requests and no visit accepted in five years").format(
             threshold=yr.filters.threshold)),
        (_fact(f, "communications_sent"), _("communications sent in {year}").format(year=y)),
        (_fact(f, "communications_states_addressed"), _("States addressed by a communication")),
        (_fact(f, "replies_received_in_year"), _("replies received in {year}").format(year=y)),
        (_fact(f, "reply_rate_percent"),
         _("of the communications of {year} had a substantive reply by {date}").format(year=y, date=yr.d)),
    ])


def _key_figures(pdf: Briefing, yr: _Year) -> None:
    """The annual report's figures, under their headings (sp_data.figures)."""
    pdf.section(_("Key figures"))
    rows = [[_(heading) if i == 0 else "", _(figure.row_label), yr.f.row_text(figure)]
            for heading in HEADINGS for i, figure in enumerate(heading_rows(heading))]
    pdf.table([Column(_("Topic"), 1.2), Column(_("Figure"), 3.0), Column(yr.y, 0.9, "R")], rows,
              caption=_("Definitions are at the end of this briefing. Figures about States count Member States "
                        "unless stated otherwise."))


def _invitations_section(pdf: Briefing, yr: _Year) -> None:
    """Section 1: standing invitations by group and by State."""
    f = yr.f
    pdf.section(_("1. Standing invitations as at {date}").format(date=yr.d))
    gap = yr.gap("standing_invitations", "history")
    if gap:
        pdf.paragraph(gap)
        return
    observers = f["standing_invitations_observer_states"]
    pdf.paragraph(n_("{members} Member States and {n} observer State had extended a standing invitation to all "
                     "thematic special procedures.",
                     "{members} Member States and {n} observer States had extended a standing invitation to all "
                     "thematic special procedures.", observers).format(
        members=num(f["standing_invitations_member_states"]), n=num(observers)))
    pdf.table([Column(_("Regional group"), 3.0), Column(_("Member States"), 1.0, "R"),
               Column(_("With a standing invitation"), 1.3, "R"), Column(_("Share"), 0.8, "R"),
               Column(_("Observer States with one"), 1.2, "R")],
              [[_group_name(r["regional_group"]), number(r["member_states"]),
                number(r["member_states_with_invitation"]), percent(r["share_percent"]),
                number(r["observer_states_with_invitation"])] for r in yr.invitations.iter_rows(named=True)],
              caption=_("Share: Member States of the group with a standing invitation, of all its Member States."))
    invited = [r for r in yr.rows_by_name if r["standing_invitation"]]
    pdf.subheading(_("States with a standing invitation ({n}), with the year it was extended").format(
        n=num(len(invited))))
    # A no-break space keeps each year with its State's name.
    pdf.paragraph(" · ".join(f"{r['name']}\u00a0({r['standing_invitation_since'].year})" for r in invited)
                  or _("None."), size=8.5)


def _visit_sections(pdf: Briefing, yr: _Year) -> None:
    """Sections 2 to 4: visits carried out, States never visited, the five-year status per State; each needs
    the records of the one before."""
    gap = yr.gap("visits")
    if gap:
        pdf.section(_("2. Country visits carried out in {year}").format(year=yr.y))
        pdf.paragraph(gap)
        return
    _visits_carried_out(pdf, yr)
    pdf.section(_("3. Member States never visited, as at {date}").format(date=yr.d))
    gap = yr.gap("visits", "window")
    if gap:
        pdf.paragraph(gap)
        return
    _never_visited(pdf, yr)
    _status_per_state(pdf, yr)


def _visits_carried_out(pdf: Briefing, yr: _Year) -> None:
    """Section 2: the year's visits by group, over the years, and one by one."""
    y, year = yr.y, yr.year
    heading = _("2. Country visits carried out in {year}").format(year=y)
    if yr.visits_by_group.height:
        pdf.chart(visits_by_region(yr.visits_by_group,
                                   _("Country visits carried out in {year}, by host's regional group").format(year=y),
                                   subtitle=_("No group: institutions, and territories of no State")),
                  width=150, alt_text=_("Bar chart of country visits carried out in {year} by regional group").format(
                      year=y),
                  heading=heading)
    else:
        pdf.section(heading)
    if yr.trend.height:
        pdf.chart(charts.lines_over_years(yr.trend, "visits", _("Visits carried out"),
                                          _("Country visits carried out per year, {first}-{last}").format(
                                              first=yr.first, last=year)),
                  width=150, alt_text=_("Line chart of country visits per year by regional group"))
    if yr.groups.height:
        _visits_by_group(pdf, yr)
    pdf.subheading(_("Visits carried out in {year} ({n})").format(year=y, n=num(yr.visits.height)))
    pdf.table([Column(_("From"), 0.8, nowrap=True), Column(_("To"), 0.8, nowrap=True), Column(_("Host"), 1.9),
               Column(_("Group"), 0.65, nowrap=True), Column(_("Mandate"), 4.4)],
              [[short_date(r["visit_start"]), short_date(r["visit_end"]), state_name(r["iso3"], r["host"]),
                _group(r["regional_group"]), mandate_title(r["mandate_id"], r["mandate_title"])]
               for r in yr.visits.iter_rows(named=True)],
              empty=_("No country visit was carried out in {year} in the selected groups.").format(year=y))


def _visits_by_group(pdf: Briefing, yr: _Year) -> None:
    """Section 2's table of visits, pending requests and never-visited States per regional group."""
    threshold = yr.filters.threshold
    pdf.subheading(_("By regional group, as at {date}").format(date=yr.d))
    pdf.table([Column(_("Regional group"), 2.6), Column(_("Member States"), 0.8, "R"),
               Column(_("Visits to States in {year}").format(year=yr.year), 0.8, "R"),
               Column(_("Visits in 5 years"), 0.8, "R"),
               Column(_("Pending requests"), 0.8, "R"), Column(_("Never visited"), 0.8, "R"),
               Column(_("{threshold}+ pending").format(threshold=threshold), 0.8, "R")],
              [[_group_name(r["regional_group"]), number(r["member_states"]), number(r["visits_in_year"]),
                number(r["visits_5y"]), number(r["pending_requests"]), number(r["never_visited"]),
                number(r["five_plus_pending"])] for r in yr.groups.iter_rows(named=True)],
              caption=_("Visits to States (not territories or institutions), by the host State's group. "
                        "{threshold}+ pending: Member States with {threshold} or more pending requests.").format(
                  threshold=threshold))


def _never_visited(pdf: Briefing, yr: _Year) -> None:
    """Section 3: the Member States never visited, by category."""
    f = yr.f
    pdf.paragraph(_("{never} Member States had never received a visit by a special procedure mandate holder; "
                    "{visited} had received at least one.").format(never=num(f["member_states_never_visited"]),
                                                                   visited=num(f["member_states_visited"])))
    rows = []
    for code, label in NEVER_VISITED_CATEGORIES.items():
        names = [r["name"] for r in yr.rows_by_name if r["never_visited_category"] == code]
        rows.append([_(label), number(len(names)), ", ".join(names) or "–"])
    pdf.table([Column(_("Category"), 1.3), Column(_("States"), 0.5, "R"), Column(_("Names"), 4.2)], rows)


def _status_per_state(pdf: Briefing, yr: _Year) -> None:
    """Section 4: each State's visits, pending requests and acceptances in the five-year window."""
    filters, d = yr.filters, yr.d
    pdf.section(_("4. Status of country visits per State, {first}-{last}").format(
        first=filters.window_start.year, last=yr.year), keep=70)
    pdf.paragraph(_("For each State: standing invitation, visits carried out in the five-year window "
                    "({start} to {date}), the last visit, requests pending as at {date} and the oldest of them, and "
                    "whether any visit was accepted in the window.").format(start=date_text(filters.window_start),
                                                                            date=d), size=8.8)
    pdf.table([Column(_("State"), 2.5), Column(_("Group"), 0.8, nowrap=True),
               Column(_("Standing invitation"), 1.0, "C"),
               Column(_("Visits in 5 years"), 0.75, "R"), Column(_("Last visit"), 1.05, "R", nowrap=True),
               Column(_("Pending requests"), 0.95, "R"), Column(_("Oldest pending"), 1.05, "R", nowrap=True),
               Column(_("Accepted in 5 years"), 0.9, "C")],
              [[r["name"] if r["un_status"] == "member" else _("{state} (observer)").format(state=r["name"]),
                _group(r["regional_group"]),
                str(r["standing_invitation_since"].year) if r["standing_invitation"] else _("No"),
                number(r["visits_5y"]), short_date(r["last_visit_on"]), number(r["pending_requests"]),
                short_date(r["oldest_pending_request_on"]), _yes(r["accepted_in_5y"])]
               for r in yr.rows_by_name], size=7.8,
              caption=_("Standing invitation: the year it was extended, if in force as at {date}. A State is "
                        "flagged five-plus with {threshold} or more pending requests.").format(
                  date=d, threshold=filters.threshold))


def _communications(pdf: Briefing, yr: _Year) -> None:
    """Section 5: communications and replies."""
    y, d, groups = yr.y, yr.d, yr.groups
    heading = _("5. Communications and replies, {year}").format(year=y)
    gap = yr.gap("communications")
    if gap:
        pdf.section(heading)
        pdf.paragraph(gap)
        return
    replies_gap = yr.gap("replies")
    if groups.height:
        pdf.chart(charts.bars_by_group(groups, "communications_in_year", _("Communications"),
                                       _("Communications sent to States in {year}, by regional group").format(year=y),
                                       subtitle=_("Letters addressed to a State; not those to non-State actors")),
                  width=150, alt_text=_("Bar chart of communications by regional group"), heading=heading)
        if not replies_gap:
            pdf.chart(charts.bars_by_group(groups, "reply_rate_percent", _("Substantive reply rate (%)"),
                                           _("Substantive reply rate of States to communications sent in {year}")
                                           .format(year=y),
                                           subtitle=_("Communications with at least one substantive reply by {date}")
                                           .format(date=d),
                                           fmt=".1f"),
                      width=150, alt_text=_("Bar chart of reply rates by regional group"))
    else:
        pdf.section(heading)
    if replies_gap:
        pdf.paragraph(replies_gap)
    if yr.trend.height:
        pdf.chart(charts.lines_over_years(yr.trend, "communications", _("Communications"),
                                          _("Communications to States and non-State actors, {first}-{last}").format(
                                              first=yr.first, last=yr.year),
                                          subtitle=_("Sent per year, by the regional group of the State addressed "
                                                     "or concerned")),
                  width=150, alt_text=_("Line chart of communications per year by regional group"))
    sent = [r for r in yr.rows_by_name if r["communications_in_year"]]
    pdf.subheading(n_("Communications sent to each State in {year} ({n} State)",
                      "Communications sent to each State in {year} ({n} States)", len(sent)).format(
        year=y, n=num(len(sent))))
    missing_text = _("not recorded") if replies_gap else "–"
    pdf.table([Column(_("State"), 2.8), Column(_("Group"), 0.8, nowrap=True), Column(_("Communications"), 1.0, "R"),
               Column(_("With a substantive reply"), 1.2, "R"), Column(_("Reply rate"), 0.9, "R")],
              [[r["name"], _group(r["regional_group"]), number(r["communications_in_year"]),
                number(r["substantive_replied_in_year"], none=missing_text),
                percent(r["reply_rate_percent"], none=missing_text)]
               for r in sent],
              empty=_("No communication was sent to a State of the selected groups in {year}.").format(year=y),
              caption=_("Communications addressed to the State as recipient, sent in {year}; replied = at least "
                        "one substantive reply received by {date}. States sent no communication are not listed.")
              .format(year=y, date=d))


def _group_name(code: str | None) -> str:
    return group_name(code) if code in REGIONAL_GROUP_NAMES else _("States in no regional group")
