"""The date an export was made, and which dates an import may carry.

A measure missing from an export counts as ended on that export's date, so the date
must be plausible: not after today (an export cannot come from the future), and not
before the date of the newest export already read in (an older export would end
measures that the newer one still held, and undo its newer records).
"""

from __future__ import annotations

from datetime import date

from caseload_desk.dates import nl
from caseload_desk.store.connection import Store


class ExportDateRefused(ValueError):
    """An export date the import will not use; the message is Dutch and fit for a user."""


def latest_exportdatum(store: Store) -> date | None:
    """The newest export date on record. Imports from before schema v5 carry none: their
    export date is unknown, so they do not hold a new import back."""
    row = store.conn.execute("SELECT max(exportdatum) FROM importlog").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def exportdatum_problem(exportdatum: date, latest: date | None, today: date) -> str | None:
    """Why `exportdatum` cannot be used, in Dutch; None when it can."""
    if exportdatum > today:
        return (
            f"De exportdatum {nl(exportdatum)} ligt na vandaag ({nl(today)}). "
            "Geef de datum waarop de export is gemaakt."
        )
    if latest is not None and exportdatum < latest:
        return (
            f"De exportdatum {nl(exportdatum)} ligt vóór die van de laatst ingelezen export "
            f"({nl(latest)}). Een oudere export zou maatregelen beëindigen die de nieuwere "
            "nog bevatte; lees een export in van "
            f"{nl(latest)} of later."
        )
    return None


def check_exportdatum(store: Store, exportdatum: date, today: date | None = None) -> None:
    """Raise ExportDateRefused when `exportdatum` cannot be used for an import."""
    problem = exportdatum_problem(exportdatum, latest_exportdatum(store), today or date.today())
    if problem is not None:
        raise ExportDateRefused(problem)
