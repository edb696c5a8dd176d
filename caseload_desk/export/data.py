"""Gather what an action list shows: actions, signals and conversations of some workers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseload_desk.signals import MeasureSignals
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import Worker, measures_by_id, workers


@dataclass(frozen=True)
class ActionListData:
    title: str  # e.g. the worker's name, the team, or "alle medewerkers"
    peildatum: date
    workers: list[Worker]
    actions: list[conv.Action]
    signals: list[MeasureSignals]
    conversations: list[conv.Conversation]
    children: dict[str, str]  # maatregel_id -> jeugdige
    worker_names: dict[str, str]


def select_workers(
    store: Store, medewerker_id: str | None = None, team: str | None = None
) -> list[Worker]:
    everyone = workers(store)
    if medewerker_id is not None:
        return [w for w in everyone if w.medewerker_id == medewerker_id]
    if team is not None:
        return [w for w in everyone if w.team.lower() == team.lower()]
    return everyone


def _listed_actions(store: Store, worker_id: str) -> list[conv.Action]:
    """Every open action, plus those closed in the worker's latest finished conversation."""
    history = [c for c in conv.conversations(store, worker_id) if c.afgerond]
    latest = history[-1].id if history else None
    listed = []
    for a in conv.actions_of_worker(store, worker_id):
        closed_in_latest = a.last_follow_up is not None and a.last_follow_up.gesprek_id == latest
        if a.status.is_open or closed_in_latest:
            listed.append(a)
    return listed


def gather(store: Store, chosen: list[Worker], title: str, peildatum: date) -> ActionListData:
    actions: list[conv.Action] = []
    signals: list[MeasureSignals] = []
    conversations: list[conv.Conversation] = []
    for w in chosen:
        actions += _listed_actions(store, w.medewerker_id)
        signals += caseload_signals(store, peildatum, w.medewerker_id)
        conversations += conv.conversations(store, w.medewerker_id)
    ids = sorted(
        {s.maatregel_id for s in signals} | {a.maatregel_id for a in actions if a.maatregel_id}
    )
    children = {mid: m.jeugdige for mid, m in measures_by_id(store, ids).items()}
    actions.sort(key=lambda a: (a.medewerker_id, a.deadline, a.id))
    signals.sort(key=lambda s: s.maatregel_id)
    conversations.sort(key=lambda c: (c.datum, c.id))
    return ActionListData(
        title, peildatum, chosen, actions, signals, conversations, children,
        {w.medewerker_id: w.naam for w in chosen},
    )  # fmt: skip


def default_file_name(title: str, peildatum: date) -> str:
    """`Actielijst <medewerker> <datum>.xlsx`, safe on every file system."""
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip()
    return f"Actielijst {safe} {peildatum.isoformat()}.xlsx"
