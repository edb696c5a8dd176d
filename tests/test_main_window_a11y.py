"""Every interactive widget of the main window has a name a screen reader can read: its
own accessible name, a label that is its buddy, or its own text (a button's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from tests.accessibility import interactive_widgets, unnamed_widgets
from tests.conftest import DEMO_DATE, open_window


def checked_and_unnamed(window: QWidget) -> tuple[list[QWidget], list[str]]:
    """The controls the shared check (tests/accessibility.py) walks, and the unnamed."""
    return interactive_widgets(window), unnamed_widgets(window)


def test_every_interactive_widget_of_the_main_window_is_named(
    qtbot, demo_db: Path, app_settings
) -> None:
    with open_store(demo_db) as s:  # a draft: its bar and buttons are shown too
        conv.start_conversation(s, "W001", "Piet", DEMO_DATE)
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    window.peildatum_edit.setDate(QDate(2026, 12, 21))  # the peildatum banner
    window.centre_tabs.setCurrentWidget(window.charts)  # the charts load on first view
    for tab in range(window.dossier.tabs.count()):
        window.dossier.tabs.setCurrentIndex(tab)
    qtbot.keyClicks(window.worker_search, "a")  # the search's clear button appears
    assert window.draft_bar.isVisible() and window.peildatum_banner.isVisible()
    widgets, unnamed = checked_and_unnamed(window)
    assert len(widgets) >= 30  # the walk found the window's widgets
    assert unnamed == []
    window.close()


def test_the_welcome_page_is_named_too(qtbot, app_settings) -> None:
    window = open_window(qtbot, None, app_settings)
    widgets, unnamed = checked_and_unnamed(window)
    assert any(w.isVisible() for w in widgets) and unnamed == []
    window.close()


def test_the_check_finds_an_unnamed_widget(qtbot, demo_db: Path, app_settings) -> None:
    """The check can fail: a search field without a name or label is reported."""
    window = open_window(qtbot, demo_db, app_settings)
    stray = QLineEdit(window.caseload)
    stray.setObjectName("naamloos")
    stray.setPlaceholderText("Zoek")  # a placeholder is no name
    _widgets, unnamed = checked_and_unnamed(window)
    assert unnamed == ["QLineEdit naamloos in qt_tabwidget_stackedwidget"]
    stray.setAccessibleName("Zoeken")
    assert checked_and_unnamed(window)[1] == []
    window.close()


def mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys of the window's shown buttons, labels and menus."""
    texts = [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisible() and w.buddy()]
    texts += [a.text() for a in window.menuBar().actions()]
    keys = []
    for text in texts:
        plain = text.replace("&&", "")
        if "&" in plain:
            keys.append(plain[plain.index("&") + 1].lower())
    return keys


def test_each_alt_key_does_one_thing(qtbot, demo_db: Path, app_settings) -> None:
    with open_store(demo_db) as s:
        conv.start_conversation(s, "W001", "Piet", DEMO_DATE)
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    keys = mnemonics(window)
    assert len(keys) >= 9
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    window.close()
