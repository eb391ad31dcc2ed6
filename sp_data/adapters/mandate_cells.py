"""Mandates listed in a cell, resolved to mandate_ids through the mapping file and the base's titles."""
from __future__ import annotations

import datetime as dt
import re

from sp_data.adapters.context import Context
from sp_data.adapters.mapping import Mapping
from sp_data.adapters.problems import Problems

# Best split of an item's comma-separated parts so far: (unresolved parts, groups, [(mandate_id, text)]).
_Split = tuple[int, int, list[tuple[str | None, str]]]


def split_items(text: str) -> list[str]:
    """A cell's list items, one per line or ';'."""
    return [p.strip(" ,") for p in re.split(r"[\n;]+", text) if p.strip(" ,")]


def resolve_mandates(text: str, row: int, column: str, on: dt.date | None, ctx: Context, mapping: Mapping,
                     problems: Problems) -> list[str] | None:
    """The mandate_ids a cell lists (new lines, ';' or ','); None when any item is unresolved."""
    if not text:
        problems.bad(row, column, None, "at least one mandate is required")
        return None
    ids: list[str] = []
    ok = True
    for item in split_items(text):
        for mid, written in _mandate_items(item, on, ctx, mapping):
            if mid is None:
                ok = False
                _report_mandate(written, row, column, on, ctx, problems)
            elif mid not in ids:
                ids.append(mid)
    return ids if ok else None


def _one_mandate(text: str, on: dt.date | None, ctx: Context, mapping: Mapping) -> str | None:
    found, target = mapping.get("mandate", text)
    if found:
        return target
    return ctx.mandates.resolve(text, on).mandate_id


def _mandate_items(item: str, on: dt.date | None, ctx: Context, mapping: Mapping) -> list[tuple[str | None, str]]:
    """An item as one mandate or as comma-separated mandates (titles may hold commas themselves).

    Returns (mandate_id or None, text) pairs. When no part resolves, the whole item is reported.
    """
    whole = _one_mandate(item, on, ctx, mapping)
    parts = [p.strip() for p in item.split(",") if p.strip()]
    if whole or len(parts) < 2:
        return [(whole, item)]
    # Fewest unresolved parts first, then fewest groups: a title with commas stays one mandate.
    best: list[_Split | None] = [(0, 0, [])] + [None] * len(parts)
    for end in range(1, len(parts) + 1):
        for start in range(end):
            before = best[start]
            if before is None:
                continue
            text = ", ".join(parts[start:end])
            mid = _one_mandate(text, on, ctx, mapping)
            if mid is None and end - start > 1:
                continue
            bad, groups, chosen = before
            option = (bad + (mid is None), groups + 1, [*chosen, (mid, text)])
            current = best[end]
            if current is None or option[:2] < current[:2]:
                best[end] = option
    last = best[len(parts)]
    assert last is not None  # every part alone is an option, so the last cut is always reached
    bad, _, chosen = last
    return [(None, item)] if bad == len(chosen) else chosen


def _report_mandate(text: str, row: int, column: str, on: dt.date | None, ctx: Context, problems: Problems) -> None:
    candidates = ctx.mandates.resolve(text, on).ids
    if len(candidates) > 1:
        problems.unknown("mandate", column, text, row, [ctx.mandates.describe([c]) for c in candidates],
                         f"ambiguous mandate {text!r}: it matches {', '.join(candidates)}", candidates[0])
    else:
        problems.unknown("mandate", column, text, row, ctx.mandates.closest(text),
                         f"unknown mandate {text!r}", "MANDATE-ID")
