"""The follow-up table: earlier open actions, each to be marked in this conversation.

Read-only cells: the status is set by a key or a button and the note in its own editor
(follow_up_panel.py), so nothing is set as a side effect of typing in a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from caseload_desk.dates import nl
from caseload_desk.store.conversations import Action, FollowUp
from caseload_desk.ui.conversation.status_look import look_of
from caseload_desk.ui.resources import icon
from caseload_desk.ui.style import RED
from caseload_desk.ui.tables import RowsTableModel

Index = QModelIndex | QPersistentModelIndex


class FCol(IntEnum):
    OVER = 0
    ACTIE = 1
    EIGENAAR = 2
    DEADLINE = 3
    OPVOLGING = 4
    EERDER = 5


HEADERS = ("Over", "Actie", "Eigenaar", "Deadline", "Opvolging nu", "Vorige keer")
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the follow-up status itself, or None
ACTION_ROLE = Qt.ItemDataRole.UserRole + 2


def earlier(a: Action, gesprek_id: int) -> list[FollowUp]:
    """Follow-ups from conversations before this one, oldest first."""
    return [f for f in a.follow_ups if f.gesprek_id != gesprek_id]


def follow_up_line(f: FollowUp) -> str:
    note = f": {f.notitie}" if f.notitie else ""
    return f"{nl(f.gesprek_datum)} {f.status.label.lower()}{note}"


def over_text(a: Action) -> str:
    """What the action is about; "(uit export)" right after the measure's id when the
    measure left the export: the column is narrow and elides, so the mark comes early
    (the tooltip and the story beside the table say since when)."""
    if not a.left_export_note or a.maatregel_id is None:
        return a.about
    child = f" · {a.jeugdige}" if a.jeugdige else ""
    return f"{a.maatregel_id} (uit export){child}"


class FollowUpModel(RowsTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._gesprek_id = 0
        self._peildatum = date.today()

    def set_actions(self, actions: Sequence[Action], gesprek_id: int, peildatum: date) -> None:
        self.beginResetModel()
        self._rows, self._gesprek_id, self._peildatum = list(actions), gesprek_id, peildatum
        self.endResetModel()

    def update_action(self, action: Action) -> None:
        for i, a in enumerate(self._rows):
            if a.id == action.id:
                self._rows[i] = action
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(HEADERS) - 1))

    def current(self, a: Action) -> FollowUp | None:
        """The follow-up recorded in this conversation, if any."""
        return next((f for f in a.follow_ups if f.gesprek_id == self._gesprek_id), None)

    def actions(self) -> list[Action]:
        return list(self._rows)

    def pending(self) -> list[Action]:
        return [a for a in self._rows if self.current(a) is None]

    def action_at(self, row: int) -> Action:
        return self._rows[row]

    def row_of(self, actie_id: int) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == actie_id), -1)

    def is_overdue(self, a: Action) -> bool:
        f = self.current(a)
        return (f is None or f.status.is_open) and a.deadline < self._peildatum

    def _display(self, a: Action, col: FCol) -> str:
        f = self.current(a)
        before = earlier(a, self._gesprek_id)
        return {
            FCol.OVER: over_text(a),
            FCol.ACTIE: a.omschrijving,
            FCol.EIGENAAR: a.eigenaar.label,
            FCol.DEADLINE: nl(a.deadline) + (" (verlopen)" if self.is_overdue(a) else ""),
            FCol.OPVOLGING: look_of(f.status if f else None).word,
            FCol.EERDER: follow_up_line(before[-1]) if before else "—",
        }[col]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a, col = self._rows[index.row()], FCol(index.column())
        f = self.current(a)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._display(a, col)
            if role == Qt.ItemDataRole.ToolTipRole and col == FCol.OPVOLGING:
                return f"{text}. Toetsen: 1 afgerond, 2 loopt nog, 3 vervallen, 0 wissen."
            if role == Qt.ItemDataRole.ToolTipRole and col == FCol.OVER and a.left_export_note:
                return f"{a.about}: maatregel {a.left_export_note}"
            return text
        if role == STATUS_ROLE:
            return f.status.value if f else None
        if role == ACTION_ROLE:
            return a
        if role == Qt.ItemDataRole.DecorationRole and col == FCol.OVER and a.left_export_note:
            return icon("info")
        if role == Qt.ItemDataRole.DecorationRole and col == FCol.OPVOLGING:
            return icon(look_of(f.status if f else None).icon)
        if role == Qt.ItemDataRole.DecorationRole and col == FCol.DEADLINE and self.is_overdue(a):
            return icon("alarm")
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == FCol.OPVOLGING:
                return look_of(f.status if f else None).colour
            if col == FCol.DEADLINE and self.is_overdue(a):
                return RED
        return None
