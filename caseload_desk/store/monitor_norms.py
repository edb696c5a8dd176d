"""The monitor's norms in the database (`instellingen`, key `monitornormen`), audited.

For the `caseload-desk instellingen` command: `show_rows` lists every norm, `set_norm`
changes one by its key (`monitor.norm.geen_contact`) with Dutch validation.
"""

from __future__ import annotations

import json
from typing import NamedTuple

from caseload_desk.monitor.engine import INDICATORS
from caseload_desk.monitor.norms import (
    DEFAULT_NORMS,
    LABELS,
    Norms,
    format_norm,
    key_of,
    parse_norm,
)
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing

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


class SettingRow(NamedTuple):
    key: str  # monitor.norm.<indicator>
    value: str  # as shown: '≤ 8', '≥ 80 %', '' (no norm)
    default: str
    description: str


def show_rows(store: Store) -> list[SettingRow]:
    """Every norm, in the monitor's row order."""
    norms = load_norms(store)
    return [
        SettingRow(
            key_of(i),
            format_norm(i, norms.norm(i)),
            format_norm(i, DEFAULT_NORMS[i]),
            f"norm monitor: {LABELS[i]}",
        )
        for i in INDICATORS
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
