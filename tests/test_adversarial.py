"""Issue 13's adversarial cases that are fast enough for every run: concurrent writers,
backups kept for a reason, leftovers of a killed backup, files private to their owner."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from caseload_desk.store import backup, open_store
from caseload_desk.store import conversations as conv

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from caseload_desk.domain import ActionOwner
    from caseload_desk.store import open_store, StoreError
    from caseload_desk.store import conversations as conv
    path, start, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    import time
    failed = 0
    with open_store(path, auto_backup=False) as s:
        gid = conv.start_conversation(s, "W1", "PB", date(2026, 11, 23))
        while time.time() < start:  # opened first: only the writes race each other
            time.sleep(0.001)
        for i in range(n):
            try:
                conv.add_action(s, gid, maatregel_id=None, omschrijving=f"actie {i}",
                                eigenaar=ActionOwner.MEDEWERKER, deadline=date(2026, 12, 1))
            except StoreError:
                failed += 1
            time.sleep(0.002)  # a person saves now and then; back to back, one can starve
    print(failed)
    """
)


def test_two_writers_at_once_both_get_through(tmp_path: Path) -> None:
    """Writes begin IMMEDIATE, so a second writer waits (busy timeout) instead of
    failing at once on the lock upgrade of a deferred transaction."""
    db = tmp_path / "samen.db"
    with open_store(db, create=True) as s:
        s.conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    start = str(datetime.now().timestamp() + 3)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [sys.executable, str(script), str(db), start, "150"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, text=True, env=env) for _ in "ab"]
    failures = [int(p.communicate(timeout=120)[0].strip()) for p in procs]
    assert failures == [0, 0]
    with open_store(db, read_only=True) as s:
        assert len(conv.actions_of_worker(s, "W1")) == 300


def _backup_at(folder: Path, when: datetime, reason: str) -> Path:
    folder.mkdir(exist_ok=True)
    p = folder / f"x-{when.strftime(backup.STAMP)}-{reason}.db"
    p.write_bytes(b"")
    return p


def test_copies_made_for_a_reason_outlive_the_rotation(tmp_path: Path) -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    folder = tmp_path / "x-reservekopieen"
    kept = [
        _backup_at(folder, now - timedelta(hours=3), "voor-herstel"),
        _backup_at(folder, now - timedelta(days=200), "voor-migratie"),
        _backup_at(folder, now - timedelta(days=300), "voor-import"),
    ]
    for h in range(1, 3):  # more backups the same day, which used to push it out
        _backup_at(folder, now - timedelta(hours=h), "dagelijks")
        _backup_at(folder, now - timedelta(hours=h, minutes=30), "handmatig")
    too_old = _backup_at(folder, now - timedelta(days=backup.KEEP_REASON_DAYS + 1), "voor-herstel")
    removed = backup.rotate(folder, now)
    assert all(p.exists() for p in kept)
    assert too_old in removed and not too_old.exists()


def test_a_killed_backup_leaves_nothing_behind(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    with open_store(db, create=True) as s:
        folder = backup.backup_folder(db)
        folder.mkdir()
        left = folder / f"x-{datetime.now(UTC).strftime(backup.STAMP)}-handmatig.tmp"
        left.write_bytes(b"SQLite format 3\x00 namen van kinderen")
        old = datetime.now().timestamp() - 2 * backup.LEFTOVER_AGE_S
        os.utime(left, (old, old))
        busy = folder / "x-nu-bezig.tmp"  # another process's backup in progress: young
        busy.write_bytes(b"")
        backup.make_backup(s.conn, db, "handmatig")
    assert not left.exists()
    assert busy.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_files_with_childrens_names_are_private(tmp_path: Path) -> None:
    """The database, its backup folder and backups, and an export: readable by the owner
    only (0600 in 0700), whatever the umask of the shell that started the app."""
    db = tmp_path / "demo.db"
    export = tmp_path / "export.xlsx"
    code = (
        "import os, sys; os.umask(0o022); from caseload_desk.cli.main import main; "
        f"sys.exit(main(['demo', '--db', {str(db)!r}, '--export', {str(export)!r}]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    backup_cmd = [sys.executable, "-m", "caseload_desk", "backup", "--db", str(db)]
    subprocess.run(backup_cmd, capture_output=True, check=True, env=env)
    folder = backup.backup_folder(db)
    for path in (db, export, *folder.iterdir()):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_killed_backups_leftover_goes_at_the_next_start(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    open_store(db, create=True).close()
    folder = backup.backup_folder(db)
    folder.mkdir()
    left = folder / "x-20261123T120000Z-handmatig.tmp"
    left.write_bytes(b"namen")
    old = datetime.now().timestamp() - 2 * backup.LEFTOVER_AGE_S
    os.utime(left, (old, old))
    with open_store(db, auto_backup=False):
        pass
    assert not left.exists()


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    path, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"BEGIN {mode}")
    print("vast", flush=True)
    time.sleep(seconds)
    if mode == "IMMEDIATE":  # a colleague's save that commits while the restore waits
        conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W9', 'Collega')")
    conn.execute("COMMIT")
    """
)


def _hold(tmp_path: Path, db: Path, mode: str, seconds: float) -> subprocess.Popen:
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    proc = subprocess.Popen([sys.executable, str(script), str(db), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "vast"
    return proc


def _file_with_backup(tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "r.db"
    with open_store(db, create=True) as s:
        s.conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
        made = backup.make_backup(s.conn, db, "handmatig")
    return db, made.path


def test_a_busy_file_is_never_set_aside_as_damaged_by_a_restore(tmp_path: Path) -> None:
    """A colleague holds the file (nothing written, so no journal): the restore says the
    file is in use and changes nothing; before, the healthy file went to .beschadigd."""
    from caseload_desk.store.errors import DatabaseLocked

    db, made = _file_with_backup(tmp_path)
    before = db.read_bytes()
    holder = _hold(tmp_path, db, "EXCLUSIVE", backup.RESTORE_WAIT_S + 3)
    try:
        with pytest.raises(DatabaseLocked, match="in gebruik"):
            backup.restore(made, db)
    finally:
        holder.communicate(timeout=30)
    assert not list(tmp_path.glob("*beschadigd*"))
    assert db.read_bytes() == before


def test_a_colleagues_save_during_a_restore_is_kept(tmp_path: Path) -> None:
    """The colleague commits while the restore waits for the file: that save is in the
    'voor-herstel' copy (before, it fell between the copy and the restore and was lost)."""
    db, made = _file_with_backup(tmp_path)
    holder = _hold(tmp_path, db, "IMMEDIATE", 1.5)
    try:
        kept = backup.restore(made, db)
    finally:
        holder.communicate(timeout=30)
    assert kept is not None and "voor-herstel" in kept.name
    with open_store(kept, read_only=True) as s:
        names = {r[0] for r in s.conn.execute("SELECT medewerker_id FROM medewerkers")}
    assert names == {"W1", "W9"}
