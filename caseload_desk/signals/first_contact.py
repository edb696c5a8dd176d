"""Norm: first face-to-face client contact within 5 working days of the start."""

from __future__ import annotations

from datetime import date

from caseload_desk.signals.calendar import add_working_days
from caseload_desk.signals.deadline import DeadlineSignal, deadline_signal


def first_contact_signal(
    first_face_to_face: date | None, startdatum: date, peildatum: date, working_days: int
) -> DeadlineSignal:
    deadline = add_working_days(startdatum, working_days)
    return deadline_signal(first_face_to_face, deadline, peildatum)
