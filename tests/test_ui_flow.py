"""Main-window details: names, selection both ways, peildatum, settings, layout.

The user journeys themselves, through the real dialogs, are in test_journeys.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QDateEdit, QPushButton

from caseload_desk.store import open_store
from caseload_desk.ui import create_main_window
from caseload_desk.ui.workers.model import WORKER_ID_ROLE
from tests.conftest import DEMO_DATE


def worker_index(window, worker_id: str):
    view = window.findChild(QAbstractItemView, "workerList")
    model = view.model()
    for r in range(model.rowCount()):
        team = model.index(r, 0)
        for c in range(model.rowCount(team)):
            child = model.index(c, 0, team)
            if child.data(WORKER_ID_ROLE) == worker_id:
                return view, child
    raise AssertionError(worker_id)


def click_worker(qtbot, window, worker_id: str) -> None:
    view, index = worker_index(window, worker_id)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_key_widgets_have_object_names(main_window) -> None:
    for name, kind in (
        ("workerList", QAbstractItemView),
        ("caseloadTable", QAbstractItemView),
        ("onderDrukFilter", QCheckBox),
        ("actionsTable", QAbstractItemView),
        ("peildatumEdit", QDateEdit),
        ("startConversationButton", QPushButton),
    ):
        assert main_window.findChild(kind, name) is not None, name
    assert main_window.findChild(object, "dossierPanel") is not None


def test_worker_list_shows_names_and_selection_both_ways(qtbot, main_window) -> None:
    view, index = worker_index(main_window, "W002")
    with open_store(main_window.db_path, read_only=True) as s:
        name = s.conn.execute("SELECT naam FROM medewerkers WHERE medewerker_id='W002'").fetchone()[
            0
        ]
    assert index.data() == name
    click_worker(qtbot, main_window, "W002")  # view -> state
    assert main_window.worker_id == "W002"
    assert name in main_window.caseload.title.text()
    main_window.select_worker("W003")  # state -> view
    assert view.currentIndex().data(WORKER_ID_ROLE) == "W003"


def test_peildatum_changes_signals(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    before = {r.maatregel_id for r in main_window.caseload.visible_rows() if r.signals.contact.on}
    edit = main_window.findChild(QDateEdit, "peildatumEdit")
    edit.setDate(QDate(DEMO_DATE + timedelta(days=120)))
    assert main_window.worker_id == "W001"
    later = {r.maatregel_id for r in main_window.caseload.visible_rows() if r.signals.contact.on}
    assert before < later  # four months on, more measures lack contact


def test_settings_change_reaches_the_table(qtbot, main_window) -> None:
    from caseload_desk.signals import Periods, SignalSettings

    main_window.select_worker("W001")
    before = sum(r.signals.contact.on for r in main_window.caseload.visible_rows())
    main_window.apply_settings(SignalSettings(default=Periods(contact_months=1)))
    after = sum(r.signals.contact.on for r in main_window.caseload.visible_rows())
    assert after > before


def test_settings_dialog_reset_and_follow_default(qtbot) -> None:
    from caseload_desk.domain import MeasureType
    from caseload_desk.signals import Periods, SignalSettings
    from caseload_desk.ui.settings_dialog import SignalSettingsDialog

    custom = SignalSettings().with_type(MeasureType.VOOGDIJ, Periods(contact_months=2))
    dialog = SignalSettingsDialog(custom)
    qtbot.addWidget(dialog)
    assert dialog.value() == custom
    dialog.spins[("default", "pva_months")].setValue(10)
    value = dialog.value()
    assert value.default.pva_months == 10
    assert value.periods_for(MeasureType.JR).pva_months == 10  # followed the default
    assert value.periods_for(MeasureType.VOOGDIJ).contact_months == 2
    dialog.findChild(QPushButton, "resetSettingsButton").click()
    assert dialog.value() == SignalSettings()


def test_layout_is_remembered(qtbot, demo_db: Path, app_settings) -> None:
    first = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(first)
    first.caseload.table.setColumnWidth(1, 333)
    first.close()
    assert app_settings.last_database() == str(demo_db.resolve())
    second = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(second)
    assert second.caseload.table.columnWidth(1) == 333
    second.close()


def test_windows_fit_the_screen(qtbot, demo_db: Path, app_settings) -> None:
    """No window opens larger than the screen, also with a layout saved on a larger one."""
    from PySide6.QtCore import QRect

    area = QApplication.primaryScreen().availableGeometry()
    window = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    window.show()
    assert area.contains(QRect(window.pos(), window.size()))
    talk = window.start_conversation()
    assert area.contains(QRect(talk.pos(), talk.size())), (talk.size(), area)
    talk.close()
    window.setGeometry(0, 0, area.width() * 2, area.height() * 2)  # a big monitor's layout
    window.move(area.width(), area.height())
    window.close()
    again = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(again)
    assert area.contains(QRect(again.pos(), again.size())), (again.geometry(), area)
    again.close()
