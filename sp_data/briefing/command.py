"""The `brief` command: python -m sp_data brief --state IRN | --mandate WG-AD | --year 2023 | --compare IRN,IND
[--as-at D] [--region G] [--lang fr] --out FILE.pdf."""
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
from sp_data.i18n import LANGUAGES
from sp_data.errors import UnknownMandate, UnknownState
from sp_data.params import FilterError, Filters, parse_date
from sp_data.schema import REGIONAL_GROUPS
from sp_data.snapshot import open_snapshot, resolve
from sp_data.wording import SIMULATED_NOTICE


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Register `brief` on the CLI's subparsers."""
    p = sub.add_parser("brief", help="write a PDF briefing for a State, a mandate or a year",
                       description="Write a PDF briefing for a State (--state), a mandate (--mandate) or a year (--year), "
                                   "stamped with its snapshot, as-at date and filters on every page.")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--state", metavar="ISO3", help="the State's ISO 3166-1 alpha-3 code, e.g. IRN")
    which.add_argument("--mandate", metavar="ID", help="the mandate's id, e.g. WG-AD (`python -m sp_data mandates` "
                                                     "lists them)")
    which.add_argument("--compare", metavar="ISO3,ISO3", help="two to six States' codes, comma-separated, e.g. "
                                                             "IRN,IND,PAK: their comparison")
    which.add_argument("--year", type=int, help="the reporting year, e.g. 2023 (as at its 31 December, or the "
                                                "last date in the snapshot for the current year)")
    p.add_argument("--snapshot", help="snapshot id or folder (default: the current snapshot)")
    p.add_argument("--as-at", help="as-at date YYYY-MM-DD (default: 31 December of the latest complete year; "
                                   "with --year, it must fall in that year)")
    p.add_argument("--region", action="append", choices=REGIONAL_GROUPS,
                   help="restrict State-level figures to a regional group (repeatable)")
    p.add_argument("--threshold", type=int, default=5,
                   help="pending requests that make a State five-plus (default 5)")
    p.add_argument("--lang", choices=LANGUAGES, default="en",
                   help="the language the briefing is written in: en (English, the default), fr (French), es (Spanish)")
    p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    p.set_defaults(func=cmd_brief)


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

