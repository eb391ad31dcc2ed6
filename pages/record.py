"""Record changes: an editor stages changes to the current records, sees what they change, and commits them."""
import streamlit as st

from sp_data.i18n import _
from sp_data.record.history_view import version_words
from ui import auth
from ui import components as ui
from ui import record
from ui.state import current

view = current()
ui.header(view, _("Record changes"),
          _("Record a reminder, an acceptance, a reply as it happens: each change is checked as it is staged, "
            "and a commit keeps who recorded it, when and why, without overwriting a colleague's change."))
editor = auth.editor()
record.result()  # before the gate: a commit refused because the editor was removed meanwhile says so
if editor is None:
    st.info(auth.disabled_reason(), icon=":material/lock:")
    st.button(_("Stage this change"), key="record_stage_disabled", disabled=True)
else:
    base = record.base_id()
    who = f"{editor.name} ({editor.email})" if editor.email and editor.email != editor.name else editor.name
    st.caption(_("You are recording as **{who}**, onto the current records ({version}).").format(
        who=who, version=version_words(base))
               + ("" if view.snapshot.id == base else " " + _(
                   "The rest of the dashboard shows {version}, chosen in the sidebar.").format(
                   version=version_words(view.snapshot.id))))
    st.subheader(_("Stage a change"))
    record.stage_form()
    st.subheader(_("Staged changes"))
    if not record.staged():
        st.markdown(_("Nothing is staged yet. Each change you stage is listed here, then committed together."))
    else:
        record.staged_list()
        record.what_changes(view)
        note = st.text_input(_("Note for the history (required): what these changes are, and from which letters"),
                             key="record_note")
        st.button(_("Commit"), key="record_commit", type="primary", icon=":material/save:",
                  on_click=record.commit_now, disabled=not note.strip())
