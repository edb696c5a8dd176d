"""The audit log (NEN 7513): what is recorded, by whom, without names, and that tampering
with it is found (issue 13)."""

from __future__ import annotations

import argparse
import csv
import io
import os
import pwd
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from caseload_desk.cli import audit_cmd
from caseload_desk.cli.main import main
from caseload_desk.store import audit, open_store
from tests.conftest import open_window
from tests.journey import Ctrl, answering, choose_file, shortcut


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def names(db: Path) -> list[str]:
    """Every worker's and every child's name in the file."""
    with sqlite3.connect(db) as c:
        found = [r[0] for r in c.execute("SELECT naam FROM medewerkers")]
        found += [r[0] for r in c.execute("SELECT jeugdige FROM maatregelen")]
    return [n for n in found if n]


def rows(db: Path) -> list[audit.AuditEntry]:
    with open_store(db, read_only=True) as s:
        return audit.entries(s)


def no_names_in(entries: list[audit.AuditEntry], db: Path) -> None:
    text = "\n".join(
        " ".join((e.gebruiker, e.medewerker_id, e.maatregelen, e.details)) for e in entries
    )
    for name in names(db):
        assert name not in text


# --- who ------------------------------------------------------------------------------------
def test_the_user_is_the_os_account_not_an_environment_variable(demo_db: Path, monkeypatch) -> None:
    for var in ("LOGNAME", "USER", "USERNAME", "LNAME"):
        monkeypatch.setenv(var, "iemand-anders")
    with open_store(demo_db) as s:
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
    assert rows(demo_db)[0].gebruiker == pwd.getpwuid(os.getuid()).pw_name


# --- no names ---------------------------------------------------------------------------------
def test_the_audit_csv_neutralises_formulas(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        for start in ("=", "+", "-", "@", "\t", "\r"):
            audit.record(s, audit.Event.INSTELLINGEN_GEWIJZIGD, details=f"{start}1+1")
        s.conn.execute(
            "UPDATE medewerkers SET naam = '=HYPERLINK(\"x\")' WHERE medewerker_id='W001'"
        )
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
    buffer = io.StringIO(newline="")  # the CSV as written, carriage returns and all
    args = argparse.Namespace(db=demo_db, medewerker=None, maatregel=None, controleer=False)
    assert audit_cmd.run(args, buffer) == 0
    table = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    cells = [v for r in table for v in r.values()]
    assert '\'=HYPERLINK("x")' in cells
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert f"'{start}1+1" in cells, [c for c in cells if "1+1" in c]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_the_gui_export_records_measures_not_the_file_name(
    qtbot, demo_db: Path, app_settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    with sqlite3.connect(demo_db) as c:
        naam = c.execute("SELECT naam FROM medewerkers WHERE medewerker_id='W001'").fetchone()[0]
    target = tmp_path / f"Actielijst {naam} 2026-11-23.xlsx"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        shortcut(qtbot, window, Qt.Key.Key_E, Ctrl)
    qtbot.waitUntil(lambda: "Actielijst opgeslagen" in window.statusBar().currentMessage())
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())
    [export] = [e for e in rows(demo_db) if e.gebeurtenis == "export"]
    with open_store(demo_db, read_only=True) as s:
        from caseload_desk.store.facts import caseload_signals

        shown = {x.maatregel_id for x in caseload_signals(s, window.peildatum, "W001")}
    assert export.medewerker_id == "W001"
    assert shown and shown <= set(export.maatregelen.split(","))
    assert target.name not in export.details and ".xlsx" not in export.details
    no_names_in(rows(demo_db), demo_db)
