"""Audit log in the style of NEN 7513: who did what, when, to which measure (ids only).

Each entry stores the hash of the previous one, so editing or deleting an entry in the
file breaks the chain, and `verify_chain` finds where.

Entries made while the file cannot be written (a read-only session, a locked file) are
kept in a side log in the user's settings folder (`side_log_path`) and written into the
file, with their own time, by the next write to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from caseload_desk.store.connection import Store, writing
from caseload_desk.store.errors import StoreError
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
    NOTITIES_GEWIJZIGD = "notities_gewijzigd"
    SIGNALEN_OPGEVRAAGD = "signalen_opgevraagd"  # `caseload-desk signals`
    VERSLAG_OPGESLAGEN = "verslag_opgeslagen"  # the conversation report as PDF
    VERSLAG_AFGEDRUKT = "verslag_afgedrukt"
    AFSPRAKEN_OPGESLAGEN = "afspraken_opgeslagen"  # the handout as PDF
    AFSPRAKEN_AFGEDRUKT = "afspraken_afgedrukt"

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


def settings_folder() -> Path:
    """The user's own settings folder for Caseload Desk (no Qt here: the CLI uses it too).
    Linux and macOS: $XDG_CONFIG_HOME or ~/.config; Windows: %APPDATA%."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / "Caseload Desk"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "caseload-desk"


def file_key(path: Path) -> str:
    """A short name for a database file (its full path hashed: the path itself may hold a
    name, and it is not needed to find the file's side log or anchor)."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:20]


def side_log_path(path: Path) -> Path:
    return settings_folder() / "auditlog-wachtrij" / f"{file_key(path)}.jsonl"


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)


def _keep(store: Store, values: tuple[str, ...]) -> None:
    """Append an entry the file cannot take now to its side log (one JSON line each)."""
    if store.path is None:
        return
    target = side_log_path(store.path)
    _private_folder(target.parent)
    line = json.dumps(dict(zip(_FIELDS, values, strict=True)), ensure_ascii=False)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        f.write(line + "\n")
        f.flush()
        os.fsync(f.fileno())


def kept(path: Path) -> list[dict[str, str]]:
    """The entries waiting in a file's side log, oldest first."""
    target = side_log_path(path)
    if not target.exists():
        return []
    found = []
    for line in target.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):  # a line cut off by a crash
            found.append(json.loads(line))
    return found


_FIELDS = ("tijdstip", "gebruiker", "gebeurtenis", "medewerker_id", "maatregelen", "details")


def _insert(store: Store, values: tuple[str, ...]) -> None:
    row = store.conn.execute("SELECT hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()
    prev = row[0] if row else GENESIS
    store.conn.execute(
        "INSERT INTO auditlog (tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, "
        "details, vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*values, prev, _digest(prev, *values)),
    )


def _values(
    event: Event, medewerker_id: str | None, maatregelen: Iterable[str], details: str,
    at: datetime | None,
) -> tuple[str, ...]:  # fmt: skip
    tijdstip = (at or datetime.now(UTC)).isoformat(timespec="milliseconds")
    return (tijdstip, current_user(), event.value, medewerker_id or "", ",".join(maatregelen),
            details)  # fmt: skip


def record(
    store: Store,
    event: Event,
    *,
    medewerker_id: str | None = None,
    maatregelen: Iterable[str] = (),
    details: str = "",
    at: datetime | None = None,
) -> None:
    """Append an entry (for a moment `at`, default now). A read-only session keeps it in
    the side log, written into the file by the next write to it."""
    values = _values(event, medewerker_id, maatregelen, details, at)
    if store.read_only:
        _keep(store, values)
        return
    _write(store, values)


def _write(store: Store, values: tuple[str, ...]) -> None:
    outermost = not store.conn.in_transaction  # else the caller's transaction may roll back
    waiting = kept(store.path) if outermost and store.path is not None else []
    with writing(store):
        for entry in waiting:
            _insert(store, tuple(str(entry.get(f, "")) for f in _FIELDS))
        _insert(store, values)
    if waiting and store.path is not None:  # committed: they are in the file now
        side_log_path(store.path).unlink(missing_ok=True)


def record_or_keep(
    store: Store,
    event: Event,
    *,
    medewerker_id: str | None = None,
    maatregelen: Iterable[str] = (),
    details: str = "",
) -> None:
    """Record something seen or taken out of the file (a report, a printout): when the
    file cannot take it now (read-only, locked, full), it waits in the side log rather
    than failing what the user already did."""
    values = _values(event, medewerker_id, maatregelen, details, None)
    if store.read_only:
        _keep(store, values)
        return
    try:
        _write(store, values)
    except StoreError:
        _keep(store, values)


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
