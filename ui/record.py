"""The Record page's parts: the forms that stage a change, the staged list, the review and the commit."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from sp_data.diff import Diff
from sp_data.errors import SnapshotError, SourceError, problem_text
from sp_data import state_search
from sp_data.record import choices, review
from sp_data.record.changes import Change, new_visit_id
from sp_data.record.preview import check, preview_diff
from sp_data.record.store import ConflictError, RecordError, commit, current_pointer
from sp_data.i18n import N_, _, n_, number
from sp_data.wording import date_text
from ui import auth, cache
from sp_data.page_data.data import count_label
from ui.history import change_columns
from ui.state import View
from ui.state_search import state_picker

KINDS = {
    "event": N_("Something happened on a visit request"),
    "thread": N_("A new visit request or invitation"),
    "invitation": N_("A standing invitation extended or withdrawn"),
    "communication": N_("A communication sent"),
    "reply": N_("A reply received"),
    "correction": N_("A correction to an event"),
    "removal": N_("A removal"),
}
STAGED, BASE, RESULT = "record_staged", "record_base", "record_result"


@dataclass(frozen=True)
class Staged:
    """A staged change and the sentence that says it."""

    change: Change
    text: str


def staged() -> list[Staged]:
    return st.session_state.setdefault(STAGED, [])


def base_id() -> str:
    """The snapshot the staged changes are prepared on: the current one when the first is staged."""
    if not staged() or BASE not in st.session_state:
        st.session_state[BASE] = current_pointer()
    return st.session_state[BASE]


def _data(fn: Callable, *args):
    snap, con, _ = cache.load(base_id())
    return cache.data(fn, snap, con, *args)


def _day(label: str, key: str, value: dt.date | None = None) -> str:
    day = st.date_input(label, value=value or dt.date.today(), min_value=dt.date(1980, 1, 1),
                        max_value=dt.date(2100, 12, 31), format="DD/MM/YYYY", key=key)
    return day.isoformat() if isinstance(day, dt.date) else ""


def _pick(label: str, options: dict[str, str], key: str, **kwargs) -> str | None:
    return st.selectbox(label, list(options), format_func=lambda k: options.get(k, k), key=key, **kwargs)


def _words(options: dict[str, str]) -> dict[str, str]:
    """A dict of marked texts (N_), each in the reader's language."""
    return {k: _(v) for k, v in options.items()}


def _stage(change: Change, text: str) -> None:
    """Check the change with what is staged before it, as a commit would; stage it only if it passes."""
    issues = check([s.change for s in staged()] + [change], base=base_id())
    if issues:
        st.error(_("This change was not staged:") + "\n\n" + "\n".join(f"- {review.issue_text(i)}" for i in issues),
                 icon=":material/error:")
        return
    staged().append(Staged(change, text))
    st.toast(_("Change staged"))


# ---------------------------------------------------------------------------------------------
# One form per kind of change: each draws its fields and stages what they say when Stage is pressed.

def _thread(iso3: str, key: str = "record_thread") -> choices.Thread | None:
    threads = {t.visit_id: t for t in _data(choices.threads, iso3)}
    if not threads:
        st.info(_("No visit request to this State is recorded yet."))
        return None
    picked = _pick(_("Visit request"), {k: t.label for k, t in threads.items()}, key)
    return threads.get(picked or "")


def _event_form(iso3: str, name: str) -> None:
    thread = _thread(iso3)
    if thread is None:
        return
    event = _pick(_("What happened"), _words(choices.EVENT_CHOICES), "record_event")
    date = _day(_("Date of the letter or event (for a visit, its first day)"), "record_date")
    end = _day(_("Last day of the visit"), "record_end_date") if event == "completed" else ""
    if st.button(_("Stage this change"), key="record_stage", type="primary"):
        change = Change("add_event", {"visit_id": thread.visit_id, "date": date, "event": event or "",
                                      "end_date": end})
        _stage(change, review.describe(change, name, thread.label))


def _thread_form(iso3: str, name: str) -> None:
    mandates = _data(choices.mandates)
    mandate = _pick(_("Mandate"), mandates, "record_mandate")
    first = _pick(_("How it starts"), _words(choices.FIRST_EVENTS), "record_first_event")
    date = _day(_("Date of the letter"), "record_date")
    if st.button(_("Stage this change"), key="record_stage", type="primary") and mandate:
        change = Change("add_thread", {"visit_id": new_visit_id(mandate, iso3, date), "mandate_id": mandate,
                                       "host_kind": "state", "iso3": iso3, "date": date, "event": first or ""})
        _stage(change, review.describe(change, name, mandates[mandate]))


