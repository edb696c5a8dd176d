"""The workload calculation: pure functions of measures, hours and settings.

On a peildatum P a worker's

- *gewogen caseload* is the sum, over their measures that run on P (`Measure.is_running`,
  the rules' own definition) and have regie `vast`, of `gewicht(type, fase) × zwaarte`;
  zwaarte is the measure's own factor, 1 when the export leaves it empty;
- *capaciteit* is `norm × (contracturen − vrijstelling_uren) / voltijd`, with the
  settings' default hours for what the export leaves empty;
- *belasting* is `gewogen / capaciteit × 100`, rounded to a whole percent, half up
  (100,5 % shows as 101 %: a borderline load is rather shown too high than hidden). A
  capacity of 0 or less has no percentage (`belasting_pct` None, shown "geen capaciteit";
  see `load_pct`).

*Fase* follows the rules' calendar months (`add_months`): a measure is in its first year
up to and including the day before `add_months(start, 12)`; on that day itself twelve
months have passed and it weighs as `daarna` (like a document that expires "from that
day on"). A peildatum before the start (a hypothetical future measure) is the first year.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from caseload_desk.domain import Regie
from caseload_desk.signals.calendar import add_months
from caseload_desk.signals.facts import Measure
from caseload_desk.workload.settings import (
    DEFAULT_WORKLOAD_SETTINGS,
    PHASE_MONTHS,
    Phase,
    WorkloadSettings,
    nl_number,
)

MIN_CAPACITY = 1e-6  # below this a capacity counts as none (see `load_pct`)
NO_CAPACITY = "geen capaciteit"  # what a load without capacity shows instead of a percentage


class WorkloadMeasure(NamedTuple):
    """A measure as the workload reads it: the rules' `Measure` plus its own factor.

    `zwaarte` None means 1 (the export left it empty); `regio` '' means no region."""

    measure: Measure
    zwaarte: float | None = None
    regio: str = ""


@dataclass(frozen=True)
class WorkerHours:
    """Hours per week from the export; None where it left them empty."""

    contracturen: float | None = None
    vrijstelling_uren: float | None = None


@dataclass(frozen=True)
class Load:
    """A worker's load on one peildatum.

    `maatregelen` counts the measures in `gewogen` (running, regie vast)."""

    gewogen: float
    capaciteit: float
    maatregelen: int = 0

    @property
    def belasting_pct(self) -> int | None:
        """gewogen / capaciteit in whole percent, half up; None without capacity."""
        return load_pct(self.gewogen, self.capaciteit)

    @property
    def boven_norm(self) -> bool:
        """Above 100 % (on the rounded percentage, as shown). False without capacity."""
        pct = self.belasting_pct
        return pct is not None and pct > 100

    @property
    def past(self) -> bool:
        """At or below 100 % (rounded, as shown): room enough. False without capacity."""
        pct = self.belasting_pct
        return pct is not None and pct <= 100

    @property
    def label(self) -> str:
        """'87 %' or 'geen capaciteit', for tables and headers."""
        pct = self.belasting_pct
        return NO_CAPACITY if pct is None else f"{pct} %"

    def stored(self) -> tuple[float, float, int | None]:
        """(gewogen, capaciteit, belasting_pct) as `gesprekken` keeps them when a
        conversation is finished: two decimals, the percentage as shown."""
        return two_decimals(self.gewogen), two_decimals(self.capaciteit), self.belasting_pct

    @property
    def detail(self) -> str:
        """'8,5 van 10,67 (80 %)': the weighted caseload against the capacity, Dutch."""
        return f"{nl_number(self.gewogen)} van {nl_number(self.capaciteit)} ({self.label})"


def phase_of(startdatum: date, peildatum: date) -> Phase:
    """The measure's phase on `peildatum` (see the module docstring for the boundary)."""
    if peildatum < add_months(startdatum, PHASE_MONTHS):
        return Phase.EERSTE_JAAR
    return Phase.DAARNA


def measure_weight(
    item: WorkloadMeasure, peildatum: date, settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS
) -> float:
    """gewicht(type, fase) × zwaarte of one measure, whatever its regie or running."""
    m = item.measure
    zwaarte = 1.0 if item.zwaarte is None else item.zwaarte
    return settings.weight(m.type, phase_of(m.startdatum, peildatum)) * zwaarte


