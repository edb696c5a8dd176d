"""Opening with the check in the background (the GUI's way): nothing is written before
the check has passed, a damaged file refuses writes, and closing never hangs."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest

from caseload_desk.store import NotADatabase, open_store, writing
from caseload_desk.store import check as check_module
from caseload_desk.store import conversations as conv
from caseload_desk.store.check import CheckState, FileCheck, StillChecking
from caseload_desk.store.identity import current_host
from tests.conftest import damage_unread_page, data_checksum


def sessions(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT computer, proces FROM sessie").fetchall()
    finally:
        conn.close()


def test_sound_file_opens_then_registers_its_session_once_checked(demo_db: Path) -> None:
    with open_store(demo_db, check="background", auto_backup=False) as s:
        assert s.check is not None and not s.check.full
        s.check.wait_passed()
        assert s.check.state is CheckState.PASSED
        assert sessions(demo_db) == [(current_host(), os.getpid())]
        assert s.session_id is not None
        gid = conv.start_conversation(s, "W001", "PB", date(2026, 11, 23))
        assert gid > 0
    assert sessions(demo_db) == []  # a clean close releases it


def test_damaged_page_refuses_writes_and_the_file_stays_untouched(demo_db: Path) -> None:
    damaged = damage_unread_page(demo_db)
    with open_store(demo_db, check="background", auto_backup=False) as s:
        # Opening reads only the schema: the damaged page is found by the check alone.
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0
        with pytest.raises(NotADatabase, match="beschadigd"):
            s.check.wait_passed()
        assert s.check.state is CheckState.FAILED
        with pytest.raises(NotADatabase):
            conv.start_conversation(s, "W001", "PB", date(2026, 11, 23))
        assert s.session_id is None
    assert demo_db.read_bytes() == damaged  # not even a session row was written


def test_without_deferring_the_same_file_is_refused_at_once(demo_db: Path) -> None:
    damaged = damage_unread_page(demo_db)
    with pytest.raises(NotADatabase, match="beschadigd"):
        open_store(demo_db)
    assert demo_db.read_bytes() == damaged


@pytest.mark.parametrize("damage", ["truncated", "flipped"])
def test_badly_damaged_files_never_change_when_deferred(demo_db: Path, damage: str) -> None:
    data = bytearray(demo_db.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    else:
        for i in range(4096, len(data), 997):
            data[i] ^= 0xFF
    demo_db.write_bytes(bytes(data))
    try:
        s = open_store(demo_db, check="background", auto_backup=False)
    except NotADatabase:
        pass  # found while reading the schema: refused at once
    else:
        with s, pytest.raises(NotADatabase):
            s.check.wait_passed()
    assert demo_db.read_bytes() == bytes(data)


def test_unclean_shutdown_gets_the_full_check_then_the_stale_row_goes(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    with conn:  # a session of this computer whose process is long gone
        conn.execute(
            "INSERT INTO sessie (gebruiker, computer, proces, sinds) VALUES ('x', ?, ?, ?)",
            (current_host(), 2**22 + 12345, "2026-11-22T10:00:00+00:00"),
        )
    conn.close()
    with open_store(demo_db, check="background", auto_backup=False) as s:
        assert s.unclean_shutdown and s.check.full
        s.check.wait_passed()
        assert sessions(demo_db) == [(current_host(), os.getpid())]


def test_migration_checks_first_even_when_deferring(demo_db: Path, monkeypatch) -> None:
    damage_unread_page(demo_db)
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA user_version = 1")  # an older file: opening migrates it
    conn.close()
    before = demo_db.read_bytes()
    with pytest.raises(NotADatabase, match="beschadigd"):
        open_store(demo_db, check="background", auto_backup=False)
    assert demo_db.read_bytes() == before


def test_read_only_session_is_checked_too(demo_db: Path) -> None:
    damage_unread_page(demo_db)
    with (
        open_store(demo_db, read_only=True, check="background") as s,
        pytest.raises(NotADatabase),
    ):
        s.check.wait_passed()


def hold_exclusive(path: Path) -> sqlite3.Connection:
    """Another process committing: readers wait until it lets go."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


def test_a_write_waits_for_the_check_then_goes_ahead(demo_db: Path, slow_check) -> None:
    with open_store(demo_db, check="background", auto_backup=False) as s:
        assert s.check.state is CheckState.RUNNING
        with writing(s):
            s.conn.execute("INSERT INTO instellingen (sleutel, waarde) VALUES ('t', '1')")
        assert s.check.state is CheckState.PASSED
        assert s.session_id is not None


def test_closing_during_the_check_leaves_no_session_and_no_change(
    demo_db: Path, slow_check
) -> None:
    before = data_checksum(demo_db)
    s = open_store(demo_db, check="background", auto_backup=False)
    holder = hold_exclusive(demo_db)  # the check will be waiting for this lock
    try:
        started = time.perf_counter()
        s.close()
        assert time.perf_counter() - started < 1.5
        assert s.check.state is CheckState.CANCELLED
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert sessions(demo_db) == []
    assert data_checksum(demo_db) == before


def test_a_write_gives_up_with_a_message_when_the_check_takes_long(
    demo_db: Path, monkeypatch
) -> None:
    monkeypatch.setattr(check_module, "WRITE_WAIT_S", 0.2)
    holder = hold_exclusive(demo_db)
    try:
        check = FileCheck(demo_db).start()
        with pytest.raises(StillChecking, match="wordt nog gecontroleerd"):
            check.wait_passed()
        started = time.perf_counter()
        check.cancel()  # closing the window: does not wait for the lock
        assert time.perf_counter() - started < 1.0
        assert check.state is CheckState.CANCELLED
    finally:
        holder.execute("COMMIT")
        holder.close()


def test_callbacks_run_once_done_or_at_once_afterwards(demo_db: Path) -> None:
    seen: list[CheckState] = []
    check = FileCheck(demo_db)
    check.add_done_callback(lambda c: seen.append(c.state))
    check.start().wait_passed()
    check._thread.join()
    check.add_done_callback(lambda c: seen.append(c.state))
    assert seen == [CheckState.PASSED, CheckState.PASSED]


def test_skipping_the_check_is_only_for_readers(demo_db: Path) -> None:
    with pytest.raises(ValueError):
        open_store(demo_db, check="skip")
    damage_unread_page(demo_db)  # a background job's reader: the GUI's connection checks
    with open_store(demo_db, read_only=True, check="skip") as s:
        assert s.check is None
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0
