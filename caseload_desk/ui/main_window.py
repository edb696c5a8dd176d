"""The main window: workers on the left, their caseload in the centre, the dossier right.

It holds its parts: a DatabaseSession (window_file.py) owns the open file, its checks,
backups and audit log; a TransferController (window_transfer.py) imports and exports. They
report back through signals; the window only shows what they tell it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
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
from caseload_desk.dates import nl
from caseload_desk.monitor.norms import Norms
from caseload_desk.signals import SignalSettings
from caseload_desk.store import Store, StoreError, audit, drafts
from caseload_desk.store import conversations as conv
from caseload_desk.store.drafts import drafts_by_worker
from caseload_desk.store.facts import NO_FIXED_WORKER
from caseload_desk.store.monitor_norms import load_norms, save_changed_norms
from caseload_desk.store.records import LeftMeasure, Worker, get_worker, left_export, workers
from caseload_desk.store.settings import load_settings
from caseload_desk.store.settings_groups import save_signal_settings
from caseload_desk.store.workload import (
    load_workload_settings,
    save_workload_settings,
    worker_loads,
)
from caseload_desk.ui import dialogs
from caseload_desk.ui.background import Jobs
from caseload_desk.ui.caseload.rows import CaseloadRow, load_caseload
from caseload_desk.ui.caseload.view import COLUMN_KEYS, DEFAULT_HIDDEN, CaseloadView
from caseload_desk.ui.conversation.history import HistoryDialog
from caseload_desk.ui.conversation.window import ConversationWindow, open_conversation
from caseload_desk.ui.dossier.panel import DossierPanel
from caseload_desk.ui.draft_bar import DraftBar, confirm_discard
from caseload_desk.ui.geometry import clamp_to_screen, fit_to_screen
from caseload_desk.ui.help import MAIN_KEYS, show_help
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.left_export import LeftExportPanel
from caseload_desk.ui.names import name_clear_button, name_overflow_buttons
from caseload_desk.ui.operations import count_and_load_workers
from caseload_desk.ui.peildatum_banner import PeildatumBanner
from caseload_desk.ui.resources import icon
from caseload_desk.ui.safety import AuditDialog
from caseload_desk.ui.settings import AppSettings
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from caseload_desk.ui.welcome import WelcomePage
from caseload_desk.ui.window_file import DatabaseSession
from caseload_desk.ui.window_transfer import TransferController
from caseload_desk.ui.workers.model import (
    LOAD_COLUMN,
    WORKER_ID_ROLE,
    WorkerCount,
    WorkerFilterProxy,
    build_worker_model,
    mark_drafts,
    update_counts,
    worker_counts,
)
from caseload_desk.ui.workload.crt_dialog import CrtRoomDialog
from caseload_desk.ui.workload.look import load_text, load_tip, spoken
from caseload_desk.workload import DEFAULT_WORKLOAD_SETTINGS, WorkerLoad, WorkloadSettings

if TYPE_CHECKING:
    from caseload_desk.ui.charts.panel import ChartsPanel
    from caseload_desk.ui.monitor.window import MonitorWindow

# The worker list's "onder druk", "signaal" and "belasting"
COUNT_COLUMNS = (1, 2, LOAD_COLUMN)
LEFT_MIN, DOSSIER_MIN = 150, 140  # never narrower: together with the centre, 800 pixels fit
CASELOAD_TABLE = "caseload"  # its columns' name in the settings
LEFT_EXPORT_TAB = "Niet meer in de export"
DEFAULT_HIDDEN_KEYS = [COLUMN_KEYS[c] for c in DEFAULT_HIDDEN]


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings | None = None, today: date | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icon("app"))
        self.app_settings = settings or AppSettings()
        # The name the user entered as praktijkbegeleider, beside the OS account in the log.
        audit.set_entered_name(self.app_settings.supervisor_name())
        self.signal_settings = SignalSettings()
        self.worker_id: str | None = None
        self.conversation: ConversationWindow | None = None
        self.monitor: MonitorWindow | None = None
        self.jobs = Jobs(self._background_failed)
        self.session = DatabaseSession(
            self, self.app_settings, self.jobs, self.reload, lambda: self.peildatum
        )
        self.session.opened.connect(self._show_workspace)
        self.session.closed.connect(self._show_welcome)
        self.session.write_state_changed.connect(self._show_write_state)
        self.session.message.connect(self._status)
        self.transfer = TransferController(
            self, self.session, self.jobs, self.export_scope, lambda: self.peildatum
        )
        self.transfer.imported.connect(lambda _summary: self.reload())
        self.transfer.message.connect(self._status)
        self.session.created.connect(self.transfer.choose_import_file)
        self._counts: dict = {}
        self._loads: dict[str, WorkerLoad] = {}
        self.workload_settings = DEFAULT_WORKLOAD_SETTINGS
        self.crt_dialog: CrtRoomDialog | None = None
        self.today = today or date.today()  # the real date; the peildatum can differ
        self._build(self.today)
        fit_to_screen(self, 1366, 768)
        self._restore_layout()
        clamp_to_screen(self)  # a layout saved on a larger screen

    # --- layout -------------------------------------------------------------------
    def _build(self, today: date) -> None:
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.open_requested.connect(self.session.choose)
        self.welcome.new_requested.connect(self.session.new)
        self.welcome.demo_requested.connect(self.session.open_demo)
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
            "&Openen…", QKeySequence.StandardKey.Open, self.session.choose, "openAction"
        )
        self.import_action = self._action(
            "&Importeren (Excel)…", "Ctrl+I", self.transfer.choose_import_file, "importAction"
        )
        self.import_csv_action = self._action(
            "Importeren (CSV-map)…",
            "Ctrl+Shift+I",
            self.transfer.choose_import_folder,
            "importCsvAction",
        )
        self.export_action = self._action(
            "&Exporteren…", "Ctrl+E", self.transfer.choose_export_file, "exportAction"
        )
        self.settings_action = self._action(
            "&Instellingen…", "Ctrl+,", self.edit_settings, "settingsAction"
        )
        self.reload_action = self._action("Vernieuwen", "F5", self.reload, "reloadAction")
        self.monitor_action = self._action(
            "&Monitor…", "Ctrl+M", self.show_monitor, "monitorAction"
        )
        for a in (self.open_action, self.import_action, self.import_csv_action, self.export_action):
            bar.addAction(a)
        bar.addSeparator()
        label = QLabel(" &Peildatum: ")  # Alt+P: to the date, by keyboard
        bar.addWidget(label)
        self.peildatum_edit = QDateEdit(QDate(today))
        self.peildatum_edit.setObjectName("peildatumEdit")
        self.peildatum_edit.setAccessibleName("Peildatum")
        label.setBuddy(self.peildatum_edit)
        self.peildatum_edit.setDisplayFormat("dd-MM-yyyy")
        self.peildatum_edit.setCalendarPopup(True)
        self.peildatum_edit.setToolTip("De datum waarop de signalen worden berekend")
        self.peildatum_edit.dateChanged.connect(self._peildatum_changed)
        bar.addWidget(self.peildatum_edit)
        today_button = QPushButton("Vandaag")
        today_button.setObjectName("todayButton")
        today_button.setToolTip("Peildatum terug naar vandaag")
        today_button.clicked.connect(lambda: self.peildatum_edit.setDate(QDate(self.today)))
        bar.addWidget(today_button)
        bar.addSeparator()
        bar.addAction(self.settings_action)
        self.addToolBar(bar)
        self._build_menus()
        name_overflow_buttons(bar, self.menuBar())

    def _build_menus(self) -> None:
        self.backup_action = self._action(
            "Reservekopie &maken", None, self.session.make_backup, "backupAction"
        )
        self.restore_action = self._action(
            "Reservekopie &terugzetten…", None, self.session.choose_restore, "restoreAction"
        )
        self.audit_worker_action = self._action(
            "Auditlog van de &medewerker…", None, self.show_worker_audit, "auditWorkerAction"
        )
        self.audit_measure_action = self._action(
            "Auditlog van de m&aatregel…", None, self.show_measure_audit, "auditMeasureAction"
        )
        quit_action = self._action("&Afsluiten", "Ctrl+Q", self.close, "quitAction")
        menu = self._menu("&Bestand", "fileMenu")
        for a in (self.open_action, self.import_action, self.import_csv_action, self.export_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        view = self._menu("Bee&ld", "viewMenu")
        # The header's context menu itself: the same columns, reachable by keyboard.
        view.addMenu(self.caseload.columns.menu)
        view.addSeparator()
        self.load_chart_action = self._action(
            "&Werklast van het team", "Ctrl+L", self.show_load_chart, "loadChartAction"
        )
        self.crt_room_action = self._action(
            "&Ruimte voor CRT-maatregelen…", "Ctrl+R", self.show_crt_room, "crtRoomAction"
        )
        view.addAction(self.load_chart_action)
        view.addAction(self.crt_room_action)
        view.addAction(self.monitor_action)
        data = self._menu("&Gegevens", "dataMenu")
        data.addAction(self.audit_worker_action)
        data.addAction(self.audit_measure_action)
        data.addSeparator()
        data.addAction(self.settings_action)
        help_menu = self._menu("&Hulp", "helpMenu")
        help_menu.addAction(self._action("&Sneltoetsen…", "F1", self.show_help, "helpAction"))

    def show_help(self) -> None:
        show_help(self, "het hoofdvenster", MAIN_KEYS)

    def _menu(self, title: str, name: str) -> QMenu:
        # Made here, not by addMenu(title): PySide could hand back a stale wrapper of
        # another (deleted) object at the same address for a menu Qt made.
        menu = QMenu(title, self)
        menu.setObjectName(name)
        self.menuBar().addMenu(menu)
        return menu

    def _build_workspace(self) -> QWidget:
        self.worker_search = QLineEdit()
        self.worker_search.setObjectName("workerSearch")
        self.worker_search.setPlaceholderText("Zoek medewerker")
        self.worker_search.setAccessibleName("Zoek medewerker")
        self.worker_search.setClearButtonEnabled(True)
        name_clear_button(self.worker_search)
        self.worker_model = QStandardItemModel(self)
        self.worker_proxy = WorkerFilterProxy(self)
        self.worker_proxy.setSourceModel(self.worker_model)
        self.worker_search.textChanged.connect(self._filter_workers)
        self.worker_search.returnPressed.connect(self._to_worker_list)
        # Down, only for keys typed in the search itself (a shortcut would also see keys
        # sent elsewhere while the search has the focus).
        self.worker_search.installEventFilter(self)
        self.worker_view = QTreeView()
        self.worker_view.setObjectName("workerList")
        self.worker_view.setModel(self.worker_proxy)
        self.worker_view.setRootIsDecorated(True)
        self.worker_view.setUniformRowHeights(True)
        self.worker_view.setIndentation(14)  # four columns: every pixel for the names
        self.worker_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.worker_view.setAccessibleName("Medewerkers per team")
        self.worker_view.selectionModel().currentChanged.connect(self._on_worker_current)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.worker_search)
        ll.addWidget(self.worker_view, 1)

        self.caseload = CaseloadView()
        self.caseload.columns.changed.connect(self._save_columns)
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
        self.centre_tabs.tabBar().setAccessibleName("Caseload, grafieken of niet meer in de export")
        self.centre_tabs.addTab(self.caseload, "Caseload")
        self.centre_tabs.addTab(self._charts_placeholder, "Grafieken")
        self.left_export = LeftExportPanel()
        self.left_export.follow_up_requested.connect(self.follow_up_left_action)
        self.left_export.measure_chosen.connect(self._on_left_measure)
        self.centre_tabs.addTab(self.left_export, LEFT_EXPORT_TAB)
        self.centre_tabs.currentChanged.connect(self._on_centre_tab)
        self.draft_bar = DraftBar()
        self.draft_bar.continue_requested.connect(self.start_conversation)
        self.draft_bar.discard_requested.connect(self.discard_draft)
        centre = QWidget()
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.draft_bar)
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
        # No pane is ever squeezed away: a long name elides instead of taking the room.
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(LEFT_MIN)
        self.dossier.setMinimumWidth(DOSSIER_MIN)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 8)
        self.splitter.setStretchFactor(2, 3)
        # The worker list has a load column too: room for the names beside it.
        self.splitter.setSizes([345, 751, 270])
        self.peildatum_banner = PeildatumBanner()
        workspace = QWidget()
        wl = QVBoxLayout(workspace)
        wl.setContentsMargins(4, 4, 4, 0)
        wl.addWidget(self.peildatum_banner)
        wl.addWidget(self.banner)
        wl.addWidget(self.splitter, 1)
        return workspace

    def _background_failed(self, exc: BaseException) -> None:
        self._status(f"Let op: achtergrondtaak mislukt ({exc})", 15000)

    def _status(self, text: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    # --- the open file (the session's) ----------------------------------------------------
    @property
    def store(self) -> Store | None:
        return self.session.store

    @property
    def db_path(self) -> Path | None:
        return self.session.path

    def open_database(self, path: Path | str, *, create: bool = False, quiet: bool = False) -> bool:
        return self.session.open(path, create=create, quiet=quiet)

    def file_checked(self) -> bool:
        """Whether the open file's background check has ended and been acted on."""
        return self.session.file_checked()

    def audit_dialog(
        self, *, medewerker_id: str | None = None, maatregel_id: str | None = None
    ) -> AuditDialog | None:
        return self.session.audit_dialog(medewerker_id=medewerker_id, maatregel_id=maatregel_id)

    def show_worker_audit(self) -> None:
        if self.worker_id is not None:
            self.audit_dialog(medewerker_id=self.worker_id)

    def show_measure_audit(self) -> None:
        row = self.caseload.current_row()
        if row is not None:
            self.audit_dialog(maatregel_id=row.maatregel_id)

    def export_scope(self) -> tuple[list[str], str]:
        """The worker ids and title of the current selection (a worker, or everyone)."""
        w = self.worker()
        if w is not None:
            return [w.medewerker_id], w.naam
        assert self.store is not None
        return [x.medewerker_id for x in workers(self.store)], "alle medewerkers"

    def _close_crt_view(self) -> None:
        """The CRT view reads the file it was opened on: it closes with that file."""
        if self.crt_dialog is not None:
            self.crt_dialog.close()
            self.crt_dialog = None

    def _show_workspace(self, store: Store) -> None:
        self._close_crt_view()
        path = self.session.path
        assert path is not None
        self.file_label.setText(str(path))
        # Just the file: Qt adds " — Caseload Desk" itself (the application's display
        # name), so "Caseload Desk – demo.db" showed the name twice.
        self.setWindowFilePath(str(path))
        self.setWindowTitle(path.name)
        self._close_monitor()  # it belonged to the file opened before
        self.stack.setCurrentIndex(1)
        self._set_workspace_enabled(True)
        self._show_write_state(store)

    def _show_write_state(self, store: Store) -> None:
        self.banner.setText(f"Alleen-lezen: {store.read_only_reason}")
        self.banner.setVisible(store.read_only)
        for a in (self.import_action, self.import_csv_action, self.backup_action):
            a.setEnabled(not store.read_only)
        if store.read_only:
            self.start_button.setEnabled(False)

    def _show_welcome(self) -> None:
        self._close_crt_view()
        self._close_monitor()
        self.file_label.clear()
        self.setWindowFilePath("")
        self.setWindowTitle(APP_NAME)  # the display name already: Qt adds nothing
        self.banner.hide()
        self.stack.setCurrentIndex(0)
        self._set_workspace_enabled(False)
        # The closed file's children stay nowhere in the window (it holds no connection).
        self.left_export.show_measures(None, [], self.peildatum, can_follow_up=False)
        self.centre_tabs.setTabText(self.centre_tabs.indexOf(self.left_export), LEFT_EXPORT_TAB)

    def _set_workspace_enabled(self, on: bool) -> None:
        for a in (
            self.export_action,
            self.import_action,
            self.import_csv_action,
            self.settings_action,
            self.reload_action,
            self.load_chart_action,
            self.crt_room_action,
            self.monitor_action,
        ):
            a.setEnabled(on)
        self.peildatum_edit.setEnabled(on)

    @property
    def peildatum(self) -> date:
        return self.peildatum_edit.date().toPython()

    def _peildatum_changed(self) -> None:
        self.peildatum_banner.set_dates(self.peildatum, self.today)
        if self.conversation is not None and self.conversation.isVisible():
            self.conversation.set_main_peildatum(self.peildatum)
        self.reload()

    def reload(self) -> None:
        if self.store is None:
            return
        self.signal_settings = load_settings(self.store)
        self.workload_settings = load_workload_settings(self.store)
        big = self.store.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 5000
        counts = None if big else worker_counts(self.store, self.peildatum, self.signal_settings)
        loads = None if big else self._read_loads()
        self._counts = counts or {}
        self._loads = loads or {}
        build_worker_model(self.store, counts, self.worker_model, loads, self.workload_settings)
        if big:  # a whole organisation: count in the background, after the window is shown
            QTimer.singleShot(0, self._count_in_background)
        self._refresh_drafts()
        self.worker_view.expandAll()
        header = self.worker_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in COUNT_COLUMNS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._filter_workers(self.worker_search.text())
        if self.worker_id is None or not self.select_worker(self.worker_id):
            self._select_first_worker()
        self._refresh_monitor()

    def _refresh_monitor(self) -> None:
        """An open Monitor window on this file recomputes after an import, a finished
        conversation, saved settings or a new peildatum (every one reloads)."""
        monitor = self.monitor
        if monitor is not None and monitor.isVisible() and monitor.db_path == self.db_path:
            monitor.follow(self.peildatum)

    def _read_loads(self) -> dict[str, WorkerLoad]:
        assert self.store is not None
        found = worker_loads(self.store, self.peildatum, settings=self.workload_settings)
        return {w.medewerker_id: w for w in found}

    def apply_counts(
        self, counts: dict[str, WorkerCount], loads: dict[str, WorkerLoad] | None = None
    ) -> None:
        """Fill in counts (and loads) computed in the background, keeping the selection."""
        self._counts = counts
        if loads is not None:
            self._loads = loads
        # The count columns size to their contents. Left on, every changed cell made the
        # view measure all rows again: 15 s of frozen window for 1,000 workers.
        header = self.worker_view.header()
        for col in COUNT_COLUMNS:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        try:
            update_counts(self.worker_model, counts, loads, self.workload_settings)
        finally:
            for col in COUNT_COLUMNS:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    def _count_in_background(self) -> None:
        db_path, peildatum, settings = self.db_path, self.peildatum, self.signal_settings
        assert db_path is not None

        def done(found: tuple[dict, dict]) -> None:
            if self.db_path == db_path and self.peildatum == peildatum:
                self.apply_counts(*found)
                self.statusBar().clearMessage()
                self._show_load_header()
                self.refresh_charts()

        self.statusBar().showMessage("Signalen per medewerker tellen…")
        self.jobs.run(
            lambda report: count_and_load_workers(db_path, peildatum, settings, report), done
        )

    def _filter_workers(self, text: str) -> None:
        self.worker_proxy.setFilterFixedString(text)
        self.worker_view.expandAll()
        # The caseload (and Ctrl+G) must never belong to a worker the search has hidden.
        if self.worker_id is not None and not self._worker_index(self.worker_id).isValid():
            self._select_first_worker()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.worker_search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self._to_worker_list()
            return True
        return super().eventFilter(watched, event)

    def _to_worker_list(self) -> None:
        """Down or Enter in the search: on to the (first) worker found, by keyboard."""
        self.worker_view.setFocus()
        if self.worker_view.currentIndex().isValid():
            self.worker_view.scrollTo(self.worker_view.currentIndex())

    def _select_first_worker(self) -> None:
        for index in self._worker_indexes():
            if item(index, WORKER_ID_ROLE, str) != NO_FIXED_WORKER:
                self.worker_view.setCurrentIndex(index)
                return

    def _worker_indexes(self) -> list[QModelIndex]:
        found = []
        for r in range(self.worker_proxy.rowCount()):
            top = self.worker_proxy.index(r, 0)
            if item(top, WORKER_ID_ROLE, str):
                found.append(top)
            found += [
                self.worker_proxy.index(c, 0, top) for c in range(self.worker_proxy.rowCount(top))
            ]
        return found

    def select_worker(self, worker_id: str) -> bool:
        """Select a worker shown in the list (not one hidden by the search)."""
        index = self._worker_index(worker_id)
        if not index.isValid():
            return False
        if self.worker_view.currentIndex() == index:
            self.show_caseload(worker_id)
        else:
            self.worker_view.setCurrentIndex(index)
        return True

    def _worker_index(self, worker_id: str) -> QModelIndex:
        # Qt's own search: a Python loop over a thousand workers cost ~20 ms per switch.
        model = self.worker_model
        flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        hits = model.match(model.index(0, 0), WORKER_ID_ROLE, worker_id, 1, flags)
        return self.worker_proxy.mapFromSource(hits[0]) if hits else QModelIndex()

    def _on_worker_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        worker_id = item(current, WORKER_ID_ROLE, str)
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
        gone = left_export(self.store, worker_id, no_fixed_worker=worker_id == NO_FIXED_WORKER)
        writable = not self.store.read_only
        self.left_export.show_measures(self.store, gone, self.peildatum,
                                       can_follow_up=w is not None and writable)  # fmt: skip
        self.centre_tabs.setTabText(
            self.centre_tabs.indexOf(self.left_export), f"{LEFT_EXPORT_TAB} ({len(gone)})"
        )
        self._show_load_header()
        self.session.audit(
            audit.Event.CASELOAD_BEKEKEN,
            medewerker_id=None if worker_id == NO_FIXED_WORKER else worker_id,
            maatregelen=[r.maatregel_id for r in rows] + [g.maatregel_id for g in gone],
            details=self.peildatum.isoformat(),
        )  # fmt: skip
        if not self.caseload.columns.measured() and rows:
            self.caseload.size_columns()
        writable = self.store is not None and not self.store.read_only
        self._refresh_drafts()
        self.start_button.setEnabled(w is not None and writable)
        self.history_button.setEnabled(w is not None)
        if self.caseload.current_row() is None and rows:
            self.caseload.table.selectRow(0)
        self.refresh_charts()

    def _show_load_header(self) -> None:
        """The selected worker's load beside the name above the caseload."""
        w = self.worker()
        found = self._loads.get(w.medewerker_id) if w is not None else None
        if found is None:
            self.caseload.set_load("")
            return
        load = found.load
        self.caseload.set_load(
            f"Belasting {load_text(load)}",
            load_tip(load, found.hours, self.workload_settings),
            over=load.boven_norm, spoken=spoken(load),
        )  # fmt: skip

    @property
    def charts(self) -> ChartsPanel:
        if self._charts is None:
            from caseload_desk.ui.charts.panel import ChartsPanel

            panel = ChartsPanel()
            if not panel.tabBar().accessibleName():
                panel.tabBar().setAccessibleName("Soort grafiek")
            panel.contact.measure_clicked.connect(self.select_measure)
            panel.team.worker_clicked.connect(self.select_worker)
            panel.load.worker_clicked.connect(self.select_worker)
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
        # The dossier shows the measure chosen in the tab in view (shown before: no new
        # audit entry for going back to it).
        if self.centre_tabs.currentWidget() is self.left_export:
            left = self.left_export.current_measure()
            if left is not None and self.store is not None:
                self._on_left_measure(left)
            else:
                self.dossier.show_row(None, None)
        else:
            self.dossier.show_row(self.store, self.caseload.current_row())

    def refresh_charts(self) -> None:
        """Charts are drawn only while visible, so switching workers stays fast."""
        if self.store is None or self._charts is None:
            return
        if self.centre_tabs.currentWidget() is not self._charts:
            return
        from caseload_desk.ui.charts.data import load_bars
        from caseload_desk.ui.charts.panel import team_bars

        store, rows, w = self.store, self.caseload.model.rows(), self.worker()
        team = w.team if w else ""
        counts, loads = self._counts, self._loads
        self.charts.show_worker(
            [r.signals for r in rows],
            lambda: conv.conversations(store, w.medewerker_id) if w else [],
            team or "CRT/CCP",
            lambda: team_bars(workers(store, team=team) if w else [], counts),
            children={r.maatregel_id: r.jeugdige for r in rows},
            loads=lambda: load_bars([x for x in loads.values() if x.team == team] if w else []),
        )

    def show_load_chart(self) -> None:
        """Beeld > Werklast van het team: the charts tab, on the team's load."""
        if self.store is None:
            return
        self.centre_tabs.setCurrentWidget(self.charts)
        self.charts.setCurrentWidget(self.charts.load)
        self.refresh_charts()

    def select_measure(self, maatregel_id: str) -> None:
        """Select a measure in the table (e.g. from a chart) and show its dossier."""
        self.caseload.proxy.set_only_onder_druk(False)
        self.caseload.onder_druk_filter.setChecked(False)
        self.caseload.select(maatregel_id)

    def _on_measure_current(self, row: CaseloadRow | None) -> None:
        if self.centre_tabs.currentWidget() is self.left_export:
            return  # the dossier shows that tab's measure
        self.dossier.show_row(self.store, row)
        if row is not None:
            self.session.audit(
                audit.Event.DOSSIER_GEOPEND, medewerker_id=row.signals.measure.medewerker_id,
                maatregelen=[row.maatregel_id],
            )  # fmt: skip

    def _on_left_measure(self, left: LeftMeasure) -> None:
        """The dossier follows the tab in view: a measure chosen under Niet meer in de
        export is shown there, never the caseload's last one."""
        if self.store is None or self.centre_tabs.currentWidget() is not self.left_export:
            return
        self.dossier.show_left(self.store, left, self.peildatum)
        self.session.audit(
            audit.Event.DOSSIER_GEOPEND, medewerker_id=left.measure.medewerker_id,
            maatregelen=[left.maatregel_id],
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
        window = open_conversation(self.store, w, self.today, self.app_settings, self)
        window.set_main_peildatum(self.peildatum)
        window.changed.connect(lambda: self.show_caseload(w.medewerker_id))
        window.finished_conversation.connect(lambda _gid: self.reload())
        self.conversation = window
        self._refresh_drafts()  # opening it made (or found) the draft
        window.show()
        # The conversation takes the keyboard at once: its shortcuts need the active window.
        window.raise_()
        window.activateWindow()
        window.focus_first_step()
        return window

    def follow_up_left_action(self, action: conv.Action) -> ConversationWindow | None:
        """From *Niet meer in de export*: the conversation, on this action's follow-up."""
        window = self.start_conversation()
        if window is not None:
            window.follow.select_action(action.id)
        return window

    def _refresh_drafts(self) -> None:
        """Mark the workers with a draft conversation; the bar for the selected one."""
        if self.store is None:
            return
        found = drafts_by_worker(self.store)
        mark_drafts(self.worker_model, {wid: d.datum for wid, d in found.items()})
        draft = found.get(self.worker_id or "")
        self.draft_bar.set_draft(draft, writable=not self.store.read_only)

    def discard_draft(self) -> bool:
        """Throw the selected worker's draft conversation away, once confirmed."""
        store, w = self.store, self.worker()
        if store is None or w is None or store.read_only:
            return False
        draft = conv.draft_conversation(store, w.medewerker_id)
        if draft is None:
            return False
        talk = self.conversation
        talk_open = talk is not None and talk.isVisible() and talk.gesprek_id == draft.id
        actions = len(conv.actions_of_conversation(store, draft.id))
        follow_ups = len(conv.followed_up_in(store, draft.id))
        if not confirm_discard(self, w.naam, draft, actions, follow_ups, talk_open):
            return False
        if talk_open and talk is not None:
            talk.close()  # it saves on closing: after that, nothing writes to the draft
        try:
            drafts.discard_draft(store, draft.id)
        except StoreError as exc:
            dialogs.error(self, "Concept niet weggegooid", str(exc))
            return False
        self._status(f"Concept-gesprek van {nl(draft.datum)} weggegooid.", 10000)
        self.show_caseload(w.medewerker_id)  # its open actions are gone as well
        return True

    def show_crt_room(self) -> CrtRoomDialog | None:
        """Beeld > Ruimte voor CRT-maatregelen: who can take a measure without a vaste
        jeugdbeschermer. One window at a time; opened again, it reads the file anew."""
        if self.store is None:
            return None
        self._close_crt_view()
        dialog = CrtRoomDialog(
            self.store, self.peildatum, self.signal_settings, self.today, self.app_settings, self
        )
        dialog.proposal_recorded.connect(self._proposal_recorded)
        # The view lists children's names, as the CRT/CCP caseload does: a view, logged.
        self.session.audit(
            audit.Event.CASELOAD_BEKEKEN, medewerker_id=None,
            maatregelen=[r.maatregel_id for r in dialog.measure_model.rows()],
            details=f"ruimte voor CRT-maatregelen {self.peildatum.isoformat()}",
        )  # fmt: skip
        self.crt_dialog = dialog
        dialog.show()
        return dialog

    def _proposal_recorded(self, worker_id: str, _actie_id: int) -> None:
        """A proposal went into a worker's (concept) conversation: show it where it is."""
        talk = self.conversation
        if talk is not None and talk.isVisible() and talk.worker.medewerker_id == worker_id:
            talk.refresh()
        if self.worker_id is not None:
            self.show_caseload(self.worker_id)  # the draft mark, open actions, dossier
        self._status("Voorstel vastgelegd als actie bij de maatregel.", 10000)

    def show_history(self) -> HistoryDialog | None:
        w = self.worker()
        if self.store is None or w is None:
            return None
        dialog = HistoryDialog(self.store, w, self)
        dialog.show()
        return dialog

    def show_monitor(self) -> MonitorWindow | None:
        """The Monitor window on the open file, up to the peildatum (one at a time)."""
        if self.store is None or self.db_path is None:
            return None
        if self.monitor is not None and self.monitor.isVisible():
            self.monitor.raise_()
            self.monitor.activateWindow()
            return self.monitor
        from caseload_desk.ui.monitor.window import MonitorWindow  # pyqtgraph: when needed

        window = MonitorWindow(self.store, self.db_path, self.peildatum, self.session.audit, self)
        window.open_dossier.connect(self.show_dossier)
        self.monitor = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _close_monitor(self) -> None:
        if self.monitor is not None:
            self.monitor.close()
            self.monitor = None

    def show_dossier(self, maatregel_id: str, medewerker_id: str) -> None:
        """A measure's dossier in this window (from the monitor's list): its worker's
        caseload, the measure selected, the window in front."""
        self.worker_search.clear()  # a search could hide the worker
        self.centre_tabs.setCurrentIndex(0)
        # A measure held by the CRT or CCP is in their list, even with a contact person.
        for holder in dict.fromkeys([medewerker_id or NO_FIXED_WORKER, NO_FIXED_WORKER]):
            if self.select_worker(holder):
                self.select_measure(maatregel_id)
                row = self.caseload.current_row()
                if row is not None and row.maatregel_id == maatregel_id:
                    break
        else:
            self._status(f"{maatregel_id} loopt niet op peildatum {nl(self.peildatum)}.", 10000)
        self.raise_()
        self.activateWindow()

    def edit_settings(self) -> None:
        if self.store is None:
            return
        dialog = SignalSettingsDialog(
            self.signal_settings,
            self,
            workload=load_workload_settings(self.store),
            norms=load_norms(self.store),
        )
        if dialog.exec():
            self.apply_settings(dialog.value(), dialog.workload_value(), dialog.monitor_value())

    def apply_settings(
        self,
        settings: SignalSettings,
        workload: WorkloadSettings | None = None,
        norms: Norms | None = None,
    ) -> None:
        """Save what changed (each tab one audited row), then show it everywhere: the
        reload also has an open Monitor window recompute with the new norms."""
        if self.store is None:
            return
        try:
            save_signal_settings(self.store, self.signal_settings, settings)
            if workload is not None:
                save_workload_settings(self.store, workload)  # audited only when changed
            if norms is not None:
                save_changed_norms(self.store, norms)  # audited only when changed
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
            ("kolommen", self.caseload.table.horizontalHeader().restoreState),  # the sorting
        ):
            value = s.window_state(key)
            if value is not None:
                restore(value)
        columns = self.caseload.columns
        hidden = s.hidden_columns(CASELOAD_TABLE)
        columns.set_hidden(DEFAULT_HIDDEN_KEYS if hidden is None else hidden)
        columns.set_widths(s.column_widths(CASELOAD_TABLE))

    def _save_columns(self) -> None:
        self.app_settings.set_hidden_columns(CASELOAD_TABLE, self.caseload.columns.hidden())

    def save_layout(self) -> None:
        s = self.app_settings
        s.set_window_state("geometrie", self.saveGeometry())
        s.set_window_state("toestand", self.saveState())
        s.set_window_state("splitter", self.splitter.saveState())
        s.set_window_state("kolommen", self.caseload.table.horizontalHeader().saveState())
        self._save_columns()
        s.set_column_widths(CASELOAD_TABLE, self.caseload.columns.widths())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.conversation is not None and self.conversation.isVisible():
            self.conversation.close()
        self._close_monitor()
        self.save_layout()
        self.session.close_store()
        super().closeEvent(event)
