"""A small dialog to add an action: description, owner, deadline; Enter saves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from caseload_desk.domain import ActionOwner
from caseload_desk.ui.itemdata import add_choice, choice, select_choice

DEFAULT_DAYS = 14


@dataclass(frozen=True)
class NewAction:
    omschrijving: str
    eigenaar: ActionOwner
    deadline: date


class AddActionDialog(QDialog):
    def __init__(
        self,
        about: str,
        start: date,
        parent: QWidget | None = None,
        previous: NewAction | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addActionDialog")
        self.setWindowTitle("Actie toevoegen")
        self.setMinimumWidth(460)
        self.description = QLineEdit()
        self.description.setObjectName("actionDescription")
        self.description.setPlaceholderText("Wat is afgesproken?")
        self.owner = QComboBox()
        self.owner.setObjectName("actionOwner")
        for o in ActionOwner:
            add_choice(self.owner, o.label, o)
        self.deadline = QDateEdit(QDate(start + timedelta(days=DEFAULT_DAYS)))
        self.deadline.setObjectName("actionDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd-MM-yyyy")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Toevoegen")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setStyleSheet("color: #9B2C1F;")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{about}</b>"))
        form.addRow("&Actie:", self.description)
        form.addRow("&Eigenaar:", self.owner)
        form.addRow("&Deadline:", self.deadline)
        form.addRow(self.error)
        form.addRow(buttons)
        if previous is not None:  # an earlier attempt could not be saved: offer it again
            self.description.setText(previous.omschrijving)
            select_choice(self.owner, previous.eigenaar)
            self.deadline.setDate(QDate(previous.deadline))
        self.description.setFocus()

    def _accept(self) -> None:
        if not self.description.text().strip():
            self.error.setText("Vul in wat er is afgesproken.")
            self.description.setFocus()
            return
        self.accept()

    def value(self) -> NewAction:
        return NewAction(
            self.description.text().strip(),
            choice(self.owner, ActionOwner),
            self.deadline.date().toPython(),
        )
