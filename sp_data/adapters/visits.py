"""A spreadsheet of country visits, one row per request thread, translated into visits and their events."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sp_data.adapters.common import (
    Context, DateProblem, Field, ImportResult, Mapping, Problems, Record, base_snapshot, cell_text,
    closest_words, find_dates, find_header, load_mapping, match_header, parse_date, read_sheet, records,
    resolve_mandates, typed, with_origin, write_merged,
)
from sp_data.names import key
from sp_data.schema import VISIT_EVENTS

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

# Status names, and the ways spreadsheets write them, including the country visits database's own
# glossary ("Declined - Declination of visit request", "Dates proposal") and its page groupings.
STATUS_NAMES = ("Completed", "Visit underway", "Requested", "Reminder sent", "Invited", "Acknowledged", "Accepted",
                "Forthcoming", "Dates proposed", "Postponed", "Declined", "Cancelled", "Withdrawn")
STATUS_SYNONYMS = {
    "Completed": ("Visit completed", "Visited", "Carried out", "Conducted", "Done", "Took place", "Completed visits"),
    "Visit underway": ("Underway", "Under way", "Visit under way", "Ongoing", "In progress"),
    "Requested": ("Request sent", "Pending", "Request pending", "Awaiting reply", "Requested visit", "Pending visits",
                  "Visit request to a Government", "Requested - Visit request to a Government"),
    "Reminder sent": ("Reminder", "Reminders sent", "Follow-up sent", "Reminder of visit request",
                      "Reminder - Reminder of visit request"),
    "Invited": ("Invitation", "Invitation received", "Invitation extended", "Invitation from a Government",
                "Invited - Invitation from a Government"),
    "Acknowledged": ("Acknowledgement received", "Acknowledged receipt", "Acknowledgement of visit request or invitation",
                     "Acknowledged - Acknowledgement of visit request or invitation"),
    "Accepted": ("Agreed", "Accepted in principle", "Agreed in principle", "Acceptance of visit request",
                 "Accepted - Acceptance of visit request"),
    "Forthcoming": ("Scheduled", "Upcoming", "Planned", "Dates agreed", "Confirmed", "Dates confirmed",
                    "Forthcoming visits"),
    "Dates proposed": ("Dates pending", "Proposed dates", "Dates proposal", "Date proposal"),
    "Postponed": ("Deferred",),
    "Declined": ("Refused", "Rejected", "Not accepted", "Declination of visit request",
                 "Declined - Declination of visit request"),
    "Cancelled": ("Canceled",),
    "Withdrawn": ("Request withdrawn",),
}
_STATUS_INDEX = {key(name): name for name in STATUS_NAMES} | {
    key(s): name for name, synonyms in STATUS_SYNONYMS.items() for s in synonyms}
# The event a status adds when no dated column already says it; see docs/import-adapters.md.
STATUS_EVENT = {"Dates proposed": "dates_proposed", "Acknowledged": "acknowledged", "Postponed": "postponed",
                "Declined": "declined", "Cancelled": "cancelled", "Withdrawn": "withdrawn"}
VISIT_PERIOD_HINT = "write it as 12-23 May 2023, 28 Nov - 5 Dec 2023 or 2023-05-12 - 2023-05-23"
_M = r"(?:[A-Za-z]{3,9})\.?"
_D = r"\d{1,2}(?:st|nd|rd|th)?"
DAY_FIRST = re.compile(rf"(?P<d1>{_D})(?:\s+(?P<m1>{_M}))?(?:,?\s+(?P<y1>\d{{4}}))?\s*-\s*"
                       rf"(?P<d2>{_D})\s+(?P<m2>{_M}),?\s+(?P<y2>\d{{4}})")
MONTH_FIRST = re.compile(rf"(?P<m1>{_M})\s+(?P<d1>{_D})(?:,?\s+(?P<y1>\d{{4}}))?\s*-\s*"
                         rf"(?:(?P<m2>{_M})\s+)?(?P<d2>{_D}),?\s+(?P<y2>\d{{4}})")
FULL_DATES = re.compile(r"(?P<a>.+?)\s*-\s*(?P<b>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")


@dataclass
class Thread:
    """One thread read from a row: its host, mandate and dated events."""

    row: int
    visit_id: str | None
    mandate_id: str
    host: tuple[str, str | None, str | None]  # host_kind, iso3, host_name
    events: list[tuple[dt.date, str, dt.date | None]]

    @property
    def match_key(self) -> tuple:
        kind, iso3, name = self.host
        return (self.mandate_id, kind, iso3, key(name or "") if kind != "state" else "",
                min(e[0] for e in self.events))


def import_visits(file: str | Path, *, base: str | Path | None = None, mapping: str | Path | None = None,
                  root: Path | None = None) -> ImportResult:
    """Build a new snapshot: the base's visit threads updated and extended from a spreadsheet."""
    file = Path(file)
    return import_visits_bytes(file.read_bytes(), file.name, base=base,
                               mapping=Path(mapping).read_bytes() if mapping else None,
                               mapping_name=Path(mapping).name if mapping else None, root=root)


