"""Date arithmetic the rules share: calendar months and Dutch working days."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import cache, lru_cache

from dateutil.easter import easter


@lru_cache(maxsize=1 << 16)
def add_months(d: date, months: int) -> date:
    """Calendar months, day clipped to the end of a shorter month (2025-11-30 + 3 = 2026-02-28).

    The same result as `dateutil.relativedelta(months=...)` (a test checks that), written
    out because relativedelta was most of the time of evaluating a whole caseload.
    """
    total = d.month - 1 + months
    year, month = d.year + total // 12, total % 12 + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


@cache
def dutch_holidays(year: int) -> frozenset[date]:
    """Public holidays that are not working days, per the Algemene termijnenwet.

    That law lists Nieuwjaarsdag, Tweede Paasdag, Hemelvaartsdag, Tweede Pinksterdag,
    Koningsdag, Bevrijdingsdag (5 mei, every year) and both Christmas days; Goede Vrijdag
    is not on it. Eerste Paas- and Pinksterdag fall on a Sunday anyway.
    """
    e = easter(year)
    if year >= 2014:
        kings_day = date(year, 4, 27)
        if kings_day.weekday() == 6:  # moved to Saturday when it falls on a Sunday
            kings_day = date(year, 4, 26)
    else:
        kings_day = date(year, 4, 30)
        if kings_day.weekday() == 6:
            kings_day = date(year, 4, 29)
    return frozenset(
        {
            date(year, 1, 1),
            e + timedelta(days=1),
            e + timedelta(days=39),
            e + timedelta(days=50),
            kings_day,
            date(year, 5, 5),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(d: date) -> bool:
    return d.weekday() < 5 and d not in dutch_holidays(d.year)


@lru_cache(maxsize=1 << 16)
def add_working_days(d: date, days: int) -> date:
    """The date `days` working days after `d` (d itself does not count)."""
    current = d
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
