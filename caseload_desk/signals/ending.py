"""Signal: the einddatum is near, so an extension must be requested in time."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class EndingSignal(NamedTuple):
    on: bool
    einddatum: date | None
    days_left: int | None


def ending_signal(einddatum: date | None, peildatum: date, weeks: int) -> EndingSignal:
    if einddatum is None:
        return EndingSignal(False, None, None)
    days_left = (einddatum - peildatum).days
    return EndingSignal(0 <= days_left <= weeks * 7, einddatum, days_left)
