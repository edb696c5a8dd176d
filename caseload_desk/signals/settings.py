"""The organisation's policy: the periods the rules use, with their defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any

from caseload_desk.domain import MeasureType
from caseload_desk.signals.calendar import LAW_CALENDAR, WorkingCalendar, law_holidays


@dataclass(frozen=True)
class Periods:
    """The three periods (in months) that may differ per measure type."""

    contact_months: int = 3
    pva_months: int = 12
    risk_months: int = 12


@dataclass(frozen=True)
class SignalSettings:
    """All periods the rules use. Defaults are the organisation's policy, not law."""

    default: Periods = Periods()
    per_type: Mapping[MeasureType, Periods] = field(default_factory=lambda: MappingProxyType({}))
    first_contact_working_days: int = 5
    pva_first_weeks: int = 6
    end_warning_weeks: int = 8
    # The law's working days plus the organisation's own non-working days. Stored in its
    # own table (vrije_dagen), so not part of to_dict/from_dict.
    calendar: WorkingCalendar = LAW_CALENDAR

    def periods_for(self, measure_type: MeasureType) -> Periods:
        return self.per_type.get(measure_type, self.default)

    def with_type(self, measure_type: MeasureType, periods: Periods | None) -> SignalSettings:
        """A copy where `measure_type` uses `periods` (None: back to the default)."""
        per_type = dict(self.per_type)
        if periods is None or periods == self.default:
            per_type.pop(measure_type, None)
        else:
            per_type[measure_type] = periods
        return replace(self, per_type=MappingProxyType(per_type))

    def with_extra_days(self, extra: Mapping[date, str]) -> SignalSettings:
        return replace(self, calendar=WorkingCalendar(extra))

    def to_dict(self) -> dict[str, Any]:
        return {
            "default": vars(self.default).copy(),
            "per_type": {t.value: vars(p).copy() for t, p in self.per_type.items()},
            "first_contact_working_days": self.first_contact_working_days,
            "pva_first_weeks": self.pva_first_weeks,
            "end_warning_weeks": self.end_warning_weeks,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignalSettings:
        base = cls()
        per_type = {MeasureType(t): Periods(**p) for t, p in dict(data.get("per_type", {})).items()}
        settings = cls(
            default=Periods(**data.get("default", {})),
            per_type=MappingProxyType(per_type),
            first_contact_working_days=data.get(
                "first_contact_working_days", base.first_contact_working_days
            ),
            pva_first_weeks=data.get("pva_first_weeks", base.pva_first_weeks),
            end_warning_weeks=data.get("end_warning_weeks", base.end_warning_weeks),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        """Raise ValueError (Dutch) for periods no organisation could mean."""
        for periods in (self.default, *self.per_type.values()):
            for name, value in vars(periods).items():
                if not isinstance(value, int) or not 1 <= value <= 60:
                    raise ValueError(f"termijn {name} moet 1 tot 60 maanden zijn")
        for name in ("first_contact_working_days", "pva_first_weeks", "end_warning_weeks"):
            value = getattr(self, name)
            if not isinstance(value, int) or not 1 <= value <= 104:
                raise ValueError(f"termijn {name} moet 1 tot 104 zijn")


DEFAULT_SETTINGS = SignalSettings()


def extra_day_refusal(d: date) -> str | None:
    """Why `d` is useless as an extra non-working day (Dutch), or None when it is useful.

    A weekend day or a holiday of the Algemene termijnenwet already does not count, so
    adding it would change nothing and only suggest that it did."""
    if d.weekday() >= 5:
        day = "zaterdag" if d.weekday() == 5 else "zondag"
        return f"{d:%d-%m-%Y} is een {day} en telt al niet als werkdag"
    name = law_holidays(d.year).get(d)
    if name is not None:
        return f"{d:%d-%m-%Y} is {name}, volgens de Algemene termijnenwet al geen werkdag"
    return None
