"""The SQLite store: one file holds the imported records and the users' own work."""

from caseload_desk.store import audit, backup
from caseload_desk.store.connection import Store, memory_store, open_store, writing
from caseload_desk.store.errors import (
    DatabaseLocked,
    DatabaseMissing,
    NewerSchema,
    NotADatabase,
    ReadOnlyStore,
    StoreError,
)

__all__ = [
    "DatabaseLocked",
    "DatabaseMissing",
    "NewerSchema",
    "NotADatabase",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "audit",
    "backup",
    "memory_store",
    "open_store",
    "writing",
]
