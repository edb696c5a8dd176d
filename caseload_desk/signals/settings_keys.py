"""Every signal setting under a short key (`contact.voogdij`, `vrije_dag.2026-05-15`), for
the command line and the audit log: read them, change one with validation, and say in
Dutch what changed. Pure: the store loads and saves `SignalSettings`, this only edits them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from caseload_desk.dates import DateError, parse_date
from caseload_desk.domain import MeasureType
from caseload_desk.signals.settings import SignalSettings, extra_day_refusal

# Key prefix -> (field of Periods, Dutch meaning). The prefixes are the signal codes.
PERIOD_KEYS = {
    "contact": ("contact_months", "geen cliëntcontact na (maanden)"),
    "pva": ("pva_months", "plan van aanpak verouderd na (maanden)"),
    "risicotaxatie": ("risk_months", "risicotaxatie verouderd na (maanden)"),
}
# The column after the dot: the default or one measure type.
DEFAULT_COLUMN = "standaard"
TYPE_COLUMNS = {"ots": MeasureType.OTS, "voogdij": MeasureType.VOOGDIJ, "jr": MeasureType.JR}
# Key -> (field of SignalSettings, Dutch meaning, lowest, highest).
NORM_KEYS = {
    "eerste_contact.werkdagen": (
        "first_contact_working_days",
        "eerste face-to-face contact binnen (werkdagen na de start)",
        1,
        60,
    ),
    "pva_termijn.weken": (
        "pva_first_weeks",
        "eerste plan van aanpak binnen (weken na de start)",
        1,
        52,
    ),
    "einddatum.weken": ("end_warning_weeks", "waarschuwen voor de einddatum (weken vooraf)", 1, 52),
}
MONTHS_RANGE = (1, 60)
EXTRA_DAY_PREFIX = "vrije_dag."
MAX_DESCRIPTION = 80

SECTION_PERIODS = "Termijnen in maanden (per type maatregel)"
SECTION_NORMS = "Normen bij de start en het einde"
SECTION_DAYS = "Vrije dagen van de organisatie (naast de feestdagen van de Algemene termijnenwet)"


class SettingRefused(ValueError):
    """A change that is not allowed; the message is Dutch and names the key."""


@dataclass(frozen=True)
class SettingRow:
    """One setting as shown: key, current value, the default, what it means."""

    section: str
    key: str
    value: int | str
    default: int | str | None
    label: str


def period_keys() -> list[str]:
    return [f"{p}.{c}" for p in PERIOD_KEYS for c in (DEFAULT_COLUMN, *TYPE_COLUMNS)]


def all_keys() -> list[str]:
    """The keys `set_value` accepts (a vrije dag key takes any date)."""
    return [*period_keys(), *NORM_KEYS, EXTRA_DAY_PREFIX + "JJJJ-MM-DD"]


def rows(settings: SignalSettings) -> list[SettingRow]:
    base = SignalSettings()
    found: list[SettingRow] = []
    for prefix, (field, meaning) in PERIOD_KEYS.items():
        default_value = getattr(settings.default, field)
        found.append(
            SettingRow(
                SECTION_PERIODS,
                f"{prefix}.{DEFAULT_COLUMN}",
                default_value,
                getattr(base.default, field),
                f"{meaning}, standaard",
            )
        )
        for column, mtype in TYPE_COLUMNS.items():
            own = mtype in settings.per_type
            value = getattr(settings.periods_for(mtype), field)
            follows = "" if own and value != default_value else " (volgt de standaard)"
            found.append(
                SettingRow(
                    SECTION_PERIODS,
                    f"{prefix}.{column}",
                    value,
                    getattr(base.default, field),
                    f"{meaning}, {mtype.value}{follows}",
                )
            )
    for key, (field, meaning, _lo, _hi) in NORM_KEYS.items():
        found.append(
            SettingRow(SECTION_NORMS, key, getattr(settings, field), getattr(base, field), meaning)
        )
    for day, text in settings.calendar.extra.items():
        label = f"{_weekday(day)} {day:%d-%m-%Y}: geen werkdag"
        found.append(
            SettingRow(SECTION_DAYS, EXTRA_DAY_PREFIX + day.isoformat(), text, None, label)
        )
    return found


def set_value(settings: SignalSettings, key: str, value: str | None) -> SignalSettings:
    """`settings` with `key` set to `value` (text as typed); None removes a vrije dag.

    Raises SettingRefused (Dutch) for an unknown key or a value the dialog would refuse."""
    key = key.strip().lower()
    if key.startswith(EXTRA_DAY_PREFIX):
        return _set_extra_day(settings, key.removeprefix(EXTRA_DAY_PREFIX), value)
    if value is None:
        raise SettingRefused(f"{key}: geef een waarde")
    if key in NORM_KEYS:
        field, _meaning, lo, hi = NORM_KEYS[key]
        return replace(settings, **{field: _number(key, value, lo, hi)})
    prefix, _, column = key.partition(".")
    if prefix not in PERIOD_KEYS or column not in (DEFAULT_COLUMN, *TYPE_COLUMNS):
        raise SettingRefused(f"onbekende instelling: {key!r}. Bekend zijn: {', '.join(all_keys())}")
    field = PERIOD_KEYS[prefix][0]
    if column == DEFAULT_COLUMN:
        return _set_default(settings, field, _number(key, value, *MONTHS_RANGE))
    mtype = TYPE_COLUMNS[column]
    if value.strip().lower() == DEFAULT_COLUMN:  # back to following the default
        wanted = getattr(settings.default, field)
    else:
        wanted = _number(key, value, *MONTHS_RANGE)
    periods = replace(settings.periods_for(mtype), **{field: wanted})
    return settings.with_type(mtype, periods)


def add_extra_day(settings: SignalSettings, day: date, text: str) -> SignalSettings:
    """`settings` with `day` as one of the organisation's non-working days.

    Refused (Dutch) when it is a weekend day or a law holiday: it would change nothing."""
    refusal = extra_day_refusal(day)
    if refusal is not None:
        raise SettingRefused(f"{refusal}; een vrije dag daar toevoegen verandert niets")
    text = " ".join(text.split())
    if len(text) > MAX_DESCRIPTION:
        raise SettingRefused(f"omschrijving langer dan {MAX_DESCRIPTION} tekens")
    extra = dict(settings.calendar.extra)
    extra[day] = text
    return settings.with_extra_days(extra)


def remove_extra_day(settings: SignalSettings, day: date) -> SignalSettings:
    extra = dict(settings.calendar.extra)
    if day not in extra:
        raise SettingRefused(f"{day:%d-%m-%Y} staat niet in de vrije dagen van de organisatie")
    del extra[day]
    return settings.with_extra_days(extra)


def changes(old: SignalSettings, new: SignalSettings) -> list[str]:
    """What changed, in Dutch, by key: for the audit log and the command's answer.

    Keys, numbers and dates only; a vrije dag's description is left out of the audit log,
    because free text could hold a name."""
    before = {r.key: r.value for r in rows(old)}
    after = {r.key: r.value for r in rows(new)}
    found = []
    for key, value in after.items():
        if key.startswith(EXTRA_DAY_PREFIX):
            if key not in before:
                found.append(f"vrije dag {key.removeprefix(EXTRA_DAY_PREFIX)} toegevoegd")
            elif before[key] != value:
                found.append(f"vrije dag {key.removeprefix(EXTRA_DAY_PREFIX)} hernoemd")
        elif before.get(key) != value:
            found.append(f"{key} {before.get(key)} → {value}")
    for key in before:
        if key.startswith(EXTRA_DAY_PREFIX) and key not in after:
            found.append(f"vrije dag {key.removeprefix(EXTRA_DAY_PREFIX)} verwijderd")
    return found


def _set_default(settings: SignalSettings, field: str, value: int) -> SignalSettings:
    """A type that had the default's value moves along with it, as in the dialog."""
    previous = getattr(settings.default, field)
    own = {t: settings.periods_for(t) for t in MeasureType}
    result = replace(settings, default=replace(settings.default, **{field: value}))
    for mtype, periods in own.items():
        if getattr(periods, field) == previous:
            periods = replace(periods, **{field: value})
        result = result.with_type(mtype, periods)
    return result


def _set_extra_day(settings: SignalSettings, day_text: str, value: str | None) -> SignalSettings:
    day = parse_day(day_text)
    if value is None:
        return remove_extra_day(settings, day)
    return add_extra_day(settings, day, value)


def parse_day(text: str) -> date:
    try:
        return parse_date(text.strip())
    except DateError as exc:
        raise SettingRefused(f"geen geldige datum: {text!r} ({exc})") from None


def _number(key: str, value: str, lo: int, hi: int) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingRefused(f"{key}: {value!r} is geen heel getal") from None
    if not lo <= number <= hi:
        raise SettingRefused(f"{key}: {number} kan niet, kies {lo} tot en met {hi}")
    return number


_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _weekday(d: date) -> str:
    return _WEEKDAYS[d.weekday()]
