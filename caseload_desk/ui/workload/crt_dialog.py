"""Ruimte voor CRT-maatregelen: the measures without a vaste jeugdbeschermer, and for the
chosen one the workers who can take it and stay at or below 100 %.

The supervisor records a proposal as an action on the measure. An action belongs to a
conversation with a worker, so the proposal goes into the proposed worker's open
(concept) conversation, or a new one dated today: there it is one of the new actions to
talk over with that worker, and the next conversation follows it up. The assignment
itself arrives with the next import of the registration system's export.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.domain import ActionOwner
from caseload_desk.signals import SignalSettings
from caseload_desk.store import Store, StoreError
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import get_worker
from caseload_desk.store.workload import load_workload_settings, worker_loads
from caseload_desk.ui import dialogs
from caseload_desk.ui.conversation.add_action import DEFAULT_DAYS, AddActionDialog, NewAction
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.settings import AppSettings
from caseload_desk.ui.tables import ColumnFitter, make_table
from caseload_desk.ui.workload.crt_model import (
    ROW_ROLE,
    CandidateModel,
    CCol,
    CrtMeasureModel,
    MCol,
)
from caseload_desk.ui.workload.crt_rows import (
    CrtRow,
    crt_rows,
    proposal_text,
    proposals_per_worker,
)
from caseload_desk.workload import WorkerLoad, candidates_for


class CrtRoomDialog(QDialog):
    """Emits `proposal_recorded` with the worker id and the action id of a new proposal."""

    proposal_recorded = Signal(str, int)

    def __init__(
        self,
        store: Store,
        peildatum: date,
        signal_settings: SignalSettings,
        today: date,
        app_settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crtRoomDialog")
        self.setWindowTitle("Ruimte voor CRT-maatregelen")
        self.store, self.peildatum, self.today = store, peildatum, today
        self.signal_settings, self.app_settings = signal_settings, app_settings
        self.workload_settings = load_workload_settings(store)
        self.loads: list[WorkerLoad] = []

        title = QLabel(f"<b>Maatregelen zonder vaste jeugdbeschermer op {nl(peildatum)}</b>")
        title.setObjectName("crtTitle")
        intro = QLabel(
            "Onder druk eerst, dan de langstlopende. Kies een maatregel: daaronder staan de "
            "medewerkers (uit dezelfde regio, als de maatregel er een heeft) die op of onder "
            "100 % blijven als zij hem erbij nemen, de laagste belasting eerst."
        )
        intro.setWordWrap(True)
        self.measure_model = CrtMeasureModel(self)
        self.measures = make_table("crtMeasureTable", self.measure_model)
        self.measures.setAccessibleName("Maatregelen zonder vaste jeugdbeschermer")
        ColumnFitter(self.measures, shrink=(MCol.JEUGDIGE,), floor=110, last=220)
        self.measures_label = QLabel()
        self.measures_label.setObjectName("crtMeasuresLabel")
        self.measures_label.setBuddy(self.measures)
        self.candidate_model = CandidateModel(self)
        self.candidates = make_table("crtCandidateTable", self.candidate_model)
        self.candidates.setAccessibleName("Medewerkers met ruimte voor de gekozen maatregel")
        # The name takes the room; the figures stay beside it, not pushed to the far edge.
        header = self.candidates.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CCol.MEDEWERKER, QHeaderView.ResizeMode.Stretch)
        self.candidates.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.candidates_label = QLabel()
        self.candidates_label.setObjectName("crtCandidatesLabel")
        self.candidates_label.setWordWrap(True)
        self.candidates_label.setBuddy(self.candidates)
        top, bottom = QWidget(), QWidget()
        tl, bl = QVBoxLayout(top), QVBoxLayout(bottom)
        for layout in (tl, bl):
            layout.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.measures_label)
        tl.addWidget(self.measures, 1)
        bl.addWidget(self.candidates_label)
        bl.addWidget(self.candidates, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([330, 230])

        self.note = QLabel(
            "Een voorstel wordt een actie bij de maatregel, in het (concept-)gesprek met de "
            "voorgestelde medewerker. Het telt nog niet mee in de belasting: de toewijzing "
            "zelf komt met de volgende import."
        )
        self.note.setObjectName("crtNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #4D5656;")
        self.propose_button = QPushButton("&Voorstel vastleggen…")
        self.propose_button.setObjectName("proposeButton")
        self.propose_button.setToolTip(
            "Leg het voorstel vast als actie bij de maatregel: toewijzen aan de gekozen medewerker"
        )
        self.propose_button.clicked.connect(self.propose)
        # Enter proposes the chosen worker; that only opens the dialog, which can be cancelled.
        self.propose_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Sluiten")
        # A focused auto-default button takes Enter: Sluiten had the focus on opening under
        # a window manager, so Enter closed the view instead of proposing (Escape closes).
        close.setAutoDefault(False)
        buttons.addButton(self.propose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)

        self.measures.selectionModel().currentRowChanged.connect(self._measure_changed)
        self.candidates.selectionModel().currentRowChanged.connect(self._enable)
        self.candidates.doubleClicked.connect(lambda _i: self.propose())
        fit_to_screen(self, 1100, 700)
        self.reload()

    # --- data ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Start in the measures: arrows choose one, Enter proposes its first candidate.
        self.measures.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self, select: str | None = None) -> None:
        """Read the measures and every worker's load again; keep (or make) a selection."""
        keep = select or (self.current_measure().maatregel_id if self.current_measure() else None)
        rows = crt_rows(self.store, self.peildatum, self.signal_settings)
        self.loads = worker_loads(self.store, self.peildatum, settings=self.workload_settings)
        self.measure_model.set_rows(rows, self.peildatum)
        onder_druk = sum(r.onder_druk for r in rows)
        self.measures_label.setText(
            f"&Maatregelen zonder vaste jeugdbeschermer: {len(rows)}, "
            f"waarvan {onder_druk} onder druk"
        )
        found = self.measure_model.row_of(keep) if keep else -1
        if rows:
            self.measures.selectRow(max(found, 0))
        else:
            self._show_candidates(None)

    def current_measure(self) -> CrtRow | None:
        return item(self.measures.currentIndex(), ROW_ROLE, CrtRow)

    def current_worker(self) -> WorkerLoad | None:
        return item(self.candidates.currentIndex(), ROW_ROLE, WorkerLoad)

    def _measure_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_candidates(item(current, ROW_ROLE, CrtRow))

    def _show_candidates(self, row: CrtRow | None) -> None:
        if row is None:
            self.candidate_model.set_candidates([], {})
            self.candidates_label.setText(
                "Er zijn geen lopende maatregelen zonder vaste jeugdbeschermer."
            )
            self._enable()
            return
        found = candidates_for(row.item, self.loads, self.peildatum, self.workload_settings)
        self.candidate_model.set_candidates(
            found, proposals_per_worker(self.store), self.workload_settings
        )
        where = (
            f"uit regio {row.item.regio}" if row.item.regio else "(de maatregel heeft geen regio)"
        )
        if found:
            text = (f"Mede&werkers {where} met ruimte voor {row.maatregel_id}: "
                    f"{len(found)}, de laagste belasting eerst")  # fmt: skip
        else:
            text = (f"Geen mede&werker {where} blijft op of onder 100 % met "
                    f"{row.maatregel_id}.")  # fmt: skip
        self.candidates_label.setText(text)
        if found:
            self.candidates.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        writable = not self.store.read_only
        self.propose_button.setEnabled(
            writable and self.current_measure() is not None and self.current_worker() is not None
        )

    # --- the proposal -------------------------------------------------------------------
    def propose(self) -> int | None:
        """Ask for the proposal (text, owner, deadline: filled in, to change) and record it
        in the proposed worker's conversation; the action id, or None."""
        row, chosen = self.current_measure(), self.current_worker()
        if row is None or chosen is None or self.store.read_only:
            return None
        worker = get_worker(self.store, chosen.medewerker_id)
        if worker is None:
            return None
        draft = conv.draft_conversation(self.store, worker.medewerker_id)
        start = draft.datum if draft is not None else self.today
        where = (
            f"het concept-gesprek van {nl(draft.datum)} met {worker.naam}" if draft is not None
            else f"een nieuw concept-gesprek met {worker.naam} (vandaag)"
        )  # fmt: skip
        suggested = NewAction(
            proposal_text(worker.naam), ActionOwner.PRAKTIJKBEGELEIDER,
            start + timedelta(days=DEFAULT_DAYS),
        )  # fmt: skip
        dialog = AddActionDialog(
            f"{row.maatregel_id} · {row.jeugdige}", start, self, suggested,
            named=self._named_owners(), note=f"Het voorstel komt in {where}.",
        )  # fmt: skip
        dialog.setObjectName("proposalDialog")
        dialog.setWindowTitle("Voorstel vastleggen")
        dialog.ok_button.setText("Voorstel vastleggen")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = dialog.value()
        try:
            gesprek_id = draft.id if draft is not None else conv.start_conversation(
                self.store, worker.medewerker_id,
                worker.praktijkbegeleider or self.app_settings.supervisor_name(), self.today,
            )  # fmt: skip
            actie_id = conv.add_action(
                self.store, gesprek_id, maatregel_id=row.maatregel_id,
                omschrijving=new.omschrijving, eigenaar=new.eigenaar, deadline=new.deadline,
            )  # fmt: skip
        except StoreError as exc:
            dialogs.error(self, "Voorstel niet vastgelegd", str(exc))
            return None
        self.reload(select=row.maatregel_id)
        self.proposal_recorded.emit(worker.medewerker_id, actie_id)
        return actie_id

    def _named_owners(self) -> list[str]:
        try:
            return conv.named_owners(self.store)
        except sqlite3.Error:  # the file is locked by a colleague: the roles still work
            return []
