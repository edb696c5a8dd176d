"""`caseload-desk --self-test`: prove that an installation works, one line per check.

Runs the real GUI (offscreen when there is no display) on a demo database in a temporary
folder, so IT, a package test or a user can run it anywhere without touching real data.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

Check = tuple[str, Callable[[], str]]


def run_self_test(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="caseload-selftest-"))
    state: dict[str, object] = {}
    checks: list[Check] = [
        ("Qt starten", lambda: _start_qt(state)),
        ("demodatabase maken", lambda: _make_demo(folder, state)),
        ("signalen berekenen", lambda: _signals(state)),
        ("hoofdvenster openen", lambda: _window(folder, state)),
        ("caseload van een medewerker tonen", lambda: _caseload(state)),
        ("Excel-export schrijven en teruglezen", lambda: _export(folder, state)),
        ("Nederlandse vertalingen van Qt", lambda: _translations(state)),
    ]
    try:
        for n, (name, check) in enumerate(checks, start=1):
            try:
                detail = check()
            except Exception as exc:  # report the failing step and stop
                out.write(f"FOUT  {n}. {name}: {type(exc).__name__}: {exc}\n")
                return 1
            out.write(f"OK    {n}. {name}{': ' + detail if detail else ''}\n")
        out.write(f"Zelftest geslaagd ({len(checks)} controles).\n")
        return 0
    finally:
        window = state.get("window")
        if window is not None:
            window.close()  # type: ignore[attr-defined]
        shutil.rmtree(folder, ignore_errors=True)


def _quiet_offscreen(mode, context, message: str) -> None:
    """Drop the offscreen platform's harmless notes; keep real warnings."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def _start_qt(state: dict) -> str:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_quiet_offscreen)
    from caseload_desk.ui.app import make_application

    app = make_application()
    state["app"] = app
    return f"PySide6 {pyside}, platform {app.platformName()}"


def _make_demo(folder: Path, state: dict) -> str:
    from caseload_desk.demo import create_demo
    from caseload_desk.store import open_store

    db = folder / "zelftest.db"
    with open_store(db, create=True) as store:
        create_demo(store, seed=1, today=date.today())
        n = store.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0]
    state["db"] = db
    return f"{n} maatregelen"


def _signals(state: dict) -> str:
    from caseload_desk.signals import summarize
    from caseload_desk.store import open_store
    from caseload_desk.store.facts import caseload_signals

    with open_store(state["db"], read_only=True) as store:
        s = summarize(caseload_signals(store, date.today()))
    if s.measures == 0 or s.onder_druk == 0:
        raise RuntimeError("de demo hoort lopende maatregelen onder druk te hebben")
    state["summary"] = s
    return f"{s.measures} lopend, {s.onder_druk} onder druk"


def _window(folder: Path, state: dict) -> str:
    from PySide6.QtCore import QSettings

    from caseload_desk.ui import create_main_window
    from caseload_desk.ui.settings import AppSettings

    settings = AppSettings(QSettings(str(folder / "instellingen.ini"), QSettings.Format.IniFormat))
    window = create_main_window(state["db"], settings)
    window.show()
    state["app"].processEvents()  # type: ignore[attr-defined]
    state["window"] = window
    return window.windowTitle()


def _caseload(state: dict) -> str:
    window = state["window"]
    if not window.select_worker("W001"):  # type: ignore[attr-defined]
        raise RuntimeError("medewerker W001 niet gevonden")
    state["app"].processEvents()  # type: ignore[attr-defined]
    rows = window.caseload.visible_rows()  # type: ignore[attr-defined]
    if not rows:
        raise RuntimeError("de caseload is leeg")
    return f"{len(rows)} maatregelen in de tabel"


def _export(folder: Path, state: dict) -> str:
    from openpyxl import load_workbook

    from caseload_desk.export.data import gather, select_workers
    from caseload_desk.export.xlsx import write_action_list
    from caseload_desk.store import open_store

    target = folder / "actielijst.xlsx"
    with open_store(state["db"], read_only=True) as store:
        chosen = select_workers(store, "W001")
        write_action_list(gather(store, chosen, chosen[0].naam, date.today()), target)
    wb = load_workbook(target, read_only=True)
    try:
        sheets = wb.sheetnames
        rows = sum(1 for _ in wb["Signalen"].iter_rows()) - 1
    finally:
        wb.close()
    if sheets != ["Acties", "Signalen", "Gesprekken"] or rows <= 0:
        raise RuntimeError(f"onverwachte werkmap: {sheets}, {rows} rijen")
    return f"{rows} maatregelen in blad Signalen"


def _translations(state: dict) -> str:
    from PySide6.QtCore import QCoreApplication

    text = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if text == "Cancel":
        raise RuntimeError("Qt's Nederlandse vertaling (qtbase_nl) is niet geladen")
    return f'"Cancel" → "{text}"'
