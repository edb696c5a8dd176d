"""The monitor table in the organisation's layout: indicators as rows, peildata as
columns, and a norm column. The indicator and norm columns stay in view while the 52
weekly columns scroll sideways: two views side by side on one model and one selection."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QWidget

from caseload_desk.dates import nl
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.monitor.grid import EMPTY, MonitorGrid
from caseload_desk.ui.style import RED, ROW_ALERT
from caseload_desk.ui.tables import make_table

Index = QModelIndex | QPersistentModelIndex
FROZEN = 2  # the indicator and norm columns
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the indicator's key
DATE_ROLE = Qt.ItemDataRole.UserRole + 2  # the peildatum of a value cell


class MonitorTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid: MonitorGrid = EMPTY
        self._bold = QFont()
        self._bold.setBold(True)

    def set_grid(self, grid: MonitorGrid) -> None:
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FROZEN + len(self.grid.peildata)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section < FROZEN:
                return ("Indicator", "Norm")[section]
            d = self.grid.peildata[section - FROZEN]
            # Day and month over the year: a narrow column, so more weeks in view.
            return f"{d.day:02d}-{d.month:02d}\n{d.year}"
        if role == Qt.ItemDataRole.ToolTipRole and section >= FROZEN:
            return f"Peildatum {nl(self.grid.peildata[section - FROZEN])}"
        return None

    def peildatum(self, column: int) -> date | None:
        return self.grid.peildata[column - FROZEN] if column >= FROZEN else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        indicator = self.grid.indicators[index.row()]
        col = index.column()
        value = self.grid.values[index.row()][col - FROZEN] if col >= FROZEN else None
        match role:
            case Qt.ItemDataRole.DisplayRole:
                if col == 0:
                    return indicator.label
                if col == 1:
                    return indicator.norm_text()
                return indicator.value_text(value)
            case Qt.ItemDataRole.ToolTipRole | Qt.ItemDataRole.AccessibleTextRole:
                if col == 0:
                    return f"{indicator.label}: {indicator.explanation}"
                if col == 1:
                    if indicator.norm is None:
                        return f"{indicator.label}: geen norm"
                    kind = "minimaal" if indicator.percent else "maximaal"
                    return f"Norm voor {indicator.label}: {kind} {indicator.norm_text()[2:]}"
                when = nl(self.grid.peildata[col - FROZEN])
                shown = indicator.value_text(value, sign=False)
                return (
                    f"{indicator.label} op {when}: {shown}, {indicator.judgement(value)}. "
                    "Enter of dubbelklik: de maatregelen"
                )
            case Qt.ItemDataRole.TextAlignmentRole:
                if col == 0:
                    return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            case Qt.ItemDataRole.BackgroundRole if indicator.past_norm(value):
                return ROW_ALERT
            case Qt.ItemDataRole.ForegroundRole if indicator.past_norm(value):
                return RED
            case Qt.ItemDataRole.FontRole if col == 0 or indicator.past_norm(value):
                return self._bold
            case _ if role == KEY_ROLE:
                return indicator.key
            case _ if role == DATE_ROLE and col >= FROZEN:
                return self.grid.peildata[col - FROZEN]
        return None


class FrozenTable(QWidget):
    """Two views on one model: the left one shows the indicator and norm, the right one
    the peildata and scrolls sideways; they share the selection and the row scrolling.
    `cell_activated(key, peildatum)`: Enter or a double click on a value."""

    cell_activated = Signal(str, object)
    current_row_changed = Signal(int)

    def __init__(self, model: MonitorTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fixed = make_table("monitorFixedTable", model)
        self.fixed.setAccessibleName("Indicatoren en normen")
        self.values = make_table("monitorTable", model)
        self.values.setAccessibleName("Indicatoren per peildatum")
        self.values.setSelectionModel(self.fixed.selectionModel())
        self.fixed.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.current_row_changed.emit(current.row())
        )
        for view in (self.fixed, self.values):
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
            view.horizontalHeader().setStretchLastSection(False)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.activated.connect(self._activated)
        self.fixed.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The right view's sideways scroll bar takes room below the rows: the left one
        # leaves the same room, so the rows stay side by side.
        self.fixed.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fixed.horizontalScrollBar().setEnabled(False)
        self.values.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fixed.verticalScrollBar().valueChanged.connect(
            self.values.verticalScrollBar().setValue
        )
        self.values.verticalScrollBar().valueChanged.connect(
            self.fixed.verticalScrollBar().setValue
        )
        model.modelReset.connect(self._arrange)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.fixed)
        layout.addWidget(self.values, 1)
        self.setFocusProxy(self.values)

    def _arrange(self) -> None:
        columns = self.model.columnCount()
        for c in range(columns):
            self.fixed.setColumnHidden(c, c >= FROZEN)
            self.values.setColumnHidden(c, c < FROZEN)
        header = self.fixed.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.values.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # One header height for both: the dates take two lines, and with a lower header
        # on the left every row there would sit half a row above its values.
        tall = max(h.sizeHint().height() for h in (header, self.values.horizontalHeader()))
        for h in (header, self.values.horizontalHeader()):
            h.setFixedHeight(tall)
        width = sum(header.sectionSize(c) for c in range(min(FROZEN, columns)))
        self.fixed.setFixedWidth(width + 2 * self.fixed.frameWidth())
        self._fit_height()
        # The latest peildatum whole in view, at the right, as the organisation reads it.
        bar = self.values.horizontalScrollBar()
        bar.setValue(bar.maximum())

    def current_row(self) -> int:
        return self.values.currentIndex().row()

    def _fit_height(self) -> None:
        """As high as its rows (ten): the room below is the current row's chart."""
        rows = self.model.rowCount()
        view = self.values
        height = view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(rows))
        height += view.horizontalScrollBar().sizeHint().height() + 2 * view.frameWidth() + 2
        self.setFixedHeight(height)

    def _activated(self, index: QModelIndex) -> None:
        key, when = item(index, KEY_ROLE, str), item(index, DATE_ROLE, date)
        if key and when is not None:
            self.cell_activated.emit(key, when)
