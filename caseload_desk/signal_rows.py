"""Signals as flat rows: codes for machines (CLI CSV/JSON), Dutch words for people
(the CLI table, the Excel export). Qt-free, so the CLI and the export can share the words."""

from __future__ import annotations

from collections.abc import Mapping

from caseload_desk.dates import iso
from caseload_desk.signals import MeasureSignals, SignalCode
from caseload_desk.signals.deadline import Timeliness
from caseload_desk.signals.freshness import Freshness
from caseload_desk.words import count, days_ahead

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
    "medewerker_naam",  # added later: last, so scripts that count columns keep working
)
COLUMNS = CONTRACT_COLUMNS + EXTRA_COLUMNS

# Statuses as people read them (the machine formats keep the codes).
FRESHNESS_WORDS = {
    Freshness.ACTUEEL: "Actueel",
    Freshness.VEROUDERD: "Verouderd",
    Freshness.ONTBREEKT: "Ontbreekt",
}
TIMELINESS_WORDS = {
    Timeliness.TIJDIG: "Tijdig",
    Timeliness.TE_LAAT: "Te laat",
    Timeliness.ONTBREEKT: "Ontbreekt",
    Timeliness.BINNEN_TERMIJN: "Binnen termijn",
}


def yes_no(flag: bool) -> str:
    return "ja" if flag else "nee"


def worker_label(medewerker_id: str, names: Mapping[str, str]) -> str:
    """A worker as people and scripts both recognise them: "W1003 (Anna de Vries)"."""
    if not medewerker_id:
        return ""
    name = names.get(medewerker_id)
    return f"{medewerker_id} ({name})" if name else medewerker_id


def signal_word(s: MeasureSignals, code: SignalCode) -> str:
    """One signal in words, with its measure's own period: "Geen cliëntcontact ≥ 3 mnd"."""
    match code:
        case SignalCode.ONDER_DRUK:
            return "Onder druk"
        case SignalCode.GEEN_CONTACT:
            return f"Geen cliëntcontact ≥ {s.contact.months} mnd"
        case SignalCode.PVA:
            return f"Plan van aanpak {FRESHNESS_WORDS[s.plan.status].lower()}"
        case SignalCode.RISICOTAXATIE:
            return f"Risicotaxatie {FRESHNESS_WORDS[s.risk.status].lower()}"
        case SignalCode.EERSTE_CONTACT:
            return "Eerste contact ontbreekt (termijn voorbij)"
        case SignalCode.PVA_TERMIJN:
            return "Eerste plan van aanpak ontbreekt (termijn voorbij)"
        case SignalCode.GEEN_VASTE_JB:
            return "Geen vaste jeugdbeschermer"
        case SignalCode.EINDDATUM:
            return f"Einddatum {days_ahead(s.ending.days_left or 0)}"
        case SignalCode.ACTIES_VERLOPEN:
            return count(s.overdue_actions, "actie verlopen", "acties verlopen")
    raise ValueError(f"onbekend signaal: {code}")


def signal_words(s: MeasureSignals) -> str:
    """The signals that are on, most serious first, in words, separated by "; "."""
    return "; ".join(signal_word(s, code) for code in s.codes)


def signal_row(s: MeasureSignals, names: Mapping[str, str] | None = None) -> dict[str, str | int]:
    """One measure's signals for machines: dates ISO, booleans ja/nee, statuses and signals
    as the codes of domain.md; `names` (medewerker_id -> naam) fills medewerker_naam."""
    worker = s.measure.medewerker_id or ""
    return {
        "maatregel_id": s.maatregel_id,
        "medewerker_id": worker,
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
        "medewerker_naam": (names or {}).get(worker, ""),
    }
