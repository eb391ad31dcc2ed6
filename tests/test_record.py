"""Recording changes (issue 11's engine): every kind of change, validation, commits, conflicts, undo, history."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import polars as pl
import pytest

from conftest import D, frames, thread, threads
from sp_data.errors import SnapshotError, SourceError
from sp_data.export_csv import read_snapshot_tables
from sp_data.paths import PROJECT_ROOT
from sp_data.record import store
from sp_data.record.apply import validated_tables
from sp_data.record.changes import Change, new_visit_id, read_changes, write_changes
from sp_data.record.history import history
from sp_data.record.preview import check, preview_diff, previewed
from sp_data.record.store import ConflictError, RecordError, commit, current_pointer, locked, undo
from sp_data import snapshot
from sp_data.db import STORED_TABLES, connect
from sp_data.snapshot import OBJECTS_DIR, list_snapshots, open_snapshot, unshared_objects, use, write_snapshot

REF = "AL AAA 1/2023"


def world() -> dict[str, pl.DataFrame]:
    """Three threads (pending, accepted, carried out), two invitations (one withdrawn), a letter and its reply."""
    rows = threads(
        thread("V1", "AAA", [(D(2020, 1, 1), "requested")]),
        thread("V2", "BBB", [(D(2019, 5, 1), "requested"), (D(2019, 9, 1), "accepted")], mandate_id="SR-BBB"),
        thread("V3", "CCC", [(D(2018, 1, 1), "requested"), (D(2018, 6, 1), "completed", D(2018, 6, 10))]),
    )
    return frames(
        **rows,
        standing_invitations=[{"iso3": "CCC", "extended_on": D(2010, 1, 1)},
                              {"iso3": "BBB", "extended_on": D(2005, 1, 1), "withdrawn_on": D(2015, 1, 1)}],
        communications=[{"ref": REF, "sent_on": D(2023, 2, 1), "type": "AL", "recipient_kind": "state",
                         "iso3": "AAA", "mandate_ids": ["SR-EDU"], "follow_up": False}],
        replies=[{"ref": REF, "received_on": D(2023, 3, 1), "substantive": True, "confidential": False}],
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder of snapshots whose current one is `base` (the world above), written as an import writes it."""
    folder = tmp_path / "parquet"
    write_snapshot(world(), source="test world", simulated=False, root=folder, snapshot_id="base")
    use("base", folder)
    return folder


def ch(action: str, row: int = 0, **values: str) -> Change:
    return Change(action, dict(values), row)


def tables(root: Path, sid: str | None = None) -> dict[str, pl.DataFrame]:
    return read_snapshot_tables(open_snapshot(root / (sid or current_pointer(root))))


def rows(frame: pl.DataFrame, *columns: str) -> list[tuple]:
    return sorted(frame.select(columns).iter_rows(), key=str)


def snapshot_ids(root: Path) -> list[str]:
    return sorted(s["id"] for s in list_snapshots(root))


# ---------------------------------------------------------------------------------------------
# Every kind of change


def test_a_reminder_on_an_existing_thread(root):
    done = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")],
                  author="Ann Editor", note="reminder sent", root=root)
    assert current_pointer(root) == done.snapshot.id and done.parent == "base" and done.touched == {"visit_events"}
    assert rows(tables(root)["visit_events"].filter(pl.col("visit_id") == "V1"), "date", "event") == [
        (D(2020, 1, 1), "requested"), (D(2021, 2, 3), "reminder")]
    after, before = tables(root), tables(root, "base")
    assert [n for n in before if not after[n].equals(before[n])] == ["visit_events"]


@pytest.mark.parametrize(("change", "validated"), [
    (ch("add_event"), ["mandates", "states", "visit_events", "visits"]),
    (ch("remove", visit_id="V1"), ["mandates", "states", "visit_events", "visits"]),
    (ch("add_reply"), ["communications", "mandates", "replies", "states"]),
    (ch("remove", ref=REF), ["communications", "mandates", "replies", "states"]),
    (ch("withdraw_invitation"), ["standing_invitations", "states"]),
])
def test_only_the_tables_a_change_can_affect_are_validated_again(change, validated):
    assert sorted(validated_tables([change])) == validated


@pytest.mark.parametrize("event", ["requested", "reminder", "invited", "acknowledged", "accepted", "dates_proposed",
                                   "postponed", "declined", "cancelled", "withdrawn"])
