"""The organisation's own non-working days in the settings dialog: a table model and the
editor around it (date, description, add, remove) with the rules' own validation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from caseload_desk.dates import nl
from caseload_desk.signals.settings import SignalSettings
from caseload_desk.signals.settings_keys import MAX_DESCRIPTION, SettingRefused, add_extra_day

_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
Index = QModelIndex | QPersistentModelIndex


class ExtraDaysModel(QAbstractTableModel):
    """Rows of (date, weekday, description), sorted by date."""

    HEADERS = ("Datum", "Dag", "Omschrijving")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[tuple[date, str]] = []

    def set_days(self, days: dict[date, str]) -> None:
        self.beginResetModel()
        self._days = sorted(days.items())
        self.endResetModel()

    def days(self) -> dict[date, str]:
        return dict(self._days)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._days)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = 0) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        day, text = self._days[index.row()]
        return (nl(day), _WEEKDAYS[day.weekday()], text)[index.column()]


class ExtraDaysEditor(QGroupBox):
    """Add and remove the organisation's non-working days; a useless day (weekend, a law
    holiday) is refused with the reason in Dutch, as the command line does."""

    def __init__(self, settings: SignalSettings, parent: QWidget | None = None) -> None:
        super().__init__("Vrije dagen van de organisatie", parent)
        self.setObjectName("extraDaysBox")
        # Wide enough for a date, its weekday and a description such as "vrijdag na
        # Hemelvaart" without sideways scrolling.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 62)
        intro = QLabel(
            "Naast de feestdagen van de Algemene termijnenwet (ook Goede Vrijdag en "
            "5 mei) tellen deze dagen niet als werkdag, bijvoorbeeld de vrijdag na "
            "Hemelvaart of een sluitingsdag. Ze kunnen een termijn alleen verlengen."
        )
        intro.setWordWrap(True)
        self.model = ExtraDaysModel(self)
        self.model.set_days(dict(settings.calendar.extra))
        self.table = QTableView()
        self.table.setObjectName("extraDaysTable")
        self.table.setAccessibleName("Vrije dagen van de organisatie")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.date_edit = QDateEdit(QDate(date.today()))
        self.date_edit.setObjectName("extraDayDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.description = QLineEdit()
        self.description.setObjectName("extraDayDescription")
        self.description.setMaxLength(MAX_DESCRIPTION)
        self.description.setPlaceholderText("bijvoorbeeld: vrijdag na Hemelvaart")
        self.add_button = QPushButton("Dag &toevoegen")
        self.add_button.setObjectName("addExtraDayButton")
        self.add_button.clicked.connect(self.add_day)
        self.description.returnPressed.connect(self.add_day)
        self.remove_button = QPushButton("Dag &verwijderen")
        self.remove_button.setObjectName("removeExtraDayButton")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel()
        self.message.setObjectName("extraDayMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #9B2C1F;")
        date_label = QLabel("&Datum:")
        date_label.setBuddy(self.date_edit)
        text_label = QLabel("&Omschrijving:")
        text_label.setBuddy(self.description)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        grid = QGridLayout(self)
        grid.addWidget(intro, 0, 0, 1, 2)
        grid.addWidget(self.table, 1, 0, 1, 2)
        grid.addWidget(date_label, 2, 0)
        grid.addWidget(self.date_edit, 2, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(text_label, 3, 0)
        grid.addWidget(self.description, 3, 1)
        grid.addLayout(buttons, 4, 0, 1, 2)
        grid.addWidget(self.message, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def days(self) -> dict[date, str]:
        return self.model.days()

    def set_days(self, days: dict[date, str]) -> None:
        self.model.set_days(days)
        self.message.clear()

    def add_day(self) -> None:
        day = self.date_edit.date().toPython()
        current = self.days()
        if day in current:
            self.message.setText(f"{nl(day)} staat al in de lijst.")
            return
        try:
            changed = add_extra_day(
                SignalSettings().with_extra_days(current), day, self.description.text()
            )
        except SettingRefused as exc:
            self.message.setText(f"Niet toegevoegd: {exc}.")
            return
        self.model.set_days(dict(changed.calendar.extra))
        self.description.clear()
        self.message.clear()
        self.table.selectRow(sorted(changed.calendar.extra).index(day))

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText("Kies eerst een dag in de lijst.")
            return
        days = sorted(self.days().items())
        del days[rows[0].row()]
        self.model.set_days(dict(days))
        self.message.clear()
