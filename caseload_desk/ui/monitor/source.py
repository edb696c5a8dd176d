"""The one place where the Monitor window meets the monitor engine (caseload_desk.monitor,
caseload_desk.store.monitor): it runs the engine and turns its result into what the
window shows. Nothing is counted here.

`compute` runs off the GUI thread on plain data (a path, dates, a scope) with its own
read-only connection, like ui/operations.py; the drill-down reads the result it returned."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from caseload_desk.monitor import (
    DISPLAY_ORDER,
    PCT_INDICATORS,
    SIGNAL_OF,
    Interval,
    Scope,
    ScopeKind,
    signals_at,
)
from caseload_desk.monitor.effect import ConversationEffect, total
from caseload_desk.monitor.norms import LABELS, Norms
from caseload_desk.signal_rows import signal_word
from caseload_desk.store import open_store
from caseload_desk.store.monitor import MonitorResult, run_monitor, share_of_organisation
from caseload_desk.store.monitor_effect import scope_effects
from caseload_desk.store.monitor_norms import load_norms
from caseload_desk.store.records import measures_by_id, workers
from caseload_desk.ui.monitor.grid import EMPTY, Indicator, MeasureLine, MonitorGrid, TeamEffect

Progress = Callable[[str], None]

# What each row means (its tooltip); shown in DISPLAY_ORDER, as in the Excel export, so
# the screen and the printout read alike.
_ROWS: tuple[tuple[str, str, str], ...] = (
    ("eerste_contact_open", "1e F2F",
     "Lopende maatregelen waarvan het eerste face-to-face contact ontbreekt terwijl de "
     "termijn (5 werkdagen na de start) voorbij is."),
    ("pva_termijn_open", "1e PvA",
     "Lopende maatregelen zonder plan van aanpak terwijl de termijn (6 weken na de start) "
     "voorbij is."),
    ("risicotaxatie_niet_actueel", "Risicotaxatie",
     "Lopende maatregelen waarvan de risicotaxatie ontbreekt of verouderd is."),
    ("tijdig_f2f_pct", "Tijdigheid 1e F2F",
     "Van de maatregelen waarvan de termijn voor het eerste face-to-face contact in de "
     "periode tot deze peildatum viel: het percentage met dat contact op tijd."),
    ("tijdig_pva_pct", "Tijdigheid 1e PvA",
     "Van de maatregelen waarvan de termijn voor het eerste plan van aanpak in de periode "
     "tot deze peildatum viel: het percentage met dat plan op tijd."),
    ("onder_druk", "Betekenisvol cliëntcontact onder druk",
     "Geen cliëntcontact in de ingestelde periode én plan van aanpak niet actueel én "
     "risicotaxatie niet actueel."),
    ("geen_contact", "Geen cliëntcontact",
     "Lopende maatregelen zonder cliëntcontact in de ingestelde periode (standaard 3 maanden)."),
    ("pva_niet_actueel", "Plan van aanpak niet actueel",
     "Lopende maatregelen waarvan het plan van aanpak ontbreekt of verouderd is."),
    ("geen_vaste_jb", "Zonder vaste jeugdbeschermer",
     "Lopende maatregelen die door het CRT of CCP worden gedragen."),
    ("lopend", "Lopende maatregelen", "Het aantal maatregelen dat op de peildatum loopt."),
)  # fmt: skip
PERCENT = set(PCT_INDICATORS)
ROWS = tuple(sorted(_ROWS, key=lambda row: DISPLAY_ORDER.index(row[0])))


@dataclass(frozen=True)
class Period:
    van: date
    tot: date
    interval: Interval


@dataclass(frozen=True)
class MonitorRun:
    """What one computation gives the window: the grid to show, and the engine's result
    for the drill-down (it holds the measures it counted)."""

    grid: MonitorGrid
    result: MonitorResult | None = field(default=None, repr=False)
    names: dict[str, str] = field(default_factory=dict, repr=False)


NOTHING = MonitorRun(EMPTY)


def indicators(norms: Norms | None = None, share: float = 1.0) -> tuple[Indicator, ...]:
    """The rows with the engine's titles (as in the Excel export) and the organisation's
    norms; a count norm in proportion to the scope's `share` of the running measures."""
    norms = norms or Norms()
    return tuple(
        Indicator(key, LABELS[key], text, key in PERCENT, norms.scaled(key, share))
        for key, _label, text in ROWS
    )


def compute(db_path: Path, scope: Scope, period: Period, progress: Progress) -> MonitorRun:
    progress(f"{scope.label()}: maatregelen lezen en tellen…")
    with open_store(db_path, read_only=True, check="skip") as store:
        names = {w.medewerker_id: w.naam for w in workers(store)}
        result = run_monitor(store, period.van, period.tot, period.interval, scope)
        share = share_of_organisation(store, result)
        norms = load_norms(store)
    shown = indicators(norms, share)
    values = tuple(tuple(row.value(i.key) for row in result.rows) for i in shown)
    grid = MonitorGrid(scope.label(names), result.peildata, shown, values, share)
    return MonitorRun(grid, result, names)


