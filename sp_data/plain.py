"""The definitions in plain words for help texts and captions, each figure with its own, examples from the figures shown.

DESIGN.md's formal wording (sp_data.definitions) stays on the Data page; `formal` sets it for reading there.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sp_data.definitions import DEFINITIONS
from sp_data.figures import FIGURES
from sp_data.i18n import N_, _
from sp_data.params import Filters
from sp_data.wording import Words, date_text, groups_text, percent, period, window_text

PLAIN: dict[str, str] = Words({
    "reporting_year": N_(
        "Figures are for the reporting year as it stood on 31 December, as the annual report gives them. "
        "A date chosen under Advanced shows them as they stood on that day, rebuilt from the history of events."),
    "window": N_("The five-year window: the reporting year and the four years before it, up to the as-at date."),
    "mandates": N_("Mandates in force on the as-at date: established by then and not yet ended."),
    "thread_status": N_(
        "A visit thread is one mandate's request to visit one host, from the first letter to the visit, a "
        "refusal or a withdrawal. Its status is its latest step on or before the as-at date."),
    "in_year": N_("A figure for the year counts only what happened by the as-at date; in mid-year it gives the year so far."),
    "visit_in_year": N_(
        "A visit counts in the year of its first day, up to the as-at date. A host visited twice counts once "
        "among the States and territories, or the institutions, visited."),
    "visited": N_("A Member State counts as visited once a special procedure has carried out a visit to it."),
    "not_visited_window": N_(
        "Member States that received no visit in the five-year window; of them, those that were sent a visit "
        "request or reminder in those years."),
    "never_visited": N_(
        "Member States that no special procedure has ever visited, in three groups: a visit accepted (invited, "
        "accepted, dates proposed or postponed) but not yet carried out; otherwise visits requested but none "
        "accepted; otherwise no request received."),
    "pending": N_(
        "A pending request is a visit request still awaiting the State's answer on the as-at date (requested, "
        "reminder sent or acknowledged), whose latest request or reminder was sent in the five-year window."),
    "accepted_window": N_(
        "Accepted in the window: the State invited the mandate, accepted a visit or proposed dates in the "
        "five-year window, or received a visit in it."),
    "five_plus": N_(
        "States with at least the chosen number of pending requests (5 unless changed, as in the annual report), "
        "flagged when they accepted no visit in the five-year window."),
    "standing_invitation": N_(
        "A standing invitation is a State's open invitation to every thematic special procedure to visit; it "
        "counts when extended by the as-at date and not withdrawn by then."),
    "communications": N_(
        "Communications are the letters the special procedures send to States and to non-State actors; a joint "
        "communication is sent by two or more mandates together. Each State or actor addressed counts once."),
    "replies": N_("Replies received in the year, whatever year the letter they answer was sent."),
    "reply_rate": N_(
        "The substantive reply rate: of the communications sent in the year, the share that had received at "
        "least one substantive reply by the as-at date."),
    "country_mandate_access": N_(
        "Access of a country mandate: its requests to visit the State it covers (for the occupied Palestinian "
        "territory, the requests addressed to Israel)."),
    "accepted_not_carried_out": N_(
        "Visits a State has accepted (it invited the mandate, accepted the request, proposed dates or "
        "postponed an agreed visit) that the special procedure had not yet carried out on the as-at date; "
        "the wait counts from the latest invitation, acceptance or proposal of dates."),
    "per_mandate": N_(
        "For one mandate, the same rules over its own visit requests and over the communications it sent or "
        "joined: a joint communication counts once for each mandate that signed it."),
    "coverage": N_(
        "Not recorded: this snapshot holds no records of this kind for this period, so the figure is unknown. "
        "It is not zero."),
})


def plain(*terms: str) -> str:
    """The plain-language definitions of some terms, one paragraph each."""
    return "\n\n".join(PLAIN[t] for t in terms)


def _scope(filters: Filters) -> dict:
    as_at = filters.as_at
    return {"period": period(as_at), "as_at": date_text(as_at), "window": window_text(as_at),
            "groups": groups_text(filters.regions), "threshold": filters.threshold}


def reply_rate_example(facts: Mapping[str, Any], filters: Filters, short: bool = False) -> str:
    """The reply rate worked out for the year and groups shown: 'For 2020, Eastern European States (EEG): 52 of 183 = 28.41 %.'"""
    s = _scope(filters)
    sent, replied = facts.get("communications_sent"), facts.get("replies_to_year_communications_substantive")
    if sent is None or replied is None:
        return ""
    if short:  # inside the formal definition's parenthesis
        return _("for {period}, {groups}: {rate}").format(period=s["period"], groups=s["groups"],
                                                           rate=percent(replied, sent))
    return _("For {period}, {groups}: {rate} (communications with a substantive reply, of those sent).").format(
        period=s["period"], groups=s["groups"], rate=percent(replied, sent))


# Each figure's help text is in its registry entry (sp_data.figures); here those of the pages' other tiles.
TILE_HELP: dict[str, str] = {
    **{f.key: f.help for f in FIGURES if f.help},
    "standing_invitations_withdrawn": N_("States that had extended a standing invitation and withdrawn it by {as_at}."),
    "pending_states": N_("States with {threshold} or more visit requests pending on {as_at}."),
    "selective": N_(
        "States holding a standing invitation on {as_at} that have visit requests pending or received no "
        "visit in {window}."),
    "selective_pending": N_("Of those, the States with at least one visit request pending on {as_at}."),
    "selective_no_visit": N_("Of those, the States that received no visit in {window}."),
}


def tile_help(key: str, filters: Filters, facts: Mapping[str, Any] | None = None) -> str:
    """One figure's own help text, for the year, date and groups shown (the reply rate with its worked example)."""
    s = _scope(filters)
    text = _(TILE_HELP[key]).format(**s)
    if filters.regions:
        text += " " + _("Only {groups}.").format(groups=s["groups"])
    if key == "reply_rate_percent" and facts:
        text += " " + reply_rate_example(facts, filters)
    return text


# Column names the formal definitions use, set as code when shown.
_COLUMNS = ("established_on", "ended_on", "extended_on", "withdrawn_on", "sent_on", "received_on", "iso3",
            "dates_proposed")


def formal(term: str, example: str | None = None) -> str:
    """DESIGN.md's definition of a term as the Data page shows it: column names as code, d and Y in italics,
    and the reply rate's example replaced by one for the year and groups shown."""
    text = DEFINITIONS[term].replace(" (import-format.md)", " (" + _("in the import format's order of events") + ")")
    if example is not None:  # the catalogs write the example as their language does ("43,15 %")
        text = re.sub(r" \(2023\s?: 312 / 723 = 43[.,]15\s%\)", f" ({example})" if example else "", text)
    text = re.sub(r"(?<![`\w])(" + "|".join(_COLUMNS) + r")(?![`\w])", r"`\1`", text)
    text = re.sub(r"`Y`", "Y", text)
    # d and Y alone, not the French "d'" of "d'un" (nor a Spanish "y", which is lower case).
    text = re.sub(r"(?<![\w`*'’])([dY])(?![\w`*]|['’](?!s\b))", r"*\1*", text)
    return text
