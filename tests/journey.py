"""What a person does with the app, as test steps: press keys, click, answer dialogs.

Nothing of the app is replaced. A modal dialog is answered the way a person would: the
step that opens it is taken while `answering(...)` waits for it, finds the active dialog,
types and presses its button (caseload_desk/ui/modal.py does the waiting, and closes any
other dialog that turns up so that a failure is reported instead of hanging the run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from caseload_desk.ui.modal import ModalAnswer, Step, describe

D = TypeVar("D", bound=QWidget)
Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier


@contextmanager
def answering(
    qtbot,
    kind: type[D],
    handler: Callable[[D], object],
    *,
    count: int = 1,
    then: Sequence[Step] = (),
    timeout_s=15.0,
) -> Iterator[ModalAnswer[D]]:
    """Answer the next `count` modal dialogs of `kind` opened inside the block (or by work
    the block starts) with `handler`, then those of `then` in order; fails when one does
    not come or another one does."""

    def focused(step_handler: Callable) -> Callable:
        def run(dialog: QWidget) -> object:
            take_keyboard(qtbot, dialog)  # what the window manager does when it opens
            return step_handler(dialog)

        return run

    answer = ModalAnswer(
        kind, focused(handler), count=count, timeout_s=timeout_s,
        then=[(k, focused(h)) for k, h in then],
    )  # fmt: skip
    yield answer
    qtbot.waitUntil(lambda: answer.done or bool(answer.unexpected), timeout=timeout_s * 1000)
    assert answer.problem() is None, answer.problem()


def press_button(dialog: QWidget, text: str) -> None:
    """Press the button labelled `text` (without its & mnemonic), as a click would."""
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "") == text and button.isVisible():
            button.click()
            return
    found = [b.text() for b in dialog.findChildren(QPushButton)]
    raise LookupError(f"geen knop {text!r} in {describe(dialog)}; wel: {found}")


def yes(box: QMessageBox) -> None:
    press_button(box, "Ja")


def ok(box: QMessageBox) -> None:
    press_button(box, "OK")


def take_keyboard(qtbot, window: QWidget) -> None:
    """A window that opens gets the keyboard from the window manager; offscreen there is
    none, so ask for it as the window manager would, and wait until it is so."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def shortcut(qtbot, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    """Press a key combination in `widget`'s window, which has the keyboard, as on screen
    (after a dialog closes, offscreen Qt does not always give it back by itself)."""
    take_keyboard(qtbot, widget.window())
    qtbot.keyClick(widget, key, modifier)


def type_into(qtbot, widget: QWidget, text: str, *, enter: bool = False) -> None:
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def choose_file(qtbot, path: Path) -> Callable[[QFileDialog], None]:
    """A handler for Qt's file dialog: type the full path into the name field, Enter."""

    def handler(dialog: QFileDialog) -> None:
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None, "het bestandsvenster heeft geen naamveld"
        type_into(qtbot, name, str(path))
        box = dialog.findChild(QDialogButtonBox, "buttonBox")
        accept = next(b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole)
        qtbot.waitUntil(accept.isEnabled)  # the dialog looks the name up first, as a person sees
        for _ in range(3):
            if not dialog.isVisible():
                return
            # While the name completer's list is open it has the keyboard, as on a screen.
            qtbot.keyClick(QApplication.activePopupWidget() or name, Qt.Key.Key_Return)
            qtbot.wait(50)

    return handler


def export_date(qtbot, when: date | None = None) -> Callable[[QWidget], None]:
    """A handler for the import's export-date step: type `when` (or keep today), Inlezen."""

    def handler(dialog: QWidget) -> None:
        if when is not None:
            edit = dialog.findChild(QDateEdit, "exportDateEdit")
            assert edit is not None, "de importstap vraagt geen exportdatum"
            edit.setFocus(Qt.FocusReason.TabFocusReason)  # arriving by Tab selects the day
            qtbot.keyClicks(edit, when.strftime("%d%m%Y"))  # each part moves on to the next
            qtbot.waitUntil(lambda: edit.date().toPython() == when)
        press_button(dialog, "Inlezen")

    return handler


def message_text(box: QMessageBox) -> str:
    return f"{box.windowTitle()}\n{box.text()}\n{box.informativeText()}"


def visible_dialog(kind: type[D], name: str | None = None) -> D | None:
    """A shown top-level window of `kind` (a modeless dialog such as the history)."""
    for w in QApplication.topLevelWidgets():
        if isinstance(w, kind) and w.isVisible() and (name is None or w.objectName() == name):
            return w
    return None


def focus_cell(qtbot, view: QAbstractItemView, row: int, col: int) -> QModelIndex:
    """Put the keyboard focus on a cell, as arrow keys would."""
    view.setFocus()
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.currentIndex() == index)
    return index


def open_editor(qtbot, view: QAbstractItemView, index: QModelIndex) -> QWidget:
    """F2 on the current cell; the editor that opens there."""
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert editor is not None, "F2 opende geen invoerveld"
    return editor


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
