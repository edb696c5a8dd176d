"""The signal periods live in the database, so every user of one file sees the same rules."""

from __future__ import annotations

import json

from caseload_desk.signals.settings import DEFAULT_SETTINGS, SignalSettings
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing

_KEY = "signaalinstellingen"


def load_settings(store: Store) -> SignalSettings:
    row = store.conn.execute(
        "SELECT waarde FROM instellingen WHERE sleutel = ?", (_KEY,)
    ).fetchone()
    if row is None:
        return DEFAULT_SETTINGS
    return SignalSettings.from_dict(json.loads(row[0]))


def save_settings(store: Store, settings: SignalSettings) -> None:
    settings.validate()
    with writing(store):
        store.conn.execute(
            "INSERT INTO instellingen (sleutel, waarde) VALUES (?, ?) "
            "ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
            (_KEY, json.dumps(settings.to_dict(), sort_keys=True)),
        )
        audit.record(store, audit.Event.INSTELLINGEN_GEWIJZIGD, details="signaaltermijnen")
