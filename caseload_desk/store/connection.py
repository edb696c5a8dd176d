"""Opening a database file safely: checks first, never overwriting what is there."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from caseload_desk.store.errors import (
    DatabaseLocked,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
)
from caseload_desk.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate, schema_version

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass
class Store:
    """One open database file. Not shared between threads: each thread opens its own."""

    db: sqlite_utils.Database
    path: Path | None
    read_only: bool = False

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.close()

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


def open_store(path: str | Path, *, create: bool = False, read_only: bool = False) -> Store:
    """Open (or with `create`, make) a database file and bring its schema up to date.

    Raises a StoreError with a Dutch message for a missing, foreign, damaged, locked or
    newer file; such a file is left exactly as it was.
    """
    path = Path(path)
    new_file = not path.exists() or path.stat().st_size == 0
    if new_file and not create:
        raise DatabaseMissing(path)
    if not new_file:
        _check_header(path)
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rwc'}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=True)
    except sqlite3.OperationalError as exc:
        raise NotADatabase(path, str(exc)) from exc
    try:
        _configure(conn)
        if not read_only:
            conn.execute("PRAGMA journal_mode = DELETE")
        _check_identity(conn, path, new_file)
        if not read_only:
            migrate(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseLocked(path) from exc
        raise NotADatabase(path, str(exc)) from exc
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # A damaged file can make even a PRAGMA fail, in either of these ways.
        conn.close()
        raise NotADatabase(path, "het bestand is beschadigd") from exc
    except BaseException:
        conn.close()
        raise
    return Store(sqlite_utils.Database(conn), path, read_only)


def _check_identity(conn: sqlite3.Connection, path: Path, new_file: bool) -> None:
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise NotADatabase(path, "de integriteitscontrole faalt")
    if new_file:
        return
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = schema_version(conn)
    if app_id != APPLICATION_ID:
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if has_tables:
            raise NotADatabase(path, "een ander soort database")
    if version > SCHEMA_VERSION:
        raise NewerSchema(path, version, SCHEMA_VERSION)


def memory_store() -> Store:
    """An empty, migrated in-memory database, for tests."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    _configure(conn)
    migrate(conn)
    return Store(sqlite_utils.Database(conn), None)
