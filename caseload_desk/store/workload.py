"""Workload per worker from the database, and the workload policy stored in it.

The calculation itself is `caseload_desk.workload` (pure). Which measures run on a
peildatum comes from `store.facts.iter_facts`, the rules' own query, so the workload
and the signals always agree on it (also when that definition changes).

Settings live in `instellingen` under their own key, as JSON, so every user of one file
computes the same load; changing them is audited without personal data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from caseload_desk.domain import MeasureType
from caseload_desk.signals.facts import Measure
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing
from caseload_desk.store.facts import iter_facts, iter_facts_chunked
from caseload_desk.store.records import get_measure, id_chunks
from caseload_desk.workload import (
    DEFAULT_WORKLOAD_SETTINGS,
    Candidate,
    Phase,
    WorkerHours,
    WorkerLoad,
    WorkloadMeasure,
    WorkloadSettings,
    candidates_for,
    nl_number,
    parse_decimal,
    worker_load,
)

_KEY = "werklastinstellingen"


# --- settings ---------------------------------------------------------------------------


def load_workload_settings(store: Store) -> WorkloadSettings:
    """The stored workload policy, or the defaults when none was saved."""
    row = store.conn.execute(
        "SELECT waarde FROM instellingen WHERE sleutel = ?", (_KEY,)
    ).fetchone()
    if row is None:
        return DEFAULT_WORKLOAD_SETTINGS
    return WorkloadSettings.from_dict(json.loads(row[0]))


def save_workload_settings(store: Store, settings: WorkloadSettings) -> bool:
    """Store the policy (ValueError in Dutch when invalid) and audit the change; False
    (nothing written, nothing logged) when it equals the stored policy.

    The audit row says which keys changed and how (`changes`), never a person."""
    settings.validate()
    lines = changes(load_workload_settings(store), settings)
    if not lines:
        return False
    with writing(store):
        store.conn.execute(
            "INSERT INTO instellingen (sleutel, waarde) VALUES (?, ?) "
            "ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
            (_KEY, json.dumps(settings.to_dict(), sort_keys=True)),
        )
        audit.record(
            store,
            audit.Event.INSTELLINGEN_GEWIJZIGD,
            details="werklastinstellingen: " + "; ".join(lines),
        )
    return True


# --- settings by key: for `caseload-desk instellingen` ----------------------------------
# Keys are lower case, like the signal settings' (contact.ots): werklast.norm,
# werklast.voltijd, werklast.contracturen and werklast.vrijstelling_uren (the default
# hours), werklast.gewicht.<ots|voogdij|jr>.<eerste_jaar|daarna>. Input in any case.
PREFIX = "werklast."
SECTION_HOURS = "norm en uren"
SECTION_WEIGHTS = "gewichten per type maatregel en fase"
_PLAIN = {
    "norm": "gewogen maatregelen van een voltijdse medewerker bij 100 %",
    "voltijd": "uren per week van een voltijdse werkweek",
    "contracturen": "contracturen per week als de export ze leeg laat",
    "vrijstelling_uren": "vrijgestelde uren per week als de export ze leeg laat",
}


def setting_keys() -> list[str]:
    """Every key, in the order `setting_rows` shows them."""
    keys = [PREFIX + name for name in _PLAIN]
    keys += [f"{PREFIX}gewicht.{t.value.lower()}.{p.value}" for t in MeasureType for p in Phase]
    return keys


def describe(key: str) -> str:
    """A Dutch description of a key (KeyError for an unknown one)."""
    name = key.strip().lower().removeprefix(PREFIX)
    if name in _PLAIN:
        return _PLAIN[name]
    measure_type, phase = _weight_key(key)
    return f"gewicht van {measure_type.label.lower()}, {phase.label}"


def _weight_key(key: str) -> tuple[MeasureType, Phase]:
    parts = key.strip().lower().split(".")
    if len(parts) != 4 or f"{parts[0]}." != PREFIX or parts[1] != "gewicht":
        raise KeyError(key)
    types = {t.value.lower(): t for t in MeasureType}
    phases = {p.value: p for p in Phase}
    try:
        return types[parts[2]], phases[parts[3]]
    except KeyError:
        raise KeyError(key) from None


def get_value(settings: WorkloadSettings, key: str) -> float:
    """The value of `key` in `settings` (KeyError for an unknown key)."""
    key = key.strip().lower()
    name = key.removeprefix(PREFIX)
    if key.startswith(PREFIX) and name in _PLAIN:
        return float(getattr(settings, name))
    return settings.weight(*_weight_key(key))


def setting_rows(settings: WorkloadSettings) -> list[tuple[str, float]]:
    """(key, value) for every setting, norm and hours first, then each weight."""
    return [(key, get_value(settings, key)) for key in setting_keys()]


def show_rows(store: Store) -> list[tuple[str, str, str, str]]:
    """(key, value, default, description) of every setting, values as Dutch text."""
    settings = load_workload_settings(store)
    return [
        (k, nl_number(v), nl_number(get_value(DEFAULT_WORKLOAD_SETTINGS, k)), describe(k))
        for k, v in setting_rows(settings)
    ]


def changes(old: WorkloadSettings, new: WorkloadSettings) -> list[str]:
    """What changed, by key, as 'werklast.norm 12 → 10,5': for the audit log and the
    instellingen command's answer (numbers only, never a name)."""
    return [
        f"{key} {nl_number(before)} → {nl_number(after)}"
        for (key, before), (_, after) in zip(setting_rows(old), setting_rows(new), strict=True)
        if before != after
    ]


