"""Automatic, verified, rotating backups through SQLite's online backup API.

A backup is never a file copy (that could catch a half-written page); each copy is
re-opened and checked before it counts. Backups live in a folder next to the database.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from caseload_desk.store.errors import (
    DatabaseLocked,
    DiskError,
    DiskFull,
    FileReadOnly,
    NotADatabase,
    StoreError,
    from_sqlite,
)
from caseload_desk.store.schema import APPLICATION_ID

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_NEWEST = 7, 4, 6, 3
# Copies made for a reason hold the state from before an operation that changed much (a
# restore, a migration, an import): kept a year, whatever the rotation, unless deleted.
KEPT_REASONS = ("voor-herstel", "voor-migratie", "voor-import")
KEEP_REASON_DAYS = 365
# A backup's temporary file older than this is a leftover of a killed backup (a backup
# takes seconds); a younger one may be another process's backup in progress.
LEFTOVER_AGE_S = 3600
STAMP = "%Y%m%dT%H%M%SZ"
STEP_PAGES = 2048  # 8 MB per step with 4 KB pages


class BackupFailed(StoreError):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # UTC
    reason: str


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-reservekopieen"


# What SQLite keeps next to a database file: it belongs to the file and moves with it.
COMPANIONS = ("-journal", "-wal", "-shm")


def verify(path: Path) -> bool:
    """True when `path` is an intact Caseload Desk database. A file with a crash's hot
    journal is checked on a copy taken together with that journal (SQLite rolls it back
    there): read-only, the journal could not be rolled back and the file would look
    damaged; the file itself is left exactly as it is."""
    if any(Path(f"{path}{c}").exists() for c in COMPANIONS):
        with tempfile.TemporaryDirectory(prefix="caseload-controle-") as folder:
            copy = Path(folder) / path.name
            try:
                for c in ("", *COMPANIONS):
                    if Path(f"{path}{c}").exists():
                        shutil.copy2(f"{path}{c}", f"{copy}{c}")
            except OSError:
                return False
            return _verify_rolled_back(copy)
    return _verify_read_only(path)


def _verify_rolled_back(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls back first
        conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError, OSError):
        return False
    return _verify_read_only(path)


def _verify_read_only(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            fk = not conn.execute("PRAGMA foreign_key_check").fetchall()
            app = conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            return ok and fk and app
        finally:
            conn.close()
    except (sqlite3.DatabaseError, UnicodeDecodeError, OSError):
        return False


def private_folder(folder: Path) -> None:
    """A folder for files with children's names: the owner's only (0700) on POSIX;
    on Windows the user profile's ACL applies."""
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        folder.chmod(0o700)


def remove_leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files of backups that were killed half-way: full-size copies
    with every name in them, never listed or rotated otherwise."""
    if not folder.is_dir():
        return []
    now = now if now is not None else datetime.now().timestamp()
    removed = []
    for p in folder.glob("*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            if now - p.stat().st_mtime > LEFTOVER_AGE_S:
                p.unlink()
                removed.append(p)
    return removed


def _give_up_when_locked(status: int, remaining: int, total: int) -> None:
    """A step that found the file locked has waited the connection's busy timeout already;
    Python's backup would otherwise retry for as long as the lock is held (forever)."""
    if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        raise sqlite3.OperationalError("database is locked")


