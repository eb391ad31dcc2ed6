"""Coverage: a figure whose records the snapshot does not hold, or holds for another period, is unknown, never 0."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from conftest import FULL_COVERAGE, frames, reference_frames, thread, threads
from sp_data.cli import main
from sp_data.coverage import NEEDS, coverage
from sp_data.db import connect
from sp_data.export_csv import write_source
from sp_data.facts import FACT_KEYS, facts, states
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT
from sp_data.profile import profile
from sp_data.snapshot import open_snapshot, write_snapshot

D = dt.date
AS_AT = Filters(D(2023, 12, 31))
VISIT_COLUMNS = ("ever_visited", "never_visited_category", "visits_in_year", "visits_5y", "pending_requests",
                 "accepted_in_5y", "last_visit_on")


def comm(ref: str, sent_on: dt.date, iso3: str = "AAA", mandate: str = "SR-EDU") -> dict:
    return {"ref": ref, "sent_on": sent_on, "type": "AL", "recipient_kind": "state", "iso3": iso3,
            "mandate_ids": [mandate], "follow_up": False}


COMMS = [comm("C1", D(2022, 3, 1)), comm("C2", D(2023, 5, 2)), comm("C3", D(2023, 9, 9), "BBB")]
REPLIES = [{"ref": "C2", "received_on": D(2023, 6, 1), "substantive": True, "confidential": False}]


def run_cli(capsys, *args) -> tuple[int, str]:
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


@pytest.fixture
def comms_only(tmp_path):
    """A snapshot holding only communications (2022-2023) and one reply: no visit, no standing invitation."""
    path, _ = write_snapshot(frames(communications=COMMS, replies=REPLIES), source="communications only",
                             simulated=False, root=tmp_path / "parquet")
    return path


def test_manifest_coverage_is_the_first_and_last_dates_of_the_fixture(tmp_path):
    rows = threads(thread("V1", "AAA", [(D(2016, 2, 3), "requested"), (D(2019, 4, 5), "completed", D(2019, 4, 9))]),
                   thread("V2", "BBB", [(D(2021, 7, 1), "requested")]))
    tables = frames(communications=COMMS, replies=REPLIES,
                    standing_invitations=[{"iso3": "CCC", "extended_on": D(2012, 1, 10), "withdrawn_on": None}], **rows)
    path, _ = write_snapshot(tables, source="fixture", simulated=False, root=tmp_path)
    manifest = json.loads((path / "manifest.json").read_text())
    seen = "first and last dates seen"
    assert manifest["coverage"] == {
        "visits": {"held": True, "from": "2016-02-03", "to": "2021-07-01", "period": seen},
        # A standing-invitation list holds good up to the snapshot's last date of any kind.
        "standing_invitations": {"held": True, "from": "2012-01-10", "to": "2023-09-09", "period": seen},
        "communications": {"held": True, "from": "2022-03-01", "to": "2023-09-09", "period": seen},
        "replies": {"held": True, "from": "2023-06-01", "to": "2023-06-01", "period": seen},
    }


def test_an_empty_table_is_not_held(comms_only):
    manifest = json.loads((comms_only / "manifest.json").read_text())
    assert manifest["coverage"]["visits"] == {"held": False, "from": None, "to": None,
                                              "period": "first and last dates seen"}
    assert manifest["coverage"]["standing_invitations"]["held"] is False


def test_a_period_stated_by_the_source_is_recorded_and_is_content(tmp_path):
    tables = frames(communications=COMMS)
    derived, _ = write_snapshot(tables, source="x", simulated=False, root=tmp_path)
    stated, _ = write_snapshot(tables, source="x", simulated=False, root=tmp_path,
                               coverage={"communications": {"from": "2020-01-01", "to": D(2024, 2, 29)}})
    entry = json.loads((stated / "manifest.json").read_text())["coverage"]["communications"]
    assert entry == {"held": True, "from": "2020-01-01", "to": "2024-02-29", "period": "stated by the source"}
    assert derived != stated  # the same files with a stated period are another snapshot
    with pytest.raises(ValueError, match="starts .2024-01-01. after it ends .2023-01-01."):
        write_snapshot(tables, source="x", simulated=False, root=tmp_path,
                       coverage={"communications": {"from": "2024-01-01", "to": "2023-01-01"}})
    with pytest.raises(ValueError, match="unknown kind of record 'letters'"):
        write_snapshot(tables, source="x", simulated=False, root=tmp_path, coverage={"letters": {}})


def test_communications_only_snapshot_gives_null_not_zero(comms_only, capsys):
    code, out = run_cli(capsys, "facts", "--snapshot", comms_only, "--as-at", "2023-12-31", "--json")
    values = json.loads(out)
    assert code == 0 and list(values) == list(FACT_KEYS)
    assert values["visits_in_year"] is None
    assert values["member_states_never_visited"] is None and values["never_visited_no_request"] is None
    assert values["standing_invitations_member_states"] is None
    assert values["member_states_five_plus_pending_no_acceptance"] is None
    # Reference tables and the records it holds stay known.
    assert values["mandates_total"] == 2 and values["communications_sent"] == 2
    assert values["replies_received_in_year"] == 1 and values["reply_rate_percent"] == 50.0
    code, out = run_cli(capsys, "states", "--snapshot", comms_only, "--as-at", "2023-12-31", "--json")
    rows = {r["iso3"]: r for r in json.loads(out)}
    for column in VISIT_COLUMNS + ("standing_invitation",):
        assert rows["AAA"][column] is None, column
    assert rows["AAA"]["communications_in_year"] == 1 and rows["BBB"]["communications_in_year"] == 1
    assert rows["CCC"]["communications_in_year"] == 0  # recorded, and none was sent
    assert rows["AAA"]["name"] == "Arcadia" and rows["AAA"]["regional_group"] == "AG"


def test_the_text_output_says_not_recorded_and_how_to_import(comms_only, capsys):
    code, out = run_cli(capsys, "facts", "--snapshot", comms_only, "--as-at", "2023-12-31")
    assert code == 0
    assert "Country visits carried out in the year" in out
    line = next(x for x in out.splitlines() if x.startswith("Member States never visited"))
    assert line.endswith("not recorded in this snapshot")
    assert "This snapshot holds no visit threads" in out and "python -m sp_data import-visits FILE" in out
    assert "python -m sp_data import-standing-invitations FILE" in out


def test_a_year_outside_the_communications_coverage_is_null(comms_only, capsys):
    code, out = run_cli(capsys, "facts", "--snapshot", comms_only, "--as-at", "2019-12-31", "--json")
    values = json.loads(out)
    for key in ("communications_sent", "communications_joint", "communications_states_addressed",
                "replies_received_in_year", "reply_rate_percent"):
        assert values[key] is None, key
    assert values["mandates_total"] == 2
    code, out = run_cli(capsys, "states", "--snapshot", comms_only, "--as-at", "2019-12-31", "--json")
    row = next(r for r in json.loads(out) if r["iso3"] == "AAA")
    assert row["communications_in_year"] is None and row["reply_rate_percent"] is None
    # 2022 is covered for communications, but no reply is dated before 2023: replies are unknown then.
    con = connect(open_snapshot(comms_only))
    f = facts(con, Filters(D(2022, 12, 31)))
    assert f["communications_sent"] == 1 and f["reply_rate_percent"] is None
    assert f["not_recorded"] == tuple(sorted(k for k in NEEDS if not k.startswith("communications")))


def test_a_year_before_the_first_visit_event_is_null(make_db):
    con = make_db(coverage=None, **threads(thread("V1", "AAA", [(D(2015, 5, 1), "completed", D(2015, 5, 3))])))
    before = facts(con, Filters(D(2014, 12, 31)))
    assert before["member_states_never_visited"] is None and before["member_states_visited"] is None
    during = facts(con, Filters(D(2015, 12, 31)))
    assert during["member_states_never_visited"] == 2 and during["visits_in_year"] == 1
    # The five-year window 2011-2015 starts before the first visit event.
    assert during["member_states_not_visited_5y"] is None
    assert states(con, Filters(D(2014, 12, 31))).filter(iso3="AAA")["ever_visited"].to_list() == [None]


def test_old_manifests_without_coverage_still_open_and_derive_it(tmp_path):
    earlier = open_snapshot(PROJECT_ROOT / "parquet" / "demo-2024-03")
    assert "coverage" not in earlier.manifest
    cov = coverage(connect(earlier))
    assert (cov["visits"].first, cov["visits"].last) == (D(1995, 1, 1), D(2024, 3, 29))
    assert (cov["communications"].first, cov["communications"].last) == (D(2011, 1, 1), D(2024, 3, 31))
    assert (cov["replies"].first, cov["replies"].last) == (D(2011, 1, 10), D(2024, 3, 31))
    assert (cov["standing_invitations"].first, cov["standing_invitations"].last) == (D(1999, 1, 8), D(2024, 3, 31))
    # A snapshot written before coverage existed, holding no visits: derived, not held.
    path, _ = write_snapshot(frames(communications=COMMS), source="old", simulated=False, root=tmp_path,
                             snapshot_id="old")
    manifest = json.loads((path / "manifest.json").read_text())
    del manifest["coverage"]
    (path / "manifest.json").write_text(json.dumps(manifest))
    con = connect(open_snapshot(path))
    assert facts(con, AS_AT)["visits_in_year"] is None and facts(con, AS_AT)["communications_sent"] == 2


def test_a_damaged_coverage_section_is_refused(tmp_path):
    from sp_data.errors import SnapshotError

    path, _ = write_snapshot(frames(communications=COMMS), source="x", simulated=False, root=tmp_path,
                             snapshot_id="bad")
    manifest = json.loads((path / "manifest.json").read_text())
    manifest["coverage"]["visits"] = {"held": True, "from": "2023-02-30", "to": None}
    (path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="is damaged: the coverage in its manifest.json cannot be read"):
        open_snapshot(path)


def test_the_demo_declares_its_coverage_and_its_2023_figures_are_unchanged(demo_snapshot, demo_db):
    from sp_data.tools.demo.calibration import PUBLISHED_2023
    from sp_data.facts import published_facts

    stated = "stated by the source"
    assert demo_snapshot.manifest["coverage"] == {
        "visits": {"held": True, "from": "1995-01-01", "to": "2024-06-30", "period": stated},
        "standing_invitations": {"held": True, "from": "1995-01-01", "to": "2024-06-30", "period": stated},
        "communications": {"held": True, "from": "2011-01-01", "to": "2024-06-30", "period": stated},
        "replies": {"held": True, "from": "2011-01-01", "to": "2024-06-30", "period": stated},
    }
    assert published_facts(demo_db, AS_AT) == PUBLISHED_2023
    assert facts(demo_db, AS_AT)["not_recorded"] == ()
    # Before 2011 the demonstration holds no communications: unknown, not 0; visits stay known.
    early = facts(demo_db, Filters(D(2008, 12, 31)))
    assert early["communications_sent"] is None and early["visits_in_year"] is not None


def test_the_profile_of_a_communications_only_snapshot(comms_only):
    p = profile(connect(open_snapshot(comms_only)), AS_AT, "AAA")
    shown = {k.key: k.display for k in p.key_figures}
    assert shown["pending_requests"] == "Not recorded in this snapshot"
    assert shown["standing_invitation"] == "Not recorded in this snapshot"
    assert shown["last_visit_on"] == "Not recorded in this snapshot"
    assert shown["communications_in_year"] == "1" and shown["reply_rate_percent"] == "100.00 %"
    assert p.summary.startswith("Standing invitation not recorded in this snapshot; pending requests not "
                                   "recorded in this snapshot; visits not recorded in this snapshot; ")
    assert "python -m sp_data import-visits FILE" in p.notes.threads
    assert p.notes.pending == "Pending requests: not recorded in this snapshot (see Visit threads)."


@pytest.fixture
def empty_visits_import(tmp_path, capsys, monkeypatch):
    """The measured bug: a source folder whose visit and standing-invitation files are empty, imported."""
    src = tmp_path / "src"
    comms = [comm("UA AFG 1/2023", D(2023, 3, 1), "AFG", "SR-EDUCATION"),
             comm("AL IRN 2/2023", D(2023, 4, 1), "IRN", "SR-EDUCATION")]
    write_source(reference_frames(communications=comms), src)
    assert (src / "visits.csv").read_text().count("\n") == 1  # the header alone
    assert (src / "standing_invitations.csv").read_text().count("\n") == 1
    code, out = run_cli(capsys, "import", src, "--parquet-dir", tmp_path / "parquet")
    assert code == 0
    path = out.strip().splitlines()[-1]
    monkeypatch.setenv("SP_PARQUET_DIR", str(tmp_path / "parquet"))
    monkeypatch.setenv("SP_SNAPSHOT", path.rsplit("/", 1)[-1])
    return path


def test_empty_visit_and_invitation_files_give_null(empty_visits_import, capsys):
    code, out = run_cli(capsys, "facts", "--snapshot", empty_visits_import, "--as-at", "2023-12-31", "--json")
    values = json.loads(out)
    assert values["member_states_never_visited"] is None  # was 193
    assert values["never_visited_no_request"] is None  # was 193
    assert values["standing_invitations_member_states"] is None  # was 0
    assert values["communications_sent"] == 2 and values["mandates_total"] > 0


def _texts(at) -> list[str]:
    return [m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]


def test_the_pages_say_not_recorded_instead_of_193_or_0(empty_visits_import, app):
    at = app("pages/overview.py", year="2023").run()
    assert not at.exception
    texts = _texts(at)
    # 4 visits, 4 never visited, 4 five-year window, 2 standing invitations, 4 replies (the folder has none)
    # ... and the 2 tiles of the special procedures' side (visits accepted, not yet carried out)
    assert sum(t == "**Not recorded in this snapshot**" for t in texts) == 20
    metrics = {m.label: m.value for m in at.metric}
    for label in ("Never visited", "…no request received", "Member States", "Visits carried out"):
        assert label not in metrics  # no figure at all, let alone 193 or 0
    assert "193" not in metrics.values() and "0" not in [metrics.get("Observer States")]
    assert metrics["Communications sent"] == "2"
    assert any("This snapshot holds no visit threads" in w.value for w in at.warning)

    for page, command in (("pages/never_visited.py", "import-visits"), ("pages/country_visits.py", "import-visits"),
                          ("pages/pending_requests.py", "import-visits"),
                          ("pages/standing_invitations.py", "import-standing-invitations")):
        at = app(page, year="2023").run()
        assert not at.exception, page
        warnings = [w.value for w in at.warning]
        assert any(f"`python -m sp_data {command} FILE`" in w and "not recorded in this snapshot" in w
                   for w in warnings), (page, warnings)
        assert not at.metric and not at.dataframe, page  # no tile, no table of zeros

    at = app("pages/profile.py", state="IRN", year="2023").run()
    assert not at.exception
    assert "**Not recorded in this snapshot**" in _texts(at)
    assert any("python -m sp_data import-visits FILE" in i.value for i in at.info)


def test_a_year_outside_the_communications_page_coverage(empty_visits_import, app):
    at = app("pages/communications.py", year="2023", as_at="2023-12-31").run()
    assert not at.exception and {m.label: m.value for m in at.metric}["Communications sent"] == "2"
    # The snapshot holds no reply: the reply tiles and the reply columns say so.
    assert "**Not recorded in this snapshot**" in _texts(at)
    assert any("This snapshot holds no replies to communications" in w.value for w in at.warning)
    assert any(c.value.startswith("Not shown, as not recorded in this snapshot: Substantive reply by the as-at "
                                  "date, Reply rate (%)") for c in at.caption)


def test_country_mandate_access_is_not_recorded_without_visits(comms_only):
    p = profile(connect(open_snapshot(comms_only)), AS_AT, "BBB")
    access = p.country_mandates.select("mandate_id", "access", "threads", "last_visit_on").to_dicts()
    assert access == [{"mandate_id": "SR-BBB", "access": "not recorded in this snapshot", "threads": None,
                       "last_visit_on": None}]
    # The year's communications are recorded: one sent to Borduria in 2023, with no reply.
    years = p.communications.select("year", "communications", "substantively_replied").to_dicts()
    assert years == [{"year": 2022, "communications": 0, "substantively_replied": None},
                     {"year": 2023, "communications": 1, "substantively_replied": 0}]


def test_the_data_page_says_what_the_snapshot_covers(empty_visits_import, app):
    at = app("pages/data.py").run()
    assert not at.exception
    text = next(m.value for m in at.markdown if m.value.startswith("**What the snapshot covers.**"))
    assert "- **Visit threads**: not recorded in this snapshot. To add them: `python -m sp_data import-visits FILE`." \
        in text
    assert "- **Communications**: from 1 March 2023 to 1 April 2023 (the first and last dates seen)." in text
    assert "- **Replies to communications**: not recorded in this snapshot." in text


def test_a_trend_says_which_years_are_not_recorded(comms_only):
    from sp_data.charts import lines_over_years
    from sp_data.groups import trends_total

    con = connect(open_snapshot(comms_only))
    frame = trends_total(con, AS_AT, 2021, 2023)
    assert frame.select("year", "visits", "communications").to_dicts() == [
        {"year": 2022, "visits": None, "communications": 1}, {"year": 2023, "visits": None, "communications": 2}]
    title = lines_over_years(frame, "visits", "Visits", "Visits per year", colour=None).to_dict()["title"]
    assert title["subtitle"] == "Years with no point are not recorded in this snapshot"
    title = lines_over_years(frame, "communications", "Sent", "Sent per year", colour=None).to_dict()["title"]
    assert not title.get("subtitle")


def test_the_coverage_table_holds_what_the_connection_loaded(comms_only):
    con = connect(open_snapshot(comms_only))
    # A cursor is not the loaded connection: it reads queries/coverage.sql's table, with the same answer.
    assert coverage(con.cursor()) == coverage(con)
    assert coverage(con)["communications"].first == D(2022, 3, 1) and not coverage(con)["visits"].held


def test_the_mandates_command_gives_null_not_zero_without_visit_records(comms_only, capsys):
    code, out = run_cli(capsys, "mandates", "--snapshot", comms_only, "--as-at", "2023-12-31", "--json")
    rows = {r["mandate_id"]: r for r in json.loads(out)}
    assert code == 0
    assert rows["SR-EDU"] == {
        "mandate_id": "SR-EDU", "title": "Special Rapporteur on the right to education", "kind": "thematic",
        "established_on": "1998-04-17", "ended_on": None, "pending_requests": None, "accepted_not_carried_out": None,
        "visits_in_year": None, "visits_5y": None, "communications_in_year": 2, "substantive_replied_in_year": 1,
        "reply_rate_percent": 50.0}
    # Borduria's mandate sent nothing in 2023: a recorded 0, while its visit figures stay unknown.
    assert rows["SR-BBB"]["communications_in_year"] == 0 and rows["SR-BBB"]["accepted_not_carried_out"] is None
    code, out = run_cli(capsys, "mandates", "--snapshot", comms_only, "--as-at", "2023-12-31")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("SR-EDU "))
    # The four visit columns say so in words; the letters' figures are numbers.
    assert row.split() == ["SR-EDU", "thematic"] + ["not", "recorded", "in", "this", "snapshot"] * 4 + ["2", "1", "50.0"]


def test_the_states_command_says_not_recorded_in_its_text_table(comms_only, capsys):
    code, out = run_cli(capsys, "states", "--snapshot", comms_only, "--as-at", "2023-12-31")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("iso3"))
    assert "not recorded in this snapshot" in out and "pending_requests" in header
    bbb = next(line for line in out.splitlines() if line.startswith("BBB "))
    assert bbb.count("not recorded in this snapshot") == 6  # invitation, visits and requests; not the letters


def test_the_special_procedures_side_without_visit_records(comms_only):
    from sp_data.mandates import accepted_not_carried_out, mandate_profile, state_awaiting

    con = connect(open_snapshot(comms_only))
    side = accepted_not_carried_out(con, AS_AT)
    assert side.count is None and side.oldest_accepted_on is None and side.threads.height == 0
    assert "python -m sp_data import-visits FILE" in side.not_recorded
    assert state_awaiting(con, AS_AT, "AAA").text == "Awaiting the special procedures: not recorded in this snapshot."
    p = mandate_profile(con, AS_AT, "SR-EDU")
    assert [k.display for k in p.key_figures] == ["Not recorded in this snapshot"] * 4 + ["2", "50.00 %"]
    assert p.summary == (
        "Pending requests not recorded in this snapshot; visits accepted and not yet carried out not recorded in "
        "this snapshot; visits carried out in 2023 not recorded in this snapshot; sent or joined 2 communications "
        "in 2023, 50 % with a substantive reply.")
    assert "python -m sp_data import-visits FILE" in p.visits_not_recorded
    assert p.notes.visits == "Visits carried out: not recorded in this snapshot (see Visit requests above)."
    # Communications are drawn for the years the snapshot records them only (2022 and 2023), no bar of 0 before.
    assert p.communications.select("year", "communications", "reply_rate_percent").to_dicts() == [
        {"year": 2022, "communications": 1, "reply_rate_percent": None},
        {"year": 2023, "communications": 2, "reply_rate_percent": 50.0}]


def test_the_pages_of_issue_10_say_not_recorded_without_visit_records(empty_visits_import, app):
    at = app("pages/overview.py", year="2023").run()
    assert not at.exception
    assert "Accepted, not yet carried out" not in metrics_of(at) and "Oldest waiting since" not in metrics_of(at)
    captions = [c.value for c in at.caption]
    assert "Accepted, not yet carried out" in captions and "Oldest waiting since" in captions

    at = app("pages/profile.py", state="IRN", year="2023").run()
    assert not at.exception
    assert "Awaiting the special procedures: not recorded in this snapshot." in [m.value for m in at.markdown]

    at = app("pages/mandate.py", mandate="SR-EDUCATION", year="2023").run()
    assert not at.exception
    shown = metrics_of(at)
    # The snapshot's last date is 1 April 2023; the only figure recorded is the communications', no 0 anywhere.
    assert shown == {"Communications sent or joined, 2023 up to 1 April": "2"}
    tiles = [c.value for c in at.caption]
    for label in ("Pending requests", "Accepted, not yet carried out", "Visits carried out, 2023 up to 1 April",
                  "Visits, 2019–2023", "Substantive reply rate, 2023 up to 1 April"):
        assert label in tiles, label
    assert any("python -m sp_data import-visits FILE" in w.value for w in at.warning)
    assert "Visits carried out: not recorded in this snapshot (see Visit requests above)." in tiles
    assert not any("host" in df.value.columns for df in at.dataframe)  # no table of visit requests or visits


def metrics_of(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}
