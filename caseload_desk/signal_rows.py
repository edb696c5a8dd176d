"""Signals as flat rows of text: one shape for the CLI, CSV/JSON and the Excel export."""

from __future__ import annotations

from caseload_desk.dates import iso
from caseload_desk.signals import MeasureSignals

# The contract of `caseload-desk signals`: these first, in this order.
CONTRACT_COLUMNS = (
    "maatregel_id",
    "medewerker_id",
    "laatste_contact",
    "dagen_sinds_contact",
    "geen_contact",
    "pva",
    "risicotaxatie",
    "onder_druk",
)
EXTRA_COLUMNS = (
    "type",
    "regie",
    "pva_datum",
    "risicotaxatie_datum",
    "eerste_contact",
    "pva_termijn",
    "geen_vaste_jb",
    "einddatum",
    "einddatum_nadert",
    "acties_verlopen",
    "signalen",
)
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS


def yes_no(flag: bool) -> str:
    return "ja" if flag else "nee"


def signal_row(s: MeasureSignals) -> dict[str, str | int]:
    """One measure's signals; dates ISO, booleans ja/nee, statuses as in domain.md."""
    return {
        "maatregel_id": s.maatregel_id,
        "medewerker_id": s.measure.medewerker_id or "",
        "laatste_contact": iso(s.contact.last_contact),
        "dagen_sinds_contact": s.contact.days_since,
        "geen_contact": yes_no(s.contact.on),
        "pva": s.plan.status.value,
        "risicotaxatie": s.risk.status.value,
        "onder_druk": yes_no(s.onder_druk),
        "type": s.measure.type.value,
        "regie": s.measure.regie.value,
        "pva_datum": iso(s.plan.latest),
        "risicotaxatie_datum": iso(s.risk.latest),
        "eerste_contact": s.first_contact.status.value,
        "pva_termijn": s.plan_deadline.status.value,
        "geen_vaste_jb": yes_no(s.without_fixed_worker),
        "einddatum": iso(s.measure.einddatum),
        "einddatum_nadert": yes_no(s.ending.on),
        "acties_verlopen": s.overdue_actions,
        "signalen": " ".join(code.value for code in s.codes),
    }
