"""One data call a page makes through the cache, as the benchmark replays it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

PROFILE_STATE = "IRN"  # the profile page is measured, and opened, for this State (?state=IRN)
PROFILE_MANDATE = "WG-AD"  # the mandate page is measured, and opened, for this mandate (?mandate=WG-AD)


@dataclass(frozen=True)
class Call:
    """One cached data call a page makes: fn(con, *args) (what the page passes to view.data)."""

    fn: Callable
    args: tuple

    @property
    def name(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"

    @property
    def label(self) -> str:
        shown = ", ".join(a.describe() if hasattr(a, "describe") else repr(a) for a in self.args)
        return f"{self.fn.__qualname__}({shown})"

    def run(self, con) -> Any:
        return self.fn(con, *self.args)
