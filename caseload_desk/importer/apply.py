"""Write a validated export into the store in one transaction, and say what changed.

Workers and measures are matched by id. Contacts, plans and risk assessments have no id
in the export, so for each measure in the export its rows are made equal to the export's
(a multiset comparison); measures absent from the export keep theirs. Nothing users
recorded (conversations, actions, follow-ups) is touched.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from caseload_desk.importer.parse import ParsedExport


@dataclass
class SheetSummary:
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    niet_meer_in_export: int = 0

    @property
    def changed_anything(self) -> bool:
        return bool(self.nieuw or self.gewijzigd or self.niet_meer_in_export)


@dataclass
class ImportSummary:
    sheets: dict[str, SheetSummary] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: vars(s).copy() for name, s in self.sheets.items()}

    @property
    def changed_anything(self) -> bool:
        return any(s.changed_anything for s in self.sheets.values())


def _upsert_by_id(
    conn: sqlite3.Connection,
    table: str,
    key: str,
    columns: Sequence[str],
    rows: Iterable[tuple],
) -> SheetSummary:
    """Insert new ids, update changed ones, flag ids missing from the export."""
    summary = SheetSummary()
    cols = ", ".join(columns)
    existing = {
        r[0]: (tuple(r[1:-1]), r[-1])
        for r in conn.execute(f"SELECT {key}, {cols}, in_export FROM {table}")
    }
    inserts, updates, seen = [], [], set()
    for row in rows:
        seen.add(row[0])
        old = existing.get(row[0])
        if old is None:
            inserts.append(row)
            summary.nieuw += 1
        elif old[0] != tuple(row) or not old[1]:
            updates.append((*row[1:], row[0]))
            summary.gewijzigd += 1
        else:
            summary.ongewijzigd += 1
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", inserts)
    sets = ", ".join(f"{c} = ?" for c in columns[1:])
    conn.executemany(f"UPDATE {table} SET {sets}, in_export = 1 WHERE {key} = ?", updates)
    gone = [(k,) for k, (_, in_export) in existing.items() if k not in seen and in_export]
    conn.executemany(f"UPDATE {table} SET in_export = 0 WHERE {key} = ?", gone)
    summary.niet_meer_in_export = sum(1 for k in existing if k not in seen)
    return summary


def _sync_children(
    conn: sqlite3.Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[tuple],
    measures_in_export: set[str],
) -> SheetSummary:
    """Make each exported measure's rows equal to the export's, as a multiset."""
    summary = SheetSummary()
    cols = ", ".join(columns)
    wanted = Counter(rows)
    existing: dict[tuple, list[int]] = defaultdict(list)
    for rowid, *values in conn.execute(f"SELECT id, {cols} FROM {table} ORDER BY id"):
        existing[tuple(values)].append(rowid)
    inserts: list[tuple] = []
    deletes: list[tuple[int]] = []
    for values, count in wanted.items():
        have = len(existing.get(values, ()))
        summary.ongewijzigd += min(have, count)
        if count > have:
            inserts.extend([values] * (count - have))
    for values, ids in existing.items():
        surplus = len(ids) - wanted.get(values, 0)
        if surplus > 0 and values[0] in measures_in_export:
            deletes.extend((i,) for i in ids[-surplus:])
    summary.nieuw = len(inserts)
    summary.niet_meer_in_export = len(deletes)
    conn.executemany(f"DELETE FROM {table} WHERE id = ?", deletes)
    marks = ", ".join("?" for _ in columns)
    conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", inserts)
    return summary


def apply_export(conn: sqlite3.Connection, parsed: ParsedExport) -> ImportSummary:
    """Write `parsed`; the caller holds the transaction."""
    summary = ImportSummary()
    summary.sheets["medewerkers"] = _upsert_by_id(
        conn,
        "medewerkers",
        "medewerker_id",
        ("medewerker_id", "naam", "team", "regio", "praktijkbegeleider"),
        parsed.workers,
    )
    summary.sheets["maatregelen"] = _upsert_by_id(
        conn,
        "maatregelen",
        "maatregel_id",
        ("maatregel_id", "medewerker_id", "jeugdige", "type", "startdatum", "einddatum", "regie"),
        parsed.measures,
    )
    in_export = {m.maatregel_id for m in parsed.measures}
    children = (
        ("contacten", ("maatregel_id", "datum", "met", "vorm"), parsed.contacts),
        ("plannen_van_aanpak", ("maatregel_id", "vastgesteld_op"), parsed.plans),
        ("risicotaxaties", ("maatregel_id", "datum", "instrument"), parsed.risks),
    )
    for table, columns, rows in children:
        summary.sheets[table] = _sync_children(conn, table, columns, rows, in_export)
    return summary
