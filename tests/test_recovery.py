"""Issue 13, the most serious part: an intact file is never called damaged, and a restore
never loses data. A crash that leaves a hot journal, a full disk, a lock held by a
colleague: each is recognised for what it is; only a failed integrity check says
"beschadigd", and only then is a restore offered."""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from caseload_desk.cli.main import main
from caseload_desk.store import backup, open_store
from caseload_desk.store.check import CheckState
from caseload_desk.store.errors import (
    DatabaseLocked,
    DiskError,
    DiskFull,
    FileReadOnly,
    NotADatabase,
    from_sqlite,
)
from caseload_desk.store.session import Holder
from caseload_desk.ui import errors
from caseload_desk.ui.errors import user_message
from tests.conftest import open_window
from tests.journey import Ctrl, answering, choose_file, message_text, press_button, shortcut

ROOT = Path(__file__).resolve().parents[1]

# A process that commits a worker, then writes many more in a transaction that spills to
# the file (a tiny cache) and dies before COMMIT: the file is left with a hot journal.
CRASH = textwrap.dedent(
    """
    import os, sqlite3, sys
    c = sqlite3.connect(sys.argv[1], isolation_level=None)
    c.execute("PRAGMA cache_size = 5")
    c.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('BEWAARD', 'Anna')")
    c.execute("BEGIN IMMEDIATE")
    for i in range(3000):
        c.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES (?, ?)",
                  (f"HALF{i}", "x" * 200))
    os._exit(9)
    """
)


def new_db(path: Path) -> Path:
    with open_store(path, create=True, auto_backup=False):
        pass
    return path


def crash_mid_transaction(db: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CRASH, str(db)], timeout=60)
    assert done.returncode == 9
    assert journal_of(db).exists() and journal_of(db).stat().st_size > 0


def journal_of(db: Path) -> Path:
    return Path(f"{db}-journal")


def workers_in(db: Path) -> set[str]:
    with open_store(db, read_only=True) as s:
        return {r[0] for r in s.conn.execute("SELECT medewerker_id FROM medewerkers")}


@pytest.fixture
def crashed(tmp_path: Path) -> Path:
    db = new_db(tmp_path / "caseload.db")
    crash_mid_transaction(db)
    return db


def test_read_only_open_rolls_a_hot_journal_back_first(crashed: Path) -> None:
    """Opening read-only (as `audit` does) lets SQLite roll the crash back: the committed
    worker is there, the half transaction is not, and the file passes its check."""
    with open_store(crashed, read_only=True) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in s.conn.execute("SELECT medewerker_id FROM medewerkers")}
    assert ids == {"BEWAARD"}
    assert not journal_of(crashed).exists()


def test_background_check_of_a_read_only_session_passes_after_a_crash(crashed: Path) -> None:
    with open_store(crashed, read_only=True, check="background") as s:
        assert s.check is not None
        s.check.wait_passed(timeout=30)
        assert s.check.state is CheckState.PASSED


def test_audit_check_after_a_crash_says_intact(crashed: Path, capsys) -> None:
    assert main(["audit", "--db", str(crashed), "--controleer"]) == 0
    out = capsys.readouterr()
    assert "Auditlogboek intact" in out.out and "beschadigd" not in out.err


def test_verify_and_backup_after_a_crash(crashed: Path) -> None:
    """verify works on a copy with the journal: intact, and the file itself untouched."""
    before = crashed.read_bytes(), journal_of(crashed).read_bytes()
    assert backup.verify(crashed)
    assert (crashed.read_bytes(), journal_of(crashed).read_bytes()) == before
    assert main(["backup", "--db", str(crashed)]) == 0
    made = backup.list_backups(crashed)[0].path
    assert backup.verify(made) and workers_in(made) == {"BEWAARD"}