def make_backup(source: sqlite3.Connection, db_path: Path, reason: str) -> Backup:
    """Copy the open database `source` (the file `db_path`) into its backup folder."""
    folder = backup_folder(db_path)
    private_folder(folder)
    remove_leftovers(folder)
    made = datetime.now(UTC)
    final = folder / f"{db_path.stem}-{made.strftime(STAMP)}-{reason}.db"
    n = 1
    while final.exists():  # two backups within one second
        final = folder / f"{db_path.stem}-{made.strftime(STAMP)}-{reason}-{n}.db"
        n += 1
    tmp = final.with_suffix(".tmp")
    try:
        target = sqlite3.connect(tmp)
        try:
            # In steps: between steps other connections can write (the copy then restarts
            # and still ends consistent), so a large file never blocks the app for long.
            source.backup(target, pages=STEP_PAGES, sleep=0.002, progress=_give_up_when_locked)
        finally:
            target.close()
        if not verify(tmp):
            raise BackupFailed("De reservekopie kon niet worden gecontroleerd en is niet bewaard.")
        if os.name == "posix":
            tmp.chmod(0o600)  # every child's name is in it
        os.replace(tmp, final)
    except sqlite3.Error as exc:
        found = from_sqlite(exc, db_path)
        if isinstance(found, DatabaseLocked | DiskFull | DiskError | FileReadOnly):
            raise found from exc  # said as what it is: a lock is not a failed backup
        raise BackupFailed(f"Reservekopie maken mislukt ({exc}).") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    rotate(folder)
    return Backup(final, made, reason)


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of `db_path`, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    prefix = f"{db_path.stem}-"
    for p in folder.glob(f"{prefix}*.db"):
        parts = p.stem[len(prefix) :].split("-", 1)
        try:
            made = datetime.strptime(parts[0], STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(p, made, parts[1] if len(parts) > 1 else ""))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


def newest_verified(db_path: Path) -> Backup | None:
    """The newest intact backup to go back to. A 'voor-herstel' copy is the file as it was
    just before a restore, usually the state the user left: choosing it for "the newest"
    would make a second restore undo the first. It is restored only by name."""
    return next(
        (
            b
            for b in list_backups(db_path)
            if not b.reason.startswith("voor-herstel") and verify(b.path)
        ),
        None,
    )


