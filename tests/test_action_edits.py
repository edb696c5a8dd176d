"""Editing actions during a conversation, named owners, and the v2 → v3 migration."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner, owner_of
from caseload_desk.store import audit, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION


def _finished_with_action(s) -> tuple[int, int]:
    g1 = conv.start_conversation(s, "W1", "Piet", date(2025, 10, 1))
    a = conv.add_action(s, g1, maatregel_id="M1", omschrijving="Huisbezoek",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=date(2025, 10, 15))  # fmt: skip
    conv.finish_conversation(
        s, g1, peildatum=date(2025, 10, 1), measures=1, onder_druk=1, with_signal=1
    )
    return g1, a


def test_edit_keeps_every_change_with_its_conversation(worker_store) -> None:
    s = worker_store
    _g1, a = _finished_with_action(s)
    g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    assert conv.edit_action(s, g2, a, deadline=date(2025, 12, 20),
                            eigenaar=NamedOwner("Jurist Kees"))  # fmt: skip
    assert not conv.edit_action(s, g2, a, omschrijving=" Huisbezoek ")  # the same text
    [action] = conv.actions_to_follow_up(s, "W1", g2)
    assert action.deadline == date(2025, 12, 20)
    assert action.eigenaar == NamedOwner("Jurist Kees")
    assert action.jeugdige == "Kind"
    assert action.about == "M1 · Kind"
    assert [(c.gesprek_id, c.veld, c.oud, c.nieuw) for c in action.changes] == [
        (g2, "eigenaar", "Jeugdzorgwerker", "Jurist Kees"),
        (g2, "deadline", "15-10-2025", "20-12-2025"),
    ]
    [edit] = [e for e in audit.entries(s) if e.gebeurtenis == "actie_gewijzigd"]
    assert edit.details == f"actie {a}: eigenaar, deadline"  # which fields; never a name


def test_edit_needs_a_draft_and_a_description(worker_store) -> None:
    s = worker_store
    g1, a = _finished_with_action(s)
    with pytest.raises(ValueError, match="lopend gesprek"):
        conv.edit_action(s, g1, a, omschrijving="Anders")
    g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    with pytest.raises(ValueError, match="omschrijving"):
        conv.edit_action(s, g2, a, omschrijving="   ")


def test_discarding_a_draft_undoes_its_edits(worker_store) -> None:
    s = worker_store
    _g1, a = _finished_with_action(s)
    g2 = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    conv.edit_action(s, g2, a, omschrijving="Eerst bellen")
    conv.edit_action(s, g2, a, omschrijving="Toch huisbezoek", deadline=date(2026, 1, 5))
    conv.follow_up(s, g2, a, ActionStatus.LOOPT_NOG, "gepland")
    conv.discard_draft(s, g2)
    [action] = conv.open_actions(s, "W1")
    assert (action.omschrijving, action.deadline, action.changes) == (
        "Huisbezoek",
        date(2025, 10, 15),
        (),
    )


def test_deleting_an_edited_new_action(worker_store) -> None:
    s = worker_store
    g = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    a = conv.add_action(s, g, maatregel_id=None, omschrijving="Scholing",
                        eigenaar=ActionOwner.TEAMLEIDER, deadline=date(2025, 12, 1))  # fmt: skip
    conv.edit_action(s, g, a, omschrijving="Scholing plannen")
    conv.delete_action(s, a)
    assert conv.actions_of_conversation(s, g) == []


def test_named_owners_are_remembered_newest_first(worker_store) -> None:
    s = worker_store
    g = conv.start_conversation(s, "W1", "Piet", date(2025, 11, 1))
    for who in ("Kees (jurist)", "Gedragswetenschapper", "Fatima", "Kees (jurist)"):
        conv.add_action(s, g, maatregel_id=None, omschrijving="x", eigenaar=owner_of(who),
                        deadline=date(2025, 12, 1))  # fmt: skip
    assert conv.named_owners(s) == ["Kees (jurist)", "Fatima"]


@pytest.mark.parametrize(
    ("typed", "owner"),
    [
        ("medewerker", ActionOwner.MEDEWERKER),
        ("Jeugdzorgwerker", ActionOwner.MEDEWERKER),
        ("  praktijkbegeleider ", ActionOwner.PRAKTIJKBEGELEIDER),
        ("Teamleider", ActionOwner.TEAMLEIDER),
        ("gedragswetenschapper", ActionOwner.GEDRAGSWETENSCHAPPER),
        ("Kees  de  Jong", NamedOwner("Kees de Jong")),
    ],
)
def test_owner_of(typed: str, owner) -> None:
    assert owner_of(typed) == owner
    assert owner_of(owner.value) == owner


def test_owner_of_refuses_nothing() -> None:
    with pytest.raises(ValueError, match="eigenaar"):
        owner_of("  ")


def test_version_2_file_keeps_its_work_after_migrating(tmp_path: Path) -> None:
    """A file from the previous version: actions and follow-ups survive the table rebuild,
    foreign keys hold, and a named owner can be stored afterwards."""
    path = tmp_path / "oud.db"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("BEGIN")
    for step in MIGRATIONS[:2]:
        step(raw)
    raw.execute("PRAGMA user_version = 2")
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    raw.execute("INSERT INTO maatregelen VALUES ('M1', 'W1', 'Kind', 'OTS', '2025-01-01', "
                "NULL, 'vast', 1)")  # fmt: skip
    raw.execute("INSERT INTO gesprekken (id, medewerker_id, datum, aangemaakt_op, status) "
                "VALUES (1, 'W1', '2025-10-01', 'x', 'afgerond')")  # fmt: skip
    raw.execute("INSERT INTO gesprekken (id, medewerker_id, datum, aangemaakt_op) "
                "VALUES (2, 'W1', '2025-11-01', 'x')")  # fmt: skip
    raw.execute("INSERT INTO acties VALUES (7, 1, 'W1', 'M1', 'Bellen', 'praktijkbegeleider', "
                "'2025-10-20', 'loopt_nog', 'x')")  # fmt: skip
    raw.execute("INSERT INTO opvolgingen (actie_id, gesprek_id, status, notitie, datum) "
                "VALUES (7, 2, 'loopt_nog', 'Overdracht in december', '2025-11-01')")  # fmt: skip
    raw.execute("COMMIT")
    raw.close()

    with open_store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert s.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        [a] = conv.actions_of_worker(s, "W1")
        assert (a.id, a.eigenaar, a.status) == (7, ActionOwner.PRAKTIJKBEGELEIDER,
                                                 ActionStatus.LOOPT_NOG)  # fmt: skip
        assert [f.notitie for f in a.follow_ups] == ["Overdracht in december"]
        conv.edit_action(s, 2, 7, eigenaar=NamedOwner("Kees"))
        with pytest.raises(sqlite3.IntegrityError):  # the rebuilt table still checks references
            s.conn.execute("INSERT INTO opvolgingen (actie_id, gesprek_id, status, datum) "
                           "VALUES (99, 2, 'afgerond', '2025-11-01')")  # fmt: skip
    assert list(tmp_path.rglob("*voor-migratie*")), "a copy is kept before migrating"
