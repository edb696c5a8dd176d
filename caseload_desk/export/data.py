"""Gather what an action list shows: actions, signals and conversations of some workers.

The list shows what was agreed: finished conversations only. A conversation that is still
a draft has not been agreed with the worker, so its new actions, its follow-ups and its
edits of earlier actions are left out; the sheets say that a draft was left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from caseload_desk.dates import parse_date
from caseload_desk.domain import ActionStatus, owner_of
from caseload_desk.signals import MeasureSignals
from caseload_desk.store import Store, audit
from caseload_desk.store import conversations as conv
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import Worker, measures_by_id, workers
from caseload_desk.store.workload import load_workload_settings, worker_loads
from caseload_desk.words import count
from caseload_desk.workload import DEFAULT_WORKLOAD_SETTINGS, WorkerLoad, WorkloadSettings


@dataclass(frozen=True)
class ActionListData:
    title: str  # e.g. the worker's name, the team, or "alle medewerkers"
    peildatum: date
    workers: list[Worker]
    actions: list[conv.Action]
    signals: list[MeasureSignals]
    conversations: list[conv.Conversation]  # finished ones
    children: dict[str, str]  # maatregel_id -> jeugdige
    worker_names: dict[str, str]
    drafts: tuple[conv.Conversation, ...] = ()  # left out: not yet agreed
    audit_mark: str = ""  # the audit log's head when gathered (`audit.anchor_mark`)
    # The Werklast sheet (a team or everyone): each worker's load, by medewerker_id.
    workloads: tuple[WorkerLoad, ...] = ()
    workload_settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS


def select_workers(
    store: Store, medewerker_id: str | None = None, team: str | None = None
) -> list[Worker]:
    everyone = workers(store)
    if medewerker_id is not None:
        return [w for w in everyone if w.medewerker_id == medewerker_id]
    if team is not None:
        return [w for w in everyone if w.team.lower() == team.lower()]
    return everyone


def as_agreed(action: conv.Action, drafts: set[int]) -> conv.Action:
    """The action as the finished conversations left it: without the follow-ups and edits
    of a draft (whose edits are undone with the value they replaced)."""
    follow_ups = tuple(f for f in action.follow_ups if f.gesprek_id not in drafts)
    changes = tuple(c for c in action.changes if c.gesprek_id not in drafts)
    if len(follow_ups) == len(action.follow_ups) and len(changes) == len(action.changes):
        return action
    before: dict[str, str] = {}
    for c in action.changes:
        if c.gesprek_id in drafts:
            before.setdefault(c.veld, c.oud)  # the first edit in the draft holds the old value
    # `oud` is stored as shown: an owner by its label, a deadline as dd-mm-jjjj.
    return replace(
        action,
        follow_ups=follow_ups,
        changes=changes,
        status=follow_ups[-1].status if follow_ups else ActionStatus.OPEN,
        omschrijving=before.get("omschrijving", action.omschrijving),
        eigenaar=owner_of(before["eigenaar"]) if "eigenaar" in before else action.eigenaar,
        deadline=parse_date(before["deadline"]) if "deadline" in before else action.deadline,
    )


def _listed_actions(
    store: Store, worker_id: str, finished: list[conv.Conversation], drafts: set[int]
) -> list[conv.Action]:
    """Every open action, plus those closed in the worker's latest finished conversation."""
    latest = finished[-1].id if finished else None
    listed = []
    for a in conv.actions_of_worker(store, worker_id):
        if a.gesprek_id in drafts:
            continue
        a = as_agreed(a, drafts)
        closed_in_latest = a.last_follow_up is not None and a.last_follow_up.gesprek_id == latest
        if a.status.is_open or closed_in_latest:
            listed.append(a)
    return listed


def gather(
    store: Store,
    chosen: list[Worker],
    title: str,
    peildatum: date,
    *,
    with_workload: bool = False,
) -> ActionListData:
    """Everything the list shows; `with_workload` adds the Werklast sheet's rows (for a
    team or everyone: one worker's load belongs in the conversation, not in their list)."""
    actions: list[conv.Action] = []
    signals: list[MeasureSignals] = []
    finished: list[conv.Conversation] = []
    drafts: list[conv.Conversation] = []
    for w in chosen:
        history = conv.conversations(store, w.medewerker_id)
        done = [c for c in history if c.afgerond]
        left_out = [c for c in history if not c.afgerond]
        actions += _listed_actions(store, w.medewerker_id, done, {c.id for c in left_out})
        signals += caseload_signals(store, peildatum, w.medewerker_id)
        finished += done
        drafts += left_out
    ids = sorted(
        {s.maatregel_id for s in signals} | {a.maatregel_id for a in actions if a.maatregel_id}
    )
    children = {mid: m.jeugdige for mid, m in measures_by_id(store, ids).items()}
    actions.sort(key=lambda a: (a.medewerker_id, a.deadline, a.id))
    signals.sort(key=lambda s: s.maatregel_id)
    finished.sort(key=lambda c: (c.datum, c.id))
    loads: tuple[WorkerLoad, ...] = ()
    settings = DEFAULT_WORKLOAD_SETTINGS
    if with_workload:
        settings = load_workload_settings(store)
        ids = {w.medewerker_id for w in chosen}
        loads = tuple(
            w for w in worker_loads(store, peildatum, settings=settings) if w.medewerker_id in ids
        )
    return ActionListData(
        title, peildatum, chosen, actions, signals, finished, children,
        {w.medewerker_id: w.naam for w in chosen}, tuple(drafts), audit.anchor_mark(store),
        loads, settings,
    )  # fmt: skip


def measure_ids(data: ActionListData) -> list[str]:
    """The measures an action list shows (its signals and its actions), for the audit log:
    ids only, never the children's names the list itself contains."""
    ids = {s.maatregel_id for s in data.signals}
    ids.update(a.maatregel_id for a in data.actions if a.maatregel_id)
    return sorted(ids)


def export_details(data: ActionListData) -> str:
    """What an export contained, in counts (the audit's details; no names, no file name)."""
    return (
        f"actielijst: {count(len(data.workers), 'medewerker', 'medewerkers')}, "
        f"{count(len(measure_ids(data)), 'maatregel', 'maatregelen')}, "
        f"{count(len(data.actions), 'actie', 'acties')}, peildatum {data.peildatum.isoformat()}"
    )


def default_file_name(title: str, peildatum: date) -> str:
    """`Actielijst <medewerker> <datum>.xlsx`, safe on every file system."""
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip()
    return f"Actielijst {safe} {peildatum.isoformat()}.xlsx"
