"""Icons shipped as package data, behind one lookup that fails loudly on a typo."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon

ICON_NAMES = frozenset({"alarm", "warning", "ok", "info", "app", "loopt", "vervallen", "open"})


def icon_path(name: str) -> str:
    if name not in ICON_NAMES:
        raise KeyError(f"onbekend icoon: {name}")
    return str(resources.files("caseload_desk") / "resources" / "icons" / f"{name}.svg")


@cache
def icon(name: str) -> QIcon:
    result = QIcon(icon_path(name))
    if result.isNull():
        raise FileNotFoundError(icon_path(name))
    return result
