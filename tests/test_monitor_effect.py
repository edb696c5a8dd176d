"""Effect of the conversations, through the real store: conversations, actions, rules."""

from __future__ import annotations

from datetime import date

from caseload_desk.domain import ActionOwner
from caseload_desk.importer.apply import apply_export
from caseload_desk.importer.parse import ContactRow, MeasureRow, ParsedExport, WorkerRow
from caseload_desk.monitor import Scope
from caseload_desk.store import memory_store
from caseload_desk.store.conversations import add_action, finish_conversation, start_conversation
from caseload_desk.store.monitor_effect import scope_effect_total, scope_effects, worker_effects

START = "2024-01-01"  # long ago: without contact, plan or risicotaxatie a measure is onder druk


def make_store():
    parsed = ParsedExport(
        workers=[
            WorkerRow("W1", "Een", "Team A", "Noord", "PB"),
            WorkerRow("W2", "Twee", "Team A", "Noord", "PB"),
            WorkerRow("W3", "Drie", "Team B", "Zuid", "PB"),
        ],
    )
    ends = {"M5": "2025-03-15"}
    for mid in ("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8"):
        worker = {"M7": "W2", "M8": "W3"}.get(mid, "W1")
        parsed.measures.append(MeasureRow(mid, worker, "X", "OTS", START, ends.get(mid), "vast"))
    parsed.contacts += [
        ContactRow("M1", "2025-03-20", "jeugdige", "face-to-face"),  # after G1: out of onder druk
        ContactRow("M4", "2025-02-20", "ouder", "telefonisch"),  # recent at G1: not onder druk
        ContactRow("M2", "2025-03-20", "netwerk", "face-to-face"),  # not client contact
    ]
    store = memory_store()
    with store.db.atomic():
        apply_export(store.conn, parsed)
        store.conn.execute(
            "UPDATE maatregelen SET uit_export_op = '2025-03-20' WHERE maatregel_id = 'M6'"
        )
    return store


def conversation(store, worker: str, day: date, measures: list[str], *, finish: bool = True) -> int:
    gid = start_conversation(store, worker, "PB", day)
    for mid in measures:
        add_action(store, gid, maatregel_id=mid, omschrijving="Huisbezoek",
                   eigenaar=ActionOwner.MEDEWERKER, deadline=day)  # fmt: skip
    if finish:
        finish_conversation(store, gid, peildatum=day, measures=0, onder_druk=0, with_signal=0)
    return gid


def test_worker_effect_per_conversation() -> None:
    store = make_store()
    g1 = conversation(store, "W1", date(2025, 3, 3), ["M1", "M2", "M4", "M5", "M6"])
    conversation(store, "W1", date(2025, 3, 10), ["M3"], finish=False)  # a draft: ignored
    g2 = conversation(store, "W1", date(2025, 4, 1), ["M2"])
    first, second = worker_effects(store, "W1")
    assert first.gesprek_id == g1 and first.next_gesprek_id == g2
    # M3 had no action, M4 was not onder druk: only these were followed.
    assert first.onder_druk_met_actie == ("M1", "M2", "M5", "M6")
    assert first.niet_meer_onder_druk == ("M1",)
    assert first.nog_onder_druk == ("M2",)
    assert first.beeindigd == ("M5", "M6")  # ended, and left the export
    assert (first.tracked, first.improved) == (4, 1)
    # The last conversation waits for the next one.
    assert second.onder_druk_met_actie == ("M2",)
    assert second.next_gesprek_id is None and second.improved is None
    store.close()


def test_team_total_over_a_period() -> None:
    store = make_store()
    conversation(store, "W1", date(2025, 3, 3), ["M1", "M2"])
    conversation(store, "W1", date(2025, 4, 1), ["M2"])
    conversation(store, "W2", date(2025, 3, 5), ["M7"])
    conversation(store, "W3", date(2025, 3, 5), ["M8"])
    conversation(store, "W3", date(2025, 5, 5), [])
    team_a = scope_effect_total(store, Scope.team("Team A"))
    assert (team_a.gesprekken, team_a.onder_druk_met_actie, team_a.niet_meer_onder_druk,
            team_a.nog_onder_druk, team_a.open_gesprekken) == (1, 2, 1, 1, 2)  # fmt: skip
    assert team_a.pct_improved == 50
    # The period holds the first conversation only; its effect is measured at the next one.
    march = scope_effects(store, Scope.team("Team A"), date(2025, 3, 1), date(2025, 3, 31))
    assert [e.datum for e in march] == [date(2025, 3, 3), date(2025, 3, 5)]
    team_b = scope_effect_total(store, Scope.team("Team B"))
    assert (team_b.gesprekken, team_b.nog_onder_druk) == (1, 1)
    assert scope_effect_total(store, Scope()).gesprekken == 2
    store.close()