def with_value(settings: WorkloadSettings, key: str, text: str) -> WorkloadSettings:
    """`settings` with `key` set to `text` ('32,5' or '32.5'); ValueError (Dutch) for an
    unknown key or a value the policy cannot take."""
    key = key.strip().lower()
    name = key.removeprefix(PREFIX)
    try:
        weight = None if key.startswith(PREFIX) and name in _PLAIN else _weight_key(key)
    except KeyError:
        known = ", ".join(setting_keys())
        raise ValueError(f"onbekende instelling {key!r}; bekend zijn: {known}") from None
    try:
        value = parse_decimal(text)
        if weight is not None:
            changed = settings.with_weight(*weight, value)
        else:
            changed = replace(settings, **{name: value})
        changed.validate()
    except ValueError as exc:
        raise ValueError(f"{key}: {exc}") from None
    return changed


def set_value(store: Store, key: str, text: str) -> WorkloadSettings:
    """Change one setting in the file (validated, audited); returns the new settings."""
    changed = with_value(load_workload_settings(store), key, text)
    save_workload_settings(store, changed)
    return changed


class WorkloadSettingsGroup:
    """The workload settings as a group of `caseload-desk instellingen`.

    Shaped after `store.settings_groups.SettingsGroup`; its row, pending-change and
    refusal types are passed in, so this module does not depend on the registry:
    `register(WorkloadSettingsGroup(SettingRow, PendingChange, SettingRefused))`."""

    name = "werklast"
    title = "Werklast"

    def __init__(
        self,
        row: Callable[..., Any],
        pending: Callable[[list[str], Callable[[], None]], Any],
        refused: type[Exception] = ValueError,
    ) -> None:
        self._row, self._pending, self._refused = row, pending, refused

    def known_keys(self) -> list[str]:
        return setting_keys()

    def owns(self, key: str) -> bool:
        return key.strip().lower().startswith(PREFIX)

    def rows(self, store: Store) -> list[Any]:
        """(section, key, value, default, label) per setting; numbers as Dutch text."""
        return [
            self._row(
                SECTION_HOURS if key.removeprefix(PREFIX) in _PLAIN else SECTION_WEIGHTS,
                key,
                value,
                default,
                label,
            )
            for key, value, default, label in show_rows(store)
        ]

    def prepare(self, store: Store, requested: Sequence[tuple[str, str | None]]) -> Any:
        """Every change validated before anything is saved; the lines say what changes."""
        old = load_workload_settings(store)
        new = old
        for key, value in requested:
            if value is None:
                raise self._refused(f"{key}: geef een waarde")
            try:
                new = with_value(new, key, value)
            except ValueError as exc:
                raise self._refused(str(exc)) from None
        return self._pending(changes(old, new), lambda: save_workload_settings(store, new))


# --- loads ------------------------------------------------------------------------------


def _extras(store: Store, ids: list[str]) -> dict[str, tuple[float | None, str]]:
    """(zwaarte, regio) per measure id."""
    found: dict[str, tuple[float | None, str]] = {}
    for chunk, marks in id_chunks(ids):
        for mid, zwaarte, regio in store.conn.execute(
            f"SELECT maatregel_id, zwaarte, regio FROM maatregelen WHERE maatregel_id IN ({marks})",
            chunk,
        ):
            found[mid] = (zwaarte, regio or "")
    return found


