"""A larger simulated snapshot: the demonstration's threads, communications and replies replicated N times."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import polars as pl

from sp_data.snapshot import write_snapshot
from sp_data.tools.demo.build import generate
from sp_data.tools.demo.calibration import FIRST_DAY, LAST_DAY, SEED

MAX_SCALE = 1000
JITTER_DAYS = 30  # copies move by up to a month either way, so they do not stack on the same days
# The generator's name as scaled snapshots' manifests record it (from before the move to tools/).
GENERATOR = "sp_data.scale"
_REF_RE = r"^(\S+) (\S+) ([0-9]+)/([0-9]{4})$"  # "UA IRN 7/2023": type, code, number, year


def _offsets(rng: random.Random, count: int) -> pl.Series:
    """Seeded day offsets in [-JITTER_DAYS, JITTER_DAYS], one per replicated row."""
    return pl.Series("offset", [rng.randint(-JITTER_DAYS, JITTER_DAYS) for _ in range(count)], dtype=pl.Int64)


def _copies(frame: pl.DataFrame, n: int) -> pl.DataFrame:
    """Copies 1..n-1 of a frame, each row tagged with its copy number (copy 0 is the original)."""
    copies = pl.DataFrame({"copy": list(range(1, n))}, schema={"copy": pl.Int64})
    return copies.join(frame, how="cross")


def _clamped(first: pl.Expr, last: pl.Expr, first_day: dt.date, last_day: dt.date) -> pl.Expr:
    """The jitter, turned round where it would carry a row's dates outside first_day..last_day."""
    # Reversing rather than capping keeps copies from piling up on the first or last day.
    up = (pl.lit(last_day) - last).dt.total_days()
    down = (first - pl.lit(first_day)).dt.total_days()
    offset = pl.col("offset")
    turned = pl.when((offset > up) | (-offset > down)).then(-offset).otherwise(offset)
    return pl.min_horizontal(pl.max_horizontal(turned, -down), up)


def _shift(column: str) -> pl.Expr:
    return (pl.col(column) + pl.duration(days=pl.col("offset"))).alias(column)


