"""The monitor engine: the signal counts on a series of peildata, in one pass.

Evaluating the rules once per peildatum would cost 52 whole-caseload evaluations for a
year of weeks. Every rule the monitor counts is, per measure, a function of P that only
changes at the measure's own dated events (a contact, a plan, a risicotaxatie, a
deadline): between two events it is on from one date onwards or not at all. So per
measure the engine walks its sorted events once, turns each "on" stretch into a range
of peildatum indices (bisect), and adds it to a difference array; one running sum per
indicator gives every row. The counts equal `signals --peildatum P` for every P (a
property test compares them with the real evaluation).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from caseload_desk.domain import MeasureType, Regie
from caseload_desk.signals.calendar import add_months
from caseload_desk.signals.evaluate import MeasureSignals, SignalCode, evaluate_measure
from caseload_desk.signals.facts import Measure, MeasureFacts
from caseload_desk.signals.settings import DEFAULT_SETTINGS, SignalSettings


class Interval(StrEnum):
    WEEK = "week"
    MAAND = "maand"


# Ten years of weeks: more points than any chart or sheet can show legibly, and it keeps
# a typo in a year (2205 for 2025) from running for minutes.
MAX_PEILDATA = 520

# The counts, in the order of the columns (and of the rows of the organisation's table).
COUNT_INDICATORS = (
    "lopend",
    "onder_druk",
    "geen_contact",
    "pva_niet_actueel",
    "risicotaxatie_niet_actueel",
    "geen_vaste_jb",
    "eerste_contact_open",
    "pva_termijn_open",
)
PCT_INDICATORS = ("tijdig_f2f_pct", "tijdig_pva_pct")
INDICATORS = COUNT_INDICATORS + PCT_INDICATORS
COLUMNS = ("peildatum", *INDICATORS)
# The order people read the indicators in: the GUI table, its charts and the Excel export
# (and the settings). First the organisation's own table "Tijdigheid werkstappen" (1e F2F,
# 1e PvA, Risicotaxatie, Tijdigheid 1e F2F, Tijdigheid 1e PvA), then what betekenisvol
# cliëntcontact adds, the running measures last. COLUMNS (the CLI) keeps the order.
DISPLAY_ORDER = (
    "eerste_contact_open",
    "pva_termijn_open",
    "risicotaxatie_niet_actueel",
    "tijdig_f2f_pct",
    "tijdig_pva_pct",
    "onder_druk",
    "geen_contact",
    "pva_niet_actueel",
    "geen_vaste_jb",
    "lopend",
)


class MonitorRow(NamedTuple):
    """One peildatum. The percentages are None when no deadline fell in its period."""

    peildatum: date
    lopend: int
    onder_druk: int
    geen_contact: int
    pva_niet_actueel: int
    risicotaxatie_niet_actueel: int
    geen_vaste_jb: int
    eerste_contact_open: int
    pva_termijn_open: int
    tijdig_f2f_pct: int | None
    tijdig_pva_pct: int | None

    def value(self, indicator: str) -> int | None:
        return getattr(self, indicator)


class MonitorMeasure(NamedTuple):
    """What the engine knows of one measure.

    `ends` is the last day it runs: `Measure.effective_end`, the earlier of einddatum
    and the date it left the export (None: open-ended). The three date lists are sorted;
    they may leave out what lies outside the monitored period as long as they keep the
    latest date on or before the first peildatum (the loader does that to read less)."""

    maatregel_id: str
    medewerker_id: str | None
    type: MeasureType
    regie: Regie
    startdatum: date
    einddatum: date | None
    uit_export_op: date | None
    ends: date | None
    client_contacts: tuple[date, ...]
    first_face_to_face: date | None  # first face-to-face client contact on or after the start
    plans: tuple[date, ...]
    first_plan: date | None
    risks: tuple[date, ...]

    @property
    def measure(self) -> Measure:
        return Measure(self.maatregel_id, self.medewerker_id, self.type, self.regie,
                       self.startdatum, self.einddatum, self.uit_export_op)  # fmt: skip


def peildata(van: date, tot: date, interval: Interval = Interval.WEEK) -> list[date]:
    """D1, then every 7 days or every calendar month (counted from D1, day clipped as in
    the rules: 31 January, 28 February, 31 March) up to and including D2.

    ValueError (Dutch) when D2 lies before D1 or there would be more than MAX_PEILDATA."""
    if tot < van:
        raise ValueError("de einddatum (--tot) ligt vóór de begindatum (--van)")
    out: list[date] = []
    k = 0
    while True:
        p = van + timedelta(days=7 * k) if interval is Interval.WEEK else add_months(van, k)
        if p > tot:
            return out
        if len(out) == MAX_PEILDATA:
            raise ValueError(
                f"te veel peildata: hoogstens {MAX_PEILDATA}; kies een kortere periode "
                "of een maandinterval"
            )
        out.append(p)
        k += 1


def period_start(van: date, interval: Interval = Interval.WEEK) -> date:
    """The peildatum before D1 that would have come first: the first row's percentages
    count the deadlines after it (an interval of the same length before D1)."""
    return van - timedelta(days=7) if interval is Interval.WEEK else add_months(van, -1)


def pct(on_time: int, total: int) -> int | None:
    """A whole percentage, halves rounded up (2 of 3 is 67, 1 of 8 is 13); None for 0 of 0.

    Integer arithmetic: Python's round() rounds halves to even (12.5 -> 12), which is
    not what a reader of a percentage table expects."""
    if total == 0:
        return None
    return (200 * on_time + total) // (2 * total)


@dataclass(frozen=True)
class _Rules:
    """What does not depend on the measure, worked out once per run."""

    settings: SignalSettings

    def first_contact_deadline(self, start: date) -> date:
        # The settings' calendar: the law's holidays and the organisation's own days.
        return self.settings.calendar.add_working_days(
            start, self.settings.first_contact_working_days
        )

    def plan_deadline(self, start: date) -> date:
        return start + timedelta(weeks=self.settings.pva_first_weeks)


def _age_on(
    initial_due: date,
    dates: Sequence[date],
    months: int,
    ps: Sequence[date],
    lo: int,
    hi: int,
) -> list[tuple[int, int]]:
    """Index ranges [a, b) within [lo, hi) where an "older than `months`" rule is on.

    Between two of `dates` the reference is the earlier one, and the rule is on from
    reference + months; before the first date it is on from `initial_due` (the start +
    months for client contact, date.min for a document that does not exist yet)."""
    out: list[tuple[int, int]] = []
    first_p, last_p = ps[lo], ps[hi - 1]
    # Start at the stretch that holds the first running peildatum.
    j = bisect_right(dates, first_p) - 1
    n = len(dates)
    while True:
        due = initial_due if j < 0 else add_months(dates[j], months)
        nxt = dates[j + 1] if j + 1 < n else None
        # Most stretches end (a new contact) before the rule would switch on: no bisect.
        if due <= last_p and (nxt is None or due < nxt):
            a = bisect_left(ps, due, lo, hi)
            b = hi if nxt is None else bisect_left(ps, nxt, lo, hi)
            if a < b:
                if out and out[-1][1] == a:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        if nxt is None or nxt > last_p:
            return out
        j += 1


def _intersect(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = k = 0
    while i < len(xs) and k < len(ys):
        a = max(xs[i][0], ys[k][0])
        b = min(xs[i][1], ys[k][1])
        if a < b:
            out.append((a, b))
        if xs[i][1] < ys[k][1]:
            i += 1
        else:
            k += 1
    return out


def monitor_rows(
    measures: Iterable[MonitorMeasure],
    ps: Sequence[date],
    previous: date,
    settings: SignalSettings = DEFAULT_SETTINGS,
) -> list[MonitorRow]:
    """One row per peildatum in `ps` (ascending) for these measures (already the scope).

    `previous` is the end of the period before the first peildatum (`period_start`)."""
    k = len(ps)
    if k == 0:
        return []
    rules = _Rules(settings)
    periods = {t: settings.periods_for(t) for t in MeasureType}
    # Difference arrays, one per count, in COUNT_INDICATORS order.
    diff = [[0] * (k + 1) for _ in COUNT_INDICATORS]
    lopend, druk, contact_d, pva_d, risk_d, vast_d, eerste_d, termijn_d = diff
    f2f_total, f2f_ok = [0] * k, [0] * k
    pva_total, pva_ok = [0] * k, [0] * k
    first_p, last_p = ps[0], ps[-1]
    never = date.min
    for m in measures:
        start, ends = m.startdatum, m.ends
        # Percentages: deadlines in (previous, last peildatum] of measures still running then.
        fd = rules.first_contact_deadline(start)
        if previous < fd <= last_p and (ends is None or fd <= ends):
            i = bisect_left(ps, fd)
            f2f_total[i] += 1
            f = m.first_face_to_face
            if f is not None and f <= fd:
                f2f_ok[i] += 1
        pd = rules.plan_deadline(start)
        if previous < pd <= last_p and (ends is None or pd <= ends):
            i = bisect_left(ps, pd)
            pva_total[i] += 1
            fp = m.first_plan
            if fp is not None and fp <= pd:
                pva_ok[i] += 1
        # Counts: only on the peildata the measure runs.
        if start > last_p or (ends is not None and ends < first_p):
            continue
        lo = bisect_left(ps, start)
        hi = k if ends is None else bisect_right(ps, ends)
        if lo >= hi:
            continue
        lopend[lo] += 1
        lopend[hi] -= 1
        if m.regie is not Regie.VAST or not m.medewerker_id:
            vast_d[lo] += 1
            vast_d[hi] -= 1
        # Start norms: on after the deadline until it happened (records after P ignored).
        f = m.first_face_to_face
        a, b = max(bisect_right(ps, fd), lo), hi if f is None else min(bisect_left(ps, f), hi)
        if a < b:
            eerste_d[a] += 1
            eerste_d[b] -= 1
        fp = m.first_plan
        a, b = max(bisect_right(ps, pd), lo), hi if fp is None else min(bisect_left(ps, fp), hi)
        if a < b:
            termijn_d[a] += 1
            termijn_d[b] -= 1
        per = periods[m.type]
        contact = _age_on(
            add_months(start, per.contact_months),
            m.client_contacts,
            per.contact_months,
            ps,
            lo,
            hi,
        )
        plan = _age_on(never, m.plans, per.pva_months, ps, lo, hi)
        risk = _age_on(never, m.risks, per.risk_months, ps, lo, hi)
        for ranges, d in ((contact, contact_d), (plan, pva_d), (risk, risk_d)):
            for a, b in ranges:
                d[a] += 1
                d[b] -= 1
        if contact and plan and risk:
            for a, b in _intersect(_intersect(contact, plan), risk):
                druk[a] += 1
                druk[b] -= 1
    totals = [0] * len(COUNT_INDICATORS)
    rows = []
    for i, p in enumerate(ps):
        for c, d in enumerate(diff):
            totals[c] += d[i]
        rows.append(
            MonitorRow(
                p,
                *totals,
                pct(f2f_ok[i], f2f_total[i]),
                pct(pva_ok[i], pva_total[i]),
            )
        )
    return rows


# --- drill-down: the measures behind one number --------------------------------------------
def _latest_on(dates: Sequence[date], p: date) -> date | None:
    i = bisect_right(dates, p)
    return dates[i - 1] if i else None


def facts_at(m: MonitorMeasure, p: date) -> MeasureFacts:
    """The facts the rules read on P (P on or after the first peildatum)."""
    f, fp = m.first_face_to_face, m.first_plan
    return MeasureFacts(
        m.measure,
        _latest_on(m.client_contacts, p),
        f if f is not None and f <= p else None,
        _latest_on(m.plans, p),
        fp if fp is not None and fp <= p else None,
        _latest_on(m.risks, p),
    )


_COUNT_TEST = {
    "lopend": lambda s: True,
    "onder_druk": lambda s: s.onder_druk,
    "geen_contact": lambda s: s.contact.on,
    "pva_niet_actueel": lambda s: s.plan.on,
    "risicotaxatie_niet_actueel": lambda s: s.risk.on,
    "geen_vaste_jb": lambda s: s.without_fixed_worker,
    "eerste_contact_open": lambda s: s.first_contact.on,
    "pva_termijn_open": lambda s: s.plan_deadline.on,
}
# The signal code each count follows, for a UI that names it.
SIGNAL_OF = {
    "onder_druk": SignalCode.ONDER_DRUK,
    "geen_contact": SignalCode.GEEN_CONTACT,
    "pva_niet_actueel": SignalCode.PVA,
    "risicotaxatie_niet_actueel": SignalCode.RISICOTAXATIE,
    "geen_vaste_jb": SignalCode.GEEN_VASTE_JB,
    "eerste_contact_open": SignalCode.EERSTE_CONTACT,
    "pva_termijn_open": SignalCode.PVA_TERMIJN,
}


def signals_at(
    measures: Iterable[MonitorMeasure], p: date, settings: SignalSettings = DEFAULT_SETTINGS
) -> list[MeasureSignals]:
    """The real rules' signals on P for the measures running then (sorted by id)."""
    out = []
    for m in measures:
        if m.startdatum <= p and (m.ends is None or p <= m.ends):  # cheap pre-check
            s = evaluate_measure(facts_at(m, p), p, settings)
            if s is not None:
                out.append(s)
    out.sort(key=lambda s: s.maatregel_id)
    return out