def _with_extras(store: Store, measures: Iterable[Measure]) -> list[WorkloadMeasure]:
    listed = list(measures)
    extras = _extras(store, [m.maatregel_id for m in listed])
    return [WorkloadMeasure(m, *extras.get(m.maatregel_id, (None, ""))) for m in listed]


def running_measures(
    store: Store, peildatum: date, medewerker_id: str | None = None
) -> list[WorkloadMeasure]:
    """Every measure running on `peildatum` (of one worker, or without a vaste
    jeugdbeschermer with `store.facts.NO_FIXED_WORKER`), any regie, by maatregel_id."""
    if medewerker_id is None:
        facts = iter_facts_chunked(store, peildatum)
    else:
        facts = iter_facts(store, peildatum, medewerker_id)
    return _with_extras(store, (f.measure for f in facts))


def workload_measure(store: Store, maatregel_id: str) -> WorkloadMeasure | None:
    """One measure as the workload reads it (running or not), e.g. a CRT measure to place."""
    info = get_measure(store, maatregel_id)
    if info is None:
        return None
    m = Measure(
        info.maatregel_id,
        info.medewerker_id,
        info.type,
        info.regie,
        info.startdatum,
        info.einddatum,
    )
    return _with_extras(store, [m])[0]


_WORKER_SQL = (
    "SELECT medewerker_id, naam, team, regio, contracturen, vrijstelling_uren, in_export "
    "FROM medewerkers"
)


def worker_loads(
    store: Store,
    peildatum: date,
    *,
    team: str | None = None,
    settings: WorkloadSettings | None = None,
    measures: Iterable[WorkloadMeasure] | None = None,
) -> list[WorkerLoad]:
    """The load of every worker (or of one team, exact name) on `peildatum`, sorted by
    medewerker_id. Settings default to the stored ones; `measures` (from
    `running_measures`) may be passed when the caller already has them."""
    if settings is None:
        settings = load_workload_settings(store)
    sql, params = (
        (_WORKER_SQL + " WHERE team = ?", (team,))
        if team is not None
        else (
            _WORKER_SQL,
            (),
        )
    )
    rows = store.conn.execute(sql + " ORDER BY medewerker_id", params).fetchall()
    if measures is None:
        measures = running_measures(store, peildatum)
    per_worker: dict[str, list[WorkloadMeasure]] = {}
    for item in measures:
        if item.measure.medewerker_id is not None:
            per_worker.setdefault(item.measure.medewerker_id, []).append(item)
    return [_load(row, per_worker.get(row[0], ()), peildatum, settings) for row in rows]


def _load(
    row: tuple, measures: Iterable[WorkloadMeasure], peildatum: date, settings: WorkloadSettings
) -> WorkerLoad:
    wid, naam, team, regio, contract, vrij, in_export = row
    hours = WorkerHours(contract, vrij)
    return WorkerLoad(
        wid,
        naam,
        team,
        regio,
        hours,
        worker_load(hours, measures, peildatum, settings),
        bool(in_export),
    )


def worker_load_of(
    store: Store,
    medewerker_id: str,
    peildatum: date,
    settings: WorkloadSettings | None = None,
) -> WorkerLoad | None:
    """One worker's load on `peildatum` (None for an unknown worker): fast, one caseload."""
    row = store.conn.execute(_WORKER_SQL + " WHERE medewerker_id = ?", (medewerker_id,)).fetchone()
    if row is None:
        return None
    if settings is None:
        settings = load_workload_settings(store)
    return _load(row, running_measures(store, peildatum, medewerker_id), peildatum, settings)


def load_for_conversation(
    store: Store, medewerker_id: str, peildatum: date
) -> tuple[float | None, float | None, int | None]:
    """(gewogen, capaciteit, belasting_pct) for `gesprekken` when a conversation is
    finished (see `Load.stored`); all None for an unknown worker."""
    found = worker_load_of(store, medewerker_id, peildatum)
    return (None, None, None) if found is None else found.load.stored()


def room_for(
    store: Store,
    maatregel_id: str,
    peildatum: date,
    settings: WorkloadSettings | None = None,
    loads: list[WorkerLoad] | None = None,
) -> list[Candidate]:
    """The workers with room for this measure (see `workload.candidates_for`); pass
    `loads` from `worker_loads` to avoid reading every caseload again per measure."""
    item = workload_measure(store, maatregel_id)
    if item is None:
        return []
    if settings is None:
        settings = load_workload_settings(store)
    if loads is None:
        loads = worker_loads(store, peildatum, settings=settings)
    return candidates_for(item, loads, peildatum, settings)
