"""The main window's import of exports and export of the action list, as a part it holds:
both run as background jobs with progress, on the file of the window's DatabaseSession."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from caseload_desk.export.atomic import TargetLocked
from caseload_desk.export.data import default_file_name
from caseload_desk.importer import (
    ExportDateRefused,
    FileRefused,
    ImportCancelled,
    ImportRejected,
    ImportSummary,
    latest_exportdatum,
)
from caseload_desk.store import StoreError, audit
from caseload_desk.ui import dialogs
from caseload_desk.ui.background import Jobs
from caseload_desk.ui.jobs import Job
from caseload_desk.ui.operations import export_action_list, import_into
from caseload_desk.ui.window_file import DatabaseSession

# The workers an export is for and its title: the selected worker, or everyone.
Scope = Callable[[], tuple[list[str], str]]


class TransferController(QObject):
    """Import (Excel or a CSV folder) and the Excel action list."""

    imported = Signal(object)  # the ImportSummary: the file has new contents
    message = Signal(str, int)  # a status bar message and how long it stays

    def __init__(
        self,
        window: QWidget,
        session: DatabaseSession,
        jobs: Jobs,
        scope: Scope,
        peildatum: Callable[[], date],
    ) -> None:
        super().__init__(window)
        self._window = window  # the parent of the dialogs
        self._session = session
        self._jobs = jobs
        self._scope = scope
        self._peildatum = peildatum

    # --- import --------------------------------------------------------------------------
    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window, "Export inlezen", "", "Excel-werkmap (*.xlsx)"
        )
        if path:
            self.import_dated(Path(path))

    def choose_import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self._window, "Map met CSV-bestanden kiezen")
        if path:
            self.import_dated(Path(path))

    def import_dated(self, source: Path) -> Job | None:
        """Ask the export's date (today filled in), then import; Annuleren stops here."""
        store = self._session.store
        if store is None:
            return None
        today = date.today()
        dialog = dialogs.ExportDateDialog(source.name, latest_exportdatum(store), today,
                                          self._window)  # fmt: skip
        if dialog.exec() != dialogs.ExportDateDialog.DialogCode.Accepted:
            self.message.emit("Import geannuleerd; de database is niet gewijzigd", 8000)
            return None
        return self.start_import(source, dialog.value())

    def start_import(self, source: Path, exportdatum: date | None = None) -> Job | None:
        db_path = self._session.path
        if db_path is None:
            return None
        progress = QProgressDialog("Export lezen en controleren…", "Annuleren", 0, 0, self._window)
        progress.setObjectName("importProgress")
        progress.setWindowTitle("Importeren")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        # The worker thread checks this flag at every progress report; the import raises
        # there and its transaction (if begun) rolls back.
        stop = threading.Event()
        progress.canceled.connect(stop.set)

        def report_or_stop(report: Callable[[str], None]) -> Callable[[str], None]:
            def checked(text: str) -> None:
                if stop.is_set():
                    raise ImportCancelled()
                report(text)

            return checked

        return self._jobs.run(
            lambda report: import_into(db_path, source, report_or_stop(report), exportdatum),
            lambda summary: self._import_done(progress, summary),
            lambda exc: self._import_failed(progress, exc),
            progress=progress.setLabelText,
        )

    def _import_done(self, progress: QProgressDialog, summary: ImportSummary) -> None:
        progress.close()
        self.imported.emit(summary)
        self.message.emit("Import geslaagd", 8000)
        self.show_message("Import geslaagd", dialogs.summary_html(summary))

    def _import_failed(self, progress: QProgressDialog, exc: BaseException) -> None:
        progress.close()
        if isinstance(exc, ImportCancelled):
            self.message.emit("Import geannuleerd; de database is niet gewijzigd", 8000)
        elif isinstance(exc, ImportRejected):
            self.show_problems(exc)
        elif isinstance(exc, FileRefused | StoreError | ExportDateRefused):
            dialogs.error(
                self._window, "Export niet ingelezen", f"{exc}\n\nDe database is niet gewijzigd."
            )
        else:
            dialogs.error(
                self._window,
                "Export niet ingelezen",
                f"Onverwachte fout ({type(exc).__name__}). De database is niet gewijzigd.",
            )

    # --- export --------------------------------------------------------------------------
    def choose_export_file(self) -> None:
        if self._session.store is None:
            return
        _ids, title = self._scope()
        suggestion = str(Path.home() / default_file_name(title, self._peildatum()))
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Actielijst exporteren", suggestion, "Excel-werkmap (*.xlsx)"
        )
        if path:
            self.start_export(
                Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
            )

    def start_export(self, target: Path) -> Job | None:
        db_path = self._session.path
        if db_path is None:
            return None
        ids, title = self._scope()
        peildatum = self._peildatum()
        worker = ids[0] if len(ids) == 1 else None
        return self._jobs.run(
            lambda report: export_action_list(db_path, ids, title, peildatum, target, report),
            lambda done: self._export_done(*done, worker),
            self._export_failed,
        )

    def _export_done(
        self, path: Path, measures: list[str], details: str, worker: str | None
    ) -> None:
        # The file name is not recorded: it carries the worker's or a child's name.
        self._session.audit(
            audit.Event.EXPORT, medewerker_id=worker, maatregelen=measures, details=details
        )
        self.message.emit(f"Actielijst opgeslagen: {path}", 10000)

    def _export_failed(self, exc: BaseException) -> None:
        text = (
            str(exc)
            if isinstance(exc, TargetLocked)
            else f"Onverwachte fout ({type(exc).__name__})."
        )
        dialogs.error(self._window, "Actielijst niet opgeslagen", text)

    def show_message(self, title: str, html: str) -> None:
        QMessageBox.information(self._window, title, html)

    def show_problems(self, exc: ImportRejected) -> None:
        dialogs.ProblemsDialog(exc, self._window).exec()
