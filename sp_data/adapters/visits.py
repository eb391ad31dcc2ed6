"""A spreadsheet of country visits, one row per request thread, translated into visits and their events."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import polars as pl

from sp_data.adapters.context import Context, closest_words
from sp_data.adapters.dates import DateProblem, parse_visit_dates
from sp_data.adapters.headers import Field, names_fields
from sp_data.adapters.mandate_cells import resolve_mandates
from sp_data.adapters.mapping import Mapping
from sp_data.adapters.problems import Problems
from sp_data.adapters.records import Record, date_cell, dates_cell, read_records
from sp_data.adapters.run import Adapter
from sp_data.adapters.sheets import Rows, cell_text
from sp_data.adapters.statuses import STATUS_NAMES, Event, RowDates, status_events, status_named
from sp_data.adapters.writing import typed, with_origin
from sp_data.names import HOSTS, key
from sp_data.schema import VISIT_EVENTS

Host = tuple[str, str | None, str | None]  # host_kind, iso3, host_name

FIELDS = (
    Field("country", ("Country", "State", "Host", "Host country", "Country visited", "Country/Territory",
                      "State or territory")),
    Field("mandate", ("Mandate", "Mandates", "Mandate(s)", "Special procedure", "Mandate holder")),
    Field("status", ("Status", "Current status", "Request status", "Visit status")),
    Field("request_date", ("Request date", "Date of request", "Requested on", "Date requested", "First request",
                           "Request sent", "Invitation date")),
    Field("reminder_dates", ("Reminder date(s)", "Reminder dates", "Reminder date", "Reminders", "Date of reminder",
                             "Reminder sent", "Reminders sent")),
    Field("acceptance_date", ("Acceptance date", "Date of acceptance", "Accepted on", "Date accepted")),
    Field("status_date", ("Status date", "Date of status", "Decline date", "Date of decline", "Response date",
                          "Date of response")),
    Field("visit_dates", ("Visit dates", "Dates of visit", "Visit date", "Dates of the visit", "Visit period",
                          "Dates")),
    Field("visit_start", ("Visit start", "Start date", "First day")),
    Field("visit_end", ("Visit end", "End date", "Last day")),
    Field("thread_id", ("Thread ID", "Request ID", "Visit ID", "ID", "visit_id")),
    Field("report", ("Report symbol", "Report", "Report symbol no", "Document symbol", "Symbol"), ignored=True),
    Field("notes", ("Notes", "Comments", "Remarks", "UN Region", "Regional group"), ignored=True),
)
COLUMNS = {f.name: f.synonyms[0] for f in FIELDS}
_BUILTIN_HOSTS = {key(k): v for k, v in HOSTS.items()}


@dataclass
class Thread:
    """One thread read from a row: its host, mandate and dated events."""

    row: int
    visit_id: str | None
    mandate_id: str
    host: Host
    events: list[Event]

    @property
    def match_key(self) -> tuple:
        kind, iso3, name = self.host
        return (self.mandate_id, kind, iso3, key(name or "") if kind != "state" else "",
                min(e[0] for e in self.events))


def looks_like(rows: Rows) -> bool:
    """Whether a sheet has a visits header in its first rows."""
    return names_fields(rows, FIELDS, {"mandate", "status"})


def read_visits(data: bytes, file_name: str, context: Context, mapping: Mapping) -> tuple[list[Thread], Problems]:
    """Every row of the spreadsheet as threads; raises SourceError with every problem found."""
    rows, _, problems = read_records(data, file_name, FIELDS, "status", looks_like,
                                     {COLUMNS[n]: (n,) for n in ("country", "mandate", "status")})
    threads: list[Thread] = []
    for record in rows:
        threads.extend(_read_row(record, context, mapping, problems))
    threads = _deduplicate(threads, problems)
    problems.raise_if_any()
    return threads, problems


def _read_row(r: Record, ctx: Context, mapping: Mapping, problems: Problems) -> list[Thread]:
    """The threads of one row (one per mandate named), or none when the row has errors."""
    n, errors_before = r.number, problems.count
    host = _host(r, ctx, mapping, problems)
    status = _status(r, mapping, problems)
    dates = RowDates(date_cell(r, "request_date", problems), dates_cell(r, "reminder_dates", problems),
                     date_cell(r, "acceptance_date", problems), date_cell(r, "status_date", problems),
                     _visit_period(r, problems))
    first = min([d for d in [dates.request, dates.acceptance, dates.status_date, *dates.reminders] if d]
                + ([dates.period[0]] if dates.period else []), default=None)
    mandate_ids = resolve_mandates(r.text("mandate"), n, r.column("mandate"), first, ctx, mapping, problems)
    if problems.count > errors_before or host is None or status is None or mandate_ids is None:
        return []
    events = status_events(r, status, dates, problems)
    if not events:
        return []
    thread_id = r.text("thread_id") or None
    return [Thread(n, thread_id if len(mandate_ids) == 1 else (f"{thread_id}-{m}" if thread_id else None),
                   m, host, events) for m in mandate_ids]


def _host(r: Record, ctx: Context, mapping: Mapping, problems: Problems) -> Host | None:
    """The row's host, or None (an error recorded) when it is missing or unknown."""
    text = r.text("country")
    if not text:
        problems.bad(r.number, r.column("country"), None, "the host (country) is required")
        return None
    host = host_named(text, ctx, mapping)
    if host is None:
        problems.unknown("state", r.column("country"), text, r.number, ctx.states.closest(text),
                         f"unknown host {text!r} (a State, or a territory or institution named in a "
                         f"mapping line territory,{text}, or institution,{text},)", "ISO3")
    return host


