"""Operations the GUI runs off the GUI thread, on plain data with their own connection.

The readers skip SQLite's check of the file: the GUI's own connection checks it once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from caseload_desk.export.data import export_details, gather, measure_ids
from caseload_desk.importer import ImportSummary, import_export
from caseload_desk.signals import SignalSettings
from caseload_desk.store import backup, open_store
from caseload_desk.store.records import workers
from caseload_desk.ui.workers.model import WorkerCount, worker_counts


def import_into(
    db_path: Path,
    source: Path,
    progress: Callable[[str], None],
    exportdatum: date | None = None,
) -> ImportSummary:
    with open_store(db_path, create=True) as store:
        return import_export(source, store, progress, exportdatum)


def count_workers(
    db_path: Path, peildatum: date, settings: SignalSettings, progress: Callable[[str], None]
) -> dict[str, WorkerCount]:
    """Signal counts for the worker list; with its own read-only connection."""
    with open_store(db_path, read_only=True, check="skip") as store:
        return worker_counts(store, peildatum, settings)


def daily_backup(db_path: Path, progress: Callable[[str], None]) -> Path | None:
    """Today's automatic backup, if not made yet; off the GUI thread, own connection."""
    if not backup.backup_due_today(db_path):
        return None
    with open_store(db_path, read_only=True, check="skip") as store:
        return backup.make_backup(store.conn, db_path, "dagelijks").path


def export_action_list(
    db_path: Path,
    worker_ids: list[str],
    title: str,
    peildatum: date,
    target: Path,
    progress: Callable[[str], None],
) -> tuple[Path, list[str], str]:
    """Gather and write the Excel action list with its own connection: the file, and for
    the audit log the measures it contained and what it held in counts."""
    progress("Actielijst samenstellen…")
    with open_store(db_path, read_only=True, check="skip") as store:
        chosen = [w for w in workers(store) if w.medewerker_id in worker_ids]
        data = gather(store, chosen, title, peildatum)
    progress("Excel-bestand schrijven…")
    from caseload_desk.export.xlsx import write_action_list  # openpyxl only when exporting

    write_action_list(data, target)
    return target, measure_ids(data), export_details(data)