def test_every_kind_of_event_on_a_thread(root, event):
    commit([ch("add_event", visit_id="V1", date="2021-05-05", event=event)], author="A", note="n", root=root)
    assert (D(2021, 5, 5), event, None) in rows(tables(root)["visit_events"], "date", "event", "end_date")


def test_a_visit_carried_out_with_its_dates(root):
    commit([ch("add_event", visit_id="V2", date="2020-03-02", event="completed", end_date="2020-03-12")],
           author="A", note="visit took place", root=root)
    assert (D(2020, 3, 2), "completed", D(2020, 3, 12)) in rows(
        tables(root)["visit_events"].filter(pl.col("visit_id") == "V2"), "date", "event", "end_date")


def test_a_new_thread_with_its_first_event(root):
    commit([ch("add_thread", visit_id="V9", mandate_id="SR-BBB", host_kind="state", iso3="BBB",
               date="2024-01-15", event="requested")], author="A", note="new request", root=root)
    t = tables(root)
    assert rows(t["visits"].filter(pl.col("visit_id") == "V9"), "mandate_id", "host_kind", "iso3", "host_name") == [
        ("SR-BBB", "state", "BBB", None)]
    assert rows(t["visit_events"].filter(pl.col("visit_id") == "V9"), "date", "event") == [
        (D(2024, 1, 15), "requested")]


def test_a_standing_invitation_extended_and_one_withdrawn(root):
    commit([ch("extend_invitation", iso3="AAA", extended_on="2022-05-01"),
            ch("extend_invitation", iso3="BBB", extended_on="2022-06-01"),  # again, after its withdrawal
            ch("withdraw_invitation", iso3="CCC", withdrawn_on="2022-07-01")], author="A", note="n", root=root)
    assert rows(tables(root)["standing_invitations"], "iso3", "extended_on", "withdrawn_on") == [
        ("AAA", D(2022, 5, 1), None), ("BBB", D(2022, 6, 1), None), ("CCC", D(2010, 1, 1), D(2022, 7, 1))]


def test_a_communication_and_each_kind_of_reply(root):
    ref = "UA BBB 2/2024"
    commit([ch("add_communication", ref=ref, sent_on="2024-02-01", type="UA", recipient_kind="state", iso3="BBB",
               mandate_ids="SR-BBB; SR-EDU", individuals="3", individuals_female="1", follow_up="false"),
            ch("add_reply", ref=ref, received_on="2024-02-10", substantive="false"),  # an acknowledgement
            ch("add_reply", ref=ref, received_on="2024-03-10", substantive="true"),
            ch("add_reply", ref=ref, received_on="2024-04-10", substantive="true", confidential="true")],
           author="A", note="n", root=root)
    t = tables(root)
    assert t["communications"].filter(pl.col("ref") == ref).select(
        "sent_on", "type", "iso3", "mandate_ids", "individuals", "individuals_female", "follow_up").rows() == [
        (D(2024, 2, 1), "UA", "BBB", ["SR-BBB", "SR-EDU"], 3, 1, False)]
    assert rows(t["replies"].filter(pl.col("ref") == ref), "received_on", "substantive", "confidential") == [
        (D(2024, 2, 10), False, False), (D(2024, 3, 10), True, False), (D(2024, 4, 10), True, True)]


def test_a_correction_of_an_event_date_and_of_its_kind_keeps_its_reason(root):
    done = commit([ch("correct_event", visit_id="V2", date="2019-09-01", event="accepted", new_date="2019-10-01",
                      reason="letter dated 1 October"),
                   ch("correct_event", visit_id="V1", date="2020-01-01", event="requested", new_event="invited",
                      reason="it was an invitation")], author="A", note="corrections", root=root)
    t = tables(root)["visit_events"]
    assert rows(t.filter(pl.col("visit_id") == "V2"), "date", "event") == [
        (D(2019, 10, 1), "accepted"), (D(2019, 5, 1), "requested")]
    assert rows(t.filter(pl.col("visit_id") == "V1"), "date", "event") == [(D(2020, 1, 1), "invited")]
    assert [c["reason"] for c in done.snapshot.manifest["changes"]] == ["letter dated 1 October",
                                                                         "it was an invitation"]


def test_a_correction_to_completed_needs_and_takes_the_end_date(root):
    commit([ch("correct_event", visit_id="V2", date="2019-09-01", event="accepted", new_event="completed",
               end_date="2019-09-08", reason="it was the visit")], author="A", note="n", root=root)
    assert (D(2019, 9, 1), "completed", D(2019, 9, 8)) in rows(tables(root)["visit_events"], "date", "event",
                                                                 "end_date")