def _scale_visits(visits: pl.DataFrame, events: pl.DataFrame, n: int, rng: random.Random,
                  first_day: dt.date, last_day: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Replicate every visit thread with its events, shifting each thread's dates as one block."""
    # One offset per thread keeps the events' order, ties and end dates exactly as they were.
    bounds = events.group_by("visit_id").agg(
        pl.col("date").min().alias("first"),
        pl.max_horizontal(pl.col("date").max(), pl.col("end_date").max()).alias("last"))
    plan = _copies(visits.select("visit_id"), n).join(bounds, on="visit_id", how="left", maintain_order="left")
    plan = plan.with_columns(_offsets(rng, plan.height)).with_columns(
        pl.when(pl.col("last").is_null()).then(pl.col("offset"))
        .otherwise(_clamped(pl.col("first"), pl.col("last"), first_day, last_day)).alias("offset"),
        pl.format("{}-x{}", pl.col("visit_id"), pl.col("copy")).alias("new_id"),
    ).select("copy", "visit_id", "new_id", "offset")
    new_visits = (_copies(visits, n).join(plan, on=["copy", "visit_id"])
                  .with_columns(pl.col("new_id").alias("visit_id")).select(visits.columns))
    new_events = (_copies(events, n).join(plan, on=["copy", "visit_id"])
                  .with_columns(_shift("date"), _shift("end_date"), pl.col("new_id").alias("visit_id"))
                  .select(events.columns))
    return (pl.concat([visits, new_visits]),
            pl.concat([events, new_events]).sort(["visit_id", "date"], maintain_order=True))


def _new_refs() -> pl.Expr:
    """Fresh references in the usual style (type, code, next number of its code and new year)."""
    parts = pl.col("ref").str.extract_groups(_REF_RE)
    return pl.when(parts.struct.field("1").is_not_null()).then(
        pl.format("{} {} {}/{}", parts.struct.field("1"), parts.struct.field("2"),
                  pl.col("number"), pl.col("sent_on").dt.year())
    ).otherwise(pl.format("{} ({})", pl.col("ref"), pl.col("copy")))


def _scale_communications(comms: pl.DataFrame, replies: pl.DataFrame, n: int, rng: random.Random,
                          first_day: dt.date, last_day: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Replicate every communication with its replies under a new reference, shifted together."""
    # One offset per communication keeps every reply on or after the day its letter was sent.
    last_reply = replies.group_by("ref").agg(pl.col("received_on").max().alias("last_reply"))
    plan = (_copies(comms.select("ref", "sent_on"), n)
            .join(last_reply, on="ref", how="left", maintain_order="left")
            .with_columns(_offsets(rng, (n - 1) * comms.height)))
    plan = plan.with_columns(
        _clamped(pl.col("sent_on"), pl.max_horizontal("sent_on", "last_reply"), first_day, last_day)
        .alias("offset"),
    ).with_columns(_shift("sent_on"))
    # Numbering continues after the highest number already used for the same code and year.
    parts = pl.col("ref").str.extract_groups(_REF_RE)
    code, year = parts.struct.field("2"), parts.struct.field("4").cast(pl.Int32)
    used = (comms.select(code.alias("code"), year.alias("year"),
                         parts.struct.field("3").cast(pl.Int64).alias("number"))
            .drop_nulls().group_by("code", "year").agg(pl.col("number").max().alias("used")))
    plan = (plan.with_row_index("order")
            .with_columns(code.alias("code"), pl.col("sent_on").dt.year().cast(pl.Int32).alias("year"))
            .join(used, on=["code", "year"], how="left")
            .sort("order")
            .with_columns((pl.col("used").fill_null(0) + pl.col("order").cum_count().over("code", "year"))
                          .alias("number")))
    plan = plan.with_columns(_new_refs().alias("new_ref")).select(
        "copy", "ref", "new_ref", "offset")
    new_comms = (_copies(comms, n).join(plan, on=["copy", "ref"])
                 .with_columns(_shift("sent_on"), pl.col("new_ref").alias("ref")).select(comms.columns))
    new_replies = (_copies(replies, n).join(plan, on=["copy", "ref"])
                   .with_columns(_shift("received_on"), pl.col("new_ref").alias("ref")).select(replies.columns))
    return (pl.concat([comms, new_comms]).sort(["sent_on", "ref"]),
            pl.concat([replies, new_replies]).sort(["received_on", "ref"], maintain_order=True))


def scale_tables(tables: dict[str, pl.DataFrame], n: int, seed: int = SEED,
                 first_day: dt.date = FIRST_DAY, last_day: dt.date = LAST_DAY) -> dict[str, pl.DataFrame]:
    """The tables with visit threads, events, communications and replies replicated n times.

    Copy 0 is the input itself; each further copy gets fresh visit ids and references and its
    dates moved by a seeded jitter, never outside first_day..last_day. States, mandates,
    standing invitations and Council membership are kept as they are.
    """
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= MAX_SCALE:
        raise ValueError(f"scale must be a whole number from 1 to {MAX_SCALE}, not {n!r}")
    if n == 1:
        return dict(tables)
    rng = random.Random(seed)
    out = dict(tables)
    out["visits"], out["visit_events"] = _scale_visits(
        tables["visits"], tables["visit_events"], n, rng, first_day, last_day)
    out["communications"], out["replies"] = _scale_communications(
        tables["communications"], tables["replies"], n, rng, first_day, last_day)
    for name, key in (("visits", "visit_id"), ("communications", "ref")):
        if out[name][key].n_unique() != out[name].height:  # only an unusual input could cause this
            raise ValueError(f"scaling {name} by {n} would repeat a {key}; the input's keys clash with the copies'")
    return out


def build_scaled_demo(n: int, root: Path | None = None, seed: int = SEED) -> tuple[Path, bool]:
    """Write the demonstration data scaled n times as snapshot demo-x<n> (simulated, not calibrated)."""
    tables = scale_tables(generate(seed), n, seed)
    source = (f"Demonstration data x{n} for load testing: real States and mandates, "
              f"simulated events replicated {n} times (not calibrated to any report)")
    return write_snapshot(tables, source=source, simulated=True, root=root, snapshot_id=f"demo-x{n}",
                          created="2024-07-01T00:00:00+00:00",
                          extra={"generator": GENERATOR, "seed": seed, "scale": n})
