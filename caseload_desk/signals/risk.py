"""Signal 3, risicotaxatie: ontbreekt, verouderd or actueel."""

from __future__ import annotations

from datetime import date

from caseload_desk.signals.freshness import FreshnessSignal, freshness


def risk_signal(latest_risk: date | None, peildatum: date, months: int) -> FreshnessSignal:
    return freshness(latest_risk, peildatum, months)
