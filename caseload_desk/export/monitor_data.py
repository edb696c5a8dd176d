"""Gather what the monitor's Excel shows per level, from the database (CLI and GUI)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from caseload_desk.export.monitor_xlsx import MonitorSheet, write_monitor_xlsx
from caseload_desk.monitor.engine import INDICATORS, Interval
from caseload_desk.monitor.scope import Scope
from caseload_desk.store import Store, audit
from caseload_desk.store.monitor import MonitorResult, run_monitor, share_of_organisation
from caseload_desk.store.monitor_effect import scope_effect_total
from caseload_desk.store.monitor_norms import load_norms
from caseload_desk.store.records import workers


def monitor_sheet(store: Store, result: MonitorResult, *, with_effect: bool = True) -> MonitorSheet:
    """One level's sheet for a monitor run already made (the GUI has it at hand)."""
    names = {w.medewerker_id: w.naam for w in workers(store)}
    norms = load_norms(store)
    share = share_of_organisation(store, result)
    effect = None
    if with_effect and result.peildata:
        effect = scope_effect_total(store, result.scope, result.peildata[0], result.peildata[-1])
    return MonitorSheet(
        result.scope.label(names),
        result.interval,
        result.rows,
        {i: norms.scaled(i, share) for i in INDICATORS},
        share,
        effect,
    )


def export_monitor(
    store: Store,
    scopes: Sequence[Scope],
    van: date,
    tot: date,
    interval: Interval,
    target: Path,
    results: Sequence[MonitorResult] = (),
) -> list[MonitorSheet]:
    """Write the monitor for each scope (one sheet each) to `target`, audited.

    `results` may hold runs already made (matched by scope), so the GUI need not compute
    twice. ValueError (Dutch) for a refused period; TargetLocked when the file is open."""
    ready = {r.scope: r for r in results}
    sheets = [
        monitor_sheet(store, ready.get(s) or run_monitor(store, van, tot, interval, s))
        for s in scopes
    ]
    write_monitor_xlsx(sheets, target)
    # Counts only, no measure or child: the audit log says which levels left the file.
    audit.record_or_keep(
        store,
        audit.Event.EXPORT,
        details=f"monitor ({', '.join(s.title for s in sheets)}), "
        f"{van.isoformat()} tot {tot.isoformat()} per {interval.value}",
    )
    return sheets
