"""The organisation's workload policy: norm, full-time hours, weights and defaults.

Public sources fix only the norm: the 2023 agreement between FNV and the employers aims
at 12 child-protection measures per full-time worker (Jeugdzorg Nederland's 2022 study
names 8-9 families). No public source fixes the time per measure type, so the weights
are the organisation's policy; every weight is 1 until it decides otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from caseload_desk.domain import MeasureType


class Phase(StrEnum):
    """A measure's phase on a peildatum: its first 12 calendar months, or later."""

    EERSTE_JAAR = "eerste_jaar"
    DAARNA = "daarna"

    @property
    def label(self) -> str:
        return {"eerste_jaar": "eerste 12 maanden", "daarna": "daarna"}[self.value]


PHASE_MONTHS = 12  # the first phase: 12 calendar months from the startdatum

# Bounds no organisation could mean otherwise (checked by `validate`; Dutch messages).
MAX_NORM = 50.0
MAX_WEEK_HOURS = 168.0  # hours in a week: the import's bound for contract hours too
MAX_WEIGHT = 10.0
MAX_ZWAARTE = 10.0  # a measure's own factor; above this it is a typing error


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError("geen getal")
    return float(value)


def _check(value: object, low: float, high: float, what: str, *, low_open: bool) -> float:
    """`value` as a float within (low or [low, high]; else ValueError in Dutch."""
    try:
        number = _number(value)
    except ValueError:
        raise ValueError(f"{what} moet een getal zijn") from None
    if number > high or number < low or (low_open and number == low):
        lower = f"groter dan {nl_number(low)}" if low_open else f"minstens {nl_number(low)}"
        raise ValueError(f"{what} moet {lower} en hoogstens {nl_number(high)} zijn")
    return number


def nl_number(value: float) -> str:
    """A number as a Dutch reader writes it: 32,5 and 12 (no trailing ,0)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


_DECIMAL = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")


def parse_decimal(text: str) -> float:
    """'32,5', '32.5' or '36' as a float; ValueError (Dutch) otherwise.

    Thousands separators are refused, and so is '1.000': a Dutch reader means a thousand,
    an English one 1; no hour or factor here reaches a thousand, so it is a mistake either
    way and is better reported than read as 1."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _DECIMAL.match(cleaned) or _THOUSANDS.match(cleaned):
        raise ValueError(f"{text.strip()!r} is geen getal")
    return float(cleaned.replace(",", "."))


Weights = Mapping[tuple[MeasureType, Phase], float]


@dataclass(frozen=True)
class WorkloadSettings:
    """The workload policy; defaults as documented in the README.

    - `norm`: weighted measures a full-time worker carries at 100 % (default 12).
    - `voltijd`: hours per week of a full-time worker (default 36).
    - `weights`: gewicht per (measure type, phase); a missing pair weighs 1.
    - `contracturen`, `vrijstelling_uren`: used for a worker the export gives none
      (default 36 and 0).
    """

    norm: float = 12.0
    voltijd: float = 36.0
    weights: Weights = field(default_factory=lambda: MappingProxyType({}))
    contracturen: float = 36.0
    vrijstelling_uren: float = 0.0

    def weight(self, measure_type: MeasureType, phase: Phase) -> float:
        return self.weights.get((measure_type, phase), 1.0)

    def with_weight(
        self, measure_type: MeasureType, phase: Phase, value: float
    ) -> WorkloadSettings:
        """A copy where (type, phase) weighs `value` (1 is the default and is not stored)."""
        weights = dict(self.weights)
        if value == 1.0:
            weights.pop((measure_type, phase), None)
        else:
            weights[(measure_type, phase)] = float(value)
        return replace(self, weights=MappingProxyType(weights))

    def to_dict(self) -> dict[str, Any]:
        per_type: dict[str, dict[str, float]] = {}
        for (measure_type, phase), value in sorted(self.weights.items()):
            per_type.setdefault(measure_type.value, {})[phase.value] = value
        return {
            "norm": self.norm,
            "voltijd": self.voltijd,
            "gewichten": per_type,
            "contracturen": self.contracturen,
            "vrijstelling_uren": self.vrijstelling_uren,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorkloadSettings:
        """The settings stored by `to_dict`; missing keys take their default.

        ValueError (Dutch) for values `validate` refuses or unknown types/phases."""
        base = cls()
        weights: dict[tuple[MeasureType, Phase], float] = {}
        try:
            for type_value, phases in dict(data.get("gewichten", {})).items():
                for phase_value, value in dict(phases).items():
                    weights[(MeasureType(type_value), Phase(phase_value))] = value
        except (TypeError, ValueError):
            raise ValueError("onbekende maatregel of fase in de werklastgewichten") from None
        settings = cls(
            norm=data.get("norm", base.norm),
            voltijd=data.get("voltijd", base.voltijd),
            weights=MappingProxyType(weights),
            contracturen=data.get("contracturen", base.contracturen),
            vrijstelling_uren=data.get("vrijstelling_uren", base.vrijstelling_uren),
        )
        settings.validate()
        return replace(
            settings,
            norm=float(settings.norm),
            voltijd=float(settings.voltijd),
            weights=MappingProxyType({k: float(v) for k, v in weights.items()}),
            contracturen=float(settings.contracturen),
            vrijstelling_uren=float(settings.vrijstelling_uren),
        )

    def validate(self) -> None:
        """Raise ValueError (Dutch) for values no organisation could mean."""
        _check(self.norm, 0, MAX_NORM, "de norm", low_open=True)
        _check(self.voltijd, 0, MAX_WEEK_HOURS, "de voltijdse werkweek", low_open=True)
        _check(self.contracturen, 0, MAX_WEEK_HOURS, "de standaard contracturen", low_open=True)
        vrij = _check(
            self.vrijstelling_uren, 0, MAX_WEEK_HOURS, "de standaard vrijstelling", low_open=False
        )
        if vrij > self.contracturen:
            raise ValueError("de standaard vrijstelling mag niet groter zijn dan de contracturen")
        for (measure_type, phase), value in self.weights.items():
            what = f"het gewicht van {measure_type.value} ({phase.label})"
            _check(value, 0, MAX_WEIGHT, what, low_open=False)


DEFAULT_WORKLOAD_SETTINGS = WorkloadSettings()
