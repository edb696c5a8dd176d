"""Import a registration-system export: validate everything, then write all or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from caseload_desk.importer.apply import ImportSummary, SheetSummary, apply_export
from caseload_desk.importer.exportdate import (
    ExportDateRefused,
    check_exportdatum,
    latest_exportdatum,
)
from caseload_desk.importer.limits import FileRefused
from caseload_desk.importer.parse import ParsedExport, parse_export
from caseload_desk.importer.problems import ImportRejected, Problem
from caseload_desk.importer.sources import open_export
from caseload_desk.store import audit, backup
from caseload_desk.store.connection import Store, writing
from caseload_desk.store.errors import ReadOnlyStore

__all__ = [
    "ExportDateRefused",
    "FileRefused",
    "ImportCancelled",
    "ImportRejected",
    "ImportSummary",
    "Problem",
    "SheetSummary",
    "check_exportdatum",
    "import_export",
    "latest_exportdatum",
    "read_export",
]

Progress = Callable[[str], None]


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import; nothing is written."""


def read_export(path: Path, store: Store, progress: Progress | None = None) -> ParsedExport:
    """Read and validate; raises FileRefused or ImportRejected (with every problem)."""
    known_workers = {r[0] for r in store.conn.execute("SELECT medewerker_id FROM medewerkers")}
    known_measures = {r[0] for r in store.conn.execute("SELECT maatregel_id FROM maatregelen")}
    with open_export(path) as sheets:
        parsed = parse_export(sheets, known_workers, known_measures, progress)
    if parsed.problem_count:
        raise ImportRejected(parsed.problems)
    return parsed


def import_export(
    path: str | Path,
    store: Store,
    progress: Progress | None = None,
    exportdatum: date | None = None,
) -> ImportSummary:
    """Import `path`, an export made on `exportdatum` (default today), into `store`. On
    any problem the database is left exactly as it was.

    `progress` is told the stage and, while reading, how far it is; if it raises (say
    ImportCancelled), the import stops and nothing is written. An export date after
    today or before the newest import's raises ExportDateRefused before anything is read.
    """
    if store.read_only:
        raise ReadOnlyStore()
    exportdatum = exportdatum or date.today()
    check_exportdatum(store, exportdatum)
    path = Path(path)
    report = progress or (lambda _msg: None)
    report("Export lezen en controleren…")
    parsed = read_export(path, store, report)
    if store.path is not None:
        report("Reservekopie maken…")
        backup.make_backup(store.conn, store.path, "voor-import")
    report("Gegevens opslaan…")
    with writing(store):
        # Checked again inside the write lock: another import may have come in between.
        check_exportdatum(store, exportdatum)
        summary = apply_export(store.conn, parsed, exportdatum)
        store.conn.execute(
            "INSERT INTO importlog (tijdstip, bron, samenvatting, exportdatum) VALUES (?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                path.name,
                json.dumps(summary.as_dict(), sort_keys=True),
                exportdatum.isoformat(),
            ),
        )
        counts = summary.sheets["maatregelen"]
        audit.record(
            store, audit.Event.IMPORT,
            details=f"maatregelen: {counts.nieuw} nieuw, {counts.gewijzigd} gewijzigd",
        )  # fmt: skip
        report("Opslaan afronden…")  # the last chance to stop: raising here rolls back
    return summary
