"""Errors opening or writing the database, each with a Dutch message for the user."""

from __future__ import annotations


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
            f"{path} is op dit moment in gebruik {who}. Er is niets half opgeslagen en uw "
            "invoer staat nog in het venster; probeer het over een ogenblik opnieuw."
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


class EditConflict(StoreError):
    """Someone else saved the same row since the caller read it; nothing was written.

    `theirs` is what is in the file now (None when it was removed), `versie` its version:
    saving again on that version overwrites theirs knowingly. `when` is a phrase such as
    "om 14:03"."""

    def __init__(
        self, what: str, theirs: object, versie: int, *, when: str = "", who: str = ""
    ) -> None:
        self.theirs, self.versie = theirs, versie
        by = ", ".join(p for p in (when, f"door {who}" if who else "") if p)
        done = "gewist" if theirs is None else "gewijzigd"
        super().__init__(
            f"Iemand anders heeft {what} intussen {done}{f' ({by})' if by else ''}. "
            "Uw tekst is niet opgeslagen en staat nog in het venster: kies welke tekst blijft."
        )
