"""The main window on a laptop screen, through the real widgets and the real dialogs:
the caseload's columns fit at 1366x768 and are chosen from the header's menu (and kept),
long names never squeeze a pane away, the peildatum banner, drafts, the window title.

Nothing of the app is replaced; menus and dialogs are answered the way a person would
(tests/journey.py)."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
)

from caseload_desk.demo import create_demo
from caseload_desk.store import audit, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.ui.caseload.model import Col
from caseload_desk.ui.workers.model import DRAFT_MARK
from tests.conftest import DEMO_DATE, open_window
from tests.journey import (
    Alt,
    answering,
    click,
    message_text,
    press_button,
    shortcut,
    take_keyboard,
    type_into,
)
from tests.test_keyboard_journey import app_command
from tests.xsession import XSession, missing_tools

MAIN_COLUMNS = (Col.MAATREGEL, Col.JEUGDIGE, Col.ONDER_DRUK, Col.CONTACT, Col.PVA, Col.RISICO,
                Col.SIGNALEN)  # fmt: skip
WHOLE = (Col.MAATREGEL, Col.CONTACT, Col.PVA, Col.RISICO)  # ids and dates are never cut off
LONG_NAME = "Wilhelmina Alexandra Theodora van Heemskerck-Düker de Vries-"  # 60 characters


def quit_app(qtbot, window) -> None:
    shortcut(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())


def fits_without_scrolling(table: QTableView) -> bool:
    header = table.horizontalHeader()
    right = max(
        header.sectionViewportPosition(c) + header.sectionSize(c)
        for c in range(header.count())
        if not header.isSectionHidden(c)
    )
    return (
        not table.horizontalScrollBar().isVisible()
        and table.horizontalScrollBar().maximum() == 0
        and right <= table.viewport().width()
    )


def shown_columns(table: QTableView) -> set[Col]:
    header = table.horizontalHeader()
    return {Col(c) for c in range(header.count()) if not header.isSectionHidden(c)}


def pick_from_menu(qtbot, text: str, done: list[str]) -> None:
    """Once a menu pops up: click its entry `text` (as a person would), noted in `done`."""

    def poll() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu) or not menu.isVisible():
            QTimer.singleShot(20, poll)
            return
        action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
        click_at = menu.actionGeometry(action).center()
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=click_at)
        done.append(text)

    QTimer.singleShot(0, poll)


def right_click_header(header: QHeaderView, col: int) -> None:
    """A right click through the window, as the mouse gives it (Qt makes the context menu
    event from it there; a click sent to the widget itself would not)."""
    window = header.window()
    pos = QPoint(header.sectionViewportPosition(col) + 5, header.height() // 2)
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier,
        header.viewport().mapTo(window, pos),
    )  # fmt: skip


def rename(db: Path, sql: str, *args: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql, args)


def wait_fitted(qtbot, window) -> None:
    qtbot.waitUntil(lambda: fits_without_scrolling(window.caseload.table))


# --- columns --------------------------------------------------------------------------------
def test_main_columns_fit_at_1366x768(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    assert (window.width(), window.height()) == (1366, 768)
    table = window.caseload.table
    for worker in ("W001", "W002", "W003"):
        window.select_worker(worker)
        wait_fitted(qtbot, window)
        assert shown_columns(table) == set(MAIN_COLUMNS)
        for col in WHOLE:
            assert table.columnWidth(col) >= table.sizeHintForColumn(col), col.name
    quit_app(qtbot, window)


def test_the_signal_column_is_short_with_the_full_text_in_its_tooltip(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    model = window.caseload.proxy
    rows = range(model.rowCount())
    index = max((model.index(r, Col.SIGNALEN) for r in rows), key=lambda i: len(i.data()))
    shown, tip = index.data(), index.data(Qt.ItemDataRole.ToolTipRole)
    assert shown and index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert tip.startswith("Signalen: ") and len(tip) > len(shown) + len("Signalen: ")
    assert "_" not in shown + tip  # words, not codes
    pva = model.index(0, Col.PVA)
    status = pva.data(Qt.ItemDataRole.ToolTipRole)
    assert status.split(": ")[1].split(" ")[0] in ("actueel", "verouderd", "ontbreekt")
    quit_app(qtbot, window)


def test_columns_are_chosen_from_the_header_and_remembered(
    qtbot, demo_db: Path, app_settings
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    table = window.caseload.table
    header = table.horizontalHeader()
    done: list[str] = []
    pick_from_menu(qtbot, "Open acties", done)
    right_click_header(header, Col.JEUGDIGE)
    qtbot.waitUntil(lambda: done == ["Open acties"])
    assert Col.ACTIES in shown_columns(table)
    wait_fitted(qtbot, window)  # one more column, still no scrolling
    pick_from_menu(qtbot, "Risicotaxatie", done)
    right_click_header(header, Col.MAATREGEL)
    qtbot.waitUntil(lambda: len(done) == 2)
    assert Col.RISICO not in shown_columns(table)
    chosen = shown_columns(table)
    quit_app(qtbot, window)

    again = open_window(qtbot, demo_db, app_settings)
    again.select_worker("W001")
    assert shown_columns(again.caseload.table) == chosen
    wait_fitted(qtbot, again)
    quit_app(qtbot, again)


def test_the_columns_menu_by_keyboard(qtbot, demo_db: Path, app_settings) -> None:
    """Beeld > Kolommen is the header's menu, for whoever does not use a mouse."""
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    table = window.caseload.table
    assert Col.TYPE not in shown_columns(table)
    opened: list[QMenu] = []

    def walk() -> None:  # the View menu is open: Kolommen, then Type, each by its letter
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, walk)
            return
        opened.append(menu)
        if len(opened) == 1:
            qtbot.keyClick(menu, Qt.Key.Key_K)  # &Kolommen
            QTimer.singleShot(20, walk)
        elif menu is opened[0]:
            opened.pop()
            QTimer.singleShot(20, walk)
        else:  # down to Type, as a person watches the highlight move, then Enter
            for _ in range(len(menu.actions())):
                if menu.activeAction() is not None and menu.activeAction().text() == "Type":
                    break
                qtbot.keyClick(menu, Qt.Key.Key_Down)
            qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, walk)
    shortcut(qtbot, window, Qt.Key.Key_L, Alt)  # Bee&ld
    qtbot.waitUntil(lambda: Col.TYPE in shown_columns(table))
    assert opened[-1] is window.caseload.columns.menu
    quit_app(qtbot, window)