def _invitation_form(iso3: str, name: str) -> None:
    invitation = _data(choices.standing_invitation, iso3)
    st.markdown(invitation.text if invitation else
                _("{state} has never extended a standing invitation.").format(state=name))
    in_force = invitation is not None and invitation.withdrawn_on is None
    action = "withdraw_invitation" if in_force else "extend_invitation"
    column = "withdrawn_on" if in_force else "extended_on"
    date = _day(_("Date withdrawn") if in_force else _("Date extended"), "record_date")
    label = _("Stage the withdrawal") if in_force else _("Stage the invitation")
    if st.button(label, key="record_stage", type="primary"):
        change = Change(action, {"iso3": iso3, column: date})
        _stage(change, review.describe(change, name))


def _communication_form(iso3: str, name: str) -> None:
    mandates = _data(choices.mandates)
    ref = st.text_input(_("Reference, as the letter gives it"), key="record_ref", placeholder="UA ABC 1/2024")
    kind = _pick(_("Type"), _words(choices.TYPES), "record_type")
    sent = _day(_("Date sent"), "record_date")
    picked = st.multiselect(_("Mandates that sent it (two or more: a joint communication)"), list(mandates),
                            format_func=lambda k: mandates.get(k, k), key="record_mandates")
    follow = st.checkbox(_("A follow-up to an earlier communication"), key="record_follow_up")
    if st.button(_("Stage this change"), key="record_stage", type="primary"):
        change = Change("add_communication", {
            "ref": ref.strip(), "sent_on": sent, "type": kind or "", "recipient_kind": "state", "iso3": iso3,
            "mandate_ids": ";".join(picked), "follow_up": "true" if follow else "false"})
        _stage(change, review.describe(change, name, ", ".join(mandates[m] for m in picked) or _("no mandate")))


def _communication(iso3: str, key: str = "record_communication") -> choices.Communication | None:
    comms = {c.ref: c for c in _data(choices.communications, iso3)}
    if not comms:
        st.info(_("No communication about this State is recorded yet."))
        return None
    picked = _pick(_("Communication"), {k: c.label for k, c in comms.items()}, key)
    return comms.get(picked or "")


REPLY_KINDS = {"true": N_("A substantive reply"),
               "false": N_("An acknowledgement, or a reply that does not address the substance")}


def _reply_form(iso3: str, name: str) -> None:
    comm = _communication(iso3)
    if comm is None:
        return
    kind = st.radio(_("Kind of reply"), list(REPLY_KINDS), format_func=lambda k: _(REPLY_KINDS[k]),
                    key="record_substantive")
    secret = st.checkbox(_("Confidential: received but not made public"), key="record_confidential")
    date = _day(_("Date received"), "record_date")
    if st.button(_("Stage this change"), key="record_stage", type="primary"):
        change = Change("add_reply", {"ref": comm.ref, "received_on": date, "substantive": kind or "",
                                      "confidential": "true" if secret else ""})
        _stage(change, review.describe(change, name))


def _event_of(thread: choices.Thread) -> choices.Event | None:
    events = {str(i): e for i, e in enumerate(_data(choices.thread_events, thread.visit_id))}
    picked = _pick(_("Event"), {k: e.label for k, e in events.items()}, "record_which_event")
    return events.get(picked or "")


def _correction_form(iso3: str, name: str) -> None:
    thread = _thread(iso3)
    event = _event_of(thread) if thread else None
    if thread is None or event is None:
        return
    new_event = _pick(_("What it should say happened"), _words({"": N_("As recorded"), **choices.EVENT_CHOICES}),
                      "record_new_event")
    new_date = _day(_("The date it should have"), "record_new_date", event.date)
    end = ""
    if (new_event or event.event) == "completed":
        end = _day(_("Last day of the visit"), "record_end_date", event.end_date or event.date)
    reason = st.text_input(_("Reason for the correction (required; kept in the history)"), key="record_reason")
    if st.button(_("Stage the correction"), key="record_stage", type="primary"):
        change = Change("correct_event", {
            "visit_id": thread.visit_id, "date": event.date.isoformat(), "event": event.event,
            "new_date": "" if new_date == event.date.isoformat() else new_date, "new_event": new_event or "",
            "end_date": end, "reason": reason.strip()})
        _stage(change, review.describe(change, name, thread.label))


