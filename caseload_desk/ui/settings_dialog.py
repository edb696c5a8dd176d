"""Edit the policy stored in the database (shared by all users of the file): the signal
periods on one tab, the workload norm, hours and weights on the second, the monitor's
norms on the third."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.domain import MeasureType
from caseload_desk.monitor import DISPLAY_ORDER
from caseload_desk.monitor.norms import DEFAULT_NORMS, LABELS, Norms, is_minimum, key_of, parse_norm
from caseload_desk.signals import Periods, SignalSettings
from caseload_desk.ui import dialogs
from caseload_desk.ui.extra_days import ExtraDaysEditor
from caseload_desk.workload import MAX_WEEK_HOURS, Phase, WorkloadSettings
from caseload_desk.workload.settings import MAX_NORM, MAX_WEIGHT

PERIOD_FIELDS = (
    ("contact_months", "Geen cliëntcontact na (maanden)"),
    ("pva_months", "Plan van aanpak verouderd na (maanden)"),
    ("risk_months", "Risicotaxatie verouderd na (maanden)"),
)


def _spin(value: int, lo: int, hi: int, name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setValue(value)
    box.setObjectName(name)
    return box


def _decimal_spin(value: float, lo: float, hi: float, step: float, name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(lo, hi)
    box.setSingleStep(step)
    box.setValue(value)
    box.setObjectName(name)
    return box


WORKLOAD_INTRO = (
    "De belasting is de gewogen caseload gedeeld door de capaciteit. De gewogen caseload "
    "telt de lopende maatregelen met een vaste jeugdbeschermer, elk met het gewicht van "
    "zijn type en fase maal zijn eigen zwaarte uit de export. De capaciteit is de norm "
    "maal (contracturen − vrijstelling) gedeeld door de voltijdse werkweek. De norm van 12 "
    "volgt de afspraak van FNV en werkgevers (2023); de gewichten zijn beleid van de "
    "organisatie."
)


class WorkloadTab(QWidget):
    """The workload policy: norm, hours and a weight per type and phase."""

    def __init__(self, settings: WorkloadSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workloadTab")
        intro = QLabel(WORKLOAD_INTRO)
        intro.setWordWrap(True)
        self.norm = _decimal_spin(settings.norm, 0.5, MAX_NORM, 0.5, "workloadNorm")
        self.voltijd = _decimal_spin(settings.voltijd, 1, MAX_WEEK_HOURS, 1, "workloadFullTime")
        self.contract = _decimal_spin(
            settings.contracturen, 1, MAX_WEEK_HOURS, 1, "workloadDefaultHours"
        )
        self.vrij = _decimal_spin(
            settings.vrijstelling_uren, 0, MAX_WEEK_HOURS, 1, "workloadDefaultExemption"
        )
        form = QFormLayout()
        # Numbers keep their own width when the dialog is wide (the other tab makes it so).
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, spin in (
            ("&Norm: maatregelen per voltijdse medewerker", self.norm),
            ("&Voltijdse werkweek (uren)", self.voltijd),
            ("&Contracturen als de export ze leeg laat", self.contract),
            ("Vr&ijgestelde uren als de export ze leeg laat", self.vrij),
        ):
            label = QLabel(text)
            label.setBuddy(spin)
            form.addRow(label, spin)
        hours_box = QGroupBox("Norm en uren per week")
        hours_box.setLayout(form)
        grid = QGridLayout()
        for col, phase in enumerate(Phase, start=1):
            grid.addWidget(QLabel(f"<b>{phase.label.capitalize()}</b>"), 0, col)
        self.weights: dict[tuple[MeasureType, Phase], QDoubleSpinBox] = {}
        for row, t in enumerate(MeasureType, start=1):
            grid.addWidget(QLabel(t.label), row, 0)
            for col, phase in enumerate(Phase, start=1):
                spin = _decimal_spin(
                    settings.weight(t, phase), 0, MAX_WEIGHT, 0.25, f"weight_{t}_{phase}"
                )
                spin.setAccessibleName(f"Gewicht {t.label}, {phase.label}")
                self.weights[(t, phase)] = spin
                grid.addWidget(spin, row, col, alignment=Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(len(Phase) + 1, 1)  # the room on the right, not in the boxes
        weights_box = QGroupBox("Gewicht per maatregel (1 is gewoon; de fase telt per startdatum)")
        weights_box.setLayout(grid)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(hours_box)
        layout.addWidget(weights_box)
        layout.addStretch(1)

    def load(self, settings: WorkloadSettings) -> None:
        self.norm.setValue(settings.norm)
        self.voltijd.setValue(settings.voltijd)
        self.contract.setValue(settings.contracturen)
        self.vrij.setValue(settings.vrijstelling_uren)
        for (t, phase), spin in self.weights.items():
            spin.setValue(settings.weight(t, phase))

    def value(self) -> WorkloadSettings:
        result = WorkloadSettings(
            norm=self.norm.value(),
            voltijd=self.voltijd.value(),
            contracturen=self.contract.value(),
            vrijstelling_uren=self.vrij.value(),
        )
        for (t, phase), spin in self.weights.items():
            result = result.with_weight(t, phase, spin.value())
        return result


MONITOR_INTRO = (
    "De normen waarmee de monitor (Ctrl+M) elke peildatum vergelijkt. Een aantal is een "
    "maximum voor de hele organisatie; voor een regio, team of medewerker geldt het naar "
    "verhouding van zijn deel van de lopende maatregelen. Een percentage is een minimum. "
    "Leeg: geen norm. De standaardwaarden komen uit de tabel Tijdigheid werkstappen van de "
    "organisatie."
)
# The organisation's own table first, as the monitor shows it (DISPLAY_ORDER).
OWN_TABLE = DISPLAY_ORDER[:5]


class MonitorTab(QWidget):
    """One field per indicator's norm; empty is no norm, checked as `instellingen` does."""

    def __init__(self, norms: Norms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorTab")
        intro = QLabel(MONITOR_INTRO)
        intro.setWordWrap(True)
        self.fields: dict[str, QLineEdit] = {}
        # One grid for both parts, so the fields stand in one column.
        grid = QGridLayout()
        row = 0
        for title, keys in (
            ("Tijdigheid werkstappen (de tabel van de organisatie)", OWN_TABLE),
            ("Betekenisvol cliëntcontact en lopende maatregelen", DISPLAY_ORDER[len(OWN_TABLE) :]),
        ):
            heading = QLabel(f"<b>{title}</b>")
            grid.addWidget(heading, row, 0, 1, 5)
            row += 1
            for key in keys:
                self._add_row(grid, row, key)
                row += 1
        grid.setColumnStretch(4, 1)  # the room on the right, not in the fields
        box = QGroupBox("Normen per indicator")
        box.setLayout(grid)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addStretch(1)
        self.load(norms)

    def _add_row(self, grid: QGridLayout, row: int, key: str) -> None:
        percent = is_minimum(key)
        field = QLineEdit()
        field.setObjectName(f"norm_{key}")
        field.setMaximumWidth(90)
        field.setAlignment(Qt.AlignmentFlag.AlignRight)
        field.setPlaceholderText("geen")
        kind = "minimaal percentage" if percent else "maximaal aantal maatregelen"
        field.setAccessibleName(f"Norm {LABELS[key]}, {kind}")
        field.setToolTip(f"{kind.capitalize()}; leeg: geen norm")
        label = QLabel(LABELS[key])
        label.setBuddy(field)
        default = DEFAULT_NORMS[key]
        shown = "geen norm" if default is None else f"{default}{' %' if percent else ''}"
        hint = QLabel(f"(standaard: {shown})")
        grid.addWidget(label, row, 0)
        grid.addWidget(QLabel("≥" if percent else "≤"), row, 1)
        grid.addWidget(field, row, 2)
        grid.addWidget(QLabel("%" if percent else "maatregelen"), row, 3)
        grid.addWidget(hint, row, 4)
        self.fields[key] = field

    def load(self, norms: Norms) -> None:
        for key, field in self.fields.items():
            value = norms.norm(key)
            field.setText("" if value is None else str(value))

    def refused(self) -> tuple[QLineEdit, str] | None:
        """The first field `parse_norm` refuses, with its Dutch reason naming the row."""
        for key in DISPLAY_ORDER:
            try:
                parse_norm(key_of(key), self.fields[key].text())
            except ValueError as exc:
                return self.fields[key], str(exc).replace(key_of(key), f"De norm '{LABELS[key]}'")
        return None

    def value(self) -> Norms:
        """The norms typed; ValueError (Dutch) when a field is refused."""
        norms = Norms()
        for key in DISPLAY_ORDER:
            norms = norms.with_norm(key, parse_norm(key_of(key), self.fields[key].text())[1])
        return norms


class SignalSettingsDialog(QDialog):
    """Three tabs; `value()` gives the signal periods, `workload_value()` the workload
    policy, `monitor_value()` the monitor's norms."""

    def __init__(
        self,
        settings: SignalSettings,
        parent: QWidget | None = None,
        workload: WorkloadSettings | None = None,
        norms: Norms | None = None,
    ) -> None:
        super().__init__(parent)
        monitor_norms = norms or Norms()  # `norms` below is the start-and-end norms' grid
        self.setObjectName("signalSettingsDialog")
        self.setWindowTitle("Instellingen")
        intro = QLabel(
            "Deze termijnen zijn het beleid van de organisatie, geen wettelijke norm. Ze gelden "
            "voor iedereen die dit databasebestand gebruikt. Per type maatregel kan een "
            "afwijkende termijn worden gekozen."
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Standaard</b>"), 0, 1)
        self.spins: dict[tuple[str, str], QSpinBox] = {}
        for col, t in enumerate(MeasureType, start=2):
            grid.addWidget(QLabel(f"<b>{t.label}</b>"), 0, col)
        for row, (field, label) in enumerate(PERIOD_FIELDS, start=1):
            grid.addWidget(QLabel(label), row, 0)
            for col, key in enumerate(["default", *MeasureType], start=1):
                periods = settings.default if key == "default" else settings.periods_for(key)
                spin = _spin(getattr(periods, field), 1, 60, f"{field}_{key}")
                # A grid cell has its row's and its column's label: say both.
                column = "standaard" if key == "default" else MeasureType(key).label
                spin.setAccessibleName(f"{label}, {column}")
                self.spins[(str(key), field)] = spin
                grid.addWidget(spin, row, col)
        for field, _ in PERIOD_FIELDS:
            self._follow_default(field)
        periods_box = QGroupBox("Termijnen in maanden")
        periods_box.setLayout(grid)
        norms = QGridLayout()
        self.first_contact = _spin(settings.first_contact_working_days, 1, 60, "firstContactDays")
        self.pva_first = _spin(settings.pva_first_weeks, 1, 52, "pvaFirstWeeks")
        self.end_warning = _spin(settings.end_warning_weeks, 1, 52, "endWarningWeeks")
        for row, (text, spin) in enumerate(
            (
                ("Eerste &face-to-face contact binnen (werkdagen)", self.first_contact),
                ("Eerste &plan van aanpak binnen (weken)", self.pva_first),
                ("&Waarschuwen voor einddatum (weken vooraf)", self.end_warning),
            )
        ):
            label = QLabel(text)
            label.setBuddy(spin)  # its name, and Alt+letter goes to it
            norms.addWidget(label, row, 0)
            norms.addWidget(spin, row, 1)
        norms_box = QGroupBox("Normen bij de start en het einde")
        norms_box.setLayout(norms)
        self.extra_days = ExtraDaysEditor(settings)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        reset = QPushButton("Standaardwaarden herstellen")
        reset.setObjectName("resetSettingsButton")
        reset.clicked.connect(self._reset_current_tab)
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        signals_page = QWidget()
        signals_page.setObjectName("signalsTab")
        page = QVBoxLayout(signals_page)
        page.addWidget(intro)
        # Periods and norms on the left, the days beside them: fits a 1366x768 screen.
        left = QVBoxLayout()
        left.addWidget(periods_box)
        left.addWidget(norms_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addWidget(self.extra_days, 1)
        page.addLayout(columns)
        self.workload_tab = WorkloadTab(workload or WorkloadSettings())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(signals_page, "&Signalen")
        self.tabs.addTab(self.workload_tab, "Wer&klast")  # Alt+W is Waarschuwen on the other tab
        self.monitor_tab = MonitorTab(monitor_norms)
        self.tabs.addTab(self.monitor_tab, "&Monitor")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _reset_current_tab(self) -> None:
        """Reset what the user sees: the other tab keeps its values."""
        if self.tabs.currentWidget() is self.workload_tab:
            self.workload_tab.load(WorkloadSettings())
        elif self.tabs.currentWidget() is self.monitor_tab:
            self.monitor_tab.load(Norms())
        else:  # the periods and norms get their defaults; the organisation's days stay
            self.load(SignalSettings().with_extra_days(self.extra_days.days()))

    def accept(self) -> None:
        try:
            self.workload_value().validate()
        except ValueError as exc:
            self.tabs.setCurrentWidget(self.workload_tab)
            message = str(exc)
            dialogs.error(
                self,
                "Werklast niet opgeslagen",
                f"{message[0].upper()}{message[1:]}. Pas de waarde aan en sla opnieuw op.",
            )
            return
        refused = self.monitor_tab.refused()
        if refused is not None:
            field, message = refused
            self.tabs.setCurrentWidget(self.monitor_tab)
            field.setFocus()
            field.selectAll()
            dialogs.error(
                self,
                "Monitornormen niet opgeslagen",
                f"{message}. Pas de waarde aan en sla opnieuw op.",
            )
            return
        super().accept()

    def workload_value(self) -> WorkloadSettings:
        return self.workload_tab.value()

    def monitor_value(self) -> Norms:
        """The monitor's norms typed (checked in `accept`)."""
        return self.monitor_tab.value()

    def _follow_default(self, field: str) -> None:
        """A type still on the default moves along when the default changes."""
        default = self.spins[("default", field)]
        previous = {"value": default.value()}

        def changed(new: int) -> None:
            for t in MeasureType:
                spin = self.spins[(str(t), field)]
                if spin.value() == previous["value"]:
                    spin.setValue(new)
            previous["value"] = new

        default.valueChanged.connect(changed)

    def load(self, settings: SignalSettings) -> None:
        for (key, field), spin in self.spins.items():
            periods = (
                settings.default if key == "default" else settings.periods_for(MeasureType(key))
            )
            spin.setValue(getattr(periods, field))
        self.first_contact.setValue(settings.first_contact_working_days)
        self.pva_first.setValue(settings.pva_first_weeks)
        self.end_warning.setValue(settings.end_warning_weeks)
        self.extra_days.set_days(dict(settings.calendar.extra))

    def _periods(self, key: str) -> Periods:
        return Periods(**{field: self.spins[(key, field)].value() for field, _ in PERIOD_FIELDS})

    def value(self) -> SignalSettings:
        result = SignalSettings(
            default=self._periods("default"),
            first_contact_working_days=self.first_contact.value(),
            pva_first_weeks=self.pva_first.value(),
            end_warning_weeks=self.end_warning.value(),
        ).with_extra_days(self.extra_days.days())
        for t in MeasureType:
            result = result.with_type(t, self._periods(str(t)))
        return result