# --- long names -----------------------------------------------------------------------------
def test_a_long_worker_name_squeezes_no_pane(qtbot, demo_db: Path, app_settings) -> None:
    assert len(LONG_NAME) == 60
    rename(demo_db, "UPDATE medewerkers SET naam = ? WHERE medewerker_id = 'W001'", LONG_NAME)
    child = LONG_NAME.replace("Wilhelmina", "Jeugdige ")
    rename(demo_db, "UPDATE maatregelen SET jeugdige = ? WHERE maatregel_id IN "
                    "(SELECT min(maatregel_id) FROM maatregelen WHERE medewerker_id = 'W001')",
           child)  # fmt: skip
    window = open_window(qtbot, demo_db, app_settings)
    before = window.splitter.sizes()
    window.select_worker("W002")
    window.select_worker("W001")
    qtbot.wait(50)
    assert window.splitter.sizes() == before  # no pane gave way to the long name
    names = window.worker_view
    assert names.columnWidth(0) >= 120  # every name still has room
    title = window.caseload.title
    assert title.width() < title.fontMetrics().horizontalAdvance(title.text())
    assert title.toolTip() == title.text() and LONG_NAME in title.text()
    index = window._worker_index("W001")
    assert LONG_NAME in index.data(Qt.ItemDataRole.ToolTipRole)
    wait_fitted(qtbot, window)  # the long child's name does not push the signals off
    assert Col.SIGNALEN in shown_columns(window.caseload.table)
    proxy = window.caseload.proxy
    cell = next(proxy.index(r, Col.JEUGDIGE) for r in range(proxy.rowCount())
                if proxy.index(r, Col.JEUGDIGE).data() == child)  # fmt: skip
    assert child in cell.data(Qt.ItemDataRole.ToolTipRole)
    quit_app(qtbot, window)


# --- the peildatum banner -------------------------------------------------------------------
def test_a_banner_says_when_the_peildatum_is_not_today(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)  # today: DEMO_DATE, 23-11-2026
    window.select_worker("W001")
    banner = window.peildatum_banner
    assert banner.isHidden() and banner.message() == ""
    days = {r.maatregel_id: r.signals.contact.days_since for r in window.caseload.visible_rows()}
    edit = window.peildatum_edit
    edit.setFocus(Qt.FocusReason.TabFocusReason)  # arriving by Tab selects the day
    qtbot.keyClicks(edit, "21122026")  # day, month and year, each moving on to the next
    qtbot.waitUntil(lambda: window.peildatum == date(2026, 12, 21))
    assert banner.isVisible()
    assert banner.message() == (
        "Let op: de signalen gelden op peildatum 21-12-2026, niet op vandaag (23-11-2026)."
    )
    assert banner.accessibleName() and banner.accessibleDescription() == banner.message()
    assert banner.icon.pixmap() is not None and not banner.icon.pixmap().isNull()
    later = {r.maatregel_id: r.signals.contact.days_since for r in window.caseload.visible_rows()}
    assert all(later[m] == days[m] + 28 for m in days)  # the caseload counts from that day
    click(qtbot, window.findChild(QPushButton, "todayButton"))
    qtbot.waitUntil(banner.isHidden)
    assert window.peildatum == DEMO_DATE and banner.message() == ""
    quit_app(qtbot, window)


