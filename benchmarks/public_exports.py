"""Full-size exports of the three public lists, in their own layouts, from simulated tables; and the adapters timed on them.

    python benchmarks/public_exports.py OUT_DIR [--scale 2] [--communications 12000]

Writes communications.xlsx (the communications database's spreadsheet layout: Date dd/mm/yyyy, Country,
Type, Ref. no., Mandates one database label per line, Summary, regions, victims, replies), visits.xlsx
(one row per request thread, statuses in the country visits database's words) and
standing-invitations.xlsx, then imports them chained onto `--base reference` and prints each adapter's
time. The records are SIMULATED (the demonstration generator's, replicated); only the layout is real.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import openpyxl
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sp_data.tools.demo.build import generate  # noqa: E402
from sp_data.mandate_names import labels  # noqa: E402
from sp_data.tools.scale import scale_tables  # noqa: E402

STATUS_WORDS = {"requested": "Requested", "reminder": "Reminder", "invited": "Invited", "acknowledged": "Acknowledged",
                "accepted": "Accepted", "dates_proposed": "Dates proposal", "postponed": "Postponed",
                "declined": "Declined", "cancelled": "Cancelled", "withdrawn": "Withdrawn", "completed": "Completed"}


def _label(mandate_id: str, titles: dict[str, str]) -> str:
    """The communications database's short label of a mandate (its title when it has none)."""
    database = [label for label, form in labels().get(mandate_id, ()) if form == "database"]
    return database[0] if database else titles[mandate_id]


def _save(rows: list[list], path: Path) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def communications_rows(tables: dict[str, pl.DataFrame], count: int, seed: int = 7) -> list[list]:
    """The communications since 2011 as the database's spreadsheet export lays them out."""
    names = dict(zip(tables["states"]["iso3"], tables["states"]["name"]))
    titles = dict(zip(tables["mandates"]["mandate_id"], tables["mandates"]["title"]))
    comms = tables["communications"].sort("sent_on")
    if comms.height > count:
        comms = comms.sample(count, seed=seed).sort("sent_on")
    replies: dict[str, list] = {}
    for r in tables["replies"].iter_rows(named=True):
        replies.setdefault(r["ref"], []).append(r["received_on"])
    out = [["Date", "Country", "Type", "Ref. no.", "Mandates", "Summary", "UN Region", "OHCHR Region",
            "Nb. of alleged victims", "Nb. of replies", "Replies"]]
    for c in comms.iter_rows(named=True):
        _, code, number = c["ref"].split(" ", 2)
        state = c["recipient_kind"] == "state"
        joint = len(c["mandate_ids"]) > 1
        dates = sorted(replies.get(c["ref"], []))
        out.append([
            f"{c['sent_on']:%d/%m/%Y}", names[c["iso3"]] if state else c["recipient"],
            ("J" if joint else "") + c["type"], f"{code if state else 'OTH'} {number}",
            "\n".join(_label(m, titles) for m in c["mandate_ids"]), "Information received concerning ...", "", "",
            "" if c["individuals"] is None else c["individuals"], len(dates),
            "\n".join(f"{d:%d/%m/%Y}" for d in dates),
        ])
    return out


def visits_rows(tables: dict[str, pl.DataFrame]) -> list[list]:
    """One row per request thread, statuses in the country visits database's words."""
    names = dict(zip(tables["states"]["iso3"], tables["states"]["name"]))
    titles = dict(zip(tables["mandates"]["mandate_id"], tables["mandates"]["title"]))
    events: dict[str, list] = {}
    for e in tables["visit_events"].sort("date").iter_rows(named=True):
        events.setdefault(e["visit_id"], []).append(e)
    out = [["Country", "Mandate", "Status", "Request date", "Reminder date(s)", "Acceptance date", "Status date",
            "Visit dates"]]
    for v in tables["visits"].iter_rows(named=True):
        thread = events.get(v["visit_id"], [])
        if not thread:
            continue
        first = {e["event"]: e for e in reversed(thread)}
        last = thread[-1]
        host = names[v["iso3"]] if v["host_kind"] == "state" else v["host_name"]
        visit = first.get("completed")
        status = STATUS_WORDS[last["event"]]
        opening = first.get("requested") or first.get("invited")
        out.append([
            host, titles[v["mandate_id"]], status,
            f"{opening['date']:%d/%m/%Y}" if opening else "",
            "; ".join(f"{e['date']:%d/%m/%Y}" for e in thread if e["event"] == "reminder"),
            f"{first['accepted']['date']:%d/%m/%Y}" if "accepted" in first else "",
            f"{last['date']:%d/%m/%Y}" if last["event"] not in ("requested", "invited", "reminder", "accepted",
                                                                 "completed") else "",
            f"{visit['date']:%d/%m/%Y} - {(visit['end_date'] or visit['date']):%d/%m/%Y}" if visit else "",
        ])
    return out


def invitations_rows(tables: dict[str, pl.DataFrame]) -> list[list]:
    names = dict(zip(tables["states"]["iso3"], tables["states"]["name"]))
    out = [["Country", "Date extended", "Withdrawn"]]
    for r in tables["standing_invitations"].iter_rows(named=True):
        out.append([names[r["iso3"]], f"{r['extended_on']:%d/%m/%Y}",
                    f"{r['withdrawn_on']:%d/%m/%Y}" if r["withdrawn_on"] else ""])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=2, help="copies of the demonstration's records (default 2)")
    parser.add_argument("--communications", type=int, default=12000, help="communications to keep (default 12000)")
    args = parser.parse_args(argv)
    from sp_data.adapters.communications import import_communications
    from sp_data.adapters.standing_invitations import import_standing_invitations
    from sp_data.adapters.visits import import_visits

    random.seed(7)
    tables = scale_tables(generate(), args.scale)
    args.out.mkdir(parents=True, exist_ok=True)
    files = {
        "communications": _save(communications_rows(tables, args.communications), args.out / "communications.xlsx"),
        "visits": _save(visits_rows(generate()), args.out / "visits.xlsx"),
        "standing_invitations": _save(invitations_rows(tables), args.out / "standing-invitations.xlsx"),
    }
    base, root = "reference", args.out / "parquet"
    for kind, adapter in (("communications", import_communications), ("visits", import_visits),
                          ("standing_invitations", import_standing_invitations)):
        start = time.perf_counter()
        result = adapter(files[kind], base=base, root=root)
        seconds = time.perf_counter() - start
        rows = {"communications": result.counts["communications"], "visits": result.counts["visits"],
                "standing_invitations": result.counts["standing_invitations"]}[kind]
        print(f"{kind}: {rows:,} rows ({files[kind].stat().st_size / 1e6:.1f} MB) in {seconds:.1f} s "
              f"({len(result.warnings)} warning(s)) -> {result.path.name}")
        base = str(result.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
