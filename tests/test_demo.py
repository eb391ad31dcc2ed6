"""The bundled demonstration snapshot: simulated, reproducible, and calibrated to the 2023 report."""
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from sp_data.tools.demo.build import build_demo_snapshot
from sp_data.tools.demo.calibration import FIVE_PLUS_VISITS, PUBLISHED_2023
from sp_data.facts import published_facts, states
from sp_data.params import Filters
from sp_data.queries import run
from sp_data.schema import TABLE_ORDER

PUBLISHED = Path(__file__).resolve().parents[2] / "shared" / "reference" / "published-figures-2023.json"
AS_AT = Filters(dt.date(2023, 12, 31))


def test_demo_snapshot_is_labelled_simulated(demo_snapshot):
    assert demo_snapshot.id == "demo"
    assert demo_snapshot.simulated is True
    assert "simulated" in demo_snapshot.source.lower()


def test_demo_reproduces_every_published_2023_figure(demo_db):
    assert published_facts(demo_db, AS_AT) == PUBLISHED_2023


@pytest.mark.skipif(not PUBLISHED.exists(), reason="shared/reference is not beside the project")
def test_embedded_targets_are_the_published_json():
    pub = json.loads(PUBLISHED.read_text())
    expected = {
        "mandates_total": pub["mandates"]["total"], "mandates_thematic": pub["mandates"]["thematic"],
        "mandates_country": pub["mandates"]["country"],
        "standing_invitations_member_states": pub["standing_invitations"]["member_states"],
        "standing_invitations_observer_states": pub["standing_invitations"]["observer_states"],
        "visits_in_year": pub["visits_in_year"]["visits"],
        "visit_hosts_states_territories": pub["visits_in_year"]["states_and_territories"],
        "visit_hosts_institutions": pub["visits_in_year"]["institutions"],
        "member_states_visited": pub["ever_visited"]["member_states_visited"],
        "member_states_never_visited": pub["ever_visited"]["member_states_never_visited"],
        "never_visited_no_request": pub["ever_visited"]["never_visited_no_request"],
        "never_visited_requests_not_accepted": pub["ever_visited"]["never_visited_requests_not_accepted"],
        "never_visited_accepted_not_yet_conducted": pub["ever_visited"]["never_visited_accepted_not_yet_conducted"],
        "member_states_not_visited_5y": pub["five_year_window"]["member_states_not_visited"],
        "member_states_not_visited_5y_with_request": pub["five_year_window"]["member_states_not_visited_with_request"],
        "member_states_five_plus_pending_no_acceptance": pub["five_year_window"]["member_states_five_plus_pending_no_acceptance"],
        "member_states_five_plus_visits_5y": pub["five_year_window"]["member_states_five_plus_visits"],
        "communications_sent": pub["communications_in_year"]["sent"],
        "communications_joint": pub["communications_in_year"]["joint"],
        "communications_states_addressed": pub["communications_in_year"]["states_addressed"],
        "communications_non_state_actors": pub["communications_in_year"]["non_state_actors_addressed"],
        "communications_individuals": pub["communications_in_year"]["individuals"],
        "communications_individuals_female": pub["communications_in_year"]["individuals_female"],
        "replies_received_in_year": pub["communications_in_year"]["replies_received_in_year"],
        "replies_received_in_year_substantive": pub["communications_in_year"]["replies_received_in_year_substantive"],
        "replies_to_year_communications": pub["communications_in_year"]["replies_to_year_communications"],
        "replies_to_year_communications_substantive": pub["communications_in_year"]["replies_to_year_communications_substantive"],
        "reply_rate_percent": pub["communications_in_year"]["reply_rate_percent"],
    }
    assert PUBLISHED_2023 == expected
    assert pub["standing_invitations"]["member_states_percent"] == round(100 * 128 / 193, 2)


