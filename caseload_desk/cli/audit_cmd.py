"""`caseload-desk audit`: show or export the audit log, and check its hash chain."""

from __future__ import annotations

import argparse
import csv
import sys
from typing import TextIO

from caseload_desk.cli.common import EXIT_BAD_INPUT, EXIT_OK, add_db_argument
from caseload_desk.store import audit, open_store

COLUMNS = ("id", "tijdstip", "gebruiker", "gebeurtenis", "medewerker_id", "maatregelen", "details")


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
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows([getattr(e, c) for c in COLUMNS] for e in rows)
    if broken:
        print(f"Let op: het auditlogboek is aangepast bij regel(s) {broken[:20]}.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.controleer:
        out.write("Auditlogboek intact.\n")
    return EXIT_OK
