from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseload_desk.signals.calendar import (
    LAW_CALENDAR,
    WorkingCalendar,
    add_months,
    add_working_days,
    dutch_holidays,
    is_working_day,
    kings_day,
    law_holidays,
)
from caseload_desk.signals.settings import extra_day_refusal


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


def easter_meeus(year: int) -> date:
    """Gregorian Easter by the Meeus/Jones/Butcher algorithm: independent of dateutil."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def law_days(year: int) -> set[date]:
    """Algemene termijnenwet art. 3 lid 1 and 2, written out from the law's text."""
    easter_day = easter_meeus(year)
    if year >= 2014:  # Koningsdag 27 April; on a Sunday the Saturday before
        birthday = date(year, 4, 27)
        if birthday.isoweekday() == 7:
            birthday = date(year, 4, 26)
    else:  # Koninginnedag 30 April; on a Sunday (2000, 2006) the Saturday before
        birthday = date(year, 4, 30)
        if birthday.isoweekday() == 7:
            birthday = date(year, 4, 29)
    return {
        date(year, 1, 1),  # Nieuwjaarsdag
        easter_day - timedelta(days=2),  # Goede Vrijdag (lid 2)
        easter_day + timedelta(days=1),  # tweede Paasdag
        easter_day + timedelta(days=39),  # Hemelvaartsdag (Thursday)
        easter_day + timedelta(days=50),  # tweede Pinksterdag
        birthday,
        date(year, 5, 5),  # every year, not only in lustrum years
        date(year, 12, 25),
        date(year, 12, 26),
    }


def test_meeus_easter_known_dates() -> None:
    # Checks on the test's own algorithm, from published calendars.
    assert easter_meeus(2000) == date(2000, 4, 23)
    assert easter_meeus(2008) == date(2008, 3, 23)
    assert easter_meeus(2011) == date(2011, 4, 24)
    assert easter_meeus(2025) == date(2025, 4, 20)
    assert easter_meeus(2026) == date(2026, 4, 5)
    assert easter_meeus(2038) == date(2038, 4, 25)


@given(st.integers(2000, 2050))
def test_holidays_match_the_law(year: int) -> None:
    assert dutch_holidays(year) == law_days(year)
    assert set(law_holidays(year)) == law_days(year)
    easter_day = easter_meeus(year)
    assert law_holidays(year)[easter_day - timedelta(days=2)] == "Goede Vrijdag"
    assert (easter_day + timedelta(days=39)).weekday() == 3  # Ascension is a Thursday
    assert (easter_day + timedelta(days=50)).weekday() == 0  # Whit Monday


def test_every_day_2000_2050_is_a_working_day_exactly_by_the_law() -> None:
    day, last = date(2000, 1, 1), date(2050, 12, 31)
    holidays: dict[int, set[date]] = {}
    while day <= last:
        law = holidays.setdefault(day.year, law_days(day.year))
        expected = day.isoweekday() <= 5 and day not in law
        assert is_working_day(day) is expected, day
        assert LAW_CALENDAR.is_working_day(day) is expected, day
        day += timedelta(days=1)


def test_kings_day_on_sunday_moves_to_saturday() -> None:
    assert kings_day(2014) == date(2014, 4, 26)  # 27 April 2014 was a Sunday
    assert kings_day(2025) == date(2025, 4, 26)
    assert kings_day(2026) == date(2026, 4, 27)
    assert kings_day(2006) == date(2006, 4, 29)  # Koninginnedag, 30 April a Sunday
    assert kings_day(2013) == date(2013, 4, 30)
    assert kings_day(1967) == date(1967, 5, 1)  # before 1980: the Monday after


def test_good_friday_is_not_a_working_day() -> None:
    assert not is_working_day(date(2026, 4, 3))  # Algemene termijnenwet art. 3 lid 2
    assert law_holidays(2026)[date(2026, 4, 3)] == "Goede Vrijdag"


def test_issue_example_30_march_2026() -> None:
    # Monday 30 March 2026 + 5 working days: 31/3, 1/4, 2/4, (Good Friday 3/4, weekend,
    # Easter Monday 6/4) 7/4, 8/4: Wednesday 8 April.
    assert add_working_days(date(2026, 3, 30), 5) == date(2026, 4, 8)
    assert LAW_CALENDAR.skipped(date(2026, 3, 30), date(2026, 4, 8)) == [
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 6), "2e Paasdag"),
    ]


def test_working_days_skip_weekend() -> None:
    # Friday 7 Nov 2025 + 5 working days = Friday 14 Nov.
    assert add_working_days(date(2025, 11, 7), 5) == date(2025, 11, 14)
    # Saturday start: Monday is day one.
    assert add_working_days(date(2025, 11, 8), 1) == date(2025, 11, 10)


def test_working_days_skip_holidays() -> None:
    # Tue 23 Dec 2025: 24, (25, 26 holidays, 27-28 weekend) 29, 30, 31, (1 Jan) 2 Jan.
    assert add_working_days(date(2025, 12, 23), 5) == date(2026, 1, 2)
    # Around Easter and Koningsdag 2026 (Easter 5 April, Koningsdag Monday 27 April).
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


@given(st.dates(date(2000, 1, 1), date(2090, 12, 31)), st.integers(1, 30))
def test_working_days_count_exactly(start: date, n: int) -> None:
    end = add_working_days(start, n)
    assert is_working_day(end)
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(is_working_day(d) for d in days) == n


def test_extra_day_moves_the_deadline() -> None:
    # The Friday after Ascension 2026 (14 May) as a decree day of the organisation.
    calendar = WorkingCalendar({date(2026, 5, 15): "vrijdag na Hemelvaart"})
    # Monday 11 May: 12, 13, (Ascension 14, extra 15, weekend) 18, 19, 20.
    assert LAW_CALENDAR.add_working_days(date(2026, 5, 11), 5) == date(2026, 5, 19)
    assert calendar.add_working_days(date(2026, 5, 11), 5) == date(2026, 5, 20)
    assert calendar.skipped(date(2026, 5, 11), date(2026, 5, 20)) == [
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 15), "vrijdag na Hemelvaart"),
    ]
    # The law calendar's cached answer is not given to the other calendar, or back.
    assert LAW_CALENDAR.add_working_days(date(2026, 5, 11), 5) == date(2026, 5, 19)


@given(
    st.dates(date(2000, 1, 1), date(2050, 12, 31)),
    st.integers(1, 30),
    st.frozensets(st.dates(date(2000, 1, 1), date(2051, 3, 31)), max_size=20),
)
def test_extra_days_only_add(start: date, n: int, extra: frozenset[date]) -> None:
    calendar = WorkingCalendar(dict.fromkeys(extra, "dicht"))
    for d in extra | law_days(start.year):
        # A law holiday stays a holiday; an extra day is never a working day.
        assert not calendar.is_working_day(d)
    law_end = add_working_days(start, n)
    end = calendar.add_working_days(start, n)
    assert end >= law_end  # extra days can only push a deadline later
    days = [start + timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in days) == n
    assert calendar.is_working_day(end)


def test_extra_day_refusal() -> None:
    assert extra_day_refusal(date(2026, 5, 15)) is None
    assert "zaterdag" in (extra_day_refusal(date(2026, 5, 16)) or "")
    assert "zondag" in (extra_day_refusal(date(2026, 5, 17)) or "")
    assert "Goede Vrijdag" in (extra_day_refusal(date(2026, 4, 3)) or "")
    assert "Bevrijdingsdag" in (extra_day_refusal(date(2026, 5, 5)) or "")


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
