"""The caseloadgesprek: follow up earlier actions, go through flagged dossiers, add actions.

Everything is written to the database as it is entered (the conversation is a draft until
it is finished), so closing the window by accident loses nothing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.domain import ActionStatus
from caseload_desk.signals import summarize
from caseload_desk.store import Store, StoreError
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import Worker
from caseload_desk.ui import dialogs
from caseload_desk.ui.actions_model import ActionsModel
from caseload_desk.ui.caseload.model import ROW_ROLE, CaseloadModel, Col
from caseload_desk.ui.caseload.rows import CaseloadRow, load_caseload
from caseload_desk.ui.conversation.add_action import AddActionDialog, NewAction
from caseload_desk.ui.conversation.follow_up_model import (
    STATUS_CHOICES,
    STATUS_COL,
    STATUS_ROLE,
    FollowUpModel,
)
from caseload_desk.ui.conversation.summary import summary_text
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.itemdata import add_choice, item, optional_choice, select_choice
from caseload_desk.ui.settings import AppSettings
from caseload_desk.ui.tables import make_table
from caseload_desk.words import count


class StatusDelegate(QStyledItemDelegate):
    """A combo box for the follow-up status, so a keystroke or two chooses it."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for label, status in STATUS_CHOICES:
            add_choice(box, label, status)
        box.activated.connect(lambda _i: self.commitData.emit(box))
        return box

    def setEditorData(self, editor, index) -> None:
        select_choice(editor, item(index, STATUS_ROLE, ActionStatus))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, optional_choice(editor, ActionStatus))


