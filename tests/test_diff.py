"""What changed between two hand-built snapshots: exactly the changes made, by State."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import frames, thread, threads
from sp_data.cli import main
from sp_data.diff import diff
from sp_data.errors import SnapshotError
from sp_data.snapshot import write_snapshot

D = dt.date


def comm(ref, sent_on, iso3="AAA", mandates=("SR-EDU",), kind="state", recipient=None, ctype="AL"):
    return {"ref": ref, "sent_on": sent_on, "type": ctype, "recipient_kind": kind, "iso3": iso3,
            "recipient": recipient, "mandate_ids": list(mandates), "follow_up": False}


OLD = dict(
    **threads(
        thread("V1", "AAA", [(D(2023, 1, 10), "requested")]),
        thread("V2", "BBB", [(D(2022, 3, 1), "requested"), (D(2023, 2, 1), "accepted")], mandate_id="SR-BBB"),
        thread("V3", "CCC", [(D(2021, 5, 1), "requested")]),
        thread("V4", None, [(D(2022, 1, 1), "requested")], host_kind="institution", host_name="World Bank"),
    ),
    standing_invitations=[{"iso3": "AAA", "extended_on": D(2010, 1, 1)}, {"iso3": "CCC", "extended_on": D(2012, 1, 1)}],
    communications=[comm("AL AAA 1/2023", D(2023, 1, 5)), comm("UA BBB 1/2023", D(2023, 2, 5), "BBB"),
                    comm("AL CCC 1/2023", D(2023, 3, 5), "CCC")],
    replies=[{"ref": "AL AAA 1/2023", "received_on": D(2023, 2, 1), "substantive": True},
             {"ref": "AL CCC 1/2023", "received_on": D(2023, 4, 1), "substantive": True}],
)

# The new snapshot renumbers every thread (V1 -> T9 ...) and makes these changes, and only these.
NEW = dict(
    **threads(
        thread("T9", "AAA", [(D(2023, 1, 10), "requested"), (D(2023, 6, 1), "reminder"),  # reminder
                             (D(2023, 9, 1), "declined")]),  # decline
        thread("T8", "BBB", [(D(2022, 3, 1), "requested"), (D(2023, 2, 1), "accepted"),
                             (D(2023, 10, 2), "completed", D(2023, 10, 9))], mandate_id="SR-BBB"),  # visit
        thread("T7", "CCC", [(D(2021, 5, 1), "requested"), (D(2023, 7, 1), "accepted")]),  # acceptance
        thread("T6", "BBB", [(D(2023, 11, 1), "requested")]),  # new request
        thread("T5", None, [(D(2022, 1, 1), "requested")], host_kind="institution", host_name="World Bank"),
    ),
    standing_invitations=[{"iso3": "AAA", "extended_on": D(2010, 1, 1), "withdrawn_on": D(2023, 8, 1)},  # withdrawn
                          {"iso3": "CCC", "extended_on": D(2012, 1, 1)},
                          {"iso3": "BBB", "extended_on": D(2023, 5, 1)}],  # extended
    communications=[comm("AL AAA 1/2023", D(2023, 1, 5)),
                    comm("UA BBB 1/2023", D(2023, 2, 5), "BBB", mandates=("SR-EDU", "SR-BBB")),  # changed
                    comm("AL CCC 1/2023", D(2023, 3, 5), "CCC"),
                    comm("UA BBB 2/2023", D(2023, 9, 5), "BBB"),  # new communication
                    comm("AL OTH 5/2023", D(2023, 9, 6), None, kind="non_state_actor", recipient="Acme Corp")],
    replies=[{"ref": "AL AAA 1/2023", "received_on": D(2023, 2, 1), "substantive": True},
             {"ref": "UA BBB 1/2023", "received_on": D(2023, 4, 2), "substantive": False},  # new reply
             {"ref": "AL OTH 5/2023", "received_on": D(2023, 10, 1), "substantive": True}],  # new reply
    # the reply to AL CCC 1/2023 is gone (a correction)
)


@pytest.fixture
def pair(tmp_path):
    root = tmp_path / "parquet"
    write_snapshot(frames(**OLD), source="old", simulated=False, root=root, snapshot_id="old-snap",
                   created="2023-06-01T00:00:00+00:00")
    write_snapshot(frames(**NEW), source="new", simulated=False, root=root, snapshot_id="new-snap")
    return root


def test_diff_lists_exactly_the_changes_made(pair):
    result = diff("old-snap", "new-snap", pair)
    got = sorted((r["section"], r["change"], r["direction"], r["iso3"] or "", r["party"] or "", str(r["date"]),
                  r["ref"] or "", r["detail"]) for r in result.changes.to_dicts())
    assert got == sorted([
        ("visits", "reminder", "added", "AAA", "", "2023-06-01", "", "reminder"),
        ("visits", "decline", "added", "AAA", "", "2023-09-01", "", "declined"),
        ("visits", "visit", "added", "BBB", "", "2023-10-02", "", "completed"),
        ("visits", "acceptance", "added", "CCC", "", "2023-07-01", "", "accepted"),
        ("visits", "request", "added", "BBB", "", "2023-11-01", "", "requested"),
        ("standing_invitations", "standing invitation withdrawn", "added", "AAA", "", "2023-08-01", "",
         "extended 2010-01-01, withdrawn 2023-08-01"),
        ("standing_invitations", "standing invitation extended", "added", "BBB", "", "2023-05-01", "",
         "extended 2023-05-01"),
        ("communications", "communication", "changed", "BBB", "", "2023-02-05", "UA BBB 1/2023",
         "mandates SR-EDU -> SR-EDU; SR-BBB"),
        ("communications", "communication", "added", "BBB", "", "2023-09-05", "UA BBB 2/2023", "AL"),
        ("communications", "communication", "added", "", "Acme Corp", "2023-09-06", "AL OTH 5/2023", "AL"),
        ("replies", "reply", "added", "BBB", "", "2023-04-02", "UA BBB 1/2023", "not substantive"),
        ("replies", "reply", "added", "", "Acme Corp", "2023-10-01", "AL OTH 5/2023", "substantive"),
        ("replies", "reply", "removed", "CCC", "", "2023-04-01", "AL CCC 1/2023", "substantive"),
    ])
    visit = result.changes.filter(result.changes["change"] == "visit").to_dicts()[0]
    assert (visit["state"], visit["end_date"], visit["mandates"]) == ("Borduria", D(2023, 10, 9), "SR-BBB")


def test_summary_counts_by_state(pair):
    result = diff("old-snap", "new-snap", pair)
    rows = {r["who"]: r for r in result.summary().to_dicts()}
    assert set(rows) == {"Arcadia", "Borduria", "Carpania", "Acme Corp"}
    assert {k: v for k, v in rows["Borduria"].items() if v} == {
        "who": "Borduria", "iso3": "BBB", "regional_group": "EEG", "new requests": 1, "visits": 1,
        "standing invitations extended": 1, "new communications": 1, "new replies": 1, "other changes": 1}
    assert {k: v for k, v in rows["Arcadia"].items() if v} == {
        "who": "Arcadia", "iso3": "AAA", "regional_group": "AG", "reminders": 1, "declines": 1,
        "standing invitations withdrawn": 1}
    assert result.totals() == {"new requests": 1, "reminders": 1, "acceptances": 1, "declines": 1, "visits": 1,
                               "standing invitations extended": 1, "standing invitations withdrawn": 1,
                               "new communications": 2, "new replies": 2, "other changes": 2}
    assert result.title == "What changed since 2023-06-01 (snapshot old-snap -> new-snap)"


def test_no_change_between_a_snapshot_and_itself(pair):
    result = diff("old-snap", "old-snap", pair)
    assert result.changes.height == 0 and result.summary().height == 0
    assert set(result.totals().values()) == {0}


def test_removed_and_extended_in_reverse(pair):
    result = diff("new-snap", "old-snap", pair)
    got = {(r["change"], r["direction"], r["iso3"]) for r in result.changes.to_dicts() if r["section"] != "communications"}
    assert ("request", "removed", "BBB") in got and ("standing invitation withdrawn", "removed", "AAA") in got
    assert ("standing invitation extended", "removed", "BBB") in got and ("reply", "added", "CCC") in got


def test_command_line_text_and_json(pair, capsys):
    assert main(["diff", "old-snap", "new-snap", "--parquet-dir", str(pair)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What changed since 2023-06-01 (snapshot old-snap -> new-snap)")
    assert "SIMULATED" not in out
    assert "Borduria (BBB, EEG)" in out and "Acme Corp" in out
    assert main(["diff", "old-snap", "new-snap", "--json", "--parquet-dir", str(pair)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["new communications"] == 2
    assert len(data["changes"]) == 13 and data["simulated"] is False


def test_diff_refuses_a_missing_or_damaged_snapshot(pair, capsys):
    with pytest.raises(SnapshotError):
        diff("old-snap", "nope", pair)
    (pair / "new-snap" / "replies.parquet").write_bytes(b"garbage")
    assert main(["diff", "old-snap", "new-snap", "--parquet-dir", str(pair)]) == 1
    assert "replies.parquet does not match its checksum" in capsys.readouterr().err


def test_simulated_snapshots_are_labelled(tmp_path, demo_snapshot, capsys):
    root = tmp_path / "parquet"
    write_snapshot(frames(**OLD), source="old", simulated=False, root=root, snapshot_id="old-snap")
    assert main(["diff", str(demo_snapshot.path), str(demo_snapshot.path), "--parquet-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("*** SIMULATED DATA - not official figures") and "No change." in out


def test_a_reply_whose_flags_changed_is_one_change(tmp_path):
    root = tmp_path / "parquet"
    reply = {"ref": "AL AAA 1/2023", "received_on": D(2023, 2, 1), "substantive": True}
    base = dict(communications=[comm("AL AAA 1/2023", D(2023, 1, 5))])
    write_snapshot(frames(**base, replies=[reply]), source="a", simulated=False, root=root, snapshot_id="a")
    write_snapshot(frames(**base, replies=[{**reply, "substantive": False, "confidential": True}]), source="b",
                   simulated=False, root=root, snapshot_id="b")
    rows = diff("a", "b", root).changes.select("change", "direction", "iso3", "detail").rows()
    assert rows == [("reply", "changed", "AAA", "was substantive; not substantive, confidential")]