REMOVALS = {"event": N_("One event of a visit request"), "thread": N_("A whole visit request, with its events"),
            "reply": N_("A reply"), "communication": N_("A communication (with no reply left)"),
            "invitation": N_("The State's standing invitation")}


def _removal_form(iso3: str, name: str) -> None:
    what = st.radio(_("What to remove"), list(REMOVALS), format_func=lambda k: _(REMOVALS[k]), key="record_remove_what",
                    horizontal=True)
    values: dict[str, str] = {}
    about = ""
    if what in ("event", "thread"):
        thread = _thread(iso3)
        if thread is None:
            return
        values, about = {"visit_id": thread.visit_id}, _("the visit request {thread}").format(thread=thread.label)
        if what == "event":
            event = _event_of(thread)
            if event is None:
                return
            values |= {"date": event.date.isoformat(), "event": event.event}
            about = _("the event “{event}” ({thread})").format(event=event.label, thread=thread.label)
    elif what in ("reply", "communication"):
        comm = _communication(iso3)
        if comm is None:
            return
        values, about = {"ref": comm.ref}, _("the communication {communication}").format(communication=comm.label)
        if what == "reply":
            if not comm.reply_dates:
                st.info(_("No reply to this communication is recorded."))
                return
            day = st.selectbox(_("Reply received on"), list(comm.reply_dates), format_func=date_text,
                               key="record_reply_date")
            values["received_on"] = day.isoformat() if day else ""
            about = _("the reply of {date} to {ref}").format(date=date_text(day), ref=comm.ref)
    else:
        values, about = {"iso3": iso3}, _("the standing invitation of {state}").format(state=name)
    reason = st.text_input(_("Reason for the removal (required; kept in the history)"), key="record_reason")
    if st.button(_("Stage the removal"), key="record_stage", type="primary"):
        change = Change("remove", {**values, "reason": reason.strip()})
        _stage(change, review.describe(change, name, about))


FORMS: dict[str, Callable[[str, str], None]] = {
    "event": _event_form, "thread": _thread_form, "invitation": _invitation_form,
    "communication": _communication_form, "reply": _reply_form, "correction": _correction_form,
    "removal": _removal_form,
}


def stage_form() -> None:
    """Pick a State and a kind of change, fill in the form, stage it (checked as it is staged)."""
    names = _data(choices.states)
    iso3 = state_picker(_data(state_search.resolver), _("State"), list(names), "state", lambda k: names.get(k, k),
                        what=_("State"), where=_("in the records"), key="record_state")
    kind = st.radio(_("What do you want to record?"), list(KINDS), format_func=lambda k: _(KINDS[k]), key="record_kind")
    if iso3 and kind:
        FORMS[kind](iso3, names[iso3])


# ---------------------------------------------------------------------------------------------
# The staged list, what it changes, the figures it moves, and the commit

def staged_list() -> None:
    for i, s in enumerate(staged()):
        row = st.container(horizontal=True, vertical_alignment="center")
        row.markdown(f"{i + 1}. {s.text}")
        if row.button(_("Unstage"), key=f"record_unstage_{i}", icon=":material/close:"):
            del staged()[i]
            st.rerun()


def what_changes(view: View) -> None:
    """What the commit would change, as the Data page's "what changed" shows it, and the figures it moves."""
    changes = [s.change for s in staged()]
    try:
        diff = preview_diff(changes, base=base_id())
        as_at, moved = review.moved_figures(changes, base=base_id(), names=_data(choices.states))
    except SourceError as exc:  # a colleague's commit cannot make staged changes invalid (base is fixed); a guard
        st.error("\n".join(f"- {review.issue_text(i)}" for i in exc.issues))
        return
    st.markdown(_("**What changes**"))
    diff_table(diff, "staged")
    if moved:
        st.markdown(_("**The figures it moves**, as at {date} (all regional groups)").format(date=date_text(as_at)))
        for state in dict.fromkeys(m.state for m in moved):
            st.markdown(state)
            st.dataframe([{_("Figure"): m.figure, _("Before"): m.before, _("After"): m.after,
                           _("Moves"): _("yes") if m.changed else ""}
                          for m in moved if m.state == state], hide_index=True, width="stretch")


