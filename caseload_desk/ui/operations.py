"""Operations the GUI runs off the GUI thread, on plain data with their own connection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from caseload_desk.importer import ImportSummary, import_export
from caseload_desk.store import open_store


def import_into(db_path: Path, source: Path, progress: Callable[[str], None]) -> ImportSummary:
    with open_store(db_path, create=True) as store:
        return import_export(source, store, progress)
