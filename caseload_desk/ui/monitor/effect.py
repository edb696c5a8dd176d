"""The effect of the caseloadgesprekken, summed per team, as a tab of the monitor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from caseload_desk.ui.monitor.grid import TeamEffect
from caseload_desk.ui.tables import RowsTableModel, make_table

Index = QModelIndex | QPersistentModelIndex


class TeamEffectModel(RowsTableModel):
    headers = ("Team", "Gesprekken", "Onder druk met actie", "Daarna niet meer onder druk",
               "Nog onder druk", "Beëindigd", "Aandeel", "Wacht op volgend gesprek")  # fmt: skip

    def set_rows(self, rows: list[TeamEffect]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rows(self) -> list[TeamEffect]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e: TeamEffect = self._rows[index.row()]
        t, col = e.total, index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            share = "–" if t.pct_improved is None else f"{t.pct_improved} %"
            return (e.team, t.gesprekken, t.onder_druk_met_actie, t.niet_meer_onder_druk,
                    t.nog_onder_druk, t.beeindigd, share, t.open_gesprekken)[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.team}: {e.sentence()}"
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self._rows) - 1 > 0:
            bold = QFont()  # the last of several rows: the scope's sum
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EffectPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorEffect")
        self.model = TeamEffectModel(self)
        self.table = make_table("monitorEffectTable", self.model)
        self.table.setAccessibleName("Effect van de caseloadgesprekken per team")
        # Short numbers: each column as wide as its title, none stretched over the rest.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        about = QLabel(
            "Per afgerond caseloadgesprek: hoeveel dossiers die onder druk stonden en een "
            "actie kregen, bij het volgende gesprek met dezelfde medewerker niet meer onder "
            "druk waren. Opgeteld per team over de gesprekken in de gekozen periode; een "
            "gesprek zonder volgend gesprek telt nog niet mee. Beëindigd: de maatregel liep "
            "bij het volgende gesprek niet meer."
        )
        about.setWordWrap(True)
        self.waiting = QLabel("Het effect wordt opgeteld…")
        self.waiting.setObjectName("monitorEffectWaiting")
        self.waiting.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.waiting)
        layout.addWidget(self.table, 1)

    def set_waiting(self, on: bool) -> None:
        self.waiting.setVisible(on)

    def set_rows(self, rows: list[TeamEffect]) -> None:
        self.model.set_rows(rows)