def test_restore_over_an_intact_crashed_file_keeps_it_as_a_backup(tmp_path: Path) -> None:
    """`restore --nieuwste` over a file with a hot journal: the file is intact, so it is kept
    as a backup (voor-herstel) with its committed work, not set aside as damaged."""
    db = new_db(tmp_path / "caseload.db")
    assert main(["backup", "--db", str(db)]) == 0
    crash_mid_transaction(db)
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        assert main(["restore", "--db", str(db), "--nieuwste"]) == 0
    finally:
        sys.stdout = sys_stdout
    assert not list(tmp_path.glob("*.beschadigd-*"))
    kept = [b for b in backup.list_backups(db) if b.reason == "voor-herstel"]
    assert len(kept) == 1 and workers_in(kept[0].path) == {"BEWAARD"}
    assert workers_in(db) == set()  # the backup from before the worker came back


def test_restoring_the_newest_twice_does_not_undo_the_first_restore(tmp_path: Path) -> None:
    """The voor-herstel copy is the newest backup after a restore, but 'the newest' means
    the newest ordinary one: a second `--nieuwste` gives the same file, not the one left."""
    db = new_db(tmp_path / "caseload.db")
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('BEWAARD', 'X')")
    raw.close()
    assert main(["backup", "--db", str(db)]) == 0
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('LATER', 'X')")
    raw.close()
    for _ in range(2):
        assert main(["restore", "--db", str(db), "--nieuwste"]) == 0
        assert workers_in(db) == {"BEWAARD"}
    kept = [b for b in backup.list_backups(db) if b.reason.startswith("voor-herstel")]
    assert {frozenset(workers_in(b.path)) for b in kept} >= {frozenset({"BEWAARD", "LATER"})}


