"""A visit thread in one line: the list a phone shows instead of the profile's timeline."""
from __future__ import annotations

from typing import Any

from sp_data.i18n import _, date_long


def thread_line(row: dict[str, Any]) -> str:
    """'**Torture · 2016**: Pending; first request 2 May 2016, visit 22–27 May 1999' (markdown)."""
    parts = [row.get("status_label") or ""]
    if row.get("first_request_on"):
        parts.append(_("first request {date}").format(date=date_long(row["first_request_on"])))
    if row.get("visit_dates"):
        parts.append(_("visit {dates}").format(dates=row["visit_dates"]))
    details = "; ".join(p for p in parts if p)
    return f"**{row['thread_label']}**" + (f": {details}" if details else "")
