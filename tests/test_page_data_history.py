"""The Data page's history: the chain of versions, the link to each one's changes, earlier versions read-only, undo."""
from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from conftest import AUTH_SECRETS, metrics, signed_in
from sp_data.record.history_view import counts_text, history_rows, picker_label, when_text
from sp_data.record.store import commit, current_pointer, undo
from sp_data.snapshot import read_manifest, use, write_snapshot
from test_record import ch, world
from ui import auth


@pytest.fixture
def chain(tmp_path, monkeypatch):
    """An import, two commits by two editors and an undo of the second, in a folder the app reads."""
    root = tmp_path / "parquet"
    write_snapshot(world(), source="Test world: three threads", simulated=False, root=root, snapshot_id="base")
    use("base", root)
    monkeypatch.setenv("SP_PARQUET_DIR", str(root))
    monkeypatch.delenv("SP_SNAPSHOT", raising=False)
    first = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder"),
                    ch("add_event", visit_id="V1", date="2021-06-03", event="reminder")],
                   author="Ann Editor", note="reminders sent", root=root).snapshot.id
    second = commit([ch("add_event", visit_id="V2", date="2020-03-02", event="completed", end_date="2020-03-12"),
                     ch("add_reply", ref="AL AAA 1/2023", received_on="2023-04-01", substantive="false")],
                    author="Ben Editor", note="visit carried out", root=root).snapshot.id
    third = undo(first, author="Ann Editor", note="the visit was recorded too early", root=root).snapshot.id
    return {"root": root, "first": first, "second": second, "third": third}


def when(root, sid) -> str:
    return when_text(read_manifest(root / sid)["committed_at"])


def history_text(at) -> list[str]:
    """The markdown of the history section, in order."""
    texts = [m.value for m in at.markdown]
    start = next(i for i, t in enumerate(texts) if t.startswith("Every version of the records"))
    end = next(i for i, t in enumerate(texts) if t.startswith("Every snapshot in the snapshots folder"))
    return texts[start + 1:end]


def visit_events(at) -> int:
    """The rows of the visit events table in the snapshot shown (the Data page's files and checksums)."""
    files = next(d.value for d in at.dataframe if "sha256" in d.value.columns)
    return int(files.loc[files["table_name"] == "Visit events", "rows"].iloc[0])


def test_the_history_in_words(chain):
    root = chain["root"]
    rows = history_rows(root)
    assert [(r.id, r.parent, r.author, r.note, r.kind, r.current) for r in rows] == [
        (chain["third"], chain["second"], "Ann Editor", "the visit was recorded too early", "restore", True),
        (chain["second"], chain["first"], "Ben Editor", "visit carried out", "commit", False),
        (chain["first"], "base", "Ann Editor", "reminders sent", "commit", False),
        ("base", None, None, None, "import", False)]
    first = f"{when(root, chain['first'])} by Ann Editor (“reminders sent”)"
    assert [(r.what, r.changed) for r in rows] == [
        (f"Made current again: the version of {first}", "2 other changes"),  # the visit and the reply removed
        ("", "1 visit, 1 new reply"), ("", "2 reminders"), ("Imported: Test world: three threads", None)]
    assert rows[-1].when == date_words(read_manifest(root / "base")["created"])
    assert when_text("2026-12-02T14:05:09+00:00") == "2 December 2026, 14:05 UTC"
    assert counts_text({"reminders": 2, "new replies": 1, "visits": 0}) == "2 reminders, 1 new reply"
    assert counts_text({"reminders": 0}) == "no change to the records"


def date_words(stamp: str) -> str:
    return when_text(stamp, with_time=False)


def test_the_data_page_lists_the_chain_with_authors_notes_and_counts(app, chain):
    root = chain["root"]
    at = app("pages/data.py").run()
    assert not at.exception
    assert history_text(at) == [
        f"**{when(root, chain['third'])}** · by **Ann Editor** · current version, shown now  \n"
        "“the visit was recorded too early”  \n"
        f"Made current again: the version of {when(root, chain['first'])} by Ann Editor (“reminders sent”)  \n"
        "What changed: 2 other changes.",
        f"**{when(root, chain['second'])}** · by **Ben Editor**  \n“visit carried out”  \n"
        "What changed: 1 visit, 1 new reply.",
        f"**{when(root, chain['first'])}** · by **Ann Editor**  \n“reminders sent”  \nWhat changed: 2 reminders.",
        f"**{date_words(read_manifest(root / 'base')['created'])}**  \nImported: Test world: three threads"]
    captions = [c.value for c in at.caption]
    assert f"Snapshot {chain['second']}" in captions and "Snapshot base" in captions
    assert auth.disabled_reason() in captions


def test_the_diff_link_opens_that_entrys_changes_against_its_parent(app, chain):
    at = app("pages/data.py").run()
    links = [parse_qs(p.proto.query_string) for p in at.get("page_link") if p.proto.label == "See every change"]
    assert [(q.get("snapshot"), q["compare"]) for q in links] == [
        (None, [chain["second"]]), ([chain["second"]], [chain["first"]]), ([chain["first"]], ["base"])]
    assert all(q["year"] for q in links)
    shown = app("pages/data.py", snapshot=chain["second"], compare=chain["first"]).run()
    assert not shown.exception
    tiles = metrics(shown)
    assert tiles["Snapshot"] == chain["second"]
    compare = shown.selectbox(key="_url_compare")
    assert compare.value == chain["first"]
    assert compare.format_func(chain["first"]) == f"{when(chain['root'], chain['first'])} by Ann Editor (“reminders sent”)"
    assert (tiles["Visits"], tiles["New replies"], tiles["New requests"], tiles["Acceptances"]) == ("1", "1", "0", "0")
    every = next(df.value for df in shown.dataframe if "section_name" in df.value.columns)
    assert sorted(every["change_name"]) == ["Reply", "Visit"]  # nothing of the reminders, which the parent already had


