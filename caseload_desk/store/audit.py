"""Audit log in the style of NEN 7513: who did what, when, to which measure (ids only).

Each entry stores the hash of the previous one, so editing or deleting an entry in the
file breaks the chain, and `verify_chain` finds where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from caseload_desk.store.connection import Store, writing
from caseload_desk.store.identity import current_user

GENESIS = "0" * 64


class Event(StrEnum):
    CASELOAD_BEKEKEN = "caseload_bekeken"
    DOSSIER_GEOPEND = "dossier_geopend"
    ACTIE_AANGEMAAKT = "actie_aangemaakt"
    ACTIE_GEWIJZIGD = "actie_gewijzigd"
    ACTIE_AFGESLOTEN = "actie_afgesloten"
    ACTIE_VERWIJDERD = "actie_verwijderd"
    GESPREK_GESTART = "gesprek_gestart"
    GESPREK_AFGEROND = "gesprek_afgerond"
    GESPREK_VERWIJDERD = "gesprek_verwijderd"  # a draft thrown away
    IMPORT = "import"
    EXPORT = "export"
    INSTELLINGEN_GEWIJZIGD = "instellingen_gewijzigd"
    RESERVEKOPIE = "reservekopie"
    HERSTEL = "herstel"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    tijdstip: str  # UTC, ISO 8601
    gebruiker: str
    gebeurtenis: str
    medewerker_id: str
    maatregelen: str  # comma-separated ids, never names
    details: str
    vorige_hash: str
    hash: str


def _digest(prev: str, tijdstip: str, gebruiker: str, gebeurtenis: str,
            medewerker_id: str, maatregelen: str, details: str) -> str:  # fmt: skip
    payload = json.dumps(
        [prev, tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, details],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def record(
    store: Store,
    event: Event,
    *,
    medewerker_id: str | None = None,
    maatregelen: Iterable[str] = (),
    details: str = "",
    at: datetime | None = None,
) -> None:
    """Append an entry (for a moment `at`, default now). Skipped for a read-only session,
    which cannot write anything."""
    if store.read_only:
        return
    with writing(store):
        row = store.conn.execute("SELECT hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()
        prev = row[0] if row else GENESIS
        tijdstip = (at or datetime.now(UTC)).isoformat(timespec="milliseconds")
        who, ids = current_user(), ",".join(maatregelen)
        values = (tijdstip, who, event.value, medewerker_id or "", ids, details)
        store.conn.execute(
            "INSERT INTO auditlog (tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, "
            "details, vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, prev, _digest(prev, *values)),
        )


_COLS = (
    "id, tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, details, vorige_hash, hash"
)


def entries(
    store: Store, *, medewerker_id: str | None = None, maatregel_id: str | None = None
) -> list[AuditEntry]:
    """Entries, newest first, optionally for one worker or one measure."""
    where, params = "1", []
    if medewerker_id is not None:
        where, params = "medewerker_id = ?", [medewerker_id]
    if maatregel_id is not None:
        where = "(',' || maatregelen || ',') LIKE ?"
        params = [f"%,{maatregel_id},%"]
    rows = store.conn.execute(
        f"SELECT {_COLS} FROM auditlog WHERE {where} ORDER BY id DESC", params
    )
    return [AuditEntry(*r) for r in rows]


def verify_chain(store: Store) -> list[int]:
    """Ids of entries whose hash or link does not match: empty when the log is intact."""
    broken = []
    prev = GENESIS
    for r in store.conn.execute(f"SELECT {_COLS} FROM auditlog ORDER BY id"):
        e = AuditEntry(*r)
        expected = _digest(prev, e.tijdstip, e.gebruiker, e.gebeurtenis, e.medewerker_id,
                           e.maatregelen, e.details)  # fmt: skip
        if e.vorige_hash != prev or e.hash != expected:
            broken.append(e.id)
        prev = e.hash
    return broken
