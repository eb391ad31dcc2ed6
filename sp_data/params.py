"""The filters every question takes: as-at date, regional groups, pending threshold; checked once here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sp_data.schema import REGIONAL_GROUPS
from sp_data.wording import groups_codes

MIN_DATE = dt.date(1980, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


class FilterError(ValueError):
    """A filter value that cannot be used, with a message fit to show the user."""


@dataclass(frozen=True)
class Filters:
    """As-at date, regional groups (empty = all) and the five-plus threshold."""

    as_at: dt.date
    regions: tuple[str, ...] = field(default=())
    threshold: int = 5

    def __post_init__(self) -> None:
        if not isinstance(self.as_at, dt.date) or isinstance(self.as_at, dt.datetime):
            raise FilterError(f"as-at date must be a date, not {self.as_at!r}")
        if not MIN_DATE <= self.as_at <= MAX_DATE:
            raise FilterError(f"as-at date {self.as_at} is outside {MIN_DATE} to {MAX_DATE}")
        unknown = [r for r in self.regions if r not in REGIONAL_GROUPS]
        if unknown:
            raise FilterError(f"unknown regional group(s) {', '.join(map(repr, unknown))}; use {', '.join(REGIONAL_GROUPS)}")
        if not isinstance(self.threshold, int) or not 1 <= self.threshold <= 1000:
            raise FilterError(f"threshold must be a whole number from 1 to 1000, not {self.threshold!r}")
        object.__setattr__(self, "regions", tuple(sorted(set(self.regions))))

    @property
    def year(self) -> int:
        return self.as_at.year

    @property
    def window_start(self) -> dt.date:
        return dt.date(self.as_at.year - 4, 1, 1)

    def bind(self) -> dict:
        """The bound parameters every query understands."""
        return {"as_at": self.as_at, "regions": list(self.regions), "threshold": self.threshold}

    def describe(self) -> str:
        """Filters in words, for provenance lines."""
        return f"as at {self.as_at.isoformat()}; {groups_codes(self.regions)}"


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD date, or a FilterError saying why not."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise FilterError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
