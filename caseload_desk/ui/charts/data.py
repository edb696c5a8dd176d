"""What the charts plot, computed from rules' results: plain Python, easy to test."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from caseload_desk.signals import MeasureSignals
from caseload_desk.store.conversations import Conversation
from caseload_desk.workload import WorkerLoad

ONDER_DRUK, GEEN_CONTACT, ANDER_SIGNAAL, IN_ORDE = (
    "onder druk",
    "geen contact",
    "ander signaal",
    "in orde",
)
# The load chart's two kinds of bar.
BOVEN_NORM, BINNEN_NORM = "boven 100 %", "tot en met 100 %"


@dataclass(frozen=True)
class ContactBar:
    maatregel_id: str
    days: int
    status: str  # ONDER_DRUK, GEEN_CONTACT or IN_ORDE
    threshold_days: int  # this measure's own period in days (months differ in length)
    jeugdige: str = ""  # the child's name, when known


def contact_bars(
    signals: list[MeasureSignals], children: Mapping[str, str] | None = None
) -> list[ContactBar]:
    """One bar per measure, longest without contact at the top; `children` names the child
    of each measure (maatregel_id -> jeugdige)."""
    names = children or {}
    bars = []
    for s in signals:
        status = ONDER_DRUK if s.onder_druk else GEEN_CONTACT if s.contact.on else IN_ORDE
        threshold = (s.contact.due - s.contact.reference).days
        bars.append(
            ContactBar(
                s.maatregel_id,
                s.contact.days_since,
                status,
                threshold,
                names.get(s.maatregel_id, ""),
            )
        )
    return sorted(bars, key=lambda b: (b.days, b.maatregel_id))


@dataclass(frozen=True)
class TrendPoint:
    datum: date
    onder_druk: int
    with_signal: int
    measures: int
    belasting: int | None = None  # the load in % when it was finished (None: not stored)


def trend(conversations: list[Conversation]) -> list[TrendPoint]:
    """The counts and the load stored when each conversation was finished: real history."""
    return [
        TrendPoint(
            c.datum,
            c.aantal_onder_druk,
            c.aantal_met_signaal,
            c.aantal_maatregelen or 0,
            c.belasting_pct,
        )
        for c in conversations
        if c.afgerond and c.aantal_onder_druk is not None and c.aantal_met_signaal is not None
    ]


@dataclass(frozen=True)
class TeamBar:
    key: str  # worker id, or NO_FIXED_WORKER
    label: str
    onder_druk: int
    other_signal: int
    in_orde: int


@dataclass(frozen=True)
class LoadBar:
    key: str  # worker id
    label: str
    pct: int | None  # None: no capacity
    detail: str  # '8,5 van 10,67 (80 %)'

    @property
    def over(self) -> bool:
        return self.pct is not None and self.pct > 100


def load_bars(loads: list[WorkerLoad]) -> list[LoadBar]:
    """One bar per worker, the first (by name) at the top."""
    bars = [LoadBar(w.medewerker_id, w.naam, w.load.belasting_pct, w.load.detail)
            for w in sorted(loads, key=lambda w: (w.naam, w.medewerker_id))]  # fmt: skip
    return list(reversed(bars))
