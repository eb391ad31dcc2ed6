"""Replies to communications as an export's Replies cell lists them: dates, confidential, acknowledgements."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sp_data.adapters.dates import DateProblem, find_dates, parse_date
from sp_data.adapters.mandate_cells import split_items
from sp_data.adapters.problems import Problems
from sp_data.adapters.records import Record
from sp_data.adapters.sheets import cell_text
from sp_data.names import key


@dataclass
class Reply:
    """One dated reply found in a row's Replies cell."""

    received_on: dt.date
    confidential: bool
    acknowledgement: bool


NO_REPLY = {key(x) for x in ("-", "No reply", "None", "No", "0", "N/A", "No response")}


def read_replies(r: Record, problems: Problems) -> list[Reply] | None:
    """The dated replies of a row; None when the row's Replies cell is empty."""
    raw = r.raw("replies")
    if raw is None or cell_text(raw) == "":
        return None
    if not isinstance(raw, str):
        try:
            day = parse_date(raw)
        except DateProblem as exc:
            problems.bad(r.number, r.column("replies"), raw, str(exc))
            return []
        return [Reply(day, False, False)] if day else []
    out: list[Reply] = []
    for part in split_items(cell_text(raw)):
        if key(part) in NO_REPLY:
            continue
        lowered = part.lower()
        try:
            days = find_dates(part)
            if not days and re.fullmatch(r"\d{5}(\.0+)?", part):
                days = [d for d in [parse_date(part)] if d]
        except DateProblem as exc:
            problems.bad(r.number, r.column("replies"), part, str(exc))
            continue
        if not days:
            if re.search(r"\d", part):
                problems.bad(r.number, r.column("replies"), part,
                             "has no date that can be read; write reply dates as YYYY-MM-DD, DD/MM/YYYY or 12 May 2023")
            else:
                problems.warn(r.number, r.column("replies"), part, "no date in this part of the cell; it is not recorded")
            continue
        for day in days:
            out.append(Reply(day, "confidential" in lowered, "acknowledg" in lowered))
    return out
