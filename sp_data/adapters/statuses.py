"""Visit statuses as spreadsheets write them, and the events each status adds to a thread."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sp_data.adapters.problems import Problems
from sp_data.adapters.records import Record
from sp_data.names import key
from sp_data.schema import VISIT_EVENTS

# Status names, and the ways spreadsheets write them, including the country visits database's own
# glossary ("Declined - Declination of visit request", "Dates proposal") and its page groupings.
STATUS_NAMES = ("Completed", "Visit underway", "Requested", "Reminder sent", "Invited", "Acknowledged", "Accepted",
                "Forthcoming", "Dates proposed", "Postponed", "Declined", "Cancelled", "Withdrawn")
STATUS_SYNONYMS = {
    "Completed": ("Visit completed", "Visited", "Carried out", "Conducted", "Done", "Took place", "Completed visits"),
    "Visit underway": ("Underway", "Under way", "Visit under way", "Ongoing", "In progress"),
    "Requested": ("Request sent", "Pending", "Request pending", "Awaiting reply", "Requested visit", "Pending visits",
                  "Visit request to a Government", "Requested - Visit request to a Government"),
    "Reminder sent": ("Reminder", "Reminders sent", "Follow-up sent", "Reminder of visit request",
                      "Reminder - Reminder of visit request"),
    "Invited": ("Invitation", "Invitation received", "Invitation extended", "Invitation from a Government",
                "Invited - Invitation from a Government"),
    "Acknowledged": ("Acknowledgement received", "Acknowledged receipt", "Acknowledgement of visit request or invitation",
                     "Acknowledged - Acknowledgement of visit request or invitation"),
    "Accepted": ("Agreed", "Accepted in principle", "Agreed in principle", "Acceptance of visit request",
                 "Accepted - Acceptance of visit request"),
    "Forthcoming": ("Scheduled", "Upcoming", "Planned", "Dates agreed", "Confirmed", "Dates confirmed",
                    "Forthcoming visits"),
    "Dates proposed": ("Dates pending", "Proposed dates", "Dates proposal", "Date proposal"),
    "Postponed": ("Deferred",),
    "Declined": ("Refused", "Rejected", "Not accepted", "Declination of visit request",
                 "Declined - Declination of visit request"),
    "Cancelled": ("Canceled",),
    "Withdrawn": ("Request withdrawn",),
}
_STATUS_INDEX = {key(name): name for name in STATUS_NAMES} | {
    key(s): name for name, synonyms in STATUS_SYNONYMS.items() for s in synonyms}
# The event a status adds when no dated column already says it; see docs/import-adapters.md.
STATUS_EVENT = {"Dates proposed": "dates_proposed", "Acknowledged": "acknowledged", "Postponed": "postponed",
                "Declined": "declined", "Cancelled": "cancelled", "Withdrawn": "withdrawn"}
# The column that dates each event read from a dated column.
_EVENT_COLUMN = {"requested": "request_date", "invited": "request_date", "reminder": "reminder_dates",
                 "accepted": "acceptance_date"}
_RANK = {e: i for i, e in enumerate(VISIT_EVENTS)}

Event = tuple[dt.date, str, dt.date | None]  # date, event, end date (for a visit carried out)


def status_named(text: str) -> str | None:
    """The status a spreadsheet's wording names, or None."""
    return _STATUS_INDEX.get(key(text))


@dataclass(frozen=True)
class RowDates:
    """The dated columns of one row."""

    request: dt.date | None
    reminders: list[dt.date]
    acceptance: dt.date | None
    status_date: dt.date | None
    period: tuple[dt.date, dt.date] | None


def status_events(r: Record, status: str, dates: RowDates, problems: Problems) -> list[Event]:
    """A row's events: one per dated column, plus the one its status adds (docs/import-adapters.md)."""
    events: list[Event] = []
    if dates.request:
        events.append((dates.request, "invited" if status == "Invited" else "requested", None))
    events += [(d, "reminder", None) for d in dates.reminders]
    if dates.acceptance:
        events.append((dates.acceptance, "accepted", None))
    if status in ("Completed", "Visit underway"):
        completed = _completed(r, status, events, dates.period, problems)
        if completed is None:
            return []
        events.append(completed)
    else:
        events += _status_event(r, status, dates, [e[0] for e in events], problems)
    return sorted(set(events), key=lambda e: (e[0], _RANK[e[1]]))


def _completed(r: Record, status: str, events: list[Event], period: tuple[dt.date, dt.date] | None,
               problems: Problems) -> Event | None:
    """The completed event of a visit carried out, or None (errors recorded) when its dates disagree."""
    if period is None:
        problems.bad(r.number, r.column("visit_dates"), None, f"a {status} row needs its visit dates")
        return None
    late = [e for e in events if e[0] > period[0]]
    for day, event, _ in late:
        problems.bad(r.number, r.column(_EVENT_COLUMN[event]), day.isoformat(),
                     f"is after the visit started ({period[0].isoformat()})")
    return None if late else (period[0], "completed", period[1])


def _status_event(r: Record, status: str, dates: RowDates, dated: list[dt.date], problems: Problems) -> list[Event]:
    """The event a status adds when no dated column says it (none when a column already does)."""
    n = r.number
    if status == "Requested" and not dates.request:
        problems.bad(n, r.column("request_date"), None, "a Requested row needs its request date")
    elif status == "Reminder sent" and not dates.reminders:
        problems.bad(n, r.column("reminder_dates"), None, "a Reminder sent row needs its reminder date(s)")
    elif status == "Invited" and not dates.request:
        if dates.status_date:
            return [(dates.status_date, "invited", None)]
        problems.bad(n, r.column("request_date"), None, "an Invited row needs the date of the invitation")
    elif status in ("Accepted", "Forthcoming") and not dates.acceptance:
        if dates.status_date:
            return [(dates.status_date, "accepted", None)]
        problems.bad(n, r.column("acceptance_date"), None,
                     f"a {status} row needs its acceptance date (or a status date)")
    elif status in STATUS_EVENT:
        event = STATUS_EVENT[status]
        day = dates.status_date or (dates.acceptance if status == "Dates proposed" else None)
        if day is None and dated:
            day = max(dated)
            problems.warn(n, r.column("status_date"), None,
                          f"no status date: the {event} event is dated {day.isoformat()}, the row's latest date")
        if day is None:
            problems.bad(n, r.column("status_date"), None, f"a {status} row needs at least one date")
        else:
            return [(day, event, None)]
    return []
