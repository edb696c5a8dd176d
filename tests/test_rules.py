"""The rules of domain.md at their boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseload_desk.domain import ContactForm, ContactWith, MeasureType, Regie
from caseload_desk.signals import (
    Periods,
    SignalCode,
    SignalSettings,
    evaluate_caseload,
    evaluate_measure,
    facts_on,
)
from caseload_desk.signals.deadline import Timeliness
from caseload_desk.signals.freshness import Freshness
from tests.helpers import contact, measure, records

P = date(2026, 2, 28)


def evaluate(rec, peildatum=P, settings=None):
    return evaluate_measure(facts_on(rec, peildatum), peildatum, settings or SignalSettings())


class TestRunning:
    def test_start_on_peildatum_is_running(self) -> None:
        assert evaluate(records(measure(start=P))) is not None

    def test_start_after_peildatum_is_not(self) -> None:
        assert evaluate(records(measure(start=P + timedelta(days=1)))) is None

    def test_end_on_peildatum_is_running(self) -> None:
        assert evaluate(records(measure(end=P))) is not None

    def test_ended_day_before_gets_no_signals(self) -> None:
        assert evaluate(records(measure(end=P - timedelta(days=1)))) is None

    def test_out_of_export_on_peildatum_is_running(self) -> None:
        assert evaluate(records(measure()._replace(uit_export_op=P))) is not None

    def test_out_of_export_the_day_before_gets_no_signals(self) -> None:
        gone = measure()._replace(uit_export_op=P - timedelta(days=1))
        assert evaluate(records(gone)) is None
        # Looking back stays right: before the export's date it counts as it did.
        earlier = P - timedelta(days=2)
        before, kept = evaluate(records(gone), earlier), evaluate(records(measure()), earlier)
        assert before is not None and kept is not None
        assert before._replace(measure=kept.measure) == kept

    def test_the_earlier_of_einddatum_and_export_date_ends_it(self) -> None:
        day = timedelta(days=1)
        end_first = measure(end=P - day)._replace(uit_export_op=P + day)
        export_first = measure(end=P + day)._replace(uit_export_op=P - day)
        assert evaluate(records(end_first)) is None
        assert evaluate(records(export_first)) is None
        assert end_first.effective_end == export_first.effective_end == P - day
        assert not end_first.left_export and export_first.left_export
        assert measure(end=P).effective_end == P and measure().effective_end is None

    def test_einddatum_signal_is_about_the_real_einddatum(self) -> None:
        # Leaving the export is no einddatum: "einddatum nadert" does not light up for it.
        soon = measure()._replace(uit_export_op=P + timedelta(days=3))
        s = evaluate(records(soon))
        assert s is not None and SignalCode.EINDDATUM not in s.codes
        near = measure(end=P + timedelta(days=10))._replace(uit_export_op=P + timedelta(days=3))
        s = evaluate(records(near))
        assert s is not None and s.ending.on and s.ending.einddatum == near.einddatum

    def test_caseload_skips_ended_and_sorts_by_id(self) -> None:
        recs = [
            records(measure(mid="M3")),
            records(measure(mid="M1")),
            records(measure(mid="M2", end=date(2025, 2, 1))),
            records(measure(mid="M4")._replace(uit_export_op=date(2025, 2, 1))),
        ]
        result = evaluate_caseload([facts_on(r, P) for r in recs], P)
        assert [r.maatregel_id for r in result] == ["M1", "M3"]

    @pytest.mark.parametrize("enabled", [True, False])
    def test_caseload_leaves_the_garbage_collector_as_it_was(self, enabled: bool) -> None:
        import gc

        seen = []

        def facts(fail: bool = False):
            seen.append(gc.isenabled())  # paused while the caseload is evaluated
            yield facts_on(records(), P)
            if fail:
                raise OSError("file gone")

        (gc.enable if enabled else gc.disable)()
        try:
            with pytest.raises(OSError):
                evaluate_caseload(facts(fail=True), P)
            assert gc.isenabled() is enabled  # also after an error
            assert len(evaluate_caseload(facts(), P)) == 1
            assert seen == [False, False] and gc.isenabled() is enabled
        finally:
            gc.enable()


class TestGeenContact:
    def test_exactly_three_months_is_on(self) -> None:
        # 2025-11-30 + 3 months = 2026-02-28 = P: on, per the domain's own example.
        s = evaluate(records(contacts=(contact(date(2025, 11, 30)),)))
        assert s.contact.on
        assert s.contact.last_contact == date(2025, 11, 30)
        assert s.contact.days_since == 90

    def test_one_day_short_is_off(self) -> None:
        s = evaluate(records(contacts=(contact(date(2025, 11, 30)),)), P - timedelta(days=1))
        assert not s.contact.on

    def test_month_end_clipping_both_days(self) -> None:
        # 28, 29 and 30 November all reach 28 February 2026 (clipped): all on, on P.
        for day in (28, 29, 30):
            assert evaluate(records(contacts=(contact(date(2025, 11, day)),))).contact.on
        assert not evaluate(records(contacts=(contact(date(2025, 12, 1)),))).contact.on

    def test_leap_day(self) -> None:
        rec = records(measure(start=date(2023, 6, 1)), contacts=(contact(date(2023, 11, 29)),))
        assert not evaluate(rec, date(2024, 2, 28)).contact.on
        assert evaluate(rec, date(2024, 2, 29)).contact.on

    def test_no_contact_counts_from_start(self) -> None:
        start = date(2025, 11, 28)
        s = evaluate(records(measure(start=start)))
        assert s.contact.on and s.contact.last_contact is None
        assert s.contact.reference == start
        assert s.contact.days_since == (P - start).days
        assert not evaluate(records(measure(start=date(2025, 12, 1)))).contact.on

    def test_only_client_contact_counts(self) -> None:
        recent = P - timedelta(days=3)
        for met in (ContactWith.NETWERK, ContactWith.OVERIG):
            rec = records(
                measure(start=date(2025, 1, 1)), contacts=(contact(recent, met, ContactForm.VIDEO),)
            )
            assert evaluate(rec).contact.on
        for met in (ContactWith.JEUGDIGE, ContactWith.OUDER, ContactWith.GEZIN):
            rec = records(contacts=(contact(recent, met, ContactForm.TELEFONISCH),))
            assert not evaluate(rec).contact.on

    def test_contact_after_peildatum_is_ignored(self) -> None:
        rec = records(contacts=(contact(date(2025, 6, 1)), contact(P + timedelta(days=1))))
        s = evaluate(rec)
        assert s.contact.on and s.contact.last_contact == date(2025, 6, 1)

    def test_contact_on_peildatum_counts(self) -> None:
        s = evaluate(records(contacts=(contact(P),)))
        assert not s.contact.on and s.contact.days_since == 0

    def test_period_per_type(self) -> None:
        settings = SignalSettings().with_type(MeasureType.VOOGDIJ, Periods(contact_months=2))
        rec = records(measure(mtype=MeasureType.VOOGDIJ), contacts=(contact(date(2025, 12, 28)),))
        assert evaluate(rec, settings=settings).contact.on
        assert not evaluate(rec).contact.on


class TestDocuments:
    @pytest.mark.parametrize("kind", ["plans", "risks"])
    def test_missing(self, kind: str) -> None:
        s = evaluate(records())
        status = s.plan if kind == "plans" else s.risk
        assert status.status is Freshness.ONTBREEKT and status.latest is None

    @pytest.mark.parametrize("kind", ["plans", "risks"])
    def test_twelve_months_boundary(self, kind: str) -> None:
        rec = records(**{kind: (date(2025, 2, 28),)})
        get = (lambda s: s.plan) if kind == "plans" else (lambda s: s.risk)
        assert get(evaluate(rec)).status is Freshness.VEROUDERD  # 2025-02-28 + 12m = P
        assert get(evaluate(rec, P - timedelta(days=1))).status is Freshness.ACTUEEL

    def test_leap_day_document(self) -> None:
        rec = records(measure(start=date(2023, 1, 1)), plans=(date(2024, 2, 29),))
        assert evaluate(rec, date(2025, 2, 27)).plan.status is Freshness.ACTUEEL
        assert evaluate(rec, date(2025, 2, 28)).plan.status is Freshness.VEROUDERD

    def test_latest_counts_and_future_is_ignored(self) -> None:
        rec = records(plans=(date(2024, 1, 1), date(2025, 6, 1), P + timedelta(days=1)))
        s = evaluate(rec)
        assert s.plan.status is Freshness.ACTUEEL and s.plan.latest == date(2025, 6, 1)

    def test_only_future_document_is_missing(self) -> None:
        s = evaluate(records(risks=(P + timedelta(days=1),)))
        assert s.risk.status is Freshness.ONTBREEKT


class TestOnderDruk:
    old = date(2025, 1, 10)

    @pytest.mark.parametrize(
        ("stale_contact", "stale_plan", "stale_risk"),
        [(a, b, c) for a in (True, False) for b in (True, False) for c in (True, False)],
    )
    def test_all_three_needed(
        self, stale_contact: bool, stale_plan: bool, stale_risk: bool
    ) -> None:
        recent = P - timedelta(days=10)
        rec = records(
            measure(start=date(2024, 1, 1)),
            contacts=(contact(self.old if stale_contact else recent),),
            plans=(self.old if stale_plan else recent,),
            risks=() if stale_risk else (recent,),
        )
        s = evaluate(rec)
        assert s.onder_druk is (stale_contact and stale_plan and stale_risk)
        assert (SignalCode.ONDER_DRUK in s.codes) is s.onder_druk
        assert s.contact.on is stale_contact
        assert s.plan.on is stale_plan
        assert s.risk.on is stale_risk


class TestFirstContact:
    start = date(2025, 11, 7)  # a Friday; deadline is Friday 14 November

    def rec(self, *contacts):
        return records(measure(start=self.start), contacts=contacts)

    def test_in_time_on_deadline(self) -> None:
        s = evaluate(self.rec(contact(date(2025, 11, 14))), date(2025, 12, 1))
        assert s.first_contact.status is Timeliness.TIJDIG
        assert s.first_contact.deadline == date(2025, 11, 14)

    def test_late(self) -> None:
        s = evaluate(self.rec(contact(date(2025, 11, 17))), date(2025, 12, 1))
        assert s.first_contact.status is Timeliness.TE_LAAT and not s.first_contact.on

    def test_missing_after_deadline_is_on(self) -> None:
        assert evaluate(self.rec(), date(2025, 11, 14)).first_contact.status is (
            Timeliness.BINNEN_TERMIJN
        )
        s = evaluate(self.rec(), date(2025, 11, 15))
        assert s.first_contact.status is Timeliness.ONTBREEKT and s.first_contact.on

    def test_only_face_to_face_client_contact(self) -> None:
        rec = self.rec(
            contact(date(2025, 11, 8), vorm=ContactForm.TELEFONISCH),
            contact(date(2025, 11, 9), ContactWith.NETWERK),
        )
        assert evaluate(rec, date(2025, 11, 20)).first_contact.on

    def test_contact_before_start_does_not_count(self) -> None:
        rec = self.rec(contact(date(2025, 11, 6)))
        assert evaluate(rec, date(2025, 11, 20)).first_contact.on


class TestPlanDeadline:
    start = date(2025, 10, 1)

    def test_six_weeks(self) -> None:
        deadline = self.start + timedelta(weeks=6)
        ok = evaluate(records(measure(start=self.start), plans=(deadline,)), date(2026, 1, 5))
        assert ok.plan_deadline.status is Timeliness.TIJDIG
        late = records(measure(start=self.start), plans=(deadline + timedelta(days=1),))
        assert evaluate(late, date(2026, 1, 5)).plan_deadline.status is Timeliness.TE_LAAT
        missing = records(measure(start=self.start))
        assert not evaluate(missing, deadline).plan_deadline.on
        assert evaluate(missing, deadline + timedelta(days=1)).plan_deadline.on


class TestOtherSignals:
    def test_without_fixed_worker(self) -> None:
        assert evaluate(records(measure(worker=None, regie=Regie.CRT))).without_fixed_worker
        assert evaluate(records(measure(worker="W1", regie=Regie.CCP))).without_fixed_worker
        assert not evaluate(records(measure())).without_fixed_worker

    def test_ending_within_eight_weeks(self) -> None:
        assert evaluate(records(measure(end=P + timedelta(days=56)))).ending.on
        assert not evaluate(records(measure(end=P + timedelta(days=57)))).ending.on
        assert evaluate(records(measure(end=P))).ending.days_left == 0
        assert not evaluate(records(measure(end=None))).ending.on

    def test_overdue_actions(self) -> None:
        rec = records(open_action_deadlines=(P, P - timedelta(days=1), P - timedelta(days=30)))
        s = evaluate(rec)
        assert s.overdue_actions == 2
        assert SignalCode.ACTIES_VERLOPEN in s.codes
        assert evaluate(records(open_action_deadlines=(P,))).overdue_actions == 0


class TestSettings:
    def test_round_trip(self) -> None:
        s = SignalSettings(default=Periods(2, 6, 9), pva_first_weeks=5).with_type(
            MeasureType.JR, Periods(4, 12, 12)
        )
        assert SignalSettings.from_dict(s.to_dict()) == s

    def test_rejects_nonsense(self) -> None:
        with pytest.raises(ValueError, match="maanden"):
            SignalSettings.from_dict({"default": {"contact_months": 0}})

    def test_type_back_to_default(self) -> None:
        s = SignalSettings().with_type(MeasureType.JR, Periods(4, 12, 12))
        assert s.with_type(MeasureType.JR, None) == SignalSettings()
