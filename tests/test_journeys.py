"""Every journey of the README, through the real widgets and the real dialogs.

Nothing of the app is replaced: keys and clicks go to the widgets, and each modal dialog
(file dialogs included) is answered by finding it and typing and pressing its buttons
(tests/journey.py). The same conversation journey runs by keyboard alone in a real X
server in tests/test_keyboard_journey.py.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextBrowser,
)

from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui.conversation.add_action import AddActionDialog
from caseload_desk.ui.conversation.follow_up_model import FCol
from caseload_desk.ui.conversation.history import HistoryDialog
from caseload_desk.ui.dialogs import ExportDateDialog, ProblemsDialog
from caseload_desk.ui.modal import close, describe
from caseload_desk.ui.safety import RestoreDialog
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from tests.conftest import DEMO_DATE, damage_unread_page, data_checksum, open_window
from tests.exports import tables, xlsx
from tests.journey import (
    Alt,
    Ctrl,
    answering,
    choose_file,
    click,
    export_date,
    focus_cell,
    message_text,
    ok,
    press_button,
    shortcut,
    type_into,
    visible_dialog,
)


@pytest.fixture(autouse=True)
def no_dialog_left_hanging():
    """A modal dialog nobody answers would hang the run: close it after a while, and fail."""
    stuck: list[str] = []
    seen: dict = {"dialog": None, "since": 0.0}

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or not modal.isVisible():
            seen["dialog"] = None
        elif modal is not seen["dialog"]:
            seen.update(dialog=modal, since=time.monotonic())
        elif time.monotonic() - seen["since"] > 30:
            stuck.append(describe(modal))
            close(modal)

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(500)
    yield
    timer.stop()
    assert not stuck, f"onbeantwoord venster: {stuck}"


def quit_app(qtbot, window) -> None:
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)  # Bestand > Afsluiten
    qtbot.waitUntil(lambda: not window.isVisible())


def note(seen: list[str]):
    """A handler that reads a message box into `seen` and presses OK."""
    return lambda box: (seen.append(message_text(box)), ok(box))


def onder_druk(db: Path, worker: str) -> set[str]:
    with open_store(db, read_only=True) as s:
        return {x.maatregel_id for x in caseload_signals(s, DEMO_DATE, worker) if x.onder_druk}


def shown_ids(window) -> set[str]:
    return {r.maatregel_id for r in window.caseload.visible_rows()}


def worker_name(db: Path, worker: str) -> str:
    with sqlite3.connect(db) as c:
        return c.execute(
            "SELECT naam FROM medewerkers WHERE medewerker_id=?", (worker,)
        ).fetchone()[0]


# --- opening a file, choosing a worker, filters, a dossier ----------------------------------
def test_open_a_file_from_the_welcome_page(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, None, app_settings)
    assert window.stack.currentWidget() is window.welcome
    with answering(qtbot, QFileDialog, choose_file(qtbot, demo_db)):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    qtbot.waitUntil(window.file_checked)
    assert window.stack.currentIndex() == 1 and demo_db.name in window.windowTitle()
    assert window.worker_id is not None  # the first worker is shown at once
    assert window.caseload.visible_rows()
    quit_app(qtbot, window)


def test_a_missing_file_gives_a_dutch_message(qtbot, tmp_path: Path, app_settings) -> None:
    """`caseload-desk gui --db weg.db`, or a last-used file that was moved."""
    window = open_window(qtbot, None, app_settings)
    seen: list[str] = []
    with answering(qtbot, QMessageBox, note(seen)):
        assert not window.open_database(tmp_path / "weg.db")  # what run_gui does with --db
    assert "niet gevonden" in seen[0]
    assert window.stack.currentWidget() is window.welcome
    quit_app(qtbot, window)


def test_choose_a_worker_by_keyboard_and_by_search(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    workers = window.findChild(QAbstractItemView, "workerList")
    first = window.worker_id
    workers.setFocus()
    qtbot.keyClick(workers, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.worker_id != first)
    assert worker_name(demo_db, window.worker_id) in window.caseload.title.text()
    search = window.findChild(QLineEdit, "workerSearch")
    name = worker_name(demo_db, "W003")
    type_into(qtbot, search, name)
    assert window.worker_id == "W003"  # the shown caseload follows the search
    assert name in window.caseload.title.text()
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert workers.hasFocus()  # Down (or Enter) goes on to the list
    search.clear()
    type_into(qtbot, search, name.split()[-1])
    model = workers.model()
    visible = [
        model.index(c, 0, model.index(r, 0)).data()
        for r in range(model.rowCount())
        for c in range(model.rowCount(model.index(r, 0)))
    ]
    assert name in visible and len(visible) < 8
    workers.setFocus()
    for _ in range(len(visible) + 2):  # down to the worker, past the team heading
        if window.worker_id == "W003":
            break
        qtbot.keyClick(workers, Qt.Key.Key_Down)
    assert window.worker_id == "W003"
    quit_app(qtbot, window)


def test_filters_and_search_match_the_command_line(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    everything = shown_ids(window)
    click(qtbot, window.findChild(QCheckBox, "onderDrukFilter"))
    assert shown_ids(window) == onder_druk(demo_db, "W001") != set()
    click(qtbot, window.findChild(QCheckBox, "onderDrukFilter"))
    assert shown_ids(window) == everything
    one = sorted(everything)[0]
    shortcut(qtbot, window.caseload.table, Qt.Key.Key_F, Ctrl)  # Ctrl+F: the search field
    search = window.caseload.search
    assert search.hasFocus()
    qtbot.keyClicks(search, one)
    assert shown_ids(window) == {one}
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    search.clear()
    assert shown_ids(window) == everything
    quit_app(qtbot, window)


def test_open_a_dossier_with_enter(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    table = window.caseload.table
    focus_cell(qtbot, table, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    row = window.caseload.current_row()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert row.maatregel_id in window.dossier.header.text()
    assert window.dossier.reasons_model.rowCount() >= 6
    assert window.dossier.reasons.hasFocus()
    quit_app(qtbot, window)


# --- the caseloadgesprek ------------------------------------------------------------------
def add_action_dialog(qtbot, text: str, owner: ActionOwner):
    def handler(dialog: AddActionDialog) -> None:
        assert dialog.description.hasFocus()
        qtbot.keyClicks(dialog.description, text)
        if owner is ActionOwner.PRAKTIJKBEGELEIDER:
            dialog.owner.setFocus()
            qtbot.keyClick(dialog.owner, Qt.Key.Key_Down)
        press_button(dialog, "Toevoegen")

    return handler


def test_full_conversation_then_restart_and_follow_up(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    assert talk is not None
    qtbot.waitUntil(talk.isActiveWindow)  # it takes the keyboard by itself

    # 1. Follow up an earlier action: status by one key, Enter to its note, Tab away.
    follow = talk.follow_model
    assert follow.rowCount() > 0
    old = follow.action_at(0)
    view = talk.follow_view
    focus_cell(qtbot, view, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: follow.index(0, FCol.OPVOLGING).data() == "Afgerond")
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert talk.follow.note.hasFocus()
    qtbot.keyClicks(talk.follow.note, "Huisbezoek is geweest")
    qtbot.keyClick(talk.follow.note, Qt.Key.Key_Return)  # a new line in the note, no dialog
    qtbot.keyClick(talk.follow.note, Qt.Key.Key_Tab)
    assert not talk.follow.note.hasFocus()
    assert talk.new_model.rowCount() == 0  # Enter in the note did not open a dialog

    # 2. A dossier action with Ctrl+N on the first flagged dossier, through the real dialog.
    flagged = talk.current_flagged()
    talk.flagged_view.setFocus()
    with answering(qtbot, AddActionDialog, add_action_dialog(qtbot, "Huisbezoek plannen",
                                                              ActionOwner.MEDEWERKER)):  # fmt: skip
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    # 3. A general action for the worker, with the button's Alt key.
    with answering(qtbot, AddActionDialog, add_action_dialog(qtbot, "Intervisie inplannen",
                                                              ActionOwner.PRAKTIJKBEGELEIDER)):  # fmt: skip
        shortcut(qtbot, talk, Qt.Key.Key_M, Alt)
    assert talk.new_model.rowCount() == 2

    # 4. Notes, then finish: the question about open follow-ups, then the summary.
    type_into(qtbot, talk.notes, "Gaat goed met de medewerker.")
    summaries: list[str] = []

    def answer(box: QMessageBox) -> None:
        if box.defaultButton() and box.defaultButton().text() == "&Nee, nog niet":
            press_button(box, "Afronden")
        else:
            summaries.append(box.text())
            press_button(box, "Niet nu")  # the handout offered with the summary

    with answering(qtbot, QMessageBox, answer, count=2):
        click(qtbot, talk.finish_button)
    assert "2 nieuwe acties" in summaries[0]
    qtbot.waitUntil(lambda: not talk.isVisible())
    quit_app(qtbot, window)

    with open_store(demo_db, read_only=True) as s:
        done = [c for c in conv.conversations(s, "W001") if c.afgerond][-1]
        actions = {a.omschrijving: a for a in conv.actions_of_conversation(s, done.id)}
        followed_up = next(a for a in conv.actions_of_worker(s, "W001") if a.id == old.id)
    assert done.notities == "Gaat goed met de medewerker."
    assert followed_up.follow_ups[-1].notitie == "Huisbezoek is geweest"
    assert done.aantal_onder_druk == len(onder_druk(demo_db, "W001"))
    assert actions["Huisbezoek plannen"].maatregel_id == flagged.maatregel_id
    assert actions["Huisbezoek plannen"].eigenaar is ActionOwner.MEDEWERKER
    assert actions["Intervisie inplannen"].maatregel_id is None
    assert actions["Intervisie inplannen"].eigenaar is ActionOwner.PRAKTIJKBEGELEIDER

    # Start the app again, four weeks on: the new actions wait for follow-up.
    again = open_window(qtbot, demo_db, app_settings, today=DEMO_DATE + timedelta(days=28))
    again.select_worker("W001")
    shortcut(qtbot, again, Qt.Key.Key_G, Ctrl)
    talk2 = again.conversation
    waiting = [talk2.follow_model.action_at(r) for r in range(talk2.follow_model.rowCount())]
    assert {"Huisbezoek plannen", "Intervisie inplannen"} <= {a.omschrijving for a in waiting}
    assert old.id not in {a.id for a in waiting}  # afgerond: no longer open
    followed = next(i for i, a in enumerate(waiting) if a.omschrijving == "Intervisie inplannen")
    focus_cell(qtbot, talk2.follow_view, followed, 0)
    shortcut(qtbot, talk2.follow_view, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    index = talk2.follow_model.index(followed, FCol.OPVOLGING)
    qtbot.waitUntil(lambda: index.data() == "Loopt nog")
    with open_store(demo_db, read_only=True) as s:
        a = next(
            x for x in conv.actions_of_worker(s, "W001") if x.omschrijving == "Intervisie inplannen"
        )
    assert a.status is ActionStatus.LOOPT_NOG
    talk2.close()
    quit_app(qtbot, again)


def test_draft_survives_closing_by_accident(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W002")
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    type_into(qtbot, talk.notes, "Halverwege het gesprek")
    qtbot.keyClick(talk, Qt.Key.Key_Escape)  # closed before the autosave timer fired
    assert not talk.isVisible()
    quit_app(qtbot, window)
    again = open_window(qtbot, demo_db, app_settings)
    again.select_worker("W002")
    shortcut(qtbot, again, Qt.Key.Key_G, Ctrl)
    assert again.conversation.notes.toPlainText() == "Halverwege het gesprek"
    assert again.conversation.gesprek_id == talk.gesprek_id
    again.conversation.close()
    quit_app(qtbot, again)


def test_a_note_being_typed_survives_quitting_the_app(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    focus_cell(qtbot, talk.follow_view, 0, 0)
    shortcut(qtbot, talk.follow_view, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    qtbot.keyClick(talk.follow_view, Qt.Key.Key_Return)
    qtbot.keyClicks(talk.follow.note, "Half getypt")
    action = talk.follow_model.action_at(0)
    quit_app(qtbot, window)  # Ctrl+Q in the main window before the note's autosave
    with open_store(demo_db, read_only=True) as s:
        a = next(x for x in conv.actions_of_worker(s, "W001") if x.id == action.id)
    assert a.follow_ups and a.follow_ups[-1].notitie == "Half getypt"


def test_enter_and_tab_do_what_a_person_expects(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    table = window.caseload.table
    focus_cell(qtbot, table, 0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # Tab leaves the caseload
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    type_into(qtbot, talk.pb_edit, "Marieke Haan", enter=True)
    qtbot.wait(100)
    assert visible_dialog(AddActionDialog) is None and talk.new_model.rowCount() == 0
    shortcut(qtbot, talk, Qt.Key.Key_N, Alt)  # &Notities
    assert talk.notes.hasFocus()
    qtbot.keyClicks(talk.notes, "een")
    qtbot.keyClick(talk.notes, Qt.Key.Key_Tab)
    assert not talk.notes.hasFocus() and "\t" not in talk.notes.toPlainText()
    talk.close()
    quit_app(qtbot, window)


def test_what_was_typed_is_offered_again_after_an_unexpected_error(
    qtbot, demo_db: Path, app_settings, monkeypatch
) -> None:
    """The error message says the input is kept; after any failure it is."""
    window = open_window(qtbot, demo_db, app_settings)
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation

    def broken(*_a, **_k):  # a fault in the store, not in the window under test
        raise RuntimeError("stuk")

    monkeypatch.setattr(conv, "add_action", broken)
    typed = add_action_dialog(qtbot, "Niet kwijtraken", ActionOwner.PRAKTIJKBEGELEIDER)
    with qtbot.capture_exceptions() as raised, answering(qtbot, AddActionDialog, typed):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    assert raised and raised[0][0] is RuntimeError
    monkeypatch.undo()
    assert add_again(qtbot, talk) == [("Niet kwijtraken", "Praktijkbegeleider")]
    assert talk.new_model.rowCount() == 1
    talk.close()
    quit_app(qtbot, window)


def test_an_empty_action_is_refused_and_cancel_saves_nothing(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation

    def empty_then_cancel(dialog: AddActionDialog) -> None:
        press_button(dialog, "Toevoegen")
        assert dialog.isVisible() and "Vul in" in dialog.error.text()
        qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)

    with answering(qtbot, AddActionDialog, empty_then_cancel):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    assert talk.new_model.rowCount() == 0
    talk.close()
    quit_app(qtbot, window)


# --- export, history and report, settings ---------------------------------------------------
def test_export_with_ctrl_e(qtbot, demo_db: Path, app_settings, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    target = tmp_path / "lijst.xlsx"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        shortcut(qtbot, window, Qt.Key.Key_E, Ctrl)
    qtbot.waitUntil(lambda: "Actielijst opgeslagen" in window.statusBar().currentMessage())
    wb = load_workbook(target)
    assert wb.sheetnames == ["Acties", "Signalen", "Gesprekken"]
    assert worker_name(demo_db, "W001") in wb.properties.title
    quit_app(qtbot, window)


def test_export_to_a_file_open_elsewhere_says_so(
    qtbot, demo_db: Path, app_settings, tmp_path: Path, monkeypatch
) -> None:
    import os

    window = open_window(qtbot, demo_db, app_settings)
    # A target held open by Excel: Windows refuses the replace. (Fault injection, not the app.)
    monkeypatch.setattr(os, "replace", lambda *_a: (_ for _ in ()).throw(PermissionError()))
    folder = tmp_path / "uit"
    folder.mkdir()
    seen: list[str] = []

    def handler(dialog: QFileDialog) -> None:
        choose_file(qtbot, folder / "lijst.xlsx")(dialog)

    with answering(qtbot, QFileDialog, handler, then=[(QMessageBox, note(seen))]):
        shortcut(qtbot, window, Qt.Key.Key_E, Ctrl)
    assert "geopend in Excel" in seen[0]
    assert list(folder.iterdir()) == []  # no temporary file left behind
    window.close()


def test_history_and_pdf_report(qtbot, demo_db: Path, app_settings, tmp_path: Path) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    shortcut(qtbot, window, Qt.Key.Key_H, Ctrl)
    history = visible_dialog(HistoryDialog)
    assert history is not None and history.model.rowCount() >= 2
    detail = history.findChild(QTextBrowser, "historyDetail").toPlainText()
    assert "Caseloadgesprek" in detail and "Nieuwe acties" in detail and "Notities" in detail
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_End)
    assert "Opvolging van eerdere acties" in history.detail.toPlainText()
    target = tmp_path / "verslag.pdf"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        shortcut(qtbot, history, Qt.Key.Key_P, Alt)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 2000
    qtbot.keyClick(history, Qt.Key.Key_Escape)
    assert not history.isVisible()
    quit_app(qtbot, window)


def test_settings_change_the_signals(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    before = sum(r.signals.contact.on for r in window.caseload.visible_rows())

    def one_month(dialog: SignalSettingsDialog) -> None:
        spin = dialog.findChild(QSpinBox, "contact_months_default")
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, "1")
        press_button(dialog, "Opslaan")

    with answering(qtbot, SignalSettingsDialog, one_month):
        window.settings_action.trigger()  # Gegevens > Instellingen…
    after = sum(r.signals.contact.on for r in window.caseload.visible_rows())
    assert after > before
    quit_app(qtbot, window)
    again = open_window(qtbot, demo_db, app_settings)  # stored in the file, for everyone
    again.select_worker("W001")
    assert sum(r.signals.contact.on for r in again.caseload.visible_rows()) == after
    again.close()


# --- importing ------------------------------------------------------------------------------
def test_new_database_and_import_a_good_export(qtbot, tmp_path: Path, app_settings) -> None:
    export = xlsx(tmp_path / "export.xlsx")
    db = tmp_path / "nieuw.db"
    window = open_window(qtbot, None, app_settings)

    def files(dialog: QFileDialog) -> None:
        choose_file(qtbot, db if "Nieuwe" in dialog.windowTitle() else export)(dialog)

    summaries: list[str] = []
    with answering(qtbot, QFileDialog, files, count=2,
                   then=[(ExportDateDialog, export_date(qtbot)), (QMessageBox, note(summaries))]):  # fmt: skip
        click(qtbot, window.welcome.findChild(type(window.start_button), "welcomeNew"))
    assert "Import geslaagd" in summaries[0]
    assert window.worker_id == "W2"  # first worker of the first team (Assen)
    assert window.select_worker("W1")
    assert len(window.caseload.visible_rows()) == 2
    quit_app(qtbot, window)


def test_a_broken_export_shows_every_problem_and_changes_nothing(
    qtbot, demo_db: Path, app_settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    before = data_checksum(demo_db)
    bad = tables(contacten=[["M1", "2025-13-01", "ouder", ""], ["M7", "2025-01-01", "ouder", ""]])
    export = xlsx(tmp_path / "bad.xlsx", bad)
    problems: list[str] = []

    def read(dialog: ProblemsDialog) -> None:
        problems.append(dialog.findChild(QPlainTextEdit, "importProblems").toPlainText())
        press_button(dialog, "Sluiten")

    with answering(qtbot, QFileDialog, choose_file(qtbot, export),
                   then=[(ExportDateDialog, export_date(qtbot)), (ProblemsDialog, read)]):  # fmt: skip
        shortcut(qtbot, window, Qt.Key.Key_I, Ctrl)
    text = problems[0]
    assert "blad contacten" in text and "rij 2" in text and "kolom datum" in text
    assert "rij 3" in text and "maatregel_id" in text
    assert data_checksum(demo_db) == before
    quit_app(qtbot, window)


# --- damaged and locked files ---------------------------------------------------------------
def test_a_damaged_file_turns_read_only_with_a_message(qtbot, demo_db: Path, app_settings) -> None:
    damaged = damage_unread_page(demo_db)
    seen: list[str] = []
    window = open_window(qtbot, None, app_settings)
    with answering(
        qtbot, QFileDialog, choose_file(qtbot, demo_db), then=[(QMessageBox, note(seen))]
    ):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    assert "beschadigd" in seen[0] and "alleen-lezen" in seen[0]
    assert window.banner.isVisible() and not window.start_button.isEnabled()
    quit_app(qtbot, window)
    assert demo_db.read_bytes() == damaged


def test_a_damaged_file_with_a_backup_is_restored_when_asked(
    qtbot, demo_db: Path, app_settings
) -> None:
    from caseload_desk.store import backup

    with open_store(demo_db, auto_backup=False) as s:
        backup.make_backup(s.conn, demo_db, "test")
    damage_unread_page(demo_db)
    window = open_window(qtbot, None, app_settings)
    restore = (RestoreDialog, lambda d: press_button(d, "Terugzetten"))
    with answering(qtbot, QFileDialog, choose_file(qtbot, demo_db), then=[restore]):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    qtbot.waitUntil(lambda: window.file_checked() and not window.store.read_only)
    assert not window.banner.isVisible()
    assert "teruggezet" in window.statusBar().currentMessage()
    quit_app(qtbot, window)


HOLD_LOCK = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN EXCLUSIVE")
print("vast", flush=True)
sys.stdin.readline()
c.execute("ROLLBACK")
"""


