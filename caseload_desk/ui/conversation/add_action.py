"""The action dialog: description, owner, deadline; Enter saves. Adds a new action, or
changes an agreed one (then it says what it was, so a change is a conscious one)."""

from __future__ import annotations

from collections.abc import Sequence
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

from caseload_desk.domain import ActionOwner, Owner, owner_of
from caseload_desk.ui.itemdata import add_choice

DEFAULT_DAYS = 14


@dataclass(frozen=True)
class NewAction:
    omschrijving: str
    eigenaar: Owner
    deadline: date


class AddActionDialog(QDialog):
    """`previous`: what was typed before (a failed save) or, with `editing`, the action
    as it stands. `named`: owners typed in before, offered again. `note`: a line under
    the title saying where the action goes (a proposal from the CRT view)."""

    def __init__(
        self,
        about: str,
        start: date,
        parent: QWidget | None = None,
        previous: NewAction | None = None,
        *,
        named: Sequence[str] = (),
        editing: bool = False,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editActionDialog" if editing else "addActionDialog")
        self.setWindowTitle("Actie wijzigen" if editing else "Actie toevoegen")
        self.setMinimumWidth(460)
        self.start = start  # the conversation's date: no new deadline before it
        # An agreed deadline that is already past may stay while the owner or text changes.
        self._agreed = previous.deadline if editing and previous is not None else None
        self.description = QLineEdit()
        self.description.setObjectName("actionDescription")
        self.description.setPlaceholderText("Wat is afgesproken?")
        # Editable: a role from the list, or anyone by name (remembered for next time).
        self.owner = QComboBox()
        self.owner.setObjectName("actionOwner")
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for o in ActionOwner:
            add_choice(self.owner, o.label, o)
        for name in named:
            self.owner.addItem(name)
        self.owner.setToolTip("Kies een rol, of typ de naam van iemand anders.")
        self.deadline = QDateEdit(QDate(start + timedelta(days=DEFAULT_DAYS)))
        self.deadline.setObjectName("actionDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd-MM-yyyy")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Wijziging bewaren" if editing else "Toevoegen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setObjectName("actionError")
        self.error.setStyleSheet("color: #9B2C1F;")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{about}</b>"))
        if note:
            where = QLabel(note)
            where.setObjectName("actionNote")
            where.setWordWrap(True)
            form.addRow(where)
        form.addRow("&Actie:", self.description)
        form.addRow("&Eigenaar:", self.owner)
        form.addRow("&Deadline:", self.deadline)
        form.addRow(self.error)
        form.addRow(buttons)
        if previous is not None:
            self.description.setText(previous.omschrijving)
            self.owner.setCurrentText(previous.eigenaar.label)
            self.deadline.setDate(QDate(previous.deadline))
        self.description.setFocus()

    def _accept(self) -> None:
        if not self.description.text().strip():
            self.error.setText("Vul in wat er is afgesproken.")
            self.description.setFocus()
            return
        deadline = self.deadline.date().toPython()
        if deadline < self.start and deadline != self._agreed:
            self.error.setText(
                f"De deadline ligt vóór de datum van het gesprek ({self.start:%d-%m-%Y})."
            )
            self.deadline.setFocus()
            return
        if not self.owner.currentText().strip():
            self.error.setText("Kies of typ wie de actie uitvoert.")
            self.owner.setFocus()
            return
        self.accept()

    def value(self) -> NewAction:
        return NewAction(
            self.description.text().strip(),
            owner_of(self.owner.currentText()),
            self.deadline.date().toPython(),
        )
