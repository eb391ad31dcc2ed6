"""The visits adapter: one spreadsheet row per request thread, each status turned into dated events."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from conftest import reference_frames, thread, threads
from sp_data.adapters.dates import DateProblem
from sp_data.adapters.visits import import_visits, parse_visit_dates
from sp_data.cli import main
from sp_data.errors import SourceError
from sp_data.export_csv import read_snapshot_tables
from sp_data.snapshot import open_snapshot, write_snapshot

D = dt.date
HEADER = ["Country", "Mandate", "Status", "Request date", "Reminder date(s)", "Acceptance date", "Status date",
          "Visit dates", "Report symbol"]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A real-world base: Peru's education thread (requested 2021), visited in 2022."""
    rows = reference_frames(**threads(
        thread("V1", "PER", [(D(2021, 3, 1), "requested"), (D(2022, 1, 10), "accepted")], mandate_id="SR-EDUCATION"),
        thread("V2", "PER", [(D(2015, 3, 1), "requested"), (D(2016, 5, 2), "completed", D(2016, 5, 9))],
               mandate_id="SR-EDUCATION"),
    ))
    path, _ = write_snapshot(rows, source="base", simulated=False, root=tmp_path / "parquet", snapshot_id="base")
    return path


def write_xlsx(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def events_of(tables, **match) -> list[tuple]:
    """The events of the one thread whose visits row matches."""
    visits = tables["visits"]
    for column, value in match.items():
        visits = visits.filter(pl.col(column) == value) if value is not None else visits.filter(pl.col(column).is_null())
    assert visits.height == 1, match
    visit_id = visits["visit_id"][0]
    frame = tables["visit_events"].filter(pl.col("visit_id") == visit_id)
    return [(r["date"], r["event"], r["end_date"]) for r in frame.to_dicts()]


def messy_rows() -> list[list]:
    return [
        ["Country visits, as at June 2024"],
        HEADER,
        # row 3: the base's Peru thread, now carried out (matched by host, mandate and first date)
        ["Peru", "SR on the right to education", "Completed", "01/03/2021", None, "2022-01-10", None,
         "12-23 May 2023", "A/HRC/53/27/Add.1"],
        # row 4: several reminders in one cell, Excel serial request date
        ["Türkiye", "WGAD", "Reminder sent", 44197, "2022-03-01\n15 Sep 2022; 2023-01-05", None, None, None, None],
        ["Iran", "SR Iran", "Requested", dt.datetime(2023, 2, 1), None, None, None, None, None],
        ["Venezuela", "SRHRD", "Accepted", "2022-06-01", None, "2023-03-01", None, None, None],
        ["Bolivia", "SR on torture", "Dates proposed", "2022-06-01", None, "2023-03-01", "2023-04-15", None, None],
        ["Viet Nam", "SR food", "Postponed", "2021-06-01", None, "2022-02-01", "2023-02-01", None, None],
        # row 9: a decline with no status date is dated by the row's latest date (and says so)
        ["Syria", "SR on torture", "Declined", "2021-06-01", "2022-06-01", None, None, None, None],
        ["Eritrea", "SR Eritrea", "Cancelled", "2020-01-10", None, "2020-02-01", "2020-03-01", None, None],
        ["Belarus", "SR Belarus", "Withdrawn", "2019-01-10", None, None, "2019-08-01", None, None],
        # row 12: a visit over two months; row 13: a visit still under way
        ["Cote d'Ivoire", "WGEID", "completed", "2022-01-05", None, "2022-09-01", None, "28 Nov - 5 Dec 2023", None],
        ["Mexico", "SR migrants", "Visit underway", "2023-01-05", None, "2023-09-01", None, "2024-06-20 - 2024-07-02",
         None],
        ["Chile", "SR-FOE", "Forthcoming", "2023-02-01", None, "2024-01-10", None, "12-20 Sep 2024", None],
        # rows 15-16: a territory and an institution; row 17: one row for a joint request by two mandates
        ["Kosovo", "WG-BHR", "Completed", None, None, None, None, "3-7 Apr 2023", None],
        ["World Bank", "SR on extreme poverty", "Completed", "2022-10-01", None, None, None, "2023-10-02", None],
        ["Republic of Korea", "SR FoE; SR on freedom of peaceful assembly and of association", "Requested",
         "2023-07-01", None, None, None, None, None],
        HEADER,  # repeated header
        [None, None, None],
    ]


def test_messy_sheet_becomes_threads_with_events(tmp_path, base):
    result = import_visits(write_xlsx(tmp_path / "visits.xlsx", messy_rows()), base=base, root=tmp_path / "parquet")
    tables = read_snapshot_tables(open_snapshot(result.path))
    # Peru's open thread is replaced (its visit_id kept); its visited 2015 thread is untouched.
    assert events_of(tables, visit_id="V1") == [(D(2021, 3, 1), "requested", None), (D(2022, 1, 10), "accepted", None),
                                                (D(2023, 5, 12), "completed", D(2023, 5, 23))]
    assert events_of(tables, visit_id="V2") == [(D(2015, 3, 1), "requested", None),
                                                (D(2016, 5, 2), "completed", D(2016, 5, 9))]
    assert events_of(tables, iso3="TUR") == [(D(2021, 1, 1), "requested", None), (D(2022, 3, 1), "reminder", None),
                                             (D(2022, 9, 15), "reminder", None), (D(2023, 1, 5), "reminder", None)]
    assert events_of(tables, iso3="IRN") == [(D(2023, 2, 1), "requested", None)]
    assert events_of(tables, iso3="VEN") == [(D(2022, 6, 1), "requested", None), (D(2023, 3, 1), "accepted", None)]
    assert events_of(tables, iso3="BOL") == [(D(2022, 6, 1), "requested", None), (D(2023, 3, 1), "accepted", None),
                                             (D(2023, 4, 15), "dates_proposed", None)]
    assert events_of(tables, iso3="VNM") == [(D(2021, 6, 1), "requested", None), (D(2022, 2, 1), "accepted", None),
                                             (D(2023, 2, 1), "postponed", None)]
    assert events_of(tables, iso3="SYR") == [(D(2021, 6, 1), "requested", None), (D(2022, 6, 1), "reminder", None),
                                             (D(2022, 6, 1), "declined", None)]
    assert events_of(tables, iso3="ERI") == [(D(2020, 1, 10), "requested", None), (D(2020, 2, 1), "accepted", None),
                                             (D(2020, 3, 1), "cancelled", None)]
    assert events_of(tables, iso3="BLR") == [(D(2019, 1, 10), "requested", None), (D(2019, 8, 1), "withdrawn", None)]
    assert events_of(tables, iso3="CIV") == [(D(2022, 1, 5), "requested", None), (D(2022, 9, 1), "accepted", None),
                                             (D(2023, 11, 28), "completed", D(2023, 12, 5))]
    assert events_of(tables, iso3="MEX")[-1] == (D(2024, 6, 20), "completed", D(2024, 7, 2))
    assert events_of(tables, iso3="CHL") == [(D(2023, 2, 1), "requested", None), (D(2024, 1, 10), "accepted", None)]
    assert events_of(tables, host_name="Kosovo") == [(D(2023, 4, 3), "completed", D(2023, 4, 7))]
    assert events_of(tables, host_name="World Bank") == [(D(2022, 10, 1), "requested", None),
                                                         (D(2023, 10, 2), "completed", D(2023, 10, 2))]
    kor = tables["visits"].filter(pl.col("iso3") == "KOR").sort("mandate_id")
    assert kor["mandate_id"].to_list() == ["SR-FOAA", "SR-FOE"]
    hosts = tables["visits"].filter(pl.col("host_kind") != "state").sort("host_name")
    assert hosts.select("host_kind", "iso3", "host_name", "mandate_id").rows() == [
        ("territory", None, "Kosovo", "WG-BHR"), ("institution", None, "World Bank", "SR-POVERTY")]
    assert tables["visits"].height == 2 + 15
    assert {str(w) for w in result.warnings} == {
        "visits.xlsx, row 18: the header is repeated in row(s) 18; those rows are skipped",
        "visits.xlsx, row 9, column Status date: no status date: the declined event is dated 2022-06-01, "
        "the row's latest date",
    }


def test_importing_twice_gives_the_same_snapshot(tmp_path, base):
    sheet = write_xlsx(tmp_path / "visits.xlsx", messy_rows())
    first = import_visits(sheet, base=base, root=tmp_path / "parquet")
    second = import_visits(sheet, base=first.path, root=tmp_path / "parquet")
    assert (first.new, second.new, second.path) == (True, False, first.path)
    new_ids = [v for v in read_snapshot_tables(open_snapshot(first.path))["visits"]["visit_id"] if v.startswith("VX-")]
    assert len(new_ids) == 15


@pytest.mark.parametrize("text, expected", [
    ("12-23 May 2023", (D(2023, 5, 12), D(2023, 5, 23))),
    ("12 - 23 May 2023", (D(2023, 5, 12), D(2023, 5, 23))),
    ("12\u201323 May 2023", (D(2023, 5, 12), D(2023, 5, 23))),
    ("28 Nov - 5 Dec 2023", (D(2023, 11, 28), D(2023, 12, 5))),
    ("28 November to 5 December 2023", (D(2023, 11, 28), D(2023, 12, 5))),
    ("28 Dec - 5 Jan 2024", (D(2023, 12, 28), D(2024, 1, 5))),
    ("28 Dec 2023 - 5 Jan 2024", (D(2023, 12, 28), D(2024, 1, 5))),
    ("May 12-23, 2023", (D(2023, 5, 12), D(2023, 5, 23))),
    ("2023-05-12 - 2023-05-23", (D(2023, 5, 12), D(2023, 5, 23))),
    ("12/05/2023 - 23/05/2023", (D(2023, 5, 12), D(2023, 5, 23))),
    ("12 May 2023", (D(2023, 5, 12), D(2023, 5, 12))),
    (dt.datetime(2023, 5, 12), (D(2023, 5, 12), D(2023, 5, 12))),
])
def test_visit_periods(text, expected):
    assert parse_visit_dates(text) == expected


@pytest.mark.parametrize("text, message", [
    ("sometime in May", "is not a visit period; write it as 12-23 May 2023, 28 Nov - 5 Dec 2023 or 2023-05-12 - 2023-05-23"),
    ("23-12 May 2023", "ends (2023-05-12) before it starts (2023-05-23)"),
    ("30-31 Feb 2023", "is not a real calendar date"),
])
def test_bad_visit_periods(text, message):
    with pytest.raises(DateProblem) as info:
        parse_visit_dates(text)
    assert str(info.value) == message


def test_every_error_is_reported_with_row_column_and_value(tmp_path, base):
    sheet = write_xlsx(tmp_path / "bad.xlsx", [
        HEADER,
        ["Peru", "WGAD", "Completed", "2022-01-01", None, None, None, None, None],
        ["Peru", "WGAD", "Completed", "2022-01-01", "2023-06-01", None, None, "12-23 May 2023", None],
        ["Peru", "WGEID", "Requested", None, None, None, None, None, None],
        ["Peru", "WGEID", "Reminder sent", "2022-01-01", None, None, None, None, None],
        ["Atlantis", "WGEID", "Lost", "2022-01-01", None, None, None, None, None],
        ["Peru", "WGEID", "Declined", None, None, None, None, None, None],
        ["Peru", "SR-TORTURE", "Completed", "2022-01-01", None, None, None, "sometime in May", None],
        ["Chile", "SR-TORTURE", "Requested", "2022-01-01", None, None, None, None, None],
        ["Chile", "SR-TORTURE", "Declined", "2022-01-01", None, None, "2023-01-01", None, None],
        ["Chile", "SR-TORTURE", "Accepted", "2022-13-01", None, None, None, None, None],
    ])
    before = sorted(p.name for p in (tmp_path / "parquet").iterdir())
    with pytest.raises(SourceError) as info:
        import_visits(sheet, base=base, root=tmp_path / "parquet")
    assert sorted(p.name for p in (tmp_path / "parquet").iterdir()) == before
    assert [str(i) for i in info.value.issues] == [
        "bad.xlsx, row 2, column Visit dates: a Completed row needs its visit dates",
        "bad.xlsx, row 3, column Reminder date(s): is after the visit started (2023-05-12) (value '2023-06-01')",
        "bad.xlsx, row 4, column Request date: a Requested row needs its request date",
        "bad.xlsx, row 5, column Reminder date(s): a Reminder sent row needs its reminder date(s)",
        "bad.xlsx, row 6, column Country: unknown host 'Atlantis' (a State, or a territory or institution named in "
        "a mapping line territory,Atlantis, or institution,Atlantis,) (rows 6); closest known: Albania (ALB); to "
        "resolve it add a line to a mapping file (--mapping), e.g. state,Atlantis,ISO3 (value 'Atlantis')",
        "bad.xlsx, row 6, column Status: unknown status 'Lost' (rows 6); closest known: none; to resolve it add "
        "a line to a mapping file (--mapping), e.g. status,Lost,Declined (value 'Lost')",
        "bad.xlsx, row 7, column Status date: a Declined row needs at least one date",
        "bad.xlsx, row 8, column Visit dates: is not a visit period; write it as 12-23 May 2023, 28 Nov - 5 Dec 2023 "
        "or 2023-05-12 - 2023-05-23 (value 'sometime in May')",
        "bad.xlsx, row 10: describes the same thread as row 9 (same host, mandate and first date) with different dates",
        "bad.xlsx, row 11, column Request date: is not a real calendar date (value '2022-13-01')",
    ]


def test_mapping_for_statuses_territories_and_institutions(tmp_path, base):
    sheet = write_xlsx(tmp_path / "v.xlsx", [
        HEADER,
        ["Atlantis", "WGAD", "Lost", "2022-01-01", None, None, "2022-05-01", None, None],
        ["Greenland", "WGEID", "Completed", None, None, None, None, "1-5 May 2023", None],
        ["OECD", "WG-BHR", "Completed", None, None, None, None, "1-5 May 2023", None],
    ])
    mapping = tmp_path / "map.csv"
    mapping.write_text("kind,value,maps_to\nterritory,Atlantis,\nstatus,lost,Withdrawn\n"
                       "institution,OECD,Organisation for Economic Co-operation and Development\n", encoding="utf-8")
    tables = read_snapshot_tables(open_snapshot(
        import_visits(sheet, base=base, mapping=mapping, root=tmp_path / "parquet").path))
    assert events_of(tables, host_name="Atlantis") == [(D(2022, 1, 1), "requested", None),
                                                       (D(2022, 5, 1), "withdrawn", None)]
    assert tables["visits"].filter(pl.col("host_name") == "Greenland")["iso3"].to_list() == ["DNK"]
    assert tables["visits"].filter(pl.col("host_kind") == "institution")["host_name"].to_list() == [
        "Organisation for Economic Co-operation and Development"]


def test_command_line_prints_the_new_snapshot_last(tmp_path, base, capsys):
    sheet = tmp_path / "v.csv"
    sheet.write_text("Country,Mandate,Status,Request date\nPeru,WGAD,Requested,2024-01-15\n", encoding="utf-8")
    code = main(["import-visits", str(sheet), "--base", str(base), "--parquet-dir", str(tmp_path / "parquet")])
    lines = capsys.readouterr().out.strip().splitlines()
    assert code == 0
    tables = read_snapshot_tables(open_snapshot(Path(lines[-1])))
    assert events_of(tables, iso3="PER", mandate_id="WG-AD") == [(D(2024, 1, 15), "requested", None)]
