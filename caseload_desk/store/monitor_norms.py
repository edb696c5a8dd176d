"""The monitor's norms in the database (`instellingen`, key `monitornormen`), audited.

For the `caseload-desk instellingen` command: `show_rows` lists every norm, `set_norm`
changes one by its key (`monitor.norm.geen_contact`) with Dutch validation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple

from caseload_desk.monitor.engine import DISPLAY_ORDER, INDICATORS
from caseload_desk.monitor.norms import (
    DEFAULT_NORMS,
    LABELS,
    Norms,
    format_norm,
    key_of,
    parse_norm,
)
from caseload_desk.signals import settings_keys
from caseload_desk.signals.settings_keys import SettingRefused
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing
from caseload_desk.store.settings_groups import Change, PendingChange, register

_KEY = "monitornormen"


def load_norms(store: Store) -> Norms:
    row = store.conn.execute(
        "SELECT waarde FROM instellingen WHERE sleutel = ?", (_KEY,)
    ).fetchone()
    if row is None:
        return Norms()
    try:
        changes = json.loads(row[0])
    except ValueError:
        return Norms()  # a damaged value: the defaults, never a crash in the monitor
    return Norms.from_changes(changes if isinstance(changes, dict) else {})


def save_norms(store: Store, norms: Norms, details: str) -> None:
    with writing(store):
        store.conn.execute(
            "INSERT INTO instellingen (sleutel, waarde) VALUES (?, ?) "
            "ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
            (_KEY, json.dumps(norms.changed(), sort_keys=True)),
        )
        audit.record(store, audit.Event.INSTELLINGEN_GEWIJZIGD, details=details)


def norm_changes(old: Norms, new: Norms) -> list[str]:
    """What differs, one line per norm in the monitor's order: 'monitor.norm.x ≤ 8 → ≤ 5'."""
    lines = []
    for i in DISPLAY_ORDER:
        was, now = old.norm(i), new.norm(i)
        if was != now:
            lines.append(
                f"{key_of(i)} {format_norm(i, was) or 'geen'} → {format_norm(i, now) or 'geen'}"
            )
    return lines


def save_changed_norms(store: Store, norms: Norms) -> bool:
    """Store `norms` with one audit row naming what changed (the settings dialog); False
    (nothing written, nothing logged) when they equal the stored norms."""
    lines = norm_changes(load_norms(store), norms)
    if not lines:
        return False
    save_norms(store, norms, "monitornormen: " + "; ".join(lines))
    return True


class SettingRow(NamedTuple):
    key: str  # monitor.norm.<indicator>
    value: str  # as shown: '≤ 8', '≥ 80 %', '' (no norm)
    default: str
    description: str


def show_rows(store: Store) -> list[SettingRow]:
    """Every norm, in the order the monitor shows its rows."""
    norms = load_norms(store)
    return [
        SettingRow(
            key_of(i),
            format_norm(i, norms.norm(i)),
            format_norm(i, DEFAULT_NORMS[i]),
            f"norm monitor: {LABELS[i]}",
        )
        for i in DISPLAY_ORDER
    ]


def set_norm(store: Store, key: str, value: str) -> str:
    """Change one norm; returns a Dutch confirmation. ValueError (Dutch) for a bad key or
    value. Audited with the old and new value (norms are not personal data)."""
    indicator, new = parse_norm(key, value)
    norms = load_norms(store)
    old = norms.norm(indicator)
    if old == new:
        return f"{key} is al {format_norm(indicator, new) or 'zonder norm'}; niets gewijzigd."
    was, now = format_norm(indicator, old) or "geen", format_norm(indicator, new) or "geen"
    save_norms(store, norms.with_norm(indicator, new), f"{key}: {was} → {now}")
    return f"{key} gewijzigd: {was} → {now}."


class MonitorNormsGroup:
    """The monitor's norms in `caseload-desk instellingen` (keys `monitor.norm.<indicator>`)."""

    name = "monitor"
    title = "Monitor"

    def known_keys(self) -> list[str]:
        return [key_of(i) for i in INDICATORS]

    def owns(self, key: str) -> bool:
        return key.startswith("monitor.")

    def rows(self, store: Store) -> list[settings_keys.SettingRow]:
        return [
            settings_keys.SettingRow(
                "Normen per indicator (leeg: geen norm)", r.key, r.value, r.default, r.description
            )
            for r in show_rows(store)
        ]

    def prepare(self, store: Store, changes: Sequence[Change]) -> PendingChange:
        stored = norms = load_norms(store)
        for key, value in changes:
            if value is None:
                raise SettingRefused(
                    f"{key} kan niet worden verwijderd; zet hem leeg: --zet {key}="
                )
            try:
                indicator, new = parse_norm(key, value)
            except ValueError as exc:
                raise SettingRefused(str(exc)) from exc
            norms = norms.with_norm(indicator, new)
        lines = norm_changes(stored, norms)

        def save() -> None:
            if lines:
                save_norms(store, norms, "monitornormen: " + "; ".join(lines))

        return PendingChange(lines, save)


register(MonitorNormsGroup())
