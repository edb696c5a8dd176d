"""The choice when a colleague saved the same notes or follow-up first (EditConflict):
their text and the user's side by side, the user's still editable so parts of theirs can
be copied in, and three ways on: keep mine, take theirs, or both joined to edit further."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class Choice(IntEnum):
    LATER = 0  # closed (Esc): nothing saved, the text stays on screen
    MINE = 1
    THEIRS = 2


class ConflictDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        message: str,
        *,
        theirs_title: str,
        theirs: str,
        mine_title: str,
        mine: str,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editConflictDialog")
        self.setWindowTitle("Intussen gewijzigd door iemand anders")
        self.choice = Choice.LATER
        lead = QLabel(message)
        lead.setObjectName("editConflictMessage")
        lead.setWordWrap(True)
        self.theirs = QPlainTextEdit(theirs)
        self.theirs.setObjectName("conflictTheirs")
        self.theirs.setReadOnly(True)  # selectable: parts can be copied into "uw tekst"
        self.theirs.setTabChangesFocus(True)
        self.theirs.setPlaceholderText("(leeg)")
        self.theirs.setAccessibleName(theirs_title)
        self.mine = QPlainTextEdit(mine)
        self.mine.setObjectName("conflictMine")
        self.mine.setTabChangesFocus(True)
        self.mine.setPlaceholderText("(leeg)")
        self.mine.setAccessibleName(mine_title)
        self.mine.setReadOnly(not editable)  # an action's fields: kept or not, as a whole
        theirs_label = QLabel(theirs_title)
        mine_label = QLabel(mine_title + (" (te bewerken)" if editable else ""))
        theirs_label.setBuddy(self.theirs)
        mine_label.setBuddy(self.mine)
        texts = QGridLayout()
        texts.addWidget(theirs_label, 0, 0)
        texts.addWidget(self.theirs, 1, 0)
        texts.addWidget(mine_label, 0, 1)
        texts.addWidget(self.mine, 1, 1)

        keep = QPushButton("&Mijn tekst bewaren")
        keep.setObjectName("conflictKeepMine")
        take = QPushButton("&Hun tekst overnemen")
        take.setObjectName("conflictTakeTheirs")
        join = QPushButton("&Beide samenvoegen")
        join.setObjectName("conflictJoin")
        join.setToolTip("Zet hun tekst boven de uwe om samen te bewerken; nog niets bewaard")
        later = QPushButton("Later kiezen (Esc)")
        later.setObjectName("conflictLater")
        for button in (take, join, later):
            button.setAutoDefault(False)
        keep.setDefault(True)  # Enter keeps what the user typed: never loses it
        keep.clicked.connect(lambda: self._done(Choice.MINE))
        take.clicked.connect(lambda: self._done(Choice.THEIRS))
        join.clicked.connect(self.join)
        join.setVisible(editable)
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(join)
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(take)
        buttons.addWidget(keep)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addLayout(texts, 1)
        layout.addLayout(buttons)
        self.resize(760, 420)
        self.mine.setFocus()

    def join(self) -> None:
        theirs, mine = self.theirs.toPlainText().strip(), self.mine.toPlainText().strip()
        self.mine.setPlainText("\n\n".join(t for t in (theirs, mine) if t))
        self.mine.setFocus()

    def _done(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def text(self) -> str:
        """The user's text as it stands in the dialog (with anything copied into it)."""
        return self.mine.toPlainText()


def ask(
    parent: QWidget,
    message: str,
    *,
    theirs_title: str,
    theirs: str,
    mine_title: str,
    mine: str,
    editable: bool = True,
) -> tuple[Choice, str]:
    """Show the choice; returns it with the user's (possibly merged) text. Whenever the
    user's text does not end up saved, it is also put on the clipboard."""
    dialog = ConflictDialog(parent, message, theirs_title=theirs_title, theirs=theirs,
                            mine_title=mine_title, mine=mine, editable=editable)  # fmt: skip
    dialog.exec()
    text = dialog.text()
    if dialog.choice is not Choice.MINE and text.strip():
        QApplication.clipboard().setText(text)
    return dialog.choice, text


KEPT_ON_CLIPBOARD = "uw tekst staat ook op het klembord."
