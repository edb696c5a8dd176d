"""The Qt user interface. Only this package may import PySide6 or pyqtgraph."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from caseload_desk.ui.main_window import MainWindow
    from caseload_desk.ui.settings import AppSettings


def create_main_window(
    db_path: str | Path | None = None,
    settings: AppSettings | None = None,
    today: date | None = None,
) -> MainWindow:
    """Build the main window on a database without showing it (tests, screenshots).

    Needs a QApplication. Raises StoreError when the file cannot be opened.
    """
    from caseload_desk.ui.main_window import MainWindow

    window = MainWindow(settings, today)
    if db_path is not None:
        window.open_database(db_path, quiet=True)
    return window
