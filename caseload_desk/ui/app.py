"""Start the GUI: the QApplication, Qt's own Dutch translations, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from caseload_desk import APP_NAME, __version__
from caseload_desk.ui import errors
from caseload_desk.ui.qt_dutch import install_dutch
from caseload_desk.ui.resources import icon
from caseload_desk.ui.settings import APP, ORG, AppSettings
from caseload_desk.ui.style import apply_palette


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("app"))
    install_dutch(app)
    apply_palette(app)
    return app


def run_gui(db_path: Path | None) -> int:
    """The application's event loop; the caller has made sure there is a display."""
    app = make_application()
    from caseload_desk.ui.main_window import MainWindow

    settings = AppSettings()
    window = MainWindow(settings)
    errors.install(lambda: window)
    target = db_path or (Path(settings.last_database()) if settings.last_database() else None)
    if target is not None and target.exists():
        window.open_database(target)
    elif db_path is not None:
        window.open_database(db_path)  # shows the Dutch "not found" message
    window.show()
    return app.exec()
