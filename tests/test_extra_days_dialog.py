"""The vrije dagen in the settings dialog: add, refuse, remove, and what value() returns."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from caseload_desk.signals import Periods, SignalSettings
from caseload_desk.ui.settings_dialog import SignalSettingsDialog


def dialog_with(qtbot, days: dict[date, str]) -> SignalSettingsDialog:
    settings = SignalSettings(default=Periods(2, 9, 10)).with_extra_days(days)
    dialog = SignalSettingsDialog(settings)
    qtbot.addWidget(dialog)
    return dialog


def add(qtbot, dialog: SignalSettingsDialog, day: date, text: str = "") -> str:
    editor = dialog.extra_days
    editor.date_edit.setDate(QDate(day))
    editor.description.setText(text)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    return editor.message.text()


def test_add_keeps_the_list_sorted_and_value_has_the_days(qtbot) -> None:
    dialog = dialog_with(qtbot, {date(2026, 12, 24): "kerstsluiting"})
    assert add(qtbot, dialog, date(2026, 5, 15), "  vrijdag na   Hemelvaart ") == ""
    model = dialog.extra_days.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "15-05-2026", "24-12-2026",
    ]  # fmt: skip
    assert model.index(0, 1).data() == "vrijdag"
    value = dialog.value()
    assert dict(value.calendar.extra) == {
        date(2026, 5, 15): "vrijdag na Hemelvaart",
        date(2026, 12, 24): "kerstsluiting",
    }
    assert value.default == Periods(2, 9, 10)  # the periods are untouched


def test_useless_days_are_refused_in_dutch(qtbot) -> None:
    dialog = dialog_with(qtbot, {date(2026, 5, 15): ""})
    assert "Goede Vrijdag" in add(qtbot, dialog, date(2026, 4, 3))
    assert "zondag" in add(qtbot, dialog, date(2026, 5, 17))
    assert "staat al in de lijst" in add(qtbot, dialog, date(2026, 5, 15))
    assert dict(dialog.value().calendar.extra) == {date(2026, 5, 15): ""}


def test_remove_the_selected_day_and_reset_keeps_the_days(qtbot) -> None:
    dialog = dialog_with(qtbot, {date(2026, 5, 15): "a", date(2026, 12, 24): "b"})
    editor = dialog.extra_days
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert editor.message.text() == "Kies eerst een dag in de lijst."
    editor.table.selectRow(1)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert dict(dialog.value().calendar.extra) == {date(2026, 5, 15): "a"}
    reset = dialog.findChild(QPushButton, "resetSettingsButton")
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    value = dialog.value()
    assert value.default == Periods()  # the periods go back to their defaults
    assert dict(value.calendar.extra) == {date(2026, 5, 15): "a"}  # the days stay