def _stamp_of(path: Path) -> datetime | None:
    for part in path.stem.split("-"):
        try:
            return datetime.strptime(part, STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def label(path: Path) -> str:
    """A backup as the audit log names it: its time stamp and reason
    ("20261124T003546Z-handmatig"), never the file name, which holds the database's own
    name (and that may be a child's or a worker's)."""
    made = _stamp_of(path)
    if made is None:
        return ""
    reason = _reason_of(path)
    return made.strftime(STAMP) + (f"-{reason}" if reason else "")


def _reason_of(path: Path) -> str:
    """The reason in a backup's name: what follows its time stamp ("-1" of a second copy
    within one second left off)."""
    parts = path.stem.split("-")
    for i, part in enumerate(parts):
        with contextlib.suppress(ValueError):
            datetime.strptime(part, STAMP)
            rest = parts[i + 1 :]
            if rest and rest[-1].isdigit():
                rest = rest[:-1]
            return "-".join(rest)
    return ""


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Keep the newest few, one a day for a week, one a week for a month, one a month
    for half a year; remove the rest. Returns what was removed."""
    now = now or datetime.now(UTC)
    backups = []
    for p in folder.glob("*.db"):
        made = _stamp_of(p)
        if made is not None:
            backups.append((made, p))
    backups.sort(reverse=True)
    keep = {p for _, p in backups[:KEEP_NEWEST]}
    keep |= {p for made, p in backups if _reason_of(p) in KEPT_REASONS
             and now - made <= timedelta(days=KEEP_REASON_DAYS)}  # fmt: skip
    buckets = (
        (timedelta(days=KEEP_DAILY), lambda d: d.date()),
        (timedelta(weeks=KEEP_WEEKLY), lambda d: d.isocalendar()[:2]),
        (timedelta(days=31 * KEEP_MONTHLY), lambda d: (d.year, d.month)),
    )
    for window, key in buckets:
        seen = set()
        for made, p in backups:  # newest first: the newest of each bucket is kept
            if now - made <= window and key(made) not in seen:
                seen.add(key(made))
                keep.add(p)
    removed = [p for _, p in backups if p not in keep]
    for p in removed:
        p.unlink()
    return removed


def backup_due_today(db_path: Path) -> bool:
    today = datetime.now(UTC).date()
    return not any(b.made.date() == today for b in list_backups(db_path))


def set_aside(db_path: Path) -> Path:
    """Rename a damaged file to `.beschadigd-…`, never deleting it, together with its
    journal: the journal holds pages the file needs (a crash's half transaction to roll
    back), and one left behind would be taken for the new file's and removed."""
    stamp = datetime.now(UTC).strftime(STAMP)
    kept = db_path.with_name(f"{db_path.stem}.beschadigd-{stamp}{db_path.suffix}")
    n = 1
    while kept.exists():
        kept = db_path.with_name(f"{db_path.stem}.beschadigd-{stamp}-{n}{db_path.suffix}")
        n += 1
    moved: list[tuple[str, str]] = []
    try:
        for c in ("", *COMPANIONS):
            if Path(f"{db_path}{c}").exists():
                os.replace(f"{db_path}{c}", f"{kept}{c}")
                moved.append((f"{db_path}{c}", f"{kept}{c}"))
    except OSError:
        for old, new in reversed(moved):  # all together or not at all
            os.replace(new, old)
        raise
    return kept


RESTORE_WAIT_S = 5.0  # as long as any write waits for a colleague


def restore(backup: Path, db_path: Path) -> Path | None:
    """Put `backup` back as `db_path`. The current file is kept first: as a backup when it
    is intact, else renamed aside. Returns where the old file went.

    The current file is held exclusively while it is judged and kept: a colleague's
    commit cannot fall between the copy and the restore, and a file that is only busy is
    never taken for damaged (DatabaseLocked, nothing changed)."""
    if not verify(backup):
        raise BackupFailed(f"{backup.name} is geen intacte reservekopie; er is niets teruggezet.")
    kept: Path | None = None
    if db_path.exists():
        guard = _hold_exclusively(db_path)
        try:
            intact = guard is not None and _intact(guard)
            if intact:
                kept = _copy_held(db_path)
            if guard is not None:
                # Released only now; the restore below takes the lock again at once.
                guard.execute("ROLLBACK")
        finally:
            if guard is not None:
                guard.close()
        if not intact:
            kept = set_aside(db_path)
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(db_path, timeout=RESTORE_WAIT_S)
    try:
        src.backup(dest)  # one transaction on the destination: all pages or none
    finally:
        dest.close()
        src.close()
    if not verify(db_path):
        raise BackupFailed("Het teruggezette bestand is niet intact.")
    return kept


def _hold_exclusively(db_path: Path) -> sqlite3.Connection | None:
    """A connection holding the file's exclusive lock (a crash's journal rolled back
    first); None when SQLite cannot read it as a database at all (damaged). Busy: raises
    DatabaseLocked naming who has it open."""
    try:
        conn = sqlite3.connect(db_path, timeout=RESTORE_WAIT_S, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        error = from_sqlite(exc, db_path)
        if isinstance(error, DatabaseLocked):
            from caseload_desk.store import session

            with contextlib.suppress(sqlite3.Error):
                error = DatabaseLocked(db_path, session.others(conn, None))
        conn.close()
        if isinstance(error, NotADatabase):
            return None
        raise error from exc  # busy, full, read-only, I/O: never taken for damage
    except sqlite3.DatabaseError:
        conn.close()
        return None


def _intact(conn: sqlite3.Connection) -> bool:
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        fk = not conn.execute("PRAGMA foreign_key_check").fetchall()
        return ok and fk and conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite3.DatabaseError:
        return False


def _copy_held(db_path: Path) -> Path:
    """Keep the file as it is now, as a 'voor-herstel' backup: a plain copy is consistent
    while we hold the exclusive lock (no other writer, no journal pending)."""
    folder = backup_folder(db_path)
    private_folder(folder)
    made = datetime.now(UTC)
    final = folder / f"{db_path.stem}-{made.strftime(STAMP)}-voor-herstel.db"
    n = 1
    while final.exists():
        final = folder / f"{db_path.stem}-{made.strftime(STAMP)}-voor-herstel-{n}.db"
        n += 1
    tmp = final.with_suffix(".tmp")
    try:
        shutil.copyfile(db_path, tmp)
        if os.name == "posix":
            tmp.chmod(0o600)
        if not verify(tmp):
            raise BackupFailed("De kopie van het huidige bestand kon niet worden gecontroleerd; "
                               "er is niets teruggezet.")  # fmt: skip
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    rotate(folder)
    return final
