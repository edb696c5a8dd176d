"""The effect of the caseloadgesprekken, summed per team, as a tab of the monitor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from caseload_desk.ui.monitor.grid import TeamEffect
from caseload_desk.ui.tables import ColumnFitter, RowsTableModel, make_table

Index = QModelIndex | QPersistentModelIndex


class TeamEffectModel(RowsTableModel):
    headers = ("Team", "Gesprekken", "Onder druk met actie", "Daarna niet meer onder druk",
               "Aandeel")  # fmt: skip

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
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            share = f"{round(100 * e.improved / e.with_action)} %" if e.with_action else "–"
            return (e.team, str(e.conversations), str(e.with_action), str(e.improved),
                    share)[col]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.team}: {e.sentence()}"
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
        ColumnFitter(self.table, shrink=(0,), floor=140, last=120)
        about = QLabel(
            "Per afgerond caseloadgesprek: hoeveel dossiers die onder druk stonden en een "
            "actie kregen, bij het volgende gesprek met dezelfde medewerker niet meer onder "
            "druk waren. Opgeteld per team; gesprekken zonder volgend gesprek tellen nog niet."
        )
        about.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[TeamEffect]) -> None:
        self.model.set_rows(rows)
