"""Earlier conversations of a worker: a list, and the chosen one in full."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.monitor.effect import ConversationEffect
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.store.monitor_effect import worker_effects
from caseload_desk.store.records import Worker
from caseload_desk.ui.conversation.handout import save_handout_as
from caseload_desk.ui.conversation.report import print_conversation, save_report
from caseload_desk.ui.conversation.report_text import conversation_html
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.monitor.grid import effect_sentence
from caseload_desk.ui.tables import ColumnFitter, RowsTableModel, make_table
from caseload_desk.ui.workload.look import load_at_finish, load_at_finish_tip
from caseload_desk.words import count as count_words

Index = QModelIndex | QPersistentModelIndex
HEADERS = (
    "Datum", "Praktijkbegeleider", "Status", "Onder druk", "Met signaal", "Belasting", "Effect"
)  # fmt: skip
LOAD_COLUMN = 5
EFFECT_COLUMN = 6


ID_ROLE = Qt.ItemDataRole.UserRole + 1


def effect_short(e: ConversationEffect | None) -> str:
    """'2 van 3' for the Effect column; '–' when no dossier onder druk got an action."""
    if e is None:
        return ""
    if not e.tracked:
        return "–"
    return "volgt" if e.improved is None else f"{e.improved} van {e.tracked}"


def effect_text(e: ConversationEffect | None) -> str:
    """The effect in a sentence, for the tooltip and above the conversation's report."""
    if e is None:
        return ""
    if e.improved is None:
        pending = count_words(e.tracked, "dossier", "dossiers")
        return (
            f"Effect: {pending} onder druk met een actie; te zien bij het volgende gesprek."
            if e.tracked
            else "Effect: geen dossiers onder druk met een actie."
        )
    text = f"Effect: {effect_sentence(e.improved, e.tracked)}"
    if e.tracked and e.next_datum is not None:
        text += f" (volgende gesprek: {nl(e.next_datum)})"
    ended = len(e.beeindigd or ())
    if ended:
        text += f"; {count_words(ended, 'maatregel', 'maatregelen')} liep toen niet meer"
    return text + "."


class ConversationListModel(RowsTableModel):
    headers = HEADERS

    def __init__(
        self,
        rows: list[conv.Conversation],
        parent: Any = None,
        effects: dict[int, ConversationEffect] | None = None,
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self.effects = effects or {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = lambda n: "" if n is None else str(n)  # noqa: E731
            return (
                nl(c.datum), c.praktijkbegeleider, "afgerond" if c.afgerond else "concept",
                count(c.aantal_onder_druk), count(c.aantal_met_signaal), load_at_finish(c),
                effect_short(self.effects.get(c.id)),
            )[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == LOAD_COLUMN:
            return load_at_finish_tip(c)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == EFFECT_COLUMN:
            return effect_text(self.effects.get(c.id))
        if role == ID_ROLE:
            return c.id
        return None


class HistoryDialog(QDialog):
    def __init__(self, store: Store, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"Eerdere caseloadgesprekken met {worker.naam}")
        fit_to_screen(self, 980, 600)
        self.store = store
        rows = list(reversed(conv.conversations(store, worker.medewerker_id)))  # newest first
        # Per finished conversation: did the dossiers onder druk with an action get better?
        self.effects = {e.gesprek_id: e for e in worker_effects(store, worker.medewerker_id)}
        self.model = ConversationListModel(rows, self, self.effects)
        self.table = make_table("historyTable", self.model)
        self.table.setAccessibleName(f"Caseloadgesprekken met {worker.naam}")
        ColumnFitter(self.table, shrink=(1,), floor=125, last=110)  # the supervisor's name
        self.detail = QTextBrowser()
        self.detail.setObjectName("historyDetail")
        self.detail.setAccessibleName("Het gekozen gesprek")
        self.table.selectionModel().currentRowChanged.connect(self._show)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        self.table.setMinimumWidth(620)  # seven short columns, none scrolled out of view
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setSizes([620, 400])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.pdf_button = QPushButton("Verslag als &PDF…")
        self.pdf_button.setObjectName("reportPdfButton")
        self.pdf_button.clicked.connect(self.choose_pdf)
        self.print_button = QPushButton("Verslag &afdrukken…")
        self.print_button.setObjectName("reportPrintButton")
        self.print_button.clicked.connect(self.print_current)
        # The worker's one-page handout, beside the full report (which stays available here).
        self.handout_button = QPushButton("Afspraken&lijst (PDF)…")
        self.handout_button.setObjectName("handoutPdfButton")
        self.handout_button.setToolTip(
            "De afspraken van dit gesprek op één pagina, voor de medewerker: zonder signalen "
            "en zonder notities"
        )
        self.handout_button.clicked.connect(self.save_handout)
        buttons.addButton(self.handout_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.worker = worker
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        if rows:
            self.table.selectRow(0)
        else:
            self.detail.setHtml("<p>Er zijn nog geen caseloadgesprekken met deze medewerker.</p>")
        self._enable_buttons()

    def current_id(self) -> int | None:
        return item(self.table.currentIndex(), ID_ROLE, int)

    def choose_pdf(self) -> None:
        gid = self.current_id()
        if gid is None:
            return
        c = conv.get_conversation(self.store, gid)
        name = f"Verslag caseloadgesprek {self.worker.naam} {c.datum.isoformat() if c else ''}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Verslag opslaan", name, "PDF (*.pdf)")
        if path:
            self.save_pdf(gid, Path(path))

    def save_pdf(self, gesprek_id: int, target: Path) -> None:
        try:
            save_report(self.store, gesprek_id, target)
        except TargetLocked as exc:
            QMessageBox.warning(self, "Verslag niet opgeslagen", str(exc))

    def save_handout(self) -> None:
        gid = self.current_id()
        if gid is not None:
            save_handout_as(self, self.store, gid)

    def print_current(self) -> None:
        gid = self.current_id()
        if gid is not None:
            print_conversation(self.store, gid, self)

    def _show(self, current: QModelIndex, _previous: QModelIndex) -> None:
        gid = item(current, ID_ROLE, int)
        if gid is not None:
            effect = effect_text(self.effects.get(gid))
            lead = f"<p><b>{escape(effect)}</b></p>" if effect else ""
            self.detail.setHtml(lead + conversation_html(self.store, gid))
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        gid = self.current_id()
        c = conv.get_conversation(self.store, gid) if gid is not None else None
        for button in (self.pdf_button, self.print_button):
            button.setEnabled(c is not None)
        # A handout is what was agreed: only once the conversation is finished.
        self.handout_button.setEnabled(c is not None and c.afgerond)
