"""The signal periods live in the database, so every user of one file sees the same rules."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import date

from caseload_desk.signals.settings import DEFAULT_SETTINGS, SignalSettings
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing

_KEY = "signaalinstellingen"


def load_settings(store: Store) -> SignalSettings:
    """The periods and norms, with the organisation's non-working days in the calendar."""
    row = store.conn.execute(
        "SELECT waarde FROM instellingen WHERE sleutel = ?", (_KEY,)
    ).fetchone()
    settings = DEFAULT_SETTINGS if row is None else SignalSettings.from_dict(json.loads(row[0]))
    extra = load_extra_days(store)
    return settings.with_extra_days(extra) if extra else settings


def load_extra_days(store: Store) -> dict[date, str]:
    """The organisation's own non-working days (table vrije_dagen, schema 5)."""
    try:
        rows = store.conn.execute(
            "SELECT datum, omschrijving FROM vrije_dagen ORDER BY datum"
        ).fetchall()
    except sqlite3.OperationalError:
        if _has_extra_days_table(store):
            raise
        return {}  # a file older than schema 5, opened read-only (so not migrated)
    return {date.fromisoformat(d): text or "" for d, text in rows}


def save_settings(store: Store, settings: SignalSettings, details: str = "") -> None:
    """Store the periods, norms and non-working days in one transaction with one audit row.

    `details` says what changed (no personal data: names of settings and dates only);
    empty means the periods in general."""
    settings.validate()
    extra = settings.calendar.extra
    with writing(store):
        store.conn.execute(
            "INSERT INTO instellingen (sleutel, waarde) VALUES (?, ?) "
            "ON CONFLICT (sleutel) DO UPDATE SET waarde = excluded.waarde",
            (_KEY, json.dumps(settings.to_dict(), sort_keys=True)),
        )
        if extra != load_extra_days(store):
            _replace_extra_days(store, extra)
        audit.record(
            store, audit.Event.INSTELLINGEN_GEWIJZIGD, details=details or "signaaltermijnen"
        )


def _replace_extra_days(store: Store, extra: Mapping[date, str]) -> None:
    store.conn.execute("DELETE FROM vrije_dagen")
    store.conn.executemany(
        "INSERT INTO vrije_dagen (datum, omschrijving) VALUES (?, ?)",
        [(d.isoformat(), text) for d, text in sorted(extra.items())],
    )


def _has_extra_days_table(store: Store) -> bool:
    return (
        store.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vrije_dagen'"
        ).fetchone()
        is not None
    )
