"""A short list as a real HTML table: found by the browser's search, read by screen readers, printed whole."""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

import polars as pl

from sp_data.i18n import _, date_long, number, p_

# Up to this many rows a list is an HTML table; a longer one keeps the searchable, sortable grid.
MAX_ROWS = 25
NUM = ' class="sp-num"'


def cell(value: Any, config: Mapping[str, Any]) -> str:
    """One value as the grid would show it, in the reader's language (HTML-escaped)."""
    kind = (config.get("type_config") or {}).get("type")
    fmt = (config.get("type_config") or {}).get("format") or ""
    if value is None:
        return ""
    if kind == "link":
        text = (config.get("type_config") or {}).get("display_text") or value
        return f'<a href="{html.escape(str(value), quote=True)}" target="_self">{html.escape(str(text))}</a>'
    if isinstance(value, bool):
        return html.escape(p_("table cell", "Yes") if value else p_("table cell", "No"))
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return html.escape(date_long(value))
    if isinstance(value, int | float):
        digits = int(fmt[2]) if fmt.startswith("%.") and fmt[2:3].isdigit() else None
        if digits is None and isinstance(value, float) and not value.is_integer() and fmt != "%d":
            return html.escape(number(value, 2))
        return html.escape(number(value, digits) if digits else number(round(value)))
    return html.escape(str(value))


def render(frame: pl.DataFrame, columns: Mapping[str, Mapping[str, Any]], caption: str) -> str:
    """The frame's columns (column -> Streamlit column config with its label) as an HTML table with a caption."""
    numeric = {c for c in columns if c in frame.columns and frame[c].dtype.is_numeric()}
    head = []
    for c, config in columns.items():
        label = (config.get("label") or "").strip()
        help_text = config.get("help")
        title = f' title="{html.escape(help_text, quote=True)}"' if help_text else ""
        css = NUM if c in numeric else ""
        # A column of links has no heading on screen; a screen reader still needs one.
        hidden = help_text or _("Link")
        text = html.escape(label) if label else f'<span class="sp-sr-only">{html.escape(hidden)}</span>'
        head.append(f'<th scope="col" data-column="{html.escape(c, quote=True)}"{css}{title}>{text}</th>')
    body = []
    for row in frame[list(columns)].iter_rows(named=True):  # not select(): that runs the lazy engine, twice as slow
        cells = "".join(f'<td data-column="{html.escape(c, quote=True)}"{NUM if c in numeric else ""}>'
                        f"{cell(row[c], columns[c])}</td>" for c in columns)
        body.append(f"<tr>{cells}</tr>")
    return (f'<div class="sp-table-scroll" role="region" tabindex="0" aria-label="{html.escape(caption, quote=True)}">'
            f'<table class="sp-table"><caption class="sp-sr-only">{html.escape(caption)}</caption>'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody></table></div>')
