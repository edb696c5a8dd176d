"""`caseload-desk --self-test`: prove that an installation works, one line per check.

Runs the real GUI (offscreen when there is no display) on a demo database in a temporary
folder, so IT, a package test or a user can run it anywhere without touching real data.
It goes where users go: it checks that the font really draws Dutch text (an installation
without fonts shows only boxes, and everything else still works), and it agrees an action
through the real add-action dialog and finishes a conversation, then reads both back.
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
        ("lettertype tekent Nederlandse tekst", lambda: _font(state)),
        ("demodatabase maken", lambda: _make_demo(folder, state)),
        ("signalen berekenen", lambda: _signals(state)),
        ("hoofdvenster openen", lambda: _window(folder, state)),
        ("caseload van een medewerker tonen", lambda: _caseload(state)),
        ("actie toevoegen in het venster Actie toevoegen", lambda: _add_action(state)),
        ("gesprek afronden en teruglezen", lambda: _finish(state)),
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
        for key in ("talk", "window"):
            widget = state.get(key)
            if widget is not None:
                widget.close()  # type: ignore[attr-defined]
        shutil.rmtree(folder, ignore_errors=True)


def _quiet_offscreen(mode, context, message: str) -> None:
    """Drop the offscreen platform's harmless notes; keep real warnings."""
    if not any(note in message for note in ("propagateSizeHints", "does not support raise()")):
        sys.stderr.write(message + "\n")


def _start_qt(state: dict) -> str:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(_quiet_offscreen)
    from caseload_desk.ui.app import make_application

    app = make_application()
    state["app"] = app
    return f"PySide6 {pyside}, platform {app.platformName()}"


# Characters a Dutch screen needs; with no usable font they all come out as the same box.
DUTCH_SAMPLE = "aeëé€"
NO_FONT = (
    "er is geen lettertype dat Nederlandse tekst tekent: het venster toont alleen blokjes. "
    "Installeer een lettertype (Debian/Ubuntu: sudo apt install fonts-dejavu-core "
    "fontconfig-config) en start opnieuw."
)


def _font(state: dict) -> str:
    from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics

    font = state["app"].font()  # type: ignore[attr-defined]
    families = QFontDatabase.families()
    if not families:
        raise RuntimeError(NO_FONT)
    metrics = QFontMetrics(font)
    # inFontUcs4: PySide6's inFont(QChar) misreads characters outside ASCII.
    missing = [ch for ch in DUTCH_SAMPLE if not metrics.inFontUcs4(ord(ch))]
    if missing:
        raise RuntimeError(f"{NO_FONT} (ontbreekt: {' '.join(missing)})")
    # Claimed is not drawn: draw each character and compare. Boxes all look alike.
    drawn = {ch: _drawn(font, ch) for ch in DUTCH_SAMPLE}
    if len(set(drawn.values())) < len(drawn) or not all(drawn.values()):
        raise RuntimeError(f"{NO_FONT} (getekende tekens zijn leeg of gelijk)")
    return f"{QFontInfo(font).family()}, {len(families)} lettertypefamilies"


def _drawn(font, ch: str) -> bytes:
    """The pixels of one character in `font`; empty when nothing was drawn."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFont, QImage, QPainter

    image = QImage(48, 48, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    big = QFont(font)
    big.setPixelSize(32)
    painter.setFont(big)
    painter.drawText(QRect(0, 0, 48, 48), Qt.AlignmentFlag.AlignCenter, ch)
    painter.end()
    pixels = bytes(image.constBits())
    return pixels if any(b != 255 for b in pixels) else b""


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


SELF_TEST_ACTION = "Zelftest: huisbezoek plannen"


def _add_action(state: dict) -> str:
    """Ctrl+N's path in the conversation: the real dialog, filled in and confirmed."""
    from caseload_desk.domain import ActionOwner
    from caseload_desk.store import conversations as conv
    from caseload_desk.ui.conversation.add_action import AddActionDialog
    from caseload_desk.ui.itemdata import select_choice
    from caseload_desk.ui.modal import ModalAnswer

    talk = state["window"].start_conversation()  # type: ignore[attr-defined]
    if talk is None:
        raise RuntimeError("het caseloadgesprek ging niet open")
    state["talk"] = talk

    def fill(dialog: AddActionDialog) -> None:
        dialog.description.setText(SELF_TEST_ACTION)
        select_choice(dialog.owner, ActionOwner.PRAKTIJKBEGELEIDER)
        dialog.ok_button.click()

    answer = ModalAnswer(AddActionDialog, fill)
    actie_id = talk.add_action_for_current()
    if answer.problem():
        raise RuntimeError(answer.problem())
    saved = {a.id: a for a in conv.actions_of_conversation(talk.store, talk.gesprek_id)}
    if actie_id is None or actie_id not in saved:
        raise RuntimeError("de actie is niet opgeslagen")
    action = saved[actie_id]
    if (action.omschrijving, action.eigenaar) != (SELF_TEST_ACTION, ActionOwner.PRAKTIJKBEGELEIDER):
        raise RuntimeError(f"andere actie opgeslagen: {action.omschrijving!r}, {action.eigenaar}")
    return f"actie {actie_id} bij {action.maatregel_id or 'de medewerker'}"


def _finish(state: dict) -> str:
    """Finish the conversation, answering its questions, and read it back from the file."""
    from PySide6.QtWidgets import QMessageBox

    from caseload_desk.store import conversations as conv
    from caseload_desk.store import open_store
    from caseload_desk.ui.modal import ModalAnswer, press_role

    talk = state["talk"]

    def confirm(box: QMessageBox) -> None:
        press_role(box, QMessageBox.ButtonRole.AcceptRole)  # "Afronden"

    def summary(box: QMessageBox) -> None:
        press_role(box, QMessageBox.ButtonRole.RejectRole)  # the handout: "Niet nu"

    answers = ModalAnswer(QMessageBox, confirm, then=[(QMessageBox, summary)])
    if not talk.finish():  # type: ignore[attr-defined]
        raise RuntimeError(answers.problem() or "het gesprek is niet afgerond")
    if answers.problem():
        raise RuntimeError(answers.problem())
    with open_store(state["db"], read_only=True, check="skip") as store:
        c = conv.get_conversation(store, talk.gesprek_id)  # type: ignore[attr-defined]
        texts = {a.omschrijving for a in conv.actions_of_conversation(store, c.id)} if c else set()
    if c is None or not c.afgerond or SELF_TEST_ACTION not in texts:
        raise RuntimeError("het afgeronde gesprek of zijn actie staat niet in het bestand")
    from caseload_desk.words import count

    return f"gesprek {c.id} afgerond met {count(len(texts), 'actie', 'acties')}"


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

    # One string from Qt's own catalogue (the packaged qtbase_nl.qm) and one that only
    # the app's supplement has (caseload_desk/ui/qt_dutch.py).
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel == "Cancel":
        raise RuntimeError("Qt's Nederlandse vertaling (qtbase_nl) is niet geladen")
    look_in = QCoreApplication.translate("QFileDialog", "&Look in:").replace("&", "")
    if look_in == "Look in:":
        raise RuntimeError("de aanvulling op Qt's Nederlandse vertaling is niet geladen")
    return f'"Cancel" → "{cancel}", "Look in:" → "{look_in}"'
