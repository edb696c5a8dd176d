"""Date arithmetic the rules share: calendar months and Dutch working days."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from types import MappingProxyType

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


def kings_day(year: int) -> date:
    """The day the monarch's birthday is celebrated (Algemene termijnenwet art. 3 lid 1).

    Koningsdag (since 2014) is 27 April, Koninginnedag (1949-2013) 30 April. On a Sunday it
    moves: since 2014 to Saturday 26 April; from 1980 to 2013
    to Saturday 29 April; before 1980 to Monday 1 May. The moved day is a Saturday from
    1980 on, so for working days the move only matters before 1980. (Before 1949 the day
    was 31 August; no measure in this app is that old.)
    """
    if year >= 2014:
        day = date(year, 4, 27)
        return date(year, 4, 26) if day.weekday() == 6 else day
    day = date(year, 4, 30)
    if day.weekday() != 6:
        return day
    return date(year, 4, 29) if year >= 1980 else date(year, 5, 1)


@cache
def law_holidays(year: int) -> Mapping[date, str]:
    """The algemeen erkende feestdagen of the Algemene termijnenwet, with their Dutch names.

    Article 3, first paragraph: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede
    Pinksterdag, the day the King's birthday is celebrated, 5 May (every year) and both
    Christmas days; second paragraph: Goede Vrijdag. Eerste Paas- and Pinksterdag fall on
    a Sunday anyway. Days a royal decree adds (third paragraph) are not fixed by the law:
    the organisation adds those itself (`WorkingCalendar.extra`).
    """
    e = easter(year)
    kings = kings_day(year)
    return MappingProxyType(
        {
            date(year, 1, 1): "Nieuwjaarsdag",
            e - timedelta(days=2): "Goede Vrijdag",
            e + timedelta(days=1): "2e Paasdag",
            kings: "Koningsdag" if year >= 2014 else "Koninginnedag",
            date(year, 5, 5): "Bevrijdingsdag",
            e + timedelta(days=39): "Hemelvaartsdag",
            e + timedelta(days=50): "2e Pinksterdag",
            date(year, 12, 25): "1e Kerstdag",
            date(year, 12, 26): "2e Kerstdag",
        }
    )


@cache
def dutch_holidays(year: int) -> frozenset[date]:
    """The law's holidays of one year, as a set (see `law_holidays`)."""
    return frozenset(law_holidays(year))


def is_working_day(d: date, extra: frozenset[date] = frozenset()) -> bool:
    """Monday to Friday, not a holiday of the law and not one of the `extra` days."""
    return d.weekday() < 5 and d not in dutch_holidays(d.year) and d not in extra


@lru_cache(maxsize=1 << 16)
def add_working_days(d: date, days: int, extra: frozenset[date] = frozenset()) -> date:
    """The date `days` working days after `d` (d itself does not count).

    `extra` are the organisation's own non-working days; it is part of the cache key, so
    two calendars never share an answer (a frozenset keeps its hash, so the key is cheap).
    """
    current = d
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, extra):
            remaining -= 1
    return current


class WorkingCalendar:
    """The law's working days plus the organisation's own non-working days (`extra`,
    date to description). Extra days can only add: a law holiday stays a holiday."""

    __slots__ = ("_days", "extra")

    def __init__(self, extra: Mapping[date, str] | None = None) -> None:
        self.extra: Mapping[date, str] = MappingProxyType(dict(sorted((extra or {}).items())))
        self._days = frozenset(self.extra)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WorkingCalendar) and self.extra == other.extra

    def __hash__(self) -> int:
        return hash(self._days)

    def __repr__(self) -> str:
        return f"WorkingCalendar({dict(self.extra)!r})"

    def is_working_day(self, d: date) -> bool:
        return is_working_day(d, self._days)

    def add_working_days(self, d: date, days: int) -> date:
        return add_working_days(d, days, self._days)

    def non_working_reason(self, d: date) -> str | None:
        """Why a weekday is not a working day (the holiday's or the extra day's name), or
        None for a working day or a weekend day."""
        if d.weekday() >= 5:
            return None
        name = law_holidays(d.year).get(d)
        if name is not None:
            return name
        if d in self._days:
            return self.extra[d] or "vrije dag van de organisatie"
        return None

    def skipped(self, start: date, end: date) -> list[tuple[date, str]]:
        """The weekdays after `start` up to and including `end` that did not count, with
        their names: what moved a working-day deadline."""
        found = []
        current = start + timedelta(days=1)
        while current <= end:
            reason = self.non_working_reason(current)
            if reason is not None:
                found.append((current, reason))
            current += timedelta(days=1)
        return found


LAW_CALENDAR = WorkingCalendar()
