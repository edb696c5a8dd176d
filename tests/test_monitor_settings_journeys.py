"""The monitor's norms on the *Monitor* tab of the settings dialog, and an open Monitor
window that follows the main window: new norms, a new peildatum, an import.

Driven as a person would: the real dialogs, typed values, the real buttons. The numbers
are checked against the app's own signals on a peildatum, not against the monitor."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QFileDialog, QLineEdit, QMessageBox, QPushButton

from caseload_desk.dates import nl
from caseload_desk.demo import generate_export
from caseload_desk.importer.writer import export_tables, write_xlsx
from caseload_desk.monitor.norms import Norms
from caseload_desk.signals import SignalSettings
from caseload_desk.store import audit, open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.monitor_norms import load_norms
from caseload_desk.ui.dialogs import ExportDateDialog
from caseload_desk.ui.monitor.table import FROZEN
from caseload_desk.ui.monitor.window import MonitorWindow
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from caseload_desk.workload import WorkloadSettings
from tests.conftest import DEMO_DATE
from tests.journey import (
    Alt,
    Ctrl,
    answering,
    choose_file,
    export_date,
    message_text,
    ok,
    press_button,
    shortcut,
    type_into,
    visible_dialog,
)


def open_monitor(qtbot, main_window) -> MonitorWindow:
    shortcut(qtbot, main_window, Qt.Key.Key_M, Ctrl)
    monitor = visible_dialog(MonitorWindow)
    assert monitor is not None, "Ctrl+M opende geen monitor"
    qtbot.waitUntil(
        lambda: monitor.model.columnCount() == FROZEN + 52 and not monitor.busy_now(),
        timeout=20000,
    )
    return monitor


def cell(monitor: MonitorWindow, key: str, column: int) -> str:
    row = [i.key for i in monitor.grid.indicators].index(key)
    return monitor.model.index(row, column).data()


def last_value(monitor: MonitorWindow, key: str) -> int:
    text = cell(monitor, key, monitor.model.columnCount() - 1)
    return int(text.lstrip("▲▼ ").replace(".", ""))


def norm_field(dialog: SignalSettingsDialog, key: str) -> QLineEdit:
    field = dialog.findChild(QLineEdit, f"norm_{key}")
    assert field is not None, f"geen veld voor de norm {key}"
    return field


def running_on(db: Path, peildatum: date) -> int:
    with open_store(db, read_only=True, check="skip") as store:
        return len(caseload_signals(store, peildatum))


def test_norms_typed_on_the_monitor_tab_are_saved_audited_and_shown(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    assert cell(monitor, "eerste_contact_open", 1) == "≤ 8"
    assert cell(monitor, "onder_druk", 1) == "≤ 9"

    def new_norms(dialog: SignalSettingsDialog) -> None:
        shortcut(qtbot, dialog, Qt.Key.Key_M, Alt)  # the Monitor tab
        assert dialog.tabs.currentWidget() is dialog.monitor_tab
        assert norm_field(dialog, "eerste_contact_open").text() == "8"
        type_into(qtbot, norm_field(dialog, "eerste_contact_open"), "5")
        emptied = norm_field(dialog, "onder_druk")
        type_into(qtbot, emptied, "")
        qtbot.keyClick(emptied, Qt.Key.Key_Delete)  # empty: no norm
        type_into(qtbot, norm_field(dialog, "tijdig_pva_pct"), "85")
        press_button(dialog, "Opslaan")

    main_window.activateWindow()
    with answering(qtbot, SignalSettingsDialog, new_norms):
        main_window.settings_action.trigger()  # Gegevens > Instellingen…
    assert load_norms(main_window.store) == Norms(
        {**Norms().values, "eerste_contact_open": 5, "onder_druk": None, "tijdig_pva_pct": 85}
    )
    rows = [
        e.details
        for e in audit.entries(main_window.store)
        if e.gebeurtenis == "instellingen_gewijzigd" and e.details.startswith("monitor")
    ]
    assert rows == [
        "monitornormen: monitor.norm.eerste_contact_open ≤ 8 → ≤ 5; "
        "monitor.norm.tijdig_pva_pct ≥ 80 % → ≥ 85 %; monitor.norm.onder_druk ≤ 9 → geen"
    ]
    # The open monitor recomputes with the new norms, and marks by them.
    qtbot.waitUntil(
        lambda: cell(monitor, "eerste_contact_open", 1) == "≤ 5" and not monitor.busy_now(),
        timeout=20000,
    )
    assert cell(monitor, "onder_druk", 1) == "—" and cell(monitor, "tijdig_pva_pct", 1) == "≥ 85 %"
    columns = range(FROZEN, monitor.model.columnCount())
    f2f = [cell(monitor, "eerste_contact_open", c) for c in columns]
    assert all(
        t.startswith("▲") == (int(t.lstrip("▲ ").replace(".", "")) > 5) for t in f2f if t != "–"
    )
    assert not any(cell(monitor, "onder_druk", c).startswith("▲") for c in columns)
    monitor.close()


def test_a_refused_norm_names_its_row_and_nothing_is_saved(qtbot, main_window) -> None:
    seen: list[str] = []
    focused: list[bool] = []

    def too_high(dialog: SignalSettingsDialog) -> None:
        dialog.tabs.setCurrentWidget(dialog.monitor_tab)
        type_into(qtbot, norm_field(dialog, "eerste_contact_open"), "3")
        type_into(qtbot, norm_field(dialog, "tijdig_f2f_pct"), "101")
        press_button(dialog, "Opslaan")  # refused: the message below answers it
        assert dialog.isVisible()
        field = norm_field(dialog, "tijdig_f2f_pct")
        dialog.activateWindow()  # the message has gone: the keyboard is back in the dialog
        qtbot.waitUntil(dialog.isActiveWindow)
        focused.append(field.hasFocus() and field.selectedText() == "101")
        press_button(dialog, "Annuleren")

    def note(box: QMessageBox) -> None:
        seen.append(message_text(box))
        press_button(box, "OK")

    with answering(qtbot, SignalSettingsDialog, too_high, then=[(QMessageBox, note)]):
        main_window.settings_action.trigger()
    assert "Monitornormen niet opgeslagen" in seen[0]
    assert "De norm 'Tijdigheid 1e F2F (%)' is een percentage: 0 tot en met 100" in seen[0]
    assert "monitor.norm" not in seen[0]
    assert focused == [True]
    assert load_norms(main_window.store) == Norms()


def test_reset_on_the_monitor_tab_keeps_the_other_tabs(qtbot) -> None:
    custom = Norms().with_norm("geen_contact", 12).with_norm("lopend", 900)
    dialog = SignalSettingsDialog(SignalSettings(), workload=WorkloadSettings(norm=9), norms=custom)
    qtbot.addWidget(dialog)
    assert dialog.monitor_value() == custom
    assert norm_field(dialog, "pva_niet_actueel").text() == ""  # no norm: empty
    dialog.tabs.setCurrentWidget(dialog.monitor_tab)
    dialog.findChild(QPushButton, "resetSettingsButton").click()
    assert dialog.monitor_value() == Norms()
    assert norm_field(dialog, "geen_contact").text() == "46"
    assert dialog.workload_value() == WorkloadSettings(norm=9)


def test_the_open_monitor_follows_the_main_peildatum(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    earlier = DEMO_DATE - timedelta(days=30)
    edit = main_window.peildatum_edit
    assert isinstance(edit, QDateEdit)
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # arriving by Tab selects the day
    qtbot.keyClicks(edit, earlier.strftime("%d%m%Y"))
    qtbot.waitUntil(lambda: main_window.peildatum == earlier)
    model = monitor.model
    qtbot.waitUntil(
        lambda: (
            model.columnCount() == FROZEN + 52
            and model.headerData(model.columnCount() - 1, Qt.Orientation.Horizontal).replace(
                "\n", "-"
            )
            == nl(earlier)
            and not monitor.busy_now()
        ),
        timeout=20000,
    )
    assert monitor.tot.date().toPython() == earlier
    assert monitor.van.date().toPython() == earlier - timedelta(weeks=51)  # still a year
    assert last_value(monitor, "lopend") == running_on(main_window.db_path, earlier)
    monitor.close()


def test_the_open_monitor_recomputes_after_an_import(qtbot, main_window, tmp_path: Path) -> None:
    monitor = open_monitor(qtbot, main_window)
    before = last_value(monitor, "lopend")
    # The demo's own export again, with three measures started ten days ago added.
    parsed = generate_export(1, DEMO_DATE)
    model_row = parsed.measures[0]
    start = (DEMO_DATE - timedelta(days=10)).isoformat()
    parsed.measures += [
        model_row._replace(maatregel_id=f"MNIEUW{n}", startdatum=start, einddatum=None)
        for n in range(3)
    ]
    export = tmp_path / "export.xlsx"
    write_xlsx(export_tables(parsed), export)
    with answering(qtbot, QFileDialog, choose_file(qtbot, export),
                   then=[(ExportDateDialog, export_date(qtbot)), (QMessageBox, ok)]):  # fmt: skip
        shortcut(qtbot, main_window, Qt.Key.Key_I, Ctrl)
    after = running_on(main_window.db_path, DEMO_DATE)
    assert after == before + 3
    qtbot.waitUntil(
        lambda: not monitor.busy_now() and last_value(monitor, "lopend") == after, timeout=20000
    )
    monitor.close()
