"""The tab *Niet meer in de export*: a worker's measures that left the export.

They get no signals after the export's date, so they drop out of the caseload; what
users agreed on them does not. This tab lists them with their actions. Following one up
goes through the caseload conversation (a follow-up always belongs to a conversation):
*Opvolgen in gesprek* opens the worker's conversation on that action, where the usual
follow-up panel records it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import LeftMeasure
from caseload_desk.ui.actions_model import ACTION_ROLE, ACol, ActionsModel, Index
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.tables import ColumnFitter, RowsTableModel, make_table
from caseload_desk.words import count

LEFT_ROLE = Qt.ItemDataRole.UserRole + 1


class LCol(IntEnum):
    MAATREGEL = 0
    JEUGDIGE = 1
    TYPE = 2
    START = 3
    EINDE = 4
    UIT = 5
    ACTIES = 6


HEADERS = ("Maatregel", "Jeugdige", "Type", "Start", "Einde", "Niet in export sinds",
           "Open acties")  # fmt: skip


class LeftExportModel(RowsTableModel):
    headers = HEADERS

    def set_rows(self, rows: Sequence[LeftMeasure]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[LeftMeasure]:
        return list(self._rows)

    def _display(self, r: LeftMeasure, col: LCol) -> str:
        m = r.measure
        return {
            LCol.MAATREGEL: m.maatregel_id,
            LCol.JEUGDIGE: m.jeugdige,
            LCol.TYPE: m.type.label,
            LCol.START: nl(m.startdatum),
            LCol.EINDE: nl(m.einddatum),
            LCol.UIT: nl(m.uit_export_op),
            LCol.ACTIES: str(r.open_actions) if r.open_actions else "",
        }[col]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], LCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == LCol.UIT and r.measure.uit_export_op:
                return (
                    f"De export van {nl(r.measure.uit_export_op)} bevatte deze maatregel niet "
                    "meer; na die datum krijgt hij geen signalen."
                )
            if col == LCol.ACTIES:
                return count(r.open_actions, "open actie", "open acties")
            return self._display(r, col)
        if role == LEFT_ROLE:
            return r
        return None


class LeftExportPanel(QWidget):
    """The measures above, the chosen measure's actions below (the dossier's model)."""

    follow_up_requested = Signal(object)  # the conv.Action to follow up

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leftExportPanel")
        self.store: Store | None = None
        self.intro = QLabel()
        self.intro.setObjectName("leftExportIntro")
        self.intro.setWordWrap(True)
        self.model = LeftExportModel(self)
        self.view = make_table("leftExportTable", self.model)
        self.view.setAccessibleName("Maatregelen die niet meer in de export staan")
        ColumnFitter(self.view, shrink=(LCol.JEUGDIGE,))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_actions())
        self.actions_label = QLabel("Acties bij de gekozen maatregel")
        self.actions_model = ActionsModel(self)
        self.actions_view = make_table("leftExportActions", self.actions_model, wrap=True)
        self.actions_view.setAccessibleName("Acties bij de gekozen maatregel")
        self.actions_view.setColumnHidden(ACol.MAATREGEL, True)  # the label above says it
        self.actions_label.setBuddy(self.actions_view)
        self.actions_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_button()
        )
        self.actions_view.doubleClicked.connect(lambda *_: self.request_follow_up())
        self.follow_button = QPushButton("Actie &opvolgen in gesprek…")
        self.follow_button.setObjectName("leftExportFollowUp")
        self.follow_button.setToolTip(
            "Opent het caseloadgesprek met deze medewerker op deze actie: daar zet u hem op "
            "afgerond, loopt nog of vervallen."
        )
        self.follow_button.clicked.connect(self.request_follow_up)
        self._can_follow_up = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.actions_label, 1)
        buttons.addWidget(self.follow_button)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(buttons)
        ll.addWidget(self.actions_view, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.intro)
        layout.addWidget(split, 1)
        self._peildatum = date.today()

    def show_measures(
        self,
        store: Store | None,
        rows: Sequence[LeftMeasure],
        peildatum: date,
        *,
        can_follow_up: bool,
    ) -> None:
        """`can_follow_up`: a real worker (not CRT/CCP) in a file that can be written."""
        self.store, self._peildatum, self._can_follow_up = store, peildatum, can_follow_up
        keep = self.current_measure()
        self.model.set_rows(rows)
        open_total = sum(r.open_actions for r in rows)
        if rows:
            self.intro.setText(
                f"{count(len(rows), 'maatregel staat', 'maatregelen staan')} niet meer in de "
                "export: na de exportdatum krijgen ze geen signalen en staan ze niet meer in "
                f"de caseload. {count(open_total, 'open actie', 'open acties')}; kies een "
                "actie en volg hem op in het gesprek."
            )
        else:
            self.intro.setText("Alle maatregelen van deze caseload staan in de laatste export.")
        ids = [r.maatregel_id for r in rows]
        row = ids.index(keep.maatregel_id) if keep and keep.maatregel_id in ids else 0
        if rows:
            self.view.selectRow(row)
        self._show_actions()

    def current_measure(self) -> LeftMeasure | None:
        return item(self.view.currentIndex(), LEFT_ROLE, LeftMeasure)

    def current_action(self) -> conv.Action | None:
        return item(self.actions_view.currentIndex(), ACTION_ROLE, conv.Action)

    def _show_actions(self) -> None:
        r = self.current_measure()
        if r is None or self.store is None:
            self.actions_model.set_actions([], self._peildatum)
            self.actions_label.setText("Acties bij de gekozen maatregel")
        else:
            actions = conv.actions_of_measure(self.store, r.maatregel_id)
            # Open ones first: they are what this tab is for; the closed ones are history.
            actions.sort(key=lambda a: (not a.status.is_open, a.deadline, a.id))
            self.actions_model.set_actions(actions, self._peildatum)
            self.actions_label.setText(
                f"Acties bij {r.maatregel_id} · {r.measure.jeugdige} "
                f"({count(r.open_actions, 'open actie', 'open acties')})"
            )
            if actions:
                self.actions_view.selectRow(0)
            self.actions_view.resizeColumnsToContents()
        self._update_button()

    def _update_button(self) -> None:
        a = self.current_action()
        self.follow_button.setEnabled(self._can_follow_up and a is not None and a.status.is_open)

    def request_follow_up(self) -> None:
        a = self.current_action()
        if a is not None and self.follow_button.isEnabled():
            self.follow_up_requested.emit(a)
