"""Every definition, in the words of docs/design.md, to show next to the number it defines."""
from __future__ import annotations

# Keys are terms; the text is docs/design.md's (tests/test_definitions_text.py checks it word for word, both ways).
DEFINITIONS: dict[str, str] = {
    "reporting_year": (
        "Reporting year `Y` and as-at date: by default Y is the latest complete calendar year in the "
        "snapshot and d = 31 December of Y, which reproduces the annual report; the user may pick any "
        "date (status as at that date is computed from event history, not from a stored status)."),
    "window": "The five-year window is the five calendar years ending with d's year, up to d.",
    "mandates": "Mandates as at d: established_on <= d and (ended_on empty or > d).",
    "thread_status": "Thread status as at d: the latest visit event on or before d (import-format.md).",
    "in_year": "Everything \"in Y\" counts only what is dated on or before d, so a mid-year d gives the year so far.",
    "visit_in_year": (
        "Visit carried out in Y: a `completed` event dated (first day of the visit) in Y and on or "
        "before d. Hosts are counted as distinct States/territories and distinct institutions."),
    "visited": "Visited (ever): a Member State with a `completed` event dated on or before d.",
    "not_visited_window": (
        "Not visited in the window: a Member State with no `completed` event dated in the window; it "
        "received a request in the window when a `requested` or `reminder` event is dated in it."),
    "never_visited": (
        "Never visited: a Member State that is not visited; split into three: accepted but not yet "
        "carried out (some thread's status as at d is invited, accepted, dates_proposed or postponed); "
        "otherwise requests not accepted (some `requested` or `reminder` event on or before d); "
        "otherwise no request."),
    "pending": (
        "Pending request as at d: a thread whose status as at d is `requested`, `reminder` or "
        "`acknowledged` and whose latest request or reminder is dated within the five-year window."),
    "accepted_window": (
        "Accepted in the window: an `invited`, `accepted` or `dates_proposed` event dated in the window, "
        "or a visit carried out in the window."),
    "five_plus": (
        "Five-plus pending: a State with at least five pending requests as at d (the threshold is a "
        "control, default 5); flag those that accepted no visit in the window."),
    "standing_invitation": "Standing invitation as at d: extended_on <= d and (withdrawn_on empty or > d).",
    "communications": (
        "Communications sent in Y: sent_on in Y; joint = two or more mandates; States addressed = "
        "distinct iso3 of State recipients; non-State actors = distinct recipient names."),
    "replies": "Replies received in Y: received_on in Y, whatever year the communication was sent.",
    "reply_rate": (
        "Reply rate for Y: communications sent in Y that received at least one substantive reply on or "
        "before d, divided by communications sent in Y (2023: 312 / 723 = 43.15 %)."),
    "country_mandate_access": (
        "Country-mandate access: visit threads of a country mandate to the State it concerns (for the "
        "occupied Palestinian territory, threads addressed to Israel)."),
    "accepted_not_carried_out": (
        "Accepted, not yet carried out (the special procedures' side): a thread whose status as at d is "
        "invited, accepted, dates_proposed or postponed; its time since acceptance runs from its latest "
        "invited, accepted or dates_proposed event to d."),
    "per_mandate": (
        "Per mandate: the same definitions restricted to the mandate's threads (pending requests, accepted "
        "not yet carried out, visits in Y and in the window) and to the communications whose mandates "
        "include it (a joint communication counts once for each of its mandates)."),
    "coverage": (
        "Coverage: a snapshot records, for each kind of record (visit threads, standing invitations, "
        "communications, replies), whether it holds it and the period it covers. A figure that depends "
        "on records the snapshot does not hold, or on a period outside their coverage, is unknown: shown "
        "as \"not recorded\", never as 0."),
}

TITLES: dict[str, str] = {
    "reporting_year": "Reporting year and as-at date", "window": "Five-year window",
    "mandates": "Mandates", "thread_status": "Status of a visit thread", "in_year": "\"In the year\"",
    "visit_in_year": "Visits carried out in the year", "visited": "Visited (ever)",
    "not_visited_window": "Not visited in the five-year window", "never_visited": "Never visited",
    "pending": "Pending request", "accepted_window": "Accepted in the window",
    "five_plus": "Five-plus pending requests", "standing_invitation": "Standing invitation",
    "communications": "Communications sent", "replies": "Replies received",
    "reply_rate": "Reply rate", "country_mandate_access": "Country-mandate access",
    "accepted_not_carried_out": "Accepted, not yet carried out", "per_mandate": "Per mandate",
    "coverage": "Coverage",
}

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
