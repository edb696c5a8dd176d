"""The store: opening files safely, migrations, settings, conversations and actions."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from caseload_desk.domain import ActionOwner, ActionStatus, MeasureType
from caseload_desk.signals import Periods, SignalSettings
from caseload_desk.store import (
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    ReadOnlyStore,
    open_store,
)
from caseload_desk.store import conversations as conv
from caseload_desk.store.schema import APPLICATION_ID, SCHEMA_VERSION
from caseload_desk.store.settings import load_settings, save_settings
from tests.conftest import data_checksum


def test_new_file_is_versioned_with_foreign_keys(db_path: Path) -> None:
    with open_store(db_path, create=True) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        with pytest.raises(sqlite3.IntegrityError):
            s.conn.execute(
                "INSERT INTO contacten (maatregel_id, datum, met) VALUES ('nope', '2025-01-01', 'ouder')"
            )


def test_missing_file_is_not_created(db_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        open_store(db_path)
    assert not db_path.exists()


@pytest.mark.parametrize(
    "damage",
    ["text", "zeroed_header", "truncated", "flipped"],
)
def test_damaged_files_are_reported_and_left_alone(demo_db: Path, damage: str) -> None:
    data = bytearray(demo_db.read_bytes())
    if damage == "text":
        data = bytearray(b"dit is een tekstbestand\n" * 100)
    elif damage == "zeroed_header":
        data[:100] = bytes(100)
    elif damage == "truncated":
        data = data[: len(data) // 3]
    else:  # flip bytes across the b-tree pages
        for i in range(4096, len(data), 997):
            data[i] ^= 0xFF
    demo_db.write_bytes(bytes(data))
    with pytest.raises(NotADatabase) as info:
        open_store(demo_db)
    assert "Het bestand is niet gewijzigd" in str(info.value)
    assert demo_db.read_bytes() == bytes(data)


def test_newer_schema_is_refused_for_writing(db_path: Path) -> None:
    open_store(db_path, create=True).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = data_checksum(db_path)
    with pytest.raises(NewerSchema, match="nieuwere versie"):
        open_store(db_path)
    assert data_checksum(db_path) == before


def test_read_only_store_refuses_writes(demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as s:
        assert s.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0] > 0
        with pytest.raises(ReadOnlyStore):
            conv.start_conversation(s, "W001", "PB", date(2026, 11, 23))


def test_settings_round_trip(store) -> None:
    assert load_settings(store) == SignalSettings()
    custom = SignalSettings(default=Periods(2, 9, 10)).with_type(
        MeasureType.VOOGDIJ, Periods(1, 6, 6)
    )
    save_settings(store, custom)
    assert load_settings(store) == custom


def test_extra_days_round_trip(store) -> None:
    extra = {date(2026, 5, 15): "vrijdag na Hemelvaart", date(2026, 12, 24): ""}
    save_settings(store, SignalSettings().with_extra_days(extra), details="vrije dagen")
    loaded = load_settings(store)
    assert dict(loaded.calendar.extra) == extra
    rows = store.conn.execute("SELECT datum, omschrijving FROM vrije_dagen ORDER BY datum")
    assert rows.fetchall() == [("2026-05-15", "vrijdag na Hemelvaart"), ("2026-12-24", "")]
    save_settings(store, loaded.with_extra_days({}))
    assert load_settings(store) == SignalSettings()


def test_action_follow_up_history(worker_store) -> None:
    s = worker_store
    g1 = conv.start_conversation(s, "W1", "Piet", date(2025, 10, 1))
    a = conv.add_action(s, g1, maatregel_id="M1", omschrijving=" Huisbezoek ",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip
    b = conv.add_action(s, g1, maatregel_id=None, omschrijving="Scholing",
                        eigenaar=ActionOwner.PRAKTIJKBEGELEIDER, deadline=date(2025, 12, 1))  # fmt: skip
    conv.finish_conversation(
        s, g1, peildatum=date(2025, 10, 1), measures=1, onder_druk=1, with_signal=1
    )
    assert [x.id for x in conv.open_actions(s, "W1")] == [a, b]

    g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    assert {x.id for x in conv.actions_to_follow_up(s, "W1", g2)} == {a, b}
    conv.follow_up(s, g2, a, ActionStatus.LOOPT_NOG, "afspraak staat")
    conv.follow_up(s, g2, b, ActionStatus.AFGEROND, "gedaan")
    conv.follow_up(s, g2, b, ActionStatus.VERVALLEN, "toch niet nodig")  # corrected
    # Both stay in the follow-up list of this conversation, so they can still be corrected.
    assert {x.id for x in conv.actions_to_follow_up(s, "W1", g2)} == {a, b}
    conv.finish_conversation(
        s, g2, peildatum=date(2025, 11, 1), measures=1, onder_druk=0, with_signal=1
    )

    g3 = conv.start_conversation(s, "W1", "Piet", date(2025, 12, 1))
    [left] = conv.actions_to_follow_up(s, "W1", g3)
    assert left.id == a and left.status is ActionStatus.LOOPT_NOG
    conv.follow_up(s, g3, a, ActionStatus.AFGEROND, "geweest")
    [hist] = conv.actions_of_measure(s, "M1")
    assert hist.omschrijving == "Huisbezoek"
    assert [(f.gesprek_id, f.status) for f in hist.follow_ups] == [
        (g2, ActionStatus.LOOPT_NOG),
        (g3, ActionStatus.AFGEROND),
    ]
    assert hist.gesprek_datum == date(2025, 10, 1)
    assert conv.open_actions(s, "W1") == []


def test_discard_draft_restores_statuses(worker_store) -> None:
    s = worker_store
    g1 = conv.start_conversation(s, "W1", "Piet", date(2025, 10, 1))
    a = conv.add_action(s, g1, maatregel_id="M1", omschrijving="X",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip
    conv.finish_conversation(
        s, g1, peildatum=date(2025, 10, 1), measures=1, onder_druk=0, with_signal=0
    )
    g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    conv.follow_up(s, g2, a, ActionStatus.AFGEROND)
    conv.add_action(s, g2, maatregel_id="M1", omschrijving="Y",
                    eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 11, 15))  # fmt: skip
    assert conv.draft_conversation(s, "W1").id == g2
    conv.discard_draft(s, g2)
    assert [(x.id, x.status) for x in conv.open_actions(s, "W1")] == [(a, ActionStatus.OPEN)]
    assert conv.draft_conversation(s, "W1") is None
    with pytest.raises(ValueError):
        conv.discard_draft(s, g1)


def test_actions_need_a_description(worker_store) -> None:
    g = conv.start_conversation(worker_store, "W1", "Piet", date(2025, 10, 1))
    with pytest.raises(ValueError, match="omschrijving"):
        conv.add_action(worker_store, g, maatregel_id="M1", omschrijving="  ",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip


def test_overdue_actions_reach_the_signals(worker_store) -> None:
    from caseload_desk.store.facts import caseload_signals

    g = conv.start_conversation(worker_store, "W1", "Piet", date(2025, 10, 1))
    conv.add_action(worker_store, g, maatregel_id="M1", omschrijving="X",
                    eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip
    [on_time] = caseload_signals(worker_store, date(2025, 10, 15))
    [late] = caseload_signals(worker_store, date(2025, 10, 16))
    assert (on_time.overdue_actions, late.overdue_actions) == (0, 1)


def test_chunked_facts_equal_single_query(demo_file) -> None:
    from caseload_desk.store.facts import iter_facts, iter_facts_chunked
    from tests.conftest import DEMO_DATE

    with open_store(demo_file, read_only=True) as s:
        whole = list(iter_facts(s, DEMO_DATE))
        for size in (1, 7, 50, 10_000):
            assert list(iter_facts_chunked(s, DEMO_DATE, size)) == whole


def test_settings_of_a_file_without_the_extra_days_table(store) -> None:
    # A file of schema 4 opened read-only is not migrated: it has no vrije_dagen yet.
    store.conn.execute("DROP TABLE vrije_dagen")
    assert load_settings(store) == SignalSettings()
