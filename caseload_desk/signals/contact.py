"""Signal 1, geen cliëntcontact: three months (by default) without client contact."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from caseload_desk.signals.calendar import add_months


class ContactSignal(NamedTuple):
    on: bool
    last_contact: date | None  # None: no client contact at all yet
    reference: date  # L: the last contact, or the start when there was none
    days_since: int  # P - L in days
    due: date  # L + period: the day the signal switches on
    months: int


def contact_signal(
    last_contact: date | None, startdatum: date, peildatum: date, months: int
) -> ContactSignal:
    reference = last_contact or startdatum
    due = add_months(reference, months)
    # Positional: this runs for every measure of a caseload (keywords cost a third more).
    return ContactSignal(
        due <= peildatum, last_contact, reference, (peildatum - reference).days, due, months
    )
