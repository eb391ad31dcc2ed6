"""The command line: python -m sp_data import | facts | states | mandates | export-csv | snapshots | use |
import-communications | import-visits | import-standing-invitations | diff | record | undo | history |
brief (and the tools' demo | bench)."""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from collections.abc import Callable, Set as AbstractSet

from sp_data.coverage import COLUMN_NEEDS, KINDS, NOT_RECORDED, coverage, missing_in, unknown_keys
from sp_data.db import computed_at_open, open_and_connect
from sp_data.errors import SnapshotError, SourceError
from sp_data.facts import default_as_at, facts, states
from sp_data.figures import PUBLISHED
from sp_data.i18n import LANGUAGES
from sp_data.params import FilterError, Filters, parse_date
from sp_data.record.command import add_parsers as add_record_parsers
from sp_data.schema import REGIONAL_GROUPS
from sp_data.snapshot import current_id, list_snapshots, open_snapshot, resolve, use, write_snapshot
from sp_data.wording import SIMULATED_NOTICE

# The modules only one command needs (mandates, import, diff, the adapters, the briefings, export-csv: 60-700 ms
# each to import) are imported by that command, so that `facts` and the others start without them.


def _open(ref):
    """Open the snapshot named (or the current one) and connect to it, reading its files in place (one-shot)."""
    return open_and_connect(resolve(ref), in_place=True)


def _filters(args, con) -> Filters:
    as_at = parse_date(args.as_at) if args.as_at else default_as_at(con)
    return Filters(as_at=as_at, regions=tuple(args.region or ()), threshold=args.threshold)


def _banner(snap, filters: Filters, con=None) -> str:
    lines = [f"Snapshot {snap.id} (created {snap.created}; source: {snap.source})",
             f"Figures {filters.describe()}"]
    if snap.simulated:
        lines.insert(0, f"*** {SIMULATED_NOTICE} ***")
    if con is not None:
        # The records a figure needs that the snapshot lacks, and how to import them.
        note = missing_in(con, filters, None, *KINDS)
        if note:
            lines += ["", note.replace("`", "")]
    return "\n".join(lines)


def _table(rows: list[dict], columns: list[str], unknown: AbstractSet[str] = frozenset()) -> str:
    """A plain fixed-width text table; a column the snapshot does not record says so in its cells, never blank."""
    text = [[(NOT_RECORDED if c in unknown and r.get(c) is None else "" if r.get(c) is None else str(r.get(c)))
             for c in columns] for r in rows]
    widths = [max([len(c)] + [len(t[i]) for t in text]) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(t, widths, strict=True)) for t in text]
    return "\n".join(out)


def cmd_facts(args) -> int:
    snap, con = _open(args.snapshot)
    filters = _filters(args, con)
    every = facts(con, filters)
    if args.json:
        print(json.dumps(every.published(), indent=2))
        return 0
    print(_banner(snap, filters, con))
    print()
    width = max(len(f.cli_label) for f in PUBLISHED)
    for figure in PUBLISHED:
        if not every.is_recorded(figure.key):
            print(f"{figure.cli_label.ljust(width)}  {NOT_RECORDED}")
            continue
        print(f"{figure.cli_label.ljust(width)}  {figure.bare(every[figure.key]):>8}")
    return 0


STATE_JSON_COLUMNS = (
    "iso3", "name", "regional_group", "un_status", "standing_invitation", "ever_visited",
    "never_visited_category", "visits_5y", "pending_requests", "accepted_in_5y",
    "communications_in_year", "substantive_replied_in_year", "reply_rate_percent",
)


def cmd_states(args) -> int:
    snap, con = _open(args.snapshot)
    filters = _filters(args, con)
    frame = states(con, filters)
    if args.json:
        rows = frame.to_dicts()
        print(json.dumps(rows, indent=2, default=str, ensure_ascii=False))
        return 0
    print(_banner(snap, filters, con))
    print()
    short = [c for c in STATE_JSON_COLUMNS if c != "un_status"]
    print(_table(frame.select(short).to_dicts(), short, _unknown(con, filters)))
    return 0


def _unknown(con, filters) -> set[str]:
    """The per-State and per-mandate columns this snapshot does not record for these filters (sp_data.coverage)."""
    return unknown_keys(coverage(con), COLUMN_NEEDS, filters.as_at)


