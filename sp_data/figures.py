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

from sp_data.i18n import N_, _, number, p_, percent_text

# Where figures are shown on the Overview, in this order; each figure names its section and place.
OVERVIEW_SECTIONS = (N_("Country visits"), N_("States never visited"), N_("The last five years"),
                     N_("Standing invitations and mandates"), N_("Communications"), N_("Replies"))
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

    # The labels read in the reader's language (the fields hold the English, the catalogs' ids).
    @property
    def label_text(self) -> str:
        return _(self.label)

    @property
    def row_label(self) -> str:
        return _(self.row or self.label)

    @property
    def tile_label(self) -> str:
        english = self.tile or self.row or self.label
        if english in SHORT_TILES:  # a language's shorter tile wording, where it has one
            short = p_("tile", english)
            if short != english:
                return short
        return _(english)

    @property
    def cli_label(self) -> str:
        """The label with its unit, for a table of bare numbers: 'Substantive reply rate (%)'."""
        return f"{_(self.label)} ({self.unit})" if self.unit else _(self.label)

    def number(self, value: float | None, none: str = "–") -> str:
        """The value with its unit: '1,128', '43.15 %' ('–' for a figure of nothing), in the reader's language."""
        if value is None:
            return none
        return percent_text(value) if self.unit == "%" else number(value)

    def bare(self, value: float | None, none: str = "-") -> str:
        """The value without its unit (the CLI's table): '1,128', '43.15'."""
        if value is None:
            return none
        return number(value, 2) if isinstance(value, float) else number(value)


# Tile wordings a language may shorten where its full one would be cut on a tile (the tile's help gives it
# whole): the catalogs translate them under the context "tile" (tests/test_translations_shared.py checks them).
SHORT_TILES = frozenset({
    "Non-State actors addressed", "Replies received in the year", "Replies to the year's letters",
    "Member States ever visited", "…accepted, not yet held", "…of which had a request", "5+ pending, none accepted",
    "Substantive reply rate",
})


# The headings of the briefing's table, in the order of the report.
MANDATES, INVITATIONS, VISITS = N_("Mandates"), N_("Standing invitations"), N_("Country visits")
WINDOW, LETTERS = N_("The five-year window"), N_("Communications and replies")
V, N, W, S, C, R = OVERVIEW_SECTIONS

