"""Render the main window on a fresh demo database at 1366x768 and at 150 % scaling.

    .venv/bin/python scripts/main_window_screenshots.py [--out docs/screenshots]

150 % is a 1920x1080 screen with QT_SCALE_FACTOR=1.5: the window is 1280x720 in Qt's
own (logical) pixels and the picture 1920x1080. Each size runs in its own process, as the
scale factor is read once when Qt starts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 23)
SHOTS = (  # file name, logical width and height, scale factor
    ("hoofdvenster-1366x768.png", 1366, 768, "1"),
    ("hoofdvenster-150procent.png", 1280, 720, "1.5"),
)


def shoot(target: Path, width: int, height: int) -> None:
    """In this process: the main window at `width` x `height`, saved to `target`."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from caseload_desk.demo import create_demo
    from caseload_desk.store import open_store
    from caseload_desk.ui import create_main_window
    from caseload_desk.ui.app import make_application
    from caseload_desk.ui.settings import AppSettings

    make_application()
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "demo.db"
    with open_store(db, create=True) as store:
        create_demo(store, seed=1, today=TODAY)
    settings = AppSettings(QSettings(str(tmp / "instellingen.ini"), QSettings.Format.IniFormat))
    window = create_main_window(db, settings, today=TODAY)
    window.resize(width, height)
    window.show()
    window.select_worker("W001")
    for _ in range(5):  # layouts settle over a few rounds of events
        QApplication.processEvents()
    window.grab().save(str(target))
    print(target)
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Schermafbeeldingen van het hoofdvenster")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--one", nargs=3, metavar=("BESTAND", "BREEDTE", "HOOGTE"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.one:
        name, width, height = args.one
        shoot(Path(name), int(width), int(height))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, width, height, scale in SHOTS:
        env = dict(os.environ, QT_SCALE_FACTOR=scale)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        command = [sys.executable, __file__, "--one", str(args.out / name), str(width), str(height)]
        subprocess.run(command, env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
