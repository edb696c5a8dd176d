"""Checking a file in the background, so that a large file opens at once.

Opening runs SQLite's own check (`PRAGMA quick_check`, or the full `integrity_check`
after an unclean shutdown) on a separate read-only connection in a thread. Until it
has passed, `connection.writing()` waits for it: nothing is ever written to a file that
has not been checked. A file that fails is reported, and refuses every write.
"""

from __future__ import annotations

import importlib
import sqlite3
import threading
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from caseload_desk.store.errors import NotADatabase, StoreError, from_sqlite

# How long a write waits for a check still running before it gives up with a message.
WRITE_WAIT_S = 5.0
RETRY_MS = 100  # the check's wait for a lock, in steps (see _problem_retrying)


def journal_of(path: Path) -> Path:
    """The rollback journal SQLite keeps next to the file while (or, after a crash, since)
    a transaction writes: a "hot" journal holds the pages to put back."""
    return Path(f"{path}-journal")


def roll_back_hot_journal(path: Path, busy_timeout_ms: int = 5000) -> None:
    """Let SQLite roll back a crash's hot journal before the file is read. Only a writable
    connection can: a read-only one fails on it ("attempt to write a readonly database"),
    which would make an intact file look damaged. A journal that is not hot (another
    process is writing) is left alone by SQLite itself."""
    if not journal_of(path).exists():
        return
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error:
        return  # cannot write here: the read that follows reports what is wrong
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls back first
    except sqlite3.Error:
        pass  # the open or check that follows reports it, in Dutch
    finally:
        conn.close()


def integrity_problem(conn: sqlite3.Connection, *, full: bool = False) -> str:
    """SQLite's own check of the open file: "" when sound, else the Dutch reason.
    `full`: the thorough integrity_check (after an unclean shutdown), else quick_check."""
    if full:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return "" if ok else "de volledige controle na een onverwachte afsluiting faalt"
    ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    return "" if ok else "de integriteitscontrole faalt"


class CheckState(Enum):
    RUNNING = "bezig"
    PASSED = "in orde"
    FAILED = "beschadigd"
    CANCELLED = "afgebroken"


class StillChecking(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} wordt nog gecontroleerd; er is niets opgeslagen en uw invoer staat nog "
            "in het venster. Probeer het over een ogenblik opnieuw."
        )


class FileCheck:
    """One background check of one file. Thread-safe; callbacks run on the check's thread."""

    def __init__(
        self,
        path: Path,
        *,
        full: bool = False,
        then: Callable[[sqlite3.Connection], None] | None = None,
        busy_timeout_ms: int = 5000,
    ) -> None:
        """`then(conn)` runs on a writable connection of the thread once the check passed:
        the first write to the file (registering the session) happens only after it."""
        self.path = path
        self.full = full
        self._then = then
        self._busy_timeout_ms = busy_timeout_ms
        self._state = CheckState.RUNNING
        self._detail = ""
        self._cause: StoreError | None = None  # why the file could not be checked at all
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._callbacks: list[Callable[[FileCheck], None]] = []
        self._thread = threading.Thread(target=self._run, name="bestandscontrole", daemon=True)

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> FileCheck:
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Stop a running check (closing the file); returns once the thread has ended."""
        with self._lock:
            if self._state is CheckState.RUNNING:
                self._state = CheckState.CANCELLED
                if self._conn is not None:
                    self._conn.interrupt()  # the one call SQLite allows from another thread
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()
        self._done.set()

    def _run(self) -> None:
        state, detail = CheckState.PASSED, ""
        try:
            ok, detail = self._check()
            if not ok:
                state = CheckState.FAILED
            elif self.state is CheckState.RUNNING:
                self._after_pass()
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc).lower():
                state = CheckState.CANCELLED
            else:  # cannot open or read it: not known to be sound, so no writes; but a
                # full disk or a disk error is not damage, and is said as what it is
                state, detail = CheckState.FAILED, "de controle kon het bestand niet lezen"
                self._cause = from_sqlite(exc, self.path)
        except sqlite3.DatabaseError:  # SQLite gave up on a damaged page mid-check
            state, detail = CheckState.FAILED, "de integriteitscontrole faalt"
        except Exception as exc:  # never leave writes waiting on a thread that died
            state, detail = CheckState.FAILED, f"de controle faalt ({type(exc).__name__})"
        with self._lock:
            if self._state is CheckState.RUNNING:
                self._state, self._detail = state, detail
            callbacks = list(self._callbacks) if self._state is not CheckState.CANCELLED else []
        self._done.set()
        for callback in callbacks:
            callback(self)

    def _after_pass(self) -> None:
        if self._then is not None:
            try:
                conn = self._connect("rw")
                try:
                    self._then(conn)
                finally:
                    conn.close()
            except sqlite3.Error:
                pass  # e.g. busy for long: the session is then simply not registered
        # Load what writes use here, off the GUI thread, so the first save is instant.
        importlib.import_module("sqlite_utils")

    def _connect(self, mode: str, busy_timeout_ms: int | None = None) -> sqlite3.Connection:
        uri = f"{self.path.resolve().as_uri()}?mode={mode}"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms or self._busy_timeout_ms}")
        if mode == "rw":
            conn.execute("PRAGMA synchronous = FULL")
        return conn

    def _check(self) -> tuple[bool, str]:
        conn = self._connect("ro", busy_timeout_ms=RETRY_MS)
        try:
            with self._lock:
                if self._state is not CheckState.RUNNING:
                    return True, ""
                self._conn = conn
            problem = self._problem_retrying(conn)
        finally:
            with self._lock:
                self._conn = None
            conn.close()
        return not problem, problem

    def _problem_retrying(self, conn: sqlite3.Connection) -> str:
        while True:
            try:
                return integrity_problem(conn, full=self.full)
            except sqlite3.OperationalError as exc:
                # Another process is committing. Wait in short steps: an interrupt does not
                # end SQLite's busy wait, and closing the window must not hang on it.
                if "locked" not in str(exc).lower() or self.state is not CheckState.RUNNING:
                    raise

    # --- results ----------------------------------------------------------------------
    @property
    def state(self) -> CheckState:
        with self._lock:
            return self._state

    @property
    def error(self) -> StoreError | None:
        """The Dutch error of a failed check; None while running or when it passed.
        NotADatabase ("beschadigd") only when SQLite's check found the content wrong."""
        with self._lock:
            if self._state is CheckState.FAILED:
                if self._cause is not None and not isinstance(self._cause, NotADatabase):
                    return self._cause
                return NotADatabase(self.path, self._detail)
        return None

    def add_done_callback(self, callback: Callable[[FileCheck], None]) -> None:
        """Call `callback(check)` once the check has ended (at once if it already has)."""
        with self._lock:
            if self._state is CheckState.RUNNING:
                self._callbacks.append(callback)
                return
            cancelled = self._state is CheckState.CANCELLED
        if not cancelled:
            callback(self)

    def wait_passed(self, timeout: float | None = None) -> None:
        """Return once the check has passed; raise a Dutch StoreError otherwise."""
        if not self._done.wait(WRITE_WAIT_S if timeout is None else timeout):
            raise StillChecking(self.path)
        error = self.error
        if error is not None:
            raise error
        if self.state is CheckState.CANCELLED:
            raise StillChecking(self.path)
