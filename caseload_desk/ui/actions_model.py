"""A table of actions with their follow-up history; used by the dossier panel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from caseload_desk.dates import nl
from caseload_desk.store.conversations import Action
from caseload_desk.ui.resources import icon
from caseload_desk.ui.style import RED
from caseload_desk.ui.tables import RowsTableModel

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class ACol(IntEnum):
    AFGESPROKEN = 0
    MAATREGEL = 1
    ACTIE = 2
    EIGENAAR = 3
    DEADLINE = 4
    STATUS = 5
    OPVOLGING = 6


HEADERS = (
    "Afgesproken",
    "Over",
    "Actie",
    "Eigenaar",
    "Deadline",
    "Status",
    "Laatste opvolging",
)


def follow_up_text(a: Action) -> str:
    f = a.last_follow_up
    if f is None:
        return ""
    note = f": {f.notitie}" if f.notitie else ""
    return f"{nl(f.gesprek_datum)} {f.status.label.lower()}{note}"


def is_overdue(a: Action, peildatum: date) -> bool:
    return a.status.is_open and a.deadline < peildatum


class ActionsModel(RowsTableModel):
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.peildatum = date.today()

    def set_actions(self, actions: Sequence[Action], peildatum: date) -> None:
        self.beginResetModel()
        self._rows = list(actions)
        self.peildatum = peildatum
        self.endResetModel()

    def actions(self) -> list[Action]:
        return list(self._rows)

    def _display(self, a: Action, col: ACol) -> str:
        return {
            ACol.AFGESPROKEN: nl(a.gesprek_datum),
            ACol.MAATREGEL: f"{a.about} ({a.left_export_note})" if a.left_export_note else a.about,
            ACol.ACTIE: a.omschrijving,
            ACol.EIGENAAR: a.eigenaar.label,
            ACol.DEADLINE: nl(a.deadline),
            ACol.STATUS: a.status.label + (" (verlopen)" if is_overdue(a, self.peildatum) else ""),
            ACol.OPVOLGING: follow_up_text(a),
        }[col]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a, col = self._rows[index.row()], ACol(index.column())
        overdue = is_overdue(a, self.peildatum)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(a, col)
        if role == Qt.ItemDataRole.DecorationRole and col == ACol.STATUS:
            return icon("alarm" if overdue else "info" if a.status.is_open else "ok")
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and overdue
            and col in (ACol.DEADLINE, ACol.STATUS)
        ):
            return RED
        if role == ACTION_ROLE:
            return a
        if role == SORT_ROLE:
            return a.deadline.toordinal() if col == ACol.DEADLINE else self._display(a, col)
        return None
