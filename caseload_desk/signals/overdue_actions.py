"""Signal: actions agreed in earlier conversations that are past their deadline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def overdue_count(open_action_deadlines: Iterable[date], peildatum: date) -> int:
    """Open actions whose deadline lies before P (the deadline day itself is still in time)."""
    return (
        sum(deadline < peildatum for deadline in open_action_deadlines)
        if open_action_deadlines
        else 0
    )
