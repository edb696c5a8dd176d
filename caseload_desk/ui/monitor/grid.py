"""What the Monitor shows, as plain data: one row per indicator, one value per peildatum.

Qt-free, so the table, the charts and the tests read the same thing. The numbers come
from the monitor engine (see `source.py`); nothing here computes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from caseload_desk.monitor.effect import EffectTotal
from caseload_desk.monitor.norms import breached, format_norm

ABOVE, BELOW = "▲", "▼"  # the sign beside a value past its norm: never colour alone


def dutch_number(value: float) -> str:
    """33.574 and 1,5: a point between thousands, a comma before decimals."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Indicator:
    """One row of the organisation's table: its name, what it means and its norm.

    `norm` is a maximum for counts and a minimum for percentages (`percent`): "at most 8
    first contacts overdue", "at least 80 % on time". None: an indicator without norm."""

    key: str
    label: str
    explanation: str
    percent: bool = False
    norm: float | None = None

    def past_norm(self, value: float | None) -> bool:
        return breached(self.key, value, self.norm) if self.key else False

    def norm_text(self) -> str:
        return format_norm(self.key, self.norm) or "—"

    def value_text(self, value: float | None, *, sign: bool = True) -> str:
        """The value as the table shows it; past the norm with ▲ (too many) or ▼ (too
        low a percentage) beside it."""
        if value is None:
            return "–"
        shown = f"{dutch_number(value)} %" if self.percent else dutch_number(value)
        if sign and self.past_norm(value):
            return f"{BELOW if self.percent else ABOVE} {shown}"
        return shown

    def judgement(self, value: float | None) -> str:
        """In words, for tooltips and screen readers."""
        if value is None:
            return "geen maatregelen om te meten"
        if self.norm is None:
            return "geen norm"
        if not self.past_norm(value):
            return f"binnen de norm ({self.norm_text()})"
        side = "onder" if self.percent else "boven"
        return f"{side} de norm ({self.norm_text()})"


@dataclass(frozen=True)
class MonitorGrid:
    """The monitor of one scope: `values[i][j]` is indicator i on peildatum j (None: not
    measurable, e.g. a percentage of no measures)."""

    title: str
    peildata: tuple[date, ...]
    indicators: tuple[Indicator, ...]
    values: tuple[tuple[float | None, ...], ...]
    share: float = 1.0  # of the organisation's running measures: count norms in proportion

    def series(self, key: str) -> tuple[float | None, ...]:
        for indicator, row in zip(self.indicators, self.values, strict=True):
            if indicator.key == key:
                return row
        raise KeyError(key)

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)


EMPTY = MonitorGrid("", (), (), ())


@dataclass(frozen=True)
class MeasureLine:
    """One measure behind a value on a peildatum, for the drill-down list."""

    maatregel_id: str
    medewerker_id: str  # empty: no vaste jeugdbeschermer
    medewerker: str  # the name, or how the measure is held (CRT/CCP)
    type: str
    startdatum: date
    jeugdige: str
    reden: str


@dataclass(frozen=True)
class TeamEffect:
    """The effect of a team's finished caseloadgesprekken in the period (the engine's
    sum): of the dossiers onder druk that got an action, how many were no longer onder
    druk at the worker's next conversation."""

    team: str
    total: EffectTotal

    def sentence(self) -> str:
        return effect_sentence(self.total.niet_meer_onder_druk, self.total.onder_druk_met_actie)


def effect_sentence(improved: int, with_action: int) -> str:
    """ "3 van 5 dossiers onder druk met een actie waren bij het volgende gesprek niet meer
    onder druk"; singular where it is one."""
    if with_action == 0:
        return "Geen dossiers onder druk met een actie"
    noun = "dossier" if with_action == 1 else "dossiers"
    verb = "was" if improved == 1 else "waren"
    return (
        f"{improved} van {with_action} {noun} onder druk met een actie {verb} bij het "
        "volgende gesprek niet meer onder druk"
    )
