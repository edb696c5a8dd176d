"""Properties of the rules over random histories (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from caseload_desk.domain import CLIENT_CONTACT, ContactForm, ContactWith, MeasureType, Regie
from caseload_desk.importer.apply import apply_export
from caseload_desk.importer.parse import (
    ContactRow,
    MeasureRow,
    ParsedExport,
    PlanRow,
    RiskRow,
    WorkerRow,
)
from caseload_desk.signals import Contact, Measure, MeasureRecords, evaluate_measure, facts_on
from caseload_desk.signals.calendar import add_months
from caseload_desk.store import memory_store
from caseload_desk.store.facts import iter_facts

dates = st.dates(date(2023, 1, 1), date(2027, 12, 31))
contacts = st.builds(Contact, dates, st.sampled_from(ContactWith), st.sampled_from(ContactForm))


@st.composite
def histories(draw) -> MeasureRecords:
    start = draw(dates)
    end = draw(st.none() | st.dates(start, date(2028, 12, 31)))
    worker = draw(st.none() | st.just("W1"))
    regie = Regie.VAST if worker else draw(st.sampled_from((Regie.CRT, Regie.CCP)))
    # Mostly still in the export: a measure that runs on few dates filters too much out.
    left = st.dates(start - timedelta(days=30), date(2028, 12, 31))
    gone = draw(st.sampled_from((False, False, True)).flatmap(lambda x: left if x else st.none()))
    m = Measure("M1", worker, draw(st.sampled_from(MeasureType)), regie, start, end, gone)
    return MeasureRecords(
        m,
        contacts=tuple(draw(st.lists(contacts, max_size=8))),
        plans=tuple(draw(st.lists(dates, max_size=4))),
        risks=tuple(draw(st.lists(dates, max_size=4))),
        open_action_deadlines=tuple(draw(st.lists(dates, max_size=3))),
    )


def signals(rec: MeasureRecords, p: date):
    return evaluate_measure(facts_on(rec, p), p)


def running_dates(rec: MeasureRecords) -> st.SearchStrategy[date]:
    """Dates on which the measure runs: drawn there, not filtered (that filtered too much)."""
    m = rec.measure
    ends = [d for d in (m.einddatum, m.uit_export_op) if d is not None]
    last = min(ends, default=date(2028, 12, 31))
    return st.dates(m.startdatum, max(last, m.startdatum))


@given(histories(), st.data())
def test_time_never_clears_contact_signal_without_new_contact(rec, data) -> None:
    p1 = data.draw(running_dates(rec))
    p2 = data.draw(running_dates(rec).filter(lambda d: d > p1) | st.just(p1))
    before, after = signals(rec, p1), signals(rec, p2)
    assume(before is not None and after is not None)
    new_contact = any(p1 < c.datum <= p2 and c.met in CLIENT_CONTACT for c in rec.contacts)
    if before.contact.on and not new_contact:
        assert after.contact.on


@given(histories(), dates)
def test_contact_signal_definition(rec, p) -> None:
    s = signals(rec, p)
    assume(s is not None)
    client = [c.datum for c in rec.contacts if c.met in CLIENT_CONTACT and c.datum <= p]
    last = max(client, default=None)
    reference = last or rec.measure.startdatum
    assert s.contact.last_contact == last
    assert s.contact.days_since == (p - reference).days
    assert s.contact.on is (add_months(reference, 3) <= p)


@given(histories(), dates, st.data())
def test_records_after_peildatum_change_nothing(rec, p, data) -> None:
    later = (
        st.dates(p + timedelta(days=1), p + timedelta(days=3000))
        if p < date(2090, 1, 1)
        else st.nothing()
    )
    extra_contact = data.draw(
        st.builds(Contact, later, st.sampled_from(ContactWith), st.sampled_from(ContactForm))
    )
    extra_date = data.draw(later)
    grown = replace(
        rec,
        contacts=(*rec.contacts, extra_contact),
        plans=(*rec.plans, extra_date),
        risks=(*rec.risks, extra_date),
    )
    a, b = signals(rec, p), signals(grown, p)
    if a is None:
        assert b is None
    else:
        assert (a.contact, a.plan, a.risk, a.onder_druk, a.first_contact, a.plan_deadline) == (
            b.contact, b.plan, b.risk, b.onder_druk, b.first_contact, b.plan_deadline,
        )  # fmt: skip


@given(histories(), dates)
def test_running_is_between_start_and_the_effective_end(rec, p) -> None:
    """Running iff startdatum <= P <= min(einddatum, uit_export_op), empty ones ignored."""
    m = rec.measure
    ends = [d for d in (m.einddatum, m.uit_export_op) if d is not None]
    expected = m.startdatum <= p and all(p <= d for d in ends)
    assert (signals(rec, p) is not None) is expected
    # Before the export's date the measure counts exactly as if it never left.
    if m.uit_export_op is not None and p <= m.uit_export_op:
        kept = replace(rec, measure=m._replace(uit_export_op=None))
        assert signals(rec, p) == (signals(kept, p) and signals(kept, p)._replace(measure=m))


@given(histories(), dates)
def test_onder_druk_is_the_conjunction(rec, p) -> None:
    s = signals(rec, p)
    assume(s is not None)
    assert s.onder_druk == (s.contact.on and s.plan.on and s.risk.on)
    assert s.any_signal == bool(s.codes)


@settings(max_examples=60, deadline=None)
@given(st.lists(histories(), min_size=1, max_size=6), dates)
def test_sql_facts_equal_reference(recs, p) -> None:
    """The store's SQL computes exactly what the pure reference computes."""
    recs = [
        replace(r, measure=r.measure._replace(maatregel_id=f"M{i}"), open_action_deadlines=())
        for i, r in enumerate(recs)
    ]
    parsed = ParsedExport(workers=[WorkerRow("W1", "Test", "", "", "")])
    for r in recs:
        m = r.measure
        parsed.measures.append(
            MeasureRow(m.maatregel_id, m.medewerker_id, "X", m.type.value, m.startdatum.isoformat(),
                       m.einddatum.isoformat() if m.einddatum else None, m.regie.value)
        )  # fmt: skip
        parsed.contacts += [
            ContactRow(m.maatregel_id, c.datum.isoformat(), c.met.value, c.vorm.value)
            for c in r.contacts
        ]
        parsed.plans += [PlanRow(m.maatregel_id, d.isoformat()) for d in r.plans]
        parsed.risks += [RiskRow(m.maatregel_id, d.isoformat(), "") for d in r.risks]
    store = memory_store()
    with store.db.atomic():
        apply_export(store.conn, parsed)
        store.conn.executemany(
            "UPDATE maatregelen SET uit_export_op = ? WHERE maatregel_id = ?",
            [(r.measure.uit_export_op.isoformat(), r.measure.maatregel_id)
             for r in recs if r.measure.uit_export_op],
        )  # fmt: skip
    from_sql = {f.measure.maatregel_id: f for f in iter_facts(store, p)}
    expected = {r.measure.maatregel_id: facts_on(r, p) for r in recs if r.measure.is_running(p)}
    assert from_sql == expected
    store.close()


