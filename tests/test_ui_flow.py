"""The whole caseloadgesprek flow, driven through the widgets as a user would."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QDateEdit, QPushButton

from caseload_desk.domain import ActionOwner
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui import create_main_window
from caseload_desk.ui.caseload.model import ROW_ROLE
from caseload_desk.ui.conversation.add_action import NewAction
from caseload_desk.ui.conversation.follow_up_model import STATUS_COL
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


def cli_onder_druk(db: Path, worker: str) -> set[str]:
    with open_store(db, read_only=True) as s:
        return {x.maatregel_id for x in caseload_signals(s, DEMO_DATE, worker) if x.onder_druk}


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


def test_full_conversation_flow(qtbot, main_window, demo_db: Path, app_settings) -> None:
    window = main_window
    click_worker(qtbot, window, "W001")
    table = window.findChild(QAbstractItemView, "caseloadTable")

    # Filter on onder druk: the table shows exactly what the CLI reports.
    window.findChild(QCheckBox, "onderDrukFilter").click()
    shown = {
        table.model().index(r, 0).data(ROW_ROLE).maatregel_id
        for r in range(table.model().rowCount())
    }
    assert shown == cli_onder_druk(demo_db, "W001") and shown

    # Open a dossier with the keyboard.
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    first = table.model().index(0, 0).data(ROW_ROLE).maatregel_id
    assert first in window.dossier.header.text()
    assert window.dossier.reasons_model.rowCount() >= 6

    # Start the conversation.
    qtbot.mouseClick(
        window.findChild(QPushButton, "startConversationButton"), Qt.MouseButton.LeftButton
    )
    talk = window.conversation
    assert talk is not None and talk.isVisible()
    follow = talk.follow_model
    assert follow.rowCount() > 0
    old_action = follow.action_at(0)
    # Follow up an old action through its editor, as a user would.
    follow_view = talk.follow_view
    index = follow.index(0, STATUS_COL)
    follow_view.setCurrentIndex(index)
    follow_view.edit(index)
    editor = follow_view.indexWidget(index) or follow_view.focusWidget()
    editor.setCurrentText("Afgerond")
    follow_view.commitData(editor)
    follow.setData(follow.index(0, STATUS_COL + 1), "Huisbezoek is geweest")

    # Add two actions on flagged dossiers.
    answers = iter([
        NewAction("Huisbezoek plannen", ActionOwner.MEDEWERKER, DEMO_DATE + timedelta(days=14)),
        NewAction("Risicotaxatie afnemen", ActionOwner.MEDEWERKER, DEMO_DATE + timedelta(days=21)),
    ])  # fmt: skip
    talk.ask_action = lambda _about: next(answers)
    qtbot.waitUntil(talk.isActiveWindow)  # it comes to the front by itself
    talk.flagged_view.selectRow(0)
    qtbot.keyClick(talk.flagged_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert talk.new_model.rowCount() == 1
    talk.flagged_view.selectRow(1)
    qtbot.mouseClick(talk.findChild(QPushButton, "addActionButton"), Qt.MouseButton.LeftButton)
    assert talk.new_model.rowCount() == 2

    qtbot.keyClicks(talk.notes, "Gaat goed met de medewerker.")
    talk.confirm = lambda _q: True
    shown_summary = []
    talk.inform = lambda title, text: shown_summary.append(text)
    qtbot.mouseClick(
        talk.findChild(QPushButton, "finishConversationButton"), Qt.MouseButton.LeftButton
    )
    assert "2 nieuwe acties" in shown_summary[0]
    window.close()

    # Restart the app on the same file: the new actions wait for follow-up.
    again = create_main_window(demo_db, app_settings, today=DEMO_DATE + timedelta(days=28))
    qtbot.addWidget(again)
    again.select_worker("W001")
    talk2 = again.start_conversation()
    waiting = [talk2.follow_model.action_at(r) for r in range(talk2.follow_model.rowCount())]
    descriptions = {a.omschrijving for a in waiting}
    assert {"Huisbezoek plannen", "Risicotaxatie afnemen"} <= descriptions
    assert old_action.id not in {a.id for a in waiting}  # afgerond: no longer open
    talk2.close()
    with open_store(demo_db, read_only=True) as s:
        last = s.conn.execute(
            "SELECT notities, status, aantal_onder_druk FROM gesprekken WHERE medewerker_id='W001' "
            "AND status='afgerond' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert last[0] == "Gaat goed met de medewerker." and last[1] == "afgerond"
    assert last[2] == len(cli_onder_druk(demo_db, "W001"))
    again.close()


def test_draft_survives_closing_by_accident(
    qtbot, main_window, demo_db: Path, app_settings
) -> None:
    main_window.select_worker("W002")
    talk = main_window.start_conversation()
    qtbot.keyClicks(talk.notes, "Halverwege het gesprek")
    talk.close()  # closed before the autosave timer fired
    main_window.close()
    again = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(again)
    again.select_worker("W002")
    resumed = again.start_conversation()
    assert resumed.notes.toPlainText() == "Halverwege het gesprek"
    assert resumed.gesprek_id == talk.gesprek_id
    resumed.close()
    again.close()


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


def test_import_runs_off_the_gui_thread(qtbot, tmp_path: Path, app_settings) -> None:
    from tests.exports import xlsx

    window = create_main_window(None, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.welcome
    db = tmp_path / "nieuw.db"
    window.open_database(db, create=True)
    messages = []
    window.show_message = lambda title, html: messages.append(title)
    job = window.start_import(xlsx(tmp_path / "e.xlsx"))
    with qtbot.waitSignal(job.signals.done, timeout=10000):
        pass
    qtbot.waitUntil(lambda: messages == ["Import geslaagd"])
    assert window.worker_id == "W2"  # first worker of the first team (Assen)
    assert window.select_worker("W1")
    assert len(window.caseload.visible_rows()) == 2
    window.close()


def test_rejected_import_shows_every_problem(qtbot, tmp_path: Path, app_settings) -> None:
    from tests.conftest import data_checksum
    from tests.exports import tables, xlsx

    db = tmp_path / "x.db"
    window = create_main_window(None, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    window.open_database(db, create=True)
    before = data_checksum(db)
    problems = []
    window.show_problems = lambda exc: problems.extend(exc.problems)
    bad = tables(contacten=[["M1", "2025-13-01", "ouder", ""], ["M7", "2025-01-01", "ouder", ""]])
    job = window.start_import(xlsx(tmp_path / "bad.xlsx", bad))
    with qtbot.waitSignal(job.signals.failed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: len(problems) == 2)
    assert data_checksum(db) == before
    window.close()


def test_missing_database_gives_dutch_message(
    qtbot, tmp_path: Path, app_settings, monkeypatch
) -> None:
    from caseload_desk.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "error", lambda _p, title, text: shown.append((title, text)))
    window = create_main_window(None, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    assert not window.open_database(tmp_path / "weg.db")
    assert shown and "niet gevonden" in shown[0][1]
    assert window.stack.currentWidget() is window.welcome


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


def test_history_shows_earlier_conversations(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    dialog = main_window.show_history()
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() >= 2  # the demo has two or three per worker
    text = dialog.detail.toPlainText()
    assert "Caseloadgesprek" in text and "Nieuwe acties" in text and "Notities" in text
    dialog.table.selectRow(dialog.model.rowCount() - 1)
    assert "Opvolging van eerdere acties" in dialog.detail.toPlainText()


def test_export_from_the_gui(qtbot, main_window, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    main_window.select_worker("W001")
    assert main_window.export_action.shortcut().toString() == "Ctrl+E"
    job = main_window.start_export(tmp_path / "lijst.xlsx")
    with qtbot.waitSignal(job.signals.done, timeout=10000):
        pass
    wb = load_workbook(tmp_path / "lijst.xlsx")
    assert wb.sheetnames == ["Acties", "Signalen", "Gesprekken"]
    assert "Sophie Jansen" in wb.properties.title


def test_export_to_locked_target_says_so(qtbot, main_window, tmp_path: Path, monkeypatch) -> None:
    import os

    from caseload_desk.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "error", lambda _p, title, text: shown.append(text))
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(PermissionError()))
    main_window.select_worker("W001")
    folder = tmp_path / "uit"
    folder.mkdir()
    job = main_window.start_export(folder / "lijst.xlsx")
    with qtbot.waitSignal(job.signals.failed, timeout=10000):
        pass
    qtbot.waitUntil(lambda: bool(shown))
    assert "geopend in Excel" in shown[0]
    assert list(folder.iterdir()) == []  # no temporary file left behind