def measures_behind(
    measures: Iterable[MonitorMeasure],
    ps: Sequence[date],
    previous: date,
    index: int,
    indicator: str,
    settings: SignalSettings = DEFAULT_SETTINGS,
) -> list[str]:
    """The maatregel_ids behind one cell, sorted.

    For a count: the measures with that signal on peildatum ps[index], by the real rules
    (so the list is exactly what `signals` shows). For a percentage: every measure whose
    deadline fell in that row's period (the denominator); `on_time_behind` tells which
    of them made it."""
    p = ps[index]
    if indicator in _COUNT_TEST:
        test = _COUNT_TEST[indicator]
        return [s.maatregel_id for s in signals_at(measures, p, settings) if test(s)]
    return [mid for mid, _ in deadlines_behind(measures, ps, previous, index, indicator, settings)]


def deadlines_behind(
    measures: Iterable[MonitorMeasure],
    ps: Sequence[date],
    previous: date,
    index: int,
    indicator: str,
    settings: SignalSettings = DEFAULT_SETTINGS,
) -> list[tuple[str, bool]]:
    """(maatregel_id, on time) for the measures in a percentage's denominator."""
    if indicator not in PCT_INDICATORS:
        raise ValueError(f"onbekende indicator: {indicator}")
    rules = _Rules(settings)
    low = previous if index == 0 else ps[index - 1]
    high = ps[index]
    out = []
    for m in measures:
        if indicator == "tijdig_f2f_pct":
            d, done = rules.first_contact_deadline(m.startdatum), m.first_face_to_face
        else:
            d, done = rules.plan_deadline(m.startdatum), m.first_plan
        if low < d <= high and (m.ends is None or d <= m.ends):
            out.append((m.maatregel_id, done is not None and done <= d))
    out.sort()
    return out
