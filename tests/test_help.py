"""F1 in each window lists every shortcut the window has, and each listed one is real."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QWidget

from caseload_desk.ui.help import CONVERSATION_KEYS, MAIN_KEYS, HelpDialog
from tests.journey import Ctrl, shortcut, visible_dialog

NONE = Qt.KeyboardModifier.NoModifier
PORTABLE = QKeySequence.SequenceFormat.PortableText
# Keys listed for people that Qt itself provides (not bound by the app).
STANDARD = {"Tab", "Shift+Tab", "Pijltjes", "Pijl omlaag", "Enter", "Escape"}


def shown_texts(window: QWidget, visible_only: bool) -> list[str]:
    def shown(w: QWidget) -> bool:
        return not visible_only or w.isVisibleTo(window)

    widgets = window.findChildren(QLabel) + window.findChildren(QAbstractButton)
    texts = [w.text() for w in widgets if shown(w)]
    texts += [g.title() for g in window.findChildren(QGroupBox) if shown(g)]
    texts += [m.title() for m in window.findChildren(QMenu)]
    return texts


def bound_keys(window: QWidget, visible_only: bool = False) -> set[str]:
    """Every key combination the window reacts to: shortcuts, actions and & mnemonics
    (`visible_only`: only those of what is on screen now, e.g. not the welcome page's)."""
    keys = {s.key().toString(PORTABLE) for s in window.findChildren(QShortcut)}
    keys |= {a.shortcut().toString(PORTABLE) for a in window.findChildren(QAction)}
    for text in shown_texts(window, visible_only):
        if m := re.search(r"&(\w)", text.replace("&&", "")):
            keys.add(f"Alt+{m.group(1).upper()}")
    return keys - {""}


def listed(keys: tuple[tuple[str, str], ...]) -> set[str]:
    out = set()
    for combo, _what in keys:
        out |= {k.strip() for k in re.split(r", | / ", combo)}
    return out


def check_help(qtbot, window: QWidget, keys: tuple[tuple[str, str], ...]) -> None:
    shortcut(qtbot, window, Qt.Key.Key_F1, NONE)
    dialog = visible_dialog(HelpDialog)
    assert dialog is not None
    text = dialog.text.toPlainText()
    assert all(combo in text and what in text for combo, what in keys)
    dialog.close()
    bound = {k.replace("Del", "Delete").replace("Return", "Return") for k in bound_keys(window)}
    shown = listed(keys)
    missing = {k for k in shown - STANDARD if k not in bound}
    assert not missing, f"in de hulp maar niet in het venster: {missing}"
    now = {k.replace("Del", "Delete") for k in bound_keys(window, visible_only=True)}
    unlisted = {k for k in now if k not in shown} - {"Ctrl+Enter", "Return", "Down"}
    assert not unlisted, f"in het venster maar niet in de hulp: {unlisted}"


def test_main_window_help(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    check_help(qtbot, main_window, MAIN_KEYS)


def test_conversation_help(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    shortcut(qtbot, main_window, Qt.Key.Key_G, Ctrl)
    talk = main_window.conversation
    qtbot.waitUntil(talk.isActiveWindow)
    check_help(qtbot, talk, CONVERSATION_KEYS)
    talk.close()


def test_monitor_help(qtbot, main_window) -> None:
    from caseload_desk.ui.help import MONITOR_KEYS

    shortcut(qtbot, main_window, Qt.Key.Key_M, Ctrl)
    monitor = main_window.monitor
    qtbot.waitUntil(lambda: monitor is not None and monitor.isActiveWindow())
    check_help(qtbot, monitor, MONITOR_KEYS)
    monitor.close()
