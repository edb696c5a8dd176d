"""What the "Ruimte voor CRT-maatregelen" view lists: plain data, no Qt.

The running measures without a vaste jeugdbeschermer (regie CRT/CCP, or no worker),
onder druk first, then the longest running; per measure the proposals already made.
A proposal is an action whose text starts with "voorstel:" on the measure, kept in the
proposed worker's conversation; it stays a proposal until an import brings the assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseload_desk.domain import Regie
from caseload_desk.signals import SignalSettings
from caseload_desk.signals.facts import Measure
from caseload_desk.store import Store
from caseload_desk.store.facts import NO_FIXED_WORKER, caseload_signals
from caseload_desk.store.records import id_chunks, measures_by_id
from caseload_desk.store.workload import running_measures
from caseload_desk.workload import WorkloadMeasure

PROPOSAL_PREFIX = "voorstel:"
_OPEN = "a.status IN ('open', 'loopt_nog')"
_IS_PROPOSAL = f"lower(a.omschrijving) LIKE '{PROPOSAL_PREFIX}%'"


def proposal_text(naam: str) -> str:
    return f"{PROPOSAL_PREFIX} toewijzen aan {naam}"


@dataclass(frozen=True)
class Proposal:
    medewerker_id: str
    naam: str
    datum: date  # of the conversation it was recorded in


@dataclass(frozen=True)
class CrtRow:
    item: WorkloadMeasure
    jeugdige: str
    onder_druk: bool
    proposals: tuple[Proposal, ...] = ()

    @property
    def measure(self) -> Measure:
        return self.item.measure

    @property
    def maatregel_id(self) -> str:
        return self.item.measure.maatregel_id

    def days_running(self, peildatum: date) -> int:
        return (peildatum - self.measure.startdatum).days

    @property
    def held_by(self) -> str:
        """'CRT', 'CCP', or 'niemand' (regie vast without a worker)."""
        regie = self.measure.regie
        return regie.value if regie is not Regie.VAST else "niemand"


def crt_order(row: CrtRow) -> tuple[bool, date, str]:
    """Onder druk first, then the longest running (earliest start), then by id."""
    return (not row.onder_druk, row.measure.startdatum, row.maatregel_id)


def crt_rows(store: Store, peildatum: date, settings: SignalSettings | None = None) -> list[CrtRow]:
    """The running measures without a vaste jeugdbeschermer on `peildatum`, in view order."""
    signals = caseload_signals(store, peildatum, NO_FIXED_WORKER, settings)
    items = {w.measure.maatregel_id: w for w in running_measures(store, peildatum, NO_FIXED_WORKER)}
    ids = [s.maatregel_id for s in signals]
    info = measures_by_id(store, ids)
    proposals = open_proposals(store, ids)
    rows = [
        CrtRow(
            items.get(s.maatregel_id, WorkloadMeasure(s.measure)),
            info[s.maatregel_id].jeugdige,
            s.onder_druk,
            tuple(proposals.get(s.maatregel_id, ())),
        )
        for s in signals
    ]
    return sorted(rows, key=crt_order)


def open_proposals(store: Store, ids: list[str]) -> dict[str, list[Proposal]]:
    """The open proposals per measure id, oldest first."""
    found: dict[str, list[Proposal]] = {}
    for chunk, marks in id_chunks(ids):
        for mid, wid, naam, datum in store.conn.execute(
            "SELECT a.maatregel_id, a.medewerker_id, w.naam, g.datum FROM acties a "
            "JOIN gesprekken g ON g.id = a.gesprek_id "
            "JOIN medewerkers w ON w.medewerker_id = a.medewerker_id "
            f"WHERE a.maatregel_id IN ({marks}) AND {_OPEN} AND {_IS_PROPOSAL} "
            "ORDER BY g.datum, a.id",
            chunk,
        ):
            found.setdefault(mid, []).append(Proposal(wid, naam, date.fromisoformat(datum)))
    return found


def proposals_per_worker(store: Store) -> dict[str, int]:
    """How many open proposals each worker has for measures still without a vaste
    jeugdbeschermer: those do not count in the load until an import assigns them, so the
    view shows them beside it."""
    rows = store.conn.execute(
        "SELECT a.medewerker_id, count(*) FROM acties a "
        "JOIN maatregelen m ON m.maatregel_id = a.maatregel_id "
        f"WHERE {_OPEN} AND {_IS_PROPOSAL} "
        "AND (m.medewerker_id IS NULL OR m.regie != 'vast') GROUP BY a.medewerker_id"
    )
    return {wid: n for wid, n in rows}
