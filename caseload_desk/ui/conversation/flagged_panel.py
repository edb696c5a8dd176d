"""Step 2 of the conversation: the worker's flagged dossiers, most urgent first, with the
selected one's explanation and timeline beside them, so the main window is not needed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.store import Store
from caseload_desk.ui.caseload.model import ROW_ROLE, CaseloadModel, Col
from caseload_desk.ui.caseload.rows import CaseloadRow, load_caseload
from caseload_desk.ui.dossier.panel import DossierPanel
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.tables import ColumnFitter, make_table
from caseload_desk.words import count

SHOWN = (Col.MAATREGEL, Col.JEUGDIGE, Col.ONDER_DRUK, Col.CONTACT, Col.SIGNALEN)


class FlaggedPanel(QGroupBox):
    add_requested = Signal(object)  # CaseloadRow, or None for a general action

    def __init__(self, store: Store, worker_id: str, parent=None) -> None:
        super().__init__("2. Gesignaleerde dossiers, meest urgent eerst (Alt+2)", parent)
        self.setObjectName("flaggedPanel")
        self.store, self.worker_id = store, worker_id
        self.model = CaseloadModel(self, compact_signals=False)
        self.view = make_table("flaggedTable", self.model)
        self.view.setAccessibleName("Gesignaleerde dossiers")
        for col in range(self.model.columnCount()):
            self.view.setColumnHidden(col, col not in SHOWN)
        ColumnFitter(self.view, shrink=(Col.JEUGDIGE, Col.CONTACT), floor=80)
        self.view.doubleClicked.connect(lambda _i: self.add_requested.emit(self.current()))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_dossier())
        # Enter on a flagged dossier only: not in the notes, a field or another table.
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(lambda: self.add_requested.emit(self.current()))
        self.summary = QLabel()
        self.summary.setObjectName("flaggedSummary")
        self.summary.setWordWrap(True)

        add = QPushButton("&Actie toevoegen (Ctrl+N)")
        add.setAutoDefault(False)  # else Enter in any field of the window opens the dialog
        add.setObjectName("addActionButton")
        add.clicked.connect(lambda: self.add_requested.emit(self.current()))
        general = QPushButton("Algemene actie voor de &medewerker (Ctrl+Shift+N)")
        general.setAutoDefault(False)
        general.setObjectName("addGeneralActionButton")
        general.clicked.connect(lambda: self.add_requested.emit(None))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(general)
        buttons.addStretch(1)

        self.dossier = DossierPanel()
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.summary)
        ll.addWidget(self.view, 1)
        ll.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(self.dossier)
        split.setSizes([620, 380])
        QVBoxLayout(self).addWidget(split)

    def load(self, peildatum: date) -> None:
        keep = self.current()
        rows = [r for r in load_caseload(self.store, peildatum, self.worker_id)
                if r.signals.any_signal]  # fmt: skip
        rows.sort(key=lambda r: r.signals.urgency)
        self.model.set_rows(rows)
        self.summary.setText(
            f"{count(len(rows), 'dossier met een signaal', 'dossiers met een signaal')} "
            f"op {peildatum.strftime('%d-%m-%Y')}. Enter of Ctrl+N: actie bij het gekozen "
            "dossier."
            if rows
            else "Geen dossiers met een signaal."
        )
        ids = [r.maatregel_id for r in rows]
        row = ids.index(keep.maatregel_id) if keep and keep.maatregel_id in ids else 0
        if rows:
            self.view.selectRow(row)
        self._show_dossier()

    def current(self) -> CaseloadRow | None:
        return item(self.view.currentIndex(), ROW_ROLE, CaseloadRow)

    def _show_dossier(self) -> None:
        self.dossier.show_row(self.store, self.current())