def import_visits_bytes(data: bytes, file_name: str, *, base=None, mapping: bytes | None = None,
                        mapping_name: str | None = None, root: Path | None = None,
                        context: Context | None = None) -> ImportResult:
    """The same as import_visits, from the bytes of an upload."""
    context = context or Context.of(base_snapshot(base, root))
    maps = load_mapping(mapping, mapping_name or "mapping.csv", context)
    threads, problems = read_visits(data, file_name, context, maps)
    tables = merge(context, threads)
    return write_merged(tables, context=context, file_name=file_name, data=data, what="country visits spreadsheet",
                        id_prefix="visits", root=root, warnings=problems.warnings, mapping=maps)


def looks_like(rows) -> bool:
    """Whether a sheet has a visits header in its first rows."""
    return any({"mandate", "status"} <= set(match_header(cells, FIELDS)) for _, cells in rows[:30])


def read_visits(data: bytes, file_name: str, context: Context, mapping: Mapping) -> tuple[list[Thread], Problems]:
    """Every row of the spreadsheet as threads; raises SourceError with every problem found."""
    sheet = read_sheet(data, file_name, looks_like)
    problems = Problems(sheet.file, warnings=list(sheet.warnings))
    header = find_header(sheet, FIELDS, "status", problems.warnings)
    for name in ("country", "mandate", "status"):
        if name not in header.positions:
            problems.bad(header.row, COLUMNS[name], None, "required column is missing from the header")
    problems.raise_if_any()
    threads: list[Thread] = []
    for record in records(sheet, header, problems.warnings, FIELDS):
        threads.extend(_read_row(record, context, mapping, problems))
    threads = _deduplicate(threads, problems)
    problems.raise_if_any()
    return threads, problems


def _date(r: Record, name: str, problems: Problems) -> dt.date | None:
    try:
        return parse_date(r.raw(name))
    except DateProblem as exc:
        problems.bad(r.number, r.column(name), r.raw(name), str(exc))
        return None


def _dates(r: Record, name: str, problems: Problems) -> list[dt.date]:
    """Several dates in one cell (new lines, ';' or ',' between them)."""
    raw = r.raw(name)
    if raw is None or cell_text(raw) == "":
        return []
    if not isinstance(raw, str):
        return [d for d in [_date(r, name, problems)] if d]
    try:
        days = find_dates(cell_text(raw))
        days += [parse_date(p) for p in re.split(r"[\s,;]+", cell_text(raw)) if re.fullmatch(r"\d{5}", p)]
    except DateProblem as exc:
        problems.bad(r.number, r.column(name), raw, str(exc))
        return []
    if not days:
        problems.bad(r.number, r.column(name), raw, "has no date that can be read; write dates as YYYY-MM-DD, "
                     "DD/MM/YYYY or 12 May 2023, several separated by new lines or ';'")
    return sorted(set(days))


def parse_visit_dates(value: object) -> tuple[dt.date, dt.date] | None:
    """A visit's first and last day from '12-23 May 2023', '28 Nov - 5 Dec 2023', two full dates or one date."""
    if value is None or cell_text(value) == "":
        return None
    if not isinstance(value, str):
        day = parse_date(value)
        return day, day
    text = re.sub(r"\s*[\u2013\u2014\u2012\u2011\u2212]\s*", " - ", cell_text(value).replace("\n", " "))
    text = re.sub(r"\s+(?:to|until|till|au)\s+", " - ", text, flags=re.IGNORECASE).strip().rstrip(".")
    start = end = None
    m = FULL_DATES.fullmatch(text)
    if m and not DAY_FIRST.fullmatch(text):
        try:
            start, end = parse_date(m.group("a")), parse_date(m.group("b"))
        except DateProblem:
            start = end = None
    if start is None:
        m = DAY_FIRST.fullmatch(text) or MONTH_FIRST.fullmatch(text)
        if m:
            start, end = _period(m)
        else:
            try:
                start = end = parse_date(text)
            except DateProblem:
                raise DateProblem(f"is not a visit period; {VISIT_PERIOD_HINT}") from None
    if end < start:
        raise DateProblem(f"ends ({end.isoformat()}) before it starts ({start.isoformat()})")
    return start, end


def _period(m: re.Match) -> tuple[dt.date, dt.date]:
    """Both ends of a period written with words; the first end takes the second's month and year
    when it omits them (a period over the new year, 28 Dec - 5 Jan 2024, starts the year before)."""
    end = parse_date(f"{_num(m.group('d2'))} {m.group('m2') or m.group('m1')} {m.group('y2')}")
    month = m.group("m1") or m.group("m2")
    year = int(m.group("y1") or m.group("y2"))
    start = parse_date(f"{_num(m.group('d1'))} {month} {year}")
    if start > end and not m.group("y1") and m.group("m1") and m.group("m2"):
        start = parse_date(f"{_num(m.group('d1'))} {month} {year - 1}")
    return start, end


def _num(day: str) -> int:
    return int(re.match(r"\d+", day).group())


