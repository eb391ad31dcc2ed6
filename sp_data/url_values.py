"""Values read from a link's address: each checked, with a one-line notice when it cannot be used as given."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

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
    shown = name(fallback) if fallback is not None else "nothing"
    return Checked(fallback, f"{what} '{text}' is not {where}; showing {shown}.")


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
    return Checked(kept, f"{what} {listed} {'is' if len(unknown) == 1 else 'are'} not {where}; "
                         + ("left out." if kept else "showing all."))


def groups(raw: Raw) -> Checked[list[str]]:
    """Regional-group codes (?groups=APG&groups=eeg): known ones in upper case, unknown ones named."""
    checked = choices(raw, REGIONAL_GROUPS, "Regional group", "a regional group (AG, APG, EEG, GRULAC, WEOG)")
    return checked


def year(raw: Raw, years: Sequence[int], default: int) -> Checked[int]:
    """A reporting year the snapshot covers; otherwise the default year, with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(default)
    try:
        value = int(text)
    except ValueError:
        return Checked(default, f"Year '{text}' is not a year; showing {default}.")
    if value in years:
        return Checked(value)
    return Checked(default, f"Year {value} is not in this snapshot, which covers {min(years)}–{max(years)}; "
                            f"showing {default}.")


def as_at(raw: Raw, first: dt.date, last: dt.date) -> Checked[dt.date | None]:
    """An as-at date within the snapshot's dates; otherwise none (the reporting year's end), with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(None)
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        return Checked(None, f"As-at date '{text}' is not a date like 2023-05-12; showing the end of the year.")
    if not first <= value <= last:
        return Checked(None, f"As-at date {date_text(value)} is outside this snapshot ({date_text(first)} to "
                             f"{date_text(last)}); showing the end of the year.")
    return Checked(value)


def number(raw: Raw, low: int, high: int, default: int, what: str) -> Checked[int]:
    """A whole number in low..high; out of range it is clamped, not a number it is the default, with a notice."""
    text = _first(raw)
    if text is None or text == "":
        return Checked(default)
    try:
        value = int(float(text))
    except ValueError:
        return Checked(default, f"{what} '{text}' is not a number; showing {default}.")
    if value < low:
        return Checked(low, f"{what} {value} is below the lowest, {low}; showing {low}.")
    if value > high:
        return Checked(high, f"{what} {value} is above the highest, {high}; showing {high}.")
    return Checked(value)