def cmd_mandates(args) -> int:
    from sp_data.mandates import MANDATE_JSON_COLUMNS, mandate_table

    snap, con = _open(args.snapshot)
    filters = _filters(args, con)
    frame = mandate_table(con, filters)
    if args.json:
        print(json.dumps(frame.select(MANDATE_JSON_COLUMNS).to_dicts(), indent=2, default=str, ensure_ascii=False))
        return 0
    print(_banner(snap, filters, con))
    print()
    columns = {"mandate_id": "mandate", "kind": "kind", "ended_on": "ended", "pending_requests": "pending",
               "accepted_not_carried_out": "accepted not carried out", "visits_in_year": f"visits {filters.year}",
               "visits_5y": "visits 5y", "communications_in_year": f"sent {filters.year}",
               "substantive_replied_in_year": "replied", "reply_rate_percent": "reply rate %"}
    rows = [{columns[k]: v for k, v in r.items() if k in columns} for r in frame.to_dicts()]
    print(_table(rows, list(columns.values()), {columns[k] for k in _unknown(con, filters) if k in columns}))
    return 0


def cmd_import(args) -> int:
    from sp_data.source import read_source

    source = read_source(args.source_dir)
    for warning in source.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    label = f"import of {Path(args.source_dir).resolve().name}"
    path, new = write_snapshot(source.tables, source=label, simulated=args.simulated,
                               root=args.parquet_dir)
    counts = ", ".join(f"{k} {v.height}" for k, v in source.tables.items())
    print(f"{'Wrote' if new else 'Already present (identical content)'}: {counts}")
    print(path)
    return 0


def cmd_export_csv(args) -> int:
    from sp_data.export_csv import read_snapshot_tables, write_source

    snap = open_snapshot(resolve(args.snapshot))
    out = Path(args.out_dir)
    if out.exists() and any(out.iterdir()):
        print(f"error: {out} is not empty; choose an empty or new folder", file=sys.stderr)
        return 1
    files = write_source(read_snapshot_tables(snap), out)
    print(f"Wrote {len(files)} files in the import format from snapshot {snap.id}")
    print(out)
    return 0


def cmd_snapshots(args) -> int:
    current = current_id(args.parquet_dir)
    rows = []
    snapshots = list_snapshots(args.parquet_dir, verify=True)
    for snap in snapshots:
        m = snap["manifest"]
        rows.append({
            "": "*" if snap["id"] == current else "",
            "id": snap["id"], "created": m.get("created", ""),
            "simulated": "simulated" if m.get("simulated") else ("" if m else "?"),
            "source": m.get("source", "") if not snap["problem"] else f"DAMAGED: {snap['problem']}",
        })
    print(_table(rows, ["", "id", "created", "simulated", "source"]))
    print("\n* = current snapshot")
    for snap in snapshots:
        why = computed_at_open(snap["manifest"]) if snap["manifest"] and not snap["problem"] else None
        if why:  # slower to open, never wrong: said, not silent
            print(f"{snap['id']}: the tables that queries/load/ builds are computed each time it is opened "
                  f"(slower): {why}")
    return 0


def cmd_use(args) -> int:
    path = use(args.id, args.parquet_dir)
    print(f"Current snapshot is now {args.id}")
    print(path)
    return 0


def _import_export(args, adapter) -> int:
    """Run an adapter on an export file; the last line printed is the new snapshot's folder."""
    result = adapter(args.file, base=args.base, mapping=args.mapping, root=args.parquet_dir)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"{'Wrote' if result.new else 'Already present (identical content)'}: {counts}")
    print(result.path)
    return 0


def cmd_import_communications(args) -> int:
    from sp_data.adapters.communications import import_communications

    return _import_export(args, import_communications)


def cmd_import_visits(args) -> int:
    from sp_data.adapters.visits import import_visits

    return _import_export(args, import_visits)


def cmd_import_standing_invitations(args) -> int:
    from sp_data.adapters.standing_invitations import import_standing_invitations

    return _import_export(args, import_standing_invitations)


def cmd_diff(args) -> int:
    from sp_data.diff import diff

    result = diff(args.old, args.new, args.parquet_dir, regions=tuple(args.region or ()))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
        return 0
    if result.simulated:
        print(f"*** {SIMULATED_NOTICE} (at least one snapshot is simulated) ***")
    print(result.title)
    for label, snap in (("old", result.old), ("new", result.new)):
        print(f"  {label}: {snap.id} (created {snap.created}; source: {snap.source})")
    print()
    print("Totals: " + ", ".join(f"{k} {v}" for k, v in result.totals().items()))
    columns = ["date", "direction", "change", "mandates", "ref", "detail"]
    for label, rows in result.groups():
        print()
        print(label)
        print(_table(rows.select(columns).to_dicts(), columns))
    if result.changes.height == 0:
        print("\nNo change.")
    return 0


def _filter_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--snapshot", help="snapshot id or folder (default: the current snapshot)")
    p.add_argument("--as-at", help="as-at date YYYY-MM-DD (default: 31 December of the latest complete year)")
    p.add_argument("--region", action="append", choices=REGIONAL_GROUPS,
                   help="restrict State-level figures to a regional group (repeatable)")
    p.add_argument("--threshold", type=int, default=5, help="pending requests that make a State five-plus (default 5)")
    p.add_argument("--json", action="store_true", help="print JSON")


