"""The main window's open file as a part it holds: opening it (checked in the background),
closing it, backups, restoring, and the audit log of what is viewed.

`DatabaseSession` owns the open Store. It tells the window what changed through signals
(opened, closed, write state, status messages) and calls back only `load`, to fill the
window from a file just opened (damage met while reading must close the file again)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from caseload_desk.store import (
    DatabaseLocked,
    NotADatabase,
    Store,
    StoreError,
    audit,
    backup,
    open_store,
)
from caseload_desk.store.connection import BUSY_TIMEOUT_MS, lock_holders
from caseload_desk.store.errors import from_sqlite
from caseload_desk.store.session import others
from caseload_desk.ui import dialogs, errors
from caseload_desk.ui.background import Jobs
from caseload_desk.ui.file_check import CheckSignal, PendingAudit, check_running
from caseload_desk.ui.operations import daily_backup
from caseload_desk.ui.safety import AuditDialog, RestoreDialog, ask_retry
from caseload_desk.ui.settings import AppSettings

if TYPE_CHECKING:
    from caseload_desk.store.check import FileCheck

BACKUP_DELAY_MS = 5000  # the daily backup waits until the window has settled
# Views reach the audit log this long after they happen, together: clicking through
# workers costs no disk flush per click. A crash can lose at most this last moment.
AUDIT_DELAY_MS = 500
HELD_NOTE = "Het bestand is nog in gebruik door een ander; u kunt verder zodra het vrij is."
FREE_POLL_MS = 1000  # while another process holds the file: how often to look if it is free
HELD_WAIT_MS = 100  # meanwhile, how long a read waits for the lock (not the busy timeout)


class DatabaseSession(QObject):
    """The database file open in a window, and its safety."""

    opened = Signal(object)  # the Store just opened: show its workspace
    closed = Signal()  # no file open any more: show the welcome page
    write_state_changed = Signal(object)  # the Store turned read-only (a failed check)
    created = Signal()  # a new, empty database was made and opened: fill it
    message = Signal(str, int)  # a status bar message and how long it stays (0: until replaced)

    def __init__(
        self,
        window: QWidget,
        settings: AppSettings,
        jobs: Jobs,
        load: Callable[[], None],
        peildatum: Callable[[], date],
    ) -> None:
        super().__init__(window)
        self._window = window  # the parent of the dialogs
        self._settings = settings
        self._jobs = jobs
        self._load = load
        self._peildatum = peildatum
        self.store: Store | None = None
        self.path: Path | None = None
        self.pending_audit = PendingAudit()
        self._audit_timer = QTimer(self)
        self._audit_timer.setSingleShot(True)
        self._audit_timer.timeout.connect(self.flush_audit)
        self._check_signal = CheckSignal(self)
        self._check_signal.done.connect(self._check_done)
        self._check_handled = True
        # A colleague holds the open file: reads give up at once until it is free again.
        self._held = False
        self._free_timer = QTimer(self)
        self._free_timer.setInterval(FREE_POLL_MS)
        self._free_timer.timeout.connect(self._poll_free)
        errors.handle_locks_with(self.file_held)

    # --- opening and closing -----------------------------------------------------------
    def open(self, path: Path | str, *, create: bool = False, quiet: bool = False) -> bool:
        path = Path(path)
        try:
            # The file's check runs in the background (writes wait for it), and the daily
            # backup copies the whole file in a background job below: a large file opens
            # at once.
            store = open_store(path, create=create, fallback_read_only=True, auto_backup=False,
                               check="background")  # fmt: skip
        except NotADatabase as exc:
            if quiet:
                raise
            return self._damaged_on_open(path, exc)
        except DatabaseLocked as exc:
            if quiet:
                raise
            return self._free_again(path, exc) and self.open(path, create=create)
        except StoreError as exc:
            if quiet:
                raise
            dialogs.error(self._window, "Database niet geopend", str(exc))
            return False
        self.close_store()
        self.store, self.path = store, path
        self._settings.set_last_database(str(path.resolve()))
        self.opened.emit(store)
        if store.unclean_shutdown:
            self.message.emit(
                "De vorige sessie is niet netjes afgesloten; het bestand wordt volledig "
                "gecontroleerd…", 0,
            )  # fmt: skip
        self._check_handled = store.check is None
        if store.check is not None:
            self._check_signal.watch(store.check)
        try:
            self._load()
        except sqlite3.DatabaseError as exc:  # met while reading, before the check
            found = from_sqlite(exc, path, lambda: others(store.conn, store.session_id))
            self.close()
            if quiet:
                raise found from exc
            if isinstance(found, NotADatabase):
                return self._damaged_on_open(path, found)
            if isinstance(found, DatabaseLocked):
                return self._free_again(path, found) and self.open(path)
            dialogs.error(self._window, "Database niet geopend", str(found))
            return False
        if not store.read_only:  # once the window has settled: a fast, calm start
            QTimer.singleShot(BACKUP_DELAY_MS, lambda p=path: self._daily_backup(p))
        return True

    def close(self) -> None:
        """Close the file and forget it: the window shows its welcome page."""
        self.close_store()
        self.path = None
        self.closed.emit()

    def _damaged_on_open(self, path: Path, exc: StoreError) -> bool:
        if self._restored(path, exc):
            return self.open(path)
        dialogs.error(self._window, "Database niet geopend", str(exc))
        return False

    def _free_again(self, path: Path, locked: DatabaseLocked) -> bool:
        """Someone else holds the file: say who, and offer to try again. A retry looks
        quickly whether the lock is gone (no full busy wait per click) and says so again
        while it is not; True once the file is free and the user wants to go on."""
        while ask_retry(self._window, "Database in gebruik", str(locked)):
            holders = lock_holders(path)
            if holders is None:
                return True
            locked = DatabaseLocked(path, list(holders))
        return False

    def file_held(self) -> bool:
        """A read met another process's lock (a colleague's import, say): one message that
        names who, with "Opnieuw proberen". Until the file is free, reads give up at once
        rather than after the busy timeout on every click, and say so in the status bar."""
        store, path = self.store, self.path
        if store is None or path is None:
            return False
        if self._held:
            self.message.emit(HELD_NOTE, 5000)
            return True
        self._held = True
        store.conn.execute(f"PRAGMA busy_timeout = {HELD_WAIT_MS}")
        locked = DatabaseLocked(path, list(others(store.conn, store.session_id)))
        if self._free_again(path, locked):
            self._free()
        else:
            self.message.emit(HELD_NOTE, 0)
            self._free_timer.start()
        return True

    def _poll_free(self) -> None:
        if self.store is None or self.path is None:
            self._free()
        elif lock_holders(self.path, wait_ms=0) is None:
            self._free()
            self.message.emit("Het bestand is weer vrij; u kunt verder.", 10000)

    def _free(self) -> None:
        self._free_timer.stop()
        if self._held and self.store is not None:
            self.store.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._held = False

    def _check_done(self, check: FileCheck) -> None:
        """The background check of the open file has ended (in the GUI thread)."""
        store, path = self.store, self.path
        if store is None or path is None or store.check is not check:
            return  # the check of a file that has been closed since
        self._check_handled = True
        error = check.error
        if error is None:
            if store.unclean_shutdown:
                self.message.emit(
                    "De vorige sessie is niet netjes afgesloten; het bestand is volledig "
                    "gecontroleerd en in orde.", 15000,
                )  # fmt: skip
            self._write_pending_audit()
            return
        self.pending_audit.drop()  # nothing can be written to this file
        store.read_only = True
        if not isinstance(error, NotADatabase):  # could not be read: not damage, no restore
            store.read_only_reason = (
                "het bestand kon niet worden gecontroleerd. Er wordt niets in opgeslagen; "
                "open het opnieuw zodra het probleem hieronder is opgelost."
            )
            self.write_state_changed.emit(store)
            dialogs.error(self._window, "Bestand niet gecontroleerd", f"{error}\n\nHet bestand "
                          "blijft alleen-lezen geopend; er wordt niets in opgeslagen.")  # fmt: skip
            return
        store.read_only_reason = (
            "het bestand is beschadigd (de controle bij het openen faalt). Er wordt niets "
            "in opgeslagen; zet een reservekopie terug via Bestand."
        )
        self.write_state_changed.emit(store)
        if self._restored(path, error):
            self.open(path)
        else:
            dialogs.error(self._window, "Database beschadigd", f"{error}\n\nHet bestand blijft "
                          "alleen-lezen geopend; er wordt niets in opgeslagen.")  # fmt: skip

    def file_checked(self) -> bool:
        """Whether the open file's background check has ended and been acted on."""
        return self._check_handled

    def close_store(self) -> None:
        """Close the open file (the window quits, or a backup replaces it); views not
        yet written (waiting for the check or for the audit timer) are written first."""
        self._audit_timer.stop()
        self._free()
        if self.store is None:
            return
        with contextlib.suppress(StoreError):  # writing() waits for a running check itself
            self.pending_audit.write(self.store)
        self.pending_audit.drop()
        self.store.close()
        self.store = None

    def _daily_backup(self, path: Path) -> None:
        store = self.store
        if self.path != path or store is None or store.read_only:
            return
        if check_running(store):  # a backup of a file not yet checked could copy damage
            QTimer.singleShot(BACKUP_DELAY_MS, lambda: self._daily_backup(path))
            return
        self._jobs.run(lambda report: daily_backup(path, report), lambda _made: None)

    # --- choosing a file -----------------------------------------------------------------
    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            "Database openen",
            "",
            "Caseload Desk-database (*.db *.sqlite);;Alle bestanden (*)",
        )
        if path:
            self.open(path)

    def new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window, "Nieuwe database", "caseload.db", "Database (*.db)"
        )
        if not path:
            return
        if Path(path).exists():
            dialogs.error(
                self._window,
                "Bestand bestaat al",
                "Kies een nieuwe bestandsnaam; een bestaand bestand wordt niet overschreven.",
            )
            return
        if self.open(path, create=True):
            self.created.emit()

    def demo_path(self) -> Path:
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        )
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "demo.db"

    def open_demo(self) -> None:
        path = self.demo_path()
        if not path.exists():
            from caseload_desk.demo import create_demo  # only for this; keeps the start lean

            with open_store(path, create=True) as store:
                create_demo(store, today=self._peildatum())
        self.open(path)

    # --- backups -------------------------------------------------------------------------
    def _restored(self, path: Path, damage: StoreError) -> bool:
        """For a damaged file with a verified backup: offer it; True when it was put back."""
        return backup.newest_verified(path) is not None and self.offer_restore(path, str(damage))

    def offer_restore(self, path: Path, problem: str) -> bool:
        """Offer to put back a verified backup of a damaged file; True when restored."""
        dialog = RestoreDialog(path, f"<b>{problem}</b>", self._window)
        if dialog.exec() and dialog.chosen is not None:
            return self.restore_backup(path, dialog.chosen)
        return False

    def restore_backup(self, path: Path, chosen: Path) -> bool:
        if self.store is not None and self.path == path:
            self.close_store()
        try:
            kept = backup.restore(chosen, path)
        except (StoreError, OSError) as exc:
            dialogs.error(self._window, "Niet teruggezet", str(exc))
            return False
        with open_store(path, auto_backup=False) as store:
            audit.record_restore(store, chosen)
        note = f" Het vorige bestand is bewaard als {kept.name}." if kept else ""
        self.message.emit(f"Reservekopie {chosen.name} teruggezet.{note}", 15000)
        return True

    def choose_restore(self) -> None:
        if self.path is None:
            return
        path = self.path
        dialog = RestoreDialog(path, "", self._window)
        if dialog.exec() and dialog.chosen is not None and self.restore_backup(path, dialog.chosen):
            self.open(path)

    def make_backup(self) -> None:
        if self.store is None or self.path is None:
            return
        try:
            if self.store.check is not None:
                self.store.check.wait_passed()  # never a backup of a file that failed
            made = backup.make_backup(self.store.conn, self.path, "handmatig")
            audit.record(self.store, audit.Event.RESERVEKOPIE, details=backup.label(made.path))
        except DatabaseLocked:
            held = DatabaseLocked(self.path, list(others(self.store.conn, self.store.session_id)))
            if self._free_again(self.path, held):
                self.make_backup()
            return
        except StoreError as exc:
            dialogs.error(self._window, "Geen reservekopie gemaakt", str(exc))
            return
        self.message.emit(f"Reservekopie gemaakt en gecontroleerd: {made.path}", 10000)

    # --- the audit log ---------------------------------------------------------------------
    def audit_dialog(
        self, *, medewerker_id: str | None = None, maatregel_id: str | None = None
    ) -> AuditDialog | None:
        if self.store is None:
            return None
        rows = audit.entries(self.store, medewerker_id=medewerker_id, maatregel_id=maatregel_id)
        what = f"medewerker {medewerker_id}" if medewerker_id else f"maatregel {maatregel_id}"
        broken = audit.verify_chain(self.store)
        findings = audit.anchor_findings(self.store, self.path) if self.path else []
        dialog = AuditDialog(rows, broken, f"Auditlogboek – {what}", self._window, findings)
        dialog.show()
        return dialog

    def audit(self, event: audit.Event, **kwargs: Any) -> None:
        """Record a view; a busy file must not block looking at a caseload."""
        check = self.store.check if self.store is not None else None
        if self.store is None:
            return
        if self.store.read_only or (check and check.error):
            # Nothing can be written to this file now: kept in the side log, written into
            # the file by the next session that can write it.
            audit.record_or_keep(self.store, event, **kwargs)
            return
        self.pending_audit.add(event, **kwargs)
        if not self._audit_timer.isActive():  # not restarted: written within the delay
            self._audit_timer.start(AUDIT_DELAY_MS)

    def flush_audit(self) -> None:
        """Write the views kept so far (the timer does this after AUDIT_DELAY_MS)."""
        self._audit_timer.stop()
        if not check_running(self.store):  # else the check's end writes them
            self._write_pending_audit()

    def _write_pending_audit(self) -> None:
        if self.store is None:
            return
        try:
            self.pending_audit.write(self.store)
        except StoreError:  # kept, and written with the next one
            self.message.emit("Let op: deze inzage kon nog niet in het auditlog.", 5000)
