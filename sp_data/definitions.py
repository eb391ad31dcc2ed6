"""Every definition, in the words of docs/design.md, to show next to the number it defines."""
from __future__ import annotations

from sp_data.i18n import N_
from sp_data.wording import Words

# Keys are terms; the text is docs/design.md's (tests/test_definitions_text.py checks it word for word, both ways),
# read in the reader's language (Words): the catalogs keep d, Y and the import format's column names as they are.
DEFINITIONS: dict[str, str] = Words({
    "reporting_year": N_(
        "Reporting year `Y` and as-at date: by default Y is the latest complete calendar year in the "
        "snapshot and d = 31 December of Y, which reproduces the annual report; the user may pick any "
        "date (status as at that date is computed from event history, not from a stored status)."),
    "window": N_("The five-year window is the five calendar years ending with d's year, up to d."),
    "mandates": N_("Mandates as at d: established_on <= d and (ended_on empty or > d)."),
    "thread_status": N_("Thread status as at d: the latest visit event on or before d (import-format.md)."),
    "in_year": N_("Everything \"in Y\" counts only what is dated on or before d, so a mid-year d gives the year so far."),
    "visit_in_year": N_(
        "Visit carried out in Y: a `completed` event dated (first day of the visit) in Y and on or "
        "before d. Hosts are counted as distinct States/territories and distinct institutions."),
    "visited": N_("Visited (ever): a Member State with a `completed` event dated on or before d."),
    "not_visited_window": N_(
        "Not visited in the window: a Member State with no `completed` event dated in the window; it "
        "received a request in the window when a `requested` or `reminder` event is dated in it."),
    "never_visited": N_(
        "Never visited: a Member State that is not visited; split into three: accepted but not yet "
        "carried out (some thread's status as at d is invited, accepted, dates_proposed or postponed); "
        "otherwise requests not accepted (some `requested` or `reminder` event on or before d); "
        "otherwise no request."),
    "pending": N_(
        "Pending request as at d: a thread whose status as at d is `requested`, `reminder` or "
        "`acknowledged` and whose latest request or reminder is dated within the five-year window."),
    "accepted_window": N_(
        "Accepted in the window: an `invited`, `accepted` or `dates_proposed` event dated in the window, "
        "or a visit carried out in the window."),
    "five_plus": N_(
        "Five-plus pending: a State with at least five pending requests as at d (the threshold is a "
        "control, default 5); flag those that accepted no visit in the window."),
    "standing_invitation": N_("Standing invitation as at d: extended_on <= d and (withdrawn_on empty or > d)."),
    "communications": N_(
        "Communications sent in Y: sent_on in Y; joint = two or more mandates; States addressed = "
        "distinct iso3 of State recipients; non-State actors = distinct recipient names."),
    "replies": N_("Replies received in Y: received_on in Y, whatever year the communication was sent."),
    "reply_rate": N_(
        "Reply rate for Y: communications sent in Y that received at least one substantive reply on or "
        "before d, divided by communications sent in Y (2023: 312 / 723 = 43.15 %)."),
    "country_mandate_access": N_(
        "Country-mandate access: visit threads of a country mandate to the State it concerns (for the "
        "occupied Palestinian territory, threads addressed to Israel)."),
    "accepted_not_carried_out": N_(
        "Accepted, not yet carried out (the special procedures' side): a thread whose status as at d is "
        "invited, accepted, dates_proposed or postponed; its time since acceptance runs from its latest "
        "invited, accepted or dates_proposed event to d."),
    "per_mandate": N_(
        "Per mandate: the same definitions restricted to the mandate's threads (pending requests, accepted "
        "not yet carried out, visits in Y and in the window) and to the communications whose mandates "
        "include it (a joint communication counts once for each of its mandates)."),
    "coverage": N_(
        "Coverage: a snapshot records, for each kind of record (visit threads, standing invitations, "
        "communications, replies), whether it holds it and the period it covers. A figure that depends "
        "on records the snapshot does not hold, or on a period outside their coverage, is unknown: shown "
        "as \"not recorded\", never as 0."),
})

TITLES: dict[str, str] = Words({
    "reporting_year": N_("Reporting year and as-at date"), "window": N_("Five-year window"),
    "mandates": N_("Mandates"), "thread_status": N_("Status of a visit thread"), "in_year": N_("\"In the year\""),
    "visit_in_year": N_("Visits carried out in the year"), "visited": N_("Visited (ever)"),
    "not_visited_window": N_("Not visited in the five-year window"), "never_visited": N_("Never visited"),
    "pending": N_("Pending request"), "accepted_window": N_("Accepted in the window"),
    "five_plus": N_("Five-plus pending requests"), "standing_invitation": N_("Standing invitation"),
    "communications": N_("Communications sent"), "replies": N_("Replies received"),
    "reply_rate": N_("Reply rate"), "country_mandate_access": N_("Country-mandate access"),
    "accepted_not_carried_out": N_("Accepted, not yet carried out"), "per_mandate": N_("Per mandate"),
    "coverage": N_("Coverage"),
})

# Which definition explains each facts-and-figures value.
FACT_DEFINITION = {
    "mandates_total": "mandates", "mandates_thematic": "mandates", "mandates_country": "mandates",
    "standing_invitations_member_states": "standing_invitation",
    "standing_invitations_observer_states": "standing_invitation",
    "visits_in_year": "visit_in_year", "visit_hosts_states_territories": "visit_in_year",
    "visit_hosts_institutions": "visit_in_year", "member_states_visited": "visited",
    "member_states_never_visited": "never_visited", "never_visited_no_request": "never_visited",
    "never_visited_requests_not_accepted": "never_visited",
    "never_visited_accepted_not_yet_conducted": "never_visited",
    "member_states_not_visited_5y": "not_visited_window",
    "member_states_not_visited_5y_with_request": "not_visited_window",
    "member_states_five_plus_pending_no_acceptance": "five_plus",
    "member_states_five_plus_visits_5y": "visit_in_year",
    "communications_sent": "communications", "communications_joint": "communications",
    "communications_states_addressed": "communications", "communications_non_state_actors": "communications",
    "communications_individuals": "communications", "communications_individuals_female": "communications",
    "replies_received_in_year": "replies", "replies_received_in_year_substantive": "replies",
    "replies_to_year_communications": "reply_rate", "replies_to_year_communications_substantive": "reply_rate",
    "reply_rate_percent": "reply_rate",
}


def explain(*terms: str) -> str:
    """The definitions of some terms, one paragraph each (for help tooltips)."""
    return "\n\n".join(DEFINITIONS[t] for t in terms)