FIGURES: tuple[Figure, ...] = (
    Figure("mandates_total", N_("Mandates"), MANDATES, ("mandates",), overview=(S, 3), link="pages/data.py",
           help=N_("Special procedure mandates in force on {as_at}: established by then and not yet ended.")),
    Figure("mandates_thematic", N_("Thematic mandates"), MANDATES, ("mandates",)),
    Figure("mandates_country", N_("Country mandates"), MANDATES, ("mandates", "country_mandate_access"),
           tile=N_("Thematic / country"), tile_format="{mandates_thematic} / {value}", overview=(S, 4),
           link="pages/profile.py",
           help=N_("Thematic mandates (a subject, such as torture) and country mandates (one country) in force on "
                 "{as_at}.")),
    Figure("standing_invitations_member_states", N_("Member States with a standing invitation"), INVITATIONS,
           ("standing_invitation",), tile=N_("Member States"), tile_format=N_("{value} of {member_states}"),
           overview=(S, 1), link="pages/standing_invitations.py",
           help=N_("Member States holding a standing invitation on {as_at}: an open invitation to every thematic special"
                 " procedure to visit.")),
    Figure("standing_invitations_observer_states", N_("Observer States with a standing invitation"), INVITATIONS,
           ("standing_invitation",), tile=N_("Observer States"), overview=(S, 2), link="pages/standing_invitations.py",
           help=N_("Observer States (the Holy See, the State of Palestine) holding a standing invitation on {as_at}.")),
    Figure("visits_in_year", N_("Country visits carried out in the year"), VISITS, ("visit_in_year",),
           tile=N_("Visits carried out"), overview=(V, 1), link="pages/country_visits.py",
           help=N_("Country visits carried out in {period}, each counted in the year of its first day.")),
    Figure("visit_hosts_states_territories", N_("States and territories visited in the year"), VISITS,
           ("visit_in_year",), row=N_("States and territories visited"), tile=N_("States and territories"),
           overview=(V, 2), link="pages/country_visits.py",
           help=N_("The States and territories (such as Greenland) visited in {period}; a host visited twice counts "
                 "once.")),
    Figure("visit_hosts_institutions", N_("Institutions visited in the year"), VISITS, ("visit_in_year",),
           row=N_("Institutions visited"), overview=(V, 3), link="pages/country_visits.py",
           help=N_("The institutions (such as the World Bank) visited in {period}; each counts once.")),
    Figure("member_states_visited", N_("Member States ever visited"), VISITS, ("visited",), overview=(V, 4),
           link="pages/never_visited.py",
           help=N_("Member States that a special procedure had visited at least once by {as_at}.")),
    Figure("member_states_never_visited", N_("Member States never visited"), VISITS, ("never_visited",),
           tile=N_("Never visited"), overview=(N, 1), link="pages/never_visited.py",
           help=N_("Member States that no special procedure had visited by {as_at}.")),
    Figure("never_visited_no_request", N_("Never visited: no request"), VISITS, ("never_visited",),
           row=N_("…no request received"), overview=(N, 2), link="pages/never_visited.py",
           help=N_("Never-visited Member States to which no visit request had been sent by {as_at}.")),
    Figure("never_visited_requests_not_accepted", N_("Never visited: requests not accepted"), VISITS,
           ("never_visited",), row=N_("…requests not accepted"), overview=(N, 3), link="pages/never_visited.py",
           help=N_("Never-visited Member States that had been sent visit requests by {as_at} and accepted none.")),
    Figure("never_visited_accepted_not_yet_conducted", N_("Never visited: accepted, not yet carried out"), VISITS,
           ("never_visited",), row=N_("…accepted, not yet carried out"), tile=N_("…accepted, not yet held"),
           overview=(N, 4), link="pages/never_visited.py",
           help=N_("Never-visited Member States that had accepted a visit (an invitation, acceptance, proposed dates or "
                 "a postponement) that had not taken place by {as_at}.")),
    Figure("member_states_not_visited_5y", N_("Member States not visited in five years"), WINDOW,
           ("window", "not_visited_window"), tile=N_("Not visited in five years"), overview=(W, 1),
           link="pages/country_visits.py",
           help=N_("Member States that received no visit in {window}.")),
    Figure("member_states_not_visited_5y_with_request", N_("…of which received a request in five years"),
           WINDOW, ("window", "not_visited_window"), row=N_("…of which received a request"),
           tile=N_("…of which had a request"), overview=(W, 2), link="pages/pending_requests.py",
           help=N_("Of the Member States not visited in {window}, those sent a visit request or reminder in those years.")),
    Figure("member_states_five_plus_pending_no_acceptance",
           N_("Five or more pending requests, no visit accepted in five years"), WINDOW,
           ("pending", "five_plus", "accepted_window"), row=N_("Five or more pending requests, no visit accepted"),
           tile=N_("5+ pending, none accepted"), overview=(W, 3), link="pages/pending_requests.py",
           help=N_("Member States with {threshold} or more visit requests pending on {as_at} that accepted no visit in "
                 "{window}.")),
    Figure("member_states_five_plus_visits_5y", N_("Member States with five or more visits in five years"),
           WINDOW, ("window", "visit_in_year"), row=N_("Five or more visits in five years"),
           tile=N_("Five or more visits"), overview=(W, 4), link="pages/country_visits.py",
           help=N_("Member States that received five or more visits in {window}.")),
    Figure("communications_sent", N_("Communications sent in the year"), LETTERS, ("communications",),
           tile=N_("Communications sent"), overview=(C, 1), link="pages/communications.py",
           help=N_("Letters the special procedures sent in {period} to States and to non-State actors.")),
    Figure("communications_joint", N_("Joint communications"), LETTERS, ("communications",), row=N_("…of which joint"),
           overview=(C, 2), link="pages/communications.py",
           help=N_("Of the letters sent in {period}, those sent by two or more mandates together.")),
    Figure("communications_states_addressed", N_("States addressed"), LETTERS, ("communications",),
           overview=(C, 3), link="pages/communications.py",
           help=N_("States sent at least one letter in {period}; each State counts once.")),
    Figure("communications_non_state_actors", N_("Non-State actors addressed"), LETTERS, ("communications",),
           overview=(C, 4), link="pages/communications.py",
           help=N_("Companies, armed groups and other non-State actors sent at least one letter in {period}; each counts"
                 " once.")),
    Figure("communications_individuals", N_("Individuals covered"), LETTERS, ("communications",)),
    Figure("communications_individuals_female", N_("…of whom female"), LETTERS, ("communications",)),
    Figure("replies_received_in_year", N_("Replies received in the year"), LETTERS, ("replies",), overview=(R, 1),
           link="pages/communications.py",
           help=N_("Replies received in {period}, whatever year the letter they answer was sent.")),
    Figure("replies_received_in_year_substantive", N_("…of which substantive"), LETTERS, ("replies",),
           overview=(R, 2), link="pages/communications.py",
           help=N_("Of the replies received in {period}, those that answer in substance rather than only acknowledge "
                 "receipt.")),
    Figure("replies_to_year_communications", N_("Replies to the year's communications"), LETTERS, ("reply_rate",),
           tile=N_("Replies to the year's letters"), overview=(R, 3), link="pages/communications.py",
           help=N_("Letters sent in {period} that had a reply of any kind by {as_at}.")),
    Figure("replies_to_year_communications_substantive", N_("…of which substantive"), LETTERS, ("reply_rate",)),
    Figure("reply_rate_percent", N_("Substantive reply rate"), LETTERS, ("reply_rate",), unit="%", overview=(R, 4),
           link="pages/communications.py",
           help=N_("Of the letters sent in {period}, the share with at least one substantive reply by {as_at}.")),
    # Not in the report's table: what other figures are read against.
    Figure("member_states", N_("Member States"), INVITATIONS, published=False),
    Figure("communications_substantively_replied", N_("Communications with a substantive reply by the as-at date"),
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
            shown = {k: number(v) if isinstance(v, int | float) and not isinstance(v, bool) else v
                     for k, v in self.data.items()}
            return _(figure.tile_format).format(**{**shown, "value": shown[figure.key]})
        return figure.number(value)

    def row_text(self, figure: Figure, not_recorded: str | None = None) -> str:
        """The figure in a table cell: its number with its unit, or said not recorded."""
        if figure.key in self.not_recorded:
            return _("not recorded") if not_recorded is None else not_recorded
        return figure.number(self.data.get(figure.key))

    def published(self) -> dict[str, Any]:
        """Exactly the annual report's figures, in their order (`facts --json`)."""
        return {f.key: self.data[f.key] for f in PUBLISHED}
