"""The effect of the conversations, from the database: per worker and per scope.

The rules are today's settings, evaluated on each conversation's stored peildatum (the
date its signals were shown), so an effect does not shift when the user looks later.
"""

from __future__ import annotations

from datetime import date

from caseload_desk.monitor.effect import (
    ConversationEffect,
    EffectTotal,
    FinishedConversation,
    conversation_effects,
    total,
)
from caseload_desk.monitor.scope import Scope, ScopeKind
from caseload_desk.signals.evaluate import evaluate_measure
from caseload_desk.signals.settings import SignalSettings
from caseload_desk.store.connection import Store
from caseload_desk.store.facts import _FACTS_SQL, _to_facts
from caseload_desk.store.settings import load_settings

_SCOPE_SQL = {
    ScopeKind.ORGANISATIE: "",
    ScopeKind.MEDEWERKER: " AND g.medewerker_id = :scope",
    ScopeKind.TEAM: " AND w.team = :scope",
    ScopeKind.REGIO: " AND w.regio = :scope",
}


def finished_conversations(
    store: Store, scope: Scope, van: date | None = None, tot: date | None = None
) -> list[FinishedConversation]:
    """The finished conversations of the scope's workers (by current team and region),
    with the measures that got an action in each. `van`/`tot` limit the dates."""
    sql = (
        "SELECT g.id, g.medewerker_id, g.datum, coalesce(g.peildatum, g.datum) "
        "FROM gesprekken g LEFT JOIN medewerkers w ON w.medewerker_id = g.medewerker_id "
        "WHERE g.status = 'afgerond'" + _SCOPE_SQL[scope.kind]
    )
    params: dict[str, str] = {"scope": scope.value}
    if van is not None:
        sql += " AND g.datum >= :van"
        params["van"] = van.isoformat()
    if tot is not None:
        sql += " AND g.datum <= :tot"
        params["tot"] = tot.isoformat()
    rows = store.conn.execute(sql, params).fetchall()
    actions: dict[int, set[str]] = {}
    # Only the actions of these conversations: the same scope, joined the same way.
    for gid, mid in store.conn.execute(
        "SELECT a.gesprek_id, a.maatregel_id FROM acties a "
        "JOIN gesprekken g ON g.id = a.gesprek_id "
        "LEFT JOIN medewerkers w ON w.medewerker_id = g.medewerker_id "
        "WHERE g.status = 'afgerond' AND a.maatregel_id IS NOT NULL" + _SCOPE_SQL[scope.kind],
        params,
    ):
        actions.setdefault(gid, set()).add(mid)
    return [
        FinishedConversation(
            gid, wid, date.fromisoformat(d), date.fromisoformat(p), frozenset(actions.get(gid, ()))
        )
        for gid, wid, d, p in rows
    ]


class _OnderDruk:
    """onder druk of one measure on one peildatum by the real rules, remembered."""

    def __init__(self, store: Store, settings: SignalSettings) -> None:
        self.store, self.settings = store, settings
        self.seen: dict[tuple[str, date], bool | None] = {}

    def __call__(self, maatregel_id: str, p: date) -> bool | None:
        key = (maatregel_id, p)
        if key not in self.seen:
            self.seen[key] = self._evaluate(maatregel_id, p)
        return self.seen[key]

    def _evaluate(self, maatregel_id: str, p: date) -> bool | None:
        params = {"p": p.isoformat(), "id": maatregel_id}
        # Only running measures come back: ended, or left the export, on P gives None.
        rows = self.store.conn.execute(_FACTS_SQL + " AND m.maatregel_id = :id", params)
        for facts in _to_facts(rows):
            s = evaluate_measure(facts, p, self.settings)
            return None if s is None else s.onder_druk
        return None


def worker_effects(store: Store, medewerker_id: str) -> list[ConversationEffect]:
    """Every finished conversation of the worker, oldest first, with its effect."""
    convs = finished_conversations(store, Scope.worker(medewerker_id))
    return conversation_effects(convs, _OnderDruk(store, load_settings(store)))


def scope_effects(
    store: Store, scope: Scope, van: date | None = None, tot: date | None = None
) -> list[ConversationEffect]:
    """The effects of the scope's conversations held from `van` to `tot` (inclusive).

    The next conversation may lie after `tot`: the effect of the last conversation in
    the period is measured at the first one after it."""
    every = finished_conversations(store, scope)
    effects = conversation_effects(every, _OnderDruk(store, load_settings(store)))
    return [
        e for e in effects if (van is None or e.datum >= van) and (tot is None or e.datum <= tot)
    ]


def scope_effect_total(
    store: Store, scope: Scope, van: date | None = None, tot: date | None = None
) -> EffectTotal:
    """Summed over the scope's conversations in the period (a team's, for the monitor)."""
    return total(scope_effects(store, scope, van, tot))
