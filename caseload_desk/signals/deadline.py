"""The start norms share one shape: something must happen by a deadline after the start."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple


class Timeliness(StrEnum):
    TIJDIG = "tijdig"
    TE_LAAT = "te_laat"  # happened, but after the deadline: history, not an open task
    ONTBREEKT = "ontbreekt"  # deadline passed and still not happened: needs action
    BINNEN_TERMIJN = "binnen_termijn"  # not yet happened, deadline still ahead


class DeadlineSignal(NamedTuple):
    status: Timeliness
    deadline: date
    happened: date | None

    @property
    def on(self) -> bool:
        return self.status is Timeliness.ONTBREEKT


def deadline_signal(happened: date | None, deadline: date, peildatum: date) -> DeadlineSignal:
    if happened is not None:
        status = Timeliness.TIJDIG if happened <= deadline else Timeliness.TE_LAAT
    else:
        status = Timeliness.ONTBREEKT if deadline < peildatum else Timeliness.BINNEN_TERMIJN
    return DeadlineSignal(status, deadline, happened)
