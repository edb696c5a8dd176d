"""The measures behind one value of the monitor: clicked in a chart, or Enter in the table."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.monitor.grid import Indicator, MeasureLine
from caseload_desk.ui.tables import ColumnFitter, RowsTableModel, make_table
from caseload_desk.words import count

Index = QModelIndex | QPersistentModelIndex
LINE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class MeasureLinesModel(RowsTableModel):
    headers = ("Maatregel", "Jeugdige", "Medewerker", "Type", "Start", "Reden")

    def __init__(self, rows: list[MeasureLine], parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m: MeasureLine = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (m.maatregel_id, m.jeugdige, m.medewerker, m.type, nl(m.startdatum),
                    m.reden)[col]  # fmt: skip
        if role == SORT_ROLE:  # dates sort as dates, not as dd-mm-jjjj text
            return m.startdatum.toordinal() if col == 4 else self.data(index)
        if role == LINE_ROLE:
            return m
        return None


class MeasuresDialog(QDialog):
    """Non-modal, like the history: the monitor stays usable beside it."""

    open_dossier = Signal(str, str)  # maatregel_id, medewerker_id ('' without vaste JB)

    def __init__(
        self,
        indicator: Indicator,
        peildatum: date,
        scope: str,
        rows: list[MeasureLine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("monitorMeasuresDialog")
        self.setWindowTitle(f"{indicator.label} op {nl(peildatum)}")
        self.model = MeasureLinesModel(rows, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = make_table("monitorMeasuresTable", self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(f"Maatregelen achter {indicator.label}")
        ColumnFitter(self.table, shrink=(1, 2), floor=110, last=420)
        self.table.activated.connect(lambda _index: self._open())
        self.summary = QLabel(
            f"<b>{indicator.label}</b> · {scope} · peildatum {nl(peildatum)}: "
            f"{count(len(rows), 'maatregel', 'maatregelen')}"
        )
        self.summary.setObjectName("monitorMeasuresSummary")
        self.summary.setWordWrap(True)
        explanation = QLabel(indicator.explanation)
        explanation.setWordWrap(True)
        self.open_button = QPushButton("&Dossier openen")
        self.open_button.setObjectName("monitorOpenDossier")
        self.open_button.setToolTip("Het gekozen dossier in het hoofdvenster tonen (Enter)")
        self.open_button.clicked.connect(self._open)
        self.open_button.setEnabled(bool(rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 520)
        if rows:
            self.table.selectRow(0)

    def lines(self) -> list[MeasureLine]:
        """The rows in the order shown."""
        found = []
        for r in range(self.proxy.rowCount()):
            line = item(self.proxy.index(r, 0), LINE_ROLE, MeasureLine)
            if line is not None:
                found.append(line)
        return found

    def current(self) -> MeasureLine | None:
        return item(self.table.currentIndex(), LINE_ROLE, MeasureLine)

    def _open(self) -> None:
        line = self.current()
        if line is not None:
            self.open_dossier.emit(line.maatregel_id, line.medewerker_id)
