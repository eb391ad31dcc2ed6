"""What the Record page offers to pick, in words: States, mandates, a State's visit threads, their events,
its communications and its standing invitation (never an id where a person reads)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from sp_data.queries import run
from sp_data.wording import date_text

# A visit event as an act, for "reminder of 3 May 2024" and "a reminder recorded".
EVENT_ACTS = {
    "requested": "request", "reminder": "reminder", "invited": "invitation", "acknowledged": "acknowledgement",
    "accepted": "acceptance", "dates_proposed": "dates proposed", "postponed": "postponement", "declined": "decline",
    "cancelled": "cancellation", "withdrawn": "withdrawal of the request", "completed": "visit carried out",
}
# The same, as the editor chooses what happened.
EVENT_CHOICES = {
    "reminder": "A reminder was sent", "acknowledged": "The State acknowledged the request",
    "invited": "The State invited the mandate", "accepted": "The State accepted the visit",
    "dates_proposed": "Dates were proposed", "postponed": "The visit was postponed",
    "declined": "The State declined", "cancelled": "The visit was cancelled",
    "withdrawn": "The mandate withdrew the request", "completed": "The visit was carried out",
    "requested": "The request was made again",
}
# How a new thread starts: a request by the mandate, or an invitation by the State.
FIRST_EVENTS = {"requested": "The mandate requested a visit", "invited": "The State invited the mandate"}
TYPES = {"AL": "Allegation letter", "UA": "Urgent appeal", "OL": "Other letter"}


def states(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every State by name (code -> name), Member and observer, ordered by name."""
    frame = run(con, "state_choices", regions=[])
    return dict(zip(frame["iso3"].to_list(), frame["name"].to_list(), strict=True))


def mandates(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The mandates a new thread or communication can name (code -> title), those that have not ended first."""
    frame = run(con, "record_mandates")
    return {mid: title + (f" (ended {date_text(ended)})" if ended else "")
            for mid, title, ended in frame.select("mandate_id", "title", "ended_on").rows()}


@dataclass(frozen=True)
class Thread:
    """A visit thread as an editor recognises it."""

    visit_id: str
    mandate_id: str
    label: str  # "Special Rapporteur on torture: request of 3 March 2021; latest: reminder, 5 May 2022"
    latest_event: str
    latest_date: dt.date


def threads(con: duckdb.DuckDBPyConnection, iso3: str) -> list[Thread]:
    """The State's visit threads, described in words (queries/record_threads.sql)."""
    out = []
    for r in run(con, "record_threads", iso3=iso3).iter_rows(named=True):
        host = f" (in {r['host_name']})" if r["host_kind"] != "state" and r["host_name"] else ""
        first = f"{EVENT_ACTS.get(r['first_event'], r['first_event'])} of {date_text(r['first_date'])}"
        latest = "" if r["events"] == 1 else (
            f"; latest: {EVENT_ACTS.get(r['latest_event'], r['latest_event'])}, {date_text(r['latest_date'])}")
        out.append(Thread(r["visit_id"], r["mandate_id"], f"{r['mandate_title']}{host}: {first}{latest}",
                          r["latest_event"], r["latest_date"]))
    return out


@dataclass(frozen=True)
class Event:
    """One recorded event of a thread, with its words."""

    date: dt.date
    event: str
    end_date: dt.date | None

    @property
    def label(self) -> str:
        """'Reminder of 5 May 2022'; a visit with its dates: 'Visit carried out, 3 to 12 May 2022'."""
        act = EVENT_ACTS.get(self.event, self.event)
        if self.event == "completed":
            return f"{act[:1].upper()}{act[1:]}, {date_text(self.date)} to {date_text(self.end_date)}"
        return f"{act[:1].upper()}{act[1:]} of {date_text(self.date)}"


def thread_events(con: duckdb.DuckDBPyConnection, visit_id: str) -> list[Event]:
    """The thread's events in order (queries/record_thread_events.sql)."""
    return [Event(*row) for row in run(con, "record_thread_events", visit_id=visit_id).rows()]


@dataclass(frozen=True)
class Communication:
    """A communication about a State, as an editor recognises it, with the dates of its replies."""

    ref: str
    label: str  # "UA IRN 7/2023, urgent appeal sent on 3 May 2023 (1 reply)"
    sent_on: dt.date
    reply_dates: tuple[dt.date, ...]


def communications(con: duckdb.DuckDBPyConnection, iso3: str) -> list[Communication]:
    """The communications whose State is iso3, newest first (queries/record_communications.sql)."""
    out = []
    for r in run(con, "record_communications", iso3=iso3).iter_rows(named=True):
        kind = TYPES.get(r["type"], r["type"]).lower()
        to = f" to {r['recipient']}" if r["recipient_kind"] != "state" and r["recipient"] else ""
        replies = r["replies"]
        said = "no reply" if not replies else f"{replies} repl{'y' if replies == 1 else 'ies'}"
        out.append(Communication(r["ref"], f"{r['ref']}, {kind}{to} sent on {date_text(r['sent_on'])} ({said})",
                                 r["sent_on"], tuple(r["reply_dates"] or ())))
    return out


@dataclass(frozen=True)
class Invitation:
    """A State's standing invitation as recorded: extended on, withdrawn on (None: in force)."""

    extended_on: dt.date
    withdrawn_on: dt.date | None

    @property
    def text(self) -> str:
        if self.withdrawn_on is None:
            return f"A standing invitation has been in force since {date_text(self.extended_on)}."
        return (f"The standing invitation extended on {date_text(self.extended_on)} was withdrawn on "
                f"{date_text(self.withdrawn_on)}.")


def standing_invitation(con: duckdb.DuckDBPyConnection, iso3: str) -> Invitation | None:
    """The State's standing invitation, if it ever extended one (queries/record_standing_invitation.sql)."""
    rows = run(con, "record_standing_invitation", iso3=iso3).rows()
    return Invitation(rows[0][1], rows[0][2]) if rows else None
