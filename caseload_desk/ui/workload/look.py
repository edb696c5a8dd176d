"""How a load reads on screen: '92 %', and above the norm '▲ 108 %' in bold red with a
tooltip that says what it means. Never colour alone: the mark and the words carry it."""

from __future__ import annotations

from PySide6.QtGui import QColor

from caseload_desk.store.conversations import Conversation
from caseload_desk.ui.style import RED
from caseload_desk.workload import Load, WorkerHours, WorkloadSettings, nl_number

OVER_MARK = "▲"  # above 100 %: a shape as well as a colour
NO_LOAD = "—"
OVER_COLOUR: QColor = RED


def load_text(load: Load | None) -> str:
    """'92 %', '▲ 108 %', or '—' without capacity (or without a load at all)."""
    if load is None or load.belasting_pct is None:
        return NO_LOAD
    return f"{OVER_MARK} {load.label}" if load.boven_norm else load.label


def spoken(load: Load | None) -> str:
    """The load for a screen reader: the mark in words."""
    if load is None or load.belasting_pct is None:
        return "geen belasting te berekenen"
    return (
        f"belasting {load.label}, boven de norm" if load.boven_norm else f"belasting {load.label}"
    )


def load_tip(
    load: Load | None,
    hours: WorkerHours | None = None,
    settings: WorkloadSettings | None = None,
) -> str:
    """What the percentage is made of, in words: gewogen caseload against capaciteit,
    and (with `hours` and `settings`) how the capacity follows from the hours."""
    if load is None:
        return "Geen belasting: geen medewerker met een vaste caseload."
    lines = []
    pct = load.belasting_pct
    if pct is None:
        lines.append("Geen capaciteit: de contracturen min de vrijstelling zijn 0 of minder.")
    elif load.boven_norm:
        lines.append(f"Belasting {load.label}: boven de norm van 100 %.")
    else:
        lines.append(f"Belasting {load.label}: op of onder de norm van 100 %.")
    lines.append(
        f"Gewogen caseload {nl_number(load.gewogen)} ({load.maatregelen} "
        f"{'maatregel' if load.maatregelen == 1 else 'maatregelen'} met een vaste "
        f"jeugdbeschermer, elk gewicht × zwaarte) tegenover een capaciteit van "
        f"{nl_number(load.capaciteit)}."
    )
    if hours is not None and settings is not None:
        contract = settings.contracturen if hours.contracturen is None else hours.contracturen
        vrij = (
            settings.vrijstelling_uren if hours.vrijstelling_uren is None
            else hours.vrijstelling_uren
        )  # fmt: skip
        empty = hours.contracturen is None or hours.vrijstelling_uren is None
        lines.append(
            f"Capaciteit = norm {nl_number(settings.norm)} × ({nl_number(contract)} − "
            f"{nl_number(vrij)} uur) / {nl_number(settings.voltijd)} uur voltijd"
            + (" (lege uren uit de export: de standaardwaarde)." if empty else ".")
        )
    return "\n".join(lines)


def load_at_finish(c: Conversation) -> str:
    """The load kept when the conversation was finished: '92 %', '▲ 108 %', or '' when
    none was kept (a draft, or finished before the load was kept)."""
    if not c.afgerond or c.capaciteit is None:
        return ""
    if c.belasting_pct is None:
        return "geen capaciteit"
    return f"▲ {c.belasting_pct} %" if c.belasting_pct > 100 else f"{c.belasting_pct} %"


def load_at_finish_tip(c: Conversation) -> str:
    if not c.afgerond:
        return "Een concept: de belasting wordt bewaard bij afronden"
    if c.capaciteit is None or c.gewogen is None:
        return "Niet bewaard: dit gesprek is afgerond voordat de belasting werd bijgehouden"
    gewogen, capaciteit = nl_number(c.gewogen), nl_number(c.capaciteit)
    over = " (boven de norm van 100 %)" if (c.belasting_pct or 0) > 100 else ""
    return (f"Belasting bij afronden{over}: gewogen caseload {gewogen} tegenover een "
            f"capaciteit van {capaciteit}")  # fmt: skip
