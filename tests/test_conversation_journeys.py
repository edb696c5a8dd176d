"""The live conversation (issue 12), through the real window and its real dialogs:
last time in view, follow-up by key and click, editing and deleting actions, finishing
by Ctrl+Enter with a safe default, the help, and dates kept apart."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QGroupBox, QLabel, QMessageBox, QPushButton

from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.ui.conversation.add_action import AddActionDialog
from caseload_desk.ui.conversation.follow_up_model import FCol
from tests.conftest import DEMO_DATE, open_window
from tests.journey import (
    Alt,
    Ctrl,
    answering,
    choose_file,
    click,
    focus_cell,
    message_text,
    press_button,
    shortcut,
    type_into,
)
from tests.test_handout import pdf_page_count
from tests.test_journeys import no_dialog_left_hanging, quit_app  # noqa: F401 (fixture)

NONE = Qt.KeyboardModifier.NoModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def start(qtbot, window, worker: str = "W001"):
    window.select_worker(worker)
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    qtbot.waitUntil(talk.isActiveWindow)
    return talk


def stored(db: Path, actie_id: int) -> conv.Action:
    with open_store(db, read_only=True) as s:
        return next(a for a in conv.actions_of_worker(s, "W001") if a.id == actie_id)


def row_with_history(talk) -> int:
    model = talk.follow_model
    return next(r for r in range(model.rowCount()) if model.index(r, FCol.EERDER).data() != "—")


def test_last_time_is_in_view(qtbot, demo_db: Path, app_settings) -> None:
    with open_store(demo_db, read_only=True) as s:
        done = [c for c in conv.conversations(s, "W001") if c.afgerond][-1]
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    row = row_with_history(talk)
    action = talk.follow_model.action_at(row)
    last = action.follow_ups[-1]
    assert last.notitie, "the demo gives earlier follow-ups a note"
    # In the row itself, and the whole story beside the table when it is chosen.
    assert last.notitie in talk.follow_model.index(row, FCol.EERDER).data()
    focus_cell(qtbot, talk.follow_view, row, 0)
    story = talk.follow.story.toPlainText()
    assert last.notitie in story and f"{last.gesprek_datum:%d-%m-%Y}" in story
    assert action.jeugdige and action.jeugdige in story
    # The previous conversation's notes, with its date.
    assert f"{done.datum:%d-%m-%Y}" in talk.notes_panel.previous_label.text()
    assert talk.notes_panel.previous.toPlainText() == done.notities
    talk.close()
    quit_app(qtbot, window)


def test_follow_up_by_one_key_or_one_click(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    view, model = talk.follow_view, talk.follow_model
    focus_cell(qtbot, view, 0, 0)
    actie_id = model.action_at(0).id
    status = model.index(0, FCol.OPVOLGING)
    # No status yet: the note waits for one, and typing cannot set one.
    assert talk.follow.note.isReadOnly()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.hasFocus() and "Kies eerst" in talk.follow.summary.text()
    for key, word, value in (
        (Qt.Key.Key_3, "Vervallen", ActionStatus.VERVALLEN),
        (Qt.Key.Key_2, "Loopt nog", ActionStatus.LOOPT_NOG),
        (Qt.Key.Key_1, "Afgerond", ActionStatus.AFGEROND),
    ):
        shortcut(qtbot, view, key, NONE)
        qtbot.waitUntil(lambda word=word: status.data() == word)
        assert stored(demo_db, actie_id).status is value
    shortcut(qtbot, view, Qt.Key.Key_0, NONE)
    qtbot.waitUntil(lambda: status.data() == "Nog niet opgevolgd")
    assert stored(demo_db, actie_id).status.is_open
    # One click on a status button does the same.
    click(qtbot, talk.follow.findChild(QPushButton, "status2"))
    qtbot.waitUntil(lambda: status.data() == "Loopt nog")
    assert not talk.follow.note.isReadOnly()
    # The note is multi-line; a digit typed in it is text, not a status.
    talk.follow.note.setFocus()
    qtbot.keyClicks(talk.follow.note, "Gebeld met moeder")
    qtbot.keyClick(talk.follow.note, Qt.Key.Key_Return)
    qtbot.keyClicks(talk.follow.note, "Nieuwe afspraak op 3 december")
    assert status.data() == "Loopt nog"
    qtbot.waitUntil(
        lambda: (
            stored(demo_db, actie_id).follow_ups[-1].notitie
            == "Gebeld met moeder\nNieuwe afspraak op 3 december"
        )
    )
    talk.close()
    quit_app(qtbot, window)


def test_edit_an_earlier_action_keeps_its_history(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    focus_cell(qtbot, talk.follow_view, 0, 0)
    action = talk.follow_model.action_at(0)
    new_deadline = DEMO_DATE + timedelta(days=21)

    def change(dialog: AddActionDialog) -> None:
        assert dialog.windowTitle() == "Actie wijzigen"
        assert dialog.description.text() == action.omschrijving  # as it stands
        dialog.owner.setFocus()
        dialog.owner.lineEdit().selectAll()
        qtbot.keyClicks(dialog.owner, "Kees (jurist)")  # someone by name
        dialog.deadline.setFocus()
        dialog.deadline.setDate(QDate(new_deadline))
        press_button(dialog, "Wijziging bewaren")

    with answering(qtbot, AddActionDialog, change):
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_E, Ctrl)
    after = stored(demo_db, action.id)
    assert after.eigenaar == NamedOwner("Kees (jurist)")
    assert after.deadline == new_deadline
    assert [(c.veld, c.oud, c.nieuw) for c in after.changes] == [
        ("eigenaar", action.eigenaar.label, "Kees (jurist)"),
        ("deadline", f"{action.deadline:%d-%m-%Y}", f"{new_deadline:%d-%m-%Y}"),
    ]
    story = talk.follow.story.toPlainText()
    assert "Deadline in dit gesprek gewijzigd" in story and "Kees (jurist)" in story
    # No longer overdue on the new deadline.
    row = talk.follow_model.row_of(action.id)
    assert "(verlopen)" not in talk.follow_model.index(row, FCol.DEADLINE).data()

    # The named owner is offered again for the next action.
    offered: list[str] = []

    def look(dialog: AddActionDialog) -> None:
        offered.extend(dialog.owner.itemText(i) for i in range(dialog.owner.count()))
        qtbot.keyClick(dialog.description, Qt.Key.Key_Escape)

    with answering(qtbot, AddActionDialog, look):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    assert "Kees (jurist)" in offered
    assert {"Gedragswetenschapper", "Teamleider"} <= set(offered)
    talk.close()
    quit_app(qtbot, window)


def test_delete_asks_first_and_enter_keeps_the_action(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)

    def add(dialog: AddActionDialog) -> None:
        qtbot.keyClicks(dialog.description, "Intervisie plannen")
        press_button(dialog, "Toevoegen")

    with answering(qtbot, AddActionDialog, add):  # Ctrl+Shift+N: a general action
        shortcut(qtbot, talk, Qt.Key.Key_N, Ctrl | Shift)
    assert talk.new_model.rowCount() == 1
    [added] = talk.new_model.actions()
    assert added.maatregel_id is None and added.eigenaar is ActionOwner.MEDEWERKER
    shortcut(qtbot, talk, Qt.Key.Key_3, Alt)
    assert talk.new_view.hasFocus()
    focus_cell(qtbot, talk.new_view, 0, 2)
    asked: list[str] = []

    def enter(box: QMessageBox) -> None:
        asked.append(message_text(box))
        qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: keep it

    with answering(qtbot, QMessageBox, enter):
        shortcut(qtbot, talk.new_view, Qt.Key.Key_Delete, NONE)
    assert "Intervisie plannen" in asked[0]
    assert talk.new_model.rowCount() == 1
    with answering(qtbot, QMessageBox, lambda box: press_button(box, "Verwijderen")):
        shortcut(qtbot, talk.new_view, Qt.Key.Key_Delete, NONE)
    assert talk.new_model.rowCount() == 0
    with open_store(demo_db, read_only=True) as s:
        assert conv.actions_of_conversation(s, talk.gesprek_id) == []
    talk.close()
    quit_app(qtbot, window)


def test_finish_by_ctrl_enter_with_a_safe_default(
    qtbot, demo_db: Path, app_settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    type_into(qtbot, talk.notes, "Kort gesprek.")

    def enter(box: QMessageBox) -> None:
        assert box.defaultButton().text().replace("&", "") == "Nee, nog niet"
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with answering(qtbot, QMessageBox, enter):
        shortcut(qtbot, talk.notes, Qt.Key.Key_Return, Ctrl)
    assert talk.isVisible()
    with open_store(demo_db, read_only=True) as s:
        assert not conv.get_conversation(s, talk.gesprek_id).afgerond
    # Finishing shows what was agreed and offers the worker's handout: save it as PDF.
    summaries: list[str] = []
    handout = tmp_path / "afspraken.pdf"

    def save_pdf(box: QMessageBox) -> None:
        summaries.append(message_text(box))
        press_button(box, "PDF opslaan…")

    with answering(
        qtbot, QMessageBox, lambda box: press_button(box, "Afronden"),
        then=[(QMessageBox, save_pdf), (QFileDialog, choose_file(qtbot, handout))],
    ):  # fmt: skip
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: not talk.isVisible())
    with open_store(demo_db, read_only=True) as s:
        c = conv.get_conversation(s, talk.gesprek_id)
    assert c.afgerond and c.notities == "Kort gesprek."
    assert "Afsprakenlijst voor de medewerker maken?" in summaries[0]
    qtbot.waitUntil(handout.exists)
    assert pdf_page_count(handout) == 1
    quit_app(qtbot, window)


def test_dates_are_kept_apart(qtbot, demo_db: Path, app_settings) -> None:
    """The main window looks four weeks ahead; a new conversation is still dated today.
    Changing the conversation's date recomputes its flagged list and the counts."""
    window = open_window(qtbot, demo_db, app_settings)
    ahead = DEMO_DATE + timedelta(days=28)
    window.peildatum_edit.setDate(QDate(ahead))
    talk = start(qtbot, window, "W002")
    assert talk.datum == DEMO_DATE
    assert "het hoofdvenster staat op peildatum" in talk.date_banner.text()
    today_rows = talk.flagged_model.rowCount()
    talk.date_edit.setFocus()
    talk.date_edit.setDate(QDate(ahead))
    assert talk.date_banner.isVisible()
    assert f"{ahead:%d-%m-%Y}" in talk.date_banner.text()
    assert "niet op vandaag" in talk.date_banner.text()
    assert f"{ahead:%d-%m-%Y}" in talk.flagged.summary.text()
    ahead_rows = talk.flagged_model.rowCount()
    assert ahead_rows >= today_rows  # time only adds signals on this data
    with answering(
        qtbot, QMessageBox, lambda box: press_button(box, "Afronden"),
        then=[(QMessageBox, lambda box: press_button(box, "Niet nu"))],
    ):  # fmt: skip
        shortcut(qtbot, talk, Qt.Key.Key_Return, Ctrl)
    with open_store(demo_db, read_only=True) as s:
        c = conv.get_conversation(s, talk.gesprek_id)
    assert (c.datum, c.peildatum, c.aantal_met_signaal) == (ahead, ahead, ahead_rows)
    quit_app(qtbot, window)


def _labels(window) -> list[str]:
    return [w.text() for w in window.findChildren(QLabel) + window.findChildren(QPushButton)] + [
        g.title() for g in window.findChildren(QGroupBox)
    ]


def test_mnemonics_are_unique(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    letters = []
    for text in _labels(talk):
        if m := re.search(r"&(\w)", text):
            letters.append(m.group(1).lower())
    assert len(letters) == len(set(letters)), sorted(letters)
    assert QApplication.activeModalWidget() is None
    talk.close()
    quit_app(qtbot, window)


def test_the_timeline_says_which_contact_does_not_count(qtbot, demo_db: Path, app_settings) -> None:
    """A contact with the network on top of the timeline does not end "geen cliëntcontact"."""
    import sqlite3

    with sqlite3.connect(demo_db) as c:
        maatregel, worker = c.execute(
            "SELECT m.maatregel_id, m.medewerker_id FROM contacten k JOIN maatregelen m "
            "USING (maatregel_id) WHERE k.met = 'netwerk' AND m.einddatum IS NULL LIMIT 1"
        ).fetchone()
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker(worker)
    window.caseload.onder_druk_filter.setChecked(False)
    window.select_measure(maatregel)
    model = window.dossier.timeline_model
    rows = [[model.item(r, c).text() for c in range(3)] for r in range(model.rowCount())]
    network = [r for r in rows if r[2].startswith("met netwerk")]
    assert network and all("telt niet als cliëntcontact" in r[2] for r in network)
    assert all(r[1] == "Contact (geen cliënt)" for r in network)
    assert not any("telt niet" in r[2] for r in rows if r[2].startswith("met jeugdige"))
    quit_app(qtbot, window)


def test_long_child_names_never_push_the_tables_sideways(
    qtbot, demo_db: Path, app_settings
) -> None:
    import sqlite3

    long_name = "Maximiliaan-Alexander van Oldenbarnevelt tot Ravensteyn-Hoogland"
    with sqlite3.connect(demo_db) as c:
        c.execute("UPDATE maatregelen SET jeugdige = ? WHERE medewerker_id = 'W001'", (long_name,))
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    talk.resize(1366, 740)
    qtbot.wait(50)
    for view in (talk.follow_view, talk.flagged_view, talk.new_view):
        assert not view.horizontalScrollBar().isVisible(), view.objectName()
    index = talk.follow_model.index(0, FCol.OVER)
    assert long_name in index.data(Qt.ItemDataRole.ToolTipRole)  # elided, whole in the tip
    talk.close()
    quit_app(qtbot, window)


def test_the_conversation_starts_where_the_work_is(qtbot, demo_db: Path, app_settings) -> None:
    """Earlier actions to follow up: the keyboard starts there, so 1/2/3 work at once;
    the main window's other peildatum is pointed out."""
    window = open_window(qtbot, demo_db, app_settings)
    window.peildatum_edit.setDate(QDate(DEMO_DATE + timedelta(days=28)))
    talk = start(qtbot, window)
    assert talk.follow_model.pending() and talk.follow_view.hasFocus()
    assert talk.date_banner.isVisible() and "hoofdvenster" in talk.date_banner.text()
    window.peildatum_edit.setDate(QDate(DEMO_DATE))
    assert talk.date_banner.isHidden()
    talk.close()
    quit_app(qtbot, window)


def test_a_deadline_before_the_conversation_is_refused(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    errors: list[str] = []

    def too_early(dialog: AddActionDialog) -> None:
        qtbot.keyClicks(dialog.description, "Huisbezoek")
        dialog.deadline.setDate(QDate(DEMO_DATE - timedelta(days=1)))
        press_button(dialog, "Toevoegen")
        errors.append(dialog.error.text())
        assert dialog.isVisible()
        dialog.deadline.setDate(QDate(DEMO_DATE))
        press_button(dialog, "Toevoegen")

    with answering(qtbot, AddActionDialog, too_early):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)
    assert "vóór de datum van het gesprek" in errors[0]
    assert [a.deadline for a in talk.new_model.actions()] == [DEMO_DATE]
    talk.close()
    quit_app(qtbot, window)
