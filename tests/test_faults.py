"""Fault tests: crashes, full disks, locks, failed migrations. Nothing confirmed is lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from caseload_desk.demo import generate_export
from caseload_desk.domain import ActionOwner
from caseload_desk.importer import import_export
from caseload_desk.importer.writer import export_tables, write_csv_folder
from caseload_desk.store import (
    DatabaseLocked,
    StoreError,
    backup,
    open_store,
    schema,
)
from caseload_desk.store import conversations as conv
from caseload_desk.store.errors import DiskFull
from tests.conftest import DEMO_DATE

ROOT = Path(__file__).resolve().parent.parent
DATA_TABLES = ("medewerkers", "maatregelen", "contacten", "plannen_van_aanpak", "risicotaxaties",
               "gesprekken", "acties", "opvolgingen", "importlog")  # fmt: skip


def state(db: Path) -> tuple:
    """The users' and imported data (not sessions, audit or backups), after SQLite has
    rolled back any hot journal, plus proof that the file is intact."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        queries = [f"SELECT * FROM {t} ORDER BY 1" for t in DATA_TABLES[:-1]]
        queries.append("SELECT id, bron, samenvatting FROM importlog ORDER BY 1")  # not the time
        return tuple(tuple(conn.execute(q).fetchall()) for q in queries)
    finally:
        conn.close()


def run_python(code: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, **kwargs,
    )  # fmt: skip


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL, as a power cut or a task manager would, and close our pipe ends."""
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            pipe.close()


@pytest.fixture(scope="module")
def big_export(tmp_path_factory) -> Path:
    """An export that takes a noticeable time to import (several seeds' worth)."""
    folder = tmp_path_factory.mktemp("export") / "csv"
    parsed = generate_export(3, DEMO_DATE)
    for seed in range(4, 14):  # more contacts per measure, same ids: a realistic big import
        parsed.contacts.extend(generate_export(seed, DEMO_DATE).contacts)
    parsed.contacts = [
        c for c in parsed.contacts if c.maatregel_id in {m.maatregel_id for m in parsed.measures}
    ]
    write_csv_folder(export_tables(parsed), folder)
    return folder


def test_sigkill_during_import_leaves_old_or_new(tmp_path: Path, big_export: Path) -> None:
    db = tmp_path / "c.db"
    with open_store(db, create=True) as s:
        from caseload_desk.demo import create_demo

        create_demo(s, seed=1, today=DEMO_DATE)
    old = state(db)
    start = time.monotonic()
    with open_store(db) as s:
        pass
    finished = tmp_path / "ref.db"
    finished.write_bytes(db.read_bytes())
    with open_store(finished) as s:
        import_export(big_export, s)
    new = state(finished)
    duration = max(time.monotonic() - start, 0.5)
    outcomes = set()
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9, 1.2):
        proc = run_python(f"""
            from caseload_desk.store import open_store
            from caseload_desk.importer import import_export
            with open_store({str(db)!r}) as s:
                import_export({str(big_export)!r}, s)
        """)
        time.sleep(duration * fraction)
        kill(proc)
        now = state(db)
        assert now in (old, new), f"killed at {fraction:.0%}: neither old nor new state"
        outcomes.add("new" if now == new else "old")
        if now == new:
            break
    assert outcomes  # at least one kill happened; both outcomes are acceptable
    with open_store(db) as s:  # and the file opens normally afterwards
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0


def test_sigkill_while_saving_actions_keeps_every_confirmed_one(demo_db: Path) -> None:
    proc = run_python(f"""
        import sys
        from datetime import date
        from caseload_desk.domain import ActionOwner
        from caseload_desk.store import open_store
        from caseload_desk.store import conversations as conv
        with open_store({str(demo_db)!r}) as s:
            gid = conv.start_conversation(s, "W001", "PB", date(2026, 11, 23))
            for i in range(100000):
                conv.add_action(s, gid, maatregel_id=None, omschrijving=f"actie {{i}}",
                                eigenaar=ActionOwner.MEDEWERKER, deadline=date(2026, 12, 1))
                print(i, flush=True)  # printed only after the commit returned
    """)
    confirmed = -1
    deadline = time.monotonic() + 20
    while confirmed < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip().isdigit():
            confirmed = int(line)
    kill(proc)
    assert confirmed >= 40
    state(demo_db)  # intact
    with open_store(demo_db) as s:
        assert s.unclean_shutdown  # noticed, and the full check passed
        saved = {
            r[0]
            for r in s.conn.execute(
                "SELECT omschrijving FROM acties WHERE omschrijving LIKE 'actie %'"
            )
        }
    assert {f"actie {i}" for i in range(confirmed + 1)} <= saved


def test_disk_full_during_import(tmp_path: Path, big_export: Path) -> None:
    db = tmp_path / "c.db"
    with open_store(db, create=True) as s:
        from caseload_desk.demo import create_demo

        create_demo(s, seed=1, today=DEMO_DATE)
    old = state(db)
    with open_store(db) as s:
        pages = s.conn.execute("PRAGMA page_count").fetchone()[0]
        s.conn.execute(f"PRAGMA max_page_count = {pages + 3}")
        with pytest.raises(DiskFull, match="schijf"):
            import_export(big_export, s)
    assert state(db) == old


