"""Errors that reach Qt's event loop: a Dutch message for the user instead of silence,
and for the developer a trace of where, without the error's text (it may hold names)."""

from __future__ import annotations

import sqlite3
import sys
import traceback
import weakref
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QWidget

from caseload_desk.store.errors import DatabaseLocked, DiskFull, NotADatabase, from_sqlite
from caseload_desk.ui import dialogs

SAVED = "Wat al was opgeslagen, blijft bewaard."


def user_message(exc: BaseException) -> tuple[str, str]:
    """(title, text) for an unexpected error; never the error's own text."""
    mistake = isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError)  # the app's
    if isinstance(exc, sqlite3.DatabaseError) and not mistake:
        # What SQLite says, by its kind: a lock or a full disk is never called damage.
        found = from_sqlite(exc, "Het databasebestand")
        if isinstance(found, NotADatabase):
            return (
                "Bestand beschadigd",
                "Het databasebestand kon niet worden gelezen; SQLite meldt dat het "
                f"beschadigd is. {SAVED} Zet zo nodig een reservekopie terug via Bestand.",
            )
        titles = {DatabaseLocked: "Bestand in gebruik", DiskFull: "Schijf vol"}
        return titles.get(type(found), "Bestand niet bereikbaar"), f"{found} {SAVED}"
    return (
        "Onverwachte fout",
        f"Er ging iets onverwachts mis ({type(exc).__name__}). {SAVED} "
        "Uw invoer in een open venster staat er nog.",
    )


# Who deals with a lock met anywhere in the window (a colleague's import holds the file):
# the open file's DatabaseSession, with one message that names the holder and offers to
# retry, instead of a message per click. Weak: a closed window does not linger here.
_lock_handler: weakref.WeakMethod | None = None


def handle_locks_with(handler: Callable[[], bool]) -> None:
    """`handler()` takes over a lock error reaching the event loop; True when handled."""
    global _lock_handler
    _lock_handler = weakref.WeakMethod(handler)  # type: ignore[arg-type]


def _lock_handled(exc: BaseException) -> bool:
    if not isinstance(exc, sqlite3.OperationalError) or _lock_handler is None:
        return False
    handler = _lock_handler()
    if handler is None or not isinstance(from_sqlite(exc, ""), DatabaseLocked):
        return False
    try:
        return bool(handler())
    except RuntimeError:  # its window is gone
        return False


def trace_without_text(exc: BaseException) -> str:
    """Where it happened (files, lines, functions) and the error's type: no values."""
    frames = traceback.extract_tb(exc.__traceback__)
    lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(["Onverwachte fout, waar:", *lines, f"{type(exc).__name__}"]) + "\n"


def install(parent: Callable[[], QWidget | None]) -> None:
    """Show unexpected errors from slots and event handlers to the user (once at a time)."""
    showing = False

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        sys.stderr.write(trace_without_text(exc))
        if showing or _lock_handled(exc):
            return
        showing = True
        try:
            dialogs.error(parent(), *user_message(exc))
        finally:
            showing = False

    sys.excepthook = hook
