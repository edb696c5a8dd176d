"""The notes: what is discussed in this conversation and how the worker is doing, with
the notes of the previous conversation beside them to pick up where it ended."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPlainTextEdit

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv


def previous_conversation(
    store: Store, worker_id: str, gesprek_id: int
) -> conv.Conversation | None:
    """The worker's last finished conversation before this one."""
    before = [c for c in conv.conversations(store, worker_id) if c.afgerond and c.id != gesprek_id]
    return before[-1] if before else None


class NotesPanel(QGroupBox):
    def __init__(self, store: Store, worker_id: str, c: conv.Conversation, parent=None) -> None:
        super().__init__("&Notities", parent)
        self.setObjectName("notesPanel")
        self.editor = QPlainTextEdit(c.notities)
        self.editor.setObjectName("conversationNotes")
        self.editor.setAccessibleName("Notities bij dit gesprek")
        self.editor.setTabChangesFocus(True)  # Tab moves on; a tab character would be saved
        self.editor.setPlaceholderText("Wat is besproken, en hoe gaat het met de medewerker?")
        self.previous = QPlainTextEdit()
        self.previous.setObjectName("previousNotes")
        self.previous.setReadOnly(True)
        self.previous.setTabChangesFocus(True)
        last = previous_conversation(store, worker_id, c.id)
        title = f"Vorig gesprek ({nl(last.datum)}):" if last else "Geen eerder afgerond gesprek."
        self.previous_label = QLabel(title)
        self.previous_label.setObjectName("previousNotesLabel")
        self.previous_label.setWordWrap(True)
        self.previous_label.setBuddy(self.previous)
        self.previous.setPlainText(last.notities if last and last.notities else "")
        self.previous.setPlaceholderText("(geen notities)" if last else "")
        self.previous.setAccessibleName("Notities van het vorige gesprek")
        self.previous.setVisible(last is not None)
        # Side by side: this conversation's notes, and where the previous one ended.
        now_label = QLabel("In dit gesprek:")
        now_label.setBuddy(self.editor)
        layout = QGridLayout(self)
        layout.addWidget(now_label, 0, 0)
        layout.addWidget(self.editor, 1, 0)
        layout.addWidget(self.previous_label, 0, 1)
        layout.addWidget(self.previous, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def text(self) -> str:
        return self.editor.toPlainText()
