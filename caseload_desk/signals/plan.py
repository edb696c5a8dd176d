"""Signal 2, plan van aanpak: ontbreekt, verouderd or actueel."""

from __future__ import annotations

from datetime import date

from caseload_desk.signals.freshness import FreshnessSignal, freshness


def plan_signal(latest_plan: date | None, peildatum: date, months: int) -> FreshnessSignal:
    return freshness(latest_plan, peildatum, months)