def test_removals_of_an_event_a_thread_a_reply_a_communication_and_an_invitation(root):
    commit([ch("remove", visit_id="V2", date="2019-09-01", event="accepted", reason="recorded twice"),
            ch("remove", visit_id="V3", reason="entered by mistake"),
            ch("remove", ref=REF, received_on="2023-03-01", reason="reply to another letter"),
            ch("remove", ref=REF, reason="never sent"),
            ch("remove", iso3="BBB", reason="wrong State")], author="A", note="removals", root=root)
    t = tables(root)
    assert rows(t["visit_events"], "visit_id", "event") == [("V1", "requested"), ("V2", "requested")]
    assert t["visits"]["visit_id"].sort().to_list() == ["V1", "V2"]
    assert t["communications"].height == 0 and t["replies"].height == 0
    assert t["standing_invitations"]["iso3"].to_list() == ["CCC"]


# ---------------------------------------------------------------------------------------------
# Validation: the import's own messages, said of the CHANGES.csv row; nothing written


def refused(root: Path, *changes: Change) -> list[str]:
    before, pointer = snapshot_ids(root), current_pointer(root)
    with pytest.raises(SourceError) as caught:
        commit(list(changes), author="A", note="n", root=root)
    assert snapshot_ids(root) == before and current_pointer(root) == pointer
    assert unshared_objects(root) == []
    return [str(issue) for issue in caught.value.issues]


