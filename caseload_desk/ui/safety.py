"""Windows for data safety: restoring a backup, and reading the audit log."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.export.atomic import write_atomically
from caseload_desk.store import audit, backup
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.tables import Index, RowsTableModel, make_table


class _ListModel(RowsTableModel):
    """A read-only table of rows of text."""

    def __init__(self, headers: tuple[str, ...], rows: list[tuple], parent: Any = None) -> None:
        super().__init__(parent)
        self.headers, self._rows = headers, rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self._rows[index.row()][index.column()])
        return None


def _table(name: str, model: QAbstractTableModel) -> QTableView:
    view = make_table(name, model)
    view.resizeColumnsToContents()
    return view


def ask_retry(parent: QWidget | None, title: str, text: str) -> bool:
    """A message with "Opnieuw proberen" (the default) and "Annuleren"; True for retry."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setObjectName("retryDialog")
    retry = box.addButton("Opnieuw proberen", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


class RestoreDialog(QDialog):
    """Choose a backup to put back; `chosen` holds its path after accept()."""

    def __init__(self, db_path: Path, intro: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Reservekopie terugzetten")
        fit_to_screen(self, 760, 420)
        self.backups = backup.list_backups(db_path)
        rows = [
            (b.made.astimezone().strftime("%d-%m-%Y %H:%M"), b.reason,
             "intact" if backup.verify(b.path) else "beschadigd", b.path.name)
            for b in self.backups
        ]  # fmt: skip
        self.view = _table(
            "backupTable", _ListModel(("Gemaakt", "Reden", "Controle", "Bestand"), rows, self)
        )
        text = QLabel(
            (intro + "<br><br>" if intro else "")
            + "Kies een reservekopie. Het huidige bestand wordt eerst bewaard (of, als het "
            "beschadigd is, apart gezet); er gaat niets verloren."
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Terugzetten")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        if rows:
            self.view.selectRow(0)
        self.chosen: Path | None = None

    def accept(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.chosen = self.backups[index.row()].path
        super().accept()


AUDIT_HEADERS = (
    "Tijdstip (UTC)",
    "Gebruiker",
    "Gebeurtenis",
    "Medewerker",
    "Maatregelen",
    "Details",
)


class AuditDialog(QDialog):
    def __init__(self, entries: list[audit.AuditEntry], broken: list[int], title: str,
                 parent: QWidget | None = None,
                 findings: Sequence[audit.Finding] = ()) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(title)
        fit_to_screen(self, 980, 520)
        self.entries = entries
        rows = [
            (e.tijdstip.replace("T", " ")[:19], e.gebruiker, audit.Event(e.gebeurtenis).label,
             e.medewerker_id, e.maatregelen, e.details)
            for e in entries
        ]  # fmt: skip
        self.view = _table("auditTable", _ListModel(AUDIT_HEADERS, rows, self))
        # The chain alone cannot see rows cut from the end or a recomputed chain: what the
        # anchors (this computer's, the backups') say counts as well.
        tampered = [escape(f.text) for f in findings if f.tampered]
        state = (
            "<span style='color:#1D6B3A'>✓ De keten van het logboek is intact.</span>"
            if not broken and not tampered
            else "<b style='color:#9B2C1F'>⚠ Het logboek is aangepast bij regel(s) "
            f"{broken[:10]}.</b>"
            if broken
            else "<b style='color:#9B2C1F'>⚠ " + "<br>⚠ ".join(tampered) + "</b>"
        )
        self.state = QLabel(state)
        self.state.setObjectName("auditState")
        self.state.setWordWrap(True)  # a finding is a sentence or two
        export = QPushButton("Exporteren als CSV…")
        export.setObjectName("auditExport")
        export.clicked.connect(self.choose_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Auditlogboek exporteren", "auditlog.csv", "CSV (*.csv)"
        )
        if path:
            self.save_csv(Path(path))

    def save_csv(self, target: Path) -> None:
        def write(tmp: Path) -> None:
            with tmp.open("w", newline="", encoding="utf-8-sig") as fh:
                writer = csv.writer(fh, delimiter=";")
                writer.writerow(["id", *AUDIT_HEADERS, "hash"])
                for e in self.entries:
                    writer.writerow(audit.safe_cell(v) for v in (
                        e.id, e.tijdstip, e.gebruiker, e.gebeurtenis, e.medewerker_id,
                        e.maatregelen, e.details, e.hash))  # fmt: skip

        write_atomically(target, write)
