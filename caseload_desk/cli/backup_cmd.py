"""`caseload-desk backup` and `caseload-desk restore`: verified backups, and putting one back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from caseload_desk.cli.common import EXIT_OK, CliError, add_db_argument
from caseload_desk.store import audit, backup, open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="maak een gecontroleerde reservekopie, of toon de reservekopieën",
        description="Maakt een reservekopie via SQLite's backup-API in de map "
        "<naam>-reservekopieen naast de database en controleert die. Met --lijst worden de "
        "bestaande reservekopieën getoond.",
    )
    add_db_argument(p)
    p.add_argument("--lijst", action="store_true", help="toon de reservekopieën, nieuwste eerst")
    p.set_defaults(run=run_backup)
    r = sub.add_parser(
        "restore",
        help="zet een reservekopie terug",
        description="Zet een reservekopie terug. Het huidige bestand wordt eerst zelf als "
        "reservekopie bewaard (of, als het beschadigd is, apart gezet).",
    )
    add_db_argument(r)
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--van", type=Path, metavar="KOPIE", help="de reservekopie om terug te zetten"
    )
    which.add_argument(
        "--nieuwste",
        action="store_true",
        help="de nieuwste intacte reservekopie, behalve een 'voor-herstel'-kopie "
        "(het bestand van vlak voor een eerder herstel: kies die met --van)",
    )
    r.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.lijst:
        for b in backup.list_backups(args.db):
            state = "intact" if backup.verify(b.path) else "BESCHADIGD"
            when = b.made.astimezone().strftime("%d-%m-%Y %H:%M")
            out.write(f"{when}  {b.reason:<14} {state:<10} {b.path}\n")
        return EXIT_OK
    with open_store(args.db, auto_backup=False) as store:
        made = backup.make_backup(store.conn, args.db, "handmatig")
        audit.record(store, audit.Event.RESERVEKOPIE, details=backup.label(made.path))
    out.write(f"Reservekopie gemaakt en gecontroleerd: {made.path}\n")
    return EXIT_OK


def run_restore(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.nieuwste:
        found = backup.newest_verified(args.db)
        if found is None:
            raise CliError(f"Er is geen intacte reservekopie van {args.db}.")
        source = found.path
    else:
        source = args.van
        if not source.exists():
            raise CliError(f"Reservekopie niet gevonden: {source}")
    kept = backup.restore(source, args.db)
    with open_store(args.db, auto_backup=False) as store:
        audit.record_restore(store, source)
    out.write(f"Teruggezet: {source.name} -> {args.db}\n")
    if kept is not None:
        out.write(f"Het vorige bestand is bewaard als {kept}\n")
    return EXIT_OK
