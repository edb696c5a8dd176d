"""Render the main window, the dossier detail and a conversation to PNG, offscreen.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

Uses a fresh demo database with a fixed peildatum, so the pictures are reproducible.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from caseload_desk.demo import create_demo
from caseload_desk.store import open_store
from caseload_desk.ui import create_main_window
from caseload_desk.ui.app import make_application
from caseload_desk.ui.settings import AppSettings

TODAY = date(2026, 11, 23)
SIZES = ((1366, 768), (1920, 1080))


def grab(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description="Schermafbeeldingen van Caseload Desk")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    make_application()
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "demo.db"
    with open_store(db, create=True) as store:
        create_demo(store, seed=1, today=TODAY)
    for width, height in SIZES:
        ini = tmp / f"settings-{width}.ini"  # fresh per size: no layout carried over
        settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
        window = create_main_window(db, settings, today=TODAY)
        window.resize(width, height)
        window.show()
        window.select_worker("W001")
        window.caseload.onder_druk_filter.setChecked(False)
        QApplication.processEvents()
        grab(window, args.out / f"hoofdvenster-{width}x{height}.png")
        rows = [r for r in window.caseload.visible_rows() if r.signals.onder_druk]
        if rows:
            window.caseload.select(rows[0].maatregel_id)
        window.dossier.tabs.setCurrentIndex(1)
        grab(window, args.out / f"dossier-tijdlijn-{width}x{height}.png")
        window.dossier.tabs.setCurrentIndex(2)
        grab(window, args.out / f"dossier-acties-{width}x{height}.png")
        window.centre_tabs.setCurrentWidget(window.charts)
        for i, name in enumerate(("grafiek-contact", "grafiek-verloop", "grafiek-team")):
            window.charts.setCurrentIndex(i)
            grab(window, args.out / f"{name}-{width}x{height}.png")
        window.centre_tabs.setCurrentIndex(0)
        conversation = window.start_conversation()
        assert conversation is not None
        conversation.resize(min(width, 1280), min(height, 800) - 40)
        conversation.notes.setPlainText(
            "Medewerker ervaart veel werkdruk; twee huisbezoeken staan gepland."
        )
        grab(conversation, args.out / f"gesprek-{width}x{height}.png")
        conversation.close()
        history = window.show_history()
        assert history is not None
        history.table.selectRow(1)  # the latest finished one, not the draft made above
        grab(history, args.out / f"historie-{width}x{height}.png")
        history.close()
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
