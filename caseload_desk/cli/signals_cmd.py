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
from caseload_desk.signal_rows import COLUMNS, signal_row
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import get_worker

TABLE_COLUMNS = (
    ("maatregel_id", "maatregel"),
    ("medewerker_id", "medewerker"),
    ("type", "type"),
    ("laatste_contact", "laatste contact"),
    ("dagen_sinds_contact", "dagen"),
    ("geen_contact", "geen contact"),
    ("pva", "plan van aanpak"),
    ("risicotaxatie", "risicotaxatie"),
    ("onder_druk", "onder druk"),
    ("signalen", "signalen"),
)


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
        rows = [signal_row(s) for s in caseload_signals(store, peildatum, args.medewerker)]
    {"csv": write_csv, "json": write_json, "table": write_table}[args.format](rows, out)
    return EXIT_OK


def write_csv(rows: Sequence[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_json(rows: Sequence[dict], out: TextIO) -> None:
    json.dump(list(rows), out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_table(rows: Sequence[dict], out: TextIO) -> None:
    headers = [title for _, title in TABLE_COLUMNS]
    cells = [[str(row[key]) for key, _ in TABLE_COLUMNS] for row in rows]
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out.write(line.rstrip() + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip() + "\n")
    onder_druk = sum(1 for r in rows if r["onder_druk"] == "ja")
    met_signaal = sum(1 for r in rows if r["signalen"])
    out.write(
        f"\n{len(rows)} lopende maatregelen, {onder_druk} onder druk, "
        f"{met_signaal} met een signaal\n"
    )
