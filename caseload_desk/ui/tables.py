"""What every table in the app shares: a row-list model base and one way to make a view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
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


class ColumnFitter(QObject):
    """Keeps a table's visible columns within its width, so it never scrolls sideways:
    columns are sized to their content, then the `shrink` columns (long free text) give
    up width, down to `floor` pixels each; their text is elided, the tooltip has it all.
    Runs when the model resets and when the view is resized."""

    def __init__(
        self, view: QTableView, shrink: Sequence[int], floor: int = 90, last: int = 170
    ) -> None:
        super().__init__(view)
        self.view, self.shrink, self.floor, self.last = view, tuple(shrink), floor, last
        view.viewport().installEventFilter(self)
        view.horizontalHeader().setStretchLastSection(True)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        model = view.model()
        if model is not None:
            model.modelReset.connect(self.fit)
            model.layoutChanged.connect(self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not visible:
            return
        last = visible[-1]
        for c in visible[:-1]:
            header.resizeSection(c, max(view.sizeHintForColumn(c), header.sectionSizeHint(c)))
        room = view.viewport().width()
        # The last column stretches over what is left; it asks for `self.last` at most.
        wanted = min(max(view.sizeHintForColumn(last), header.sectionSizeHint(last)), self.last)
        wanted = max(wanted, header.defaultSectionSize())  # a stretched section's minimum
        excess = sum(header.sectionSize(c) for c in visible[:-1]) + wanted - room
        # Each shrinkable column gives up width in proportion to what it can spare.
        spare = {c: header.sectionSize(c) - self.floor for c in self.shrink
                 if c in visible[:-1] and header.sectionSize(c) > self.floor}  # fmt: skip
        total = sum(spare.values())
        if excess <= 0 or not total:
            return
        for c, can in spare.items():
            header.resizeSection(c, header.sectionSize(c) - min(can, excess * can // total + 1))