def parquet_option(p: argparse.ArgumentParser) -> None:
    """--parquet-dir, the folder of snapshots (the tools' commands take it too)."""
    p.add_argument("--parquet-dir", type=Path, default=None, help="folder of snapshots (default: parquet/)")


def _add_import(sub) -> None:
    p = sub.add_parser("import", help="validate a source folder and build a snapshot from it")
    p.add_argument("source_dir", type=Path)
    p.add_argument("--simulated", action="store_true", help="mark the snapshot as simulated data")
    parquet_option(p)
    p.set_defaults(func=cmd_import)


def _add_tables(sub) -> None:
    """facts, states and mandates: the figures and tables for the filters."""
    p = sub.add_parser("facts", help="the facts and figures of the year of the as-at date")
    _filter_options(p)
    p.set_defaults(func=cmd_facts)

    p = sub.add_parser("states", help="the cooperation table, one row per State")
    _filter_options(p)
    p.set_defaults(func=cmd_states)

    p = sub.add_parser("mandates", help="per mandate: pending requests, accepted visits not yet carried out, "
                                        "visits, communications and replies (ended mandates included)")
    _filter_options(p)
    p.set_defaults(func=cmd_mandates)


def _add_snapshots(sub) -> None:
    """export-csv, snapshots and use: a snapshot written out, listed, made current."""
    p = sub.add_parser("export-csv", help="write a snapshot back out in the import format")
    p.add_argument("--snapshot", help="snapshot id or folder (default: the current snapshot)")
    p.add_argument("out_dir", type=Path)
    p.set_defaults(func=cmd_export_csv)

    p = sub.add_parser("snapshots", help="list snapshots, marking the current one")
    parquet_option(p)
    p.set_defaults(func=cmd_snapshots)

    p = sub.add_parser("use", help="make a snapshot the current one")
    p.add_argument("id")
    parquet_option(p)
    p.set_defaults(func=cmd_use)


def _add_adapters(sub) -> None:
    """import-communications, import-visits, import-standing-invitations: the public lists onto a snapshot."""
    for name, func, what in (("import-communications", cmd_import_communications, "communications export"),
                             ("import-visits", cmd_import_visits, "country visits spreadsheet"),
                             ("import-standing-invitations", cmd_import_standing_invitations,
                              "list of standing invitations")):
        p = sub.add_parser(name, help=f"merge a {what} (CSV or XLSX) onto a snapshot (docs/import-adapters.md)")
        p.add_argument("file", type=Path)
        p.add_argument("--base", help="snapshot id or folder to merge onto (default: the current snapshot); "
                       "\"reference\": the real States and mandates alone, for a wholly real snapshot")
        p.add_argument("--mapping", type=Path, help="CSV kind,value,maps_to resolving names the adapter cannot")
        parquet_option(p)
        p.set_defaults(func=func)


def _add_diff(sub) -> None:
    p = sub.add_parser("diff", help="what changed from one snapshot to another, by State")
    p.add_argument("old", help="the earlier snapshot (id or folder)")
    p.add_argument("new", help="the later snapshot (id or folder)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--region", action="append", choices=REGIONAL_GROUPS,
                   help="only changes about States of this regional group (repeatable)")
    parquet_option(p)
    p.set_defaults(func=cmd_diff)


def _add_record(sub) -> None:
    add_record_parsers(sub, parquet_option)  # record | undo | history (docs/recording.md)


def _add_brief(sub) -> None:
    """brief --state ISO3 | --mandate ID | --compare ISO3,ISO3 | --year Y: PDF briefings (docs/exports.md)."""
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
    p.set_defaults(func=_later("sp_data.briefing.command", "cmd_brief"))


def _later(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """The command `name` of `module`, imported only when that command runs (the briefings load in seconds)."""
    def run(args: argparse.Namespace) -> int:
        command: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), name)
        return command(args)
    return run


def build_parser(*extensions: Callable) -> argparse.ArgumentParser:
    """The product's commands, then each extension's (a function adding subparsers: the tools' commands)."""
    parser = argparse.ArgumentParser(prog="python -m sp_data", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (_add_import, _add_tables, _add_snapshots, _add_adapters, _add_diff, _add_record, _add_brief,
                *extensions):
        add(sub)
    return parser


def main(argv: list[str] | None = None, extensions: tuple[Callable, ...] = ()) -> int:
    """Run a command; `extensions` add commands (sp_data/__main__.py passes the tools')."""
    args = build_parser(*extensions).parse_args(argv)
    try:
        return args.func(args)
    except SourceError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (SnapshotError, FilterError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