def test_an_earlier_version_opens_read_only_with_its_figures_and_the_notice(app, chain):
    root = chain["root"]
    at = app("pages/data.py", snapshot=chain["second"]).run()
    assert not at.exception
    assert visit_events(at) == 8  # 5 + 2 reminders + 1 visit
    notice = [i.value for i in at.info if i.value.startswith("You are looking at")]
    assert notice == [
        f"You are looking at an earlier version of the records, read-only: the version of {when(root, chain['second'])} "
        "by Ben Editor (“visit carried out”). The current one is the version of "
        f"{when(root, chain['third'])} by Ann Editor (“the visit was recorded too early”); it is the first snapshot "
        "in the sidebar."]
    current = app("pages/data.py").run()
    assert visit_events(current) == 7  # as after the first commit
    assert not [i for i in current.info if i.value.startswith("You are looking at")]


def test_the_snapshot_picker_lists_every_version_in_words_and_pins_the_choice(app, chain):
    root = chain["root"]
    at = app("pages/data.py").run()
    picker = at.selectbox(key="_url_snapshot")
    assert picker.options == [
        f"{when(root, chain['third'])} by Ann Editor (“the visit was recorded too early”) · current",
        f"{when(root, chain['second'])} by Ben Editor (“visit carried out”)",
        f"{when(root, chain['first'])} by Ann Editor (“reminders sent”)",
        f"{date_words(read_manifest(root / 'base')['created'])}, imported: Test world"]
    picker.set_value(chain["first"]).run()
    assert not at.exception
    assert at.query_params["snapshot"] in (chain["first"], [chain["first"]])
    assert metrics(at)["Snapshot"] == chain["first"]
    assert any(i.value.startswith("You are looking at an earlier version") for i in at.info)
    assert picker_label({"id": "x", "created": "2024-07-01T00:00:00+00:00", "source": "Demo: simulated",
                         "simulated": True}, current=True) == "1 July 2024, imported: Demo · current, simulated"


def test_undo_is_disabled_without_an_editor_and_a_crafted_click_changes_nothing(app, chain):
    at = app("pages/data.py").run()
    buttons = [b for b in at.button if b.key and b.key.startswith("undo_")]
    assert sorted(b.key for b in buttons) == sorted(f"undo_{s}" for s in (chain["second"], chain["first"], "base"))
    assert all(b.disabled for b in buttons)
    at.session_state["_undo_target"] = "base"  # as if the disabled button had been clicked
    at.run()
    assert not at.exception
    assert not [b for b in at.button if b.key == "undo_confirm"]
    assert current_pointer(chain["root"]) == chain["third"]


def test_an_editor_makes_an_earlier_version_current_again(app, chain):
    root = chain["root"]
    # Signed in as an editor (AppTest's st.user, with [auth] and [editors] in its secrets).
    cleo = {"is_logged_in": True, "email": "cleo@example.org", "name": "Cleo Editor"}
    secrets = {**AUTH_SECRETS, "editors": {"emails": ["cleo@example.org"]}}
    at = signed_in(app("pages/data.py"), cleo, secrets).run()
    undo_base = at.button(key="undo_base")
    assert not undo_base.disabled
    undo_base.click().run()
    at.button(key="undo_confirm").click().run()  # without a note: refused
    assert [e.value for e in at.error] == [
        "Write why this version is made current again: the note is kept in the history."]
    assert current_pointer(root) == chain["third"]
    at.text_input(key="undo_note").set_value("start again from the import")
    at.button(key="undo_confirm").click().run()
    assert not at.exception
    new = current_pointer(root)
    assert new not in (chain["third"], "base")
    rows = history_rows(root)
    assert [(r.id, r.parent, r.author, r.note, r.restores) for r in rows[:2]] == [
        (new, chain["third"], "Cleo Editor <cleo@example.org>", "start again from the import", "base"),
        (chain["third"], chain["second"], "Ann Editor", "the visit was recorded too early", chain["first"])]
    # The app now serves the new current version: its tables are the import's, and no notice says otherwise.
    assert metrics(at)["Snapshot"] == new
    assert visit_events(at) == 5
    assert not [i for i in at.info if i.value.startswith("You are looking at")]
    assert [s.value for s in at.success] == [
        f"The version of {date_words(read_manifest(root / 'base')['created'])} is current again, as a new entry "
        "at the top of the history."]
    base = date_words(read_manifest(root / "base")["created"])
    assert history_text(at)[0] == (
        f"**{when(root, new)}** · by **Cleo Editor <cleo@example.org>** · current version, shown now  \n“start again from the import”  \n"
        f"Made current again: the version of {base}, imported: Test world  \nWhat changed: 2 other changes.")


def test_a_reader_shown_the_current_version_follows_a_colleagues_commit(app, chain):
    at = app("pages/data.py").run()
    assert metrics(at)["Snapshot"] == chain["third"]
    done = commit([ch("add_event", visit_id="V1", date="2022-01-05", event="reminder")],
                  author="Dee Editor", note="one more reminder", root=chain["root"])
    at.run()
    assert not at.exception
    assert metrics(at)["Snapshot"] == done.snapshot.id
    assert not [i for i in at.info if i.value.startswith("You are looking at")]
    pinned = app("pages/data.py", snapshot=chain["first"]).run()
    commit([ch("add_event", visit_id="V1", date="2022-02-05", event="reminder")],
           author="Dee Editor", note="and another", root=chain["root"])
    pinned.run()
    assert metrics(pinned)["Snapshot"] == chain["first"]  # a version chosen by link stays chosen
