"""Opening a database file safely: checks first, never overwriting what is there."""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from caseload_desk.store import backup, session
from caseload_desk.store.check import (
    FileCheck,
    integrity_problem,
    journal_of,
    roll_back_hot_journal,
)
from caseload_desk.store.errors import (
    DatabaseLocked,
    DatabaseMissing,
    DiskFull,
    NewerSchema,
    NotADatabase,
    ReadOnlyStore,
    StoreError,
    from_sqlite,
)
from caseload_desk.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
Check = Literal["now", "background", "skip"]


@dataclass
class Store:
    """One open database file. Not shared between threads: each thread opens its own."""

    conn: sqlite3.Connection
    path: Path | None
    read_only: bool = False
    read_only_reason: str = ""  # Dutch, for the banner of a read-only session
    session_id: int | None = None
    unclean_shutdown: bool = False
    # The check running in the background (open_store(check="background")); writes wait.
    check: FileCheck | None = None
    _db: sqlite_utils.Database | None = field(default=None, repr=False)
    # Run once the outermost write transaction has committed (the audit anchor: set
    # before the commit, a crash would leave it naming a row that was never written).
    after_commit: list[Callable[[], None]] = field(default_factory=list, repr=False)

    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, made on first use: only writes need it,
        and importing it would cost a large file's start a quarter of a second."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def close(self) -> None:
        if self.check is not None:
            self.check.cancel()  # before the session row goes: the check may be writing it
        if self.session_id is not None:
            session.release(self.conn, self.session_id)
            self.session_id = None
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _configure(conn: sqlite3.Connection) -> None:
    # Rollback journal, not WAL: WAL is unsafe on the network shares these files live on.
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")


def _check_header(path: Path) -> None:
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise NotADatabase(path, "geen SQLite-bestand")


def _not_writable_reason(path: Path) -> str:
    if path.exists() and not os.access(path, os.W_OK):
        return "Het bestand is alleen-lezen."
    if not os.access(path.parent, os.W_OK):
        # The rollback journal is a file next to the database: no folder write, no writes.
        return "De map van het bestand is alleen-lezen."
    return ""


def open_store(
    path: str | Path,
    *,
    create: bool = False,
    read_only: bool = False,
    fallback_read_only: bool = False,
    auto_backup: bool = True,
    check: Check = "now",
) -> Store:
    """Open (or with `create`, make) a database file and bring its schema up to date.

    Raises a StoreError with a Dutch message for a missing, foreign, damaged, locked or
    newer file; such a file is left exactly as it was. With `fallback_read_only`, a
    read-only file or folder and a file from a newer version open read-only instead.

    `check` says when SQLite's integrity check of the file runs: "now", before returning;
    "background", in a thread (`store.check`), unless a migration needs it first, and
    nothing is written to the file, not even the session row, until it has passed; or
    "skip", only for a read-only connection to a file this process already has open
    (and so checks already), such as a background job's.
    """
    if check == "skip" and not read_only:
        raise ValueError("check='skip' is only for read-only connections")
    path = Path(path)
    new_file = not path.exists() or path.stat().st_size == 0
    if new_file and not create:
        raise DatabaseMissing(path)
    if not new_file:
        _check_header(path)
    reason = "" if read_only else _not_writable_reason(path)
    if reason and fallback_read_only and not new_file:
        read_only = True
    hot_journal = journal_of(path).exists()  # left by a crash mid-transaction
    if hot_journal and not new_file:
        # Before any reading, a read-only one too: the crash's half transaction goes.
        roll_back_hot_journal(path, BUSY_TIMEOUT_MS)
    try:
        store = _open(path, new_file, read_only, auto_backup, check, hot_journal)
    except NewerSchema as exc:
        if not fallback_read_only or read_only:
            raise
        store = _open(path, new_file, True, False, check, hot_journal)
        reason = f"{exc} Het bestand is daarom alleen-lezen geopend."
    store.read_only_reason = reason if store.read_only else ""
    if store.read_only and not store.read_only_reason:
        store.read_only_reason = "Het bestand is alleen-lezen geopend."
    return store


def _open(
    path: Path, new_file: bool, read_only: bool, auto_backup: bool, check: Check, hot_journal: bool
) -> Store:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
    except sqlite3.Error as exc:
        raise from_sqlite(exc, path) from exc
    store = Store(conn, path, read_only)
    try:
        _configure(conn)
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
        _check_identity(conn, path, new_file, allow_newer=read_only)
        migrating = not new_file and schema_version(conn) < SCHEMA_VERSION
        if check == "skip":
            pass
        elif new_file or migrating or check == "now":
            if found := integrity_problem(conn):  # a migration writes: sound first
                raise NotADatabase(path, found)
            if not read_only:
                _prepare_for_writing(store, new_file, hot_journal, auto_backup)
        elif read_only:
            store.check = FileCheck(path, busy_timeout_ms=BUSY_TIMEOUT_MS).start()
        else:
            _check_in_background(store, hot_journal)
    except StoreError:
        conn.close()
        raise
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A lock, a full disk, a read-only file or a disk error each has its own message;
        # only SQLite's finding that the content is wrong says "beschadigd".
        error = from_sqlite(exc, path, lambda: session.others(conn, None))
        conn.close()
        raise error from exc
    except BaseException:
        conn.close()
        raise
    return store


