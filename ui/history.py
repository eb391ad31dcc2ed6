"""The Data page's history: every version of the records, a link to what each changed, and the undo."""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sp_data.wording import date_column_format
from sp_data.errors import SnapshotError, problem_text
from sp_data.i18n import N_, _
from sp_data.record.history_view import HistoryRow, history_rows, picker_label, pinned_by_server
from sp_data.snapshot import current_id, list_snapshots
from sp_data.record.store import RecordError, undo
from ui import auth
from ui.state import View, carried_params, follow_current

DATA_PAGE = "pages/data.py"
PAGE_SIZE = 20  # entries shown at first; "Show older entries" adds as many again
PINNED = N_("This server always shows one version of the records (it is pinned in its settings), so making "
            "another one current would not change what it shows.")


def change_columns() -> dict:
    """The columns of a table of changes (Diff.readable()), as the Data page and the Record page show them."""
    return {"state": _("State"), "party_text": _("Non-State actor"), "section_name": _("Record"),
            "change_name": _("Change"), "direction_name": _("Added or removed"),
            "date": st.column_config.DateColumn(_("Date"), format=date_column_format()),
            "mandate_names": _("Mandates"), "ref": _("Reference"), "detail_text": _("Detail")}


def snapshot_words() -> Callable[[str], str]:
    """Each snapshot's words for a picker (its date, editor and note, or its import), by id."""
    manifests = {s["id"]: s["manifest"] for s in list_snapshots()}
    current = current_id()
    return lambda sid: picker_label(manifests.get(sid, {"id": sid}), sid == current)


def _why_disabled() -> str | None:
    """Why this visitor cannot make a version current again (None: they can)."""
    if auth.editor() is None:
        return auth.disabled_reason()
    return _(PINNED) if pinned_by_server() else None


def section(view: View) -> None:
    """The chain of versions from the current one back, newest first, with links and the undo."""
    st.subheader(_("History"))
    st.markdown(_("Every version of the records, newest first: who recorded it, when, why, and what it changed "
                  "from the version before. Any earlier version can be opened, read-only, and an editor can make "
                  "it current again: that is a new entry here, and nothing is erased."))
    done = st.session_state.pop("_history_done", None)
    if done:
        st.success(done, icon=":material/check_circle:")
    limit = st.session_state.get("_history_limit", PAGE_SIZE)
    rows = history_rows(limit=limit)
    disabled = _why_disabled()
    if disabled and len(rows) > 1:
        st.caption(disabled)
    for row in rows:
        _entry(view, row, disabled)
    if len(rows) == limit and st.button(_("Show older entries"), key="history_more"):
        st.session_state["_history_limit"] = limit + PAGE_SIZE
        st.rerun()


def _entry(view: View, row: HistoryRow, disabled: str | None) -> None:
    with st.container(border=True):
        who = _("by **{author}**").format(author=row.author) if row.author else ""
        flags = [f for f, on in ((_("current version"), row.current), (_("shown now"), row.id == view.snapshot.id))
                 if on]
        lines = [" · ".join(x for x in (f"**{row.when}**", who, ", ".join(flags)) if x),
                 f"“{row.note}”" if row.note else "", row.what,
                 _("What changed: {changes}.").format(changes=row.changed) if row.changed else ""]
        st.markdown("  \n".join(x for x in lines if x))
        links = st.container(horizontal=True, vertical_alignment="center")
        with links:
            if row.parent:
                st.page_link(DATA_PAGE, label=_("See every change"), icon=":material/difference:",
                             query_params=_params(row.id, row.current, compare=row.parent))
            if row.id != view.snapshot.id:
                st.page_link(DATA_PAGE, label=_("Open this version") if not row.current else _("Open the current version"),
                             icon=":material/visibility:", query_params=_params(row.id, row.current))
            if not row.current:
                st.button(_("Make this version current again"), key=f"undo_{row.id}", disabled=disabled is not None,
                          help=disabled, icon=":material/undo:", on_click=_choose, args=(row.id,))
        st.caption(_("Snapshot {id}").format(id=row.id))
        if not row.current and st.session_state.get("_undo_target") == row.id and disabled is None:
            _undo_form(row)


def _params(sid: str, current: bool, compare: str | None = None) -> dict:
    """The filters carried, showing this version (the current one is followed, not pinned) and comparing."""
    params = {k: v for k, v in carried_params().items() if k not in ("snapshot", "compare")}
    if not current:
        params["snapshot"] = sid
    if compare:
        params["compare"] = compare
    return params


def _choose(sid: str) -> None:
    st.session_state["_undo_target"] = sid


def _undo_form(row: HistoryRow) -> None:
    """Ask why, then make the version current again as a new entry, or say why nothing was done."""
    if row.author:
        ask = _("Make the version of **{when}** by {author} current again? The versions after it stay in the "
                "history.").format(when=row.when, author=row.author)
    else:
        ask = _("Make the version of **{when}** current again? The versions after it stay in the history.").format(
            when=row.when)
    st.markdown(ask)
    note = st.text_input(_("Why (kept in the history)"), key="undo_note",
                         placeholder=_("e.g. the May reminders were recorded twice"))
    row_of_buttons = st.container(horizontal=True)
    go = row_of_buttons.button(_("Make it current"), key="undo_confirm", type="primary")
    if row_of_buttons.button(_("Cancel"), key="undo_cancel"):
        st.session_state.pop("_undo_target", None)
        st.rerun()
    if not go:
        return
    editor = auth.editor()  # asked again: only a signed-in editor's click changes anything
    if editor is None:
        st.error(auth.disabled_reason())
        return
    if not note.strip():
        st.error(_("Write why this version is made current again: the note is kept in the history."))
        return
    try:
        undo(row.id, author=editor.author, note=note)
    except (RecordError, SnapshotError) as exc:
        st.error(_("Nothing was changed: {problem}").format(problem=problem_text(exc)))
        return
    st.session_state.pop("_undo_target", None)
    st.session_state.pop("undo_note", None)
    st.session_state["_history_done"] = _("The version of {when} is current again, as a new entry at the top of "
                                          "the history.").format(when=row.when)
    follow_current()
    st.rerun()
