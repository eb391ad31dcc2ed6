"""The load and macro files declare their order (`-- needs:`), and the SQL event order is the import format's."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sp_data.db import (DERIVED_COLUMNS, DERIVED_TABLES, PAIR_FOLDERS, READ_BY_LOAD, SNAPSHOT_FOLDERS, SNAPSHOT_PLAN,
                        LoadOrderError, Step, check_event_order, plan)
from sp_data.paths import QUERIES_DIR
from sp_data.schema import TABLE_ORDER, VISIT_EVENTS

PAIR_PLAN = plan(PAIR_FOLDERS, SNAPSHOT_FOLDERS[1:])
_DEFINED = re.compile(r"CREATE (?:OR REPLACE )?(?:TABLE|MACRO) ([a-z_][a-z0-9_]*)")


def _body(step: Step) -> str:
    return "\n".join(line for line in step.query.sql.splitlines() if not line.lstrip().startswith("--"))


def _closure(step: Step, by_name: dict[str, Step]) -> set[str]:
    """Every file a step needs, directly or through another."""
    found: set[str] = set()
    todo = list(step.needs)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += by_name[name].needs
    return found


def test_every_load_and_macro_file_is_loaded_once_after_what_it_needs():
    files = {f"queries/{p.parent.name}/{p.name}" for f in SNAPSHOT_FOLDERS for p in (QUERIES_DIR / f).glob("*.sql")}
    assert [s.where for s in SNAPSHOT_PLAN if s.where in files] == [s.where for s in SNAPSHOT_PLAN]
    assert {s.where for s in SNAPSHOT_PLAN} == files and len(SNAPSHOT_PLAN) == len(files) >= 8
    for plan_ in (SNAPSHOT_PLAN, PAIR_PLAN):
        seen: set[str] = set()
        for step in plan_:
            assert set(step.needs) <= seen, f"{step.where} runs before {set(step.needs) - seen}"
            seen.add(step.name)
    assert [s.where for s in PAIR_PLAN] == ["queries/base/calendar.sql", "queries/base/statuses.sql",
                                            "queries/pair/state_names.sql"]


def test_the_load_files_build_tables_and_the_macro_files_only_define_macros():
    for step in SNAPSHOT_PLAN:
        creates_table = re.search(r"CREATE (OR REPLACE )?TABLE", step.query.sql) is not None
        assert creates_table == (step.query.path.parent.name == "load"), step.where
        assert set(step.builds) == {n for n in _DEFINED.findall(step.query.sql) if f"TABLE {n}" in step.query.sql}
    assert DERIVED_TABLES == ("thread_events", "coverage")
    assert READ_BY_LOAD == {"communications"} <= set(TABLE_ORDER)
    assert DERIVED_COLUMNS == {"communications": ("first_reply_ever_on", "first_substantive_reply_ever_on")}


@pytest.mark.parametrize("step", SNAPSHOT_PLAN + PAIR_PLAN[-1:], ids=lambda s: s.where)
def test_a_file_declares_every_file_whose_macros_or_tables_it_uses(step):
    """A file that uses a macro or table of another file without naming it under `-- needs:` (itself or
    through a file it needs) could run before it: the declared order must be the true one."""
    by_name = {s.name: s for s in SNAPSHOT_PLAN + PAIR_PLAN}
    owner = {defined: s.name for s in by_name.values() for defined in _DEFINED.findall(s.query.sql)}
    body = _body(step)
    used = {owner[name] for name in owner if owner[name] != step.name and re.search(rf"\b{name}\b", body)}
    assert used <= _closure(step, by_name), f"{step.where} uses {used - _closure(step, by_name)} undeclared"


def _write(folder: Path, name: str, needs: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.sql").write_text(f"-- name: {name}\n-- needs: {needs}\nSELECT 1;\n", encoding="utf-8")


def test_the_order_follows_the_needs_not_the_names(tmp_path):
    _write(tmp_path / "load", "a_table", "z_macro (its rank), m_macro")
    _write(tmp_path / "base", "m_macro", "z_macro")
    _write(tmp_path / "base", "z_macro", "none")
    _write(tmp_path / "base", "b_alone", "none")
    steps = plan(("load", "base"), root=tmp_path)
    assert [s.name for s in steps] == ["z_macro", "m_macro", "a_table", "b_alone"]
    assert steps[2].needs == ("z_macro", "m_macro") and steps[3].needs == ()
    # A folder takes from the library only what it needs.
    _write(tmp_path / "pair", "p", "m_macro")
    assert [s.name for s in plan(("pair",), ("base",), root=tmp_path)] == ["z_macro", "m_macro", "p"]


def test_a_missing_need_is_named_with_its_file(tmp_path):
    _write(tmp_path / "base", "a", "calender")
    with pytest.raises(LoadOrderError, match=r"queries/base/a\.sql needs 'calender' \(its '-- needs:' header\)"):
        plan(("base",), root=tmp_path)


def test_a_cycle_is_named_file_by_file(tmp_path):
    _write(tmp_path / "base", "a", "b")
    _write(tmp_path / "base", "b", "c")
    _write(tmp_path / "load", "c", "a")
    with pytest.raises(LoadOrderError, match="need each other in a cycle: a -> b -> c -> a"):
        plan(("load", "base"), root=tmp_path)


def test_the_sql_event_order_is_the_import_formats(demo_db):
    cursor = demo_db.cursor()
    try:
        assert tuple(cursor.execute("SELECT event_order()").fetchall()[0][0]) == VISIT_EVENTS
        ranks = cursor.execute("SELECT list_transform($events, lambda e: event_rank(e)), event_rank('unknown')",
                               {"events": list(VISIT_EVENTS)}).fetchall()[0]
    finally:
        cursor.close()
    assert ranks == (list(range(1, len(VISIT_EVENTS) + 1)), None)
    check_event_order(SNAPSHOT_PLAN)  # what importing sp_data.db runs: passes on the real files


@pytest.mark.parametrize("macro", [
    "CREATE OR REPLACE MACRO event_order() AS ['reminder', 'requested'];",
    "CREATE OR REPLACE MACRO event_order() AS [\n    'requested', 'reminder', 'invited'];",
    "CREATE OR REPLACE MACRO event_rank(e) AS 1;",
])
def test_an_sql_event_order_that_differs_is_refused(tmp_path, macro):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "calendar.sql").write_text(f"-- name: calendar\n-- needs: none\n{macro}\n", encoding="utf-8")
    with pytest.raises(LoadOrderError, match=r"calendar\.sql's event_order\(\) \[.*\] differs from "
                                             r"sp_data/schema\.py's VISIT_EVENTS \['requested', 'reminder'"):
        check_event_order(plan(("base",), root=tmp_path))


def test_the_percentage_is_null_when_there_is_nothing_to_share(demo_db):
    cursor = demo_db.cursor()
    try:
        row = cursor.execute("SELECT percent(1, 3), percent(2, 3, 1), percent(0, 0), percent(count(*), 0), "
                             "percent(NULL, 4), percent(3, NULL), percent(0, 7) FROM range(3)").fetchall()[0]
    finally:
        cursor.close()
    assert row == (33.33, 66.7, None, None, None, None, 0.0)


def test_the_status_sets(demo_db):
    cursor = demo_db.cursor()
    try:
        rows = cursor.execute(
            "SELECT e, is_request(e), is_first_request(e), is_acceptance(e), is_pending_status(e), "
            "is_accepted_status(e), is_open_status(e) FROM unnest(event_order()) t(e)").fetchall()
    finally:
        cursor.close()
    sets = {name: [r[0] for r in rows if r[i]] for i, name in enumerate(
        ("request", "first_request", "acceptance", "pending", "accepted", "open"), start=1)}
    assert sets == {
        "request": ["requested", "reminder"],
        "first_request": ["requested", "reminder", "invited"],
        "acceptance": ["invited", "accepted", "dates_proposed"],
        "pending": ["requested", "reminder", "acknowledged"],
        "accepted": ["invited", "accepted", "dates_proposed", "postponed"],
        "open": ["requested", "reminder", "invited", "acknowledged", "accepted", "dates_proposed", "postponed"],
    }
