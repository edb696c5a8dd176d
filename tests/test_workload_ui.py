"""The Werklast tab of the settings dialog, driven as a person would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QMessageBox, QPushButton

from caseload_desk.domain import MeasureType
from caseload_desk.signals import SignalSettings
from caseload_desk.store import audit, open_store
from caseload_desk.store.workload import load_workload_settings
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from caseload_desk.workload import Phase, WorkloadSettings
from tests.conftest import open_window
from tests.journey import Alt, answering, message_text, press_button, shortcut


def _type(qtbot, spin: QDoubleSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def test_change_norm_and_a_weight_stored_in_the_file(qtbot, demo_db: Path, app_settings):
    window = open_window(qtbot, demo_db, app_settings)

    def werklast(dialog: SignalSettingsDialog) -> None:
        shortcut(qtbot, dialog, Qt.Key.Key_K, Alt)  # the Werklast tab
        assert dialog.tabs.currentWidget() is dialog.workload_tab
        shortcut(qtbot, dialog, Qt.Key.Key_N, Alt)  # its label's mnemonic: the norm
        assert dialog.workload_tab.norm.hasFocus()
        _type(qtbot, dialog.workload_tab.norm, "10,5")
        _type(qtbot, dialog.findChild(QDoubleSpinBox, "weight_voogdij_eerste_jaar"), "1,5")
        press_button(dialog, "Opslaan")

    with answering(qtbot, SignalSettingsDialog, werklast):
        window.settings_action.trigger()  # Gegevens > Instellingen…
    window.close()
    with open_store(demo_db) as store:
        stored = load_workload_settings(store)
        changes = [e for e in audit.entries(store) if e.gebeurtenis == "instellingen_gewijzigd"]
    assert stored == WorkloadSettings(norm=10.5).with_weight(
        MeasureType.VOOGDIJ, Phase.EERSTE_JAAR, 1.5
    )
    werklast = [e.details for e in changes if e.details.startswith("werklast")]
    assert werklast == [
        "werklastinstellingen: werklast.norm 12 → 10,5; "
        "werklast.gewicht.voogdij.eerste_jaar 1 → 1,5"
    ]


def test_impossible_hours_are_refused_with_a_message(qtbot, demo_db: Path, app_settings):
    window = open_window(qtbot, demo_db, app_settings)
    messages: list[str] = []

    def too_many(dialog: SignalSettingsDialog) -> None:
        dialog.tabs.setCurrentWidget(dialog.workload_tab)
        _type(qtbot, dialog.workload_tab.contract, "20")
        _type(qtbot, dialog.workload_tab.vrij, "24")
        press_button(dialog, "Opslaan")  # refused: the message below answers it
        assert dialog.isVisible()
        press_button(dialog, "Annuleren")

    def note(box: QMessageBox) -> None:
        messages.append(message_text(box))
        press_button(box, "OK")

    with answering(qtbot, SignalSettingsDialog, too_many, then=[(QMessageBox, note)]):
        window.settings_action.trigger()
    assert "De standaard vrijstelling mag niet groter zijn dan de contracturen" in messages[0]
    window.close()
    with open_store(demo_db) as store:
        assert load_workload_settings(store) == WorkloadSettings()


def test_reset_only_touches_the_tab_in_view(qtbot):
    custom = WorkloadSettings(norm=9)
    dialog = SignalSettingsDialog(SignalSettings(), workload=custom)
    qtbot.addWidget(dialog)
    assert dialog.workload_value() == custom
    dialog.spins[("default", "pva_months")].setValue(10)
    reset = dialog.findChild(QPushButton, "resetSettingsButton")
    dialog.tabs.setCurrentWidget(dialog.workload_tab)
    reset.click()
    assert dialog.workload_value() == WorkloadSettings()
    assert dialog.value().default.pva_months == 10