def test_the_eight_states_with_five_or_more_visits_are_the_reports(demo_db):
    frame = states(demo_db, AS_AT).filter((pl.col("un_status") == "member") & (pl.col("visits_5y") >= 5))
    assert sorted(frame["name"].to_list()) == ["Bangladesh", "Brazil", "Central African Republic", "Honduras",
                                               "Kyrgyzstan", "Mali", "Mongolia", "Qatar"]
    assert sorted(frame["iso3"].to_list()) == sorted(FIVE_PLUS_VISITS)


def test_country_mandate_access_follows_paragraph_52(demo_db):
    access = run(demo_db, "country_mandate_access", **AS_AT.bind())
    by = {a: sorted(access.filter(pl.col("access") == a)["host_name"].to_list()) for a in ("granted", "declined")}
    assert by["granted"] == ["Afghanistan", "Cambodia", "Central African Republic", "Mali", "Somalia"]
    assert by["declined"] == ["Belarus", "Burundi", "Democratic People's Republic of Korea", "Eritrea",
                              "Iran (Islamic Republic of)", "Israel", "Myanmar"]


def test_demo_looks_like_the_real_system(demo_db, demo_snapshot):
    counts = demo_snapshot.manifest["row_counts"]
    assert counts["visits"] > 1500 and counts["communications"] > 8000
    events = demo_db.cursor().sql(
        "SELECT event, count(*) FROM visit_events GROUP BY event").fetchall()
    kinds = dict(events)
    assert kinds["requested"] > 2 * kinds["completed"] / 1.5  # far more requests than visits
    for kind in ("reminder", "acknowledged", "declined", "postponed", "cancelled", "withdrawn", "dates_proposed"):
        assert kinds.get(kind, 0) > 0, kind
    years = dict(demo_db.cursor().sql(
        "SELECT year(date), count(*) FROM visit_events WHERE event = 'completed' GROUP BY 1").fetchall())
    assert years[2020] < years[2019] / 2  # the dip of 2020
    assert min(years) <= 1996 and max(years) == 2024
    refs = demo_db.cursor().sql("SELECT ref FROM communications WHERE sent_on >= '2023-01-01' LIMIT 400").fetchall()
    assert all(r[0].split()[0] in ("AL", "UA", "OL") and r[0].endswith(("/2023", "/2024")) for r in refs)
    conf = demo_db.cursor().sql("SELECT count(*) FROM replies WHERE confidential").fetchall()[0][0]
    assert conf > 0


def test_regenerating_gives_exactly_the_committed_snapshot(tmp_path, demo_snapshot):
    path, new = build_demo_snapshot(root=tmp_path)
    assert new and path.name == "demo"
    fresh = json.loads((path / "manifest.json").read_text())
    assert fresh["files"] == demo_snapshot.manifest["files"], "regenerate with: python -m sp_data demo"
    # The tables the load files build, stored too: a change of those files (or of what they need) shows here.
    assert fresh["derived"] == demo_snapshot.manifest["derived"], "regenerate with: python -m sp_data demo"
    for name in TABLE_ORDER:
        assert pl.read_parquet(path / f"{name}.parquet").equals(pl.read_parquet(demo_snapshot.table_path(name))), name
    earlier = json.loads((tmp_path / "demo-2024-03" / "manifest.json").read_text())
    committed = json.loads((demo_snapshot.path.parent / "demo-2024-03" / "manifest.json").read_text())
    assert earlier["files"] == committed["files"] and committed["simulated"] is True


def test_the_earlier_extract_holds_nothing_after_31_march_2024(demo_snapshot):
    from sp_data.db import connect
    from sp_data.snapshot import open_snapshot

    con = connect(open_snapshot(demo_snapshot.path.parent / "demo-2024-03"))
    last = con.cursor().sql("SELECT max(d) FROM (SELECT date AS d FROM visit_events UNION ALL "
                            "SELECT sent_on FROM communications UNION ALL SELECT received_on FROM replies)").fetchall()
    assert last[0][0] <= dt.date(2024, 3, 31)
    assert published_facts(con, AS_AT) == PUBLISHED_2023  # 2023 is complete in both extracts
