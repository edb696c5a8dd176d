"""Small builders for rule tests."""

from __future__ import annotations

from datetime import date

from caseload_desk.domain import ContactForm, ContactWith, MeasureType, Regie
from caseload_desk.signals import Contact, Measure, MeasureRecords


def measure(
    start: date = date(2025, 1, 6),
    end: date | None = None,
    mtype: MeasureType = MeasureType.OTS,
    worker: str | None = "W1",
    regie: Regie = Regie.VAST,
    mid: str = "M1",
) -> Measure:
    return Measure(mid, worker, mtype, regie, start, end)


def contact(
    d: date, met: ContactWith = ContactWith.JEUGDIGE, vorm: ContactForm = ContactForm.FACE_TO_FACE
) -> Contact:
    return Contact(d, met, vorm)


def records(m: Measure | None = None, **kwargs: object) -> MeasureRecords:
    return MeasureRecords(m or measure(), **kwargs)  # type: ignore[arg-type]