@pytest.mark.parametrize(("change", "message"), [
    (ch("add_event", 2, visit_id="V1", date="2021-02-30", event="reminder"),
     "CHANGES.csv, row 2, column date: is not a real calendar date (value '2021-02-30')"),
    (ch("add_event", 2, visit_id="V1", date="3 May 2021", event="reminder"),
     "CHANGES.csv, row 2, column date: must be a date written YYYY-MM-DD (value '3 May 2021')"),
    (ch("add_event", 3, visit_id="V1", date="2021-02-03", event="remind"),
     "CHANGES.csv, row 3, column event: is not an allowed value; use one of: requested, reminder, invited, "
     "acknowledged, accepted, dates_proposed, postponed, declined, cancelled, withdrawn, completed (value 'remind')"),
    (ch("add_event", 2, visit_id="V7", date="2021-02-03", event="reminder"),
     "CHANGES.csv, row 2, column visit_id: 'V7' is not listed in visits.csv (column visit_id) (value 'V7')"),
    (ch("add_event", 2, visit_id="V3", date="2019-01-01", event="reminder"),
     "CHANGES.csv, row 2, column date: is after the completed event of thread 'V3' "
     "(a row already recorded, 2018-06-01) (value '2019-01-01')"),
    (ch("add_event", 2, visit_id="V3", date="2018-06-01", event="completed", end_date="2018-06-03"),
     "CHANGES.csv, row 2, column event: is a second completed event in thread 'V3' "
     "(the first is in a row already recorded) (value 'completed')"),
    (ch("add_event", 2, visit_id="V1", date="2021-02-03", event="completed"),
     "CHANGES.csv, row 2, column end_date: is required for a completed event (the last day of the visit)"),
    (ch("add_event", 2, visit_id="V1", date="2021-02-03", event="completed", end_date="2021-02-01"),
     "CHANGES.csv, row 2, column end_date: is before the visit's first day (2021-02-03) (value '2021-02-01')"),
    (ch("add_event", 2, visit_id="V1", date="2021-02-03", event="reminder", end_date="2021-02-04"),
     "CHANGES.csv, row 2, column end_date: must be empty for a reminder event (only completed has one) "
     "(value '2021-02-04')"),
    (ch("add_thread", 2, visit_id="V1", mandate_id="SR-EDU", host_kind="state", iso3="AAA", date="2024-01-01",
        event="requested"),
     "CHANGES.csv, row 2, column visit_id: duplicate visit_id 'V1' (first in a row already recorded) (value 'V1')"),
    (ch("add_thread", 2, visit_id="V9", mandate_id="SR-XYZ", host_kind="state", iso3="AAA", date="2024-01-01",
        event="requested"),
     "CHANGES.csv, row 2, column mandate_id: 'SR-XYZ' is not listed in mandates.csv (column mandate_id) "
     "(value 'SR-XYZ')"),
    (ch("add_thread", 2, visit_id="V9", mandate_id="SR-EDU", host_kind="state", date="2024-01-01", event="requested"),
     "CHANGES.csv, row 2, column iso3: is required when host_kind is state"),
    (ch("add_thread", 2, visit_id="V9", mandate_id="SR-EDU", host_kind="state", iso3="aaa", date="2024-01-01",
        event="requested"),
     "CHANGES.csv, row 2, column iso3: must be 3 uppercase letters A-Z (an ISO 3166-1 alpha-3 code) (value 'aaa')"),
    (ch("extend_invitation", 2, iso3="CCC", extended_on="2022-01-01"),
     "CHANGES.csv, row 2, column iso3: already has a standing invitation, extended on 2010-01-01 (value 'CCC')"),
    (ch("extend_invitation", 2, iso3="ZZZ", extended_on="2022-01-01"),
     "CHANGES.csv, row 2, column iso3: 'ZZZ' is not listed in states.csv (column iso3) (value 'ZZZ')"),
    (ch("withdraw_invitation", 2, iso3="AAA", withdrawn_on="2022-01-01"),
     "CHANGES.csv, row 2, column iso3: has no standing invitation in force to withdraw (value 'AAA')"),
    (ch("withdraw_invitation", 2, iso3="CCC", withdrawn_on="2009-01-01"),
     "CHANGES.csv, row 2, column withdrawn_on: must be after extended_on (2010-01-01) (value '2009-01-01')"),
    (ch("add_communication", 2, ref=REF, sent_on="2024-01-01", type="AL", recipient_kind="state", iso3="AAA",
        mandate_ids="SR-EDU", follow_up="false"),
     f"CHANGES.csv, row 2, column ref: duplicate ref '{REF}' (first in a row already recorded) (value '{REF}')"),
    (ch("add_communication", 2, ref="X 1", sent_on="2024-01-01", type="JAL", recipient_kind="state", iso3="AAA",
        mandate_ids="SR-EDU", follow_up="false"),
     "CHANGES.csv, row 2, column type: is not an allowed value; use one of: AL, UA, OL (value 'JAL')"),
    (ch("add_communication", 2, ref="X 1", sent_on="2024-01-01", type="AL", recipient_kind="state", iso3="AAA",
        mandate_ids="SR-EDU", individuals="2", individuals_female="3", follow_up="false"),
     "CHANGES.csv, row 2, column individuals_female: is more than individuals (2) (value '3')"),
    (ch("add_reply", 2, ref=REF, received_on="2023-01-15", substantive="true"),
     "CHANGES.csv, row 2, column received_on: is before the communication was sent (2023-02-01) "
     "(value '2023-01-15')"),
    (ch("add_reply", 2, ref="UA ZZZ 9/2024", received_on="2024-01-15", substantive="true"),
     "CHANGES.csv, row 2, column ref: 'UA ZZZ 9/2024' is not listed in communications.csv (column ref) "
     "(value 'UA ZZZ 9/2024')"),
    (ch("add_reply", 2, ref=REF, received_on="2023-04-15", substantive="yes"),
     "CHANGES.csv, row 2, column substantive: must be true or false (value 'yes')"),
    (ch("correct_event", 2, visit_id="V2", date="2019-09-01", event="accepted", new_date="2019-10-01"),
     "CHANGES.csv, row 2, column reason: a value is required"),
    (ch("correct_event", 2, visit_id="V2", date="2019-09-01", event="accepted", reason="r"),
     "CHANGES.csv, row 2, column new_date: a correction needs new_date or new_event (or both)"),
    (ch("correct_event", 2, visit_id="V2", date="2019-09-02", event="accepted", new_date="2019-10-01", reason="r"),
     "CHANGES.csv, row 2, column event: no accepted event dated 2019-09-02 is recorded in visit thread 'V2' "
     "(value 'accepted')"),
    (ch("correct_event", 2, visit_id="V2", date="2019-09-01", event="accepted", new_date="2019-02-30", reason="r"),
     "CHANGES.csv, row 2, column new_date: is not a real calendar date (value '2019-02-30')"),
    (ch("correct_event", 2, visit_id="V2", date="2019-09-01", event="accepted", new_event="completed", reason="r"),
     "CHANGES.csv, row 2, column end_date: is required for a completed event (the last day of the visit)"),
    (ch("remove", 2, visit_id="V2", date="2019-09-01", event="accepted"),
     "CHANGES.csv, row 2, column reason: a value is required"),
    (ch("remove", 2, ref=REF, reason="r"),
     f"CHANGES.csv, row 2, column ref: '{REF}' is not listed in communications.csv (column ref) "
     f"(in replies already recorded) (value '{REF}')"),
    (ch("remove", 2, visit_id="V2", date="2019-09-01", reason="r"),
     "CHANGES.csv, row 2, column event: date and event together name the event to remove (visit_id alone "
     "removes the whole thread)"),
    (ch("remove", 2, iso3="AAA", reason="r"),
     "CHANGES.csv, row 2, column iso3: no standing invitation of 'AAA' is recorded (value 'AAA')"),
    (ch("remove", 2, reason="r"),
     "CHANGES.csv, row 2, column visit_id: a removal names what it removes: visit_id (with date and event for one "
     "event), ref (with received_on for one reply) or iso3"),
    (ch("promote", 2, visit_id="V1"),
     "CHANGES.csv, row 2, column action: is not an allowed value; use one of: add_event, add_thread, "
     "extend_invitation, withdraw_invitation, add_communication, add_reply, correct_event, remove (value 'promote')"),
    (ch("add_event", 2, visit_id="V1", date="2021-02-03", event="reminder", ref=REF),
     f"CHANGES.csv, row 2, column ref: must be empty for a add_event change (value '{REF}')"),
])
def test_each_validation_error_with_its_message_and_nothing_written(root, change, message):
    assert refused(root, change) == [message]


