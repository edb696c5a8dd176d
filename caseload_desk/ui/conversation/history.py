"""Earlier conversations of a worker: a list, and the chosen one in full."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import Worker
from caseload_desk.ui.conversation.report_text import conversation_html

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Datum", "Praktijkbegeleider", "Status", "Onder druk", "Met signaal")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ConversationListModel(QAbstractTableModel):
    def __init__(self, rows: list[conv.Conversation], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = lambda n: "" if n is None else str(n)  # noqa: E731
            return (
                nl(c.datum), c.praktijkbegeleider, "afgerond" if c.afgerond else "concept",
                count(c.aantal_onder_druk), count(c.aantal_met_signaal),
            )[index.column()]  # fmt: skip
        if role == ID_ROLE:
            return c.id
        return None


class HistoryDialog(QDialog):
    def __init__(self, store: Store, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"Eerdere caseloadgesprekken met {worker.naam}")
        self.resize(980, 600)
        self.store = store
        rows = list(reversed(conv.conversations(store, worker.medewerker_id)))  # newest first
        self.model = ConversationListModel(rows, self)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.resizeColumnsToContents()
        self.detail = QTextBrowser()
        self.detail.setObjectName("historyDetail")
        self.table.selectionModel().currentRowChanged.connect(self._show)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([460, 520])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        if rows:
            self.table.selectRow(0)
        else:
            self.detail.setHtml("<p>Er zijn nog geen caseloadgesprekken met deze medewerker.</p>")

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.detail.setHtml(conversation_html(self.store, current.data(ID_ROLE)))
