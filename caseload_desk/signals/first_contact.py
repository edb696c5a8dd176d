"""Norm: first face-to-face client contact within 5 working days of the start."""

from __future__ import annotations

from datetime import date

from caseload_desk.signals.calendar import LAW_CALENDAR, WorkingCalendar
from caseload_desk.signals.deadline import DeadlineSignal, deadline_signal


def first_contact_deadline(
    startdatum: date, working_days: int, calendar: WorkingCalendar = LAW_CALENDAR
) -> date:
    """Day one is the first working day after the start; the term runs through the last."""
    return calendar.add_working_days(startdatum, working_days)


def first_contact_signal(
    first_face_to_face: date | None,
    startdatum: date,
    peildatum: date,
    working_days: int,
    calendar: WorkingCalendar = LAW_CALENDAR,
) -> DeadlineSignal:
    deadline = first_contact_deadline(startdatum, working_days, calendar)
    return deadline_signal(first_face_to_face, deadline, peildatum)
