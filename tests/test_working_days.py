"""The working-day norm (first face-to-face contact within 5 working days) on the law's
calendar and with the organisation's own non-working days."""

from __future__ import annotations

from datetime import date

import pytest

from caseload_desk.signals import SignalCode, SignalSettings, evaluate_caseload, facts_on
from caseload_desk.signals.deadline import Timeliness
from tests.helpers import contact, measure, records

START = date(2026, 3, 30)  # Monday; Good Friday 3 April and Easter Monday 6 April follow


def first_contact(peildatum: date, settings: SignalSettings | None = None, contacts=()):
    rec = records(measure(start=START), contacts=list(contacts))
    [result] = evaluate_caseload(
        [facts_on(rec, peildatum)], peildatum, settings or SignalSettings()
    )
    return result


def test_deadline_is_wednesday_8_april() -> None:
    assert first_contact(date(2026, 4, 1)).first_contact.deadline == date(2026, 4, 8)


@pytest.mark.parametrize(
    ("peildatum", "status"),
    [
        (date(2026, 4, 7), Timeliness.BINNEN_TERMIJN),
        (date(2026, 4, 8), Timeliness.BINNEN_TERMIJN),  # the term still runs on its last day
        (date(2026, 4, 9), Timeliness.ONTBREEKT),
    ],
)
def test_status_around_the_deadline(peildatum: date, status: Timeliness) -> None:
    result = first_contact(peildatum)
    assert result.first_contact.status is status
    assert (SignalCode.EERSTE_CONTACT in result.codes) is (status is Timeliness.ONTBREEKT)


def test_contact_on_8_april_is_on_time_and_on_9_april_late() -> None:
    on_time = first_contact(date(2026, 4, 20), contacts=[contact(date(2026, 4, 8))])
    late = first_contact(date(2026, 4, 20), contacts=[contact(date(2026, 4, 9))])
    assert on_time.first_contact.status is Timeliness.TIJDIG
    assert late.first_contact.status is Timeliness.TE_LAAT


def test_an_extra_day_moves_the_deadline() -> None:
    settings = SignalSettings().with_extra_days({date(2026, 4, 1): "studiedag"})
    assert first_contact(date(2026, 4, 9), settings).first_contact.deadline == date(2026, 4, 9)
    assert first_contact(date(2026, 4, 9), settings).first_contact.status is (
        Timeliness.BINNEN_TERMIJN
    )
    # The same evaluation without the extra day is not influenced by the one with it.
    assert first_contact(date(2026, 4, 9)).first_contact.status is Timeliness.ONTBREEKT


def test_an_extra_day_cannot_remove_a_law_holiday() -> None:
    # Listing Good Friday as an extra day changes nothing: it is not a working day anyway.
    settings = SignalSettings().with_extra_days({date(2026, 4, 3): "Goede Vrijdag"})
    assert first_contact(date(2026, 4, 1), settings).first_contact.deadline == date(2026, 4, 8)


def test_other_norms_count_calendar_days() -> None:
    # The plan van aanpak term is 6 calendar weeks: holidays do not move it.
    settings = SignalSettings().with_extra_days({date(2026, 4, 1): "studiedag"})
    result = first_contact(date(2026, 4, 1), settings)
    assert result.plan_deadline.deadline == date(2026, 5, 11)


def sentence(result, calendar) -> str:
    from caseload_desk.ui.texts import explanation

    [line] = [t for _, t in explanation(result, calendar) if t.startswith("Eerste face")]
    return line


def test_the_dossier_names_the_days_that_moved_the_deadline() -> None:
    settings = SignalSettings()
    text = sentence(first_contact(date(2026, 4, 1)), settings.calendar)
    assert text == (
        "Eerste face-to-face contact nog niet: termijn loopt tot en met 08-04-2026 "
        "(Goede Vrijdag en 2e Paasdag tellen niet mee)"
    )
    settings = settings.with_extra_days({date(2026, 4, 1): "studiedag"})
    late = first_contact(date(2026, 4, 20), settings, contacts=[contact(date(2026, 4, 10))])
    assert sentence(late, settings.calendar) == (
        "Eerste face-to-face contact op 10-04-2026: te laat (termijn was 09-04-2026; "
        "studiedag op 01-04-2026, Goede Vrijdag en 2e Paasdag tellen niet mee)"
    )


def test_no_note_when_only_a_weekend_lay_between() -> None:
    rec = records(measure(start=date(2026, 3, 2)))  # Monday, a plain week
    [result] = evaluate_caseload([facts_on(rec, date(2026, 3, 3))], date(2026, 3, 3))
    assert sentence(result, SignalSettings().calendar) == (
        "Eerste face-to-face contact nog niet: termijn loopt tot en met 09-03-2026"
    )