def _read_row(r: Record, ctx: Context, mapping: Mapping, problems: Problems) -> list[Thread]:
    """The threads of one row (one per mandate named), or none when the row has errors."""
    n, errors_before = r.number, problems.count
    host_text = r.text("country")
    host = None
    if not host_text:
        problems.bad(n, r.column("country"), None, "the host (country) is required")
    else:
        host = ctx.host(host_text, mapping)
        if host is None:
            problems.unknown("state", r.column("country"), host_text, n, ctx.states.closest(host_text),
                             f"unknown host {host_text!r} (a State, or a territory or institution named in a "
                             f"mapping line territory,{host_text}, or institution,{host_text},)", "ISO3")
    status = _status(r, mapping, problems)
    request, reminders = _date(r, "request_date", problems), _dates(r, "reminder_dates", problems)
    acceptance, status_date = _date(r, "acceptance_date", problems), _date(r, "status_date", problems)
    period = _visit_period(r, problems)
    first = min([d for d in [request, acceptance, status_date, *reminders] if d] + ([period[0]] if period else []),
                default=None)
    mandate_ids = resolve_mandates(r.text("mandate"), n, r.column("mandate"), first, ctx, mapping, problems)
    if problems.count > errors_before or host is None or status is None or mandate_ids is None:
        return []
    events = _events(r, status, request, reminders, acceptance, status_date, period, problems)
    if not events:
        return []
    thread_id = r.text("thread_id") or None
    return [Thread(n, thread_id if len(mandate_ids) == 1 else (f"{thread_id}-{m}" if thread_id else None),
                   m, host, events) for m in mandate_ids]


def _status(r: Record, mapping: Mapping, problems: Problems) -> str | None:
    text = r.text("status")
    if not text:
        problems.bad(r.number, r.column("status"), None, f"a status is required; one of: {', '.join(STATUS_NAMES)}")
        return None
    found, target = mapping.get("status", text)
    status = _STATUS_INDEX.get(key(target if found else text))
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
    start, end = _date(r, "visit_start", problems), _date(r, "visit_end", problems)
    if start and end and end < start:
        problems.bad(r.number, r.column("visit_end"), r.raw("visit_end"), f"is before the visit start ({start})")
        return None
    if start or end:
        return start or end, end or start
    return None


def _events(r: Record, status: str, request, reminders, acceptance, status_date, period, problems: Problems
            ) -> list[tuple[dt.date, str, dt.date | None]]:
    """A row's events: one per dated column, plus the one its status adds (docs/import-adapters.md)."""
    n = r.number
    events: list[tuple[dt.date, str, dt.date | None]] = []
    if request:
        events.append((request, "invited" if status == "Invited" else "requested", None))
    events += [(d, "reminder", None) for d in reminders]
    if acceptance:
        events.append((acceptance, "accepted", None))
    dated = [e[0] for e in events]
    if status in ("Completed", "Visit underway"):
        if period is None:
            problems.bad(n, r.column("visit_dates"), None, f"a {status} row needs its visit dates")
            return []
        late = [e for e in events if e[0] > period[0]]
        for day, event, _ in late:
            column = {"requested": "request_date", "invited": "request_date", "reminder": "reminder_dates",
                      "accepted": "acceptance_date"}[event]
            problems.bad(n, r.column(column), day.isoformat(), f"is after the visit started ({period[0].isoformat()})")
        if late:
            return []
        events.append((period[0], "completed", period[1]))
    elif status == "Requested" and not request:
        problems.bad(n, r.column("request_date"), None, "a Requested row needs its request date")
    elif status == "Reminder sent" and not reminders:
        problems.bad(n, r.column("reminder_dates"), None, "a Reminder sent row needs its reminder date(s)")
    elif status == "Invited" and not request:
        if status_date:
            events.append((status_date, "invited", None))
        else:
            problems.bad(n, r.column("request_date"), None, "an Invited row needs the date of the invitation")
    elif status in ("Accepted", "Forthcoming") and not acceptance:
        if status_date:
            events.append((status_date, "accepted", None))
        else:
            problems.bad(n, r.column("acceptance_date"), None, f"a {status} row needs its acceptance date (or a status date)")
    elif status in STATUS_EVENT:
        event = STATUS_EVENT[status]
        day = status_date or (acceptance if status == "Dates proposed" else None)
        if day is None and dated:
            day = max(dated)
            problems.warn(n, r.column("status_date"), None,
                          f"no status date: the {event} event is dated {day.isoformat()}, the row's latest date")
        if day is None:
            problems.bad(n, r.column("status_date"), None, f"a {status} row needs at least one date")
        else:
            events.append((day, event, None))
    rank = {e: i for i, e in enumerate(VISIT_EVENTS)}
    return sorted(set(events), key=lambda e: (e[0], rank[e[1]]))


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
    by_key = {}
    for v in base_visits.iter_rows(named=True):
        if v["visit_id"] in firsts:
            name = key(v["host_name"] or "") if v["host_kind"] != "state" else ""
            by_key.setdefault((v["mandate_id"], v["host_kind"], v["iso3"], name, firsts[v["visit_id"]]), v["visit_id"])
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
