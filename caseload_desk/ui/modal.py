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
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

D = TypeVar("D", bound=QWidget)
POLL_MS = 20


class ModalAnswer(Generic[D]):
    """Wait (from now on) for `count` modal dialogs of `kind`, one after the other, and run
    `handler` on each."""

    def __init__(
        self,
        kind: type[D],
        handler: Callable[[D], object],
        *,
        count: int = 1,
        timeout_s: float = 10.0,
    ) -> None:
        self.kind, self.handler, self.count = kind, handler, count
        self.dialogs: list[D] = []
        self.titles: list[str] = []
        self.error: BaseException | None = None
        self.unexpected: list[str] = []
        self._deadline = time.monotonic() + timeout_s
        QTimer.singleShot(0, self._poll)

    @property
    def dialog(self) -> D | None:
        """The (last) dialog answered."""
        return self.dialogs[-1] if self.dialogs else None

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
            seen = f"{len(self.dialogs)} van {self.count}"
            return f"venster {self.kind.__name__} verscheen niet ({seen})"
        return None

    def _poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and not any(d is modal for d in self.dialogs):
            if isinstance(modal, self.kind):
                self.dialogs.append(modal)
                self.titles.append(describe(modal))
                try:
                    self.handler(modal)
                except Exception as exc:  # report it; never leave the dialog open
                    self.error = exc
                    close(modal)
                    return
                if self.done:
                    return
            else:
                self.unexpected.append(describe(modal))
                close(modal)
        if time.monotonic() < self._deadline:
            QTimer.singleShot(POLL_MS, self._poll)


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
