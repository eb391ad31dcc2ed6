"""Who may change the records: the signed-in editor, if any (a stub until sign-in is configured)."""
from __future__ import annotations

from dataclasses import dataclass

DISABLED = "Recording needs a signed-in editor; sign-in is not configured on this server."


@dataclass(frozen=True)
class Editor:
    """A signed-in editor: the name the history records, and the address they signed in with."""

    name: str
    email: str = ""


def editor() -> Editor | None:
    """The signed-in editor, or None (always None here: sign-in is not configured)."""
    return None


def disabled_reason() -> str:
    """Why changing the records is disabled for this visitor."""
    return DISABLED