def test_every_error_of_a_file_is_reported_together(root):
    assert refused(root, ch("add_event", 2, visit_id="V1", date="2021-02-30", event="reminder"),
                   ch("add_event", 3, visit_id="V1", date="2021-03-01", event="reminder"),
                   ch("add_reply", 4, ref=REF, received_on="2023-01-15", substantive="true")) == [
        "CHANGES.csv, row 2, column date: is not a real calendar date (value '2021-02-30')",
        "CHANGES.csv, row 4, column received_on: is before the communication was sent (2023-02-01) "
        "(value '2023-01-15')"]


def test_a_commit_needs_an_author_a_note_and_changes(root):
    change = ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")
    with pytest.raises(RecordError, match="a commit needs its author"):
        commit([change], author="  ", note="n", root=root)
    with pytest.raises(RecordError, match="a commit needs its note"):
        commit([change], author="A", note="", root=root)
    with pytest.raises(RecordError, match="there are no changes to commit"):
        commit([], author="A", note="n", root=root)
    assert snapshot_ids(root) == ["base"]


# ---------------------------------------------------------------------------------------------
# CHANGES.csv


def test_changes_file_round_trips_and_numbers_rows_as_a_spreadsheet(tmp_path):
    staged = [ch("add_event", 2, visit_id="V1", date="2021-02-03", event="reminder"),
              ch("remove", 3, visit_id="V2", date="2019-09-01", event="accepted", reason="twice")]
    path = write_changes(staged, tmp_path / "CHANGES.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "action,visit_id,date,event,reason", "add_event,V1,2021-02-03,reminder,", "remove,V2,2019-09-01,accepted,twice"]
    assert read_changes(path) == staged


def test_changes_file_errors_name_row_and_column(tmp_path):
    path = tmp_path / "CHANGES.csv"
    path.write_text("action,visit_id,colour\nadd_event,V1,red\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_changes(path)
    assert [str(i) for i in caught.value.issues] == [
        "CHANGES.csv, row 1, column colour: unknown column; use the import format's columns and action "
        "(value 'colour')"]
    path.write_text("visit_id,date\nV1,2021-01-01\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_changes(path)
    assert [str(i) for i in caught.value.issues] == [
        "CHANGES.csv, row 1, column action: required column is missing from the header"]
    path.write_text("action,visit_id,date,event\n\nadd_event,V1,,reminder\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_changes(path)
    assert [str(i) for i in caught.value.issues] == ["CHANGES.csv, row 3, column date: a value is required"]


# ---------------------------------------------------------------------------------------------
# Concurrent commits: re-applied when disjoint, refused naming the conflict otherwise


def test_a_colleagues_commit_on_another_thread_is_kept_and_the_changes_reapplied(root):
    first = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")],
                   author="Ann", note="reminder", base="base", root=root)
    second = commit([ch("add_event", visit_id="V2", date="2020-02-03", event="postponed"),
                     ch("add_reply", ref=REF, received_on="2023-04-01", substantive="false")],
                    author="Bob", note="postponed", base="base", root=root)
    assert second.parent == first.snapshot.id and second.rebased_from == "base"
    assert current_pointer(root) == second.snapshot.id
    events = rows(tables(root)["visit_events"], "visit_id", "event")
    assert ("V1", "reminder") in events and ("V2", "postponed") in events  # neither lost


def test_a_colleagues_commit_on_the_same_thread_refuses_the_second_naming_it(root):
    first = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")],
                   author="Ann", note="reminder", base="base", root=root)
    before = snapshot_ids(root)
    with pytest.raises(ConflictError) as caught:
        commit([ch("add_event", 2, visit_id="V2", date="2020-02-03", event="postponed"),
                ch("add_event", 3, visit_id="V1", date="2021-02-05", event="acknowledged")],
               author="Bob", note="ack", base="base", root=root)
    err = caught.value
    assert [c.row for c in err.conflicts] == [3] and err.current == first.snapshot.id and err.base == "base"
    assert str(err).splitlines()[1] == (f"CHANGES.csv row 3 (add_event, visit thread V1): visit thread 'V1' was "
                                        f"also changed in snapshot {first.snapshot.id}")
    assert snapshot_ids(root) == before and current_pointer(root) == first.snapshot.id


def test_conflicts_cover_communications_and_invitations(root):
    commit([ch("add_reply", ref=REF, received_on="2023-04-01", substantive="false"),
            ch("extend_invitation", iso3="AAA", extended_on="2022-01-01")], author="Ann", note="n", root=root)
    with pytest.raises(ConflictError) as caught:
        commit([ch("remove", 2, ref=REF, received_on="2023-03-01", reason="r"),
                ch("withdraw_invitation", 3, iso3="CCC", withdrawn_on="2022-01-01"),
                ch("extend_invitation", 4, iso3="AAA", extended_on="2022-02-01")],
               author="Bob", note="n", base="base", root=root)
    assert [(c.row, c.key) for c in caught.value.conflicts] == [
        (2, ("communication", REF)), (4, ("standing invitation of", "AAA"))]


def test_a_busy_lock_refuses_after_waiting(root, monkeypatch):
    monkeypatch.setattr(store, "LOCK_WAIT", 0.2)
    with locked(root), pytest.raises(RecordError, match="another commit has held"):
        commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n", root=root)
    assert snapshot_ids(root) == ["base"] and current_pointer(root) == "base"


# ---------------------------------------------------------------------------------------------
# Failures leave no snapshot and CURRENT unchanged


def test_a_crash_after_writing_leaves_no_snapshot_and_current_unchanged(root, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("power cut")
    monkeypatch.setattr(store, "use", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n", root=root)
    assert snapshot_ids(root) == ["base"] and current_pointer(root) == "base"
    assert list((root / OBJECTS_DIR).iterdir()) == []
    assert not [p for p in root.iterdir() if p.name.startswith(".tmp")]


def test_a_crash_while_renaming_into_place_leaves_nothing(root, monkeypatch):
    def crash(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(snapshot.os, "rename", crash)
    with pytest.raises(OSError, match="disk full"):
        commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n", root=root)
    monkeypatch.undo()
    assert snapshot_ids(root) == ["base"] and current_pointer(root) == "base"
    assert list(root.glob(f"{OBJECTS_DIR}/*")) == []
    assert not [p for p in root.iterdir() if p.name.startswith(".tmp")]


def test_current_moved_without_the_lock_during_a_commit_is_not_overwritten(root, monkeypatch):
    other, _ = write_snapshot(world(), source="other", simulated=False, root=root, snapshot_id="other")
    real = store.write_snapshot

    def write_then_move(*args, **kwargs):
        written = real(*args, **kwargs)
        (root / "CURRENT").write_text("other\n", encoding="utf-8")  # as `python -m sp_data use other` would
        return written
    monkeypatch.setattr(store, "write_snapshot", write_then_move)
    with pytest.raises(RecordError, match="the current snapshot changed to other during the commit"):
        commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n", root=root)
    assert snapshot_ids(root) == ["base", "other"] and current_pointer(root) == "other"


# ---------------------------------------------------------------------------------------------
# Undo, history


def test_undo_makes_an_earlier_snapshot_current_as_a_new_entry(root):
    a = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="Ann", note="one",
               root=root)
    b = commit([ch("add_event", visit_id="V2", date="2020-02-03", event="postponed")], author="Bob", note="two",
               root=root)
    back = undo("base", author="Cy", note="both were wrong", root=root)
    assert back.parent == b.snapshot.id and back.snapshot.manifest["restores"] == "base"
    assert current_pointer(root) == back.snapshot.id
    assert snapshot_ids(root) == sorted(["base", a.snapshot.id, b.snapshot.id, back.snapshot.id])  # nothing erased
    restored, original = tables(root), tables(root, "base")
    assert all(restored[n].equals(original[n]) for n in original)
    with pytest.raises(RecordError, match="is already the current one"):
        undo(back.snapshot.id, author="Cy", note="n", root=root)


def test_the_chain_holds_parents_authors_notes_and_diffs_exactly_as_committed(root):
    a = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="Ann", note="one",
               root=root)
    b = commit([ch("add_event", visit_id="V2", date="2020-02-03", event="declined"),
                ch("add_communication", ref="UA BBB 2/2024", sent_on="2024-02-01", type="UA", recipient_kind="state",
                   iso3="BBB", mandate_ids="SR-BBB", follow_up="false")], author="Bob", note="two", root=root)
    c = undo(a.snapshot.id, author="Cy", note="back to one", root=root)
    chain = history(root)
    assert [(e.id, e.parent, e.author, e.note, e.restores) for e in chain] == [
        (c.snapshot.id, b.snapshot.id, "Cy", "back to one", a.snapshot.id),
        (b.snapshot.id, a.snapshot.id, "Bob", "two", None),
        (a.snapshot.id, "base", "Ann", "one", None),
        ("base", None, None, None, None)]
    changed = [{k: v for k, v in (e.counts or {}).items() if v} for e in chain]
    assert changed == [{"other changes": 2}, {"declines": 1, "new communications": 1},
                       {"reminders": 1}, {}]
    assert [e.counts for e in chain[:3]] == [s.snapshot.manifest["counts"] for s in (c, b, a)]  # as committed
    assert [len(e.changes) for e in chain] == [0, 2, 1, 0]
    assert chain[1].changes[0] == {"row": 0, "action": "add_event", "visit_id": "V2", "date": "2020-02-03",
                                   "event": "declined"}
    assert chain[0].committed_at == c.snapshot.manifest["committed_at"] == c.snapshot.created


def test_history_counts_a_snapshot_whose_manifest_has_none_from_the_diff(root):
    changed = world()
    changed["replies"] = changed["replies"].clear()
    write_snapshot(changed, source="s", simulated=False, root=root, snapshot_id="by-hand", extra={"parent": "base"})
    entry = history(root, start="by-hand")[0]
    assert (entry.parent, entry.author, entry.counts["other changes"]) == ("base", None, 1)
    assert sum(entry.counts.values()) == 1


# ---------------------------------------------------------------------------------------------
# Storage: identical table files stored once, still verified on opening


def test_a_commit_changing_one_table_adds_one_table_file(root):
    a = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n",
               root=root)
    stored = set((root / OBJECTS_DIR).iterdir())
    # The base's seven unchanged tables, shared, the new visit_events, and the tables the load files build.
    assert len(stored) == 8 + len(STORED_TABLES)
    b = commit([ch("extend_invitation", iso3="AAA", extended_on="2022-01-01")], author="A", note="n", root=root)
    added = set((root / OBJECTS_DIR).iterdir()) - stored
    assert [p.name for p in added] == [f"{b.snapshot.manifest['files']['standing_invitations.parquet']}.parquet"]
    for name in [*a.snapshot.manifest["files"], *a.snapshot.manifest["derived"]["files"]]:
        same = name != "standing_invitations.parquet"  # no derived table reads the invitations: all shared
        assert (b.snapshot.path / name).stat().st_ino == (a.snapshot.path / name).stat().st_ino if same else True
    assert (b.snapshot.path / "states.parquet").stat().st_ino == (root / "base" / "states.parquet").stat().st_ino


def test_a_tampered_shared_file_is_caught_when_either_snapshot_opens(root):
    a = commit([ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")], author="A", note="n",
               root=root)
    shared = root / OBJECTS_DIR / f"{a.snapshot.manifest['files']['states.parquet']}.parquet"
    data = bytearray(shared.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shared.write_bytes(bytes(data))  # in place: every hard link sees it
    for sid in ("base", a.snapshot.id):
        with pytest.raises(SnapshotError, match="states.parquet does not match its checksum"):
            open_snapshot(root / sid)
    with pytest.raises(SnapshotError, match="does not match its checksum"):
        commit([ch("add_event", visit_id="V1", date="2021-03-03", event="reminder")], author="A", note="n", root=root)


# ---------------------------------------------------------------------------------------------
# Staging: check and preview without committing; the bundled snapshot as a base


def test_check_and_preview_write_nothing(root):
    good = [ch("add_event", visit_id="V1", date="2021-02-03", event="reminder")]
    assert check(good, root=root) == []
    assert [str(i) for i in check([ch("add_event", 2, visit_id="V7", date="2021-02-03", event="reminder")],
                                  root=root)] == [
        "CHANGES.csv, row 2, column visit_id: 'V7' is not listed in visits.csv (column visit_id) (value 'V7')"]
    assert preview_diff(good, root=root).totals()["reminders"] == 1
    with previewed(good, root=root) as snap:
        assert snap.manifest["row_counts"]["visit_events"] == 6
        con = connect(snap)  # for the figures before and after: the connection outlives the folder
    assert con.execute("SELECT count(*) FROM visit_events WHERE event = 'reminder'").fetchall() == [(1,)]
    assert snapshot_ids(root) == ["base"] and not (root / OBJECTS_DIR).exists()


def test_recording_onto_the_bundled_snapshot_keeps_it_simulated_and_its_stated_coverage(tmp_path):
    root = tmp_path / "parquet"
    root.mkdir()
    shutil.copytree(PROJECT_ROOT / "parquet" / "demo", root / "demo")  # an old manifest: no parent, no author
    events = pl.read_parquet(root / "demo" / "visit_events.parquet")
    pending = events.filter(~pl.col("visit_id").is_in(
        events.filter(pl.col("event") == "completed")["visit_id"].implode()))["visit_id"][0]
    done = commit([ch("add_event", visit_id=pending, date="2024-06-03", event="reminder")], author="A", note="n",
                  root=root)
    assert done.parent == "demo" and done.snapshot.simulated
    assert done.snapshot.manifest["coverage"]["visits"] == {"held": True, "from": "1995-01-01", "to": "2024-06-30",
                                                          "period": "stated by the source"}
    assert done.snapshot.manifest["row_counts"]["visit_events"] == events.height + 1
    assert open_snapshot(root / "demo").id == "demo"  # the base still opens, unchanged


def test_two_editors_committing_at_the_same_moment_both_keep_their_changes(root):
    ids = [new_visit_id("SR-EDU", "AAA", "2024-05-03"), new_visit_id("SR-EDU", "AAA", "2024-05-03")]
    assert ids[0] != ids[1] and ids[0].startswith("V-SR-EDU-AAA-20240503-")
    done: list = []

    def record(visit_id: str) -> None:
        done.append(commit([ch("add_thread", visit_id=visit_id, mandate_id="SR-EDU", host_kind="state", iso3="AAA",
                               date="2024-05-03", event="requested")], author=visit_id, note="n", base="base",
                           root=root))
    workers = [threading.Thread(target=record, args=(i,)) for i in ids]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(done) == 2 and {c.parent for c in done} == {"base", done[0].snapshot.id}
    assert sorted(tables(root)["visits"]["visit_id"].to_list()) == sorted(["V1", "V2", "V3", *ids])
    assert [e.author for e in history(root, counts=False)] == [done[1].snapshot.manifest["author"],
                                                               done[0].snapshot.manifest["author"], None]


KILLED = """
import os, signal, sys
from pathlib import Path
from sp_data.record import store
from sp_data.record.changes import Change
store.use = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)  # killed between writing and making current
store.commit([Change("add_event", {"visit_id": "V1", "date": "2021-02-03", "event": "reminder"})],
             author="A", note="n", root=Path(sys.argv[1]))
"""


def test_a_commit_killed_half_way_is_cleared_by_the_next_one(root):
    proc = subprocess.run([sys.executable, "-c", KILLED, str(root)], cwd=PROJECT_ROOT, capture_output=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    orphan = (root / store.PENDING_FILE).read_text(encoding="utf-8").strip()
    assert snapshot_ids(root) == sorted(["base", orphan]) and current_pointer(root) == "base"
    done = commit([ch("add_event", visit_id="V2", date="2020-02-03", event="postponed")], author="B", note="n",
                  root=root)
    assert snapshot_ids(root) == sorted(["base", done.snapshot.id]) and done.parent == "base"
    assert not (root / store.PENDING_FILE).exists() and unshared_objects(root) == []
    assert len(list(root.glob(f"{OBJECTS_DIR}/*"))) == 8 + len(STORED_TABLES)
