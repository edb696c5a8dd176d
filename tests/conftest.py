"""Shared fixtures. Qt runs offscreen; tests never touch the user's real settings."""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The audit anchors and side log live in the user's settings folder: a temporary one here
# (set before anything runs, so CLI subprocesses inherit it too).
os.environ["XDG_CONFIG_HOME"] = os.environ["APPDATA"] = tempfile.mkdtemp(prefix="cd-config-")

from caseload_desk.demo import create_demo
from caseload_desk.store import Store, memory_store, open_store

DEMO_DATE = date(2026, 11, 23)


@pytest.fixture
def store() -> Store:
    s = memory_store()
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "caseload.db"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database made once per session; copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with open_store(path, create=True) as s:
        create_demo(s, seed=1, today=DEMO_DATE)
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database."""
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_file.read_bytes())
    return copy


def data_checksum(path: Path) -> str:
    """A checksum of every row in every table, to prove a file was not changed."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    return hashlib.sha256(dump.encode()).hexdigest()


def damage_unread_page(path: Path) -> bytes:
    """Damage one page that opening a file and showing a caseload never read, so that
    only SQLite's check finds it: the page of a table the app does not use. Returns the
    damaged file's bytes."""
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE ongebruikt (x TEXT)")
        conn.executemany("INSERT INTO ongebruikt VALUES (?)", [("x" * 50,)] * 20)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'ongebruikt'"
    ).fetchone()
    conn.close()
    with path.open("r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\x00")  # not a valid b-tree page type
    return path.read_bytes()


@pytest.fixture
def slow_check(monkeypatch) -> None:
    """A background file check that takes a moment before it reads, as on a large file."""
    import sqlite3
    import time

    from caseload_desk.store.check import FileCheck

    real = FileCheck._problem_retrying

    def slow(self: FileCheck, conn: sqlite3.Connection) -> str:
        time.sleep(0.4)
        return real(self, conn)

    monkeypatch.setattr(FileCheck, "_problem_retrying", slow)


@pytest.fixture(scope="session", autouse=True)
def _isolated_qt_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Point QSettings and app data at temporary folders: never the user's own."""
    from PySide6.QtCore import QSettings, QStandardPaths

    folder = tmp_path_factory.mktemp("qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def app_settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    from caseload_desk.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat))


def open_window(qtbot, db: Path | None, app_settings, today: date = DEMO_DATE):
    """The main window on `db` (or the welcome page), shown at 1366x768 with the keyboard,
    once the background check of the file has ended."""
    from caseload_desk.ui import create_main_window
    from caseload_desk.ui.app import make_application

    make_application()  # the app as users get it: Dutch Qt dialogs, the readable palette
    window = create_main_window(db, app_settings, today=today)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if db is not None:
        qtbot.waitUntil(window.file_checked)
    return window


@pytest.fixture
def main_window(qtbot, demo_db: Path, app_settings):
    window = open_window(qtbot, demo_db, app_settings)
    yield window
    window.close()


@pytest.fixture
def worker_store(store):
    """A store with worker W1 (Anna) and her measure M1 (child "Kind")."""
    store.conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    store.conn.execute(
        "INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, startdatum, regie) "
        "VALUES ('M1', 'W1', 'Kind', 'OTS', '2025-01-01', 'vast')"
    )
    return store