def counts(item: WorkloadMeasure, peildatum: date) -> bool:
    """Whether a worker's measure counts in their load: running on P and regie vast."""
    return item.measure.regie is Regie.VAST and item.measure.is_running(peildatum)


def capacity(hours: WorkerHours, settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS) -> float:
    """norm × (contracturen − vrijstelling_uren) / voltijd; may be 0 or negative."""
    contract = settings.contracturen if hours.contracturen is None else hours.contracturen
    vrij = (
        settings.vrijstelling_uren if hours.vrijstelling_uren is None else hours.vrijstelling_uren
    )
    return settings.norm * (contract - vrij) / settings.voltijd


def load_pct(gewogen: float, capaciteit: float) -> int | None:
    """Whole percent, half up; None when `capaciteit` <= 0 (or below a millionth of a
    measure, which only float noise in the hours can make: no real percentage).

    Rounded to 9 decimals first, so float noise (12,06 / 12 = 100,4999…) does not decide
    on which side of the half a load falls."""
    if capaciteit < MIN_CAPACITY:
        return None
    return math.floor(round(gewogen / capaciteit * 100, 9) + 0.5)


def worker_load(
    hours: WorkerHours,
    measures: Iterable[WorkloadMeasure],
    peildatum: date,
    settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS,
) -> Load:
    """The load of one worker on `peildatum` from their measures.

    `measures` are the worker's measures; those not running on P or not regie vast are
    skipped here, so a caller may pass more."""
    gewogen = 0.0
    n = 0
    for item in measures:
        if counts(item, peildatum):
            gewogen += measure_weight(item, peildatum, settings)
            n += 1
    return Load(round(gewogen, 9), capacity(hours, settings), n)


def load_after(
    load: Load,
    item: WorkloadMeasure,
    peildatum: date,
    settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS,
) -> Load:
    """The load after assigning `item` to the worker as vaste jeugdbeschermer.

    The measure counts with its own weight and zwaarte whatever its regie now (it is
    about to become `vast`); `load` must be computed with the same settings and date."""
    added = measure_weight(item, peildatum, settings)
    return Load(round(load.gewogen + added, 9), load.capaciteit, load.maatregelen + 1)


@dataclass(frozen=True)
class WorkerLoad:
    """One worker with their hours as exported (None: empty) and their load."""

    medewerker_id: str
    naam: str
    team: str
    regio: str
    hours: WorkerHours
    load: Load
    in_export: bool = True


class Candidate(NamedTuple):
    """A worker who has room for a measure, with their load after taking it."""

    worker: WorkerLoad
    after: Load


def same_region(worker_regio: str, measure_regio: str) -> bool:
    """True when the measure has no region or the worker's is the same (case and spaces
    ignored: exports spell 'Drenthe' and 'drenthe ' alike)."""
    wanted = " ".join(measure_regio.split()).casefold()
    return not wanted or " ".join(worker_regio.split()).casefold() == wanted


def candidates_for(
    item: WorkloadMeasure,
    workers: Iterable[WorkerLoad],
    peildatum: date,
    settings: WorkloadSettings = DEFAULT_WORKLOAD_SETTINGS,
) -> list[Candidate]:
    """The workers who can take `item` as vaste jeugdbeschermer on `peildatum`.

    Only workers still in the export, of the measure's region when it has one, whose
    load after assignment stays at or below 100 % (the rounded percentage, as shown; a
    worker without capacity never qualifies). Lowest load after assignment first, ties
    by medewerker_id. `workers` must carry loads computed with the same date and settings.
    """
    found = []
    for w in workers:
        if not w.in_export or not same_region(w.regio, item.regio):
            continue
        after = load_after(w.load, item, peildatum, settings)
        if after.past:
            found.append(Candidate(w, after))
    found.sort(key=lambda c: (c.after.gewogen / c.after.capaciteit, c.worker.medewerker_id))
    return found


def two_decimals(value: float) -> float:
    """Rounded to two decimals with a half up, as the percentage is (4,125 -> 4,13; Python's
    round gives 4,12). Rounded to 9 decimals first, so float noise does not decide it."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
