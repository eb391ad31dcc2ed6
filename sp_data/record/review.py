"""Staged changes in words, and the figures they move (a State's before and after), for the Record page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sp_data.db import connect
from sp_data.errors import Issue
from sp_data.facts import data_extent
from sp_data.queries import run
from sp_data.record.changes import Change
from sp_data.record.choices import EVENT_ACTS, TYPES
from sp_data.record.preview import base_snapshot, previewed
from sp_data.wording import date_text

# The import format's column names, as the Record page's fields call them (for validation messages).
FIELDS = {
    "visit_id": "Visit request", "mandate_id": "Mandate", "host_kind": "Host", "iso3": "State", "host_name": "Host",
    "date": "Date", "event": "What happened", "end_date": "Last day of the visit", "extended_on": "Date extended",
    "withdrawn_on": "Date withdrawn", "ref": "Reference", "sent_on": "Date sent", "type": "Type",
    "recipient_kind": "Recipient", "recipient": "Recipient's name", "mandate_ids": "Mandates",
    "individuals": "Individuals covered", "individuals_female": "Of whom women and girls",
    "follow_up": "Follow-up", "received_on": "Date received", "substantive": "Kind of reply",
    "confidential": "Confidential", "new_date": "Corrected date", "new_event": "Corrected event",
    "reason": "Reason", "action": "Change",
}


def _day(text: str | None) -> str:
    try:
        return date_text(dt.date.fromisoformat(text or ""))
    except ValueError:
        return text or ""


def _act(event: str | None) -> str:
    act = EVENT_ACTS.get(event or "", event or "")
    return act[:1].upper() + act[1:]


def describe(change: Change, state: str = "", about: str = "") -> str:
    """A staged change in a sentence; state is the State's name, about what it concerns (a thread in words)."""
    g = change.get
    if change.action == "add_event":
        end = f" to {_day(g('end_date'))}" if g("event") == "completed" else ""
        return f"{_act(g('event'))}, {_day(g('date'))}{end}. {about}"
    if change.action == "add_thread":
        return f"New visit request to {state}: {about}, {_act(g('event')).lower()} of {_day(g('date'))}."
    if change.action == "extend_invitation":
        return f"{state} extended a standing invitation on {_day(g('extended_on'))}."
    if change.action == "withdraw_invitation":
        return f"{state} withdrew its standing invitation on {_day(g('withdrawn_on'))}."
    if change.action == "add_communication":
        kind = TYPES.get(g("type") or "", g("type") or "").lower()
        return f"New communication {g('ref')}: {kind} to {state} sent on {_day(g('sent_on'))} by {about}."
    if change.action == "add_reply":
        kind = "a substantive reply" if g("substantive") == "true" else "an acknowledgement (not substantive)"
        secret = ", confidential" if g("confidential") == "true" else ""
        return f"Reply to {g('ref')} received on {_day(g('received_on'))}: {kind}{secret}."
    reason = f" Reason: {g('reason')}"
    if change.action == "correct_event":
        new = f"{_act(g('new_event') or g('event')).lower()} of {_day(g('new_date') or g('date'))}"
        return f"Correction: {_act(g('event')).lower()} of {_day(g('date'))} becomes {new}. {about}.{reason}"
    return f"Removal of {about}.{reason}"


def issue_text(issue: Issue) -> str:
    """A validation message as the import says it, the field named as the page names it."""
    field = FIELDS.get(issue.column or "", issue.column)
    value = "" if issue.value is None else f" (value '{issue.value}')"
    return f"{field}: {issue.message}{value}" if field else f"{issue.message}{value}"


@dataclass(frozen=True)
class Moved:
    """One figure of a State before and after the staged changes."""

    state: str
    figure: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


# (label, how to read it from the state_profile row); the accepted threads come from state_threads.
def _figures(con: duckdb.DuckDBPyConnection, iso3: str, as_at: dt.date) -> dict[str, str]:
    rows = run(con, "state_profile", as_at=as_at, iso3=iso3, regions=[], threshold=5)
    if rows.height == 0:
        return {}
    f = rows.row(0, named=True)
    threads = run(con, "state_threads", as_at=as_at, iso3=iso3)
    accepted = threads.filter(threads["status"].is_in(["invited", "accepted", "dates_proposed", "postponed"])).height
    rate = f["reply_rate_percent"]
    since = f["standing_invitation_since"]
    return {
        "Pending requests": f"{f['pending_requests'] or 0:,}",
        "Accepted, not yet carried out": f"{accepted:,}",
        f"Visits carried out in {as_at.year}": f"{f['visits_in_year'] or 0:,}",
        f"Visits, {as_at.year - 4}–{as_at.year}": f"{f['visits_5y'] or 0:,}",
        "Standing invitation": f"since {date_text(since)}" if f["standing_invitation"] and since else (
            "yes" if f["standing_invitation"] else "none"),
        f"Communications sent in {as_at.year}": f"{f['communications_in_year'] or 0:,}",
        f"Reply rate, {as_at.year}": "no communication" if rate is None else f"{rate:.1f} %",
    }


def states_of(changes: list[Change], con: duckdb.DuckDBPyConnection) -> list[str]:
    """The States the changes concern: named in them, or hosting the thread they change (in order, once)."""
    out: list[str] = []
    for change in changes:
        iso3 = change.get("iso3")
        if iso3 is None and (change.get("visit_id") or change.get("ref")):
            rows = run(con, "record_change_state", visit_id=change.get("visit_id") or "", ref=change.get("ref") or "")
            iso3 = rows["iso3"][0] if rows.height else None
        if iso3 and iso3 not in out:
            out.append(iso3)
    return out


def figures_as_at(changes: list[Change], con: duckdb.DuckDBPyConnection) -> dt.date:
    """The date the figures are compared at: the last date of the records, or the latest date staged if later."""
    last = data_extent(con).get("last_date") or dt.date.today()
    staged = []
    for change in changes:
        for column in ("date", "end_date", "extended_on", "withdrawn_on", "sent_on", "received_on", "new_date"):
            try:
                staged.append(dt.date.fromisoformat(change.get(column) or ""))
            except ValueError:
                continue
    return max([last, *staged])


def moved_figures(changes: list[Change], base: str | None = None, root: Path | None = None,
                  names: dict[str, str] | None = None) -> tuple[dt.date, list[Moved]]:
    """Each State's figures before and after the changes, as at figures_as_at (SourceError if invalid)."""
    before_con = connect(base_snapshot(base, root))
    as_at = figures_as_at(changes, before_con)
    iso3s = states_of(changes, before_con)
    with previewed(changes, base, root) as snap:
        after_con = connect(snap)
    out = []
    for iso3 in iso3s:
        before, after = _figures(before_con, iso3, as_at), _figures(after_con, iso3, as_at)
        name = (names or {}).get(iso3, iso3)
        out += [Moved(name, label, before.get(label, "–"), after.get(label, "–")) for label in after]
    return as_at, out
