"""`caseload-desk signals`: the signals of every running measure, as table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from caseload_desk.cli.common import (
    EXIT_OK,
    CliError,
    add_db_argument,
    add_peildatum_argument,
    open_existing,
)
from caseload_desk.dates import nl
from caseload_desk.signal_rows import (
    COLUMNS,
    FRESHNESS_WORDS,
    signal_row,
    signal_words,
    worker_label,
    yes_no,
)
from caseload_desk.signals import MeasureSignals
from caseload_desk.store import audit
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import get_worker, workers
from caseload_desk.words import count

# The table is for people: Dutch words, dd-mm-jjjj, the worker's name beside the id.
TABLE_HEADERS = (
    "maatregel", "medewerker", "type", "laatste contact", "dagen", "geen contact",
    "plan van aanpak", "risicotaxatie", "onder druk", "signalen",
)  # fmt: skip


FORMAT_WORDS = {"table": "tabel", "csv": "CSV", "json": "JSON"}  # for the audit log


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "signals",
        help="toon de signalen per lopende maatregel",
        description="Toont per lopende maatregel de signalen op de peildatum, "
        "gesorteerd op maatregel_id.",
    )
    add_db_argument(p)
    add_peildatum_argument(p)
    p.add_argument("--medewerker", metavar="ID", help="alleen de maatregelen van deze medewerker")
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="uitvoer als leesbare tabel (standaard), CSV of JSON",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    peildatum = args.peildatum or date.today()
    with open_existing(args.db) as store:
        if args.medewerker and get_worker(store, args.medewerker) is None:
            raise CliError(f"Onbekende medewerker: {args.medewerker}")
        signals = caseload_signals(store, peildatum, args.medewerker)
        names = {w.medewerker_id: w.naam for w in workers(store)}
        audit.record_or_keep(
            store,
            audit.Event.SIGNALEN_OPGEVRAAGD,
            medewerker_id=args.medewerker,
            maatregelen=[s.maatregel_id for s in signals],
            details=f"peildatum {peildatum.isoformat()}, als {FORMAT_WORDS[args.format]}",
        )
    if args.format == "table":
        write_table(signals, names, out)
    else:
        rows = [signal_row(s, names) for s in signals]
        {"csv": write_csv, "json": write_json}[args.format](rows, out)
    return EXIT_OK


def write_csv(rows: Sequence[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_json(rows: Sequence[dict], out: TextIO) -> None:
    json.dump(list(rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


def table_row(s: MeasureSignals, names: dict[str, str]) -> list[str]:
    return [
        s.maatregel_id,
        worker_label(s.measure.medewerker_id or "", names) or "geen vaste jeugdbeschermer",
        s.measure.type.value,
        nl(s.contact.last_contact) or "nooit",
        str(s.contact.days_since),
        yes_no(s.contact.on),
        FRESHNESS_WORDS[s.plan.status].lower(),
        FRESHNESS_WORDS[s.risk.status].lower(),
        yes_no(s.onder_druk),
        signal_words(s),
    ]


def write_table(signals: Sequence[MeasureSignals], names: dict[str, str], out: TextIO) -> None:
    cells = [table_row(s, names) for s in signals]
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(TABLE_HEADERS)]
    line = "  ".join(h.ljust(w) for h, w in zip(TABLE_HEADERS, widths, strict=True))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip() + "\n")
    onder_druk = sum(1 for s in signals if s.onder_druk)
    met_signaal = sum(1 for s in signals if s.any_signal)
    out.write(
        f"\n{count(len(signals), 'lopende maatregel', 'lopende maatregelen')}, "
        f"{onder_druk} onder druk, {met_signaal} met een signaal\n"
    )