class ConversationWindow(QDialog):
    finished_conversation = Signal(int)
    changed = Signal()

    def __init__(self, store: Store, worker: Worker, gesprek_id: int, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationWindow")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.store, self.worker, self.gesprek_id = store, worker, gesprek_id
        self.setWindowTitle(f"Caseloadgesprek met {worker.naam}")
        fit_to_screen(self, 1200, 760)
        c = conv.get_conversation(store, gesprek_id)
        assert c is not None
        self.pending_action: tuple[str | None, NewAction] | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=400)
        self._save_timer.timeout.connect(self.save_header)
        self._build(c)
        self.refresh()

    # --- layout -------------------------------------------------------------------
    def _build(self, c: conv.Conversation) -> None:
        self.date_edit = QDateEdit(QDate(c.datum))
        self.date_edit.setObjectName("conversationDate")
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setCalendarPopup(True)
        self.pb_edit = QLineEdit(c.praktijkbegeleider)
        self.pb_edit.setObjectName("conversationSupervisor")
        self.notes = QPlainTextEdit(c.notities)
        self.notes.setTabChangesFocus(True)  # Tab moves on; a tab character would be saved
        self.notes.setObjectName("conversationNotes")
        self.notes.setPlaceholderText(
            "Notities: wat is besproken, en hoe gaat het met de medewerker?"
        )
        for signal in (
            self.date_edit.dateChanged,
            self.pb_edit.textChanged,
            self.notes.textChanged,
        ):
            signal.connect(self._schedule_save)
        head = QFormLayout()
        head.addRow("&Datum:", self.date_edit)
        head.addRow("&Praktijkbegeleider:", self.pb_edit)

        self.follow_model = FollowUpModel(self._record_follow_up, self)
        self.follow_view = make_table("followUpTable")
        self.follow_view.setModel(self.follow_model)
        self.follow_view.setItemDelegateForColumn(STATUS_COL, StatusDelegate(self.follow_view))
        self.follow_view.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.follow_label = QLabel()
        self.follow_label.setWordWrap(True)
        follow_box = QGroupBox("1. Opvolging van eerdere acties")
        fl = QVBoxLayout(follow_box)
        fl.addWidget(self.follow_label)
        fl.addWidget(self.follow_view)

        self.flagged_model = CaseloadModel(self)
        self.flagged_view = make_table("flaggedTable")
        self.flagged_view.setModel(self.flagged_model)
        for col in (Col.TYPE, Col.START, Col.EINDE, Col.ACTIES):
            self.flagged_view.setColumnHidden(col, True)
        self.flagged_view.doubleClicked.connect(lambda _i: self.add_action_for_current())
        add_btn = QPushButton("&Actie toevoegen (Ctrl+N)")
        add_btn.setAutoDefault(False)  # else Enter in any field of the window opens the dialog
        add_btn.setObjectName("addActionButton")
        add_btn.clicked.connect(self.add_action_for_current)
        general_btn = QPushButton("Algemene actie voor de &medewerker")
        general_btn.setAutoDefault(False)
        general_btn.setObjectName("addGeneralActionButton")
        general_btn.clicked.connect(lambda: self.add_action(None, "Algemene actie"))
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_action_for_current)
        # Enter on a flagged dossier only: not in the notes, a field or the follow-up table.
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.flagged_view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.add_action_for_current)
        flagged_box = QGroupBox("2. Gesignaleerde dossiers, meest urgent eerst")
        gl = QVBoxLayout(flagged_box)
        gl.addWidget(self.flagged_view)
        buttons = QHBoxLayout()
        buttons.addWidget(add_btn)
        buttons.addWidget(general_btn)
        buttons.addStretch(1)
        gl.addLayout(buttons)

        self.new_model = ActionsModel(self)
        self.new_view = make_table("newActionsTable")
        self.new_view.setModel(self.new_model)
        self.new_view.setColumnHidden(0, True)
        self.new_view.setColumnHidden(6, True)
        remove = QPushButton("Actie &verwijderen")
        remove.setObjectName("removeActionButton")
        remove.clicked.connect(self.remove_selected_action)
        new_box = QGroupBox("3. Nieuwe acties in dit gesprek")
        nl_ = QVBoxLayout(new_box)
        nl_.addWidget(self.new_view)
        nl_.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)

        notes_box = QGroupBox("&Notities")
        QVBoxLayout(notes_box).addWidget(self.notes)

        self.saved_label = QLabel(
            "Alles wordt direct bewaard; het gesprek blijft een concept tot u het afrondt."
        )
        self.saved_label.setObjectName("draftLabel")
        self.saved_label.setWordWrap(True)  # wraps on a narrow screen instead of widening
        self.saved_label.setStyleSheet("color: #555;")
        finish = QPushButton("Gesprek a&fronden")
        finish.setObjectName("finishConversationButton")
        finish.setDefault(False)
        finish.setAutoDefault(False)
        finish.clicked.connect(self.finish)
        self.finish_button = finish
        close = QPushButton("Sluiten (concept bewaren)")
        close.setObjectName("closeConversationButton")
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        foot = QHBoxLayout()
        foot.addWidget(self.saved_label, 1)
        foot.addWidget(close)
        foot.addWidget(finish)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(follow_box)
        left.addWidget(flagged_box)
        left.addWidget(new_box)
        left.setSizes([300, 300, 170])
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(head)
        rl.addWidget(notes_box, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(foot)

    # --- data -----------------------------------------------------------------------
    @property
    def datum(self) -> date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        wid = self.worker.medewerker_id
        follow = conv.actions_to_follow_up(self.store, wid, self.gesprek_id)
        self.follow_model.set_actions(follow, self.gesprek_id, self.datum)
        self._update_follow_label()
        rows = [r for r in load_caseload(self.store, self.datum, wid) if r.signals.any_signal]
        rows.sort(key=lambda r: r.signals.urgency)
        self.flagged_model.set_rows(rows)
        self.new_model.set_actions(
            conv.actions_of_conversation(self.store, self.gesprek_id), self.datum
        )
        for view in (self.follow_view, self.flagged_view, self.new_view):
            view.resizeColumnsToContents()
            view.horizontalHeader().setSectionResizeMode(
                view.model().columnCount() - 1, QHeaderView.ResizeMode.Stretch
            )
        if rows and not self.flagged_view.currentIndex().isValid():
            self.flagged_view.selectRow(0)

    def _update_follow_label(self) -> None:
        total, pending = self.follow_model.rowCount(), len(self.follow_model.pending())
        if not total:
            self.follow_label.setText("Er staan geen acties uit eerdere gesprekken open.")
        else:
            self.follow_label.setText(
                f"{total} acties uit eerdere gesprekken; nog {pending} op te volgen. "
                "Kies per actie: afgerond, loopt nog of vervallen."
            )

    def failed(self, exc: StoreError) -> None:
        """A write failed (locked, full, read-only): say so; the input stays on screen."""
        self.saved_label.setText("Niet bewaard – zie melding; uw invoer staat er nog.")
        dialogs.error(self, "Niet opgeslagen", str(exc))

    def _record_follow_up(self, actie_id: int, status: ActionStatus | None, note: str) -> None:
        try:
            if status is None:
                conv.clear_follow_up(self.store, self.gesprek_id, actie_id)
            else:
                conv.follow_up(self.store, self.gesprek_id, actie_id, status, note)
        except StoreError as exc:
            self.failed(exc)
            return
        updated = {a.id: a for a in conv.actions_to_follow_up(
            self.store, self.worker.medewerker_id, self.gesprek_id)}  # fmt: skip
        if actie_id in updated:
            self.follow_model.update_action(updated[actie_id])
        self._update_follow_label()
        self.changed.emit()

    def _schedule_save(self) -> None:
        self.saved_label.setText("Wijzigingen bewaren…")
        self._save_timer.start()

    def save_header(self) -> bool:
        self._save_timer.stop()
        try:
            conv.update_conversation(
                self.store, self.gesprek_id, praktijkbegeleider=self.pb_edit.text().strip(),
                datum=self.datum, notities=self.notes.toPlainText(),
            )  # fmt: skip
        except StoreError as exc:
            self.failed(exc)
            return False
        self.saved_label.setText("Concept bewaard.")
        return True

    def current_flagged(self) -> CaseloadRow | None:
        return item(self.flagged_view.currentIndex(), ROW_ROLE, CaseloadRow)

    def add_action_for_current(self) -> int | None:
        row = self.current_flagged()
        if row is None:
            return self.add_action(None, "Algemene actie")
        return self.add_action(row.maatregel_id, f"{row.maatregel_id} · {row.jeugdige}")

    def add_action(self, maatregel_id: str | None, about: str) -> int | None:
        previous = self.pending_action[1] if self.pending_action else None
        dialog = AddActionDialog(about, self.datum, self, previous)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = dialog.value()
        # Offered again until it is saved, whatever fails (a lock, a full disk, a bug):
        # nothing typed is lost, as the error messages promise.
        self.pending_action = (maatregel_id, new)
        try:
            actie_id = conv.add_action(
                self.store, self.gesprek_id, maatregel_id=maatregel_id,
                omschrijving=new.omschrijving, eigenaar=new.eigenaar, deadline=new.deadline,
            )  # fmt: skip
        except StoreError as exc:
            self.failed(exc)
            return None
        self.pending_action = None
        self.new_model.set_actions(
            conv.actions_of_conversation(self.store, self.gesprek_id), self.datum
        )
        self.new_view.resizeColumnsToContents()
        self.changed.emit()
        return actie_id

    def remove_selected_action(self) -> None:
        index = self.new_view.currentIndex()
        if not index.isValid():
            return
        action = self.new_model.actions()[index.row()]
        try:
            conv.delete_action(self.store, action.id)
        except StoreError as exc:
            self.failed(exc)
            return
        self.new_model.set_actions(
            conv.actions_of_conversation(self.store, self.gesprek_id), self.datum
        )
        self.changed.emit()

    # --- finishing ------------------------------------------------------------------
    def finish(self) -> bool:
        self.commit_editing()
        if not self.save_header():
            return False
        pending = len(self.follow_model.pending())
        question = (
            f"{count(pending, 'eerdere actie is', 'eerdere acties zijn')} niet opgevolgd; "
            f"{'die blijft' if pending == 1 else 'die blijven'} open staan. "
            "Het gesprek toch afronden?"
        )
        yes = QMessageBox.StandardButton.Yes
        if pending and QMessageBox.question(self, "Gesprek afronden", question) != yes:
            return False
        rows = load_caseload(self.store, self.datum, self.worker.medewerker_id)
        s = summarize(r.signals for r in rows)
        try:
            conv.finish_conversation(
                self.store, self.gesprek_id, peildatum=self.datum, measures=s.measures,
                onder_druk=s.onder_druk, with_signal=s.with_signal,
            )  # fmt: skip
        except StoreError as exc:
            self.failed(exc)
            return False
        QMessageBox.information(self, "Gesprek afgerond", summary_text(self.store, self.gesprek_id))
        self.finished_conversation.emit(self.gesprek_id)
        self._finished = True
        self.accept()
        return True

    def commit_editing(self) -> None:
        """Save what is typed in a cell that is still being edited (a note, a status):
        closing or finishing must not lose it, and an editor left open would otherwise
        write after the file was closed."""
        view = self.follow_view
        editor = view.indexWidget(view.currentIndex())
        if editor is not None and view.state() == QAbstractItemView.State.EditingState:
            view.commitData(editor)
            view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _keep_input(self) -> None:
        self.commit_editing()
        if self._save_timer.isActive():
            self.save_header()  # nothing typed may be lost

    def closeEvent(self, event: QCloseEvent) -> None:
        self._keep_input()
        super().closeEvent(event)

    def reject(self) -> None:
        self._keep_input()
        super().reject()


def open_conversation(
    store: Store, worker: Worker, today: date, settings: AppSettings, parent=None
):
    """Resume the worker's draft conversation, or start a new one."""
    draft = conv.draft_conversation(store, worker.medewerker_id)
    if draft is not None:
        gesprek_id = draft.id
    else:
        pb = worker.praktijkbegeleider or settings.supervisor_name()
        gesprek_id = conv.start_conversation(store, worker.medewerker_id, pb, today)
    return ConversationWindow(store, worker, gesprek_id, parent)
