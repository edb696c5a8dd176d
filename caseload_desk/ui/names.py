"""Accessible names for the parts Qt adds to a widget without one."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton


def name_clear_button(edit: QLineEdit, name: str = "Zoektekst wissen") -> None:
    """Qt's clear button in a line edit (setClearButtonEnabled) has no name of its own."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)
