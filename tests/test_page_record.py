"""The Record page under AppTest: st.user is faked through AppTest.user (Streamlit 1.67), the provider through
AppTest.secrets (never contacted); every kind of change, validation messages, conflicts, and who may record."""
import datetime as dt
import json

import pytest

from conftest import ANONYMOUS, READER, signed_in

D = dt.date




def open_record(app, user=None, configured=True, **query):
    at = app("pages/record.py", timeout=90, **query)
    if configured:
        signed_in(at, user)
    return at.run()


def on_state(at, iso3="IRN", kind="event"):
    at.selectbox(key="record_state").set_value(iso3)
    at.radio(key="record_kind").set_value(kind)
    return at.run()


def stage(at, **fields):
    """Set the form's fields (key suffix -> value) and press Stage."""
    for name, value in fields.items():
        key = f"record_{name}"
        widget = next(w for kind in ("selectbox", "date_input", "text_input", "radio", "checkbox", "multiselect")
                      for w in getattr(at, kind) if w.key == key)
        widget.set_value(value)
        at.run()  # a field may bring the next (the last day of a visit carried out)
    at.button(key="record_stage").click().run()
    assert not at.exception
    return at


def staged_texts(at):
    return [m.value for m in at.markdown if m.value[:3] in ("1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. ", "8. ")]


def errors(at):
    return [e.value for e in at.error]


def figures(at):
    frame = at.dataframe[-1].value
    assert any(m.value == "Iran (Islamic Republic of)" for m in at.markdown)  # the State, above its figures
    return {row["Figure"]: (row["Before"], row["After"]) for row in frame.to_dict("records")}


def commit(at, note="Letters of May"):
    at.text_input(key="record_note").set_value(note).run()
    at.button(key="record_commit").click().run()
    assert not at.exception
    return at


def current(root):
    return (root / "CURRENT").read_text().strip() if (root / "CURRENT").exists() else "demo"


@pytest.mark.parametrize("user, configured, reason", [
    (None, False, "sign-in is not set up on this server"),
    (ANONYMOUS, True, "use “Sign in” in the sidebar"),
    (READER, True, "You are signed in as rex.reader@example.org, who is not on this server's list of editors"),
])
def test_recording_is_disabled_for_anyone_but_a_signed_in_editor(app, parquet_root, user, configured, reason):
    at = open_record(app, user, configured)
    assert not at.exception
    assert any(reason in i.value for i in at.info)
    assert at.button(key="record_stage_disabled").disabled
    assert not [r for r in at.radio if r.key == "record_kind"]


def test_the_sidebar_offers_sign_in_and_names_the_signed_in_editor(app, parquet_root):
    at = open_record(app, ANONYMOUS)
    assert at.button(key="auth_sign_in").label == "Sign in"
    at = open_record(app)
    assert any("Signed in as **Ada Editor** (ada.editor@example.org), editor." in c.value for c in at.caption)
    assert at.button(key="auth_sign_out").label == "Sign out"
    assert not [b for b in open_record(app, configured=False).button if b.key.startswith("auth_")]  # no provider


def test_a_reminder_and_an_acceptance_move_the_figures_and_commit_as_the_editor(app, parquet_root):
    at = on_state(open_record(app))
    assert "Independent Expert on human rights and international solidarity: request of 2 November 2022" in \
        at.selectbox(key="record_thread").options
    stage(at, thread="V00774", event="reminder", date=D(2024, 5, 2))
    stage(at, thread="V00774", event="accepted", date=D(2024, 6, 3))
    assert staged_texts(at) == [
        "1. Reminder, 2 May 2024. Independent Expert on human rights and international solidarity: request of "
        "2 November 2022",
        "2. Acceptance, 3 June 2024. Independent Expert on human rights and international solidarity: request of "
        "2 November 2022",
    ]
    moved = figures(at)
    assert moved["Pending requests"] == ("8", "7")
    assert moved["Accepted, not yet carried out"] == ("0", "1")
    assert {m.label: m.value for m in at.metric}["Acceptances"] == "1"
    commit(at)
    new = current(parquet_root)
    assert new.startswith("rec-")
    assert any(f"2 changes committed as snapshot {new}, now the current records." in s.value for s in at.success)
    manifest = json.loads((parquet_root / new / "manifest.json").read_text())
    assert (manifest["author"], manifest["note"], manifest["parent"]) == (
        "Ada Editor <ada.editor@example.org>", "Letters of May", "demo")
    assert [(c["action"], c["event"], c["date"]) for c in manifest["changes"]] == [
        ("add_event", "reminder", "2024-05-02"), ("add_event", "accepted", "2024-06-03")]
    assert not staged_texts(at)


