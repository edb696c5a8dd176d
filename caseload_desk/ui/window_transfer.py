"""The main window's import of exports and export of the action list, both as background
jobs with progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from caseload_desk.export.atomic import TargetLocked
from caseload_desk.export.data import default_file_name
from caseload_desk.importer import FileRefused, ImportRejected, ImportSummary
from caseload_desk.store import Store, StoreError, audit
from caseload_desk.store.records import workers
from caseload_desk.ui import dialogs
from caseload_desk.ui.jobs import Job, start
from caseload_desk.ui.operations import export_action_list, import_into


class TransferMixin:
    """Part of MainWindow (see main_window.py): import and Excel export."""

    store: Store | None
    db_path: Path | None

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Export inlezen", "", "Excel-werkmap (*.xlsx)")
        if path:
            self.start_import(Path(path))

    def choose_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Map met CSV-bestanden kiezen")
        if path:
            self.start_import(Path(path))

    def start_import(self, source: Path) -> Job | None:
        if self.db_path is None:
            return None
        progress = QProgressDialog("Export lezen en controleren…", "", 0, 0, self)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Importeren")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        db_path = self.db_path
        job = Job(lambda report: import_into(db_path, source, report))
        job.signals.progress.connect(progress.setLabelText)
        job.signals.done.connect(lambda summary: self._import_done(job, progress, summary))
        job.signals.failed.connect(lambda exc: self._import_failed(job, progress, exc))
        self._jobs.append(job)
        start(job)
        return job

    def _import_done(self, job: Job, progress: QProgressDialog, summary: ImportSummary) -> None:
        progress.close()
        self._jobs.remove(job)
        self.reload()
        self.statusBar().showMessage("Import geslaagd", 8000)
        self.show_message("Import geslaagd", dialogs.summary_html(summary))

    def _import_failed(self, job: Job, progress: QProgressDialog, exc: BaseException) -> None:
        progress.close()
        self._jobs.remove(job)
        if isinstance(exc, ImportRejected):
            self.show_problems(exc)
        elif isinstance(exc, FileRefused | StoreError):
            dialogs.error(self, "Export niet ingelezen", f"{exc}\n\nDe database is niet gewijzigd.")
        else:
            dialogs.error(
                self,
                "Export niet ingelezen",
                f"Onverwachte fout ({type(exc).__name__}). De database is niet gewijzigd.",
            )

    # --- export -----------------------------------------------------------------------
    def export_scope(self) -> tuple[list[str], str]:
        """The worker ids and title of the current selection (a worker, or everyone)."""
        w = self.worker()
        if w is not None:
            return [w.medewerker_id], w.naam
        assert self.store is not None
        return [x.medewerker_id for x in workers(self.store)], "alle medewerkers"

    def choose_export_file(self) -> None:
        if self.store is None:
            return
        _ids, title = self.export_scope()
        suggestion = str(Path.home() / default_file_name(title, self.peildatum))
        path, _ = QFileDialog.getSaveFileName(
            self, "Actielijst exporteren", suggestion, "Excel-werkmap (*.xlsx)"
        )
        if path:
            self.start_export(
                Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
            )

    def start_export(self, target: Path) -> Job | None:
        if self.db_path is None:
            return None
        ids, title = self.export_scope()
        db_path, peildatum = self.db_path, self.peildatum
        job = Job(lambda report: export_action_list(db_path, ids, title, peildatum, target, report))
        job.signals.done.connect(lambda path: self._export_done(job, path))
        job.signals.failed.connect(lambda exc: self._export_failed(job, exc))
        self._jobs.append(job)
        start(job)
        return job

    def _export_done(self, job: Job, path: Path) -> None:
        self._jobs.remove(job)
        self._audit(audit.Event.EXPORT, medewerker_id=self.worker_id, details=path.name)
        self.statusBar().showMessage(f"Actielijst opgeslagen: {path}", 10000)

    def _export_failed(self, job: Job, exc: BaseException) -> None:
        self._jobs.remove(job)
        text = (
            str(exc)
            if isinstance(exc, TargetLocked)
            else f"Onverwachte fout ({type(exc).__name__})."
        )
        dialogs.error(self, "Actielijst niet opgeslagen", text)

    def show_message(self, title: str, html: str) -> None:
        QMessageBox.information(self, title, html)

    def show_problems(self, exc: ImportRejected) -> None:
        dialogs.ProblemsDialog(exc, self).exec()
