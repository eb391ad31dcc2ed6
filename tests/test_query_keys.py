"""Grain as a test: every query's declared key (`-- key:`) is unique and never NULL on the demonstration snapshot."""
from __future__ import annotations

import datetime as dt
import re

import duckdb
import polars as pl
import pytest

from sp_data.db import SNAPSHOT_PLAN, connect
from sp_data.diff import connect_pair
from sp_data.paths import PROJECT_ROOT, QUERIES_DIR
from sp_data.queries import KeyColumn, Query, all_queries, parse, run
from sp_data.snapshot import open_snapshot

# Realistic filter sets: the report year, an earlier mid-year date with two groups, the snapshot's
# last day with one group; each with a State, a mandate and letter types that the demo has.
FILTERS = [
    dict(as_at=dt.date(2023, 12, 31), regions=[], threshold=5, iso3="IRN", mandate="SR-IRAN", types=[],
         from_year=2019, to_year=2023, visit_id="V00186", ref="UA RUS 3/2011", states=["IRN", "IND", "PAK"]),
    dict(as_at=dt.date(2020, 6, 30), regions=["AG", "APG"], threshold=3, iso3="CHN", mandate="SR-TORTURE",
         types=["UA"], from_year=2010, to_year=2020, visit_id="V00328", ref="", states=["CHN", "chn", "XXX"]),
    dict(as_at=dt.date(2024, 6, 30), regions=["WEOG"], threshold=1, iso3="USA", mandate="SR-HOUSING",
         types=["AL", "OL"], from_year=2000, to_year=2024, visit_id="", ref="OL MMR 5/2011",
         states=["USA", "CAN", "PSE", "FRA", "DEU", "GBR"]),
    dict(as_at=dt.date(2023, 12, 31), regions=["EEG", "GRULAC"], threshold=2, iso3="BLR", mandate="SR-BELARUS",
         types=[], from_year=2019, to_year=2023, visit_id="V00196", ref="", states=[]),
]
# The table macros of queries/base/ and queries/pair/, called as the queries call them.
MACRO_CALLS = {
    "thread_status": "SELECT * FROM thread_status($as_at::DATE)",
    "accepted_not_carried_out": "SELECT * FROM accepted_not_carried_out($as_at::DATE)",
    "communications_as_at": "SELECT * FROM communications_as_at($as_at::DATE)",
    "communications_by_year": "SELECT * FROM communications_by_year($as_at::DATE, $regions::VARCHAR[], "
                              "$from_year::INTEGER, $to_year::INTEGER, $types::VARCHAR[], $mandate::VARCHAR)",
    "state_cooperation": "SELECT * FROM state_cooperation($as_at::DATE, $regions::VARCHAR[], $threshold::INTEGER)",
    "state_names": "SELECT * FROM state_names()",
    "state_profiles": "SELECT * FROM state_profiles($as_at::DATE, $states::VARCHAR[], $regions::VARCHAR[], "
                      "$threshold::INTEGER)",
}
DEMO = PROJECT_ROOT / "parquet" / "demo"
EARLIER = PROJECT_ROOT / "parquet" / "demo-2024-03"
QUERIES = [q for q in all_queries() if q.path.parent == QUERIES_DIR]
SNAPSHOT_QUERIES = [q for q in QUERIES if not q.name.startswith("diff_")]
DIFF_QUERIES = [q for q in QUERIES if q.name.startswith("diff_")]
TABLE_MACROS = [q for q in all_queries() if re.search(r"\bAS TABLE\b", q.sql) and q.path.parent != QUERIES_DIR]


def key_problems(frame: pl.DataFrame, key: tuple[KeyColumn, ...]) -> list[str]:
    """What breaks the key in a result: a missing or NULL key column, a repeated key, or (no key) more than one row."""
    if not key:
        return [f"{frame.height} rows where one is declared"] if frame.height > 1 else []
    missing = [k.name for k in key if k.name not in frame.columns]
    if missing:
        return [f"key column(s) {missing} not in the result {frame.columns}"]
    problems = [f"{k.name} is NULL in {frame[k.name].null_count()} row(s)"
                for k in key if not k.nullable and frame[k.name].null_count()]
    names = [k.name for k in key]
    repeated = frame.filter(frame.select(names).is_duplicated()).select(names)
    if repeated.height:
        problems.append(f"{repeated.height} rows share a key, e.g. {repeated.row(0, named=True)}")
    return problems


def _params(query: Query, filters: dict) -> dict:
    return {p: filters[p] for p in query.params}