def host_named(text: str, ctx: Context, mapping: Mapping) -> Host | None:
    """A visit host: (host_kind, iso3, host_name), or None when unknown."""
    found, target = mapping.get("state", text)
    if found:
        return "state", target, None
    found, target = mapping.get("territory", text)
    if found:  # maps_to is the administering State, if any
        return "territory", target, text
    found, target = mapping.get("institution", text)
    if found:  # maps_to is the name to record, if other than the one written
        return "institution", None, target or text
    iso3 = ctx.states.resolve(text)
    if iso3:
        return "state", iso3, None
    builtin = _BUILTIN_HOSTS.get(key(text))
    if builtin:
        kind, name, admin = builtin
        return kind, admin if admin in ctx.states.names else None, name
    return None


def _status(r: Record, mapping: Mapping, problems: Problems) -> str | None:
    text = r.text("status")
    if not text:
        problems.bad(r.number, r.column("status"), None, f"a status is required; one of: {', '.join(STATUS_NAMES)}")
        return None
    found, target = mapping.get("status", text)
    status = status_named(target if found and target else text)
    if status is None:
        problems.unknown("status", r.column("status"), text, r.number, closest_words(text, STATUS_NAMES),
                         f"unknown status {text!r}", "Declined")
    return status


def _visit_period(r: Record, problems: Problems) -> tuple[dt.date, dt.date] | None:
    if cell_text(r.raw("visit_dates")):
        try:
            return parse_visit_dates(r.raw("visit_dates"))
        except DateProblem as exc:
            problems.bad(r.number, r.column("visit_dates"), r.raw("visit_dates"), str(exc))
            return None
    start, end = date_cell(r, "visit_start", problems), date_cell(r, "visit_end", problems)
    if start and end and end < start:
        problems.bad(r.number, r.column("visit_end"), r.raw("visit_end"), f"is before the visit start ({start})")
        return None
    day = start or end
    if day is None:
        return None
    return start or day, end or day


def _deduplicate(threads: list[Thread], problems: Problems) -> list[Thread]:
    """One thread per key: repeats with the same events are dropped, repeats that differ are errors."""
    seen: dict[tuple, Thread] = {}
    out = []
    for t in threads:
        k = ("id", t.visit_id) if t.visit_id else t.match_key
        first = seen.get(k)
        if first is None:
            seen[k] = t
            out.append(t)
        elif first.events == t.events:
            problems.warn(t.row, None, None, f"repeats row {first.row} (same thread, same dates); it is skipped")
        else:
            problems.bad(t.row, None, None,
                         f"describes the same thread as row {first.row} (same host, mandate and first date"
                         f"{' or ID' if t.visit_id else ''}) with different dates")
    return out


def _new_id(t: Thread) -> str:
    """A stable visit_id for a new thread: the same row always gets the same one."""
    kind, iso3, name = t.host
    text = "|".join([t.mandate_id, kind, iso3 or "", key(name or ""), min(e[0] for e in t.events).isoformat()])
    return "VX-" + hashlib.sha256(text.encode()).hexdigest()[:10].upper()


def merge(ctx: Context, threads: list[Thread]) -> dict[str, pl.DataFrame]:
    """The base snapshot's tables with the spreadsheet's threads in place.

    A thread replaces the base thread with the same visit_id (when the sheet has an ID column) or
    else the same mandate, host and first event date; its events become the row's events.
    """
    tables = {name: with_origin(frame) for name, frame in ctx.tables.items()}
    base_visits, base_events = ctx.tables["visits"], ctx.tables["visit_events"]
    firsts = dict(base_events.group_by("visit_id").agg(pl.col("date").min()).iter_rows())
    by_key: dict[tuple, str] = {}
    for v in base_visits.iter_rows(named=True):
        if v["visit_id"] in firsts:
            host_key = key(v["host_name"] or "") if v["host_kind"] != "state" else ""
            by_key.setdefault((v["mandate_id"], v["host_kind"], v["iso3"], host_key, firsts[v["visit_id"]]),
                              v["visit_id"])
    replaced, visits, events = set(), [], []
    for t in threads:
        visit_id = t.visit_id or by_key.get(t.match_key) or _new_id(t)
        replaced.add(visit_id)
        kind, iso3, name = t.host
        visits.append({"visit_id": visit_id, "mandate_id": t.mandate_id, "host_kind": kind, "iso3": iso3,
                       "host_name": name, "_row": t.row})
        events += [{"visit_id": visit_id, "date": d, "event": e, "end_date": end, "_row": t.row}
                   for d, e, end in t.events]
    rank = {e: i for i, e in enumerate(VISIT_EVENTS)}
    keep = ~pl.col("visit_id").is_in(list(replaced))
    tables["visits"] = pl.concat([tables["visits"].filter(keep), typed("visits", visits)]).sort("visit_id")
    merged = pl.concat([tables["visit_events"].filter(keep), typed("visit_events", events)])
    tables["visit_events"] = (merged.with_columns(pl.col("event").replace_strict(rank, default=99).alias("_rank"))
                              .sort(["visit_id", "date", "_rank"]).drop("_rank"))
    return tables


ADAPTER = Adapter("country visits spreadsheet", "visits", looks_like, read_visits, merge)
# The entry points: import_visits(file, base=, mapping=, root=) and, for an upload,
# import_visits_bytes(data, file_name, base=, mapping=, mapping_name=, root=, context=).
import_visits = ADAPTER.import_file
import_visits_bytes = ADAPTER.import_bytes
