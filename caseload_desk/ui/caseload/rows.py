"""The rows of the caseload table: signals plus what the table shows beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseload_desk.signals import MeasureSignals, SignalSettings
from caseload_desk.store import Store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import id_chunks, measures_by_id


@dataclass(frozen=True)
class CaseloadRow:
    signals: MeasureSignals
    jeugdige: str
    open_actions: int

    @property
    def maatregel_id(self) -> str:
        return self.signals.maatregel_id


def open_action_counts(store: Store, ids: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for chunk, marks in id_chunks(ids):
        for mid, n in store.conn.execute(
            f"SELECT maatregel_id, count(*) FROM acties WHERE maatregel_id IN ({marks}) "
            "AND status IN ('open', 'loopt_nog') GROUP BY maatregel_id",
            chunk,
        ):
            counts[mid] = n
    return counts


def load_caseload(
    store: Store, peildatum: date, medewerker_id: str, settings: SignalSettings | None = None
) -> list[CaseloadRow]:
    signals = caseload_signals(store, peildatum, medewerker_id, settings)
    ids = [s.maatregel_id for s in signals]
    info = measures_by_id(store, ids)
    actions = open_action_counts(store, ids)
    return [
        CaseloadRow(s, info[s.maatregel_id].jeugdige, actions.get(s.maatregel_id, 0))
        for s in signals
    ]
