"""The GUI opens a file at once and checks it in the background: views made meanwhile
are audited once it has passed, and a damaged file turns read-only with a message."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from caseload_desk.store import audit, open_store
from caseload_desk.store.check import CheckState
from tests.conftest import DEMO_DATE, damage_unread_page


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    from caseload_desk.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(
        dialogs, "error", lambda _parent, title, text: shown.append(f"{title}: {text}")
    )
    return shown


def audit_kinds(path: Path) -> list[str]:
    with open_store(path, read_only=True) as s:
        return [e.gebeurtenis for e in audit.entries(s)]


def make_window(qtbot, path: Path, app_settings):
    from caseload_desk.ui import create_main_window

    window = create_main_window(path, app_settings, today=DEMO_DATE)
    qtbot.addWidget(window)
    window.show()
    return window


def test_views_during_the_check_are_audited_after_it_with_their_own_time(
    qtbot, demo_db: Path, app_settings, slow_check
) -> None:
    window = make_window(qtbot, demo_db, app_settings)
    assert window.store.check.state is CheckState.RUNNING
    assert window.caseload.visible_rows()  # the caseload is there before the check ends
    assert "caseload_bekeken" not in audit_kinds(demo_db)  # nothing written yet
    shown_at = time.time()
    qtbot.waitUntil(window.file_checked)
    with open_store(demo_db, read_only=True) as s:
        entry = next(e for e in audit.entries(s) if e.gebeurtenis == "caseload_bekeken")
        assert audit.verify_chain(s) == []
    assert datetime.fromisoformat(entry.tijdstip).timestamp() <= shown_at + 0.05
    window.close()


def test_closing_during_the_check_still_audits_what_was_seen(
    qtbot, demo_db: Path, app_settings, slow_check
) -> None:
    window = make_window(qtbot, demo_db, app_settings)
    assert window.store.check.state is CheckState.RUNNING
    window.close()
    assert "caseload_bekeken" in audit_kinds(demo_db)


def test_damaged_file_turns_read_only_with_a_message_and_stays_untouched(
    qtbot, demo_db: Path, app_settings, errors
) -> None:
    damaged = damage_unread_page(demo_db)
    window = make_window(qtbot, demo_db, app_settings)
    qtbot.waitUntil(window.file_checked)
    assert window.store.read_only
    assert window.banner.isVisible() and "beschadigd" in window.banner.text()
    assert not window.start_button.isEnabled() and not window.import_action.isEnabled()
    assert window.start_conversation() is None
    assert len(errors) == 1 and "beschadigd" in errors[0] and "alleen-lezen" in errors[0]
    window.select_worker("W002")  # looking is still possible; nothing is written
    assert "auditlog" not in window.statusBar().currentMessage()  # no false alarm
    window.close()
    assert demo_db.read_bytes() == damaged


def test_damaged_file_with_a_backup_offers_to_restore_it(
    qtbot, demo_db: Path, app_settings, errors, monkeypatch
) -> None:
    from caseload_desk.store import backup
    from caseload_desk.ui.window_file import DatabaseSession

    with open_store(demo_db, auto_backup=False) as s:
        backup.make_backup(s.conn, demo_db, "test")
    damage_unread_page(demo_db)
    offered: list[str] = []

    def offer(self, path: Path, problem: str) -> bool:
        offered.append(problem)
        return self.restore_backup(path, backup.newest_verified(path).path)

    monkeypatch.setattr(DatabaseSession, "offer_restore", offer)
    window = make_window(qtbot, demo_db, app_settings)
    qtbot.waitUntil(lambda: bool(offered))
    qtbot.waitUntil(window.file_checked)  # the restored file's own check
    assert "beschadigd" in offered[0]
    assert not window.store.read_only and not window.banner.isVisible()
    assert window.store.check.state is CheckState.PASSED
    assert errors == []
    window.close()
    with open_store(demo_db) as s:  # the synchronous check agrees: the file is sound
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0


def test_views_not_yet_written_are_written_on_close(qtbot, main_window) -> None:
    path = main_window.db_path
    main_window.select_worker("W003")
    assert len(main_window.session.pending_audit)  # waiting for the audit timer
    main_window.close()
    with open_store(path, read_only=True) as s:
        assert [
            e for e in audit.entries(s, medewerker_id="W003") if e.gebeurtenis == "caseload_bekeken"
        ]
