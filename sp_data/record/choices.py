"""What the Record page offers to pick, in words: States, mandates, a State's visit threads, their events,
its communications and its standing invitation (never an id where a person reads)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from sp_data.i18n import N_, _, n_
from sp_data.local_names import localize, mandate_title
from sp_data.queries import run
from sp_data.wording import date_text

# A visit event as an act, for "reminder of 3 May 2024" and "a reminder recorded".
EVENT_ACTS = {
    "requested": N_("request"), "reminder": N_("reminder"), "invited": N_("invitation"),
    "acknowledged": N_("acknowledgement"), "accepted": N_("acceptance"), "dates_proposed": N_("dates proposed"),
    "postponed": N_("postponement"), "declined": N_("decline"), "cancelled": N_("cancellation"),
    "withdrawn": N_("withdrawal of the request"), "completed": N_("visit carried out"),
}
# The same, as the editor chooses what happened.
EVENT_CHOICES = {
    "reminder": N_("A reminder was sent"), "acknowledged": N_("The State acknowledged the request"),
    "invited": N_("The State invited the mandate"), "accepted": N_("The State accepted the visit"),
    "dates_proposed": N_("Dates were proposed"), "postponed": N_("The visit was postponed"),
    "declined": N_("The State declined"), "cancelled": N_("The visit was cancelled"),
    "withdrawn": N_("The mandate withdrew the request"), "completed": N_("The visit was carried out"),
    "requested": N_("The request was made again"),
}
# How a new thread starts: a request by the mandate, or an invitation by the State.
FIRST_EVENTS = {"requested": N_("The mandate requested a visit"), "invited": N_("The State invited the mandate")}
TYPES = {"AL": N_("Allegation letter"), "UA": N_("Urgent appeal"), "OL": N_("Other letter")}


def act(event: str | None) -> str:
    """A visit event as an act, in the reader's language: 'reminder'."""
    return _(EVENT_ACTS[event]) if event in EVENT_ACTS else (event or "")


def type_name(code: str | None) -> str:
    """A communication's type by name, in the reader's language: 'Urgent appeal'."""
    return _(TYPES[code]) if code in TYPES else (code or "")


def states(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Every State by name in the reader's language (code -> name), Member and observer, ordered by name."""
    frame = localize(run(con, "state_choices", regions=[]))
    frame = frame.sort(frame["name"].str.to_lowercase(), maintain_order=True)
    return dict(zip(frame["iso3"].to_list(), frame["name"].to_list(), strict=True))


def mandates(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The mandates a new thread or communication can name (code -> title), those that have not ended first."""
    frame = run(con, "record_mandates")
    return {mid: mandate_title(mid, title) + (" " + _("(ended {date})").format(date=date_text(ended)) if ended else "")
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
        title = mandate_title(r["mandate_id"], r["mandate_title"])
        if r["host_kind"] != "state" and r["host_name"]:
            title = _("{mandate} (in {host})").format(mandate=title, host=r["host_name"])
        first = _("{act} of {date}").format(act=act(r["first_event"]), date=date_text(r["first_date"]))
        latest = "" if r["events"] == 1 else _("; latest: {act}, {date}").format(act=act(r["latest_event"]),
                                                                                 date=date_text(r["latest_date"]))
        out.append(Thread(r["visit_id"], r["mandate_id"], f"{title}: {first}{latest}", r["latest_event"],
                          r["latest_date"]))
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
        said = act(self.event)
        said = said[:1].upper() + said[1:]
        if self.event == "completed":
            return _("{act}, {start} to {end}").format(act=said, start=date_text(self.date),
                                                       end=date_text(self.end_date))
        return _("{act} of {date}").format(act=said, date=date_text(self.date))


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
        kind = type_name(r["type"]).lower()
        replies = r["replies"]
        said = _("no reply") if not replies else n_("{n} reply", "{n} replies", replies).format(n=replies)
        if r["recipient_kind"] != "state" and r["recipient"]:
            label = _("{ref}, {kind} to {recipient} sent on {date} ({replies})").format(
                ref=r["ref"], kind=kind, recipient=r["recipient"], date=date_text(r["sent_on"]), replies=said)
        else:
            label = _("{ref}, {kind} sent on {date} ({replies})").format(
                ref=r["ref"], kind=kind, date=date_text(r["sent_on"]), replies=said)
        out.append(Communication(r["ref"], label, r["sent_on"], tuple(r["reply_dates"] or ())))
    return out


@dataclass(frozen=True)
class Invitation:
    """A State's standing invitation as recorded: extended on, withdrawn on (None: in force)."""

    extended_on: dt.date
    withdrawn_on: dt.date | None

    @property
    def text(self) -> str:
        if self.withdrawn_on is None:
            return _("A standing invitation has been in force since {date}.").format(date=date_text(self.extended_on))
        return _("The standing invitation extended on {extended} was withdrawn on {withdrawn}.").format(
            extended=date_text(self.extended_on), withdrawn=date_text(self.withdrawn_on))


def standing_invitation(con: duckdb.DuckDBPyConnection, iso3: str) -> Invitation | None:
    """The State's standing invitation, if it ever extended one (queries/record_standing_invitation.sql)."""
    rows = run(con, "record_standing_invitation", iso3=iso3).rows()
    return Invitation(rows[0][1], rows[0][2]) if rows else None
