"""Every label of the mandates reference resolves to its own mandate, and no two mandates share one."""
from __future__ import annotations

import csv
import datetime as dt
import itertools

import polars as pl
import pytest

from conftest import reference_frames
from sp_data.mandate_names import LABEL_FORMS, LABELS_FILE, MandateNames, mandate_key
from sp_data.names import StateNames

WORLD = reference_frames()
STATES = StateNames.from_table(WORLD["states"])
MANDATES = MandateNames.from_table(WORLD["mandates"], STATES)
ROWS = WORLD["mandates"].to_dicts()
PERIOD = {r["mandate_id"]: (r["established_on"], r["ended_on"]) for r in ROWS}
with LABELS_FILE.open(encoding="utf-8", newline="") as f:
    LABELS = list(csv.DictReader(f))


def every_label() -> list[tuple[str, str]]:
    """(mandate_id, label) for every mandate of the reference: id, title, curated labels, country names."""
    out = []
    for r in ROWS:
        out += [(r["mandate_id"], r["mandate_id"]), (r["mandate_id"], r["title"])]
        if r["kind"] == "country":
            out += [(r["mandate_id"], name) for name in STATES.variants(r["country_iso3"])]
    return out + [(r["mandate_id"], r["label"]) for r in LABELS]


def test_the_labels_file_is_well_formed():
    assert LABELS_FILE.read_text(encoding="utf-8").splitlines()[0] == "mandate_id,label,form"
    ids = set(PERIOD)
    assert {r["mandate_id"] for r in LABELS} <= ids
    assert {r["form"] for r in LABELS} == set(LABEL_FORMS)
    # A label may appear twice for a mandate only as a database label that is also a usual subject.
    lines = [(r["mandate_id"], mandate_key(r["label"]), r["form"] == "database") for r in LABELS]
    assert len(lines) == len(set(lines)), "a label is written twice for the same mandate"
    database = [r for r in LABELS if r["form"] == "database"]
    assert {r["mandate_id"] for r in database} == set(PERIOD) - {"SRSG-BHR"}  # every mandate since 2011
    assert all(r["label"] == r["label"].strip() and r["label"] for r in LABELS)


@pytest.mark.parametrize("mandate_id, label", every_label())
def test_every_label_resolves_to_its_own_mandate(mandate_id, label):
    start, _ = PERIOD[mandate_id]
    assert MANDATES.resolve(label, on=start).ids == [mandate_id]


def test_no_two_mandates_in_force_together_share_a_label():
    by_key: dict[str, set[str]] = {}
    for mandate_id, label in every_label():
        by_key.setdefault(mandate_key(label), set()).add(mandate_id)
    shared = {k: ids for k, ids in by_key.items() if len(ids) > 1}
    for k, ids in shared.items():
        for a, b in itertools.combinations(sorted(ids), 2):
            (a0, a1), (b0, b1) = PERIOD[a], PERIOD[b]
            overlap = a0 < (b1 or dt.date.max) and b0 < (a1 or dt.date.max)
            assert not overlap, f"{a} and {b} share the label {k!r} while both in force"
    # Only a country's name is shared, by two mandates on Burundi a decade apart: the date settles it.
    assert set(map(frozenset, shared.values())) == {frozenset({"IE-BURUNDI", "SR-BURUNDI"})}
    assert MANDATES.resolve("Burundi", on=dt.date(2011, 3, 1)).ids == ["IE-BURUNDI"]
    assert MANDATES.resolve("Burundi", on=dt.date(2025, 3, 1)).ids == ["SR-BURUNDI"]
    assert MANDATES.resolve("Burundi").ids == ["IE-BURUNDI", "SR-BURUNDI"]  # no date: ambiguous


@pytest.mark.parametrize("label, mandate_id", [
    # The communications database's own short labels (the real sample's and the rest of its list).
    ("arbitrary Detention", "WG-AD"), ("executions", "SR-SUMEX"), ("disappearances", "WG-EID"),
    ("business", "WG-BHR"), ("toxics and human rights", "SR-TOXICS"), ("Transitional justice", "SR-TRUTH"),
    ("African Descent", "WG-PAD"), ("violence against women and girls", "SR-VAW"), ("terrorism", "SR-CT"),
    ("Palestinian territories occupied since 1967", "SR-OPT"), ("Indigenous Peoples", "SR-INDIGENOUS"),
    ("peasants", "WG-PEASANTS"), ("disability", "SR-DISABILITY"), ("development", "SR-DEVELOPMENT"),
    ("sale of children", "SR-CHILDREN"), ("foreign debt", "IE-DEBT"), ("international order", "IE-ORDER"),
    ("discrimination against women and girls", "WG-DAWG"), ("unilateral coercive measures", "SR-UCM"),
    ("sexual orientation and gender identity", "IE-SOGI"), ("water and sanitation", "SR-WATSAN"),
    # Country mandates by their country's name, as the databases write it.
    ("Belarus", "SR-BELARUS"), ("Russian Federation", "SR-RUSSIA"), ("Iran (Islamic Republic of)", "SR-IRAN"),
    ("Syrian Arab Republic", "SR-SYRIA"), ("Democratic People's Republic of Korea", "SR-DPRK"),
    # Abbreviations and former titles.
    ("WGAD", "WG-AD"), ("WGEID", "WG-EID"), ("SR on torture", "SR-TORTURE"), ("SR toxics", "SR-TOXICS"),
    ("Independent Expert on minority issues", "SR-MINORITIES"),
    ("Special Rapporteur on the sale of children, child prostitution and child pornography", "SR-CHILDREN"),
])
def test_the_labels_exports_write(label, mandate_id):
    assert MANDATES.resolve(label, on=dt.date(2024, 6, 1)).ids == [mandate_id]


def test_a_label_never_matches_a_mandate_the_base_lacks():
    """Labels are only for the mandates of the base's table: a small table resolves only its own."""
    small = MandateNames.from_table(WORLD["mandates"].filter(pl.col("mandate_id") == "SR-TORTURE"), STATES)
    assert small.resolve("torture").ids == ["SR-TORTURE"]
    assert small.resolve("business").ids == []
