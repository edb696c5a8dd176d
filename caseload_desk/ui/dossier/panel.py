"""The dossier detail: why each signal is on or off, the timeline and the action history."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.domain import CLIENT_CONTACT
from caseload_desk.store import Store
from caseload_desk.store.conversations import actions_of_measure
from caseload_desk.store.records import LeftMeasure, TimelineEntry, timeline
from caseload_desk.store.settings import load_settings
from caseload_desk.ui.actions_model import ActionsModel
from caseload_desk.ui.caseload.rows import CaseloadRow
from caseload_desk.ui.resources import icon
from caseload_desk.ui.tables import make_table
from caseload_desk.ui.texts import INFO, OK, ON, explanation

GREY_TEXT = QColor("#4D5656")  # 7:1 on white: quieter, still readable
LEVEL_ICONS = {ON: "alarm", INFO: "info", OK: "ok"}
LEVEL_WORDS = {ON: "Signaal", INFO: "Ter informatie", OK: "In orde"}

KIND_LABELS = {"contact": "Contact", "plan": "Plan van aanpak", "risicotaxatie": "Risicotaxatie"}
MET_LABELS = {"jeugdige": "met jeugdige", "ouder": "met ouder", "gezin": "met gezin",
              "netwerk": "met netwerk", "overig": "overig"}  # fmt: skip


NOT_CLIENT = "telt niet als cliëntcontact"


def counts_as_client_contact(e: TimelineEntry) -> bool:
    return e.kind == "contact" and e.detail.split("|")[0] in {c.value for c in CLIENT_CONTACT}


def timeline_text(e: TimelineEntry) -> str:
    if e.kind == "contact":
        met, vorm = e.detail.split("|")
        text = " ".join(x for x in (MET_LABELS.get(met, met), vorm) if x)
        # A contact with the network sits on top of the timeline but does not stop the
        # "geen cliëntcontact" signal: say so where it is read.
        return text if counts_as_client_contact(e) else f"{text} ({NOT_CLIENT})"
    return e.detail


class DossierPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierPanel")
        self.header = QLabel("Kies een maatregel om het dossier te zien.")
        self.header.setObjectName("dossierHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 14px; font-weight: 600;")
        self.reasons_model = QStandardItemModel(self)
        self.reasons = QListView()
        self.reasons.setObjectName("dossierReasons")
        self.reasons.setModel(self.reasons_model)
        self.reasons.setWordWrap(True)
        self.reasons.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reasons.setAccessibleName("Waarom de signalen aan of uit staan")
        self.timeline_model = QStandardItemModel(self)
        self.timeline_view = make_table("timelineTable", wrap=True)
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setAccessibleName("Tijdlijn van de maatregel")
        self.actions_model = ActionsModel(self)
        self.actions_view = make_table("actionsTable", wrap=True)
        self.actions_view.setModel(self.actions_model)
        self.actions_view.setAccessibleName("Acties bij de maatregel")
        tabs = QTabWidget()
        tabs.setObjectName("dossierTabs")
        tabs.tabBar().setAccessibleName("Onderdelen van het dossier")
        tabs.addTab(self.reasons, "Signalen")
        tabs.addTab(self.timeline_view, "Tijdlijn")
        tabs.addTab(self.actions_view, "Acties")
        self.tabs = tabs
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(tabs, 1)

    def show_row(self, store: Store | None, row: CaseloadRow | None) -> None:
        self.reasons_model.clear()
        self.timeline_model.clear()
        if store is None or row is None:
            self.header.setText("Kies een maatregel om het dossier te zien.")
            self.actions_model.set_actions([], self.actions_model.peildatum)
            return
        s = row.signals
        m = s.measure
        self._show_header(s.maatregel_id, row.jeugdige, m.type.label, m.startdatum, m.einddatum)
        # The calendar the signals were computed with: every evaluation loads the same
        # stored days, so the days named here are the ones that moved the deadline.
        calendar = load_settings(store).calendar
        for level, sentence in explanation(s, calendar):
            self._add_reason(level, sentence)
        self._fill_timeline(store, s.maatregel_id)
        self.actions_model.set_actions(actions_of_measure(store, s.maatregel_id), s.peildatum)
        self.actions_view.resizeColumnsToContents()

    def show_left(self, store: Store, left: LeftMeasure, peildatum: date) -> None:
        """A measure that left the export: no signals any more, but its history and its
        actions, which can still be followed up."""
        self.reasons_model.clear()
        self.timeline_model.clear()
        m = left.measure
        self._show_header(m.maatregel_id, m.jeugdige, m.type.label, m.startdatum, m.einddatum)
        if m.uit_export_op is not None:
            ended = m.einddatum is not None and m.einddatum < m.uit_export_op
            why = (f"de einddatum {nl(m.einddatum)} ging eraan vooraf" if ended  # type: ignore[arg-type]
                   else f"telt na {nl(m.uit_export_op)} als beëindigd")  # fmt: skip
            self._add_reason(
                INFO,
                f"Staat niet meer in de export sinds {nl(m.uit_export_op)}: {why}, en krijgt "
                "geen signalen meer. De tijdlijn en de acties blijven.",
            )
        self._fill_timeline(store, m.maatregel_id)
        self.actions_model.set_actions(actions_of_measure(store, m.maatregel_id), peildatum)
        self.actions_view.resizeColumnsToContents()

    def _show_header(self, mid: str, child: str, kind: str, start: date, end: date | None) -> None:
        until = f" t/m {nl(end)}" if end else ""
        self.header.setText(f"{mid} · {child} · {kind}, {nl(start)}{until}")

    def _add_reason(self, level: str, sentence: str) -> None:
        item = QStandardItem(icon(LEVEL_ICONS[level]), sentence)
        item.setToolTip(f"{LEVEL_WORDS[level]}: {sentence}")
        self.reasons_model.appendRow(item)

    def _fill_timeline(self, store: Store, maatregel_id: str) -> None:
        self.timeline_model.setHorizontalHeaderLabels(["Datum", "Soort", "Details"])
        for e in timeline(store, maatregel_id):
            cells = [QStandardItem(nl(e.datum)), QStandardItem(KIND_LABELS[e.kind]),
                     QStandardItem(timeline_text(e))]  # fmt: skip
            if e.kind == "contact" and not counts_as_client_contact(e):
                for cell in cells:
                    cell.setForeground(GREY_TEXT)
                cells[1].setText("Contact (geen cliënt)")
            self.timeline_model.appendRow(cells)
        self.timeline_view.resizeColumnsToContents()
        self.timeline_view.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )
