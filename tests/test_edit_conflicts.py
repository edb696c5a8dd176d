"""Two sessions editing the same conversation notes or the same follow-up (issue 13): the
second save on an older version is refused with a Dutch message, nothing is lost, and
saving again on the version now in the file is a deliberate choice."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.errors import EditConflict
from caseload_desk.store.identity import current_user
from caseload_desk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from caseload_desk.ui.conversation.add_action import AddActionDialog
from caseload_desk.ui.conversation.conflict import ConflictDialog
from caseload_desk.ui.conversation.follow_up_model import FCol
from tests.conftest import open_window
from tests.journey import Ctrl, answering, click, focus_cell, press_button, shortcut, type_into
from tests.test_conversation_journeys import start, stored
from tests.test_journeys import no_dialog_left_hanging, quit_app  # noqa: F401 (fixture)


def _two_conversations(db_path: Path) -> tuple[int, int]:
    """A finished conversation with one action, and a draft that follows it up."""
    with open_store(db_path, create=True) as s:
        s.conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
        g1 = conv.start_conversation(s, "W1", "Piet", date(2025, 10, 1))
        a = conv.add_action(s, g1, maatregel_id=None, omschrijving="Bellen",
                            eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip
        conv.finish_conversation(
            s, g1, peildatum=date(2025, 10, 1), measures=0, onder_druk=0, with_signal=0
        )
        g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    return g2, a


def _save_notes(s, gesprek_id: int, notities: str, versie: int | None) -> int:
    c = conv.get_conversation(s, gesprek_id)
    assert c is not None
    return conv.update_conversation(s, gesprek_id, praktijkbegeleider=c.praktijkbegeleider,
                                    datum=c.datum, notities=notities, versie=versie)  # fmt: skip


def test_second_save_of_the_notes_on_an_older_version_is_refused(db_path: Path) -> None:
    gesprek_id, _ = _two_conversations(db_path)
    with open_store(db_path) as mine, open_store(db_path) as theirs:
        seen_mine = conv.get_conversation(mine, gesprek_id)
        seen_theirs = conv.get_conversation(theirs, gesprek_id)
        assert seen_mine and seen_theirs and seen_mine.versie == seen_theirs.versie
        after = _save_notes(theirs, gesprek_id, "Hun notities", seen_theirs.versie)
        assert after == seen_theirs.versie + 1
        with pytest.raises(EditConflict) as caught:
            _save_notes(mine, gesprek_id, "Mijn notities", seen_mine.versie)
        conflict = caught.value
        # Theirs stays, and the conflict carries it with its version and who saved it.
        assert conv.get_conversation(mine, gesprek_id).notities == "Hun notities"
        assert isinstance(conflict.theirs, conv.Conversation)
        assert conflict.theirs.notities == "Hun notities" and conflict.versie == after
        message = str(conflict)
        assert message.startswith("Iemand anders heeft de notities van dit gesprek intussen")
        assert "(om " in message and f"door {current_user()})" in message
        assert "niet opgeslagen" in message
        # Keeping mine is a save on the version now in the file.
        _save_notes(mine, gesprek_id, "Mijn notities", conflict.versie)
        assert conv.get_conversation(theirs, gesprek_id).notities == "Mijn notities"
        # Without a version (the CLI, the demo) a save is not checked, as before.
        _save_notes(theirs, gesprek_id, "Zonder versie", None)
        assert conv.get_conversation(mine, gesprek_id).notities == "Zonder versie"


def test_second_follow_up_on_an_older_version_is_refused(db_path: Path) -> None:
    gesprek_id, actie_id = _two_conversations(db_path)
    with open_store(db_path) as mine, open_store(db_path) as theirs:
        # Both see no follow-up yet; theirs is saved first.
        conv.follow_up(theirs, gesprek_id, actie_id, ActionStatus.LOOPT_NOG, "Hun notitie",
                       versie=conv.ABSENT)  # fmt: skip
        with pytest.raises(EditConflict) as caught:
            conv.follow_up(mine, gesprek_id, actie_id, ActionStatus.AFGEROND, "Mijn notitie",
                           versie=conv.ABSENT)  # fmt: skip
        [stored] = conv.followed_up_in(mine, gesprek_id)
        assert (stored.status, stored.follow_ups[-1].notitie) == (
            ActionStatus.LOOPT_NOG, "Hun notitie")  # fmt: skip
        theirs_now = caught.value.theirs
        assert isinstance(theirs_now, conv.FollowUp)
        assert (theirs_now.status, theirs_now.notitie) == (ActionStatus.LOOPT_NOG, "Hun notitie")
        assert str(caught.value).startswith(
            "Iemand anders heeft de opvolging van deze actie intussen gewijzigd"
        )
        # Mine on their version wins; a later save of theirs on the old version is refused.
        seen = caught.value.versie
        conv.follow_up(mine, gesprek_id, actie_id, ActionStatus.AFGEROND, "Mijn notitie",
                       versie=seen)  # fmt: skip
        with pytest.raises(EditConflict):
            conv.follow_up(theirs, gesprek_id, actie_id, ActionStatus.VERVALLEN, "Oud",
                           versie=seen)  # fmt: skip
        # Clearing on an older version is refused too; a removed follow-up says "gewist".
        with pytest.raises(EditConflict):
            conv.clear_follow_up(theirs, gesprek_id, actie_id, versie=seen)
        [now] = conv.followed_up_in(theirs, gesprek_id)
        conv.clear_follow_up(theirs, gesprek_id, actie_id, versie=now.follow_ups[-1].versie)
        with pytest.raises(EditConflict, match="intussen gewist") as gone:
            conv.follow_up(mine, gesprek_id, actie_id, ActionStatus.AFGEROND, "Mijn notitie",
                           versie=now.follow_ups[-1].versie)  # fmt: skip
        assert gone.value.theirs is None and gone.value.versie == conv.ABSENT
        assert conv.followed_up_in(mine, gesprek_id) == []


def test_second_edit_of_an_action_on_an_older_version_is_refused(db_path: Path) -> None:
    gesprek_id, actie_id = _two_conversations(db_path)
    with open_store(db_path) as mine, open_store(db_path) as theirs:
        [seen] = conv.actions_of_worker(mine, "W1")
        conv.edit_action(theirs, gesprek_id, actie_id, omschrijving="Hun tekst",
                         versie=seen.versie)  # fmt: skip
        with pytest.raises(EditConflict) as caught:
            conv.edit_action(mine, gesprek_id, actie_id, omschrijving="Mijn tekst",
                             deadline=date(2025, 12, 1), versie=seen.versie)  # fmt: skip
        [now] = conv.actions_of_worker(mine, "W1")
        assert (now.omschrijving, now.deadline) == ("Hun tekst", date(2025, 10, 15))
        assert [c.nieuw for c in now.changes] == ["Hun tekst"]  # nothing of mine half-saved
        assert isinstance(caught.value.theirs, conv.Action)
        assert caught.value.theirs.omschrijving == "Hun tekst"
        assert str(caught.value).startswith(
            "Iemand anders heeft deze actie intussen gewijzigd (om "
        )
        conv.edit_action(mine, gesprek_id, actie_id, omschrijving="Mijn tekst",
                         versie=caught.value.versie)  # fmt: skip
        [now] = conv.actions_of_worker(theirs, "W1")
        assert now.omschrijving == "Mijn tekst"


def test_version_3_file_keeps_its_work_and_starts_at_version_0(tmp_path: Path) -> None:
    path = tmp_path / "oud.db"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    for step in MIGRATIONS[:3]:
        step(raw)
    raw.execute("PRAGMA user_version = 3")
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    raw.execute("INSERT INTO gesprekken (id, medewerker_id, datum, aangemaakt_op, status) "
                "VALUES (1, 'W1', '2025-10-01', 'x', 'afgerond')")  # fmt: skip
    raw.execute("INSERT INTO gesprekken (id, medewerker_id, datum, aangemaakt_op, notities) "
                "VALUES (2, 'W1', '2025-11-01', 'x', 'Oude notities')")  # fmt: skip
    raw.execute("INSERT INTO acties VALUES (7, 1, 'W1', NULL, 'Bellen', 'Kees', "
                "'2025-10-20', 'loopt_nog', 'x')")  # fmt: skip
    raw.execute("INSERT INTO opvolgingen (actie_id, gesprek_id, status, notitie, datum) "
                "VALUES (7, 2, 'loopt_nog', 'Overdracht in december', '2025-11-01')")  # fmt: skip
    raw.execute("COMMIT")
    raw.close()

    with open_store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        c = conv.get_conversation(s, 2)
        assert c is not None and (c.notities, c.versie) == ("Oude notities", 0)
        [a] = conv.actions_of_worker(s, "W1")
        assert [(f.notitie, f.versie) for f in a.follow_ups] == [("Overdracht in december", 0)]
        assert (a.omschrijving, a.versie) == ("Bellen", 0)
        # The old rows can be saved on their version 0, and are refused on another.
        assert _save_notes(s, 2, "Nieuwe notities", 0) == 1
        with pytest.raises(EditConflict):
            conv.follow_up(s, 2, 7, ActionStatus.AFGEROND, "", versie=conv.ABSENT)
        conv.follow_up(s, 2, 7, ActionStatus.AFGEROND, "Gebeld", versie=0)


# --- through the window: a colleague saves underneath ------------------------------------


def _notes_in_file(db: Path, gesprek_id: int) -> str:
    with open_store(db, read_only=True) as s:
        c = conv.get_conversation(s, gesprek_id)
        assert c is not None
        return c.notities


def _colleague_writes_notes(db: Path, gesprek_id: int, notities: str) -> None:
    """Another instance (the colleague) saves the notes, on the version it read."""
    with open_store(db) as s:
        _save_notes(s, gesprek_id, notities, conv.get_conversation(s, gesprek_id).versie)


def test_window_keeps_typed_notes_and_asks_when_a_colleague_saved_first(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    gid = talk.gesprek_id
    seen: dict[str, str] = {}

    def keep_mine(dialog: ConflictDialog) -> None:
        seen.update(theirs=dialog.theirs.toPlainText(), mine=dialog.mine.toPlainText(),
                    message=dialog.findChild(QLabel, "editConflictMessage").text())  # fmt: skip
        press_button(dialog, "Mijn tekst bewaren")

    _colleague_writes_notes(demo_db, gid, "Hun notities")
    talk.notes.clear()  # an empty editor to type in; one save follows the typing
    with answering(qtbot, ConflictDialog, keep_mine):
        type_into(qtbot, talk.notes, "Mijn notities")
    assert seen["theirs"] == "Hun notities" and seen["mine"] == "Mijn notities"
    assert seen["message"].startswith("Iemand anders heeft de notities van dit gesprek")
    assert talk.notes.toPlainText() == "Mijn notities"
    qtbot.waitUntil(lambda: _notes_in_file(demo_db, gid) == "Mijn notities")

    # Taking theirs: theirs in the window and the file, the typed text on the clipboard.
    _colleague_writes_notes(demo_db, gid, "Tweede versie van hen")
    with answering(qtbot, ConflictDialog, lambda d: press_button(d, "Hun tekst overnemen")):
        type_into(qtbot, talk.notes, " en meer")
    assert talk.notes.toPlainText() == "Tweede versie van hen"
    assert QApplication.clipboard().text() == "Mijn notities en meer"
    assert _notes_in_file(demo_db, gid) == "Tweede versie van hen"
    assert "Hun notities overgenomen" in talk.saved_label.text()

    # Both joined, then kept: each text is in the file.
    _colleague_writes_notes(demo_db, gid, "Derde van hen")

    def join_then_keep(dialog: ConflictDialog) -> None:
        press_button(dialog, "Beide samenvoegen")
        press_button(dialog, "Mijn tekst bewaren")

    with answering(qtbot, ConflictDialog, join_then_keep):
        type_into(qtbot, talk.notes, ", aangevuld")
    assert _notes_in_file(demo_db, gid) == "Derde van hen\n\nTweede versie van hen, aangevuld"
    assert talk.notes.toPlainText() == _notes_in_file(demo_db, gid)

    # Later: nothing saved, the text stays; closing asks again rather than losing it.
    _colleague_writes_notes(demo_db, gid, "Vierde van hen")
    with answering(qtbot, ConflictDialog, lambda d: press_button(d, "Later kiezen (Esc)")):
        type_into(qtbot, talk.notes, "!")
    assert talk.notes.toPlainText().endswith("aangevuld!")
    assert _notes_in_file(demo_db, gid) == "Vierde van hen"
    with answering(qtbot, ConflictDialog, lambda d: press_button(d, "Mijn tekst bewaren")):
        talk.close()
    assert _notes_in_file(demo_db, gid).endswith("aangevuld!")
    assert not talk.isVisible()
    quit_app(qtbot, window)


def test_window_keeps_a_typed_follow_up_note_when_a_colleague_saved_first(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    gid, view = talk.gesprek_id, talk.follow_view
    focus_cell(qtbot, view, 0, 0)
    actie_id = talk.follow_model.action_at(0).id
    click(qtbot, talk.follow.findChild(QPushButton, "status2"))  # loopt nog
    qtbot.waitUntil(lambda: not talk.follow.note.isReadOnly())
    # The colleague, in the same conversation, records the follow-up differently.
    with open_store(demo_db) as s:
        [f] = [a for a in conv.followed_up_in(s, gid) if a.id == actie_id]
        conv.follow_up(s, gid, actie_id, ActionStatus.AFGEROND, "Hun notitie",
                       versie=f.follow_ups[-1].versie)  # fmt: skip
    seen: dict[str, str] = {}

    def keep_mine(dialog: ConflictDialog) -> None:
        seen.update(theirs=dialog.theirs.toPlainText(), mine=dialog.mine.toPlainText())
        press_button(dialog, "Mijn tekst bewaren")

    with answering(qtbot, ConflictDialog, keep_mine):
        type_into(qtbot, talk.follow.note, "Mijn notitie")
    assert seen == {"theirs": "Hun notitie", "mine": "Mijn notitie"}
    # The status the user left alone is theirs; the note is the user's.
    last = stored(demo_db, actie_id).follow_ups[-1]
    assert (last.status, last.notitie) == (ActionStatus.AFGEROND, "Mijn notitie")
    assert talk.follow.note.toPlainText() == "Mijn notitie"

    # Taking theirs shows theirs; the typed note is on the clipboard.
    with open_store(demo_db) as s:
        conv.follow_up(s, gid, actie_id, ActionStatus.VERVALLEN, "Toch niet",
                       versie=last.versie)  # fmt: skip
    with answering(qtbot, ConflictDialog, lambda d: press_button(d, "Hun tekst overnemen")):
        type_into(qtbot, talk.follow.note, " en meer")
    assert talk.follow.note.toPlainText() == "Toch niet"
    assert talk.follow_model.index(0, FCol.OPVOLGING).data() == "Vervallen"
    assert QApplication.clipboard().text() == "Mijn notitie en meer"
    last = stored(demo_db, actie_id).follow_ups[-1]
    assert (last.status, last.notitie) == (ActionStatus.VERVALLEN, "Toch niet")

    # The colleague changes only the note, the user only the status: both are kept,
    # without a question (no dialog may open).
    with open_store(demo_db) as s:
        conv.follow_up(s, gid, actie_id, ActionStatus.VERVALLEN, "Hun aanvulling",
                       versie=last.versie)  # fmt: skip
    focus_cell(qtbot, view, 0, 0)
    shortcut(qtbot, view, Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: stored(demo_db, actie_id).status is ActionStatus.LOOPT_NOG)
    last = stored(demo_db, actie_id).follow_ups[-1]
    assert (last.status, last.notitie) == (ActionStatus.LOOPT_NOG, "Hun aanvulling")
    assert talk.follow.note.toPlainText() == "Hun aanvulling"
    assert "samen met wat iemand anders" in talk.follow.summary.text()
    talk.close()
    quit_app(qtbot, window)


def test_a_note_typed_then_left_is_saved_to_its_own_action(
    qtbot, demo_db: Path, app_settings
) -> None:
    """Moving to another action saves the typed note first: to the action it was typed
    for, not to the one now selected."""
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    view, model = talk.follow_view, talk.follow_model
    first, second = model.action_at(0).id, model.action_at(1).id
    for row in (1, 0):
        focus_cell(qtbot, view, row, 0)
        click(qtbot, talk.follow.findChild(QPushButton, "status2"))
        qtbot.waitUntil(lambda: not talk.follow.note.isReadOnly())
    talk.follow.note.setFocus()
    qtbot.keyClicks(talk.follow.note, " bij de eerste")
    focus_cell(qtbot, view, 1, 0)  # before the note's timer has written it
    assert stored(demo_db, first).follow_ups[-1].notitie.endswith("bij de eerste")
    assert "bij de eerste" not in stored(demo_db, second).follow_ups[-1].notitie
    talk.close()
    quit_app(qtbot, window)


def test_window_asks_before_overwriting_a_colleagues_edit_of_an_action(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    talk = start(qtbot, window)
    gid = talk.gesprek_id
    focus_cell(qtbot, talk.follow_view, 0, 0)
    action = talk.follow_model.action_at(0)
    with open_store(demo_db) as s:  # the colleague edits the same action first
        conv.edit_action(s, gid, action.id, omschrijving="Hun omschrijving", versie=action.versie)

    def retype(text: str):
        def change(dialog: AddActionDialog) -> None:
            assert dialog.description.text() == action.omschrijving  # as the user saw it
            dialog.description.setFocus()
            dialog.description.selectAll()
            qtbot.keyClicks(dialog.description, text)
            press_button(dialog, "Wijziging bewaren")

        return change

    seen: dict[str, str] = {}

    def later(dialog: ConflictDialog) -> None:
        seen.update(theirs=dialog.theirs.toPlainText(), mine=dialog.mine.toPlainText())
        press_button(dialog, "Later kiezen (Esc)")

    with answering(qtbot, AddActionDialog, retype("Mijn omschrijving"),
                   then=[(ConflictDialog, later)]):  # fmt: skip
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_E, Ctrl)
    assert seen["theirs"].startswith("Hun omschrijving\n")
    assert seen["mine"].startswith("Mijn omschrijving\n")
    assert stored(demo_db, action.id).omschrijving == "Hun omschrijving"

    # Editing again offers the user's edit; keeping it overwrites theirs knowingly.
    def again(dialog: AddActionDialog) -> None:
        assert dialog.description.text() == "Mijn omschrijving"
        press_button(dialog, "Wijziging bewaren")

    with open_store(demo_db) as s:
        conv.edit_action(s, gid, action.id, omschrijving="Hun tweede",
                         versie=stored(demo_db, action.id).versie)  # fmt: skip
    with answering(qtbot, AddActionDialog, again,
                   then=[(ConflictDialog, lambda d: press_button(d, "Mijn tekst bewaren"))]):  # fmt: skip
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_E, Ctrl)
    assert stored(demo_db, action.id).omschrijving == "Mijn omschrijving"
    assert talk.follow.current_action().omschrijving == "Mijn omschrijving"

    # The colleague moves the deadline, the user changes the text: both are kept, without
    # a question (no conflict dialog may open).
    now = stored(demo_db, action.id)
    later_date = now.deadline + timedelta(days=7)
    with open_store(demo_db) as s:
        conv.edit_action(s, gid, action.id, deadline=later_date, versie=now.versie)

    def text_only(dialog: AddActionDialog) -> None:
        dialog.description.setFocus()
        dialog.description.selectAll()
        qtbot.keyClicks(dialog.description, "Derde omschrijving")
        press_button(dialog, "Wijziging bewaren")

    with answering(qtbot, AddActionDialog, text_only):
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_E, Ctrl)
    after = stored(demo_db, action.id)
    assert (after.omschrijving, after.deadline) == ("Derde omschrijving", later_date)
    talk.close()
    quit_app(qtbot, window)


def test_notes_saved_on_a_conversation_a_colleague_finished_are_refused(db_path: Path) -> None:
    gesprek_id, _ = _two_conversations(db_path)
    with open_store(db_path) as mine, open_store(db_path) as theirs:
        seen = conv.get_conversation(mine, gesprek_id)
        assert seen is not None and not seen.afgerond
        conv.finish_conversation(
            theirs, gesprek_id, peildatum=date(2025, 11, 1), measures=0, onder_druk=0,
            with_signal=0,
        )  # fmt: skip
        with pytest.raises(EditConflict) as caught:
            _save_notes(mine, gesprek_id, "Mijn notities", seen.versie)
        assert str(caught.value).startswith("Iemand anders heeft dit gesprek intussen afgerond")
        assert caught.value.theirs.afgerond
        assert conv.get_conversation(mine, gesprek_id).notities == ""
