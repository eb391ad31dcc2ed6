"""The figures of a year, each once: its label, definition terms, unit, format, place on the pages and link.

Every surface that shows the annual report's figures renders from FIGURES: the Overview and
Communications tiles, the year briefing's key-figures table, the CLI's `facts` table. The registry's
order is the annual report's (and `facts --json`'s). A figure is a column of one of the facts queries
(queries/facts_<topic>.sql); adding one is an entry here plus its column in that query.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Where figures are shown on the Overview, in this order; each figure names its section and place.
OVERVIEW_SECTIONS = ("Country visits", "States never visited", "The last five years",
                     "Standing invitations and mandates", "Communications", "Replies")
# The Overview's sections the Communications page also shows (without the links: it is their page).
COMMUNICATIONS_SECTIONS = ("Communications", "Replies")


@dataclass(frozen=True)
class Figure:
    """One figure: how it is named, defined, formatted, and where it is shown.

    label: its name standing alone (the CLI's table, a spreadsheet). heading: the heading of the briefing's
    table it is listed under; row: its name under that heading (default label); tile: its name on a tile
    (default row). terms: the definitions that apply to it (sp_data.plain.PLAIN); help: its tile's help,
    a template over the period, as-at date, window and threshold (sp_data.plain.tile_help). unit "%": a
    percentage ("43.15 %"). tile_format: the tile's text, a str.format template over the figure (value)
    and the other facts ("{value} of {member_states}"). overview: (section, place 1-4) on the Overview,
    None for a figure it does not tile; link: the page that details it. published: one of the annual
    report's figures (`facts --json`); otherwise a figure others are read against.
    """

    key: str
    label: str
    heading: str
    terms: tuple[str, ...] = ()
    unit: str = ""
    row: str = ""
    tile: str = ""
    tile_format: str = ""
    overview: tuple[str, int] | None = None
    link: str | None = None
    published: bool = True
    help: str = ""

    @property
    def row_label(self) -> str:
        return self.row or self.label

    @property
    def tile_label(self) -> str:
        return self.tile or self.row or self.label

    @property
    def cli_label(self) -> str:
        """The label with its unit, for a table of bare numbers: 'Substantive reply rate (%)'."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def number(self, value: float | None, none: str = "–") -> str:
        """The value with its unit: '1,128', '43.15 %' ('–' for a figure of nothing)."""
        if value is None:
            return none
        return f"{value:.2f} {self.unit}" if self.unit == "%" else f"{value:,}"

    def bare(self, value: float | None, none: str = "-") -> str:
        """The value without its unit (the CLI's table): '1,128', '43.15'."""
        if value is None:
            return none
        return f"{value:.2f}" if isinstance(value, float) else f"{value:,}"


# The headings of the briefing's table, in the order of the report.
MANDATES, INVITATIONS, VISITS = "Mandates", "Standing invitations", "Country visits"
WINDOW, LETTERS = "The five-year window", "Communications and replies"
V, N, W, S, C, R = OVERVIEW_SECTIONS

FIGURES: tuple[Figure, ...] = (
    Figure("mandates_total", "Mandates", MANDATES, ("mandates",), overview=(S, 3), link="pages/data.py",
           help="Special procedure mandates in force on {as_at}: established by then and not yet ended."),
    Figure("mandates_thematic", "Thematic mandates", MANDATES, ("mandates",)),
    Figure("mandates_country", "Country mandates", MANDATES, ("mandates", "country_mandate_access"),
           tile="Thematic / country", tile_format="{mandates_thematic} / {value}", overview=(S, 4),
           link="pages/profile.py",
           help=("Thematic mandates (a subject, such as torture) and country mandates (one country) in force on "
                 "{as_at}.")),
    Figure("standing_invitations_member_states", "Member States with a standing invitation", INVITATIONS,
           ("standing_invitation",), tile="Member States", tile_format="{value} of {member_states}",
           overview=(S, 1), link="pages/standing_invitations.py",
           help=("Member States holding a standing invitation on {as_at}: an open invitation to every thematic special"
                 " procedure to visit.")),
    Figure("standing_invitations_observer_states", "Observer States with a standing invitation", INVITATIONS,
           ("standing_invitation",), tile="Observer States", overview=(S, 2), link="pages/standing_invitations.py",
           help="Observer States (the Holy See, the State of Palestine) holding a standing invitation on {as_at}."),
    Figure("visits_in_year", "Country visits carried out in the year", VISITS, ("visit_in_year",),
           tile="Visits carried out", overview=(V, 1), link="pages/country_visits.py",
           help="Country visits carried out in {period}, each counted in the year of its first day."),
    Figure("visit_hosts_states_territories", "States and territories visited in the year", VISITS,
           ("visit_in_year",), row="States and territories visited", tile="States and territories",
           overview=(V, 2), link="pages/country_visits.py",
           help=("The States and territories (such as Greenland) visited in {period}; a host visited twice counts "
                 "once.")),
    Figure("visit_hosts_institutions", "Institutions visited in the year", VISITS, ("visit_in_year",),
           row="Institutions visited", overview=(V, 3), link="pages/country_visits.py",
           help="The institutions (such as the World Bank) visited in {period}; each counts once."),
    Figure("member_states_visited", "Member States ever visited", VISITS, ("visited",), overview=(V, 4),
           link="pages/never_visited.py",
           help="Member States that a special procedure had visited at least once by {as_at}."),
    Figure("member_states_never_visited", "Member States never visited", VISITS, ("never_visited",),
           tile="Never visited", overview=(N, 1), link="pages/never_visited.py",
           help="Member States that no special procedure had visited by {as_at}."),
    Figure("never_visited_no_request", "Never visited: no request", VISITS, ("never_visited",),
           row="…no request received", overview=(N, 2), link="pages/never_visited.py",
           help="Never-visited Member States to which no visit request had been sent by {as_at}."),
    Figure("never_visited_requests_not_accepted", "Never visited: requests not accepted", VISITS,
           ("never_visited",), row="…requests not accepted", overview=(N, 3), link="pages/never_visited.py",
           help="Never-visited Member States that had been sent visit requests by {as_at} and accepted none."),
    Figure("never_visited_accepted_not_yet_conducted", "Never visited: accepted, not yet carried out", VISITS,
           ("never_visited",), row="…accepted, not yet carried out", tile="…accepted, not yet held",
           overview=(N, 4), link="pages/never_visited.py",
           help=("Never-visited Member States that had accepted a visit (an invitation, acceptance, proposed dates or "
                 "a postponement) that had not taken place by {as_at}.")),
    Figure("member_states_not_visited_5y", "Member States not visited in five years", WINDOW,
           ("window", "not_visited_window"), tile="Not visited in five years", overview=(W, 1),
           link="pages/country_visits.py",
           help="Member States that received no visit in {window}."),
    Figure("member_states_not_visited_5y_with_request", "…of which received a request in five years",
           WINDOW, ("window", "not_visited_window"), row="…of which received a request",
           tile="…of which had a request", overview=(W, 2), link="pages/pending_requests.py",
           help="Of the Member States not visited in {window}, those sent a visit request or reminder in those years."),
    Figure("member_states_five_plus_pending_no_acceptance",
           "Five or more pending requests, no visit accepted in five years", WINDOW,
           ("pending", "five_plus", "accepted_window"), row="Five or more pending requests, no visit accepted",
           tile="5+ pending, none accepted", overview=(W, 3), link="pages/pending_requests.py",
           help=("Member States with {threshold} or more visit requests pending on {as_at} that accepted no visit in "
                 "{window}.")),
    Figure("member_states_five_plus_visits_5y", "Member States with five or more visits in five years",
           WINDOW, ("window", "visit_in_year"), row="Five or more visits in five years",
           tile="Five or more visits", overview=(W, 4), link="pages/country_visits.py",
           help="Member States that received five or more visits in {window}."),
    Figure("communications_sent", "Communications sent in the year", LETTERS, ("communications",),
           tile="Communications sent", overview=(C, 1), link="pages/communications.py",
           help="Letters the special procedures sent in {period} to States and to non-State actors."),
    Figure("communications_joint", "Joint communications", LETTERS, ("communications",), row="…of which joint",
           overview=(C, 2), link="pages/communications.py",
           help="Of the letters sent in {period}, those sent by two or more mandates together."),
    Figure("communications_states_addressed", "States addressed", LETTERS, ("communications",),
           overview=(C, 3), link="pages/communications.py",
           help="States sent at least one letter in {period}; each State counts once."),
    Figure("communications_non_state_actors", "Non-State actors addressed", LETTERS, ("communications",),
           overview=(C, 4), link="pages/communications.py",
           help=("Companies, armed groups and other non-State actors sent at least one letter in {period}; each counts"
                 " once.")),
    Figure("communications_individuals", "Individuals covered", LETTERS, ("communications",)),
    Figure("communications_individuals_female", "…of whom female", LETTERS, ("communications",)),
    Figure("replies_received_in_year", "Replies received in the year", LETTERS, ("replies",), overview=(R, 1),
           link="pages/communications.py",
           help="Replies received in {period}, whatever year the letter they answer was sent."),
    Figure("replies_received_in_year_substantive", "…of which substantive", LETTERS, ("replies",),
           overview=(R, 2), link="pages/communications.py",
           help=("Of the replies received in {period}, those that answer in substance rather than only acknowledge "
                 "receipt.")),
    Figure("replies_to_year_communications", "Replies to the year's communications", LETTERS, ("reply_rate",),
           tile="Replies to the year's letters", overview=(R, 3), link="pages/communications.py",
           help="Letters sent in {period} that had a reply of any kind by {as_at}."),
    Figure("replies_to_year_communications_substantive", "…of which substantive", LETTERS, ("reply_rate",)),
    Figure("reply_rate_percent", "Substantive reply rate", LETTERS, ("reply_rate",), unit="%", overview=(R, 4),
           link="pages/communications.py",
           help="Of the letters sent in {period}, the share with at least one substantive reply by {as_at}."),
    # Not in the report's table: what other figures are read against.
    Figure("member_states", "Member States", INVITATIONS, published=False),
    Figure("communications_substantively_replied", "Communications with a substantive reply by the as-at date",
           LETTERS, ("reply_rate",), published=False),
)

BY_KEY: dict[str, Figure] = {f.key: f for f in FIGURES}
# The annual report's figures, in the order `facts --json` prints them.
PUBLISHED: tuple[Figure, ...] = tuple(f for f in FIGURES if f.published)
HEADINGS: tuple[str, ...] = tuple(dict.fromkeys(f.heading for f in PUBLISHED))


def heading_rows(heading: str) -> tuple[Figure, ...]:
    """The published figures under one heading of the briefing's table, in the report's order."""
    return tuple(f for f in PUBLISHED if f.heading == heading)


def section(title: str) -> tuple[Figure, ...]:
    """The figures tiled in one section of the Overview, in their places."""
    return tuple(sorted((f for f in FIGURES if f.overview and f.overview[0] == title),
                        key=lambda f: f.overview[1] if f.overview else 0))


@dataclass(frozen=True, eq=False)
class Facts(Mapping[str, Any]):
    """The figures of a year by key (in the registry's order, then any extra), and which are not recorded.

    A read-only mapping, as `facts --json` and the tests read it; pages read not_recorded and the
    rendering helpers by attribute. A value is None when the snapshot does not record its records for
    the period it needs (listed in not_recorded), or when it is a rate of nothing.
    """

    data: Mapping[str, Any]
    not_recorded: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        return self.not_recorded if key == "not_recorded" else self.data[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.data
        yield "not_recorded"

    def __len__(self) -> int:
        return len(self.data) + 1

    def __repr__(self) -> str:
        return f"Facts({dict(self.data)!r}, not_recorded={self.not_recorded!r})"

    @property
    def member_states(self) -> int:
        """Member States of the selected groups (reference data: always known)."""
        return int(self.data["member_states"])

    def is_recorded(self, key: str) -> bool:
        return key not in self.not_recorded

    def tile_text(self, figure: Figure) -> str:
        """The figure as its tile shows it: '82', '43.15 %', '128 of 193', '46 / 14'."""
        value = self.data[figure.key]
        if figure.tile_format:
            return figure.tile_format.format(value=value, **self.data)
        return figure.number(value)

    def row_text(self, figure: Figure, not_recorded: str = "not recorded") -> str:
        """The figure in a table cell: its number with its unit, or said not recorded."""
        return not_recorded if figure.key in self.not_recorded else figure.number(self.data.get(figure.key))

    def published(self) -> dict[str, Any]:
        """Exactly the annual report's figures, in their order (`facts --json`)."""
        return {f.key: self.data[f.key] for f in PUBLISHED}
