"""The one place where the Monitor window meets the monitor engine.

Everything here runs off the GUI thread on plain data (a path, dates, a scope) with its own
read-only connection, like ui/operations.py; the engine does the counting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from caseload_desk.ui.monitor.grid import Interval, Level, MeasureLine, MonitorGrid

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Scope:
    """Organisation, or one region, team or worker (`value`: its name or medewerker_id)."""

    level: Level
    value: str = ""
    label: str = "Hele organisatie"


@dataclass(frozen=True)
class Period:
    van: date
    tot: date
    interval: Interval


def compute_grid(db_path: Path, scope: Scope, period: Period, progress: Progress) -> MonitorGrid:
    raise NotImplementedError("de monitor-engine ontbreekt nog")


def measures_behind(
    db_path: Path, scope: Scope, key: str, peildatum: date, previous: date | None
) -> list[MeasureLine]:
    raise NotImplementedError("de monitor-engine ontbreekt nog")
