"""Does every control have a name a screen reader can say?

`unnamed_widgets(window)` walks the interactive widgets of a window (or page) and lists
those without a name: no accessibleName(), no buddy QLabel with text pointing at it, and
no text of its own (a button's or check box's label, every tab's title). Hidden widgets
count too: a page not shown now is shown later. The parts a control is built from (a spin
box's line edit, a table's header and corner button, a combo box's list, an editor open in
a cell) are left out: they are named through the control they belong to.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QCalendarWidget,
    QComboBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE: tuple[type[QWidget], ...] = (
    QAbstractButton,  # push, tool, radio buttons and check boxes
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,  # spin boxes and date edits
    QAbstractItemView,  # tables, lists, trees
    QPlainTextEdit,
    QTextEdit,  # text browsers too
    QAbstractSlider,
    QTabBar,
    QCalendarWidget,
    QKeySequenceEdit,
)


def interactive(widget: QWidget) -> bool:
    # A scroll bar belongs to its scroll area, which is named itself.
    return isinstance(widget, INTERACTIVE) and not isinstance(widget, QScrollBar)


def _part_of_a_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if interactive(parent):
            return True
        parent = parent.parentWidget()
    return False


def _own_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QTabBar):
        titles = [widget.tabText(i).strip() for i in range(widget.count())]
        return " ".join(titles) if titles and all(titles) else ""
    return ""


def describe(widget: QWidget) -> str:
    """'QSpinBox contact_months_default in signalSettingsDialog': the widget, its object
    name and the nearest ancestor with one."""
    name = widget.objectName() or "(zonder objectnaam)"
    parent = widget.parentWidget()
    while parent is not None and not parent.objectName():
        parent = parent.parentWidget()
    where = f" in {parent.objectName()}" if parent is not None else ""
    return f"{type(widget).__name__} {name}{where}"


def interactive_widgets(window: QWidget) -> list[QWidget]:
    """The controls of `window` a person uses, each once, without their inner parts."""
    return [
        w
        for w in window.findChildren(QWidget)
        if interactive(w) and not _part_of_a_control(w, window)
    ]


def _buddies(window: QWidget) -> list[QLabel]:
    """The labels with text in the window that name a control (QLabel.setBuddy, and the
    labels QFormLayout.addRow makes)."""
    labels = window.window().findChildren(QLabel) + window.findChildren(QLabel)
    return [label for label in labels if label.buddy() is not None and label.text().strip()]


def accessible_name(widget: QWidget, buddies: list[QLabel] | None = None) -> str:
    """The name a screen reader says for `widget`, by the rules above ('' for none)."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    for label in buddies if buddies is not None else _buddies(widget):
        if label.buddy() is widget:
            return label.text().replace("&", "").strip()
    return _own_text(widget).replace("&", "").strip()


def unnamed_widgets(window: QWidget) -> list[str]:
    """A description of each control of `window` that has no accessible name."""
    # Kept in a list, so that each buddy stays the same Python object findChildren returns.
    buddies = _buddies(window)
    return [describe(w) for w in interactive_widgets(window) if not accessible_name(w, buddies)]
