"""The changes an editor records, and CHANGES.csv: the import format's columns plus an action column."""
from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sp_data.errors import Issue, SourceError
from sp_data.schema import TABLES

FILE = "CHANGES.csv"

# Each action: the table it writes, the columns it needs (beyond action), and those it may use.
ACTIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "add_event": ("visit_events", ("visit_id", "date", "event"), ("end_date",)),
    "add_thread": ("visits", ("visit_id", "mandate_id", "host_kind", "date", "event"), ("iso3", "host_name", "end_date")),
    "extend_invitation": ("standing_invitations", ("iso3", "extended_on"), ()),
    "withdraw_invitation": ("standing_invitations", ("iso3", "withdrawn_on"), ()),
    "add_communication": ("communications", ("ref", "sent_on", "type", "recipient_kind", "mandate_ids", "follow_up"),
                          ("iso3", "recipient", "individuals", "individuals_female")),
    "add_reply": ("replies", ("ref", "received_on", "substantive"), ("confidential",)),
    "correct_event": ("visit_events", ("visit_id", "date", "event", "reason"), ("new_date", "new_event", "end_date")),
    "remove": ("", ("reason",), ("visit_id", "date", "event", "ref", "received_on", "iso3")),
}
# The columns of CHANGES.csv that are not the import format's own.
EXTRA_COLUMNS = ("action", "new_date", "new_event", "reason")
COLUMNS = ("action",) + tuple(dict.fromkeys(c.name for t in TABLES.values() if t.name not in ("states", "mandates",
                                            "hrc_membership") for c in t.columns)) + EXTRA_COLUMNS[1:]


@dataclass(frozen=True)
class Change:
    """One staged change: its action and its cells as text (the import format's own writing)."""

    action: str
    values: dict[str, str] = field(default_factory=dict)
    row: int = 0  # its row in CHANGES.csv (header = row 1); 0 for a change staged in the app

    def get(self, column: str) -> str | None:
        """A cell's stripped text, None when empty."""
        value = (self.values.get(column) or "").strip()
        return value or None

    @property
    def table(self) -> str:
        """The table the change writes to (a removal: the table of what it removes)."""
        if self.action != "remove":
            return ACTIONS[self.action][0]
        if self.get("visit_id"):
            return "visit_events" if self.get("date") or self.get("event") else "visits"
        if self.get("ref"):
            return "replies" if self.get("received_on") else "communications"
        return "standing_invitations"

    @property
    def key(self) -> tuple[str, str]:
        """What the change is about, for conflicts: a visit thread, a communication or a State's invitation."""
        if self.get("visit_id"):
            return ("visit thread", self.get("visit_id") or "")
        if self.get("ref"):
            return ("communication", self.get("ref") or "")
        return ("standing invitation of", self.get("iso3") or "")

    def describe(self) -> str:
        """The change in a line, for messages: 'add_event reminder 2024-05-02 on thread V-12'."""
        where = f"{FILE} row {self.row}" if self.row else "staged change"
        return f"{where} ({self.action}, {self.key[0]} {self.key[1]})"

    def issue(self, column: str | None, message: str) -> Issue:
        """An error about this change, named as the import names one."""
        return Issue(FILE, self.row or None, column, self.get(column) if column else None, message)


def new_visit_id(mandate_id: str, iso3: str | None, first_date: str) -> str:
    """An id for a new visit thread that a colleague's new thread cannot take: V-SR-EDU-TUR-20240503-1a2b."""
    return f"V-{mandate_id}-{iso3 or 'X'}-{first_date.replace('-', '')}-{uuid.uuid4().hex[:4]}"


def check_shape(changes: list[Change]) -> list[Issue]:
    """The errors of form alone: a known action, its required cells, a reason where one is needed."""
    issues = []
    for change in changes:
        if change.action not in ACTIONS:
            issues.append(Issue(FILE, change.row or None, "action", change.action or None,
                                f"is not an allowed value; use one of: {', '.join(ACTIONS)}"))
            continue
        _, needed, optional = ACTIONS[change.action]
        issues += [change.issue(c, "a value is required") for c in needed if change.get(c) is None]
        allowed = set(needed) | set(optional) | {"action"}
        issues += [change.issue(c, f"must be empty for a {change.action} change")
                   for c in COLUMNS if c not in allowed and change.get(c) is not None]
        if change.action == "correct_event" and not (change.get("new_date") or change.get("new_event")):
            issues.append(change.issue("new_date", "a correction needs new_date or new_event (or both)"))
        if change.action == "remove" and change.get("visit_id") and bool(change.get("date")) != bool(change.get("event")):
            missing = "event" if change.get("date") else "date"
            issues.append(change.issue(missing, "date and event together name the event to remove "
                                                "(visit_id alone removes the whole thread)"))
        if change.action == "remove" and not (change.get("visit_id") or change.get("ref") or change.get("iso3")):
            issues.append(change.issue("visit_id", "a removal names what it removes: visit_id (with date and event "
                                                   "for one event), ref (with received_on for one reply) or iso3"))
    return issues


def read_changes(data: bytes | str | Path) -> list[Change]:
    """Read CHANGES.csv (a path or its bytes); raise SourceError naming each row at fault."""
    raw = Path(data).read_bytes() if isinstance(data, (str, Path)) else data
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise SourceError([Issue(FILE, None, None, None, f"the file is not valid UTF-8 ({exc}); save it as UTF-8")]) from None
    records = [(n, cells) for n, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
               if any(cell.strip() for cell in cells)]
    if not records:
        raise SourceError([Issue(FILE, None, None, None, "the file is empty; it needs a header row")])
    (header_row, header), body = records[0], records[1:]
    names = [h.strip() for h in header]
    issues = [Issue(FILE, header_row, name, name, "unknown column; use the import format's columns and action")
              for name in names if name and name not in COLUMNS]
    if "action" not in names:
        issues.append(Issue(FILE, header_row, "action", None, "required column is missing from the header"))
    if issues:
        raise SourceError(issues)
    changes = []
    for number, cells in body:
        values = {name: cell.strip() for name, cell in zip(names, cells, strict=False) if name and cell.strip()}
        if len(cells) > len(names):
            issues.append(Issue(FILE, number, None, ",".join(cells[len(names):]),
                                f"this row has {len(cells)} cells but the header has {len(names)}"))
        changes.append(Change(values.pop("action", ""), values, number))
    issues += check_shape(changes)
    if issues:
        raise SourceError(issues)
    return changes


def write_changes(changes: list[Change], path: str | Path) -> Path:
    """Write changes as CHANGES.csv (the columns they use, action first)."""
    used = [c for c in COLUMNS if c == "action" or any(ch.get(c) is not None for ch in changes)]
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(used)
        for change in changes:
            writer.writerow([change.action if c == "action" else change.get(c) or "" for c in used])
    return path
