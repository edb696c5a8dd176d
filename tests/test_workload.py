"""The workload calculation (issue 15): weights, phases, hours, capacity, room for a measure."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseload_desk.domain import MeasureType, Regie
from caseload_desk.signals.calendar import add_months
from caseload_desk.workload import (
    NO_CAPACITY,
    Load,
    Phase,
    WorkerHours,
    WorkerLoad,
    WorkloadMeasure,
    WorkloadSettings,
    candidates_for,
    capacity,
    load_after,
    load_pct,
    phase_of,
    worker_load,
)
from tests.helpers import measure

P = date(2026, 11, 23)


def wm(
    start: date = date(2026, 6, 1),
    mtype: MeasureType = MeasureType.OTS,
    regie: Regie = Regie.VAST,
    end: date | None = None,
    zwaarte: float | None = None,
    regio: str = "",
    mid: str = "M1",
) -> WorkloadMeasure:
    return WorkloadMeasure(measure(start, end, mtype, "W1", regie, mid), zwaarte, regio)


def test_defaults_twelve_measures_fill_a_full_time_worker():
    items = [wm(mid=f"M{i}") for i in range(12)]
    load = worker_load(WorkerHours(), items, P)
    assert (load.gewogen, load.capaciteit, load.maatregelen) == (12.0, 12.0, 12)
    assert load.belasting_pct == 100
    assert load.past and not load.boven_norm
    assert load.label == "100 %"
    assert load.stored() == (12.0, 12.0, 100)
    assert Load(10, 32 * 12 / 36).stored() == (10.0, 10.67, 94)


def test_only_running_measures_with_regie_vast_count():
    items = [
        wm(mid="A"),
        wm(mid="B", regie=Regie.CRT),
        wm(mid="C", regie=Regie.CCP),
        wm(mid="D", start=P + timedelta(days=1)),  # not started yet
        wm(mid="E", end=P - timedelta(days=1)),  # ended yesterday
        wm(mid="F", end=P),  # ends today: still running
    ]
    load = worker_load(WorkerHours(), items, P)
    assert load.maatregelen == 2
    assert load.gewogen == 2.0


def test_weight_per_type_and_phase_and_zwaarte_multiply():
    settings = (
        WorkloadSettings()
        .with_weight(MeasureType.VOOGDIJ, Phase.EERSTE_JAAR, 1.5)
        .with_weight(MeasureType.VOOGDIJ, Phase.DAARNA, 0.75)
    )
    young = wm(mtype=MeasureType.VOOGDIJ, start=date(2026, 1, 1), zwaarte=2, mid="A")
    old = wm(mtype=MeasureType.VOOGDIJ, start=date(2024, 1, 1), mid="B")
    ots = wm(mtype=MeasureType.OTS, start=date(2024, 1, 1), zwaarte=0.5, mid="C")
    load = worker_load(WorkerHours(), [young, old, ots], P, settings)
    assert load.gewogen == pytest.approx(1.5 * 2 + 0.75 + 0.5)


def test_phase_boundary_is_the_calendar_day_twelve_months_on():
    start = date(2025, 11, 30)
    boundary = add_months(start, 12)
    assert boundary == date(2026, 11, 30)
    assert phase_of(start, boundary - timedelta(days=1)) is Phase.EERSTE_JAAR
    assert phase_of(start, boundary) is Phase.DAARNA
    # A start on 29 February: the boundary is 28 February, clipped like the rules do.
    assert phase_of(date(2024, 2, 29), date(2025, 2, 27)) is Phase.EERSTE_JAAR
    assert phase_of(date(2024, 2, 29), date(2025, 2, 28)) is Phase.DAARNA
    assert phase_of(start, start) is Phase.EERSTE_JAAR
    assert phase_of(start, start - timedelta(days=3)) is Phase.EERSTE_JAAR


def test_phase_changes_the_weight_at_the_boundary():
    settings = WorkloadSettings().with_weight(MeasureType.OTS, Phase.EERSTE_JAAR, 2)
    item = wm(start=date(2025, 11, 23))
    assert worker_load(WorkerHours(), [item], date(2026, 11, 22), settings).gewogen == 2
    assert worker_load(WorkerHours(), [item], date(2026, 11, 23), settings).gewogen == 1


def test_part_time_and_exemption_shrink_the_capacity():
    assert capacity(WorkerHours(24, None)) == pytest.approx(8)
    assert capacity(WorkerHours(32.5, 4.5)) == pytest.approx(12 * 28 / 36)
    assert capacity(WorkerHours(None, 9)) == pytest.approx(9)
    settings = WorkloadSettings(norm=10, voltijd=40, contracturen=32)
    assert capacity(WorkerHours(), settings) == pytest.approx(8)


def test_worker_without_measures_has_zero_load():
    load = worker_load(WorkerHours(), [], P)
    assert (load.gewogen, load.maatregelen, load.belasting_pct) == (0, 0, 0)
    assert load.label == "0 %"


def test_no_capacity_is_not_a_percentage():
    full = WorkerHours(20, 20)
    load = worker_load(full, [wm()], P)
    assert load.capaciteit == 0
    assert load.belasting_pct is None
    assert load.label == NO_CAPACITY
    assert not load.past and not load.boven_norm
    assert load_pct(1, -3) is None


def test_half_a_percent_rounds_up_despite_float_noise():
    assert load_pct(12.06, 12) == 101  # 100.4999… in floating point
    assert load_pct(1, 200) == 1  # 0,5 %
    assert load_pct(12.05, 12) == 100
    assert Load(12.06, 12).boven_norm


def test_load_after_adds_one_measure_whatever_its_regie():
    load = worker_load(WorkerHours(), [wm(mid=f"M{i}") for i in range(11)], P)
    crt = wm(regie=Regie.CRT, zwaarte=1.5, mid="X")
    after = load_after(load, crt, P)
    assert after.gewogen == 12.5
    assert after.maatregelen == 12
    assert after.belasting_pct == 104


def _worker(wid: str, n: int, regio: str = "", hours: WorkerHours | None = None) -> WorkerLoad:
    hours = hours or WorkerHours()
    items = [wm(mid=f"{wid}-{i}") for i in range(n)]
    return WorkerLoad(wid, wid, "T", regio, hours, worker_load(hours, items, P))


def test_candidates_same_region_room_left_lowest_first():
    workers = [
        _worker("W1", 11, "Drenthe"),  # 12 after: exactly 100 %, still fits
        _worker("W2", 12, "Drenthe"),  # 13 after: too much
        _worker("W3", 3, "drenthe "),  # same region, other spelling
        _worker("W4", 0, "Groningen"),
        _worker("W5", 0, "Drenthe", WorkerHours(10, 10)),  # no capacity
        WorkerLoad("W6", "W6", "T", "Drenthe", WorkerHours(), Load(0, 12), in_export=False),
    ]
    found = candidates_for(wm(regie=Regie.CRT, regio="Drenthe"), workers, P)
    assert [c.worker.medewerker_id for c in found] == ["W3", "W1"]
    assert [c.after.belasting_pct for c in found] == [33, 100]
    everywhere = candidates_for(wm(regie=Regie.CRT), workers, P)
    assert [c.worker.medewerker_id for c in everywhere] == ["W4", "W3", "W1"]


def test_settings_round_trip_and_validation():
    s = WorkloadSettings(norm=11, voltijd=38).with_weight(MeasureType.JR, Phase.DAARNA, 0.5)
    assert WorkloadSettings.from_dict(s.to_dict()) == s
    assert WorkloadSettings.from_dict({}) == WorkloadSettings()
    for bad in ({"norm": 0}, {"voltijd": -1}, {"norm": "12"}, {"gewichten": {"OTS": {"x": 1}}}):
        with pytest.raises(ValueError):
            WorkloadSettings.from_dict(bad)
    with pytest.raises(ValueError, match="vrijstelling"):
        WorkloadSettings(contracturen=10, vrijstelling_uren=12).validate()


hours = st.one_of(st.none(), st.floats(0, 60, allow_nan=False))
zwaarte = st.one_of(st.none(), st.floats(0.1, 10, allow_nan=False))
days = st.integers(-800, 800)


@st.composite
def measures(draw: st.DrawFn) -> list[WorkloadMeasure]:
    n = draw(st.integers(0, 15))
    return [
        wm(
            start=P + timedelta(days=draw(days)),
            mtype=draw(st.sampled_from(MeasureType)),
            regie=draw(st.sampled_from(Regie)),
            zwaarte=draw(zwaarte),
            mid=f"M{i}",
        )
        for i in range(n)
    ]


@settings(deadline=None)
@given(measures(), hours, hours)
def test_property_load_is_the_sum_of_counted_weights(items, contract, vrij):
    hours_ = WorkerHours(contract, vrij)
    load = worker_load(hours_, items, P)
    counted = [i for i in items if i.measure.regie is Regie.VAST and i.measure.startdatum <= P]
    assert load.maatregelen == len(counted)
    assert load.gewogen == pytest.approx(
        sum(1 if i.zwaarte is None else i.zwaarte for i in counted)
    )
    if load.capaciteit >= 1e-6:
        assert abs(load.belasting_pct - load.gewogen / load.capaciteit * 100) <= 0.5 + 1e-6
    else:
        assert load.belasting_pct is None


@settings(deadline=None)
@given(measures(), st.floats(0, 5), st.floats(0, 5))
def test_property_a_heavier_weight_never_lowers_the_load(items, w1, extra):
    light = WorkloadSettings().with_weight(MeasureType.OTS, Phase.DAARNA, w1)
    heavy = WorkloadSettings().with_weight(MeasureType.OTS, Phase.DAARNA, w1 + extra)
    assert (
        worker_load(WorkerHours(), items, P, heavy).gewogen
        >= worker_load(WorkerHours(), items, P, light).gewogen - 1e-9
    )


@settings(deadline=None)
@given(measures(), zwaarte)
def test_property_load_after_equals_the_load_with_the_measure(items, z):
    extra = wm(start=P - timedelta(days=30), regie=Regie.VAST, zwaarte=z, mid="EXTRA")
    before = worker_load(WorkerHours(), items, P)
    assert load_after(before, extra, P).gewogen == pytest.approx(
        worker_load(WorkerHours(), [*items, extra], P).gewogen
    )


@settings(deadline=None)
@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(0, 800))
def test_property_phase_is_first_year_exactly_before_twelve_calendar_months(start, offset):
    p = start + timedelta(days=offset)
    expected = Phase.EERSTE_JAAR if p < add_months(start, 12) else Phase.DAARNA
    assert phase_of(start, p) is expected
    # monotone: once later, always later
    if phase_of(start, p) is Phase.DAARNA:
        assert phase_of(start, p + timedelta(days=1)) is Phase.DAARNA


# --- the store ---------------------------------------------------------------------------

from caseload_desk.store import audit  # noqa: E402
from caseload_desk.store.workload import (  # noqa: E402
    WorkloadSettingsGroup,
    load_for_conversation,
    load_workload_settings,
    room_for,
    running_measures,
    save_workload_settings,
    set_value,
    show_rows,
    worker_load_of,
    worker_loads,
)


def _fill(store) -> None:
    c = store.conn
    c.executemany(
        "INSERT INTO medewerkers (medewerker_id, naam, team, regio, contracturen, vrijstelling_uren)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            ("W2", "Bram", "Noord", "Drenthe", 24, None),
            ("W1", "Anna", "Noord", "Drenthe", None, None),
            ("W3", "Cas", "Zuid", "Groningen", 36, 36),
        ],
    )
    c.executemany(
        "INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, startdatum,"
        " einddatum, regie, zwaarte, regio) VALUES (?, ?, 'Kind', ?, ?, ?, ?, ?, ?)",
        [
            ("M1", "W1", "OTS", "2026-01-01", None, "vast", None, ""),
            ("M2", "W1", "voogdij", "2024-01-01", None, "vast", 2.0, ""),
            ("M3", "W1", "JR", "2024-01-01", "2026-01-01", "vast", None, ""),  # ended
            ("M4", "W2", "OTS", "2026-01-01", None, "vast", 1.5, ""),
            ("M5", "W3", "OTS", "2026-01-01", None, "CRT", None, "Drenthe"),
            ("M6", None, "OTS", "2026-01-01", None, "CRT", 1.0, "Drenthe"),
        ],
    )


def test_worker_loads_from_the_store(store):
    _fill(store)
    loads = worker_loads(store, P)
    assert [w.medewerker_id for w in loads] == ["W1", "W2", "W3"]
    w1, w2, w3 = loads
    assert (w1.load.gewogen, w1.load.maatregelen, w1.load.capaciteit) == (3.0, 2, 12.0)
    assert (w2.load.gewogen, w2.load.capaciteit, w2.load.belasting_pct) == (1.5, 8.0, 19)
    assert w2.hours == WorkerHours(24, None)
    assert w3.load.belasting_pct is None and w3.load.maatregelen == 0
    assert [w.medewerker_id for w in worker_loads(store, P, team="Zuid")] == ["W3"]
    assert worker_load_of(store, "W1", P) == w1
    assert worker_load_of(store, "nobody", P) is None
    assert load_for_conversation(store, "W2", P) == (1.5, 8.0, 19)
    assert load_for_conversation(store, "nobody", P) == (None, None, None)
    assert {m.measure.maatregel_id for m in running_measures(store, P)} == {
        "M1",
        "M2",
        "M4",
        "M5",
        "M6",
    }
    assert [c.worker.medewerker_id for c in room_for(store, "M6", P)] == ["W2", "W1"]


def test_settings_are_stored_and_audited_without_names(store):
    _fill(store)
    assert load_workload_settings(store) == WorkloadSettings()
    set_value(store, "werklast.norm", "10,5")
    set_value(store, "werklast.gewicht.voogdij.daarna", "1.5")
    stored = load_workload_settings(store)
    assert stored.norm == 10.5
    assert stored.weight(MeasureType.VOOGDIJ, Phase.DAARNA) == 1.5
    rows = {k: (v, d) for k, v, d, _ in show_rows(store)}
    assert rows["werklast.norm"] == ("10,5", "12")
    assert rows["werklast.gewicht.ots.eerste_jaar"] == ("1", "1")
    assert len(rows) == 4 + 6
    events = [e for e in audit.entries(store) if e.gebeurtenis == "instellingen_gewijzigd"]
    assert [e.details for e in reversed(events)] == [
        "werklastinstellingen: werklast.norm 12 → 10,5",
        "werklastinstellingen: werklast.gewicht.voogdij.daarna 1 → 1,5",
    ]
    assert all(e.medewerker_id == "" and e.maatregelen == "" for e in events)
    for unknown in ("werklast.gewicht.ots.later", "norm", "werklast.gewicht.ots"):
        with pytest.raises(ValueError, match="onbekende instelling"):
            set_value(store, unknown, "2")
    assert (
        set_value(store, " werklast.gewicht.jr.daarna ", "0,5").weight(MeasureType.JR, Phase.DAARNA)
        == 0.5
    )
    with pytest.raises(ValueError, match="geen getal"):
        set_value(store, "werklast.voltijd", "veel")
    with pytest.raises(ValueError, match=r"werklast\.norm: de norm moet groter dan 0"):
        set_value(store, "werklast.norm", "0")
    assert save_workload_settings(store, WorkloadSettings())
    assert load_workload_settings(store) == WorkloadSettings()
    logged = len(audit.entries(store))
    assert not save_workload_settings(store, WorkloadSettings())  # unchanged: no entry
    set_value(store, "werklast.norm", "12")
    assert len(audit.entries(store)) == logged


def test_demo_shows_workload_worth_looking_at(demo_file):
    from caseload_desk.store import open_store
    from caseload_desk.store.facts import NO_FIXED_WORKER
    from tests.conftest import DEMO_DATE

    with open_store(demo_file, read_only=True) as s:
        loads = worker_loads(s, DEMO_DATE)
        crt = running_measures(s, DEMO_DATE, NO_FIXED_WORKER)
        zwaarte = {r[0] for r in s.conn.execute("SELECT DISTINCT zwaarte FROM maatregelen")}
        room = {m.regio: room_for(s, m.measure.maatregel_id, DEMO_DATE, loads=loads) for m in crt}
    assert len({w.hours for w in loads}) >= 3  # full-time, part-time, exemptions
    assert any(w.hours.vrijstelling_uren for w in loads)
    assert {None, 1.5} <= zwaarte
    assert any(w.load.boven_norm for w in loads) and any(w.load.past for w in loads)
    assert len(crt) >= 15 and {m.regio for m in crt} == {"Groningen", "Drenthe"}
    assert all(room[r] for r in ("Groningen", "Drenthe"))  # someone has room in each region


class _Row(NamedTuple):
    section: str
    key: str
    value: object
    default: object
    label: str


class _Pending(NamedTuple):
    lines: list[str]
    save: object


class _Refused(ValueError):
    pass


def test_settings_group_for_the_instellingen_command(store):
    group = WorkloadSettingsGroup(_Row, _Pending, _Refused)
    assert (
        group.name == "werklast" and group.owns("Werklast.Norm") and not group.owns("contact.ots")
    )
    assert "werklast.gewicht.jr.daarna" in group.known_keys()
    rows = group.rows(store)
    assert rows[0] == _Row("norm en uren", "werklast.norm", "12", "12",
                           "gewogen maatregelen van een voltijdse medewerker bij 100 %")  # fmt: skip
    assert rows[-1].section == "gewichten per type maatregel en fase"
    assert rows[-1].label == "gewicht van jeugdreclassering, daarna"
    pending = group.prepare(
        store, [("werklast.norm", "11"), ("werklast.gewicht.ots.daarna", "1,2")]
    )
    assert pending.lines == ["werklast.norm 12 → 11", "werklast.gewicht.ots.daarna 1 → 1,2"]
    assert load_workload_settings(store) == WorkloadSettings()  # nothing saved yet
    pending.save()
    assert load_workload_settings(store).norm == 11
    # One bad change refuses them all, before anything is saved.
    for bad in ([("werklast.norm", "9"), ("werklast.voltijd", "0")], [("werklast.norm", None)],
                [("werklast.uren", "3")]):  # fmt: skip
        with pytest.raises(_Refused):
            group.prepare(store, bad)
    assert load_workload_settings(store).norm == 11
    assert group.prepare(store, [("werklast.norm", "11,0")]).lines == []


def test_two_decimals_round_a_half_up_as_the_percentage_does() -> None:
    from caseload_desk.workload import two_decimals

    assert (two_decimals(4.125), two_decimals(0.625), two_decimals(2.675)) == (4.13, 0.63, 2.68)
    assert two_decimals(12.06 / 12 * 100) == 100.5
