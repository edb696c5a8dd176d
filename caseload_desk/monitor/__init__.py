"""The monitor (issue 16): signal counts and on-time percentages over a series of peildata.

Pure: no Qt, no SQL. `caseload_desk.store.monitor` loads the measures and runs it;
`caseload_desk.monitor.norms` holds the organisation's norms.
"""

from caseload_desk.monitor.engine import (
    COLUMNS,
    COUNT_INDICATORS,
    DISPLAY_ORDER,
    INDICATORS,
    MAX_PEILDATA,
    PCT_INDICATORS,
    SIGNAL_OF,
    Interval,
    MonitorMeasure,
    MonitorRow,
    deadlines_behind,
    measures_behind,
    monitor_rows,
    pct,
    peildata,
    period_start,
    signals_at,
)
from caseload_desk.monitor.scope import Scope, ScopeKind

__all__ = [
    "COLUMNS",
    "COUNT_INDICATORS",
    "DISPLAY_ORDER",
    "INDICATORS",
    "MAX_PEILDATA",
    "PCT_INDICATORS",
    "SIGNAL_OF",
    "Interval",
    "MonitorMeasure",
    "MonitorRow",
    "Scope",
    "ScopeKind",
    "deadlines_behind",
    "measures_behind",
    "monitor_rows",
    "pct",
    "peildata",
    "period_start",
    "signals_at",
]
