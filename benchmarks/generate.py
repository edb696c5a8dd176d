"""Generate large databases and exports deterministically, fast (executemany, no ORM)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from caseload_desk.importer.parse import (
    ContactRow,
    MeasureRow,
    ParsedExport,
    PlanRow,
    RiskRow,
    WorkerRow,
)
from caseload_desk.importer.writer import export_tables, write_csv_folder
from caseload_desk.store import open_store

TODAY = date(2026, 11, 23)


@dataclass(frozen=True)
class Scale:
    name: str
    workers: int
    measures: int
    contacts: int
    plans: int
    risks: int
    actions: int


SCALES = {
    "klein": Scale("klein", 20, 1_000, 20_000, 2_000, 2_000, 400),
    "nationaal": Scale("nationaal", 1_000, 50_000, 1_000_000, 100_000, 100_000, 20_000),
}


def generate(scale: Scale, seed: int = 7) -> ParsedExport:
    rng = random.Random(seed)
    out = ParsedExport()
    teams = [f"Team {i:03d}" for i in range(max(1, scale.workers // 10))]
    for i in range(scale.workers):
        out.workers.append(WorkerRow(f"W{i:05d}", f"Medewerker {i}", teams[i % len(teams)],
                                     "Noord" if i % 2 else "Zuid", f"PB {i % 50}"))  # fmt: skip
    types = ("OTS", "OTS", "OTS", "voogdij", "JR")
    for i in range(scale.measures):
        worker = None if i % 25 == 0 else f"W{rng.randrange(scale.workers):05d}"
        start = TODAY - timedelta(days=rng.randint(10, 1500))
        end = None if rng.random() < 0.3 else start + timedelta(days=rng.randint(200, 1400))
        out.measures.append(MeasureRow(
            f"M{i:07d}", worker, f"Kind {i}", rng.choice(types), start.isoformat(),
            end.isoformat() if end else None, "vast" if worker else "CRT",
        ))  # fmt: skip
    starts = [date.fromisoformat(m.startdatum) for m in out.measures]
    mets, forms = (
        ("jeugdige", "ouder", "gezin", "netwerk"),
        ("face-to-face", "video", "telefonisch"),
    )
    for _ in range(scale.contacts):
        k = rng.randrange(scale.measures)
        d = starts[k] + timedelta(days=rng.randint(0, max(1, (TODAY - starts[k]).days)))
        out.contacts.append(
            ContactRow(f"M{k:07d}", d.isoformat(), rng.choice(mets), rng.choice(forms))
        )
    for rows, n, make in ((out.plans, scale.plans, PlanRow), (out.risks, scale.risks, None)):
        for _ in range(n):
            k = rng.randrange(scale.measures)
            d = starts[k] + timedelta(days=rng.randint(10, max(11, (TODAY - starts[k]).days)))
            rows.append(
                make(f"M{k:07d}", d.isoformat())
                if make
                else RiskRow(f"M{k:07d}", d.isoformat(), "LIRIK")
            )
    return out


def write_database(parsed: ParsedExport, scale: Scale, path: Path, seed: int = 7) -> None:
    """A database holding `parsed` plus conversations and actions."""
    rng = random.Random(seed + 1)
    if path.exists():
        path.unlink()
    with open_store(path, create=True, auto_backup=False) as store:
        conn = store.conn
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO medewerkers (medewerker_id, naam, team, regio, praktijkbegeleider, contracturen, vrijstelling_uren) VALUES (?,?,?,?,?,?,?)",
            parsed.workers,
        )
        conn.executemany(
            "INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, startdatum, einddatum, regie, zwaarte, regio) VALUES (?,?,?,?,?,?,?,?,?)",
            parsed.measures,
        )
        conn.executemany(
            "INSERT INTO contacten (maatregel_id, datum, met, vorm) VALUES (?,?,?,?)",
            parsed.contacts,
        )
        conn.executemany(
            "INSERT INTO plannen_van_aanpak (maatregel_id, vastgesteld_op) VALUES (?,?)",
            parsed.plans,
        )
        conn.executemany(
            "INSERT INTO risicotaxaties (maatregel_id, datum, instrument) VALUES (?,?,?)",
            parsed.risks,
        )
        by_worker: dict[str, list[str]] = {}
        for m in parsed.measures:
            if m.medewerker_id:
                by_worker.setdefault(m.medewerker_id, []).append(m.maatregel_id)
        convs = []
        for i, w in enumerate(parsed.workers):
            for k in range(2):
                convs.append((i * 2 + k + 1, w.medewerker_id, w.praktijkbegeleider,
                              (TODAY - timedelta(days=28 * (2 - k))).isoformat(), "afgerond",
                              TODAY.isoformat()))  # fmt: skip
        conn.executemany(
            "INSERT INTO gesprekken (id, medewerker_id, praktijkbegeleider, datum, status, aangemaakt_op) VALUES (?,?,?,?,?,?)",
            convs,
        )
        actions = []
        statuses = ("open", "open", "loopt_nog", "afgerond", "vervallen")
        for n in range(scale.actions):
            gid, wid, *_ = convs[rng.randrange(len(convs))]
            mids = by_worker.get(wid) or [None]
            deadline = TODAY + timedelta(days=rng.randint(-40, 40))
            actions.append((gid, wid, rng.choice(mids), f"Actie {n}", "medewerker", deadline.isoformat(),
                            rng.choice(statuses), TODAY.isoformat()))  # fmt: skip
        conn.executemany(
            "INSERT INTO acties (gesprek_id, medewerker_id, maatregel_id, omschrijving, eigenaar, deadline, status, aangemaakt_op) VALUES (?,?,?,?,?,?,?,?)",
            actions,
        )
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def write_export(parsed: ParsedExport, folder: Path) -> None:
    write_csv_folder(export_tables(parsed), folder)


if __name__ == "__main__":
    import sys

    chosen = SCALES[sys.argv[1]]
    data = generate(chosen)
    write_database(data, chosen, Path(sys.argv[2]))
    write_export(data, Path(sys.argv[3]))