def _prepare_for_writing(
    store: Store, new_file: bool, hot_journal: bool, auto_backup: bool
) -> None:
    """Back up before a migration, migrate, register the session, and check the file
    fully when the previous session did not end cleanly."""
    conn, path = store.conn, store.path
    assert path is not None
    old = not new_file and schema_version(conn) < SCHEMA_VERSION
    if new_file:
        # A new file at this path: the previous file's anchor no longer applies (so a log
        # that begins otherwise at the same path is evidence only when the app did not
        # make the file). Imported here: audit builds on this module.
        from caseload_desk.store.audit import forget_file

        forget_file(path)
    if old and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        backup.make_backup(conn, path, "voor-migratie")
    migrate(conn)
    store.session_id, stale = session.claim(conn)
    store.unclean_shutdown = stale or hot_journal
    if store.unclean_shutdown and (found := integrity_problem(conn, full=True)):
        raise NotADatabase(path, found)
    if auto_backup and not new_file and backup.backup_due_today(path):
        backup.make_backup(conn, path, "dagelijks")
    # A backup killed half-way left a full copy with every name in it: gone at the next
    # start too, not only at the next backup.
    backup.remove_leftovers(backup.backup_folder(path))


def _check_in_background(store: Store, hot_journal: bool) -> None:
    """Start the check; the session is registered by the check's thread once it passed."""
    assert store.path is not None
    gone = session.stale(store.conn)
    store.unclean_shutdown = bool(gone) or hot_journal

    def register(conn: sqlite3.Connection) -> None:
        store.session_id, _ = session.claim(conn, gone)

    store.check = FileCheck(
        store.path, full=store.unclean_shutdown, then=register, busy_timeout_ms=BUSY_TIMEOUT_MS
    ).start()


def lock_holders(path: Path, wait_ms: int = 250) -> list[session.Holder] | None:
    """Whether another process holds the file's lock now, asked quickly (a retry must not
    freeze the window for the full busy timeout): None when the file can be read, else
    who has it open (from the session table; empty when nobody is known)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return None  # opening it says what is wrong
    try:
        conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a read lock
        conn.execute("COMMIT")
        return None
    except sqlite3.Error as exc:
        return session.others(conn, None) if _is_locked(exc) else None
    finally:
        conn.close()


def _is_locked(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


@contextmanager
def writing(store: Store) -> Iterator[None]:
    """One short write transaction; SQLite's errors become Dutch StoreErrors."""
    if store.read_only:
        raise ReadOnlyStore()
    if store.check is not None:
        store.check.wait_passed()
    outermost = not store.conn.in_transaction
    try:
        with _immediate(store.conn):
            yield
    except BaseException as exc:
        if outermost:
            store.after_commit.clear()  # rolled back: nothing to follow up
        error = _as_store_error(store, exc) if isinstance(exc, sqlite3.OperationalError) else exc
        if error is exc:
            raise
        raise error from exc
    if outermost:
        for follow in store.after_commit:
            follow()
        store.after_commit.clear()


def _as_store_error(store: Store, exc: sqlite3.OperationalError) -> Exception:
    text = str(exc).lower()
    if _is_locked(exc):
        return DatabaseLocked(store.path, session.others(store.conn, store.session_id))
    if "full" in text:
        return DiskFull(store.path)
    if "readonly" in text:
        return ReadOnlyStore()
    return exc


@contextmanager
def _immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes the write lock at its start (BEGIN IMMEDIATE), so
    SQLite's busy timeout applies while another process writes. A deferred transaction
    that reads first is refused the upgrade at once ("locked", no wait). Nested: a
    savepoint inside the outer transaction."""
    if conn.in_transaction:
        name = f"schrijven_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if conn.in_transaction:  # an error can have ended the transaction already
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")  # can fail too (a full disk): then roll back as well
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _check_identity(
    conn: sqlite3.Connection, path: Path, new_file: bool, allow_newer: bool = False
) -> None:
    if new_file:
        return
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = schema_version(conn)
    if app_id != APPLICATION_ID:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise NotADatabase(path, "een ander soort database")
    if version > SCHEMA_VERSION and not allow_newer:  # reading a newer file is safe
        raise NewerSchema(path, version, SCHEMA_VERSION)


def memory_store() -> Store:
    """An empty, migrated in-memory database, for tests."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _configure(conn)
    migrate(conn)
    return Store(conn, None)