def test_locked_by_second_process_then_retry(demo_db: Path) -> None:
    with open_store(demo_db):
        pass  # today's automatic backup is made now, not while the file is locked
    holder = run_python(
        f"""
        import sys
        from caseload_desk.store import open_store
        s = open_store({str(demo_db)!r})
        sys.stdin.readline()  # wait until the test has the file open as well
        s.conn.execute("BEGIN IMMEDIATE")
        s.conn.execute("UPDATE medewerkers SET team = team")
        print("locked", flush=True)
        sys.stdin.readline()  # hold the write lock until told to let go
        s.conn.execute("ROLLBACK")
        s.close()
        """,
        stdin=subprocess.PIPE,
    )

    def tell_holder() -> None:
        holder.stdin.write("\n")
        holder.stdin.flush()

    with open_store(demo_db) as s:
        tell_holder()
        assert holder.stdout.readline().strip() == "locked"
        before = state(demo_db)
        s.conn.execute("PRAGMA busy_timeout = 300")  # keep the test quick
        gid = s.conn.execute("SELECT max(id) FROM gesprekken").fetchone()[0]
        with pytest.raises(DatabaseLocked) as info:
            conv.add_action(s, gid, maatregel_id=None, omschrijving="Huisbezoek",
                            eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
        message = str(info.value)
        assert "in gebruik door" in message and " op " in message  # names user and host
        assert "niets van wat u invoerde is verloren" in message
        tell_holder()
        holder.wait(timeout=10)
        holder.stdin.close()
        holder.stdout.close()
        assert state(demo_db) == before  # no partial write
        conv.add_action(s, gid, maatregel_id=None, omschrijving="Huisbezoek",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
    with open_store(demo_db) as s:
        count = s.conn.execute("SELECT count(*) FROM acties WHERE omschrijving='Huisbezoek'")
        assert count.fetchone()[0] == 1


def test_migration_failing_half_way_keeps_old_file(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "oud.db"
    conn = sqlite3.connect(db, isolation_level=None)
    schema.MIGRATIONS[0](conn)  # a file at schema version 1
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    conn.close()
    before = db.read_bytes()

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        c.execute("DROP TABLE medewerkers")
        raise RuntimeError("migratie faalt halverwege")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    import caseload_desk.store.connection as connection

    monkeypatch.setattr(connection, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    with pytest.raises(RuntimeError):
        open_store(db)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT naam FROM medewerkers").fetchall() == [("Anna",)]
    assert not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name IN ('half', 'auditlog')"
    ).fetchall()
    conn.close()
    assert db.read_bytes() == before
    made = backup.list_backups(db)
    assert made and made[0].reason == "voor-migratie" and backup.verify(made[0].path)


def test_newer_file_opens_read_only_with_reason(demo_db: Path) -> None:
    conn = sqlite3.connect(demo_db)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    before = demo_db.read_bytes()
    with open_store(demo_db, fallback_read_only=True) as s:
        assert s.read_only and "nieuwere versie" in s.read_only_reason
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0
        with pytest.raises(StoreError):
            conv.start_conversation(s, "W001", "PB", DEMO_DATE)
    assert demo_db.read_bytes() == before


def test_read_only_file_gives_read_only_session(demo_db: Path, monkeypatch) -> None:
    # Tests run as root, for whom chmod does not stop writes: simulate what a user sees.
    import caseload_desk.store.connection as connection

    real = os.access
    monkeypatch.setattr(
        connection.os,
        "access",
        lambda p, mode: False if Path(p) == demo_db and mode == os.W_OK else real(p, mode),
    )
    with open_store(demo_db, fallback_read_only=True) as s:
        assert s.read_only and "alleen-lezen" in s.read_only_reason
    with pytest.raises(StoreError), open_store(demo_db, read_only=True) as s:
        conv.start_conversation(s, "W001", "PB", DEMO_DATE)


def test_gui_shows_read_only_banner(qtbot, demo_db: Path, app_settings, monkeypatch) -> None:
    conn = sqlite3.connect(demo_db)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    from caseload_desk.ui import create_main_window

    window = create_main_window(demo_db, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible() and "nieuwere versie" in window.banner.text()
    window.select_worker("W001")
    assert not window.start_button.isEnabled()
    assert window.start_conversation() is None
    assert not window.import_action.isEnabled()
    window.close()


def test_backup_verify_restore_round_trip(demo_db: Path) -> None:
    original = state(demo_db)
    with open_store(demo_db) as s:
        made = backup.make_backup(s.conn, demo_db, "test")
        assert backup.verify(made.path)
        s.conn.execute("DELETE FROM opvolgingen")
        s.conn.execute("DELETE FROM acties")
    assert state(demo_db) != original
    kept = backup.restore(made.path, demo_db)
    assert state(demo_db) == original
    assert kept is not None and backup.verify(kept)  # the state before restoring is kept too


def test_restore_refuses_damaged_backup_and_sets_damaged_file_aside(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        good = backup.make_backup(s.conn, demo_db, "goed")
    bad = good.path.with_name(good.path.name.replace("goed", "slecht"))
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(backup.BackupFailed):
        backup.restore(bad, demo_db)
    assert backup.newest_verified(demo_db).path == good.path
    original = state(demo_db)
    demo_db.write_bytes(b"\x00" * 4096)  # the live file gets destroyed
    kept = backup.restore(good.path, demo_db)
    assert kept is not None and kept.read_bytes() == b"\x00" * 4096  # never deleted
    assert state(demo_db) == original


def test_rotation_keeps_daily_weekly_monthly(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    folder = tmp_path / "x-reservekopieen"
    folder.mkdir()
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    for hours in range(0, 24 * 400, 6):  # four backups a day for 400 days
        made = now - timedelta(hours=hours)
        (folder / f"x-{made.strftime(backup.STAMP)}-dagelijks.db").write_bytes(b"")
    backup.rotate(folder, now)
    left = sorted(backup._stamp_of(p) for p in folder.glob("*.db"))
    ages = [(now - d).days for d in left]
    assert (
        len(left)
        <= backup.KEEP_NEWEST + backup.KEEP_DAILY + backup.KEEP_WEEKLY + backup.KEEP_MONTHLY
    )
    assert min(ages) == 0 and max(ages) <= 31 * backup.KEEP_MONTHLY
    assert len({d.date() for d in left if (now - d).days < 7}) >= 7  # one for every day
    assert len({(d.year, d.month) for d in left}) >= 6


def test_open_makes_a_daily_backup_once(demo_db: Path) -> None:
    with open_store(demo_db):
        pass
    with open_store(demo_db):
        pass
    daily = [b for b in backup.list_backups(demo_db) if b.reason == "dagelijks"]
    assert len(daily) == 1 and backup.verify(daily[0].path)


def test_import_makes_a_verified_backup_first(demo_db: Path, tmp_path: Path) -> None:
    from tests.exports import xlsx

    with open_store(demo_db) as s:
        import_export(xlsx(tmp_path / "e.xlsx"), s)
    pre = [b for b in backup.list_backups(demo_db) if b.reason == "voor-import"]
    assert len(pre) == 1 and backup.verify(pre[0].path)


def test_audit_chain_detects_tampering(demo_db: Path) -> None:
    from caseload_desk.cli.main import main
    from caseload_desk.store import audit

    with open_store(demo_db) as s:
        audit.record(s, audit.Event.DOSSIER_GEOPEND, medewerker_id="W001", maatregelen=["M10010"])
        assert audit.verify_chain(s) == []
        n = s.conn.execute("SELECT count(*) FROM auditlog").fetchone()[0]
        assert n > 10
        target = s.conn.execute("SELECT id FROM auditlog ORDER BY id LIMIT 1 OFFSET 5").fetchone()[
            0
        ]
        s.conn.execute("UPDATE auditlog SET gebruiker = 'iemand anders' WHERE id = ?", (target,))
        assert audit.verify_chain(s) == [target]
        s.conn.execute("DELETE FROM auditlog WHERE id = ?", (target + 2,))
        assert audit.verify_chain(s) == [target, target + 3]
        entries = audit.entries(s, maatregel_id="M10010")
        assert entries and all("M10010" in e.maatregelen.split(",") for e in entries)
        assert all(e.medewerker_id == "W001" for e in audit.entries(s, medewerker_id="W001"))
    assert main(["audit", "--db", str(demo_db), "--controleer"]) == 2


def test_audit_holds_ids_not_names(demo_db: Path) -> None:
    from caseload_desk.store import audit

    with open_store(demo_db) as s:
        names = {r[0] for r in s.conn.execute("SELECT jeugdige FROM maatregelen")}
        names |= {r[0] for r in s.conn.execute("SELECT naam FROM medewerkers")}
        text = " ".join(f"{e.medewerker_id} {e.maatregelen} {e.details}" for e in audit.entries(s))
    assert not any(name in text for name in names)


def test_gui_views_are_audited(qtbot, main_window) -> None:
    from caseload_desk.store import audit

    main_window.select_worker("W002")
    row = main_window.caseload.visible_rows()[2]
    main_window.caseload.select(row.maatregel_id)
    # Written together shortly after, not one disk flush per click.
    views = ("caseload_bekeken", "dossier_geopend")
    before = audit.entries(main_window.store, medewerker_id="W002")
    assert not [e for e in before if e.gebeurtenis in views]
    qtbot.waitUntil(lambda: not len(main_window.session.pending_audit), timeout=3000)
    events = audit.entries(main_window.store, medewerker_id="W002")
    kinds = [e.gebeurtenis for e in events[:3]]
    assert "dossier_geopend" in kinds and "caseload_bekeken" in kinds
    assert (
        row.maatregel_id
        in audit.entries(main_window.store, maatregel_id=row.maatregel_id)[0].maatregelen
    )
    dialog = main_window.audit_dialog(medewerker_id="W002")
    qtbot.addWidget(dialog)
    assert dialog.view.model().rowCount() == len(events)
    assert "intact" in dialog.state.text()