few_dates = st.dates(date(2025, 1, 1), date(2025, 2, 15))  # narrow: measures share dates


@st.composite
def caseloads(draw) -> list[MeasureRecords]:
    recs = []
    for i in range(draw(st.integers(1, 25))):
        start = draw(few_dates)
        end = draw(st.none() | st.dates(start, date(2025, 4, 30)))
        gone = draw(st.none() | st.dates(start, date(2025, 4, 30)))
        m = Measure(f"M{i:03d}", "W1", draw(st.sampled_from(MeasureType)), Regie.VAST, start, end,
                    gone)  # fmt: skip
        recs.append(MeasureRecords(
            m,
            contacts=tuple(draw(st.lists(st.builds(Contact, few_dates, st.sampled_from(ContactWith),
                                                   st.sampled_from(ContactForm)), max_size=3))),
            plans=tuple(draw(st.lists(few_dates, max_size=2))),
            risks=tuple(draw(st.lists(few_dates, max_size=2))),
        ))  # fmt: skip
    return recs


@settings(max_examples=150)
@given(caseloads(), st.dates(date(2025, 2, 1), date(2025, 6, 30)))
def test_a_caseload_gives_every_measure_what_it_gets_alone(recs, p) -> None:
    """evaluate_caseload shares results between measures with the same dates: sharing
    must never hand one measure another's signal (periods differ per type, too)."""
    from caseload_desk.signals import Periods, SignalSettings, evaluate_caseload

    custom = SignalSettings().with_type(MeasureType.VOOGDIJ, Periods(1, 2, 3))
    for config in (SignalSettings(), custom):
        together = evaluate_caseload([facts_on(r, p) for r in recs], p, config)
        alone = [evaluate_measure(facts_on(r, p), p, config) for r in recs]
        assert together == sorted((s for s in alone if s is not None), key=lambda s: s.maatregel_id)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.frozensets(st.sampled_from(("M0", "M1", "M2"))), st.integers(0, 40)),
        min_size=1,
        max_size=6,
    ),
    st.lists(st.integers(-10, 200), min_size=1, max_size=5),
)
def test_exports_in_sequence_date_what_left_and_sql_agrees(exports, offsets) -> None:
    """A run of exports (each a subset of the measures, each dated on or after the last):
    a measure's uit_export_op is the date of the first export of its latest absence, and
    what runs on any peildatum is what `Measure.is_running` says."""
    ids = ("M0", "M1", "M2")
    starts = {"M0": date(2025, 1, 6), "M1": date(2025, 3, 1), "M2": date(2025, 6, 30)}
    ends = {"M0": None, "M1": date(2025, 9, 1), "M2": None}
    store = memory_store()
    day = date(2025, 5, 1)
    gone: dict[str, date | None] = dict.fromkeys(ids)
    for i, (held, gap) in enumerate(exports):
        held = frozenset(ids) if i == 0 else held  # the first export brings them all in
        day += timedelta(days=gap)
        parsed = ParsedExport(workers=[WorkerRow("W1", "Test", "", "", "")])
        parsed.measures = [
            MeasureRow(m, "W1", "X", "OTS", starts[m].isoformat(),
                       ends[m].isoformat() if ends[m] else None, "vast")
            for m in sorted(held)
        ]  # fmt: skip
        with store.db.atomic():
            apply_export(store.conn, parsed, day)
        for m in ids:
            gone[m] = None if m in held else (gone[m] or day)
    stored = dict(store.conn.execute("SELECT maatregel_id, uit_export_op FROM maatregelen"))
    assert stored == {m: d.isoformat() if d else None for m, d in gone.items()}
    for offset in offsets:
        p = day + timedelta(days=offset)
        expected = {
            m for m in ids
            if Measure(m, "W1", MeasureType.OTS, Regie.VAST, starts[m], ends[m], gone[m])
            .is_running(p)
        }  # fmt: skip
        assert {f.measure.maatregel_id for f in iter_facts(store, p)} == expected
    store.close()
