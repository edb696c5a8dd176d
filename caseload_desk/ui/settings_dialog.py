"""Edit the signal periods stored in the database (shared by all users of the file)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.domain import MeasureType
from caseload_desk.signals import Periods, SignalSettings
from caseload_desk.ui.extra_days import ExtraDaysEditor

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


class SignalSettingsDialog(QDialog):
    def __init__(self, settings: SignalSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signalSettingsDialog")
        self.setWindowTitle("Instellingen signalen")
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
        # The periods and norms have defaults; the organisation's own days stay.
        reset.clicked.connect(
            lambda: self.load(SignalSettings().with_extra_days(self.extra_days.days()))
        )
        buttons.addButton(reset, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Periods and norms on the left, the days beside them: fits a 1366x768 screen.
        left = QVBoxLayout()
        left.addWidget(periods_box)
        left.addWidget(norms_box)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addWidget(self.extra_days, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(columns)
        layout.addWidget(buttons)

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
