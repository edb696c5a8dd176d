"""Dutch words and sentences for the codes the rules return. Qt-free on purpose."""

from __future__ import annotations

from caseload_desk.dates import nl
from caseload_desk.signal_rows import FRESHNESS_WORDS
from caseload_desk.signals import MeasureSignals, SignalCode
from caseload_desk.signals.deadline import DeadlineSignal, Timeliness
from caseload_desk.signals.freshness import Freshness, FreshnessSignal

SIGNAL_LABELS: dict[SignalCode, str] = {
    SignalCode.ONDER_DRUK: "Onder druk",
    SignalCode.GEEN_CONTACT: "Geen cliëntcontact",
    SignalCode.PVA: "Plan van aanpak",
    SignalCode.RISICOTAXATIE: "Risicotaxatie",
    SignalCode.EERSTE_CONTACT: "Eerste contact",
    SignalCode.PVA_TERMIJN: "PvA-termijn",
    SignalCode.GEEN_VASTE_JB: "Geen vaste JB",
    SignalCode.EINDDATUM: "Einddatum nadert",
    SignalCode.ACTIES_VERLOPEN: "Actie verlopen",
}

FRESHNESS_LABELS = FRESHNESS_WORDS  # one set of words for the screen, export and CLI

TIMELINESS_LABELS = {
    Timeliness.TIJDIG: "tijdig",
    Timeliness.TE_LAAT: "te laat",
    Timeliness.ONTBREEKT: "ontbreekt",
    Timeliness.BINNEN_TERMIJN: "nog binnen termijn",
}


def months(n: int) -> str:
    return "1 maand" if n == 1 else f"{n} maanden"


def days_ago(n: int) -> str:
    if n == 0:
        return "vandaag"
    return "1 dag geleden" if n == 1 else f"{n} dagen geleden"


def contact_sentence(s: MeasureSignals) -> str:
    c = s.contact
    if c.last_contact is None:
        head = f"geen cliëntcontact sinds de start op {nl(c.reference)}, {c.days_since} dagen"
    else:
        head = f"laatste cliëntcontact {nl(c.last_contact)}, {days_ago(c.days_since)}"
    if c.on:
        return f"{head}: {months(c.months)} of langer"
    return f"{head}: binnen {months(c.months)} (signaal vanaf {nl(c.due)})"


def freshness_sentence(name: str, f: FreshnessSignal) -> str:
    if f.status is Freshness.ONTBREEKT:
        return f"{name} ontbreekt"
    assert f.latest is not None and f.expires is not None
    if f.status is Freshness.VEROUDERD:
        return (
            f"{name} van {nl(f.latest)} is verouderd: ouder dan {months(f.months)} "
            f"(sinds {nl(f.expires)})"
        )
    return f"{name} van {nl(f.latest)} is actueel (tot {nl(f.expires)})"


def deadline_sentence(what: str, d: DeadlineSignal) -> str:
    if d.status is Timeliness.TIJDIG:
        return f"{what} op {nl(d.happened)}: tijdig (termijn {nl(d.deadline)})"
    if d.status is Timeliness.TE_LAAT:
        return f"{what} op {nl(d.happened)}: te laat (termijn was {nl(d.deadline)})"
    if d.status is Timeliness.ONTBREEKT:
        return f"{what} ontbreekt: termijn verstreken op {nl(d.deadline)}"
    return f"{what} nog niet: termijn loopt tot en met {nl(d.deadline)}"


ON, INFO, OK = "on", "info", "ok"


def _level(on: bool) -> str:
    return ON if on else OK


def _deadline_level(d: DeadlineSignal) -> str:
    # Late but done is history worth discussing, not an open signal.
    return ON if d.on else INFO if d.status is Timeliness.TE_LAAT else OK


def explanation(s: MeasureSignals) -> list[tuple[str, str]]:
    """(level, sentence) for every rule, in the order a supervisor reads them.

    level is ON (signal), INFO (worth knowing, not a signal) or OK.
    """
    lines = [
        (_level(s.onder_druk), "Betekenisvol cliëntcontact staat onder druk"
         if s.onder_druk else "Betekenisvol cliëntcontact staat niet onder druk"),
        (_level(s.contact.on), contact_sentence(s).capitalize()),
        (_level(s.plan.on), freshness_sentence("Plan van aanpak", s.plan)),
        (_level(s.risk.on), freshness_sentence("Risicotaxatie", s.risk)),
        (_deadline_level(s.first_contact),
         deadline_sentence("Eerste face-to-face contact", s.first_contact)),
        (_deadline_level(s.plan_deadline),
         deadline_sentence("Eerste plan van aanpak", s.plan_deadline)),
    ]  # fmt: skip
    if s.without_fixed_worker:
        lines.append((ON, f"Geen vaste jeugdbeschermer (regie {s.measure.regie.value})"))
    if s.ending.einddatum is not None:
        e = s.ending
        text = f"Einddatum {nl(e.einddatum)}, over {e.days_left} dagen"
        lines.append((_level(e.on), text + (": verlenging tijdig aanvragen" if e.on else "")))
    if s.overdue_actions:
        n = s.overdue_actions
        lines.append((ON, f"{n} actie{'s' if n > 1 else ''} over de deadline"))
    gone = s.measure.uit_export_op
    if gone is not None and s.measure.left_export:
        # Only shown on or before that date (after it the measure gets no signals at all).
        lines.append((INFO, f"Staat niet meer in de export sinds {nl(gone)}: na die datum "
                            "geen signalen meer (zie Niet meer in de export)"))  # fmt: skip
    return lines
