"""Step 1 of the conversation: follow up the actions agreed before.

The table lists them; beside it the selected action's whole story (agreed when, every
earlier follow-up with its note, every change) and this conversation's follow-up: one key
or one click for the status (1 afgerond, 2 loopt nog, 3 vervallen, 0 wissen) and a note
of its own. The note waits for a status: typing never sets one as a side effect.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.domain import ActionStatus
from caseload_desk.store import Store, StoreError
from caseload_desk.store import conversations as conv
from caseload_desk.store.errors import EditConflict
from caseload_desk.ui.conversation.conflict import KEPT_ON_CLIPBOARD, Choice, ask
from caseload_desk.ui.conversation.follow_up_model import (
    ACTION_ROLE,
    FCol,
    FollowUpModel,
    earlier,
)
from caseload_desk.ui.conversation.status_look import LOOKS, NOT_YET, key_digit, look_of
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.resources import icon
from caseload_desk.ui.tables import ColumnFitter, make_table
from caseload_desk.words import count

CHANGE_WORDS = {"omschrijving": "Omschrijving", "eigenaar": "Eigenaar", "deadline": "Deadline"}
NOTE_WAITS = "Kies eerst de opvolging (toets 1, 2 of 3); daarna kunt u hier een notitie typen."
NOTE_FREE = "Wat is er gebeurd of afgesproken? (mag leeg blijven)"


def story_html(a: conv.Action, gesprek_id: int) -> str:
    """Everything that happened to an action, oldest first, for the detail pane."""
    lines = [
        f"<b>{escape(a.about)}</b><br>{escape(a.omschrijving)}",
        *(
            [f"<b>Let op: maatregel {a.left_export_note}</b>; hij krijgt geen signalen meer."]
            if a.left_export_note
            else []
        ),
        f"Eigenaar: {escape(a.eigenaar.label)} · deadline {nl(a.deadline)}",
        f"<i>Afgesproken op {nl(a.gesprek_datum)}</i>",
    ]
    events: list[tuple[date, int, str]] = []
    for f in earlier(a, gesprek_id):
        note = f": “{escape(f.notitie)}”" if f.notitie else " (geen notitie)"
        events.append((f.gesprek_datum, 0, f"{nl(f.gesprek_datum)} <b>{f.status.label}</b>{note}"))
    for c in a.changes:
        when = "in dit gesprek" if c.gesprek_id == gesprek_id else f"op {nl(c.gesprek_datum)}"
        events.append((c.gesprek_datum, 1, f"{CHANGE_WORDS[c.veld]} {when} gewijzigd van "
                       f"“{escape(c.oud)}” naar “{escape(c.nieuw)}”"))  # fmt: skip
    if events:
        lines.append("<b>Eerder:</b>")
        lines += [f"• {text}" for _d, _k, text in sorted(events, key=lambda e: (e[0], e[1]))]
    else:
        lines.append("Nog niet eerder opgevolgd.")
    return "<br>".join(lines)


class FollowUpPanel(QGroupBox):
    changed = Signal()
    failed = Signal(object)  # StoreError
    edit_requested = Signal(object)  # Action

    def __init__(self, store: Store, worker_id: str, gesprek_id: int, parent=None) -> None:
        super().__init__("1. Opvolging van eerdere acties (Alt+1)", parent)
        self.setObjectName("followUpPanel")
        self.store, self.worker_id, self.gesprek_id = store, worker_id, gesprek_id
        self.model = FollowUpModel(self)
        self.view = make_table("followUpTable", self.model, wrap=False)
        self.view.setAccessibleName("Acties uit eerdere gesprekken")
        self.view.setColumnHidden(FCol.EIGENAAR, True)  # in the detail beside it; room
        # Free text and names give way (elided; the whole text is in the story and tooltip).
        ColumnFitter(self.view, shrink=(FCol.ACTIE, FCol.OVER))
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.summary = QLabel()
        self.summary.setObjectName("followUpSummary")
        self.summary.setWordWrap(True)

        self.story = QTextBrowser()
        self.story.setObjectName("followUpStory")
        self.story.setAccessibleName("Verloop van de gekozen actie")
        self.story.setTabChangesFocus(True)  # reachable by Tab, to scroll it by keyboard
        self.buttons = QButtonGroup(self)
        row = QHBoxLayout()
        for look in (*LOOKS, NOT_YET):
            word = "Wissen" if look is NOT_YET else look.word
            button = QPushButton(icon(look.icon), f"{word} ({key_digit(look)})")
            button.setObjectName(f"status{key_digit(look)}")
            button.setCheckable(look is not NOT_YET)
            button.setAutoDefault(False)
            button.setToolTip(f"Toets {key_digit(look)} in de tabel")
            button.clicked.connect(lambda _c=False, s=look.status: self.set_status(s))
            self.buttons.addButton(button)
            row.addWidget(button)
        self.note = QPlainTextEdit()
        self.note.setObjectName("followUpNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(NOTE_WAITS)
        # Three lines to type in (it scrolls); the rest of the height goes to the story above it.
        self.note.setMaximumHeight(self.note.fontMetrics().lineSpacing() * 3 + 14)
        note_label = QLabel("Notitie bij deze &opvolging:")
        note_label.setBuddy(self.note)
        self._note_timer = QTimer(self, singleShot=True, interval=500)
        self._note_timer.timeout.connect(self.save_note)
        self._showing = False  # filling the editor is not typing
        self._note_dirty = False  # typed and not yet written
        self._shown_id: int | None = None  # the action whose note the editor holds
        self.note.textChanged.connect(self._note_typed)
        self.edit_button = QPushButton("Actie &wijzigen… (Ctrl+E)")
        self.edit_button.setObjectName("editFollowUpActionButton")
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.request_edit)
        row.addStretch(1)

        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.story, 3)
        dl.addLayout(row)
        note_row = QHBoxLayout()  # the note's label and the edit button share a row:
        note_row.addWidget(note_label)  # the height goes to the story
        note_row.addStretch(1)
        note_row.addWidget(self.edit_button)
        dl.addLayout(note_row)
        dl.addWidget(self.note, 2)
        self.detail = detail
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(detail)
        split.setSizes([650, 350])  # proportions, kept when the window is resized
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        # One key per status, only while the table has the focus (a digit in a note is text).
        for look in (*LOOKS, NOT_YET):
            key = QShortcut(QKeySequence(look.key), self.view)
            key.setContext(Qt.ShortcutContext.WidgetShortcut)
            key.activated.connect(lambda s=look.status: self.set_status(s))
        # Enter on an action goes to its note: the next thing to do after the status.
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self._to_note)

    # --- data -----------------------------------------------------------------------
    def load(self, peildatum: date) -> None:
        keep = self.current_action()
        follow = conv.actions_to_follow_up(self.store, self.worker_id, self.gesprek_id)
        self.model.set_actions(follow, self.gesprek_id, peildatum)
        row = self.model.row_of(keep.id) if keep else -1
        if self.model.rowCount():
            self.view.selectRow(max(row, 0))
        self._show_current()
        self._update_summary()

    def select_action(self, actie_id: int) -> bool:
        """Put the table on this action, with the keyboard there to mark it."""
        row = self.model.row_of(actie_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        self.view.setFocus()
        return True

    def current_action(self) -> conv.Action | None:
        return item(self.view.currentIndex(), ACTION_ROLE, conv.Action)

    def pending(self) -> list[conv.Action]:
        return self.model.pending()

    def _update_summary(self) -> None:
        total, pending = self.model.rowCount(), len(self.model.pending())
        if not total:
            self.summary.setText("Er staan geen acties uit eerdere gesprekken open.")
            return
        todo = "alles is opgevolgd" if not pending else f"nog {pending} op te volgen"
        gone = sum(1 for a in self.model.actions() if a.left_export_note)
        left = (
            f" {count(gone, 'actie hoort', 'acties horen')} bij een maatregel die niet meer "
            "in de export staat (‘uit export’)."
            if gone
            else ""
        )
        self.summary.setText(
            f"{count(total, 'actie', 'acties')} uit eerdere gesprekken; {todo}.{left} "
            "Kies een actie en druk 1 (afgerond), 2 (loopt nog) of 3 (vervallen); "
            "Enter gaat naar de notitie."
        )

    def _show_current(self) -> None:
        self.save_note()  # the note of the action just left, before the editor changes
        a = self.current_action()
        self._shown_id = a.id if a else None
        self.detail.setEnabled(a is not None)
        self._showing = True
        try:
            if a is None:
                self.story.setHtml("<i>Geen actie gekozen.</i>")
                self.note.setPlainText("")
                return
            self.story.setHtml(story_html(a, self.gesprek_id))
            f = self.model.current(a)
            for button in self.buttons.buttons():
                look = look_of(f.status if f else None)
                button.setChecked(button.objectName() == f"status{key_digit(look)}")
            self.note.setPlainText(f.notitie if f else "")
            self.note.moveCursor(QTextCursor.MoveOperation.End)  # typing adds to the note
            self.note.setReadOnly(f is None)
            self.note.setPlaceholderText(NOTE_WAITS if f is None else NOTE_FREE)
        finally:
            self._showing = False

    # --- writing ----------------------------------------------------------------------
    def set_status(self, status: ActionStatus | None) -> bool:
        a = self.current_action()
        if a is None:
            return False
        self._note_timer.stop()
        self._note_dirty = False
        f = self.model.current(a)
        note = self.note.toPlainText() if f else ""
        return self._write(a, status, note, f.versie if f else conv.ABSENT)

    def _write(
        self,
        a: conv.Action,
        status: ActionStatus | None,
        note: str,
        versie: int,
        *,
        show: bool = True,
    ) -> bool:
        """Save a follow-up on the version last read; a colleague's save in between is
        the user's choice (conflict.ask), never silently overwritten."""
        try:
            if status is None:
                conv.clear_follow_up(self.store, self.gesprek_id, a.id, versie=versie)
            else:
                conv.follow_up(self.store, self.gesprek_id, a.id, status, note, versie=versie)
        except EditConflict as exc:
            return self._conflict(a, exc, status, note)
        except StoreError as exc:
            self.failed.emit(exc)
            return False
        self._reread(a.id, show=show)  # a note saved while typing: the editor stays as is
        return True

    def _conflict(
        self, a: conv.Action, exc: EditConflict, status: ActionStatus | None, note: str
    ) -> bool:
        theirs = exc.theirs if isinstance(exc.theirs, conv.FollowUp) else None
        seen = self.model.current(a)  # as read before the colleague's save
        if theirs is not None and seen is not None and status is not None:
            # Only a field both changed is a choice; what one of them left alone is merged.
            mine_changed = (status != seen.status, note.strip() != seen.notitie)
            theirs_changed = (theirs.status != seen.status, theirs.notitie != seen.notitie)
            status = status if mine_changed[0] else theirs.status
            note = note if mine_changed[1] else theirs.notitie
            both = [m and t for m, t in zip(mine_changed, theirs_changed, strict=True)]
            if not any(both):
                saved = self._write(a, status, note, exc.versie, show=self._shown_id == a.id)
                if saved:
                    self.summary.setText("Opvolging bewaard, samen met wat iemand anders "
                                         "er intussen aan wijzigde.")  # fmt: skip
                return saved
        same = (theirs.status, theirs.notitie) if theirs else (None, "")
        if same == (status, note.strip()):  # both did the same: nothing to choose
            self._reread(a.id)
            return True
        choice, typed = ask(
            self, str(exc),
            theirs_title=f"Hun opvolging: {theirs.status.label if theirs else 'gewist'}",
            theirs=theirs.notitie if theirs else "",
            mine_title=f"Uw opvolging: {status.label if status else 'wissen'}", mine=note,
        )  # fmt: skip
        if choice is Choice.MINE:
            return self._write(a, status, typed, exc.versie, show=self._shown_id == a.id)
        if choice is Choice.THEIRS:
            self._reread(a.id, show=self._shown_id == a.id)
            self.summary.setText("Hun opvolging overgenomen; " + KEPT_ON_CLIPBOARD)
            return True
        # Later: what the user typed stays in the editor (and on the clipboard).
        self._note_dirty = self._shown_id == a.id
        self.summary.setText("Opvolging niet bewaard, want iemand anders wijzigde die intussen; "
                             + KEPT_ON_CLIPBOARD)  # fmt: skip
        return False

    def _note_typed(self) -> None:
        if not self._showing:
            self._note_dirty = True
            self._note_timer.start()

    def save_note(self) -> bool:
        """Write the note typed for the current action (it has a status: the editor is
        read-only until then)."""
        self._note_timer.stop()
        if not self._note_dirty:
            return True
        self._note_dirty = False
        # The action the editor shows: when the selection moves, the current one is
        # already the next action.
        row = self.model.row_of(self._shown_id) if self._shown_id is not None else -1
        a = self.model.action_at(row) if row >= 0 else None
        f = self.model.current(a) if a else None
        if a is None or f is None:
            return True
        return self._write(a, f.status, self.note.toPlainText(), f.versie, show=False)

    def _reread(self, actie_id: int, *, show: bool = True) -> None:
        fresh = {a.id: a for a in conv.actions_to_follow_up(
            self.store, self.worker_id, self.gesprek_id)}  # fmt: skip
        if actie_id in fresh:
            self.model.update_action(fresh[actie_id])
        if show:
            self._show_current()
        self._update_summary()
        self.changed.emit()

    def _to_note(self) -> None:
        a = self.current_action()
        if a is not None and self.model.current(a) is not None:
            self.note.setFocus()
        else:
            self.summary.setText(NOTE_WAITS)

    def request_edit(self) -> None:
        a = self.current_action()
        if a is not None:
            self.edit_requested.emit(a)