@contextmanager
def colleague_holds(db: Path) -> Iterator[None]:
    """Another process (a colleague's import, say) holds the file's lock meanwhile."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "vast"
        yield
    finally:
        holder.communicate("\n", timeout=10)


def add_again(qtbot, talk) -> list[tuple[str, str]]:
    """Ctrl+N once more: what the dialog offers (text, owner), then Toevoegen."""
    offered: list[tuple[str, str]] = []

    def again(dialog: AddActionDialog) -> None:
        offered.append((dialog.description.text(), dialog.owner.currentText()))
        press_button(dialog, "Toevoegen")

    with answering(qtbot, AddActionDialog, again):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    return offered


def test_a_locked_file_gives_a_message_and_opens_once_free(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, None, app_settings)
    with colleague_holds(demo_db):
        seen: list[str] = []
        started = time.monotonic()

        def cancel(box: QMessageBox) -> None:  # the message offers to retry; not now
            seen.append(message_text(box))
            press_button(box, "Annuleren")

        with answering(qtbot, QFileDialog, choose_file(qtbot, demo_db),
                       then=[(QMessageBox, cancel)]):  # fmt: skip
            shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
        assert "beschadigd" not in seen[0] and "in gebruik" in seen[0]
        assert time.monotonic() - started < 12
    with answering(qtbot, QFileDialog, choose_file(qtbot, demo_db)):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    qtbot.waitUntil(window.file_checked)
    assert window.stack.currentIndex() == 1 and window.caseload.visible_rows()
    quit_app(qtbot, window)


def test_nothing_typed_is_lost_when_the_file_is_locked(qtbot, demo_db: Path, app_settings) -> None:
    """Adding an action while a colleague holds the file: a message, and the next try
    offers what was typed."""
    window = open_window(qtbot, demo_db, app_settings)
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    with colleague_holds(demo_db):
        typed = add_action_dialog(qtbot, "Niet kwijtraken", ActionOwner.MEDEWERKER)
        with answering(qtbot, AddActionDialog, typed, then=[(QMessageBox, ok)], timeout_s=30):
            shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    assert add_again(qtbot, talk) == [("Niet kwijtraken", "Jeugdzorgwerker")]
    assert talk.new_model.rowCount() == 1
    talk.close()
    quit_app(qtbot, window)
