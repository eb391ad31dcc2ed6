"""A picker's choices: codes in the order shown, their names, and the page's default."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choices:
    """Codes in the order the picker shows them, each code's name, and the default (None when there is none)."""

    options: list[str]
    names: dict[str, str]
    default: str | None

    def name(self, code: str) -> str:
        """The option's name as the picker shows it (the code itself if it has none)."""
        return self.names.get(code, code)
