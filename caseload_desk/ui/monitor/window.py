"""The Monitor window: Kwaliteit op tijd and betekenisvol cliëntcontact over a period,
for the organisation, a region, a team or a worker, in the organisation's own table.

The counting runs in the background (ui/background.py); the window stays usable and
shows a busy bar when it takes more than a moment. A newer request makes an older
result stale: only the latest is shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.monitor import Interval, Scope, ScopeKind
from caseload_desk.store import Store, audit
from caseload_desk.store.monitor import regions
from caseload_desk.store.records import teams, workers
from caseload_desk.ui import dialogs
from caseload_desk.ui.background import Jobs
from caseload_desk.ui.geometry import fit_to_screen
from caseload_desk.ui.help import MONITOR_KEYS, show_help
from caseload_desk.ui.itemdata import add_choice, choice
from caseload_desk.ui.monitor.charts import ChartsPanel, IndicatorChart
from caseload_desk.ui.monitor.effect import EffectPanel
from caseload_desk.ui.monitor.grid import Indicator, MonitorGrid
from caseload_desk.ui.monitor.measures import MeasuresDialog
from caseload_desk.ui.monitor.source import (
    NOTHING,
    MonitorRun,
    Period,
    compute,
    default_file_name,
    export_excel,
    measures_behind,
    team_effects,
)
from caseload_desk.ui.monitor.table import FrozenTable, MonitorTableModel
from caseload_desk.words import count

WEEKS = 51  # 52 weekly peildata, the last on the peildatum
MONTHS = 12  # 13 monthly peildata: the same month a year ago included
BUSY_AFTER_MS = 1000  # a busy bar only for work that takes longer than this
LEVEL_WORDS = {
    ScopeKind.ORGANISATIE: "Organisatie",
    ScopeKind.REGIO: "Regio",
    ScopeKind.TEAM: "Team",
    ScopeKind.MEDEWERKER: "Medewerker",
}


def default_van(tot: date, interval: Interval) -> date:
    """The start of 'the last 12 months' up to `tot`."""
    if interval is Interval.WEEK:
        return tot - timedelta(weeks=WEEKS)
    return tot - relativedelta(months=MONTHS)


class MonitorWindow(QMainWindow):
    """`open_dossier(maatregel_id, medewerker_id)`: the main window shows that dossier."""

    open_dossier = Signal(str, str)

    def __init__(
        self,
        store: Store,
        db_path: Path,
        peildatum: date,
        record: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        """`record(event, **details)`: the main window's audit log (the list of measures
        names children, so looking at it is logged as a caseload view is)."""
        super().__init__(parent)
        self.setObjectName("monitorWindow")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle("Monitor – tijdigheid en betekenisvol cliëntcontact")
        self.store, self.db_path, self._audit = store, db_path, record
        self.jobs = Jobs(self._failed)
        self.run: MonitorRun = NOTHING
        self._request = 0  # the latest computation asked for; older results are stale
        self.measures: MeasuresDialog | None = None
        self.main_peildatum = peildatum  # the main window's, which the period ends on
        self._build(peildatum)
        fit_to_screen(self, 1340, 740)
        QTimer.singleShot(0, self.refresh)

    # --- layout ------------------------------------------------------------------------
    def _build(self, peildatum: date) -> None:
        self.level = QComboBox()
        self.level.setObjectName("monitorLevel")
        self.level.setAccessibleName("Niveau")
        for level, word in LEVEL_WORDS.items():
            add_choice(self.level, word, level)
        self.which = QComboBox()
        self.which.setObjectName("monitorWhich")
        self.which.setMinimumContentsLength(18)
        self.which.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tot = self._date_edit("monitorTot", "Tot en met (de laatste peildatum)", peildatum)
        self.van = self._date_edit(
            "monitorVan", "Van (de eerste peildatum)", default_van(peildatum, Interval.WEEK)
        )
        self.interval = QComboBox()
        self.interval.setObjectName("monitorInterval")
        self.interval.setAccessibleName("Interval")
        add_choice(self.interval, "Per week", Interval.WEEK)
        add_choice(self.interval, "Per maand", Interval.MAAND)
        self.export_button = QPushButton("&Exporteren naar Excel…")
        self.export_button.setObjectName("monitorExport")
        self.export_button.setToolTip(
            "De tabel in deze opmaak als Excel-bestand, met de definities"
        )
        self.export_button.clicked.connect(self.choose_export)
        controls = QHBoxLayout()
        for text, widget in (
            ("&Niveau:", self.level),
            (None, self.which),
            ("&Van:", self.van),
            ("&Tot en met:", self.tot),
            ("&Interval:", self.interval),
        ):
            if text:
                label = QLabel(text)
                label.setBuddy(widget)
                controls.addWidget(label)
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)

        self.model = MonitorTableModel(self)
        self.table = FrozenTable(self.model)
        self.table.cell_activated.connect(self.show_measures)
        self.legend = QLabel(
            "▲ boven de norm (te veel maatregelen) · ▼ onder de norm (te laag percentage) · "
            "– niets te meten. Enter of dubbelklik op een waarde: de maatregelen erachter."
        )
        self.legend.setObjectName("monitorLegend")
        self.legend.setWordWrap(True)
        # Under the table, the chart of the indicator whose row is current.
        self.row_chart = IndicatorChart(Indicator("", "", ""))
        self.row_chart.setObjectName("monitorRowChart")
        self.row_chart.point_clicked.connect(self.show_measures)
        self.row_chart.setMinimumHeight(160)
        self.table.current_row_changed.connect(self._show_row_chart)
        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.addWidget(self.table)
        tl.addWidget(self.legend)
        tl.addWidget(self.row_chart, 1)
        self.charts = ChartsPanel()
        self.charts.point_clicked.connect(self.show_measures)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("monitorTabs")
        self.tabs.tabBar().setAccessibleName("Tabel, grafieken of effect van de gesprekken")
        self.tabs.addTab(table_page, "Tabel")
        self.tabs.addTab(self.charts, "Grafieken")
        self.effect = EffectPanel()
        self.tabs.addTab(self.effect, "Effect van de gesprekken")
        self.heading = QLabel()
        self.heading.setObjectName("monitorHeading")
        self.heading.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(controls)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.busy = QProgressBar()
        self.busy.setObjectName("monitorBusy")
        self.busy.setRange(0, 0)  # busy: the engine reports steps, not a fraction
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Bezig met berekenen")
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self.busy.show)
        self._fill_which()
        self.level.currentIndexChanged.connect(self._level_changed)
        self.interval.currentIndexChanged.connect(self._interval_changed)
        self.which.currentIndexChanged.connect(self.refresh)
        self.van.dateChanged.connect(self.refresh)
        self.tot.dateChanged.connect(self.refresh)
        self._shortcuts()

    def _date_edit(self, name: str, accessible: str, when: date) -> QDateEdit:
        edit = QDateEdit(QDate(when))
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat("dd-MM-yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _shortcuts(self) -> None:
        def action(key: str | QKeySequence, slot, name: str) -> None:
            a = QAction(self)
            a.setObjectName(name)
            a.setShortcut(QKeySequence(key))
            a.triggered.connect(slot)
            self.addAction(a)

        for n in range(self.tabs.count()):
            action(f"Ctrl+{n + 1}", lambda _=False, n=n: self.tabs.setCurrentIndex(n), f"tab{n}")
        action("F5", self.refresh, "monitorRefresh")
        action("Ctrl+W", self.close, "monitorClose")
        action("F1", lambda: show_help(self, "de monitor", MONITOR_KEYS), "monitorHelp")

    @property
    def grid(self) -> MonitorGrid:
        return self.run.grid

    # --- choices -------------------------------------------------------------------------
    def scope(self) -> Scope:
        level = choice(self.level, ScopeKind)
        index = self.which.currentIndex()
        if level is ScopeKind.ORGANISATIE or index < 0:
            return Scope(level)
        return Scope(level, self._which_values[index])

    def period(self) -> Period:
        return Period(
            self.van.date().toPython(), self.tot.date().toPython(), choice(self.interval, Interval)
        )

    def _fill_which(self, keep: str | None = None) -> None:
        """The regions, teams or workers to choose from (nothing for the organisation);
        `keep` stays chosen when it is still there."""
        level = choice(self.level, ScopeKind)
        entries: list[tuple[str, str]] = []  # (shown, value)
        if level is ScopeKind.REGIO:
            entries = [(r, r) for r in regions(self.store)]
        elif level is ScopeKind.TEAM:
            entries = [(t, t) for t in teams(self.store) if t]
        elif level is ScopeKind.MEDEWERKER:
            entries = [(f"{w.naam} ({w.team})" if w.team else w.naam, w.medewerker_id)
                       for w in workers(self.store)]  # fmt: skip
        self.which.blockSignals(True)
        self.which.clear()
        self._which_values = [value for _, value in entries]
        for shown, _ in entries:
            self.which.addItem(shown)
        if keep in self._which_values:
            self.which.setCurrentIndex(self._which_values.index(keep))
        self.which.blockSignals(False)
        self.which.setVisible(level is not ScopeKind.ORGANISATIE)
        self.which.setAccessibleName(LEVEL_WORDS[level])

    def _level_changed(self) -> None:
        self._fill_which()
        self.refresh()

    def _interval_changed(self) -> None:
        """A new interval starts from its own default period up to the same end."""
        tot = self.tot.date().toPython()
        self.van.blockSignals(True)
        self.van.setDate(QDate(default_van(tot, choice(self.interval, Interval))))
        self.van.blockSignals(False)
        self.refresh()

    def follow(self, peildatum: date) -> None:
        """The main window's data or peildatum changed: recompute in the background. A new
        peildatum moves the period along to end on it: the default year when it was the
        default, else the same length."""
        if peildatum != self.main_peildatum:
            van, tot = self.van.date().toPython(), self.tot.date().toPython()
            interval = choice(self.interval, Interval)
            if van == default_van(tot, interval):
                van = default_van(peildatum, interval)
            else:
                van = min(van + (peildatum - tot), peildatum)
            for edit, when in ((self.van, van), (self.tot, peildatum)):
                edit.blockSignals(True)  # one computation for both dates
                edit.setDate(QDate(when))
                edit.blockSignals(False)
            self.main_peildatum = peildatum
        # An import can bring new teams or workers: the list again, the choice kept.
        scope = self.scope()
        self._fill_which(scope.value)
        self.refresh()

    # --- computing -----------------------------------------------------------------------
    def refresh(self) -> None:
        scope, period = self.scope(), self.period()
        if period.van > period.tot:
            self.statusBar().showMessage("De datum 'van' ligt na 'tot en met'.")
            return
        if scope.kind is not ScopeKind.ORGANISATIE and not scope.value:
            what = LEVEL_WORDS[scope.kind].lower()
            self.statusBar().showMessage(f"Er is geen {what} te kiezen.")
            return
        self._request += 1
        request, db_path = self._request, self.db_path
        self.statusBar().showMessage("Berekenen…")
        self._busy_timer.start(BUSY_AFTER_MS)

        def done(run: MonitorRun) -> None:
            if request == self._request:
                self._show(run, period)

        self.jobs.run(
            lambda report: compute(db_path, scope, period, report),
            done,
            failed=lambda exc: self._failed(exc, request),
            progress=lambda text: self._progress(text, request),
        )

    def busy_now(self) -> bool:
        return len(self.jobs) > 0

    def _progress(self, text: str, request: int) -> None:
        if request == self._request:
            self.statusBar().showMessage(text)

    def _idle(self) -> None:
        if len(self.jobs) == 0:
            self._busy_timer.stop()
            self.busy.hide()

    def _show(self, run: MonitorRun, period: Period) -> None:
        self.run = run
        grid = run.grid
        self.model.set_grid(grid)
        self.charts.set_grid(grid)
        self._count_effects(period)
        self._show_row_chart(max(self.table.current_row(), 0))
        self._busy_timer.stop()
        self.busy.hide()
        every = "week" if period.interval is Interval.WEEK else "maand"
        n = len(grid.peildata)
        self.heading.setText(
            f"<b>{escape(grid.title)}</b> · {count(n, 'peildatum', 'peildata')}, elke "
            f"{every}, van {nl(grid.peildata[0])} tot en met {nl(grid.peildata[-1])}"
            if n
            else f"<b>{escape(grid.title)}</b>: geen peildata"
        )
        if grid.share < 1:  # a part of the organisation: its share of the count norms
            self.heading.setText(
                f"{self.heading.text()} · normen voor aantallen naar rato: "
                f"{round(100 * grid.share)} % van de lopende maatregelen"
            )
        self.statusBar().showMessage(f"{grid.title}: berekend.", 5000)

    def _count_effects(self, period: Period) -> None:
        """The effect tab, after the table: it reads every conversation of the scope."""
        result = self.run.result
        if result is None:
            return
        request, db_path, scope = self._request, self.db_path, result.scope
        self.effect.set_rows([])
        self.effect.set_waiting(True)

        def done(rows: list) -> None:
            if request == self._request:
                self.effect.set_rows(rows)
                self.effect.set_waiting(False)

        self.jobs.run(
            lambda report: team_effects(db_path, scope, period, report),
            done,
            failed=lambda exc: self._failed(exc, request),
        )

    def _show_row_chart(self, row: int) -> None:
        grid = self.grid
        self.row_chart.setVisible(bool(grid.indicators))
        if 0 <= row < len(grid.indicators):
            self.row_chart.set_indicator(grid.indicators[row])
            self.row_chart.set_series(grid.peildata, grid.values[row])

    def _failed(self, exc: BaseException, request: int | None = None) -> None:
        if request is not None and request != self._request:
            return
        self._busy_timer.stop()
        self.busy.hide()
        self.statusBar().clearMessage()
        if isinstance(exc, ValueError):  # the engine's Dutch word on the period
            self.statusBar().showMessage(str(exc))
            return
        dialogs.error(self, "Monitor niet berekend", f"Onverwachte fout ({type(exc).__name__}).")

    # --- drill-down ----------------------------------------------------------------------
    def show_measures(self, key: str, peildatum: date) -> None:
        """The measures behind `key` on `peildatum`, listed beside the monitor (looked up
        in the background: on a whole organisation that is one evaluation)."""
        run, db_path = self.run, self.db_path
        if peildatum not in run.grid.peildata:
            return
        index = run.grid.peildata.index(peildatum)
        indicator = run.grid.indicator(key)
        self.statusBar().showMessage(f"{indicator.label} op {nl(peildatum)}: maatregelen zoeken…")

        def done(rows: list) -> None:
            self._idle()
            self.statusBar().clearMessage()
            if self.measures is not None:
                self.measures.close()
            self._audit(
                audit.Event.CASELOAD_BEKEKEN, maatregelen=[r.maatregel_id for r in rows],
                details=f"monitor: {indicator.label} op {peildatum.isoformat()}",
            )  # fmt: skip
            dialog = MeasuresDialog(indicator, peildatum, run.grid.title, rows, self)
            dialog.open_dossier.connect(self.open_dossier)
            self.measures = dialog
            dialog.show()

        self._busy_timer.start(BUSY_AFTER_MS)  # a whole organisation can take a moment
        self.jobs.run(lambda _report: measures_behind(db_path, run, key, index), done)

    # --- export --------------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.run.result is None or self.busy_now():
            self.statusBar().showMessage("Wacht tot de monitor berekend is.", 5000)
            return
        name = default_file_name(self.grid.title, self.grid.peildata[-1])
        path, _ = QFileDialog.getSaveFileName(
            self, "Monitor exporteren", str(Path.home() / name), "Excel-werkmap (*.xlsx)"
        )
        if path:
            self.export_to(Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx"))

    def export_to(self, target: Path) -> None:
        """Write the shown table to `target` in the background, then say so below."""
        run, period, db_path = self.run, self.period(), self.db_path
        if run.result is not None:  # the period shown, not one being typed
            period = Period(run.result.peildata[0], run.result.peildata[-1], run.result.interval)
        self.export_button.setEnabled(False)
        self.busy.show()

        def done(titles: list[str]) -> None:
            self.export_button.setEnabled(True)
            self._idle()
            # Counts only, no measure or child: the log says which levels left the file.
            self._audit(
                audit.Event.EXPORT,
                details=f"monitor ({', '.join(titles)}), {period.van.isoformat()} tot "
                f"{period.tot.isoformat()} per {period.interval.value}",
            )
            self.statusBar().showMessage(f"Monitor opgeslagen: {target}", 15000)

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._idle()
            self.statusBar().clearMessage()
            known = isinstance(exc, TargetLocked | ValueError)
            text = str(exc) if known else f"Onverwachte fout ({type(exc).__name__})."
            dialogs.error(self, "Monitor niet geëxporteerd", text)

        self.jobs.run(
            lambda report: export_excel(db_path, run, period, target, report),
            done,
            failed,
            progress=self.statusBar().showMessage,
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.measures is not None:
            self.measures.close()
        super().closeEvent(event)
