"""Which instances have the file open: to name who holds a lock, and to notice that the
previous session ended without closing (then the file gets a full integrity check)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from caseload_desk.store.identity import current_host, current_user


@dataclass(frozen=True)
class Holder:
    gebruiker: str
    computer: str
    sinds: str

    def __str__(self) -> str:
        return f"{self.gebruiker} op {self.computer}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def stale(conn: sqlite3.Connection) -> list[int]:
    """Rows of sessions on this computer whose process is gone: they never closed the file."""
    host, pid = current_host(), os.getpid()
    return [
        row_id
        for row_id, computer, proces in conn.execute("SELECT id, computer, proces FROM sessie")
        # (The same pid is another connection of this very process, e.g. a thread: alive.)
        if computer == host and proces != pid and not _alive(proces)
    ]


def claim(conn: sqlite3.Connection, gone: list[int] | None = None) -> tuple[int, bool]:
    """Register this instance, clearing `gone` (default: the stale sessions found now);
    returns (session row id, previous session ended uncleanly)."""
    gone = stale(conn) if gone is None else gone
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("DELETE FROM sessie WHERE id = ?", [(i,) for i in gone])
        cur = conn.execute(
            "INSERT INTO sessie (gebruiker, computer, proces, sinds) VALUES (?, ?, ?, ?)",
            (current_user(), current_host(), os.getpid(),
             datetime.now(UTC).isoformat(timespec="seconds")),
        )  # fmt: skip
        conn.execute("COMMIT")
    except BaseException:
        # On a full disk SQLite has rolled back already: a second ROLLBACK would replace
        # the real reason with "cannot rollback - no transaction is active".
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return int(cur.lastrowid or 0), bool(gone)


def release(conn: sqlite3.Connection, session_id: int) -> None:
    # Closing must not fail; a left-over row only triggers a full check next time.
    with contextlib.suppress(sqlite3.Error):
        conn.execute("DELETE FROM sessie WHERE id = ?", (session_id,))


def others(conn: sqlite3.Connection, session_id: int | None) -> list[Holder]:
    """The other instances that have the file open. A row of a process on this computer
    that is gone (killed, crashed) is left out: it holds nothing, and naming it would
    send the user to a colleague who is not there."""
    query = "SELECT gebruiker, computer, sinds, proces FROM sessie WHERE id IS NOT ?"
    try:
        # Asked after a lock was met: waiting the busy timeout a second time is no use.
        waited = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 100")
        try:
            rows = conn.execute(query, (session_id,)).fetchall()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(waited)}")
    except sqlite3.Error:
        rows = _read_past_the_lock(conn, query, session_id)
    host = current_host()
    return [
        Holder(gebruiker, computer, sinds)
        for gebruiker, computer, sinds, proces in rows
        if computer != host or proces == os.getpid() or _alive(int(proces))
    ]


def _read_past_the_lock(conn: sqlite3.Connection, query: str, session_id: int | None) -> list:
    """The holder has the file's exclusive lock (mid-commit, a long import): read the
    session table without taking a lock, only to name who it is. What a writer is
    changing meanwhile may read wrong or fail; then nobody is named."""
    try:
        main = next(r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main")
        if not main:
            return []
        uri = f"{Path(main).resolve().as_uri()}?mode=ro&immutable=1"
        other = sqlite3.connect(uri, uri=True)
        try:
            return other.execute(query, (session_id,)).fetchall()
        finally:
            other.close()
    except (sqlite3.Error, StopIteration, OSError, UnicodeDecodeError):
        return []


def others_here(conn: sqlite3.Connection) -> bool:
    """Whether another live process on this computer has the file open (its entries may
    stand after this process's anchor without being foreign)."""
    host, pid = current_host(), os.getpid()
    try:
        rows = conn.execute("SELECT computer, proces FROM sessie").fetchall()
    except sqlite3.Error:
        return True  # unknown: assume so, rather than call a colleague's entry foreign
    return any(c == host and p != pid and _alive(int(p)) for c, p in rows)
