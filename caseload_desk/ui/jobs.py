"""Run slow work (imports) on a worker thread with its own database connection.

The job gets plain data (paths), never a widget; its result or error is delivered on the
GUI thread through Qt signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _JobSignals(QObject):
    progress = Signal(str)
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    """`work(progress)` runs on a pool thread; `progress(text)` may be called from it."""

    def __init__(self, work: Callable[[Callable[[str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _JobSignals()
        self.setAutoDelete(False)  # we keep a reference until the result is delivered

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except BaseException as exc:  # delivered to the GUI thread, shown as a dialog
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def start(job: Job) -> None:
    QThreadPool.globalInstance().start(job)
