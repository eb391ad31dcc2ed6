"""The demonstration snapshots: generate every table, check the 2023 figures, write `demo` and its earlier extract."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import polars as pl

from sp_data.db import connect
from sp_data.facts import published_facts
from sp_data.params import Filters
from sp_data.paths import BUNDLED_SNAPSHOT_ID
from sp_data.schema import TABLES
from sp_data.snapshot import open_snapshot, write_snapshot
from sp_data.tools.demo.calibration import AS_AT, COMMS_FROM, FIRST_DAY, LAST_DAY, PUBLISHED_2023, SEED, SOURCE
from sp_data.tools.demo.communications import CommunicationsGenerator
from sp_data.tools.demo.visits import Generator

# The generator's name as the committed snapshots' manifests record it (from before the move to tools/).
GENERATOR = "sp_data.demo"


def generate(seed: int = SEED) -> dict[str, pl.DataFrame]:
    """Every table of the demonstration snapshot."""
    gen = Generator(seed)
    gen.plan_states()
    gen.build_visits()
    invitations = gen.build_standing_invitations()
    comms = CommunicationsGenerator(gen)
    comms.build()
    states, mandates = gen.states, gen.mandates
    tables = {
        "states": states.select(TABLES["states"].column_names),
        "mandates": mandates.select(TABLES["mandates"].column_names),
        "visits": pl.DataFrame(gen.visits, schema=TABLES["visits"].polars_schema),
        "visit_events": pl.DataFrame(gen.events, schema=TABLES["visit_events"].polars_schema)
            .sort(["visit_id", "date"]),
        "standing_invitations": pl.DataFrame(invitations, schema=TABLES["standing_invitations"].polars_schema).sort("iso3"),
        "communications": pl.DataFrame(comms.rows, schema=TABLES["communications"].polars_schema),
        "replies": pl.DataFrame(comms.replies, schema=TABLES["replies"].polars_schema),
        "hrc_membership": TABLES["hrc_membership"].empty(),
    }
    return tables


EARLIER_EXTRACT_ID = "demo-2024-03"
EARLIER_EXTRACT_CUT = dt.date(2024, 3, 31)


def declared_coverage(extracted_on: dt.date) -> dict:
    """The period the demonstration's records cover, as a source states it: from the first day it
    simulates (visits and standing invitations from 1995, communications and replies from 2011) to
    the day of the extract."""
    return {"visits": {"from": FIRST_DAY, "to": extracted_on},
            "standing_invitations": {"from": FIRST_DAY, "to": extracted_on},
            "communications": {"from": COMMS_FROM, "to": extracted_on},
            "replies": {"from": COMMS_FROM, "to": extracted_on}}


def cut(tables: dict[str, pl.DataFrame], cutoff: dt.date) -> dict[str, pl.DataFrame]:
    """The records as an extract made on cutoff would hold them: nothing dated after it."""
    events = tables["visit_events"].filter(pl.col("date") <= cutoff)
    out = dict(tables)
    out["visit_events"] = events
    out["visits"] = tables["visits"].filter(pl.col("visit_id").is_in(events["visit_id"].unique().implode()))
    out["standing_invitations"] = tables["standing_invitations"].filter(pl.col("extended_on") <= cutoff).with_columns(
        pl.when(pl.col("withdrawn_on") <= cutoff).then(pl.col("withdrawn_on")).otherwise(None).alias("withdrawn_on"))
    out["communications"] = tables["communications"].filter(pl.col("sent_on") <= cutoff)
    out["replies"] = tables["replies"].filter(pl.col("received_on") <= cutoff)
    return out


def build_earlier_extract(tables: dict[str, pl.DataFrame], root: Path | None = None) -> tuple[Path, bool]:
    """A second simulated snapshot, as extracted on 31 March 2024, to show what changed since."""

    return write_snapshot(cut(tables, EARLIER_EXTRACT_CUT), source=SOURCE + "; an earlier extract, up to 31 March 2024",
                          simulated=True, root=root, snapshot_id=EARLIER_EXTRACT_ID,
                          created="2024-04-01T00:00:00+00:00", extra={"generator": GENERATOR, "seed": SEED},
                          coverage=declared_coverage(EARLIER_EXTRACT_CUT))


def build_demo_snapshot(root: Path | None = None, seed: int = SEED) -> tuple[Path, bool]:
    """Generate, check against the published 2023 figures, and write the `demo` snapshot."""
    tables = generate(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path, _ = write_snapshot(tables, source=SOURCE, simulated=True, root=Path(tmp), snapshot_id="check")
        got = published_facts(connect(open_snapshot(path)), Filters(AS_AT))
    wrong = {k: (got[k], v) for k, v in PUBLISHED_2023.items() if got[k] != v}
    if wrong:
        raise AssertionError(f"demonstration data does not reproduce the 2023 figures (got, published): {wrong}")
    if seed == SEED:
        build_earlier_extract(tables, root)
    return write_snapshot(tables, source=SOURCE, simulated=True, root=root,
                          snapshot_id=BUNDLED_SNAPSHOT_ID, created="2024-07-01T00:00:00+00:00",
                          coverage=declared_coverage(LAST_DAY),
                          extra={"generator": GENERATOR, "seed": seed,
                                 "calibrated_to": "Annual report of the special procedures 2023 (A/HRC/55/50), figures as at 2023-12-31"})
