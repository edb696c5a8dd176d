"""The main window: workers on the left, their caseload in the centre, the dossier right."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from caseload_desk import APP_NAME
from caseload_desk.demo import create_demo
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.export.data import default_file_name
from caseload_desk.importer import FileRefused, ImportRejected, ImportSummary
from caseload_desk.signals import SignalSettings
from caseload_desk.store import NotADatabase, Store, StoreError, audit, backup, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.store.facts import NO_FIXED_WORKER
from caseload_desk.store.records import Worker, get_worker, workers
from caseload_desk.store.settings import load_settings, save_settings
from caseload_desk.ui import dialogs
from caseload_desk.ui.caseload.rows import CaseloadRow, load_caseload
from caseload_desk.ui.caseload.view import CaseloadView

if TYPE_CHECKING:
    from caseload_desk.store.check import FileCheck
    from caseload_desk.ui.charts.panel import ChartsPanel
from caseload_desk.ui.conversation.history import HistoryDialog
from caseload_desk.ui.conversation.window import ConversationWindow, open_conversation
from caseload_desk.ui.dossier.panel import DossierPanel
from caseload_desk.ui.file_check import CheckSignal, PendingAudit, check_running
from caseload_desk.ui.jobs import Job, start
from caseload_desk.ui.operations import (
    count_workers,
    daily_backup,
    export_action_list,
    import_into,
)
from caseload_desk.ui.resources import icon
from caseload_desk.ui.safety import AuditDialog, RestoreDialog
from caseload_desk.ui.settings import AppSettings
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from caseload_desk.ui.welcome import WelcomePage
from caseload_desk.ui.workers.model import (
    WORKER_ID_ROLE,
    WorkerFilterProxy,
    build_worker_model,
    update_counts,
    worker_counts,
)

BACKUP_DELAY_MS = 5000


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings | None = None, today: date | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))
        self.app_settings = settings or AppSettings()
        self.store: Store | None = None
        self.db_path: Path | None = None
        self.signal_settings = SignalSettings()
        self.worker_id: str | None = None
        self.conversation: ConversationWindow | None = None
        self._jobs: list[Job] = []
        self._pending_audit = PendingAudit()
        self._check_signal = CheckSignal(self)
        self._check_signal.done.connect(self._check_done)
        self._check_handled = True
        self._counts: dict = {}
        self._columns_sized = False  # true once sized to content or restored from settings
        self._build(today or date.today())
        self.resize(1366, 768)
        self._restore_layout()

    # --- layout -------------------------------------------------------------------
    def _build(self, today: date) -> None:
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.open_requested.connect(self.choose_database)
        self.welcome.new_requested.connect(self.new_database)
        self.welcome.demo_requested.connect(self.open_demo)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self._build_workspace())
        self.setCentralWidget(self.stack)
        self._build_toolbar(today)
        self.file_label = QLabel()
        self.statusBar().addPermanentWidget(self.file_label)
        self._set_workspace_enabled(False)

    def _action(self, text: str, shortcut: str | QKeySequence | None, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(
                f"{text.replace('&', '').rstrip('…')} ({QKeySequence(shortcut).toString()})"
            )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_toolbar(self, today: date) -> None:
        bar = QToolBar("Werkbalk")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.open_action = self._action(
            "&Openen…", QKeySequence.StandardKey.Open, self.choose_database, "openAction"
        )
        self.import_action = self._action(
            "&Importeren (Excel)…", "Ctrl+I", self.choose_import_file, "importAction"
        )
        self.import_csv_action = self._action(
            "Importeren (CSV-map)…", "Ctrl+Shift+I", self.choose_import_folder, "importCsvAction"
        )
        self.export_action = self._action(
            "&Exporteren…", "Ctrl+E", self.choose_export_file, "exportAction"
        )
        self.settings_action = self._action(
            "&Instellingen…", "Ctrl+,", self.edit_settings, "settingsAction"
        )
        self.reload_action = self._action("Vernieuwen", "F5", self.reload, "reloadAction")
        for a in (self.open_action, self.import_action, self.import_csv_action, self.export_action):
            bar.addAction(a)
        bar.addSeparator()
        bar.addWidget(QLabel(" Peildatum: "))
        self.peildatum_edit = QDateEdit(QDate(today))
        self.peildatum_edit.setObjectName("peildatumEdit")
        self.peildatum_edit.setDisplayFormat("dd-MM-yyyy")
        self.peildatum_edit.setCalendarPopup(True)
        self.peildatum_edit.setToolTip("De datum waarop de signalen worden berekend")
        self.peildatum_edit.dateChanged.connect(lambda _d: self.reload())
        bar.addWidget(self.peildatum_edit)
        today_button = QPushButton("Vandaag")
        today_button.setObjectName("todayButton")
        today_button.clicked.connect(lambda: self.peildatum_edit.setDate(QDate.currentDate()))
        bar.addWidget(today_button)
        bar.addSeparator()
        bar.addAction(self.settings_action)
        self.addToolBar(bar)
        self._build_menus()

    def _build_menus(self) -> None:
        self.backup_action = self._action(
            "Reservekopie &maken", None, self.make_backup, "backupAction"
        )
        self.restore_action = self._action(
            "Reservekopie &terugzetten…", None, self.choose_restore, "restoreAction"
        )
        self.audit_worker_action = self._action(
            "Auditlog van de &medewerker…", None, self.show_worker_audit, "auditWorkerAction"
        )
        self.audit_measure_action = self._action(
            "Auditlog van de m&aatregel…", None, self.show_measure_audit, "auditMeasureAction"
        )
        quit_action = self._action(
            "&Afsluiten", QKeySequence.StandardKey.Quit, self.close, "quitAction"
        )
        menu = self.menuBar().addMenu("&Bestand")
        for a in (self.open_action, self.import_action, self.import_csv_action, self.export_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        data = self.menuBar().addMenu("&Gegevens")
        data.addAction(self.audit_worker_action)
        data.addAction(self.audit_measure_action)
        data.addSeparator()
        data.addAction(self.settings_action)

    def _build_workspace(self) -> QWidget:
        self.worker_search = QLineEdit()
        self.worker_search.setObjectName("workerSearch")
        self.worker_search.setPlaceholderText("Zoek medewerker")
        self.worker_search.setClearButtonEnabled(True)
        self.worker_model = QStandardItemModel(self)
        self.worker_proxy = WorkerFilterProxy(self)
        self.worker_proxy.setSourceModel(self.worker_model)
        self.worker_search.textChanged.connect(self._filter_workers)
        self.worker_view = QTreeView()
        self.worker_view.setObjectName("workerList")
        self.worker_view.setModel(self.worker_proxy)
        self.worker_view.setRootIsDecorated(True)
        self.worker_view.setUniformRowHeights(True)
        self.worker_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.worker_view.setAccessibleName("Medewerkers per team")
        self.worker_view.selectionModel().currentChanged.connect(self._on_worker_current)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.worker_search)
        ll.addWidget(self.worker_view, 1)

        self.caseload = CaseloadView()
        self.caseload.current_changed.connect(self._on_measure_current)
        self.caseload.open_requested.connect(self.open_dossier)
        self.start_button = QPushButton("Caseloadgesprek &starten (Ctrl+G)")
        self.start_button.setObjectName("startConversationButton")
        self.start_button.clicked.connect(self.start_conversation)
        self._action(
            "Caseloadgesprek starten", "Ctrl+G", self.start_conversation, "startConversationAction"
        )
        self.history_button = QPushButton("&Eerdere gesprekken (Ctrl+H)")
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(self.show_history)
        self._action("Eerdere gesprekken", "Ctrl+H", self.show_history, "historyAction")
        # The charts (and pyqtgraph) load the first time their tab is opened: a fast start.
        self._charts: ChartsPanel | None = None
        self._charts_placeholder = QWidget()
        self.centre_tabs = QTabWidget()
        self.centre_tabs.setObjectName("centreTabs")
        self.centre_tabs.addTab(self.caseload, "Caseload")
        self.centre_tabs.addTab(self._charts_placeholder, "Grafieken")
        self.centre_tabs.currentChanged.connect(self._on_centre_tab)
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.centre_tabs, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.start_button)
        cl.addLayout(buttons)

        self.dossier = DossierPanel()
        self.banner = QLabel()
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #FFF4CE; color: #5C4400; border: 1px solid #E0C36A; padding: 6px;"
        )
        self.banner.hide()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (left, centre, self.dossier):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([330, 716, 320])
        workspace = QWidget()
        wl = QVBoxLayout(workspace)
        wl.setContentsMargins(4, 4, 4, 0)
        wl.addWidget(self.banner)
        wl.addWidget(self.splitter, 1)
        return workspace

    # --- database ---------------------------------------------------------------------
    def open_database(self, path: Path | str, *, create: bool = False, quiet: bool = False) -> bool:
        path = Path(path)
        try:
            # The file's check runs in the background (writes wait for it), and the daily
            # backup copies the whole file in a background job below: a large file opens
            # at once.
            store = open_store(path, create=create, fallback_read_only=True, auto_backup=False,
                               check="background")  # fmt: skip
        except NotADatabase as exc:
            if quiet:
                raise
            return self._damaged_on_open(path, exc)
        except StoreError as exc:
            if quiet:
                raise
            dialogs.error(self, "Database niet geopend", str(exc))
            return False
        self._close_store()
        self.store, self.db_path = store, path
        self.app_settings.set_last_database(str(path.resolve()))
        self.file_label.setText(str(path))
        self.setWindowTitle(f"{APP_NAME} – {path.name}")
        self.stack.setCurrentIndex(1)
        self._set_workspace_enabled(True)
        self._show_write_state(store)
        if store.unclean_shutdown:
            self.statusBar().showMessage(
                "De vorige sessie is niet netjes afgesloten; het bestand wordt volledig "
                "gecontroleerd…"
            )
        self._check_handled = store.check is None
        if store.check is not None:
            self._check_signal.watch(store.check)
        try:
            self.reload()
        except sqlite3.DatabaseError as exc:  # damage met while reading, before the check
            self._close_store()
            self._show_welcome()
            if quiet:
                raise NotADatabase(path, "het bestand is beschadigd") from exc
            return self._damaged_on_open(path, NotADatabase(path, "het bestand is beschadigd"))
        if not store.read_only:  # once the window has settled: a fast, calm start
            QTimer.singleShot(BACKUP_DELAY_MS, lambda p=path: self._daily_backup(p))
        return True

    def _damaged_on_open(self, path: Path, exc: StoreError) -> bool:
        if backup.newest_verified(path) is not None and self.offer_restore(path, str(exc)):
            return self.open_database(path)
        dialogs.error(self, "Database niet geopend", str(exc))
        return False

    def _show_write_state(self, store: Store) -> None:
        self.banner.setText(f"Alleen-lezen: {store.read_only_reason}")
        self.banner.setVisible(store.read_only)
        for a in (self.import_action, self.import_csv_action, self.backup_action):
            a.setEnabled(not store.read_only)
        if store.read_only:
            self.start_button.setEnabled(False)

    def _check_done(self, check: FileCheck) -> None:
        """The background check of the open file has ended (in the GUI thread)."""
        store, path = self.store, self.db_path
        if store is None or path is None or store.check is not check:
            return  # the check of a file that has been closed since
        self._check_handled = True
        error = check.error
        if error is None:
            if store.unclean_shutdown:
                self.statusBar().showMessage(
                    "De vorige sessie is niet netjes afgesloten; het bestand is volledig "
                    "gecontroleerd en in orde.", 15000,
                )  # fmt: skip
            self._write_pending_audit()
            return
        self._pending_audit.drop()  # nothing can be written to this file
        store.read_only = True
        store.read_only_reason = (
            "het bestand is beschadigd (de controle bij het openen faalt). Er wordt niets "
            "in opgeslagen; zet een reservekopie terug via Bestand."
        )
        self._show_write_state(store)
        if backup.newest_verified(path) is not None and self.offer_restore(path, str(error)):
            self.open_database(path)
        else:
            dialogs.error(self, "Database beschadigd", f"{error}\n\nHet bestand blijft "
                          "alleen-lezen geopend; er wordt niets in opgeslagen.")  # fmt: skip

    def file_checked(self) -> bool:
        """Whether the open file's background check has ended and been acted on."""
        return self._check_handled

    def _close_store(self) -> None:
        """Close the open file; views still waiting for its check are written first."""
        if self.store is None:
            return
        if len(self._pending_audit) and not self.store.read_only:
            with contextlib.suppress(StoreError):
                if self.store.check is not None:
                    self.store.check.wait_passed()
                self._pending_audit.write(self.store)
        self._pending_audit.drop()
        self.store.close()
        self.store = None

    def _show_welcome(self) -> None:
        self.db_path = None
        self.file_label.clear()
        self.setWindowTitle(APP_NAME)
        self.banner.hide()
        self.stack.setCurrentIndex(0)
        self._set_workspace_enabled(False)

    def _daily_backup(self, path: Path) -> None:
        store = self.store
        if self.db_path != path or store is None or store.read_only:
            return
        if check_running(store):  # a backup of a file not yet checked could copy damage
            QTimer.singleShot(BACKUP_DELAY_MS, lambda: self._daily_backup(path))
            return
        self._run_job(lambda report: daily_backup(path, report), lambda _made: None)

    def _run_job(self, work, done, failed=None) -> Job:
        job = Job(work)
        job.signals.done.connect(lambda result: (self._jobs.remove(job), done(result)))
        job.signals.failed.connect(
            lambda exc: (self._jobs.remove(job), (failed or self._background_failed)(exc))
        )
        self._jobs.append(job)
        start(job)
        return job

    def _background_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(f"Let op: achtergrondtaak mislukt ({exc})", 15000)

    def _set_workspace_enabled(self, on: bool) -> None:
        for a in (
            self.export_action,
            self.import_action,
            self.import_csv_action,
            self.settings_action,
            self.reload_action,
        ):
            a.setEnabled(on)
        self.peildatum_edit.setEnabled(on)

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Database openen",
            "",
            "Caseload Desk-database (*.db *.sqlite);;Alle bestanden (*)",
        )
        if path:
            self.open_database(path)

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Nieuwe database", "caseload.db", "Database (*.db)"
        )
        if not path:
            return
        if Path(path).exists():
            dialogs.error(
                self,
                "Bestand bestaat al",
                "Kies een nieuwe bestandsnaam; een bestaand bestand wordt niet overschreven.",
            )
            return
        if self.open_database(path, create=True):
            self.choose_import_file()

    def demo_path(self) -> Path:
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "demo.db"

    def open_demo(self) -> None:
        path = self.demo_path()
        if not path.exists():
            with open_store(path, create=True) as store:
                create_demo(store, today=self.peildatum)
        self.open_database(path)

    # --- import -----------------------------------------------------------------------
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

    # --- data safety --------------------------------------------------------------------
    def offer_restore(self, path: Path, problem: str) -> bool:
        """Offer to put back a verified backup of a damaged file; True when restored."""
        dialog = RestoreDialog(path, f"<b>{problem}</b>", self)
        if dialog.exec() and dialog.chosen is not None:
            return self.restore_backup(path, dialog.chosen)
        return False

    def restore_backup(self, path: Path, chosen: Path) -> bool:
        if self.store is not None and self.db_path == path:
            self._close_store()
        try:
            kept = backup.restore(chosen, path)
        except (StoreError, OSError) as exc:
            dialogs.error(self, "Niet teruggezet", str(exc))
            return False
        with open_store(path, auto_backup=False) as store:
            audit.record(store, audit.Event.HERSTEL, details=chosen.name)
        note = f" Het vorige bestand is bewaard als {kept.name}." if kept else ""
        self.statusBar().showMessage(f"Reservekopie {chosen.name} teruggezet.{note}", 15000)
        return True

    def choose_restore(self) -> None:
        if self.db_path is None:
            return
        path = self.db_path
        dialog = RestoreDialog(path, "", self)
        if dialog.exec() and dialog.chosen is not None and self.restore_backup(path, dialog.chosen):
            self.open_database(path)

    def make_backup(self) -> None:
        if self.store is None or self.db_path is None:
            return
        try:
            if self.store.check is not None:
                self.store.check.wait_passed()  # never a backup of a file that failed
            made = backup.make_backup(self.store.conn, self.db_path, "handmatig")
            audit.record(self.store, audit.Event.RESERVEKOPIE, details=made.path.name)
        except StoreError as exc:
            dialogs.error(self, "Geen reservekopie gemaakt", str(exc))
            return
        self.statusBar().showMessage(f"Reservekopie gemaakt en gecontroleerd: {made.path}", 10000)

    def audit_dialog(
        self, *, medewerker_id: str | None = None, maatregel_id: str | None = None
    ) -> AuditDialog | None:
        if self.store is None:
            return None
        rows = audit.entries(self.store, medewerker_id=medewerker_id, maatregel_id=maatregel_id)
        what = f"medewerker {medewerker_id}" if medewerker_id else f"maatregel {maatregel_id}"
        dialog = AuditDialog(rows, audit.verify_chain(self.store), f"Auditlogboek – {what}", self)
        dialog.show()
        return dialog

    def show_worker_audit(self) -> None:
        if self.worker_id is not None:
            self.audit_dialog(medewerker_id=self.worker_id)

    def show_measure_audit(self) -> None:
        row = self.caseload.current_row()
        if row is not None:
            self.audit_dialog(maatregel_id=row.maatregel_id)

    def _audit(self, event: audit.Event, **kwargs) -> None:
        """Record a view; a busy file must not block looking at a caseload."""
        if self.store is None or self.store.read_only:
            return
        self._pending_audit.add(event, **kwargs)
        if not check_running(self.store):
            self._write_pending_audit()

    def _write_pending_audit(self) -> None:
        if self.store is None:
            return
        try:
            self._pending_audit.write(self.store)
        except StoreError:  # kept, and written with the next one
            self.statusBar().showMessage("Let op: deze inzage kon nog niet in het auditlog.", 5000)

    # --- state ------------------------------------------------------------------------
    @property
    def peildatum(self) -> date:
        return self.peildatum_edit.date().toPython()

    def reload(self) -> None:
        if self.store is None:
            return
        self.signal_settings = load_settings(self.store)
        big = self.store.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 5000
        counts = {} if big else worker_counts(self.store, self.peildatum, self.signal_settings)
        self._counts = counts
        build_worker_model(self.store, counts, self.worker_model)
        if big:  # a whole organisation: count in the background, after the window is shown
            QTimer.singleShot(0, self._count_in_background)
        self.worker_view.expandAll()
        header = self.worker_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._filter_workers(self.worker_search.text())
        if self.worker_id is None or not self.select_worker(self.worker_id):
            self._select_first_worker()

    def _count_in_background(self) -> None:
        db_path, peildatum, settings = self.db_path, self.peildatum, self.signal_settings
        assert db_path is not None

        def done(counts: dict) -> None:
            if self.db_path == db_path and self.peildatum == peildatum:
                self._counts = counts
                update_counts(self.worker_model, counts)
                self.statusBar().clearMessage()
                self.refresh_charts()

        self.statusBar().showMessage("Signalen per medewerker tellen…")
        self._run_job(lambda report: count_workers(db_path, peildatum, settings, report), done)

    def _filter_workers(self, text: str) -> None:
        self.worker_proxy.setFilterFixedString(text)
        self.worker_view.expandAll()

    def _select_first_worker(self) -> None:
        for index in self._worker_indexes():
            if index.data(WORKER_ID_ROLE) != NO_FIXED_WORKER:
                self.worker_view.setCurrentIndex(index)
                return

    def _worker_indexes(self) -> list[QModelIndex]:
        found = []
        for r in range(self.worker_proxy.rowCount()):
            top = self.worker_proxy.index(r, 0)
            if top.data(WORKER_ID_ROLE):
                found.append(top)
            found += [
                self.worker_proxy.index(c, 0, top) for c in range(self.worker_proxy.rowCount(top))
            ]
        return found

    def select_worker(self, worker_id: str) -> bool:
        for index in self._worker_indexes():
            if index.data(WORKER_ID_ROLE) == worker_id:
                if self.worker_view.currentIndex() == index:
                    self.show_caseload(worker_id)
                else:
                    self.worker_view.setCurrentIndex(index)
                return True
        return False

    def _on_worker_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        worker_id = current.data(WORKER_ID_ROLE) if current.isValid() else None
        if worker_id:
            self.show_caseload(worker_id)

    def worker(self) -> Worker | None:
        if self.store is None or self.worker_id in (None, NO_FIXED_WORKER):
            return None
        return get_worker(self.store, self.worker_id)

    def show_caseload(self, worker_id: str) -> None:
        if self.store is None:
            return
        self.worker_id = worker_id
        rows = load_caseload(self.store, self.peildatum, worker_id, self.signal_settings)
        w = self.worker()
        title = (
            f"{w.naam} · {w.team}" if w else "Maatregelen zonder vaste jeugdbeschermer (CRT/CCP)"
        )
        self.caseload.set_rows(title, rows)
        self._audit(
            audit.Event.CASELOAD_BEKEKEN,
            medewerker_id=None if worker_id == NO_FIXED_WORKER else worker_id,
            maatregelen=[r.maatregel_id for r in rows], details=self.peildatum.isoformat(),
        )  # fmt: skip
        if not self._columns_sized and rows:
            self.caseload.size_columns()
            self._columns_sized = True
        writable = self.store is not None and not self.store.read_only
        self.start_button.setEnabled(w is not None and writable)
        self.history_button.setEnabled(w is not None)
        if self.caseload.current_row() is None and rows:
            self.caseload.table.selectRow(0)
        self.refresh_charts()

    @property
    def charts(self) -> ChartsPanel:
        if self._charts is None:
            from caseload_desk.ui.charts.panel import ChartsPanel

            panel = ChartsPanel()
            panel.contact.measure_clicked.connect(self.select_measure)
            panel.team.worker_clicked.connect(self.select_worker)
            self._charts = panel
            current = self.centre_tabs.currentIndex()
            self.centre_tabs.blockSignals(True)
            self.centre_tabs.removeTab(1)
            self.centre_tabs.insertTab(1, panel, "Grafieken")
            self.centre_tabs.setCurrentIndex(current)
            self.centre_tabs.blockSignals(False)
        return self._charts

    def _on_centre_tab(self, index: int) -> None:
        if index == 1 and self._charts is None:
            self.centre_tabs.setCurrentWidget(self.charts)
        self.refresh_charts()

    def refresh_charts(self) -> None:
        """Charts are drawn only while visible, so switching workers stays fast."""
        if self.store is None or self._charts is None:
            return
        if self.centre_tabs.currentWidget() is not self._charts:
            return
        from caseload_desk.ui.charts.panel import team_bars

        rows = self.caseload.model.rows()
        w = self.worker()
        team = w.team if w else ""
        team_workers = [x for x in workers(self.store) if x.team == team] if w else []
        history = conv.conversations(self.store, w.medewerker_id) if w else []
        self.charts.show_worker(
            [r.signals for r in rows], history, team or "CRT/CCP",
            team_bars(team_workers, self._counts),
        )  # fmt: skip

    def select_measure(self, maatregel_id: str) -> None:
        """Select a measure in the table (e.g. from a chart) and show its dossier."""
        self.caseload.proxy.set_only_onder_druk(False)
        self.caseload.onder_druk_filter.setChecked(False)
        self.caseload.select(maatregel_id)

    def _on_measure_current(self, row: CaseloadRow | None) -> None:
        self.dossier.show_row(self.store, row)
        if row is not None:
            self._audit(
                audit.Event.DOSSIER_GEOPEND, medewerker_id=row.signals.measure.medewerker_id,
                maatregelen=[row.maatregel_id],
            )  # fmt: skip

    def open_dossier(self, row: CaseloadRow | None) -> None:
        if row is not None:
            self.dossier.show_row(self.store, row)
            self.dossier.tabs.setCurrentIndex(0)
            self.dossier.reasons.setFocus()

    # --- conversation and settings ------------------------------------------------------
    def start_conversation(self) -> ConversationWindow | None:
        w = self.worker()
        if self.store is None or w is None or self.store.read_only:
            return None
        if self.conversation is not None and self.conversation.isVisible():
            self.conversation.raise_()
            self.conversation.activateWindow()
            return self.conversation
        window = open_conversation(self.store, w, self.peildatum, self.app_settings, self)
        window.changed.connect(lambda: self.show_caseload(w.medewerker_id))
        window.finished_conversation.connect(lambda _gid: self.reload())
        self.conversation = window
        window.show()
        # The conversation takes the keyboard at once: its shortcuts need the active window.
        window.raise_()
        window.activateWindow()
        window.flagged_view.setFocus()
        return window

    def show_history(self) -> HistoryDialog | None:
        w = self.worker()
        if self.store is None or w is None:
            return None
        dialog = HistoryDialog(self.store, w, self)
        dialog.show()
        return dialog

    def edit_settings(self) -> None:
        if self.store is None:
            return
        dialog = SignalSettingsDialog(self.signal_settings, self)
        if dialog.exec():
            self.apply_settings(dialog.value())

    def apply_settings(self, settings: SignalSettings) -> None:
        if self.store is None:
            return
        try:
            save_settings(self.store, settings)
        except StoreError as exc:
            dialogs.error(self, "Instellingen niet opgeslagen", str(exc))
            return
        self.reload()

    # --- window state -------------------------------------------------------------------
    def _restore_layout(self) -> None:
        s = self.app_settings
        for key, restore in (
            ("geometrie", self.restoreGeometry),
            ("toestand", self.restoreState),
            ("splitter", self.splitter.restoreState),
            ("kolommen", self.caseload.table.horizontalHeader().restoreState),
        ):
            value = s.window_state(key)
            if value is not None:
                restore(value)
                self._columns_sized = self._columns_sized or key == "kolommen"

    def save_layout(self) -> None:
        s = self.app_settings
        s.set_window_state("geometrie", self.saveGeometry())
        s.set_window_state("toestand", self.saveState())
        s.set_window_state("splitter", self.splitter.saveState())
        s.set_window_state("kolommen", self.caseload.table.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.conversation is not None and self.conversation.isVisible():
            self.conversation.close()
        self.save_layout()
        self._close_store()
        super().closeEvent(event)