def export_excel(
    db_path: Path, run: MonitorRun, period: Period, target: Path, progress: Progress
) -> list[str]:
    """The shown level's table as Excel (the engine's layout, with the definitions), and
    beside a part of the organisation the whole organisation for comparison: one sheet
    per level. Returns the sheets' titles, for the audit log."""
    from caseload_desk.export.monitor_data import monitor_sheet  # openpyxl: when exporting
    from caseload_desk.export.monitor_xlsx import write_monitor_xlsx

    result = run.result
    if result is None:
        raise ValueError("Er is nog niets berekend om te exporteren.")
    progress("Excel-bestand samenstellen…")
    with open_store(db_path, read_only=True, check="skip") as store:
        sheets = [monitor_sheet(store, result)]
        if result.scope.kind is not ScopeKind.ORGANISATIE:
            whole = run_monitor(store, period.van, period.tot, period.interval, Scope())
            sheets.append(monitor_sheet(store, whole))
    progress("Excel-bestand schrijven…")
    write_monitor_xlsx(sheets, target)
    return [s.title for s in sheets]


def default_file_name(title: str, tot: date) -> str:
    """`Monitor <niveau> <datum>.xlsx`, safe on every file system."""
    safe = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in title).strip()
    return f"Monitor {safe} {tot.isoformat()}.xlsx"


def team_effects(
    db_path: Path, scope: Scope, period: Period, progress: Progress
) -> list[TeamEffect]:
    """The effect of the conversations in the period summed per team of the scope (a
    worker: their own), with the whole scope beneath when it has more than one team.

    One pass over the scope's conversations, summed here per team: a hundred teams asked
    one by one took twice as long. Off the GUI thread, with its own connection."""
    progress("Effect van de gesprekken optellen…")
    with open_store(db_path, read_only=True, check="skip") as store:
        every = workers(store)
        effects = scope_effects(store, scope, period.van, period.tot)
    names = {w.medewerker_id: w.naam for w in every}
    if scope.kind is ScopeKind.MEDEWERKER:
        return [TeamEffect(scope.label(names), total(effects))]
    team_of = {w.medewerker_id: w.team for w in every}
    if scope.kind is ScopeKind.TEAM:
        chosen = [scope.value]
    else:
        region = scope.value if scope.kind is ScopeKind.REGIO else None
        chosen = sorted({w.team for w in every if region in (None, w.regio) and w.team})
    per_team: dict[str, list[ConversationEffect]] = {}
    for e in effects:
        per_team.setdefault(team_of.get(e.medewerker_id, ""), []).append(e)
    rows = [
        TeamEffect(t if t.lower().startswith("team") else f"Team {t}", total(per_team.get(t, [])))
        for t in chosen
    ]
    if len(rows) > 1:
        rows.append(TeamEffect(scope.label(names), total(effects)))
    return rows


def measures_behind(db_path: Path, run: MonitorRun, key: str, index: int) -> list[MeasureLine]:
    """The measures behind one cell (peildatum number `index`), with what the caseload
    shows of them and why each counts; off the GUI thread, with its own connection."""
    result = run.result
    if result is None:
        return []
    if key in PERCENT:
        judged = dict(result.deadlines_behind(index, key))
        what = (
            "eerste face-to-face contact" if key == "tijdig_f2f_pct" else "eerste plan van aanpak"
        )
        reasons = {
            mid: f"Termijn {what} in deze periode: {'op tijd' if ok else 'niet op tijd'}"
            for mid, ok in judged.items()
        }
    else:
        ids = result.measures_behind(index, key)
        code = SIGNAL_OF.get(key)
        reasons = {mid: "Loopt op de peildatum" for mid in ids}
        if code is not None:
            wanted = set(ids)
            peildatum = result.peildata[index]
            for s in signals_at(
                [m for m in result.measures if m.maatregel_id in wanted], peildatum,
                result.settings,
            ):  # fmt: skip
                reasons[s.maatregel_id] = signal_word(s, code)
    with open_store(db_path, read_only=True, check="skip") as store:
        info = measures_by_id(store, sorted(reasons))
    lines = []
    for mid in sorted(reasons):
        m = info.get(mid)
        if m is None:
            continue
        wid = m.medewerker_id or ""
        # Held by the CRT or CCP: that is who the supervisor asks, not the last worker.
        held = m.regie.value if m.regie.value != "vast" or not wid else ""
        worker = held or run.names.get(wid, wid)
        lines.append(
            MeasureLine(mid, wid, worker, m.type.value, m.startdatum, m.jeugdige, reasons[mid])
        )
    return lines