def test_a_damaged_file_is_set_aside_with_its_journal_and_still_opens(tmp_path: Path) -> None:
    """A file that fails its check (here: a broken reference, committed with the foreign
    keys off) and has a crash's hot journal: the restore moves both, so the set-aside
    copy still opens, with every committed row and without the half transaction."""
    db = new_db(tmp_path / "caseload.db")
    assert main(["backup", "--db", str(db)]) == 0
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute(
        "INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, startdatum, regie)"
        " VALUES ('M9', 'NIEMAND', 'Kind', 'OTS', '2025-01-01', 'vast')"
    )
    raw.close()
    crash_mid_transaction(db)
    assert not backup.verify(db)
    assert main(["restore", "--db", str(db), "--nieuwste"]) == 0
    [aside] = tmp_path.glob("caseload.beschadigd-*.db")
    # The restore holds the file first, which rolls the crash's journal back into it; a
    # journal that were still there would have moved along (set_aside: tested below).
    assert not journal_of(db).exists()
    conn = sqlite3.connect(aside, isolation_level=None)  # writable: SQLite rolls back
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in conn.execute("SELECT medewerker_id FROM medewerkers")}
        kinds = {r[0] for r in conn.execute("SELECT maatregel_id FROM maatregelen")}
    finally:
        conn.close()
    assert ids == {"BEWAARD"} and kinds == {"M9"}
    assert workers_in(db) == set()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 400 kB file system of its own (tmpfs; needs root, as in CI's container)."""
    mount = tmp_path / "schijf"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("een kleine schijf (tmpfs) vraagt root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def fill(folder: Path) -> None:
    fh = (folder / "vulling").open("wb", buffering=0)
    try:
        while fh.write(b"\0" * 4096):
            pass
    except OSError:
        pass  # full
    finally:
        with contextlib.suppress(OSError):
            fh.close()


def test_opening_on_a_full_disk_says_full_not_damaged(tiny_disk: Path) -> None:
    """The session row cannot be written: the message is the full disk, never
    "beschadigd (cannot rollback - no transaction is active)"."""
    db = new_db(tiny_disk / "caseload.db")
    fill(tiny_disk)
    with pytest.raises(DiskFull) as caught:
        open_store(db, auto_backup=False)
    assert "De schijf" in str(caught.value) and "beschadigd" not in str(caught.value)
    assert backup.verify(db)


def test_sqlite_errors_get_their_own_message() -> None:
    """Each kind of trouble its own Dutch message; only SQLite's corruption says
    "beschadigd" (and so only that offers a restore)."""

    def raised(code: int, text: str, kind: type = sqlite3.OperationalError) -> Exception:
        exc = kind(text)
        exc.sqlite_errorcode = code
        return exc

    holders = [Holder("collega", "pc-7", "2026-11-23T10:00:00+00:00")]
    locked = from_sqlite(raised(5, "database is locked"), "x.db", lambda: holders)
    assert isinstance(locked, DatabaseLocked) and "collega op pc-7" in str(locked)
    assert isinstance(from_sqlite(raised(13, "database or disk is full"), "x.db"), DiskFull)
    assert isinstance(
        from_sqlite(raised(8, "attempt to write a readonly database"), "x.db"), FileReadOnly
    )
    assert isinstance(from_sqlite(raised(10, "disk I/O error"), "x.db"), DiskError)
    damaged = from_sqlite(
        raised(11, "database disk image is malformed", sqlite3.DatabaseError), "x.db"
    )
    assert isinstance(damaged, NotADatabase)
    messages = [
        str(from_sqlite(raised(c, t), "x.db"))
        for c, t in ((5, "locked"), (13, "full"), (8, "readonly"), (10, "disk I/O error"))
    ]
    assert len(set(messages)) == 4
    assert not any("beschadigd" in m or "reservekopie terug" in m for m in messages)
    assert "De schijf" in messages[1] and "vol" in messages[1]


def test_unexpected_lock_in_the_gui_is_not_called_damage() -> None:
    for text in ("database is locked", "database or disk is full", "disk I/O error"):
        _title, message = user_message(sqlite3.OperationalError(text))
        assert "beschadigd" not in message and "reservekopie" not in message, text
    _, message = user_message(sqlite3.DatabaseError("database disk image is malformed"))
    assert "beschadigd" in message


# A colleague's instance: opens the file as the app does (its session row names user and
# computer), then holds the exclusive lock, as a long import does, until told to stop.
COLLEAGUE = textwrap.dedent(
    """
    import sys
    from caseload_desk.store import open_store
    s = open_store(sys.argv[1], auto_backup=False)
    user, host = s.conn.execute(
        "SELECT gebruiker, computer FROM sessie WHERE id = ?", (s.session_id,)).fetchone()
    print(f"{user} op {host}", flush=True)
    s.conn.execute("BEGIN EXCLUSIVE")
    print("vast", flush=True)
    sys.stdin.readline()
    s.conn.execute("ROLLBACK")
    s.close()
    """
)


class Colleague:
    """Another process with the file open and its lock held; `who` as the session table
    names it ("<user> op <computer>")."""

    def __init__(self, db: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-c", COLLEAGUE, str(db)], text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)  # fmt: skip
        assert self.proc.stdout is not None
        self.who = self.proc.stdout.readline().strip()
        assert self.proc.stdout.readline().strip() == "vast"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.communicate("\n", timeout=30)


@pytest.fixture
def colleague(demo_db: Path) -> Iterator[Colleague]:
    held = Colleague(demo_db)
    try:
        yield held
    finally:
        held.release()


def test_a_backup_of_a_held_file_says_who_holds_it_and_ends(
    demo_db: Path, colleague: Colleague
) -> None:
    """`backup` while a colleague holds the lock: the holder is named, nothing is called
    damaged, and it ends (Python's backup would retry for as long as the lock lasts)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "caseload_desk", "backup", "--db", str(demo_db)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert done.returncode != 0
    assert f"in gebruik door {colleague.who}" in done.stderr
    assert "beschadigd" not in done.stderr + done.stdout
    assert not list(backup.backup_folder(demo_db).glob("*handmatig*"))


def test_gui_opening_a_held_file_names_the_holder_and_retries(
    qtbot, demo_db: Path, app_settings, colleague: Colleague
) -> None:
    """One message at a time, naming who holds the file, with "Opnieuw proberen"; never
    "beschadigd" and no restore offered. Retrying while still held says so again; once
    free, the retry opens the file."""
    window = open_window(qtbot, None, app_settings)
    seen: list[str] = []

    def retry(box: QMessageBox) -> None:
        seen.append(message_text(box))
        if len(seen) == 2:
            colleague.release()
        press_button(box, "Opnieuw proberen")

    with answering(qtbot, QFileDialog, choose_file(qtbot, demo_db),
                   then=[(QMessageBox, retry), (QMessageBox, retry)], timeout_s=30):  # fmt: skip
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    assert len(seen) == 2
    for text in seen:
        assert f"in gebruik door {colleague.who}" in text
        assert "beschadigd" not in text and "reservekopie" not in text
    qtbot.waitUntil(window.file_checked)
    assert window.stack.currentIndex() == 1 and window.caseload.visible_rows()
    window.close()


def test_gui_backup_of_a_held_file_names_the_holder(qtbot, demo_db: Path, app_settings) -> None:
    """The file is open in the window; a colleague then holds it: Bestand > Reservekopie
    maken says who, offers to retry, and never calls the file damaged."""
    window = open_window(qtbot, demo_db, app_settings)
    colleague = Colleague(demo_db)
    seen: list[str] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(message_text(box))
        press_button(box, "Annuleren")

    try:
        with answering(qtbot, QMessageBox, cancel, timeout_s=30):
            window.findChild(QAction, "backupAction").trigger()
    finally:
        colleague.release()
    assert len(seen) == 1
    assert f"in gebruik door {colleague.who}" in seen[0] and "beschadigd" not in seen[0]
    assert not list(backup.backup_folder(demo_db).glob("*handmatig*"))
    window.close()


def test_gui_clicks_on_a_held_file_give_one_message_naming_the_holder(
    qtbot, demo_db: Path, app_settings, monkeypatch
) -> None:
    """The file is open; a colleague's import then holds it. Going to another worker gives
    ONE message naming who holds the file, with "Opnieuw proberen", never "beschadigd";
    the next clicks wait no busy timeout and open no message; once the colleague is done
    the window says so and works again."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    window = open_window(qtbot, demo_db, app_settings)
    errors.install(lambda: window)  # as the app does at its start
    view = window.worker_view
    view.setFocus()
    colleague = Colleague(demo_db)
    seen: list[str] = []
    stray: list[str] = []

    def cancel(box: QMessageBox) -> None:
        seen.append(message_text(box))
        press_button(box, "Annuleren")

    def close_any_dialog() -> None:  # a second message would block the key press below
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            stray.append(message_text(box))
            box.reject()

    try:
        with answering(qtbot, QMessageBox, cancel, timeout_s=30):
            qtbot.keyClick(view, Qt.Key.Key_Down)
        guard = QTimer()
        guard.timeout.connect(close_any_dialog)
        guard.start(500)
        for _ in range(3):
            qtbot.keyClick(view, Qt.Key.Key_Down)
        guard.stop()
    finally:
        colleague.release()
    assert len(seen) == 1 and not stray
    assert f"in gebruik door {colleague.who}" in seen[0]
    assert "beschadigd" not in seen[0] and "reservekopie" not in seen[0]
    qtbot.waitUntil(lambda: "weer vrij" in window.statusBar().currentMessage(), timeout=10000)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert window.caseload.visible_rows()
    window.close()


def test_set_aside_moves_the_file_with_its_companions(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    for suffix, data in (("", b"db"), ("-journal", b"j"), ("-wal", b"w"), ("-shm", b"s")):
        Path(f"{db}{suffix}").write_bytes(data)
    aside = backup.set_aside(db)
    for suffix, data in (("", b"db"), ("-journal", b"j"), ("-wal", b"w"), ("-shm", b"s")):
        assert Path(f"{aside}{suffix}").read_bytes() == data
        assert not Path(f"{db}{suffix}").exists()
