"""The caseload panel: quick filters above the table of the selected worker's measures."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.domain import MeasureType
from caseload_desk.ui.caseload.columns import TableColumns
from caseload_desk.ui.caseload.model import HEADERS, ROW_ROLE, CaseloadModel, Col
from caseload_desk.ui.caseload.proxy import CaseloadProxy
from caseload_desk.ui.caseload.rows import CaseloadRow
from caseload_desk.ui.elided_label import ElidedLabel
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.names import name_clear_button
from caseload_desk.ui.tables import make_table

# Shown at first: what a caseload conversation looks at, side by side at 1366x768. The
# others are a right click on the column titles away (or Beeld > Kolommen).
DEFAULT_HIDDEN = frozenset({Col.ACTIES, Col.TYPE, Col.START, Col.EINDE})
COLUMN_KEYS = [c.name.lower() for c in Col]  # stable names for the settings


class CaseloadTable(QTableView):
    """Enter opens the current dossier, like a double click."""

    activated_row = Signal(object)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(item(self.currentIndex(), ROW_ROLE, CaseloadRow))
            return
        super().keyPressEvent(event)


class CaseloadView(QWidget):
    """Emits `current_changed` with the selected CaseloadRow (or None)."""

    current_changed = Signal(object)
    open_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseloadModel(self)
        self.proxy = CaseloadProxy(self)
        self.proxy.setSourceModel(self.model)
        self.title = ElidedLabel()
        self.title.setObjectName("caseloadTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.count_label = QLabel()
        self.count_label.setObjectName("caseloadCount")
        # The worker's load beside the name; hidden for the CRT/CCP list.
        self.load_label = QLabel()
        self.load_label.setObjectName("caseloadLoad")
        self.load_label.hide()
        self.table = self._make_table()
        self.columns = TableColumns(
            self.table, [HEADERS[c] for c in Col], COLUMN_KEYS,
            fixed={Col.MAATREGEL}, elastic={Col.SIGNALEN, Col.JEUGDIGE},
        )  # fmt: skip
        self.columns.set_hidden([COLUMN_KEYS[c] for c in DEFAULT_HIDDEN])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.load_label)
        head.addSpacing(12)
        head.addWidget(self.count_label)
        layout.addLayout(head)
        layout.addLayout(self._make_filters())
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _make_table(self) -> CaseloadTable:
        table = CaseloadTable(self)
        make_table("caseloadTable", self.proxy, view=table)
        table.setSortingEnabled(True)
        table.sortByColumn(Col.ONDER_DRUK, Qt.SortOrder.DescendingOrder)
        table.setAlternatingRowColors(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.setAccessibleName("Caseload van de medewerker")
        table.selectionModel().currentRowChanged.connect(self._on_current)
        table.doubleClicked.connect(
            lambda i: self.open_requested.emit(item(i, ROW_ROLE, CaseloadRow))
        )
        table.activated_row.connect(self.open_requested)
        return table

    def _make_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.onder_druk_filter = QCheckBox("Alleen onder &druk")
        self.onder_druk_filter.setObjectName("onderDrukFilter")
        self.onder_druk_filter.toggled.connect(self.proxy.set_only_onder_druk)
        self.signal_filter = QCheckBox("Met een s&ignaal")  # not &s: Alt+S starts the conversation
        self.signal_filter.setObjectName("signalFilter")
        self.signal_filter.toggled.connect(self.proxy.set_only_signal)
        row.addWidget(self.onder_druk_filter)
        row.addWidget(self.signal_filter)
        self.type_boxes: dict[MeasureType, QCheckBox] = {}
        for t in MeasureType:
            box = QCheckBox(t.value)
            box.setObjectName(f"typeFilter_{t.name}")
            box.setToolTip(f"Alleen {t.label.lower()}")
            box.toggled.connect(self._types_changed)
            self.type_boxes[t] = box
            row.addWidget(box)
        self.search = QLineEdit()
        self.search.setObjectName("caseloadSearch")
        self.search.setPlaceholderText("Zoek op maatregel of jeugdige (Ctrl+F)")
        self.search.setAccessibleName("Zoek op maatregel of jeugdige")
        self.search.setClearButtonEnabled(True)
        name_clear_button(self.search)
        self.search.textChanged.connect(self.proxy.set_text)
        row.addWidget(self.search, 1)
        return row

    def _types_changed(self) -> None:
        chosen = frozenset(t for t, box in self.type_boxes.items() if box.isChecked())
        self.proxy.set_types(chosen)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def set_rows(self, title: str, rows: list[CaseloadRow]) -> None:
        current = self.current_row()
        self.title.setText(title)
        self.model.set_rows(rows)
        if current is not None:
            self.select(current.maatregel_id)
        else:
            self.current_changed.emit(None)

    def set_load(self, text: str, tip: str = "", *, over: bool = False, spoken: str = "") -> None:
        """'Belasting 92 %' beside the name; above the norm bold and red (with its mark in
        `text`). Empty `text`: hidden."""
        self.load_label.setText(text)
        self.load_label.setToolTip(tip)
        self.load_label.setAccessibleName(spoken or text)
        weight = "700" if over else "400"
        colour = "#9B2C1F" if over else "#222222"
        self.load_label.setStyleSheet(f"font-size: 13px; font-weight: {weight}; color: {colour};")
        self.load_label.setVisible(bool(text))

    def size_columns(self) -> None:
        """Columns as wide as their content (within limits), fitted to the table."""
        self.columns.measure()

    def visible_rows(self) -> list[CaseloadRow]:
        indexes = (self.proxy.index(i, 0) for i in range(self.proxy.rowCount()))
        return [r for i in indexes if (r := item(i, ROW_ROLE, CaseloadRow)) is not None]

    def current_row(self) -> CaseloadRow | None:
        return item(self.table.currentIndex(), ROW_ROLE, CaseloadRow)

    def select(self, maatregel_id: str) -> bool:
        source_row = self.model.row_of(maatregel_id)
        if source_row < 0:
            self.current_changed.emit(None)
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        return True

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(item(current, ROW_ROLE, CaseloadRow))

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        onder_druk = sum(1 for r in self.model.rows() if r.signals.onder_druk)
        text = f"{total} lopende maatregelen, {onder_druk} onder druk"
        if shown != total:
            text = f"{shown} van {text}"
        self.count_label.setText(text)
