"""Real records of the public communications database import with no mapping file, exactly right."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from sp_data.adapters.communications import import_communications
from sp_data.export_csv import read_snapshot_tables
from sp_data.paths import PROJECT_ROOT
from sp_data.snapshot import open_snapshot

SAMPLE = PROJECT_ROOT / ".." / "shared" / "reference" / "real" / "spcommreports-sample.csv"
pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="shared/reference/real is not beside the project")

# The mandate sets the sample repeats, as the database labels them (one label per line in the cell).
BALOCHISTAN = ("WG-BHR", "WG-AD", "WG-EID", "SR-SUMEX", "SR-FOE", "SR-HRD", "SR-MINORITIES", "SR-CT", "SR-TOXICS")
GAZA_TECH = ("SR-CT", "WG-BHR", "WG-EID", "SR-FOE", "SR-FOAA", "SR-HRD", "SR-OPT")
OIL_KENYA = ("SR-INDIGENOUS", "WG-BHR", "SR-CLIMATE", "SR-ENVIRONMENT", "SR-HEALTH", "SR-HRD", "SR-IDP")
ONLINE_ABUSE = ("SR-VAW", "SR-PRIVACY")

# Every row of the sample: (row, reference, addressee kind, State, non-State addressee, mandates).
EXPECTED = [
    (2, "AL CAN 6/2025", "state", "CAN", None, BALOCHISTAN),
    (3, "AL OTH 137/2025", "non_state_actor", None, "Asian Development Bank - ADB", BALOCHISTAN),
    (4, "AL OTH 138/2025", "non_state_actor", None, "Barrick Gold Corporation", BALOCHISTAN),
    (5, "AL OTH 139/2025", "non_state_actor", None, "International Development Association", BALOCHISTAN),
    (6, "AL OTH 140/2025", "non_state_actor", None, "International Finance Corporation (IFC)", BALOCHISTAN),
    (7, "AL PAK 11/2025", "state", "PAK", None, BALOCHISTAN),
    (8, "UA GBR 23/2025", "state", "GBR", None, ("WG-PAD", "SR-DISABILITY", "SR-EDUCATION", "SR-VAW")),
    (9, "AL RUS 14/2025", "state", "RUS", None,
     ("WG-AD", "SR-BELARUS", "WG-EID", "SR-SUMEX", "SR-HRD", "SR-IJL", "SR-RUSSIA", "SR-TORTURE")),
    (10, "AL OTH 151/2025", "non_state_actor", None, "Google LLC", GAZA_TECH),
    (11, "AL OTH 152/2025", "non_state_actor", None, "Meta Inc.", GAZA_TECH),
    (12, "AL OTH 153/2025", "non_state_actor", None, "Intuit Inc.", GAZA_TECH),
    (13, "AL RUS 1/2025", "state", "RUS", None, ("SR-RUSSIA", "SR-FOE", "SR-HRD")),
    (14, "AL USA 38/2025", "state", "USA", None, GAZA_TECH),
    (15, "UA IRN 21/2025", "state", "IRN", None, ("SR-IRAN",)),
    (16, "AL ITA 9/2025", "state", "ITA", None, ("SR-OPT", "WG-BHR")),
    (17, "AL OTH 149/2025", "non_state_actor", None, "Eni S.p.A", ("SR-OPT", "WG-BHR")),
    (18, "AL SWE 3/2025", "state", "SWE", None, ("SR-TRUTH", "SR-INDIGENOUS")),
    (19, "AL BGD 6/2025", "state", "BGD", None, ("SR-CT", "WG-AD", "SR-IJL")),
    (20, "AL GBR 21/2025", "state", "GBR", None, OIL_KENYA),
    (21, "AL KEN 4/2025", "state", "KEN", None, OIL_KENYA),
    (22, "AL OTH 147/2025", "non_state_actor", None, "Gulf Energy (affiliate Auron Energy E&P)", OIL_KENYA),
    (23, "AL OTH 148/2025", "non_state_actor", None, "Tullow Oil", OIL_KENYA),
    (24, "AL PER 1/2026", "state", "PER", None, ("SR-IJL", "SR-FOE", "SR-FOAA")),
    (25, "AL ECU 1/2026", "state", "ECU", None, ("SR-IJL",)),
    (26, "AL ISR 1/2026", "state", "ISR", None, ("SR-HOUSING", "SR-IDP", "SR-OPT", "SR-VAW")),
    (27, "AL FRA 1/2026", "state", "FRA", None, ("WG-PEASANTS", "SR-FOAA")),
    (28, "AL GBR 2/2026", "state", "GBR", None, ("SR-FOAA", "SR-HRD")),
    (29, "AL RUS 1/2026", "state", "RUS", None, ("SR-RUSSIA", "SR-IJL")),
    (30, "AL RUS 2/2026", "state", "RUS", None, ("SR-HRD", "SR-RUSSIA")),
    (31, "AL GBR 3/2026", "state", "GBR", None, ("SR-IJL", "SR-PRIVACY")),
    (32, "AL CAN 7/2025", "state", "CAN", None, ONLINE_ABUSE),
    (33, "AL OTH 155/2025", "non_state_actor", None, "Google LLC", ONLINE_ABUSE),
    (34, "AL OTH 156/2025", "non_state_actor", None, "Visa", ONLINE_ABUSE),
    (35, "AL OTH 157/2025", "non_state_actor", None, "Aylo Holdings S.A.R.L.", ONLINE_ABUSE),
    (36, "AL OTH 159/2025", "non_state_actor", None, "MasterCard", ONLINE_ABUSE),
    (37, "AL OTH 160/2025", "non_state_actor", None, "Capital One", ONLINE_ABUSE),
    (38, "AL OTH 7/2026", "non_state_actor", None, "Meta Inc.", ONLINE_ABUSE),
    (39, "AL OTH 8/2026", "non_state_actor", None, "Microsoft Corporation", ONLINE_ABUSE),
    (40, "AL OTH 9/2026", "non_state_actor", None, "WGCZ Holding", ONLINE_ABUSE),
    (41, "AL USA 40/2025", "state", "USA", None, ONLINE_ABUSE),
    (42, "AL ROU 1/2026", "state", "ROU", None, ("SR-HRD", "SR-FOE")),
    (43, "AL AUS 2/2026", "state", "AUS", None, ("SR-CT", "SR-FOE", "SR-FOAA", "SR-HRD", "SR-OPT")),
]


def sample_as_xlsx(path: Path) -> Path:
    """The same rows as a spreadsheet, with the dates as date cells (as Excel keeps them)."""
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    book.active.append(rows[0])
    for row in rows[1:]:
        day, month, year = (int(x) for x in row[0].split("/"))
        book.active.append([dt.date(year, month, day), *row[1:]])
    book.save(path)
    return path


@pytest.mark.parametrize("layout", ["csv", "xlsx"])
def test_the_real_sample_imports_with_no_mapping_file(tmp_path, layout):
    export = SAMPLE if layout == "csv" else sample_as_xlsx(tmp_path / "spcommreports-sample.xlsx")
    result = import_communications(export, base="reference", root=tmp_path / "parquet")
    snap = open_snapshot(result.path)
    assert snap.simulated is False
    tables = read_snapshot_tables(snap)
    got = {r["ref"]: r for r in tables["communications"].to_dicts()}
    assert len(got) == len(EXPECTED) == 42
    for row, ref, kind, iso3, recipient, mandates in EXPECTED:
        c = got[ref]
        assert (c["recipient_kind"], c["iso3"], c["recipient"], tuple(c["mandate_ids"])) == (
            kind, iso3, recipient, mandates), f"row {row} ({ref})"
    assert got["AL CAN 6/2025"]["sent_on"] == dt.date(2025, 12, 1)
    assert got["AL AUS 2/2026"]["sent_on"] == dt.date(2026, 2, 27)
    assert tables["replies"].height == 0  # the sample has no replies: none are invented
    assert tables["visits"].height == 0 and tables["standing_invitations"].height == 0


def test_the_sample_is_what_the_test_expects():
    """The expectations follow the file row by row (a reshuffled file would fail loudly)."""
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["Ref. no."] for r in rows] == [e[1].split(" ", 1)[1] for e in EXPECTED]
    assert {r["Type"] for r in rows} == {"JAL", "AL", "UA", "JUA"}
