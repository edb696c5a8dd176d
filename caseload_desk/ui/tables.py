"""What every table in the app shares: a row-list model base and one way to make a view."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QTableView

Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """A flat table over `self._rows`, with column titles in `headers`; subclasses add data()."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


def make_table(
    name: str,
    model: QAbstractItemModel | None = None,
    *,
    wrap: bool = False,
    view: QTableView | None = None,
) -> QTableView:
    """A read-only, row-selecting table view with the object name tests and tools look for
    (`view`: an instance of a QTableView subclass to set up, instead of a plain one)."""
    view = view if view is not None else QTableView()
    view.setObjectName(name)
    if model is not None:
        view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Tab leaves the table for the next control; arrows move between cells. With Qt's
    # default, Tab only walked the cells, so a keyboard user could never leave a table.
    view.setTabKeyNavigation(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(wrap)
    return view