def diff_table(diff: Diff, name: str) -> None:
    """A diff as the Data page's "what changed" shows it: its totals, then every change."""
    totals = diff.totals()
    # Only the totals that move (a reminder moves none): five empty tiles would fill a phone's screen.
    moving = [k for k in ("new requests", "acceptances", "visits", "new communications", "new replies")
              if totals.get(k)]
    if moving:
        for col, key in zip(st.columns(len(moving)), moving, strict=True):
            col.metric(count_label(key), number(totals[key]), border=True, height="stretch")
    if diff.changes.height:
        columns = change_columns()  # only the columns shown are sent: the others are the diff's codes
        st.dataframe(diff.readable().select(list(columns)), hide_index=True, width="stretch",
                     key=f"record_diff_{name}", column_config=columns)


def commit_now() -> None:
    """Commit the staged changes as the signed-in editor, re-checked here, at commit time, on the server."""
    note = st.session_state.get("record_note") or ""
    who = auth.editor()
    if who is None:
        st.session_state[RESULT] = ("refused", auth.disabled_reason())
        return
    changes = [s.change for s in staged()]
    try:
        done = commit(changes, author=who.author, note=note, base=base_id())
    except ConflictError as exc:
        st.session_state[RESULT] = ("conflict", exc)
    except SourceError as exc:
        st.session_state[RESULT] = ("invalid", [review.issue_text(i) for i in exc.issues])
    except RecordError as exc:
        st.session_state[RESULT] = ("error", problem_text(exc))
    else:
        st.session_state[RESULT] = ("done", done.snapshot.id, done.rebased_from, len(changes))
        st.session_state[STAGED] = []
        st.session_state.pop(BASE, None)
        st.session_state.pop("record_note", None)
        # From now on the dashboard shows the new current snapshot, not the one it showed before.
        for key in ("_url_snapshot", "_keep_snapshot", "_url_snapshot_seen"):
            st.session_state.pop(key, None)
        if "snapshot" in st.query_params:
            del st.query_params["snapshot"]


def result() -> None:
    """What the last commit did: written (onto a colleague's commit, if one came first), conflicting or refused."""
    outcome = st.session_state.get(RESULT)
    if not outcome:
        return
    kind = outcome[0]
    if kind == "done":
        sid, rebased, n = outcome[1:]
        st.success(n_("{n} change committed as snapshot {id}, now the current records.",
                      "{n} changes committed as snapshot {id}, now the current records.", n).format(n=n, id=sid)
                   + (" " + _("A colleague committed other changes meanwhile; yours touched other records and were "
                              "applied on top of theirs, so nothing of either is lost.") if rebased else ""),
                   icon=":material/check_circle:")
    elif kind == "conflict":
        _conflict(outcome[1])
    elif kind == "invalid":
        st.error(_("Nothing was committed:") + "\n\n" + "\n".join(f"- {t}" for t in outcome[1]))
    else:
        st.error(_("Nothing was committed. {problem}").format(problem=outcome[1]))


def _conflict(exc: ConflictError) -> None:
    texts = [s.text for s in staged() if s.change in exc.conflicts]
    n = len(exc.conflicts)
    st.error(n_("Nothing was committed: a colleague committed snapshot {id} after you started, and it changed the "
                "same records as {n} of your staged changes:",
                "Nothing was committed: a colleague committed snapshot {id} after you started, and it changed the "
                "same records as {n} of your staged changes:", n).format(id=exc.current, n=n) + "\n\n"
             + "\n".join(f"- {t}" for t in texts) + "\n\n"
             + _("Unstage those (or check them against the colleague's records), then start again on the current "
                 "records."), icon=":material/sync_problem:")
    st.markdown(_("**What the colleague's commit changed**"))
    try:
        diff_table(cache.diff(cache.verified(exc.base), cache.verified(exc.current)), "colleague")
    except SnapshotError as err:
        st.error(_("Cannot show it: {problem}").format(problem=problem_text(err)))
    if st.button(_("Drop the conflicting changes and continue on the current records"), key="record_rebase"):
        st.session_state[STAGED] = [s for s in staged() if s.change not in exc.conflicts]
        st.session_state[BASE] = exc.current
        st.session_state.pop(RESULT, None)
        st.rerun()
