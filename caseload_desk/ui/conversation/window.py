"""The caseloadgesprek: follow up earlier actions, go through flagged dossiers, add actions.

The window composes its panels (follow_up_panel, flagged_panel, new_actions_panel,
notes_panel) and does what spans them: the header, the action dialogs, finishing.
Everything is written to the database as it is entered (the conversation is a draft until
it is finished), so closing the window by accident loses nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from caseload_desk.dates import nl
from caseload_desk.signals import summarize
from caseload_desk.store import Store, StoreError, audit
from caseload_desk.store import conversations as conv
from caseload_desk.store.errors import EditConflict
from caseload_desk.store.records import Worker
from caseload_desk.store.workload import (
    load_for_conversation,
    load_workload_settings,
    worker_load_of,
)
from caseload_desk.ui import dialogs
from caseload_desk.ui.caseload.rows import CaseloadRow, load_caseload
from caseload_desk.ui.conversation.add_action import AddActionDialog, NewAction
from caseload_desk.ui.conversation.conflict import KEPT_ON_CLIPBOARD, Choice, ask
from caseload_desk.ui.conversation.flagged_panel import FlaggedPanel
from caseload_desk.ui.conversation.follow_up_panel import FollowUpPanel
from caseload_desk.ui.conversation.handout import offer_handout
from caseload_desk.ui.conversation.new_actions_panel import NewActionsPanel
from caseload_desk.ui.conversation.notes_panel import NotesPanel
from caseload_desk.ui.conversation.summary import summary_text
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.help import CONVERSATION_KEYS, show_help
from caseload_desk.ui.peildatum_banner import PeildatumBanner
from caseload_desk.ui.settings import AppSettings
from caseload_desk.ui.workload.look import OVER_COLOUR, load_text, load_tip, spoken
from caseload_desk.words import count


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(False)  # Enter acts in the focused widget, never window-wide
    button.clicked.connect(slot)
    return button


class ConversationWindow(QDialog):
    finished_conversation = Signal(int)
    changed = Signal()

    def __init__(
        self,
        store: Store,
        worker: Worker,
        gesprek_id: int,
        parent=None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationWindow")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.store, self.worker, self.gesprek_id = store, worker, gesprek_id
        self.today = today or date.today()
        self.main_peildatum: date | None = None  # the main window's, when it differs
        self.setWindowTitle(f"Caseloadgesprek met {worker.naam}")
        c = conv.get_conversation(store, gesprek_id)
        assert c is not None
        # What was typed in a dialog whose save failed, offered again: (action id or
        # measure id, value). Nothing typed is lost, as the error messages promise.
        self.pending_action: tuple[str | None, NewAction] | None = None
        self._pending_edit: tuple[int, NewAction] | None = None
        self._finished = False
        # The header and notes as last read or saved, with their version: a save is made
        # on it, so a colleague's save in between is found instead of overwritten.
        self._header = c
        self._undecided = False  # a conflict the user chose to decide later
        self._save_timer = QTimer(self, singleShot=True, interval=400)
        self._save_timer.timeout.connect(self.save_header)
        self._build(c)
        fit_to_screen(self, 1500, 900)
        self.refresh()

    # --- layout -------------------------------------------------------------------
    def _build(self, c: conv.Conversation) -> None:
        wid = self.worker.medewerker_id
        self.follow = FollowUpPanel(self.store, wid, self.gesprek_id)
        self.flagged = FlaggedPanel(self.store, wid)
        self.new = NewActionsPanel(self.store, self.gesprek_id)
        self.notes_panel = NotesPanel(self.store, wid, c)
        self.follow.failed.connect(self.failed)
        self.follow.changed.connect(self.changed)
        # A follow-up or a new deadline can end "actie verlopen" on a flagged dossier.
        self.follow.changed.connect(lambda: self.flagged.load(self.datum))
        self.follow.edit_requested.connect(self.edit_action)
        self.flagged.add_requested.connect(self._add_for)
        self.new.edit_requested.connect(self.edit_action)
        self.new.delete_requested.connect(self.delete_action)

        self.date_edit = QDateEdit(QDate(c.datum))
        self.date_edit.setObjectName("conversationDate")
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setToolTip("De signalen en de tellingen bij afronden gelden op deze datum")
        self.pb_edit = QLineEdit(c.praktijkbegeleider)
        self.pb_edit.setObjectName("conversationSupervisor")
        date_label, pb_label = QLabel("&Datum:"), QLabel("&Praktijkbegeleider:")
        date_label.setBuddy(self.date_edit)
        pb_label.setBuddy(self.pb_edit)
        self.date_banner = PeildatumBanner()  # the main window's, saying this window's date
        self.date_edit.dateChanged.connect(self._date_changed)
        self.pb_edit.textChanged.connect(self._schedule_save)
        self.notes_panel.editor.textChanged.connect(self._schedule_save)
        head = QHBoxLayout()
        head.addWidget(date_label)
        head.addWidget(self.date_edit)
        head.addSpacing(16)
        head.addWidget(pb_label)
        head.addWidget(self.pb_edit, 1)
        head.addSpacing(16)
        # How much the worker carries: part of how the worker is doing, on this date.
        self.load_label = QLabel()
        self.load_label.setObjectName("conversationLoad")
        head.addWidget(self.load_label)

        self.saved_label = QLabel(
            "Alles wordt direct bewaard; het gesprek blijft een concept tot u het afrondt."
        )
        self.saved_label.setObjectName("draftLabel")
        self.saved_label.setWordWrap(True)  # wraps on a narrow screen instead of widening
        self.saved_label.setStyleSheet("color: #4D5656;")
        help_button = _button("Hulp (F1)", "helpButton", self.show_help)
        close = _button("Sluiten, concept bewaren (Esc)", "closeConversationButton", self.close)
        self.finish_button = _button(
            "Gesprek a&fronden (Ctrl+Enter)", "finishConversationButton", self.finish
        )
        foot = QHBoxLayout()
        foot.addWidget(self.saved_label, 1)
        foot.addWidget(help_button)
        foot.addWidget(close)
        foot.addWidget(self.finish_button)

        # Steps 1 and 2 get the full width (their tables are wide); the new actions and
        # the notes share the bottom row.
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(self.new)
        bottom.addWidget(self.notes_panel)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        steps = QSplitter(Qt.Orientation.Vertical)
        steps.setChildrenCollapsible(False)
        for part in (self.follow, self.flagged, bottom):
            steps.addWidget(part)
        steps.setSizes([460, 330, 200])  # proportions: following up needs the most room
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.date_banner)
        layout.addWidget(steps, 1)
        layout.addLayout(foot)

        for keys, slot in (
            ("Ctrl+N", self.add_action_for_current),
            ("Ctrl+Shift+N", self.add_general_action),
            ("Ctrl+E", self.edit_current_action),
            ("Ctrl+Return", self.finish),
            ("Ctrl+Enter", self.finish),
            ("F1", self.show_help),
            # The steps by number; the group titles say so (a mnemonic would do nothing
            # while the focus is already somewhere inside the group).
            ("Alt+1", self.follow.view.setFocus),
            ("Alt+2", self.flagged.view.setFocus),
            ("Alt+3", self.new.view.setFocus),
        ):
            QShortcut(QKeySequence(keys), self, slot)

    # --- compatibility names: the views the journeys and the self-test drive -----------
    @property
    def follow_view(self) -> QTableView:
        return self.follow.view

    @property
    def flagged_view(self) -> QTableView:
        return self.flagged.view

    @property
    def new_view(self) -> QTableView:
        return self.new.view

    @property
    def notes(self):
        return self.notes_panel.editor

    @property
    def follow_model(self):
        return self.follow.model

    @property
    def new_model(self):
        return self.new.model

    @property
    def flagged_model(self):
        return self.flagged.model

    # --- data -----------------------------------------------------------------------
    @property
    def datum(self) -> date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        self.follow.load(self.datum)
        self.flagged.load(self.datum)
        self.new.load(self.datum)
        self._update_banner()
        self.show_load()

    def show_load(self) -> None:
        """'Belasting: 92 %' in the header; above 100 % with the mark, bold and red."""
        found = worker_load_of(self.store, self.worker.medewerker_id, self.datum)
        load = found.load if found is not None else None
        over = load is not None and load.boven_norm
        self.load_label.setText(f"Belasting: {load_text(load)}")
        colour = OVER_COLOUR.name() if over else "#222222"
        self.load_label.setStyleSheet(f"color: {colour}; font-weight: {700 if over else 400};")
        settings = load_workload_settings(self.store)
        hours = found.hours if found is not None else None
        self.load_label.setToolTip(
            f"Op {nl(self.datum)}:\n" + load_tip(load, hours, settings)
            + "\nBij afronden wordt de belasting van dat moment bewaard."
        )  # fmt: skip
        self.load_label.setAccessibleName(spoken(load))

    def set_main_peildatum(self, peildatum: date) -> None:
        self.main_peildatum = peildatum
        self._update_banner()

    def focus_first_step(self) -> None:
        """Where the conversation starts: the earlier actions still to follow up, else
        the flagged dossiers."""
        (self.follow.view if self.follow.pending() else self.flagged.view).setFocus()

    def _update_banner(self) -> None:
        if self.datum != self.today:
            text = (
                f"Let op: dit gesprek is gedateerd op {nl(self.datum)}, niet op vandaag "
                f"({nl(self.today)}). De signalen, verlopen deadlines en de tellingen bij "
                "afronden gelden op die datum."
            )
        elif self.main_peildatum not in (None, self.datum):
            text = (
                f"Let op: het hoofdvenster staat op peildatum {nl(self.main_peildatum)}; "
                f"dit gesprek rekent met zijn eigen datum, vandaag ({nl(self.datum)})."
            )
        else:
            text = ""
        self.date_banner.show_text(text)

    def _date_changed(self) -> None:
        # The flagged list and the counts recorded at finishing follow the date at once;
        # saved first, so what is read back carries the new date.
        self.save_header()
        self.refresh()

    def failed(self, exc: StoreError) -> None:
        """A write failed (locked, full, read-only): say so; the input stays on screen."""
        self.saved_label.setText("Niet bewaard – zie melding; uw invoer staat er nog.")
        dialogs.error(self, "Niet opgeslagen", str(exc))

    def _schedule_save(self) -> None:
        self.saved_label.setText("Wijzigingen bewaren…")
        self._save_timer.start()

    def save_header(self) -> bool:
        self._save_timer.stop()
        seen = self._header
        mine = replace(seen, praktijkbegeleider=self.pb_edit.text().strip(), datum=self.datum,
                       notities=self.notes_panel.text())  # fmt: skip
        audit.set_entered_name(mine.praktijkbegeleider)  # beside the account in the log
        if mine == seen:  # nothing typed: nothing to write over a colleague's save
            self.saved_label.setText("Concept bewaard.")
            return True
        try:
            versie = conv.update_conversation(
                self.store, self.gesprek_id, praktijkbegeleider=mine.praktijkbegeleider,
                datum=mine.datum, notities=mine.notities, versie=seen.versie,
            )  # fmt: skip
        except EditConflict as exc:
            return self._header_conflict(exc, mine)
        except StoreError as exc:
            self.failed(exc)
            return False
        self._header = replace(mine, versie=versie)
        self._undecided = False
        self.saved_label.setText("Concept bewaard.")
        return True

    def _header_conflict(self, exc: EditConflict, mine: conv.Conversation) -> bool:
        """A colleague saved this conversation since it was read. What the user did not
        touch follows theirs; differing notes are the user's choice. The typed text is
        never replaced without that choice (and is put on the clipboard then)."""
        theirs, seen = exc.theirs, self._header
        if not isinstance(theirs, conv.Conversation):  # removed: nothing to choose
            self.failed(exc)
            return False
        pb = mine.praktijkbegeleider if mine.praktijkbegeleider != seen.praktijkbegeleider else (
            theirs.praktijkbegeleider)  # fmt: skip
        datum = mine.datum if mine.datum != seen.datum else theirs.datum
        notes, note = mine.notities, ""
        if mine.notities in (seen.notities, theirs.notities):
            notes = theirs.notities  # only they changed the notes (or both alike)
        else:
            choice, typed = ask(
                self, str(exc), theirs_title="Hun notities (nu in het bestand)",
                theirs=theirs.notities, mine_title="Uw notities", mine=mine.notities,
            )  # fmt: skip
            if choice is Choice.LATER:
                self._undecided = True
                self.saved_label.setText(
                    "Notities niet bewaard: iemand anders wijzigde ze; " + KEPT_ON_CLIPBOARD
                )
                return False
            notes = typed if choice is Choice.MINE else theirs.notities
            if choice is Choice.THEIRS:
                note = "Hun notities overgenomen; " + KEPT_ON_CLIPBOARD
        self._header = theirs  # the version now in the file is the one saved on
        self._show_header(pb, datum, notes)
        saved = self.save_header()
        if saved and note:
            self.saved_label.setText(note)
        return saved

    def _show_header(self, pb: str, datum: date, notes: str) -> None:
        """Put values in the header and notes without that counting as typing."""
        moved = datum != self.datum
        for widget, value in ((self.pb_edit, pb), (self.notes_panel.editor, notes)):
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            elif widget.toPlainText() != value:
                widget.setPlainText(value)
                widget.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on after it
            widget.blockSignals(False)
        if moved:
            self.date_edit.blockSignals(True)
            self.date_edit.setDate(QDate(datum))
            self.date_edit.blockSignals(False)
            self.refresh()

    def show_help(self) -> None:
        show_help(self, "het caseloadgesprek", CONVERSATION_KEYS)

    # --- actions ----------------------------------------------------------------------
    def current_flagged(self) -> CaseloadRow | None:
        return self.flagged.current()

    def _add_for(self, row: CaseloadRow | None) -> int | None:
        if row is None:
            return self.add_general_action()
        return self.add_action(row.maatregel_id, f"{row.maatregel_id} · {row.jeugdige}")

    def add_action_for_current(self) -> int | None:
        return self._add_for(self.current_flagged())

    def add_general_action(self) -> int | None:
        return self.add_action(None, f"Algemene actie voor {self.worker.naam}")

    def _named_owners(self) -> list[str]:
        try:
            return conv.named_owners(self.store)
        except sqlite3.Error:  # the file is locked by a colleague: the roles still work
            return []

    def add_action(self, maatregel_id: str | None, about: str) -> int | None:
        previous = self.pending_action[1] if self.pending_action else None
        dialog = AddActionDialog(about, self.datum, self, previous, named=self._named_owners())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = dialog.value()
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
        self.new.load(self.datum, select=actie_id)
        self.changed.emit()
        return actie_id

    def edit_current_action(self) -> bool:
        """Ctrl+E: the selected action of the table that has (or last had) the focus."""
        in_new = self.new.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        action = self.new.current() if in_new else self.follow.current_action()
        return action is not None and self.edit_action(action)

    def edit_action(self, action: conv.Action) -> bool:
        now = NewAction(action.omschrijving, action.eigenaar, action.deadline)
        if self._pending_edit and self._pending_edit[0] == action.id:
            now = self._pending_edit[1]
        dialog = AddActionDialog(
            f"{action.about}: afgesproken op {nl(action.gesprek_datum)}",
            self.datum, self, now, named=self._named_owners(), editing=True,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        new = dialog.value()
        self._pending_edit = (action.id, new)
        return self._save_edit(action, new)

    def _save_edit(self, seen: conv.Action, new: NewAction) -> bool:
        """Save an action's edit on the version it was read at (`seen`): a colleague's
        edit in between is shown, and only overwritten when the user chooses so."""
        actie_id, versie = seen.id, seen.versie
        try:
            conv.edit_action(
                self.store, self.gesprek_id, actie_id, omschrijving=new.omschrijving,
                eigenaar=new.eigenaar, deadline=new.deadline, versie=versie,
            )  # fmt: skip
        except EditConflict as exc:
            return self._edit_conflict(seen, new, exc)
        except StoreError as exc:
            self.failed(exc)
            return False
        self._pending_edit = None
        self._edited(actie_id)
        return True

    def _edited(self, actie_id: int) -> None:
        self.refresh()
        self.new.load(self.datum, select=actie_id)
        self.changed.emit()

    def _edit_conflict(self, seen: conv.Action, new: NewAction, exc: EditConflict) -> bool:
        theirs, actie_id = exc.theirs, seen.id
        if not isinstance(theirs, conv.Action):
            self.failed(exc)
            return False
        fields = ("omschrijving", "eigenaar", "deadline")
        # A field the user left alone follows theirs; only one both changed is a choice.
        new = NewAction(*(getattr(new if getattr(new, f) != getattr(seen, f) else theirs, f)
                          for f in fields))  # fmt: skip
        if all(getattr(new, f) == getattr(theirs, f) for f in fields):
            self._pending_edit = None  # the same edit, or theirs only: nothing to save
            self._edited(actie_id)
            return True
        self._pending_edit = (actie_id, new)
        both = [f for f in fields if _both_changed(*(getattr(x, f) for x in (seen, theirs, new)))]
        if not both:
            return self._save_edit(theirs, new)  # different fields: both kept
        choice, _ = ask(
            self, str(exc), theirs_title="Hun versie (nu in het bestand)",
            theirs=_action_text(theirs.omschrijving, theirs.eigenaar.label, theirs.deadline),
            mine_title="Uw wijziging",
            mine=_action_text(new.omschrijving, new.eigenaar.label, new.deadline), editable=False,
        )  # fmt: skip
        if choice is Choice.MINE:
            return self._save_edit(theirs, new)
        self._edited(actie_id)  # theirs in the lists
        if choice is Choice.THEIRS:
            self._pending_edit = None
            self.saved_label.setText("Hun versie van de actie overgenomen; " + KEPT_ON_CLIPBOARD)
            return True
        # Later: the edit is offered again the next time this action is edited.
        self.saved_label.setText(
            "Wijziging niet bewaard: iemand anders wijzigde de actie; uw wijziging staat weer "
            "klaar als u de actie opnieuw wijzigt."
        )
        return False

    def delete_action(self, action: conv.Action) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, "Actie verwijderen",
            f"De actie “{action.omschrijving}” bij {action.about} verwijderen?", parent=self,
        )  # fmt: skip
        box.setInformativeText("Dit kan niet ongedaan worden gemaakt.")
        yes = box.addButton("&Verwijderen", QMessageBox.ButtonRole.DestructiveRole)
        no = box.addButton("&Niet verwijderen", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # Enter keeps the action
        box.exec()
        if box.clickedButton() is not yes:
            return False
        try:
            conv.delete_action(self.store, action.id)
        except StoreError as exc:
            self.failed(exc)
            return False
        self.new.load(self.datum, select=0)
        self.saved_label.setText(f"Actie “{action.omschrijving}” verwijderd.")
        self.changed.emit()
        return True

    def remove_selected_action(self) -> bool:
        action = self.new.current()
        return action is not None and self.delete_action(action)

    # --- finishing ------------------------------------------------------------------
    def _confirm_finish(self) -> bool:
        pending = len(self.follow.pending())
        text = f"Het gesprek van {nl(self.datum)} met {self.worker.naam} afronden?"
        detail = "Daarna is het niet meer te wijzigen."
        if pending:
            detail = (
                f"{count(pending, 'eerdere actie is', 'eerdere acties zijn')} niet opgevolgd; "
                f"{'die blijft' if pending == 1 else 'die blijven'} open staan. " + detail
            )
        box = QMessageBox(QMessageBox.Icon.Question, "Gesprek afronden", text, parent=self)
        box.setInformativeText(detail)
        yes = box.addButton("&Afronden", QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton("&Nee, nog niet", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)  # a stray Enter never finishes the conversation
        box.exec()
        return box.clickedButton() is yes

    def finish(self) -> bool:
        self.follow.save_note()
        if not self.save_header():
            return False
        if not self._confirm_finish():
            return False
        rows = load_caseload(self.store, self.datum, self.worker.medewerker_id)
        s = summarize(r.signals for r in rows)
        try:  # the load of that moment, kept for the trend; a busy file: without it
            kept = load_for_conversation(self.store, self.worker.medewerker_id, self.datum)
        except sqlite3.Error:
            kept = None
        try:
            conv.finish_conversation(
                self.store, self.gesprek_id, peildatum=self.datum, measures=s.measures,
                onder_druk=s.onder_druk, with_signal=s.with_signal, load=kept,
            )  # fmt: skip
        except StoreError as exc:
            self.failed(exc)
            return False
        self._finished = True
        # One box: what was agreed, and the handout for the worker (default: not now).
        offer_handout(self, self.store, self.gesprek_id, title="Gesprek afgerond",
                      lead=summary_text(self.store, self.gesprek_id))  # fmt: skip
        self.finished_conversation.emit(self.gesprek_id)
        self.accept()
        return True

    def commit_editing(self) -> bool:
        """Save what is typed and not yet written (a follow-up note, the notes): closing
        or finishing must not lose it, nor write after the file was closed. False while
        a conflict with a colleague's notes is left undecided: the window stays open."""
        self.follow.save_note()
        if self._save_timer.isActive() or self._undecided:
            self.save_header()
        return not self._undecided

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commit_editing():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.commit_editing():
            super().reject()


def _both_changed(seen: object, theirs: object, mine: object) -> bool:
    return seen != theirs and seen != mine and theirs != mine


def _action_text(omschrijving: str, eigenaar: str, deadline: date) -> str:
    return f"{omschrijving}\n\nEigenaar: {eigenaar}\nDeadline: {nl(deadline)}"


def open_conversation(
    store: Store, worker: Worker, today: date, settings: AppSettings, parent=None
):
    """Resume the worker's draft conversation, or start a new one dated today (not the
    peildatum the main window looks at)."""
    draft = conv.draft_conversation(store, worker.medewerker_id)
    if draft is not None:
        gesprek_id = draft.id
    else:
        pb = worker.praktijkbegeleider or settings.supervisor_name()
        gesprek_id = conv.start_conversation(store, worker.medewerker_id, pb, today)
    return ConversationWindow(store, worker, gesprek_id, parent, today=today)
