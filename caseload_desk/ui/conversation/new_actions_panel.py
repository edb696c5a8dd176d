"""Step 3 of the conversation: the actions agreed in it, to check, change or remove."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout

from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.ui.actions_model import ACTION_ROLE, ACol, ActionsModel
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.tables import ColumnFitter, make_table


class NewActionsPanel(QGroupBox):
    edit_requested = Signal(object)  # Action
    delete_requested = Signal(object)  # Action

    def __init__(self, store: Store, gesprek_id: int, parent=None) -> None:
        super().__init__("3. Nieuwe acties in dit gesprek (Alt+3)", parent)
        self.setObjectName("newActionsPanel")
        self.store, self.gesprek_id = store, gesprek_id
        self.model = ActionsModel(self)
        self.view = make_table("newActionsTable", self.model)
        self.view.setAccessibleName("Nieuwe acties in dit gesprek")
        for col in (ACol.AFGESPROKEN, ACol.STATUS, ACol.OPVOLGING):
            self.view.setColumnHidden(col, True)
        ColumnFitter(self.view, shrink=(ACol.ACTIE, ACol.MAATREGEL, ACol.EIGENAAR), last=100)
        self.view.doubleClicked.connect(lambda _i: self._request(self.edit_requested))
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(lambda: self._request(self.delete_requested))
        edit = QPushButton("Wijz&igen… (Ctrl+E)")
        edit.setObjectName("editActionButton")
        edit.setAutoDefault(False)
        edit.clicked.connect(lambda: self._request(self.edit_requested))
        remove = QPushButton("&Verwijderen… (Delete)")
        remove.setObjectName("removeActionButton")
        remove.setAutoDefault(False)
        remove.clicked.connect(lambda: self._request(self.delete_requested))
        buttons = QHBoxLayout()
        buttons.addWidget(edit)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def load(self, peildatum: date, select: int | None = None) -> None:
        actions = conv.actions_of_conversation(self.store, self.gesprek_id)
        self.model.set_actions(actions, peildatum)
        ids = [a.id for a in actions]
        if select in ids:
            self.view.selectRow(ids.index(select))
        elif select == 0 and ids:  # after a delete: the first that is left
            self.view.selectRow(0)

    def current(self) -> conv.Action | None:
        return item(self.view.currentIndex(), ACTION_ROLE, conv.Action)

    def _request(self, signal) -> None:
        action = self.current()
        if action is not None:
            signal.emit(action)
