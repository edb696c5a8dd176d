"""The monitor's peildata, percentages and their boundaries (pure engine)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseload_desk.domain import MeasureType, Regie
from caseload_desk.monitor import (
    MAX_PEILDATA,
    Interval,
    MonitorMeasure,
    monitor_rows,
    pct,
    peildata,
    period_start,
)
from caseload_desk.monitor.engine import deadlines_behind
from caseload_desk.signals.calendar import add_working_days


def mm(
    mid: str = "M1",
    start: date = date(2025, 3, 3),  # a Monday: the first contact is due Monday 10 March
    *,
    ends: date | None = None,
    f2f: date | None = None,
    first_plan: date | None = None,
    contacts: tuple[date, ...] = (),
) -> MonitorMeasure:
    plans = (first_plan,) if first_plan else ()
    return MonitorMeasure(mid, "W1", MeasureType.OTS, Regie.VAST, start, ends, None, ends,
                          contacts, f2f, plans, first_plan, ())  # fmt: skip


def test_weekly_peildata_include_the_last_day() -> None:
    assert peildata(date(2025, 1, 1), date(2025, 1, 15)) == [
        date(2025, 1, 1), date(2025, 1, 8), date(2025, 1, 15)]  # fmt: skip
    assert peildata(date(2025, 1, 1), date(2025, 1, 14)) == [date(2025, 1, 1), date(2025, 1, 8)]
    assert peildata(date(2025, 1, 1), date(2025, 1, 1)) == [date(2025, 1, 1)]


def test_monthly_peildata_clip_the_day_and_count_from_the_first() -> None:
    # Counted from D1 each time, so 31 March follows 28 February (not 28 March).
    assert peildata(date(2025, 1, 31), date(2025, 5, 30), Interval.MAAND) == [
        date(2025, 1, 31), date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]  # fmt: skip
    assert peildata(date(2023, 12, 31), date(2024, 2, 29), Interval.MAAND)[-1] == date(2024, 2, 29)
    assert period_start(date(2025, 3, 31), Interval.MAAND) == date(2025, 2, 28)
    assert period_start(date(2025, 3, 31), Interval.WEEK) == date(2025, 3, 24)


def test_refused_periods() -> None:
    with pytest.raises(ValueError, match="vóór"):
        peildata(date(2025, 2, 1), date(2025, 1, 31))
    last = date(2025, 1, 1) + timedelta(weeks=MAX_PEILDATA - 1)
    assert len(peildata(date(2025, 1, 1), last)) == MAX_PEILDATA
    with pytest.raises(ValueError, match="te veel peildata"):
        peildata(date(2025, 1, 1), last + timedelta(weeks=1))


@pytest.mark.parametrize(
    ("on_time", "total", "expected"),
    [(0, 0, None), (0, 5, 0), (5, 5, 100), (2, 3, 67), (1, 3, 33), (1, 8, 13), (3, 8, 38),
     (1, 200, 1), (1, 201, 0), (199, 200, 100), (397, 400, 99)],
)  # fmt: skip
def test_pct_rounds_halves_up(on_time: int, total: int, expected: int | None) -> None:
    assert pct(on_time, total) == expected


PS = [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]
PREVIOUS = date(2025, 2, 24)


def f2f_pcts(*measures: MonitorMeasure) -> list[int | None]:
    return [r.tijdig_f2f_pct for r in monitor_rows(measures, PS, PREVIOUS)]


def test_deadline_on_a_peildatum_counts_in_that_row() -> None:
    due = add_working_days(date(2025, 3, 3), 5)
    assert due == date(2025, 3, 10)
    # Contact on the deadline itself is on time; a day later is late.
    assert f2f_pcts(mm(f2f=due)) == [None, 100, None]
    assert f2f_pcts(mm(f2f=due + timedelta(days=1))) == [None, 0, None]
    assert f2f_pcts(mm(f2f=due), mm("M2", f2f=None)) == [None, 50, None]


def test_deadline_right_after_a_peildatum_counts_in_the_next_row() -> None:
    # Started Tuesday 25 Feb: due Tuesday 4 March, after the first peildatum.
    assert f2f_pcts(mm(start=date(2025, 2, 25), f2f=date(2025, 2, 26))) == [None, 100, None]
    # Started Monday 24 Feb: due Monday 3 March, the first peildatum itself.
    assert f2f_pcts(mm(start=date(2025, 2, 24), f2f=date(2025, 2, 26))) == [100, None, None]


def test_first_row_counts_the_interval_before_it() -> None:
    # Due 25 Feb, in (24 Feb, 3 Mar]: the first row. Due 24 Feb: before it, not counted.
    assert f2f_pcts(mm(start=date(2025, 2, 18), f2f=date(2025, 2, 18))) == [100, None, None]
    assert f2f_pcts(mm(start=date(2025, 2, 17), f2f=date(2025, 2, 17))) == [None, None, None]


def test_measure_that_ended_before_its_deadline_is_not_counted() -> None:
    assert f2f_pcts(mm(ends=date(2025, 3, 9))) == [None, None, None]
    assert f2f_pcts(mm(ends=date(2025, 3, 10))) == [None, 0, None]


def test_plan_deadline_is_six_weeks_after_the_start() -> None:
    start = date(2025, 1, 27)  # due 10 March
    rows = monitor_rows([mm(start=start, first_plan=date(2025, 3, 10))], PS, PREVIOUS)
    assert [r.tijdig_pva_pct for r in rows] == [None, 100, None]
    late = mm(start=start, first_plan=date(2025, 3, 11))
    rows = monitor_rows([late], PS, PREVIOUS)
    assert [r.tijdig_pva_pct for r in rows] == [None, 0, None]
    # The plan-termijn signal is on the day after the deadline, until the plan is set.
    assert [r.pva_termijn_open for r in rows] == [0, 0, 0]
    none_yet = monitor_rows([mm(start=start)], PS, PREVIOUS)
    assert [r.pva_termijn_open for r in none_yet] == [0, 0, 1]
    assert deadlines_behind([late], PS, PREVIOUS, 1, "tijdig_pva_pct") == [("M1", False)]


def test_counts_follow_the_events() -> None:
    # No client contact since 1 December: three months are up on 1 March; a contact on
    # 12 March clears it from the next peildatum on.
    m = mm(start=date(2024, 6, 3), f2f=date(2024, 6, 4), first_plan=date(2024, 7, 1),
           contacts=(date(2024, 12, 1), date(2025, 3, 12)))  # fmt: skip
    rows = monitor_rows([m], PS, PREVIOUS)
    assert [r.geen_contact for r in rows] == [1, 1, 0]
    assert [r.lopend for r in rows] == [1, 1, 1]
    assert [r.pva_niet_actueel for r in rows] == [0, 0, 0]
    assert [r.risicotaxatie_niet_actueel for r in rows] == [1, 1, 1]
    assert [r.onder_druk for r in rows] == [0, 0, 0]


def test_contact_period_clips_the_day_like_the_rules() -> None:
    # Last client contact 30 November: three months are up on 28 February (clipped), so
    # the signal is on from that peildatum, not from 2 March.
    m = mm(start=date(2024, 6, 3), f2f=date(2024, 6, 4), first_plan=date(2025, 1, 1),
           contacts=(date(2024, 11, 30),))  # fmt: skip
    ps = [date(2025, 2, 27), date(2025, 2, 28), date(2025, 3, 1)]
    rows = monitor_rows([m], ps, date(2025, 2, 20))
    assert [r.geen_contact for r in rows] == [0, 1, 1]
