"""Operations the GUI runs off the GUI thread, on plain data with their own connection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from caseload_desk.export.data import gather
from caseload_desk.export.xlsx import write_action_list
from caseload_desk.importer import ImportSummary, import_export
from caseload_desk.store import open_store
from caseload_desk.store.records import workers


def import_into(db_path: Path, source: Path, progress: Callable[[str], None]) -> ImportSummary:
    with open_store(db_path, create=True) as store:
        return import_export(source, store, progress)


def export_action_list(
    db_path: Path,
    worker_ids: list[str],
    title: str,
    peildatum: date,
    target: Path,
    progress: Callable[[str], None],
) -> Path:
    """Gather and write the Excel action list with its own connection."""
    progress("Actielijst samenstellen…")
    with open_store(db_path, read_only=True) as store:
        chosen = [w for w in workers(store) if w.medewerker_id in worker_ids]
        data = gather(store, chosen, title, peildatum)
    progress("Excel-bestand schrijven…")
    write_action_list(data, target)
    return target
