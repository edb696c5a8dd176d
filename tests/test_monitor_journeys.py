"""The Monitor window (issue 16) as a praktijkbegeleider uses it: opened with Ctrl+M,
switched between organisation, team and worker and between weeks and months, a point in
a chart clicked to see the measures behind it, and the table exported to Excel.

The numbers are checked against the app's own signals on a peildatum (what the caseload
and `caseload-desk signals` show), not against the monitor engine itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui.monitor.table import FROZEN
from caseload_desk.ui.monitor.window import MonitorWindow
from tests.journey import Ctrl, shortcut, visible_dialog

WORKER = "W001"


def open_monitor(qtbot, main_window) -> MonitorWindow:
    shortcut(qtbot, main_window, Qt.Key.Key_M, Ctrl)
    monitor = visible_dialog(MonitorWindow)
    assert monitor is not None, "Ctrl+M opende geen monitor"
    qtbot.waitUntil(lambda: monitor.model.columnCount() > FROZEN, timeout=20000)
    return monitor


def wait_computed(qtbot, monitor: MonitorWindow, columns: int) -> None:
    qtbot.waitUntil(
        lambda: not monitor.busy_now() and monitor.model.columnCount() == FROZEN + columns,
        timeout=20000,
    )


def row_of(monitor: MonitorWindow, key: str) -> int:
    keys = [i.key for i in monitor.grid.indicators]
    return keys.index(key)


def signals_on(db: Path, peildatum: date, worker: str | None = None) -> list:
    with open_store(db, read_only=True, check="skip") as store:
        return caseload_signals(store, peildatum, worker)


def choose_in_combo(qtbot, combo, text: str) -> None:
    """Pick an entry the way the keyboard does: focus, then type its first letters."""
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} staat niet in de keuzelijst"
    combo.setFocus()
    combo.setCurrentIndex(index)  # what Up/Down/typing ends in; the signal is the user's
