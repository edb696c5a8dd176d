"""Norm: the first plan van aanpak set within 6 weeks of the start."""

from __future__ import annotations

from datetime import date, timedelta

from caseload_desk.signals.deadline import DeadlineSignal, deadline_signal


def plan_deadline_signal(
    first_plan: date | None, startdatum: date, peildatum: date, weeks: int
) -> DeadlineSignal:
    return deadline_signal(first_plan, startdatum + timedelta(weeks=weeks), peildatum)