@pytest.fixture(scope="module")
def pairs():
    """The two demonstration snapshots compared both ways, and the demo with itself."""
    old, new = open_snapshot(EARLIER), open_snapshot(DEMO)
    connections = [connect_pair(old, new), connect_pair(new, old), connect_pair(new, new)]
    yield connections
    for con in connections:
        con.close()


def test_every_query_file_declares_a_key_that_the_test_reads():
    for query in all_queries():
        assert query.header.get("key"), f"{query.path.name} has no '-- key:' header"
    assert {q.name for q in QUERIES} == {q.name for q in SNAPSHOT_QUERIES + DIFF_QUERIES}
    assert len(SNAPSHOT_QUERIES) >= 40 and len(DIFF_QUERIES) == 6
    assert {q.name for q in TABLE_MACROS} == set(MACRO_CALLS)


@pytest.mark.parametrize("query", SNAPSHOT_QUERIES, ids=lambda q: q.name)
def test_the_key_is_unique_and_never_null(query, demo_db):
    rows = 0
    for i, filters in enumerate(FILTERS):
        frame = run(demo_db, query.name, **_params(query, filters))
        assert key_problems(frame, query.key) == [], f"{query.name} with filter set {i}"
        rows += frame.height
    assert rows > 0, f"{query.name} returned no row for any filter set: its key was never tested"


@pytest.mark.parametrize("query", DIFF_QUERIES, ids=lambda q: q.name)
def test_the_key_of_a_diff_is_unique_and_never_null(query, pairs):
    rows = 0
    for con in pairs:
        for regions in ([], ["AG"], ["WEOG", "GRULAC"]):
            frame = run(con, query.name, **_params(query, {"regions": regions}))
            assert key_problems(frame, query.key) == [], f"{query.name} for {regions}"
            rows += frame.height
    assert rows > 0


@pytest.mark.parametrize("query", TABLE_MACROS, ids=lambda q: q.name)
def test_the_key_of_a_table_macro_is_unique_and_never_null(query, demo_db, pairs):
    con = pairs[0] if query.path.parent.name == "pair" else demo_db
    rows = 0
    for filters in FILTERS:
        cursor = con.cursor()
        try:
            sql = MACRO_CALLS[query.name]
            used = {p: v for p, v in filters.items() if f"${p}" in sql}
            frame = pl.from_arrow(cursor.execute(sql, used).to_arrow_table())
        finally:
            cursor.close()
        assert key_problems(frame, query.key) == [], query.name
        rows += frame.height
    assert rows > 0


@pytest.mark.parametrize("step", [s for s in SNAPSHOT_PLAN if s.builds], ids=lambda s: s.name)
def test_the_key_of_a_table_built_at_load_is_unique_and_never_null(step, demo_db):
    for table in step.builds:
        frame = demo_db.table(table).pl()
        assert frame.height > 0 and key_problems(frame, step.query.key) == [], table


def test_the_key_check_finds_repeats_nulls_and_extra_rows(tmp_path):
    path = tmp_path / "q.sql"
    path.write_text("-- name: q\n-- key: year, regional_group (may be NULL: no group); other: x\nSELECT 1\n",
                    encoding="utf-8")
    key = parse(path).key
    assert key == (KeyColumn("year"), KeyColumn("regional_group", nullable=True))
    frame = pl.DataFrame({"year": [2023, 2023, None, 2024, 2024], "regional_group": ["AG", "AG", "AG", None, None]})
    assert key_problems(frame, key) == ["year is NULL in 1 row(s)",
                                        "4 rows share a key, e.g. {'year': 2023, 'regional_group': 'AG'}"]
    assert key_problems(frame.slice(2, 2), key) == ["year is NULL in 1 row(s)"]
    assert key_problems(frame.slice(3, 1), key) == []
    assert key_problems(frame, ()) == ["5 rows where one is declared"]
    assert key_problems(frame, (KeyColumn("iso3"),))[0].startswith("key column(s) ['iso3'] not in the result")


def test_a_macro_call_runs_on_a_fresh_connection():
    """The macro calls above are real: a missing macro or argument fails loudly."""
    con = connect(open_snapshot(DEMO))
    try:
        with pytest.raises(duckdb.Error):
            con.execute(MACRO_CALLS["state_names"])  # a pair macro: not on a single snapshot's connection
        assert con.execute(MACRO_CALLS["thread_status"], {"as_at": FILTERS[0]["as_at"]}).fetchall()
    finally:
        con.close()
