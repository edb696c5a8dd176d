"""Errors opening or writing the database, each with a Dutch message for the user."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


class StoreError(Exception):
    """Base class; `str(error)` is a Dutch sentence that says what to do."""


class DatabaseMissing(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"Databasebestand niet gevonden: {path}")


class NotADatabase(StoreError):
    def __init__(self, path: object, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"{path} is geen Caseload Desk-database of is beschadigd{extra}. "
            "Het bestand is niet gewijzigd. Kies een ander bestand of zet een reservekopie terug."
        )


class NewerSchema(StoreError):
    def __init__(self, path: object, found: int, supported: int) -> None:
        super().__init__(
            f"{path} is gemaakt met een nieuwere versie van Caseload Desk "
            f"(schema {found}, deze versie kent tot en met {supported}). "
            "Werk Caseload Desk bij om dit bestand te bewerken."
        )


class DatabaseLocked(StoreError):
    def __init__(self, path: object, holders: list[object] | None = None) -> None:
        who = (
            "door " + ", ".join(str(h) for h in holders)
            if holders
            else "door een ander programma of een andere gebruiker"
        )
        super().__init__(
            f"{path} is op dit moment in gebruik {who}. Er is niets half opgeslagen en niets "
            "van wat u invoerde is verloren; probeer het over een ogenblik opnieuw."
        )


class DiskFull(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"De schijf met {path} is vol (of het bestand heeft zijn maximale grootte bereikt). "
            "Er is niets half opgeslagen; maak ruimte vrij en probeer het opnieuw."
        )


class ReadOnlyStore(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Dit bestand is alleen-lezen geopend; wijzigingen kunnen niet worden opgeslagen."
        )


class DiskError(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} kon niet worden gelezen of geschreven (een fout van de schijf of de "
            "netwerkverbinding). Er is niets half opgeslagen; controleer de verbinding met de "
            "schijf en probeer het opnieuw."
        )


class CannotOpen(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} kan niet worden geopend: de map of het bestand is niet bereikbaar of u "
            "hebt er geen rechten op. Het bestand is niet gewijzigd."
        )


class FileReadOnly(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"In {path} kan niet worden geschreven (het bestand of de map is alleen-lezen). "
            "Er is niets gewijzigd; open het bestand alleen-lezen of vraag schrijfrechten."
        )


def from_sqlite(
    exc: BaseException, path: object, holders: Callable[[], list[object]] | None = None
) -> StoreError:
    """The Dutch error for what SQLite reported. Only SQLite's own finding that the file's
    content is wrong (corrupt, not a database) says "beschadigd"; a lock, a full disk,
    a read-only file or a disk error is never called damage (and offers no restore)."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in text:
        return DatabaseLocked(path, holders() if holders else None)
    if primary == sqlite3.SQLITE_FULL or "full" in text:
        return DiskFull(path)
    if primary == sqlite3.SQLITE_READONLY or "readonly" in text:
        return FileReadOnly(path)
    if primary == sqlite3.SQLITE_IOERR or "i/o error" in text:
        return DiskError(path)
    if primary in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or "unable to open" in text:
        return CannotOpen(path)
    if isinstance(exc, UnicodeDecodeError) or primary in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    ):
        return NotADatabase(path, "het bestand is beschadigd")
    if isinstance(exc, sqlite3.OperationalError):  # anything else SQLite could not do
        return DiskError(path)
    return NotADatabase(path, "het bestand is beschadigd")


class EditConflict(StoreError):
    """Someone else saved the same row since the caller read it; nothing was written.

    `theirs` is what is in the file now (None when it was removed), `versie` its version:
    saving again on that version overwrites theirs knowingly. `when` is a phrase such as
    "om 14:03"."""

    def __init__(
        self,
        what: str,
        theirs: object,
        versie: int,
        *,
        when: str = "",
        who: str = "",
        done: str = "",
    ) -> None:
        self.theirs, self.versie = theirs, versie
        by = ", ".join(p for p in (when, f"door {who}" if who else "") if p)
        done = done or ("gewist" if theirs is None else "gewijzigd")
        super().__init__(
            f"Iemand anders heeft {what} intussen {done}{f' ({by})' if by else ''}. "
            "Uw tekst is niet opgeslagen en staat nog in het venster: kies welke tekst blijft."
        )
