"""Staged changes in words, and the figures they move (a State's before and after), for the Record page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sp_data.db import connect
from sp_data.errors import Issue, said
from sp_data.facts import data_extent
from sp_data.i18n import N_, _, number, percent_text
from sp_data.queries import run
from sp_data.record.changes import Change
from sp_data.record.choices import act, type_name
from sp_data.record.preview import base_snapshot, previewed
from sp_data.wording import date_text

# The import format's column names, as the Record page's fields call them (for validation messages).
FIELDS = {
    "visit_id": N_("Visit request"), "mandate_id": N_("Mandate"), "host_kind": N_("Host"), "iso3": N_("State"),
    "host_name": N_("Host"), "date": N_("Date"), "event": N_("What happened"), "end_date": N_("Last day of the visit"),
    "extended_on": N_("Date extended"), "withdrawn_on": N_("Date withdrawn"), "ref": N_("Reference"),
    "sent_on": N_("Date sent"), "type": N_("Type"), "recipient_kind": N_("Recipient"),
    "recipient": N_("Recipient's name"), "mandate_ids": N_("Mandates"), "individuals": N_("Individuals covered"),
    "individuals_female": N_("Of whom women and girls"), "follow_up": N_("Follow-up"),
    "received_on": N_("Date received"), "substantive": N_("Kind of reply"), "confidential": N_("Confidential"),
    "new_date": N_("Corrected date"), "new_event": N_("Corrected event"), "reason": N_("Reason"),
    "action": N_("Change"),
}


def _day(text: str | None) -> str:
    try:
        return date_text(dt.date.fromisoformat(text or ""))
    except ValueError:
        return text or ""


def _act(event: str | None) -> str:
    said = act(event)
    return said[:1].upper() + said[1:]


def describe(change: Change, state: str = "", about: str = "") -> str:
    """A staged change in a sentence; state is the State's name, about what it concerns (a thread in words)."""
    g = change.get
    if change.action == "add_event":
        if g("event") == "completed":
            return _("{act}, {date} to {end}. {about}").format(act=_act(g("event")), date=_day(g("date")),
                                                             end=_day(g("end_date")), about=about)
        return _("{act}, {date}. {about}").format(act=_act(g("event")), date=_day(g("date")), about=about)
    if change.action == "add_thread":
        return _("New visit request to {state}: {about}, {act} of {date}.").format(
            state=state, about=about, act=act(g("event")), date=_day(g("date")))
    if change.action == "extend_invitation":
        return _("{state} extended a standing invitation on {date}.").format(state=state, date=_day(g("extended_on")))
    if change.action == "withdraw_invitation":
        return _("{state} withdrew its standing invitation on {date}.").format(state=state,
                                                                             date=_day(g("withdrawn_on")))
    if change.action == "add_communication":
        return _("New communication {ref}: {kind} to {state} sent on {date} by {about}.").format(
            ref=g("ref"), kind=type_name(g("type")).lower(), state=state, date=_day(g("sent_on")), about=about)
    if change.action == "add_reply":
        substantive = g("substantive") == "true"
        if g("confidential") == "true":
            kind = _("a substantive reply, confidential") if substantive else _(
                "an acknowledgement (not substantive), confidential")
        else:
            kind = _("a substantive reply") if substantive else _("an acknowledgement (not substantive)")
        return _("Reply to {ref} received on {date}: {kind}.").format(ref=g("ref"), date=_day(g("received_on")),
                                                                    kind=kind)
    if change.action == "correct_event":
        return _("Correction: {act} of {date} becomes {new_act} of {new_date}. {about}. Reason: {reason}").format(
            act=act(g("event")), date=_day(g("date")), new_act=act(g("new_event") or g("event")),
            new_date=_day(g("new_date") or g("date")), about=about, reason=g("reason"))
    return _("Removal of {about}. Reason: {reason}").format(about=about, reason=g("reason"))


def issue_text(issue: Issue) -> str:
    """A validation message as the import says it, the field named as the page names it."""
    field = _(FIELDS[issue.column]) if issue.column in FIELDS else issue.column
    message = said(issue.message)
    if issue.value is not None:
        message = _("{message} (value '{value}')").format(message=message, value=issue.value)
    return f"{field}: {message}" if field else message


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
    year = as_at.year
    return {
        _("Pending requests"): number(f["pending_requests"] or 0),
        _("Accepted, not yet carried out"): number(accepted),
        _("Visits carried out in {year}").format(year=year): number(f["visits_in_year"] or 0),
        _("Visits, {first}–{last}").format(first=year - 4, last=year): number(f["visits_5y"] or 0),
        _("Standing invitation"): _("since {date}").format(date=date_text(since)) if f["standing_invitation"] and since
        else (_("yes") if f["standing_invitation"] else _("none")),
        _("Communications sent in {year}").format(year=year): number(f["communications_in_year"] or 0),
        _("Reply rate, {year}").format(year=year): _("no communication") if rate is None else percent_text(rate, 1),
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
