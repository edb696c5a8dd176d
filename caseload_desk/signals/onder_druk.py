"""Signal 4, betekenisvol cliëntcontact onder druk, exactly as the organisation defines it."""

from __future__ import annotations

from caseload_desk.signals.contact import ContactSignal
from caseload_desk.signals.freshness import FreshnessSignal


def onder_druk(contact: ContactSignal, plan: FreshnessSignal, risk: FreshnessSignal) -> bool:
    """All three at once: no contact for the period, and neither document current."""
    return contact.on and plan.on and risk.on
