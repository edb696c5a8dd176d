"""`caseload-desk audit`: show or export the audit log, and check its hash chain."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TextIO

from caseload_desk.cli.common import EXIT_BAD_INPUT, EXIT_OK, add_db_argument
from caseload_desk.store import audit, open_store
from caseload_desk.store.records import workers

# The log itself holds ids only; the worker's name is looked up for whoever reads the CSV.
COLUMNS = (
    "id", "tijdstip", "gebruiker", "gebeurtenis", "medewerker_id", "medewerker_naam",
    "maatregelen", "details",
)  # fmt: skip


# A cell starting with one of these is read as a formula by a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """`value` as a spreadsheet shows it literally: text that looks like a formula gets a
    leading apostrophe (a worker's name or details could be written to start with '=')."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit",
        help="toon het auditlogboek (CSV) en controleer de keten",
        description="Schrijft het auditlogboek als CSV (nieuwste eerst) en controleert de "
        "hashketen. Exitcode 2 als het logboek is aangepast.",
    )
    add_db_argument(p)
    p.add_argument("--medewerker", metavar="ID", help="alleen regels over deze medewerker")
    p.add_argument("--maatregel", metavar="ID", help="alleen regels over deze maatregel")
    p.add_argument("--controleer", action="store_true", help="alleen de keten controleren")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with open_store(args.db, read_only=True) as store:
        broken = audit.verify_chain(store)
        if not args.controleer:
            rows = audit.entries(store, medewerker_id=args.medewerker, maatregel_id=args.maatregel)
            names = {w.medewerker_id: w.naam for w in workers(store)}
            # Every cell quoted: csv quotes only cells with "\n" (the line end), and a lone
            # carriage return left bare would split a row for a spreadsheet.
            writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
            writer.writerow(COLUMNS)
            for e in rows:
                found = {"medewerker_naam": names.get(e.medewerker_id or "", "")}
                writer.writerow(
                    safe_cell(found[c] if c in found else getattr(e, c)) for c in COLUMNS
                )
    if broken:
        where = "regel" if len(broken) == 1 else "regels"
        shown = ", ".join(map(str, broken[:20]))
        more = f" en nog {len(broken) - 20} andere" if len(broken) > 20 else ""
        print(f"Let op: het auditlogboek is aangepast bij {where} {shown}{more}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.controleer:
        out.write("Auditlogboek intact.\n")
    return EXIT_OK
