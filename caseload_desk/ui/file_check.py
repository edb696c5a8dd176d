"""The GUI's side of the background file check (store/check.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Signal

from caseload_desk.store import Store, audit, writing
from caseload_desk.store.check import CheckState, FileCheck


class CheckSignal(QObject):
    """Brings the end of a check, which happens on the check's own thread, to the GUI
    thread as a queued signal."""

    done = Signal(object)  # the FileCheck

    def watch(self, check: FileCheck) -> None:
        check.add_done_callback(self.done.emit)


def check_running(store: Store | None) -> bool:
    return store is not None and store.check is not None and store.check.state is CheckState.RUNNING


class PendingAudit:
    """Views not yet in the audit log, each with its own time. They wait while the file is
    still being checked (nothing is written to a file before its check has passed), and
    are then written together, in order, in one transaction: a commit per click would
    cost the click a disk flush."""

    def __init__(self) -> None:
        self._entries: list[tuple[audit.Event, dict[str, Any], datetime]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def add(self, event: audit.Event, **kwargs: Any) -> None:
        self._entries.append((event, kwargs, datetime.now(UTC)))

    def write(self, store: Store) -> None:
        """Write what is kept; raises StoreError (and keeps it all) when it cannot.
        Entries an earlier read-only session left in the side log go first."""
        audit.write_kept(store)
        if not self._entries:
            return
        with writing(store):
            for event, kwargs, at in self._entries:
                audit.record(store, event, at=at, **kwargs)
        self._entries.clear()

    def drop(self) -> None:
        self._entries.clear()
