"""Throwing a draft conversation away: gone with its actions, and in the audit log, in one
transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from caseload_desk.domain import ActionOwner
from caseload_desk.store import audit, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.store.drafts import discard_draft, drafts_by_worker
from tests.conftest import DEMO_DATE


def draft_with_action(s, worker: str = "W001") -> tuple[int, str]:
    gesprek = conv.start_conversation(s, worker, "Piet", DEMO_DATE)
    (measure,) = s.conn.execute(
        "SELECT min(maatregel_id) FROM maatregelen WHERE medewerker_id = ?", (worker,)
    ).fetchone()
    conv.add_action(s, gesprek, maatregel_id=measure, omschrijving="Huisbezoek plannen",
                    eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
    return gesprek, measure


def discarded(s, worker: str) -> list[audit.AuditEntry]:
    return [
        e
        for e in audit.entries(s, medewerker_id=worker)
        if e.gebeurtenis == audit.Event.GESPREK_VERWIJDERD.value
    ]


def test_a_discarded_draft_is_gone_and_in_the_audit_log(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gesprek, measure = draft_with_action(s)
        assert drafts_by_worker(s)["W001"].id == gesprek
        discard_draft(s, gesprek)
        assert "W001" not in drafts_by_worker(s)
        assert conv.get_conversation(s, gesprek) is None
        assert conv.actions_of_conversation(s, gesprek) == []
        [entry] = discarded(s, "W001")
        assert entry.details == f"concept-gesprek {gesprek} van 23-11-2026 weggegooid"
        assert entry.maatregelen == measure  # ids only, never a name
        assert audit.verify_chain(s) == []


def test_a_finished_conversation_cannot_be_discarded(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        finished = next(c for c in conv.conversations(s, "W001") if c.afgerond)
        with pytest.raises(ValueError):
            discard_draft(s, finished.id)
        assert conv.get_conversation(s, finished.id) is not None
        assert discarded(s, "W001") == []


def test_without_its_audit_entry_the_draft_stays(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gesprek, _measure = draft_with_action(s)
        # The audit log refuses every new entry (as a full disk would refuse the write).
        s.conn.execute(
            "CREATE TEMP TRIGGER weiger BEFORE INSERT ON auditlog "
            "BEGIN SELECT RAISE(ABORT, 'auditlog vol'); END"
        )
        with pytest.raises(sqlite3.DatabaseError):
            discard_draft(s, gesprek)
        s.conn.execute("DROP TRIGGER weiger")
        assert drafts_by_worker(s)["W001"].id == gesprek
        assert len(conv.actions_of_conversation(s, gesprek)) == 1
        assert discarded(s, "W001") == []
