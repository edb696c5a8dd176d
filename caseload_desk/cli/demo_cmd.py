"""`caseload-desk demo`: create the fictional demo database."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from caseload_desk.cli.common import (
    EXIT_OK,
    CliError,
    add_db_argument,
    add_peildatum_argument,
)
from caseload_desk.demo import create_demo, generate_export
from caseload_desk.importer.writer import export_tables, write_csv_folder, write_xlsx
from caseload_desk.store import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="maak een demodatabase met fictieve gegevens",
        description="Maakt een demodatabase met fictieve medewerkers, maatregelen en "
        "caseloadgesprekken. Dezelfde --seed en peildatum geven dezelfde database.",
    )
    add_db_argument(p)
    p.add_argument("--seed", type=int, default=1, help="startgetal voor de toevalsgenerator")
    add_peildatum_argument(p)
    p.add_argument("--force", action="store_true", help="vervang een bestaand bestand")
    p.add_argument(
        "--export",
        type=Path,
        metavar="PAD",
        help="schrijf de demogegevens ook als export (.xlsx, of een map voor CSV's)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.db.exists():
        if not args.force:
            raise CliError(f"{args.db} bestaat al; gebruik --force om het te vervangen.")
        args.db.unlink()
    with open_store(args.db, create=True) as store:
        create_demo(store, seed=args.seed, today=args.peildatum or date.today())
        n = store.conn.execute("SELECT count(*) FROM maatregelen").fetchone()[0]
    out.write(f"Demodatabase gemaakt: {args.db} ({n} maatregelen)\n")
    if args.export:
        tables = export_tables(generate_export(args.seed, args.peildatum or date.today()))
        if args.export.suffix.lower() == ".xlsx":
            write_xlsx(tables, args.export)
        else:
            write_csv_folder(tables, args.export)
        out.write(f"Export geschreven: {args.export}\n")
    return EXIT_OK