def test_every_kind_of_change_is_staged_in_words(app, parquet_root):
    at = on_state(open_record(app))
    stage(at, thread="V00774", event="completed", date=D(2024, 5, 6), end_date=D(2024, 5, 10))
    on_state(at, kind="thread")
    stage(at, mandate="SR-TORTURE", first_event="requested", date=D(2024, 5, 3))
    on_state(at, kind="invitation")
    stage(at, date=D(2024, 5, 4))
    on_state(at, kind="communication")
    stage(at, ref="UA IRN 9/2024", type="UA", date=D(2024, 5, 5), mandates=["SR-TORTURE", "SR-FOE"])
    on_state(at, kind="reply")
    stage(at, communication="AL IRN 1/2023", substantive="true", confidential=True, date=D(2024, 5, 7))
    on_state(at, kind="correction")
    stage(at, thread="V00775", which_event="2", new_date=D(2023, 12, 16), reason="the letter is dated 16 December")
    on_state(at, kind="removal")
    stage(at, remove_what="reply", communication="AL IRN 3/2023", reply_date=D(2023, 12, 8),
          reason="recorded twice")
    assert errors(at) == []
    texts = staged_texts(at)
    assert texts[0] == ("1. Visit carried out, 6 May 2024 to 10 May 2024. Independent Expert on human rights and "
                        "international solidarity: request of 2 November 2022")
    assert texts[1] == ("2. New visit request to Iran (Islamic Republic of): Special Rapporteur on torture and other "
                        "cruel, inhuman or degrading treatment or punishment, request of 3 May 2024.")
    assert texts[2] == "3. Iran (Islamic Republic of) extended a standing invitation on 4 May 2024."
    assert texts[3].startswith("4. New communication UA IRN 9/2024: urgent appeal to Iran (Islamic Republic of) sent "
                               "on 5 May 2024 by Special Rapporteur on torture")
    assert texts[4] == "5. Reply to AL IRN 1/2023 received on 7 May 2024: a substantive reply, confidential."
    assert texts[5].startswith("6. Correction: acknowledgement of 15 December 2023 becomes acknowledgement of "
                               "16 December 2023.")
    assert texts[5].endswith("Reason: the letter is dated 16 December")
    assert texts[6] == "7. Removal of the reply of 8 December 2023 to AL IRN 3/2023. Reason: recorded twice"
    moved = figures(at)
    assert moved["Standing invitation"] == ("none", "since 4 May 2024")
    assert moved["Visits carried out in 2024"] == ("0", "1")
    totals = {m.label: m.value for m in at.metric}
    assert (totals["Visits"], totals["New communications"], totals["New replies"]) == ("1", "1", "1")
    commit(at, "every kind")
    manifest = json.loads((parquet_root / current(parquet_root) / "manifest.json").read_text())
    assert [c["action"] for c in manifest["changes"]] == [
        "add_event", "add_thread", "extend_invitation", "add_communication", "add_reply", "correct_event", "remove"]