# --- drafts ---------------------------------------------------------------------------------
def worker_text(window, worker: str) -> str:
    return window._worker_index(worker).data()


def test_a_draft_is_shown_and_thrown_away_after_asking(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W002")
    bar = window.draft_bar
    assert bar.isHidden() and not worker_text(window, "W002").startswith(DRAFT_MARK)
    shortcut(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    talk = window.conversation
    type_into(qtbot, talk.notes, "Werkdruk besproken")
    qtbot.keyClick(talk, Qt.Key.Key_Escape)  # closed: the draft stays
    qtbot.waitUntil(lambda: not talk.isVisible())
    assert bar.isVisible()
    assert bar.label.text() == "Concept-gesprek van 23-11-2026 staat open (nog niet afgerond)."
    assert worker_text(window, "W002").startswith(DRAFT_MARK)
    spoken = window._worker_index("W002").data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.endswith(", concept-gesprek staat open")
    assert "Concept-gesprek van 23-11-2026" in window._worker_index("W002").data(
        Qt.ItemDataRole.ToolTipRole
    )
    window.select_worker("W001")  # another worker: no bar
    assert bar.isHidden()
    window.select_worker("W002")
    assert bar.isVisible()

    asked: list[str] = []

    def enter(box: QMessageBox) -> None:  # Enter takes the default button: keep the draft
        asked.append(message_text(box))
        asked.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    with answering(qtbot, QMessageBox, enter):
        click(qtbot, bar.discard_button)
    assert asked[-1] == "Annuleren" and "weggooien?" in asked[0]
    assert "0 nieuwe acties en 0 opvolgingen" in asked[0]
    assert bar.isVisible()
    with open_store(demo_db, read_only=True) as s:
        draft = conv.draft_conversation(s, "W002")
    assert draft is not None and draft.notities == "Werkdruk besproken"

    click(qtbot, bar.continue_button)  # Verder met gesprek: the same draft
    again = window.conversation
    qtbot.waitUntil(again.isVisible)
    assert again.gesprek_id == draft.id and again.notes.toPlainText() == "Werkdruk besproken"
    take_keyboard(qtbot, window)
    with answering(qtbot, QMessageBox, lambda box: press_button(box, "Weggooien")):
        click(qtbot, bar.discard_button)
    qtbot.waitUntil(bar.isHidden)
    assert not again.isVisible()  # its window closed with it
    assert not worker_text(window, "W002").startswith(DRAFT_MARK)
    with open_store(demo_db, read_only=True) as s:
        assert conv.draft_conversation(s, "W002") is None
        assert conv.get_conversation(s, draft.id) is None
        [entry] = [e for e in audit.entries(s, medewerker_id="W002")
                   if e.gebeurtenis == "gesprek_verwijderd"]  # fmt: skip
        assert entry.details == f"concept-gesprek {draft.id} van 23-11-2026 weggegooid"
    assert "weggegooid" in window.statusBar().currentMessage()
    quit_app(qtbot, window)


# --- the window title -----------------------------------------------------------------------
def test_the_title_is_the_file_name(qtbot, demo_db: Path, app_settings) -> None:
    window = open_window(qtbot, None, app_settings)
    assert window.windowTitle() == "Caseload Desk"  # the display name itself: not added again
    window.open_database(demo_db)
    assert window.windowTitle() == "demo.db"  # Qt adds " — Caseload Desk"
    quit_app(qtbot, window)


def test_each_title_names_the_app_once_on_a_real_screen(tmp_path: Path) -> None:
    """As the window manager shows them (Xvfb, openbox), where Qt adds the app's name."""
    missing = missing_tools()
    if missing:
        if os.environ.get("CASELOAD_REQUIRE_XVFB") == "1":
            pytest.fail(f"CASELOAD_REQUIRE_XVFB=1 but not installed: {', '.join(missing)}")
        pytest.skip(f"not installed: {', '.join(missing)}")
    db = tmp_path / "demo.db"
    with open_store(db, create=True) as s:
        create_demo(s, seed=1, today=date.today())
    shots = tmp_path / "shots"
    with XSession(tmp_path / "home", shots) as x:
        x.start(app_command(db), "app", cwd=tmp_path)
        main = x.wait_active(r"demo\.db")
        x.key("ctrl+g")
        talk = x.wait_active(r"^Caseloadgesprek met ")
        x.key("Escape")
        x.wait_active(r"demo\.db")
        x.key("ctrl+q")
    assert main == "demo.db — Caseload Desk"
    assert talk.endswith(" — Caseload Desk") and talk.count("Caseload Desk") == 1
