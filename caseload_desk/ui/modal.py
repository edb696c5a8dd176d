"""Answer a modal dialog the way a person does: wait until it is shown, then act on it.

A modal dialog runs its own event loop (`exec()`), so whoever wants to answer it must be
waiting before it opens. `ModalAnswer` polls for the active modal dialog and runs a handler
on it (type, choose, press a button). The self-test uses it to go through the app's real
dialogs, and so do the journey tests. A dialog of another kind than expected (an error
message, say) is recorded and closed, and so is the expected one when the handler fails,
so that a failing step reports instead of hanging.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

D = TypeVar("D", bound=QWidget)
POLL_MS = 20


Step = tuple[type[QWidget], Callable[[Any], object]]


class ModalAnswer(Generic[D]):
    """Wait (from now on) for `count` modal dialogs of `kind`, one after the other, and run
    `handler` on each; then for the dialogs of `then`, in that order, each with its own
    handler (a file dialog followed by a message, say)."""

    def __init__(
        self,
        kind: type[D],
        handler: Callable[[D], object],
        *,
        count: int = 1,
        then: Sequence[Step] = (),
        timeout_s: float = 10.0,
    ) -> None:
        self.steps: list[Step] = [(kind, handler)] * count + list(then)
        self.count = len(self.steps)
        self.dialogs: list[QWidget] = []
        self.error: BaseException | None = None
        self.unexpected: list[str] = []
        self._deadline = time.monotonic() + timeout_s
        self._stopped = False
        QTimer.singleShot(0, self._poll)

    @property
    def done(self) -> bool:
        return len(self.dialogs) >= self.count or self.error is not None

    def problem(self) -> str | None:
        """What went wrong, in a sentence, or None when the dialog was answered."""
        if self.unexpected:
            return "onverwacht venster: " + "; ".join(self.unexpected)
        if self.error is not None:
            return f"{type(self.error).__name__}: {self.error}"
        if len(self.dialogs) < self.count:
            kind = self.steps[len(self.dialogs)][0]
            seen = f"{len(self.dialogs)} van {self.count}"
            return f"venster {kind.__name__} verscheen niet ({seen})"
        return None

    def _poll(self) -> None:
        if self._stopped:
            return
        modal = QApplication.activeModalWidget()
        kind, handler = self.steps[min(len(self.dialogs), self.count - 1)]
        if isinstance(modal, QProgressDialog) and not issubclass(kind, QProgressDialog):
            modal = None  # work in progress: nothing to answer, wait for what comes next
        fresh = modal is not None and not any(d is modal for d in self.dialogs)
        if fresh and modal.isVisible():
            if isinstance(modal, kind) and not self.done:
                self.dialogs.append(modal)
                # Keep watching while the handler works: a dialog it opens, or one that
                # opens behind it, is still seen (a timer never fires inside its own slot).
                QTimer.singleShot(POLL_MS, self._poll)
                try:
                    handler(modal)
                except Exception as exc:  # report it; never leave the dialog open
                    self.error = exc
                    self._stopped = True
                    close(modal)
                return
            self.unexpected.append(describe(modal))
            close(modal)
        if self.done and not self._still_open():
            self._stopped = True
        elif time.monotonic() < self._deadline:
            QTimer.singleShot(POLL_MS, self._poll)
        elif self._still_open():  # answered, but it did not close: report, never hang
            self.error = TimeoutError(f"{describe(self.dialogs[-1])} bleef open")
            close(self.dialogs[-1])

    def _still_open(self) -> bool:
        return bool(self.dialogs) and self.dialogs[-1].isVisible()


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QMessageBox) else ""
    return f"'{widget.windowTitle()}'" + (f": {text}" if text else "")


def close(widget: QWidget) -> None:
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()


def press(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    """Press a message box's button, as a click would."""
    found = box.button(button)
    if found is None:
        raise LookupError(f"knop {button.name} ontbreekt in {describe(box)}")
    found.click()


def press_role(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    """Press the (custom) button of a message box that has `role`, as a click would."""
    for button in box.buttons():
        if box.buttonRole(button) == role:
            button.click()
            return
    raise LookupError(f"geen knop met rol {role.name} in {describe(box)}")
