"""Signal: the einddatum is near, so an extension must be requested in time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class EndingSignal:
    on: bool
    einddatum: date | None
    days_left: int | None


def ending_signal(einddatum: date | None, peildatum: date, weeks: int) -> EndingSignal:
    if einddatum is None:
        return EndingSignal(False, None, None)
    days_left = (einddatum - peildatum).days
    return EndingSignal(0 <= days_left <= timedelta(weeks=weeks).days, einddatum, days_left)
