"""Accessible names for the parts Qt adds to a widget without one."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QMenuBar, QToolBar, QToolButton


def name_clear_button(edit: QLineEdit, name: str = "Zoektekst wissen") -> None:
    """Qt's clear button in a line edit (setClearButtonEnabled) has no name of its own."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(name)


def name_overflow_buttons(toolbar: QToolBar, menubar: QMenuBar) -> None:
    """The » buttons a too narrow window shows for what does not fit (no text of their own)."""
    for bar, name in ((toolbar, "Meer knoppen"), (menubar, "Meer menu's")):
        for button in bar.findChildren(QToolButton):
            if button.objectName() in ("qt_toolbar_ext_button", "qt_menubar_ext_button"):
                button.setAccessibleName(name)
