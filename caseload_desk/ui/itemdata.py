"""The one place where Qt's item data turns back into domain values.

What a Python value becomes inside a QVariant depends on the PySide6 version: 6.11 stores
a `str` subclass such as our `StrEnum`s as a plain QString, so `currentData()` hands back
`'medewerker'`, not `ActionOwner.MEDEWERKER`, and code that then calls `.value` crashes.
So no widget reads `currentData()`, `itemData()` or a custom role directly: combo boxes
are filled with `add_choice` (which stores the enum's plain value) and read with
`choice`, and model roles that carry Python objects are read with `item`, which checks
the type instead of trusting it. tests/test_itemdata.py guards that rule for all of `ui/`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QComboBox

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


def as_enum(kind: type[E], raw: Any) -> E:
    """`raw` as a member of `kind`: accepts the member itself or its plain value."""
    if isinstance(raw, kind):
        return raw
    if isinstance(raw, str):
        return kind(raw)  # ValueError for a value the enum does not know
    raise TypeError(f"geen {kind.__name__}: {type(raw).__name__}")


def as_optional_enum(kind: type[E], raw: Any) -> E | None:
    """Like `as_enum`, with None (or an empty value) meaning 'not chosen'."""
    return None if raw is None or raw == "" else as_enum(kind, raw)


def add_choice(combo: QComboBox, label: str, value: StrEnum | None) -> None:
    """One entry of a combo box; None is stored as '' (Qt cannot store None reliably)."""
    combo.addItem(label, "" if value is None else value.value)


def choice(combo: QComboBox, kind: type[E]) -> E:
    """The chosen member of `kind`."""
    return as_enum(kind, combo.currentData())


def optional_choice(combo: QComboBox, kind: type[E]) -> E | None:
    return as_optional_enum(kind, combo.currentData())


def select_choice(combo: QComboBox, value: StrEnum | None) -> None:
    """Make `value` the current entry (the first one when it is not in the list)."""
    combo.setCurrentIndex(max(0, combo.findData("" if value is None else value.value)))


def item(index: QModelIndex | QPersistentModelIndex, role: int, kind: type[T]) -> T | None:
    """The object a model keeps under `role` for `index`, or None for no (valid) index.

    A value of another type is a programming error, reported as such, rather than an
    AttributeError somewhere far away when the value is used."""
    if not index.isValid():
        return None
    value = index.data(role)
    if value is None:
        return None
    if issubclass(kind, StrEnum):
        return as_enum(kind, value)  # type: ignore[return-value]
    if not isinstance(value, kind):
        raise TypeError(f"rol {role} geeft {type(value).__name__}, verwacht {kind.__name__}")
    return value
