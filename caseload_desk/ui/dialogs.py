"""Dutch message dialogs. Each says what happened and what to do next."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.importer import ImportRejected, ImportSummary
from caseload_desk.importer.exportdate import exportdatum_problem
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.words import count


def error(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.exec()


class ProblemsDialog(QDialog):
    """Every problem of a rejected import, in a list that can be copied."""

    def __init__(self, exc: ImportRejected, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProblemsDialog")
        self.setWindowTitle("Export niet ingelezen")
        fit_to_screen(self, 760, 420)
        found = count(len(exc.problems), "probleem", "problemen")
        intro = QLabel(
            f"<b>De export is niet ingelezen: {found}.</b><br>"
            "De database is niet gewijzigd. Herstel de punten hieronder in de export "
            "en lees hem opnieuw in."
        )
        intro.setWordWrap(True)
        text = QPlainTextEdit("\n".join(str(p) for p in exc.problems))
        text.setObjectName("importProblems")
        text.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)


def summary_html(summary: ImportSummary) -> str:
    rows = "".join(
        f"<tr><td>{name}</td><td align=right>{s.nieuw}</td><td align=right>{s.gewijzigd}</td>"
        f"<td align=right>{s.ongewijzigd}</td><td align=right>{s.niet_meer_in_export}</td></tr>"
        for name, s in summary.sheets.items()
    )
    return (
        "<b>Import geslaagd.</b><table cellspacing=6><tr><th align=left>blad</th><th>nieuw</th>"
        f"<th>gewijzigd</th><th>ongewijzigd</th><th>niet meer in export</th></tr>{rows}</table>"
    )


class ExportDateDialog(QDialog):
    """The import's second step: on which date was this export made? A measure missing
    from it counts as ended on that date, so the date is asked, with today filled in."""

    def __init__(
        self, source_name: str, latest: date | None, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDateDialog")
        self.setWindowTitle("Datum van de export")
        self._latest, self._today = latest, today
        intro = QLabel(
            f"<p>Op welke datum is de export <b>{_escaped(source_name)}</b> gemaakt?</p>"
            "<p>Een maatregel die er niet in staat, telt vanaf de dag daarna als beëindigd "
            "(tenzij zijn einddatum eerder is) en staat dan onder <i>Niet meer in de "
            "export</i>.</p>"
            + (f"<p>De laatst ingelezen export is van {nl(latest)}.</p>" if latest else "")
        )
        intro.setWordWrap(True)
        intro.setMinimumWidth(420)
        self.date_edit = QDateEdit(QDate(today))
        self.date_edit.setObjectName("exportDateEdit")
        self.date_edit.setAccessibleName("Exportdatum")
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setCalendarPopup(True)
        self.error = QLabel()
        self.error.setObjectName("exportDateError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #9B2C1F;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Inlezen")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("&Exportdatum:", self.date_edit)
        form.addRow(self.error)
        form.addRow(buttons)
        self.date_edit.setFocus()

    def value(self) -> date:
        return self.date_edit.date().toPython()

    def _accept(self) -> None:
        problem = exportdatum_problem(self.value(), self._latest, self._today)
        if problem is not None:
            self.error.setText(problem)
            self.date_edit.setFocus()
            return
        self.accept()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
