"""The norms the monitor compares against: the organisation's own, changeable.

The counts are maxima for the whole organisation ("at most 8 first contacts overdue"),
the percentages minima. Defaults, from the organisation's report "Tijdigheid werkstappen"
(seed 002): 1e F2F 8 (first face-to-face contact overdue: `eerste_contact_open`),
1e PvA 48 (first plan van aanpak overdue: `pva_termijn_open`), Risicotaxatie 48
(`risicotaxatie_niet_actueel`), Tijdigheid 1e F2F 80 % and Tijdigheid 1e PvA 80 %.
The organisation has no norm yet for betekenisvol cliëntcontact (it is setting up that
monitoring); the app proposes one in the same spirit, about 5 % and 1 % of its 929
running measures: at most 46 without client contact for three months and at most 9
onder druk. The other counts have no norm until the organisation sets one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from caseload_desk.monitor.engine import COUNT_INDICATORS, INDICATORS, PCT_INDICATORS

KEY_PREFIX = "monitor.norm."

DEFAULT_NORMS: Mapping[str, int | None] = MappingProxyType(
    {
        "lopend": None,
        "onder_druk": 9,
        "geen_contact": 46,
        "pva_niet_actueel": None,
        "risicotaxatie_niet_actueel": 48,
        "geen_vaste_jb": None,
        "eerste_contact_open": 8,
        "pva_termijn_open": 48,
        "tijdig_f2f_pct": 80,
        "tijdig_pva_pct": 80,
    }
)

# For people: the row titles of the organisation's table and what each norm means.
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "lopend": "Lopende maatregelen",
        "onder_druk": "Betekenisvol cliëntcontact onder druk",
        "geen_contact": "Geen cliëntcontact (3 maanden)",
        "pva_niet_actueel": "Plan van aanpak niet actueel",
        "risicotaxatie_niet_actueel": "Risicotaxatie niet actueel",
        "geen_vaste_jb": "Geen vaste jeugdbeschermer",
        "eerste_contact_open": "1e F2F te laat (nog niet gehad)",
        "pva_termijn_open": "1e PvA te laat (nog niet vastgesteld)",
        "tijdig_f2f_pct": "Tijdigheid 1e F2F (%)",
        "tijdig_pva_pct": "Tijdigheid 1e PvA (%)",
    }
)


def is_minimum(indicator: str) -> bool:
    """Percentages must reach their norm; counts must stay at or below it."""
    return indicator in PCT_INDICATORS


def breached(indicator: str, value: int | None, norm: float | None) -> bool:
    """Past the norm: a count above it, a percentage below it. No value or no norm: no."""
    if value is None or norm is None:
        return False
    return value < norm if is_minimum(indicator) else value > norm


@dataclass(frozen=True)
class Norms:
    values: Mapping[str, int | None] = field(default_factory=lambda: DEFAULT_NORMS)

    def norm(self, indicator: str) -> int | None:
        return self.values.get(indicator)

    def scaled(self, indicator: str, share: float) -> float | None:
        """The norm for a part of the organisation holding `share` (0..1) of its running
        measures: a count norm in proportion (one decimal), a percentage as it is."""
        n = self.norm(indicator)
        if n is None or is_minimum(indicator):
            return n
        return round(n * share, 1)

    def with_norm(self, indicator: str, value: int | None) -> Norms:
        return Norms(MappingProxyType({**self.values, indicator: value}))

    def changed(self) -> dict[str, int | None]:
        """What differs from the defaults (what the database keeps)."""
        return {k: v for k, v in self.values.items() if DEFAULT_NORMS.get(k) != v}

    @classmethod
    def from_changes(cls, changes: Mapping[str, object]) -> Norms:
        values = dict(DEFAULT_NORMS)
        for k, v in changes.items():
            if k in values and (v is None or (isinstance(v, int) and not isinstance(v, bool))):
                values[k] = v  # anything else in the stored JSON: ignored, default kept
        return cls(MappingProxyType(values))


def key_of(indicator: str) -> str:
    return KEY_PREFIX + indicator


def parse_norm(key: str, text: str) -> tuple[str, int | None]:
    """(indicator, value) from a setting key and the text a user typed; ValueError in
    Dutch for anything else. Empty text (or 'geen') removes the norm."""
    if not key.startswith(KEY_PREFIX) or key[len(KEY_PREFIX) :] not in INDICATORS:
        known = ", ".join(key_of(i) for i in INDICATORS)
        raise ValueError(f"onbekende instelling {key!r}; bekend zijn: {known}")
    indicator = key[len(KEY_PREFIX) :]
    text = text.strip()
    if text.lower() in ("", "geen"):
        return indicator, None
    try:
        value = int(text.rstrip("%").strip())
    except ValueError:
        raise ValueError(f"{key} moet een heel getal zijn (of leeg voor geen norm)") from None
    if indicator in PCT_INDICATORS and not 0 <= value <= 100:
        raise ValueError(f"{key} is een percentage: 0 tot en met 100")
    if indicator in COUNT_INDICATORS and not 0 <= value <= 1_000_000:
        raise ValueError(f"{key} is een aantal maatregelen: 0 of meer")
    return indicator, value


def format_norm(indicator: str, value: float | None) -> str:
    """'≤ 8', '≥ 80 %', or '' without a norm (Dutch decimal comma for a scaled norm)."""
    if value is None:
        return ""
    number = f"{value:g}".replace(".", ",")
    return f"≥ {number} %" if is_minimum(indicator) else f"≤ {number}"
