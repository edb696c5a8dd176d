"""Workload per worker (issue 15): pure, no Qt, no SQL, no I/O.

`calc` computes a worker's weighted caseload, capacity and load on a peildatum, the load
after assigning one more measure, and who has room for a measure; `settings` holds the
organisation's policy (norm, full-time hours, weights, default hours). The store reads
and writes them (`caseload_desk.store.workload`).
"""

from caseload_desk.workload.calc import (
    NO_CAPACITY,
    Candidate,
    Load,
    WorkerHours,
    WorkerLoad,
    WorkloadMeasure,
    candidates_for,
    capacity,
    counts,
    load_after,
    load_pct,
    measure_weight,
    phase_of,
    same_region,
    two_decimals,
    worker_load,
)
from caseload_desk.workload.settings import (
    DEFAULT_WORKLOAD_SETTINGS,
    MAX_WEEK_HOURS,
    MAX_ZWAARTE,
    Phase,
    WorkloadSettings,
    nl_number,
    parse_decimal,
)

__all__ = [
    "DEFAULT_WORKLOAD_SETTINGS",
    "MAX_WEEK_HOURS",
    "MAX_ZWAARTE",
    "NO_CAPACITY",
    "Candidate",
    "Load",
    "Phase",
    "WorkerHours",
    "WorkerLoad",
    "WorkloadMeasure",
    "WorkloadSettings",
    "candidates_for",
    "capacity",
    "counts",
    "load_after",
    "load_pct",
    "measure_weight",
    "nl_number",
    "parse_decimal",
    "phase_of",
    "same_region",
    "two_decimals",
    "worker_load",
]
