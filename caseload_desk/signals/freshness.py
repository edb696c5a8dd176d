"""The rule shared by plan van aanpak and risicotaxatie: missing, outdated or current."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from caseload_desk.signals.calendar import add_months


class Freshness(StrEnum):
    ACTUEEL = "actueel"
    VEROUDERD = "verouderd"
    ONTBREEKT = "ontbreekt"


class FreshnessSignal(NamedTuple):
    status: Freshness
    latest: date | None  # the latest document dated on or before P
    expires: date | None  # latest + period: from this day on it is outdated
    months: int

    @property
    def on(self) -> bool:
        return self.status is not Freshness.ACTUEEL


def freshness(latest: date | None, peildatum: date, months: int) -> FreshnessSignal:
    if latest is None:
        return FreshnessSignal(Freshness.ONTBREEKT, None, None, months)
    expires = add_months(latest, months)
    status = Freshness.VEROUDERD if expires <= peildatum else Freshness.ACTUEEL
    return FreshnessSignal(status, latest, expires, months)
