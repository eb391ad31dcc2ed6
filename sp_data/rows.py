"""A query's row as a frozen dataclass: its fields picked by name, so that a misspelt one fails the type check."""
from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # typeshed's protocol for "a dataclass", known to the type checker only
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def typed_row(cls: type[T], row: dict[str, Any], **values: Any) -> T:
    """cls built from the row's columns of the same names (extra columns left out), values given by keyword."""
    return cls(**{f.name: row[f.name] for f in fields(cls) if f.name not in values}, **values)
