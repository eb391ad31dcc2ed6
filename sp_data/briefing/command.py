"""The `brief` command: python -m sp_data brief --state IRN | --mandate WG-AD | --year 2023 | --compare IRN,IND
[--as-at D] [--region G] [--lang fr] --out FILE.pdf (its options: sp_data.cli, which imports this module only
when `brief` runs)."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

import duckdb

from sp_data import briefing
from sp_data.db import connect
from sp_data.facts import data_extent, default_as_at
from sp_data.errors import UnknownMandate, UnknownState
from sp_data.params import FilterError, Filters, parse_date
from sp_data.snapshot import open_snapshot, resolve
from sp_data.wording import SIMULATED_NOTICE


def _as_at(args: argparse.Namespace, con: duckdb.DuckDBPyConnection) -> dt.date:
    if args.as_at:
        as_at = parse_date(args.as_at)
        if args.year is not None and as_at.year != args.year:
            raise FilterError(f"--as-at {as_at} is not in --year {args.year}")
        return as_at
    if args.year is None:
        return default_as_at(con)
    # As the dashboard does: 31 December, or the snapshot's last date for a year not yet complete.
    last = data_extent(con).get("last_date")
    end = dt.date(args.year, 12, 31)
    return min(end, last) if last and last.year == args.year else end


def _write(out: Path, data: bytes) -> None:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".brief-", suffix=".pdf", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_brief(args: argparse.Namespace) -> int:
    if args.out.suffix.lower() != ".pdf":
        print(f"error: --out {args.out} must name a .pdf file", file=sys.stderr)
        return 2
    snap = open_snapshot(resolve(args.snapshot))
    con = connect(snap)
    filters = Filters(as_at=_as_at(args, con), regions=tuple(args.region or ()), threshold=args.threshold)
    if args.state:
        try:
            data = briefing.state_pdf(con, snap, filters, args.state, lang=args.lang)
        except UnknownState as exc:
            print(f"error: {exc} (use the ISO 3166-1 alpha-3 code, e.g. IRN; `python -m sp_data states` "
                  "lists them)", file=sys.stderr)
            return 1
        what = f"State briefing for {args.state.strip().upper()}"
    elif args.mandate:
        try:
            data = briefing.mandate_pdf(con, snap, filters, args.mandate, lang=args.lang)
        except UnknownMandate as exc:
            print(f"error: {exc} (`python -m sp_data mandates` lists them)", file=sys.stderr)
            return 1
        what = f"Mandate briefing for {args.mandate.strip()}"
    elif args.compare:
        try:
            data = briefing.compare_pdf(con, snap, filters, tuple(args.compare.split(",")), lang=args.lang)
        except (UnknownState, ValueError) as exc:
            print(f"error: {exc} (use ISO 3166-1 alpha-3 codes, e.g. IRN,IND,PAK; `python -m sp_data states` "
                  "lists them)", file=sys.stderr)
            return 1
        what = f"Comparison of {args.compare.strip().upper()}"
    else:
        data = briefing.year_pdf(con, snap, filters, lang=args.lang)
        what = f"Year briefing for {filters.as_at.year}"
    _write(args.out, data)
    notice = f" [{SIMULATED_NOTICE}]" if snap.simulated else ""
    language = {"fr": ", in French", "es": ", in Spanish"}.get(args.lang, "")
    print(f"{what}{language}, snapshot {snap.id}, {filters.describe()}{notice}")
    print(args.out)
    return 0

