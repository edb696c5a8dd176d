"""The follow-up table: earlier open actions, each to be marked in this conversation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from caseload_desk.dates import nl
from caseload_desk.domain import FOLLOW_UP_STATUSES, ActionStatus
from caseload_desk.store.conversations import Action, FollowUp
from caseload_desk.ui.itemdata import as_optional_enum
from caseload_desk.ui.resources import icon
from caseload_desk.ui.style import RED
from caseload_desk.ui.tables import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Afgesproken", "Maatregel", "Actie", "Eigenaar", "Deadline", "Opvolging", "Notitie")
STATUS_COL, NOTE_COL = 5, 6
NOT_YET = "nog niet opgevolgd"
# (label, status) for the status editor; None: not followed up (yet).
STATUS_CHOICES: tuple[tuple[str, ActionStatus | None], ...] = (
    (NOT_YET, None),
    *((s.label, s) for s in FOLLOW_UP_STATUSES),
)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # the follow-up status itself, or None

# Writes a follow-up: (action id, status or None to clear, note).
Recorder = Callable[[int, ActionStatus | None, str], None]


class FollowUpModel(RowsTableModel):
    headers = HEADERS

    def __init__(self, recorder: Recorder, parent: Any = None) -> None:
        super().__init__(parent)
        self._gesprek_id = 0
        self._peildatum = date.today()
        self._record = recorder

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

    def pending(self) -> list[Action]:
        return [a for a in self._rows if self.current(a) is None]

    def action_at(self, row: int) -> Action:
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in (STATUS_COL, NOTE_COL):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a, col = self._rows[index.row()], index.column()
        f = self.current(a)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (
                nl(a.gesprek_datum), a.maatregel_id or "algemeen", a.omschrijving,
                a.eigenaar.label, nl(a.deadline), f.status.label if f else NOT_YET,
                f.notitie if f else "",
            )[col]  # fmt: skip
        if role == STATUS_ROLE:
            return f.status.value if f else None
        overdue = a.deadline < self._peildatum
        if role == Qt.ItemDataRole.DecorationRole and col == STATUS_COL:
            # Only a closed action gets the tick; "loopt nog" is still open work.
            if f is not None and not f.status.is_open:
                return icon("ok")
            return icon("alarm" if overdue else "warning" if f else "info")
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and overdue:
            return RED
        if role == Qt.ItemDataRole.ToolTipRole:
            history = "; ".join(f"{nl(x.gesprek_datum)} {x.status.label}" for x in a.follow_ups)
            return a.omschrijving + (f" (eerder: {history})" if history else "")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        a = self._rows[index.row()]
        f = self.current(a)
        if index.column() == STATUS_COL:
            status = as_optional_enum(ActionStatus, value)
            self._record(a.id, status, f.notitie if f else "")
        elif index.column() == NOTE_COL:
            # A note alone means "loopt nog" until the user picks otherwise.
            status = f.status if f else ActionStatus.LOOPT_NOG
            self._record(a.id, status, str(value))
        else:
            return False
        return True
