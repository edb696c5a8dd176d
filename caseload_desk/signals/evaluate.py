"""Evaluate every rule for one measure, or a whole caseload, on a peildatum."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from caseload_desk.domain import MeasureType
from caseload_desk.signals.contact import ContactSignal, contact_signal
from caseload_desk.signals.deadline import DeadlineSignal, deadline_signal
from caseload_desk.signals.ending import EndingSignal, ending_signal
from caseload_desk.signals.facts import Measure, MeasureFacts
from caseload_desk.signals.first_contact import first_contact_deadline
from caseload_desk.signals.fixed_worker import without_fixed_worker
from caseload_desk.signals.freshness import FreshnessSignal, freshness
from caseload_desk.signals.onder_druk import onder_druk
from caseload_desk.signals.overdue_actions import overdue_count
from caseload_desk.signals.plan_deadline import plan_deadline_signal
from caseload_desk.signals.settings import DEFAULT_SETTINGS, SignalSettings


class SignalCode(StrEnum):
    """Stable codes; the UI and exports turn them into Dutch text."""

    ONDER_DRUK = "onder_druk"
    GEEN_CONTACT = "geen_contact"
    PVA = "pva"
    RISICOTAXATIE = "risicotaxatie"
    EERSTE_CONTACT = "eerste_contact"
    PVA_TERMIJN = "pva_termijn"
    GEEN_VASTE_JB = "geen_vaste_jb"
    EINDDATUM = "einddatum"
    ACTIES_VERLOPEN = "acties_verlopen"


class MeasureSignals(NamedTuple):
    """Every signal of one running measure on one peildatum."""

    measure: Measure
    peildatum: date
    contact: ContactSignal
    plan: FreshnessSignal
    risk: FreshnessSignal
    onder_druk: bool
    first_contact: DeadlineSignal
    plan_deadline: DeadlineSignal
    without_fixed_worker: bool
    ending: EndingSignal
    overdue_actions: int

    @property
    def maatregel_id(self) -> str:
        return self.measure.maatregel_id

    @property
    def codes(self) -> tuple[SignalCode, ...]:
        """The signals that are on, most serious first."""
        flags = (
            (SignalCode.ONDER_DRUK, self.onder_druk),
            (SignalCode.GEEN_CONTACT, self.contact.on),
            (SignalCode.PVA, self.plan.on),
            (SignalCode.RISICOTAXATIE, self.risk.on),
            (SignalCode.EERSTE_CONTACT, self.first_contact.on),
            (SignalCode.PVA_TERMIJN, self.plan_deadline.on),
            (SignalCode.GEEN_VASTE_JB, self.without_fixed_worker),
            (SignalCode.EINDDATUM, self.ending.on),
            (SignalCode.ACTIES_VERLOPEN, self.overdue_actions > 0),
        )
        return tuple(code for code, on in flags if on)

    @property
    def any_signal(self) -> bool:
        return bool(self.codes)

    @property
    def urgency(self) -> tuple[int, int, int]:
        """Sort key, most urgent first when sorted ascending."""
        return (not self.onder_druk, -len(self.codes), -self.contact.days_since)


def evaluate_measure(
    facts: MeasureFacts, peildatum: date, settings: SignalSettings = DEFAULT_SETTINGS
) -> MeasureSignals | None:
    """All signals for one measure, or None when it is not running on the peildatum."""
    return _Evaluator(peildatum, settings)(facts)


class _Evaluator:
    """Every rule for one peildatum and settings; the app's hottest loop (a national
    caseload is 50,000 calls). What does not depend on the measure is worked out once.
    The signals that depend on one or two dates are memoised for this evaluation: many
    measures share a date, and the results are immutable, so they can be shared."""

    def __init__(self, peildatum: date, settings: SignalSettings) -> None:
        self.peildatum = peildatum
        self.settings = settings
        self.periods = {t: settings.periods_for(t) for t in MeasureType}
        self._freshness: dict[tuple[date | None, int], FreshnessSignal] = {}
        self._contact: dict[tuple[date | None, date, int], ContactSignal] = {}
        self._ending: dict[date | None, EndingSignal] = {}
        # Working-day deadlines per start date, in this evaluation's calendar (which holds
        # the organisation's own days), so no cache is shared between calendars.
        self._first_contact_deadline: dict[date, date] = {}

    def _fresh(self, latest: date | None, months: int) -> FreshnessSignal:
        key = (latest, months)
        found = self._freshness.get(key)
        if found is None:
            found = self._freshness[key] = freshness(latest, self.peildatum, months)
        return found

    def __call__(self, facts: MeasureFacts) -> MeasureSignals | None:
        m = facts.measure
        p, settings = self.peildatum, self.settings
        if not m.is_running(p):
            return None
        periods = self.periods[m.type]
        last = facts.last_client_contact
        # Without a contact the start is what counts; with one, the start plays no part.
        key = (last, last or m.startdatum, periods.contact_months)
        contact = self._contact.get(key)
        if contact is None:
            contact = self._contact[key] = contact_signal(
                last, m.startdatum, p, periods.contact_months
            )
        plan = self._fresh(facts.latest_plan, periods.pva_months)  # = plan_signal
        risk = self._fresh(facts.latest_risk, periods.risk_months)  # = risk_signal
        ending = self._ending.get(m.einddatum)
        if ending is None:
            ending = self._ending[m.einddatum] = ending_signal(
                m.einddatum, p, settings.end_warning_weeks
            )
        contact_deadline = self._first_contact_deadline.get(m.startdatum)
        if contact_deadline is None:
            contact_deadline = self._first_contact_deadline[m.startdatum] = first_contact_deadline(
                m.startdatum, settings.first_contact_working_days, settings.calendar
            )
        return MeasureSignals(
            m,
            p,
            contact,
            plan,
            risk,
            onder_druk(contact, plan, risk),
            deadline_signal(facts.first_face_to_face, contact_deadline, p),  # first_contact_signal
            plan_deadline_signal(facts.first_plan, m.startdatum, p, settings.pva_first_weeks),
            without_fixed_worker(m.medewerker_id, m.regie),
            ending,
            overdue_count(facts.open_action_deadlines, p),
        )


def evaluate_caseload(
    facts: Iterable[MeasureFacts], peildatum: date, settings: SignalSettings = DEFAULT_SETTINGS
) -> list[MeasureSignals]:
    """Signals for every running measure, sorted by maatregel_id."""
    evaluate = _Evaluator(peildatum, settings)
    with _collector_paused():
        results = [r for r in map(evaluate, facts) if r is not None]
    results.sort(key=_by_id)
    return results


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. A national caseload allocates some
    500,000 small tuples, which set off hundreds of collections that can find nothing
    (tuples of dates and numbers hold no cycles): a third of the evaluation time.
    Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _by_id(r: MeasureSignals) -> str:
    return r.measure.maatregel_id


@dataclass(frozen=True)
class CaseloadSummary:
    measures: int
    onder_druk: int
    with_signal: int


def summarize(signals: Iterable[MeasureSignals]) -> CaseloadSummary:
    rows = list(signals)
    return CaseloadSummary(
        measures=len(rows),
        onder_druk=sum(r.onder_druk for r in rows),
        with_signal=sum(r.any_signal for r in rows),
    )
