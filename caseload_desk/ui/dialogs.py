"""Dutch message dialogs. Each says what happened and what to do next."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.importer import ImportRejected, ImportSummary
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