def test_a_standing_invitation_in_force_can_be_withdrawn(app, parquet_root):
    at = on_state(open_record(app), "FRA", "invitation")
    assert any("A standing invitation has been in force since 2 June 2009." in m.value for m in at.markdown)
    stage(at, date=D(2024, 5, 4))
    assert staged_texts(at) == ["1. France withdrew its standing invitation on 4 May 2024."]


def test_validation_errors_are_the_imports_messages_and_nothing_is_staged(app, parquet_root):
    at = on_state(open_record(app))
    stage(at, thread="V00774", event="completed", date=D(2024, 5, 6), end_date=D(2024, 5, 1))
    assert len(errors(at)) == 1 and "Last day of the visit:" in errors(at)[0]
    assert "(value '2024-05-01')" in errors(at)[0]
    on_state(at, kind="reply")
    stage(at, communication="AL IRN 1/2023", substantive="false", date=D(2023, 1, 1))
    assert "Date received:" in errors(at)[0] and "(value '2023-01-01')" in errors(at)[0]
    on_state(at, kind="correction")
    stage(at, thread="V00775", which_event="2", new_date=D(2023, 12, 16), reason="")
    assert errors(at) == ["This change was not staged:\n\n- Reason: a value is required"]
    on_state(at, kind="communication")
    stage(at, ref="", type="UA", date=D(2024, 5, 5), mandates=[])
    assert "- Reference: a value is required" in errors(at)[0]
    assert "- Mandates: a value is required" in errors(at)[0]
    assert staged_texts(at) == []


def test_a_conflicting_commit_by_a_colleague_is_shown_and_nothing_is_written(app, parquet_root):
    mine = on_state(open_record(app))
    stage(mine, thread="V00774", event="reminder", date=D(2024, 5, 2))
    colleague = on_state(open_record(app))
    stage(colleague, thread="V00774", event="accepted", date=D(2024, 5, 3))
    commit(colleague, "the colleague's acceptance")
    theirs = current(parquet_root)
    commit(mine)
    assert current(parquet_root) == theirs
    message = errors(mine)[0]
    assert message.startswith(f"Nothing was committed: a colleague committed snapshot {theirs} after you started, "
                              "and it changed the same records as 1 of your staged changes:")
    assert "- Reminder, 2 May 2024. Independent Expert on human rights and international solidarity" in message
    colleagues = {m.label: m.value for m in mine.metric[:5]}  # shown first: what the colleague's commit changed
    assert colleagues["Acceptances"] == "1"
    mine.button(key="record_rebase").click().run()
    assert staged_texts(mine) == []


def test_a_colleagues_commit_on_other_records_is_kept_and_mine_applied_on_top(app, parquet_root):
    mine = on_state(open_record(app))
    stage(mine, thread="V00774", event="reminder", date=D(2024, 5, 2))
    colleague = on_state(open_record(app))
    stage(colleague, thread="V00775", event="accepted", date=D(2024, 5, 3))
    commit(colleague, "the colleague's acceptance")
    theirs = current(parquet_root)
    commit(mine)
    assert current(parquet_root) != theirs
    assert json.loads((parquet_root / current(parquet_root) / "manifest.json").read_text())["parent"] == theirs
    assert any("A colleague committed other changes meanwhile; yours touched other records and were applied on "
               "top of theirs, so nothing of either is lost." in s.value for s in mine.success)


def test_an_editor_removed_from_the_list_cannot_commit_what_they_staged(app, parquet_root):
    at = on_state(open_record(app))
    stage(at, thread="V00774", event="reminder", date=D(2024, 5, 2))
    at.text_input(key="record_note").set_value("May").run()
    at.secrets["editors"] = {"emails": ["someone.else@example.org"]}  # the commit re-checks, on the server
    at.button(key="record_commit").click().run()
    assert not at.exception
    assert current(parquet_root) == "demo"
    assert any(e.startswith("Nothing was committed. You are signed in as ada.editor@example.org, who is not on")
               for e in errors(at))
