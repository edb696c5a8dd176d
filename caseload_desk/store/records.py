"""Read the imported records: workers, measures and a measure's history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from caseload_desk.dates import from_iso
from caseload_desk.domain import MeasureType, Regie
from caseload_desk.store.connection import Store


@dataclass(frozen=True)
class Worker:
    medewerker_id: str
    naam: str
    team: str
    regio: str
    praktijkbegeleider: str
    in_export: bool


@dataclass(frozen=True)
class MeasureInfo:
    maatregel_id: str
    medewerker_id: str | None
    jeugdige: str
    type: MeasureType
    startdatum: date
    einddatum: date | None
    regie: Regie
    in_export: bool
    uit_export_op: date | None = None  # the first export without it; None while in it


@dataclass(frozen=True)
class TimelineEntry:
    """One dated event in a measure's history; `kind` is contact, plan or risicotaxatie."""

    datum: date
    kind: str
    detail: str


def workers(store: Store, *, team: str | None = None) -> list[Worker]:
    """Every worker (or those of one team), by team and name."""
    where, params = ("WHERE team = ?", (team,)) if team is not None else ("", ())
    rows = store.conn.execute(
        "SELECT medewerker_id, naam, team, regio, praktijkbegeleider, in_export "
        f"FROM medewerkers {where} ORDER BY team, naam, medewerker_id",
        params,
    )
    return [Worker(*r[:5], bool(r[5])) for r in rows]


def get_worker(store: Store, medewerker_id: str) -> Worker | None:
    row = store.conn.execute(
        "SELECT medewerker_id, naam, team, regio, praktijkbegeleider, in_export "
        "FROM medewerkers WHERE medewerker_id = ?",
        (medewerker_id,),
    ).fetchone()
    return Worker(*row[:5], bool(row[5])) if row else None


def teams(store: Store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT DISTINCT team FROM medewerkers ORDER BY team")]


def _measure(row: tuple) -> MeasureInfo:
    return MeasureInfo(
        row[0],
        row[1],
        row[2],
        MeasureType(row[3]),
        date.fromisoformat(row[4]),
        from_iso(row[5]),
        Regie(row[6]),
        bool(row[7]),
        from_iso(row[8]),
    )


_MEASURE_COLS = (
    "maatregel_id, medewerker_id, jeugdige, type, startdatum, einddatum, regie, in_export, "
    "uit_export_op"
)


def id_chunks(ids: list[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """(ids, "?,?,…") per chunk: an IN (...) list stays below SQLite's variable limit."""
    for i in range(0, len(ids), size):
        chunk = ids[i : i + size]
        yield chunk, ",".join("?" * len(chunk))


def measures_by_id(store: Store, ids: list[str]) -> dict[str, MeasureInfo]:
    """Measure details for the given ids."""
    found: dict[str, MeasureInfo] = {}
    for chunk, marks in id_chunks(ids):
        for row in store.conn.execute(
            f"SELECT {_MEASURE_COLS} FROM maatregelen WHERE maatregel_id IN ({marks})", chunk
        ):
            found[row[0]] = _measure(row)
    return found


def get_measure(store: Store, maatregel_id: str) -> MeasureInfo | None:
    return measures_by_id(store, [maatregel_id]).get(maatregel_id)


def timeline(store: Store, maatregel_id: str) -> list[TimelineEntry]:
    """Every contact, plan and risk assessment of a measure, newest first."""
    entries = [
        TimelineEntry(date.fromisoformat(d), "contact", f"{met}|{vorm}")
        for d, met, vorm in store.conn.execute(
            "SELECT datum, met, vorm FROM contacten WHERE maatregel_id = ?", (maatregel_id,)
        )
    ]
    entries += [
        TimelineEntry(date.fromisoformat(d), "plan", "")
        for (d,) in store.conn.execute(
            "SELECT vastgesteld_op FROM plannen_van_aanpak WHERE maatregel_id = ?",
            (maatregel_id,),
        )
    ]
    entries += [
        TimelineEntry(date.fromisoformat(d), "risicotaxatie", instrument)
        for d, instrument in store.conn.execute(
            "SELECT datum, instrument FROM risicotaxaties WHERE maatregel_id = ?",
            (maatregel_id,),
        )
    ]
    return sorted(entries, key=lambda e: e.datum, reverse=True)


@dataclass(frozen=True)
class LeftMeasure:
    """A measure that is no longer in the export, with its open actions' count."""

    measure: MeasureInfo
    open_actions: int

    @property
    def maatregel_id(self) -> str:
        return self.measure.maatregel_id


def left_export(
    store: Store, medewerker_id: str | None, no_fixed_worker: bool = False
) -> list[LeftMeasure]:
    """The worker's measures that left the export (`uit_export_op` set), the most recent
    leavers first; `no_fixed_worker` selects those held by CRT/CCP or nobody instead."""
    if no_fixed_worker:
        where, params = "(m.medewerker_id IS NULL OR m.regie != 'vast')", ()
    else:
        where, params = "m.medewerker_id = ?", (medewerker_id,)
    cols = ", ".join(f"m.{c.strip()}" for c in _MEASURE_COLS.split(","))
    rows = store.conn.execute(
        f"SELECT {cols}, (SELECT count(*) FROM acties a WHERE a.maatregel_id = m.maatregel_id "
        "AND a.status IN ('open', 'loopt_nog')) FROM maatregelen m "
        f"WHERE m.uit_export_op IS NOT NULL AND {where} "
        "ORDER BY m.uit_export_op DESC, m.maatregel_id",
        params,
    )
    return [LeftMeasure(_measure(r[:-1]), r[-1]) for r in rows]


def last_import(store: Store) -> tuple[str, str] | None:
    """(UTC timestamp, source file name) of the latest import, if any."""
    row = store.conn.execute(
        "SELECT tijdstip, bron FROM importlog ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return (row[0], row[1]) if row else None
