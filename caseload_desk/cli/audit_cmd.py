"""`caseload-desk audit`: show or export the audit log, and check its hash chain."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TextIO

from caseload_desk.cli.common import EXIT_BAD_INPUT, EXIT_OK, add_db_argument
from caseload_desk.store import audit, open_store
from caseload_desk.store.records import workers

# The log itself holds ids only; the worker's name is looked up for whoever reads the CSV.
COLUMNS = (
    "id", "tijdstip", "gebruiker", "gebeurtenis", "medewerker_id", "medewerker_naam",
    "maatregelen", "details",
)  # fmt: skip


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
    p.add_argument(
        "--controleer",
        action="store_true",
        help="alleen de keten controleren, ook tegen de ankers (deze computer, reservekopieën)",
    )
    p.add_argument(
        "--anker",
        metavar="BESTAND",
        type=Path,
        action="append",
        default=[],
        help="controleer ook tegen de stand in deze export (.xlsx) of dit verslag (.pdf)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    with open_store(args.db, read_only=True) as store:
        broken = audit.verify_chain(store)
        findings = audit.anchor_findings(store, Path(args.db), args.anker)
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
                    audit.safe_cell(found[c] if c in found else getattr(e, c)) for c in COLUMNS
                )
    for f in findings:
        print(("Let op: " if f.tampered else "") + f.text, file=sys.stderr)
    if broken:
        where = "regel" if len(broken) == 1 else "regels"
        shown = ", ".join(map(str, broken[:20]))
        more = f" en nog {len(broken) - 20} andere" if len(broken) > 20 else ""
        print(f"Let op: het auditlogboek is aangepast bij {where} {shown}{more}.", file=sys.stderr)
    if broken or any(f.tampered for f in findings):
        return EXIT_BAD_INPUT
    if args.controleer:
        out.write("Auditlogboek intact.\n")
    return EXIT_OK
