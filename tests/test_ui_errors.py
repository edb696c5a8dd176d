"""Unexpected errors reach the user as a Dutch message, and stderr without their text."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from caseload_desk.ui import errors


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    from caseload_desk.ui import dialogs

    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda _parent, title, text: seen.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    return seen


def raise_and_hook(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_error_in_a_slot_is_shown_in_dutch_without_its_text(qtbot, shown, capsys) -> None:
    errors.install(lambda: None)
    raise_and_hook(ValueError("Jeugdige Fenna de Vries"))
    assert shown == [("Onverwachte fout", shown[0][1])]
    assert "ValueError" in shown[0][1] and "bewaard" in shown[0][1]
    err = capsys.readouterr().err
    assert "ValueError" in err and "test_ui_errors.py" in err
    assert "Fenna" not in err and "Fenna" not in shown[0][1]


def test_a_damaged_file_while_reading_says_so(qtbot, shown, capsys) -> None:
    errors.install(lambda: None)
    raise_and_hook(sqlite3.DatabaseError("database disk image is malformed"))
    assert shown[0][0] == "Bestand niet te lezen" and "reservekopie" in shown[0][1]
    assert "malformed" not in capsys.readouterr().err


def test_an_error_while_the_message_is_open_does_not_stack_dialogs(qtbot, monkeypatch) -> None:
    from caseload_desk.ui import dialogs

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    opened = []

    def error(_parent, title, text) -> None:
        opened.append(title)
        raise_and_hook(RuntimeError("again"))  # e.g. a repaint failing behind the dialog

    monkeypatch.setattr(dialogs, "error", error)
    errors.install(lambda: None)
    raise_and_hook(RuntimeError("first"))
    assert opened == ["Onverwachte fout"]
