"""Unexpected errors reach the user as a Dutch message, and stderr without their text."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from caseload_desk.ui import errors
from tests.journey import answering, ok


@pytest.fixture(autouse=True)
def _restore_excepthook(monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test


def shown_after(qtbot, exc: BaseException) -> list[tuple[str, str]]:
    """Raise `exc` into the hook; read the real message box it opens and press OK."""
    seen: list[tuple[str, str]] = []

    def read(box: QMessageBox) -> None:
        seen.append((box.windowTitle(), box.text()))
        ok(box)

    with answering(qtbot, QMessageBox, read):
        raise_and_hook(exc)
    return seen


def raise_and_hook(exc: BaseException) -> None:
    try:
        raise exc
    except BaseException as caught:
        sys.excepthook(type(caught), caught, caught.__traceback__)


def test_an_error_in_a_slot_is_shown_in_dutch_without_its_text(qtbot, capsys) -> None:
    errors.install(lambda: None)
    shown = shown_after(qtbot, ValueError("Jeugdige Fenna de Vries"))
    assert shown == [("Onverwachte fout", shown[0][1])]
    assert "ValueError" in shown[0][1] and "bewaard" in shown[0][1]
    err = capsys.readouterr().err
    assert "ValueError" in err and "test_ui_errors.py" in err
    assert "Fenna" not in err and "Fenna" not in shown[0][1]


def test_a_damaged_file_while_reading_says_so(qtbot, capsys) -> None:
    errors.install(lambda: None)
    shown = shown_after(qtbot, sqlite3.DatabaseError("database disk image is malformed"))
    assert shown[0][0] == "Bestand beschadigd" and "reservekopie" in shown[0][1]
    assert "malformed" not in capsys.readouterr().err


def test_an_error_while_the_message_is_open_does_not_stack_dialogs(qtbot) -> None:
    errors.install(lambda: None)
    opened: list[str] = []

    def read(box: QMessageBox) -> None:
        opened.append(box.windowTitle())
        raise_and_hook(RuntimeError("again"))  # e.g. a repaint failing behind the dialog
        ok(box)

    with answering(qtbot, QMessageBox, read) as answer:
        raise_and_hook(RuntimeError("first"))
    assert opened == ["Onverwachte fout"] and answer.unexpected == []
