from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseload_desk.signals.calendar import (
    add_months,
    add_working_days,
    dutch_holidays,
    is_working_day,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # the example in domain.md
        (date(2023, 11, 30), 3, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 8, 31), 3, date(2025, 11, 30)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2025, 12, 15), 3, date(2026, 3, 15)),
    ],
)
def test_add_months_clips_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_holidays_2025() -> None:
    # Easter 2025 is 20 April; Koningsdag falls on Sunday 27 April, so it moves to the 26th.
    assert dutch_holidays(2025) == {
        date(2025, 1, 1),
        date(2025, 4, 21),
        date(2025, 4, 26),
        date(2025, 5, 5),
        date(2025, 5, 29),
        date(2025, 6, 9),
        date(2025, 12, 25),
        date(2025, 12, 26),
    }


def test_good_friday_is_a_working_day() -> None:
    assert is_working_day(date(2026, 4, 3))  # not in the Algemene termijnenwet


def test_working_days_skip_weekend() -> None:
    # Friday 7 Nov 2025 + 5 working days = Friday 14 Nov.
    assert add_working_days(date(2025, 11, 7), 5) == date(2025, 11, 14)
    # Saturday start: Monday is day one.
    assert add_working_days(date(2025, 11, 8), 1) == date(2025, 11, 10)


def test_working_days_skip_holidays() -> None:
    # Tue 23 Dec 2025: 24, (25, 26 holidays, 27-28 weekend) 29, 30, 31, (1 Jan) 2 Jan.
    assert add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)
    # Around Easter and Koningsdag 2026 (Easter 5 April, Koningsdag Monday 27 April).
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 3)
    assert add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 30))
def test_working_days_count_exactly(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d) for d in days) == n


@given(st.dates(date(1950, 1, 1), date(2100, 12, 31)), st.integers(0, 120))
def test_add_months_properties(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day
    if result.day < start.day:  # clipped: it is the last day of its month
        assert (result + timedelta(days=1)).day == 1


@given(st.dates(date(1900, 1, 1), date(2200, 12, 31)), st.integers(-120, 240))
def test_add_months_equals_relativedelta(start: date, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    assert add_months(start, months) == start + relativedelta(months=months)
