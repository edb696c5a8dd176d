"""The line above the caseload when the worker has an unfinished (concept) conversation:
go on with it, or throw it away after a confirmation whose default is to keep it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from caseload_desk.dates import nl
from caseload_desk.store.conversations import Conversation
from caseload_desk.ui.elided_label import ElidedLabel
from caseload_desk.ui.resources import icon
from caseload_desk.words import count

ICON_SIZE = 18


def draft_message(draft: Conversation) -> str:
    return f"Concept-gesprek van {nl(draft.datum)} staat open (nog niet afgerond)."


class DraftBar(QFrame):
    continue_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBar")
        self.setAccessibleName("Concept-gesprek")
        self.setStyleSheet(
            "#draftBar { background: #F3EEFA; border: 1px solid #A48BC9;"
            " border-left: 5px solid #5B3E8C; }"
            "#draftBar QLabel { color: #2E1F47; background: transparent; border: none; }"
        )
        mark = QLabel()
        mark.setPixmap(icon("info").pixmap(ICON_SIZE, ICON_SIZE))
        self.label = ElidedLabel()
        self.label.setObjectName("draftText")
        self.continue_button = QPushButton("&Verder met gesprek")
        self.continue_button.setObjectName("continueDraftButton")
        self.continue_button.clicked.connect(self.continue_requested)
        self.discard_button = QPushButton("Concept &weggooien…")
        self.discard_button.setObjectName("discardDraftButton")
        self.discard_button.clicked.connect(self.discard_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 4, 3)
        layout.addWidget(mark)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.discard_button)
        self.draft: Conversation | None = None
        self.hide()

    def set_draft(self, draft: Conversation | None, *, writable: bool = True) -> None:
        """Show the worker's draft (None: hide the bar); a read-only file keeps it as is."""
        self.draft = draft
        if draft is None:
            self.label.setText("")
            self.hide()
            return
        self.label.setText(draft_message(draft))
        self.setAccessibleDescription(draft_message(draft))
        self.continue_button.setEnabled(writable)
        self.discard_button.setEnabled(writable)
        self.show()


def confirm_discard(
    parent: QWidget, worker: str, draft: Conversation, actions: int, follow_ups: int,
    window_open: bool,
) -> bool:  # fmt: skip
    """Ask before throwing a draft away; Annuleren is the default (Enter, Escape)."""
    box = QMessageBox(parent)
    box.setObjectName("discardDraftQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Concept weggooien")
    box.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
    box.setText(f"Het concept-gesprek met {worker} van {nl(draft.datum)} weggooien?")
    lost = [
        "de notities",
        count(actions, "nieuwe actie", "nieuwe acties"),
        count(follow_ups, "opvolging", "opvolgingen"),
    ]
    closing = " Het gespreksvenster wordt gesloten." if window_open else ""
    box.setInformativeText(
        f"Daarmee verdwijnen {lost[0]}, {lost[1]} en {lost[2]} van dit gesprek. Dit kan "
        f"niet ongedaan worden gemaakt; het auditlog houdt bij dat het is weggegooid.{closing}"
    )
    discard = box.addButton("Weggooien", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard
