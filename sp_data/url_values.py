"""Values read from a link's address: each checked, with a one-line notice when it cannot be used as given."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from sp_data.i18n import _
from sp_data.schema import REGIONAL_GROUPS
from sp_data.wording import date_text


V = TypeVar("V")
Raw = str | Sequence[str] | None  # a parameter's values in the address (st.query_params.get_all), or one value


@dataclass(frozen=True)
class Checked(Generic[V]):
    """The value to use, and why it differs from what the link asked for (None when it does not)."""

    value: V
    notice: str | None = None


def _first(raw: Raw) -> str | None:
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    return None if raw is None else str(raw).strip()


def choice(raw: Raw, options: Sequence[str], default: str | None, what: str, where: str,
           name: Callable[[str], str] = str) -> Checked[str | None]:
    """A code from a list (a State, a snapshot, a mandate), in any letter case.

    what: the kind of thing ("State"); where: the list it must be in ("in this snapshot").
    """
    fallback = default if default in options else (options[0] if options else None)
    text = _first(raw)
    if text is None or text == "":
        return Checked(fallback)
    if text in options:
        return Checked(text)
    folded = {o.casefold(): o for o in options}
    if text.casefold() in folded:
        return Checked(folded[text.casefold()])
    shown = name(fallback) if fallback is not None else _("nothing")
    return Checked(fallback, _("{what} '{text}' is not {where}; showing {shown}.").format(
        what=what, text=text, where=where, shown=shown))


def choices(raw: Raw, options: Sequence[str], what: str, where: str) -> Checked[list[str]]:
    """Several codes from a list (communication types), in any letter case; unknown ones are named and dropped."""
    values = raw if isinstance(raw, (list, tuple)) else ([] if raw is None else [raw])
    folded = {o.casefold(): o for o in options}
    kept: list[str] = []
    unknown: list[str] = []
    for v in values:
        for part in str(v).split(","):
            part = part.strip()
            if part:
                (kept if part.casefold() in folded else unknown).append(folded.get(part.casefold(), part))
    kept = list(dict.fromkeys(kept))
    if not unknown:
        return Checked(kept)
    listed = ", ".join(f"'{u}'" for u in unknown)
    if len(unknown) == 1:
        notice = _("{what} {listed} is not {where}; left out.") if kept else _("{what} {listed} is not {where}; showing all.")
    else:
        notice = (_("{what} {listed} are not {where}; left out.") if kept
                  else _("{what} {listed} are not {where}; showing all."))
    return Checked(kept, notice.format(what=what, listed=listed, where=where))


def groups(raw: Raw) -> Checked[list[str]]:
    """Regional-group codes (?groups=APG&groups=eeg): known ones in upper case, unknown ones named."""
    checked = choices(raw, REGIONAL_GROUPS, _("Regional group"),
                      _("a regional group ({groups})").format(groups=", ".join(REGIONAL_GROUPS)))
    return checked


def year(raw: Raw, years: Sequence[int], default: int) -> Checked[int]:
    """A reporting year the snapshot covers; otherwise the default year, with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(default)
    try:
        value = int(text)
    except ValueError:
        return Checked(default, _("Year '{text}' is not a year; showing {default}.").format(text=text, default=default))
    if value in years:
        return Checked(value)
    return Checked(default, _("Year {value} is not in this snapshot, which covers {first}–{last}; showing {default}.")
                   .format(value=value, first=min(years), last=max(years), default=default))


def as_at(raw: Raw, first: dt.date, last: dt.date) -> Checked[dt.date | None]:
    """An as-at date within the snapshot's dates; otherwise none (the reporting year's end), with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(None)
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return Checked(None, _("As-at date '{text}' is not a date like 2023-05-12; showing the end of the year.")
                       .format(text=text))
    if not first <= value <= last:
        return Checked(None, _("As-at date {date} is outside this snapshot ({first} to {last}); showing the end of "
                               "the year.").format(date=date_text(value), first=date_text(first), last=date_text(last)))
    return Checked(value)


def number(raw: Raw, low: int, high: int, default: int, what: str) -> Checked[int]:
    """A whole number in low..high; out of range it is clamped, not a number it is the default, with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(default)
    try:
        value = int(float(text))
    except ValueError:
        return Checked(default, _("{what} '{text}' is not a number; showing {default}.").format(
            what=what, text=text, default=default))
    if value < low:
        return Checked(low, _("{what} {value} is below the lowest, {low}; showing {low}.").format(
            what=what, value=value, low=low))
    if value > high:
        return Checked(high, _("{what} {value} is above the highest, {high}; showing {high}.").format(
            what=what, value=value, high=high))
    return Checked(value)
