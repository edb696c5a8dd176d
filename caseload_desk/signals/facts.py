"""What the rules know about one measure on a peildatum.

`MeasureFacts` is what the store computes in SQL (fast, indexed). `MeasureRecords` plus
`facts_on` is the same computation in plain Python: the reference the SQL is tested
against, and what property tests generate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from caseload_desk.domain import (
    CLIENT_CONTACT,
    ContactForm,
    ContactWith,
    MeasureType,
    Regie,
)


class Measure(NamedTuple):
    """The measure itself, as imported."""

    maatregel_id: str
    medewerker_id: str | None
    type: MeasureType
    regie: Regie
    startdatum: date
    einddatum: date | None
    # The date of the first export that no longer held the measure (None while it is in
    # the export). The measure counts as ended on it, unless its einddatum is earlier.
    uit_export_op: date | None = None

    def is_running(self, peildatum: date) -> bool:
        """Running on P: startdatum <= P <= the effective end, min(einddatum, uit_export_op)
        ignoring the empty ones; both ends count as running on the day itself."""
        return (
            self.startdatum <= peildatum
            and (self.einddatum is None or self.einddatum >= peildatum)
            and (self.uit_export_op is None or self.uit_export_op >= peildatum)
        )

    @property
    def effective_end(self) -> date | None:
        """The day the measure stops counting: the earlier of einddatum and uit_export_op."""
        ends = [d for d in (self.einddatum, self.uit_export_op) if d is not None]
        return min(ends, default=None)

    @property
    def left_export(self) -> bool:
        """True when the measure left the export before its einddatum, so the export's
        date is what ended it."""
        return self.uit_export_op is not None and (
            self.einddatum is None or self.uit_export_op < self.einddatum
        )


class MeasureFacts(NamedTuple):
    """The dated facts the rules read, already limited to records on or before P.

    NamedTuples rather than frozen dataclasses here and in the results: the same value
    semantics, but several times cheaper to build, which matters for 50,000 measures."""

    measure: Measure
    last_client_contact: date | None = None
    first_face_to_face: date | None = None  # first face-to-face client contact from the start
    latest_plan: date | None = None
    first_plan: date | None = None
    latest_risk: date | None = None
    open_action_deadlines: tuple[date, ...] = ()


@dataclass(frozen=True)
class Contact:
    datum: date
    met: ContactWith
    vorm: ContactForm | None = None


@dataclass(frozen=True)
class MeasureRecords:
    """A measure with its full history, as in the export."""

    measure: Measure
    contacts: tuple[Contact, ...] = ()
    plans: tuple[date, ...] = ()
    risks: tuple[date, ...] = ()
    open_action_deadlines: tuple[date, ...] = ()


def _latest(dates: Iterable[date]) -> date | None:
    return max(dates, default=None)


def _earliest(dates: Iterable[date]) -> date | None:
    return min(dates, default=None)


def facts_on(records: MeasureRecords, peildatum: date) -> MeasureFacts:
    """The facts on `peildatum`: records dated after it are ignored, as not yet happened."""
    contacts = [c for c in records.contacts if c.datum <= peildatum and c.met in CLIENT_CONTACT]
    start = records.measure.startdatum
    plans = [d for d in records.plans if d <= peildatum]
    return MeasureFacts(
        measure=records.measure,
        last_client_contact=_latest(c.datum for c in contacts),
        first_face_to_face=_earliest(
            c.datum for c in contacts if c.vorm is ContactForm.FACE_TO_FACE and c.datum >= start
        ),
        latest_plan=_latest(plans),
        first_plan=_earliest(plans),
        latest_risk=_latest(d for d in records.risks if d <= peildatum),
        open_action_deadlines=tuple(sorted(records.open_action_deadlines)),
    )
