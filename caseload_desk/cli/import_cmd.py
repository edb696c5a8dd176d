"""`caseload-desk import`: read a registration export into the database, all or nothing."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from caseload_desk.cli.common import EXIT_BAD_INPUT, EXIT_OK, add_db_argument, err, peildatum_arg
from caseload_desk.importer import (
    ExportDateRefused,
    ImportRejected,
    ImportSummary,
    import_export,
)
from caseload_desk.store import open_store
from caseload_desk.words import count

SUMMARY_COLUMNS = ("nieuw", "gewijzigd", "ongewijzigd", "niet_meer_in_export")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="lees een export van het registratiesysteem in",
        description="Leest een export (een .xlsx-werkmap of een map met CSV-bestanden) in. "
        "Bij één fout wordt niets ingelezen en blijft de database ongewijzigd. "
        "Een maatregel die niet in de export staat, telt vanaf de dag na de exportdatum als "
        "beëindigd (tenzij zijn einddatum eerder is) en krijgt daarna geen signalen meer.",
    )
    p.add_argument("path", type=Path, metavar="PAD", help="de .xlsx-werkmap of de map met CSV's")
    add_db_argument(p)
    p.add_argument(
        "--exportdatum",
        type=peildatum_arg,
        default=None,
        metavar="JJJJ-MM-DD",
        help="de datum waarop de export is gemaakt (standaard: vandaag); niet na vandaag "
        "en niet vóór de exportdatum van de laatst ingelezen export",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    create = not args.db.exists()
    try:
        with open_store(args.db, create=create) as store:
            summary = import_export(args.path, store, exportdatum=args.exportdatum)
    except ExportDateRefused as exc:
        err(f"De export is niet ingelezen. {exc}\nDe database is niet gewijzigd.")
        if create and args.db.exists():
            args.db.unlink()
        return EXIT_BAD_INPUT
    except ImportRejected as exc:
        print_problems(exc, sys.stderr)
        if create and args.db.exists():
            args.db.unlink()  # we made this file only for the import; leave nothing behind
        return EXIT_BAD_INPUT
    except BaseException:
        if create and args.db.exists():
            args.db.unlink()
        raise
    print_summary(summary, out)
    return EXIT_OK


def print_problems(exc: ImportRejected, out: TextIO) -> None:
    found = count(len(exc.problems), "probleem", "problemen")
    out.write(f"De export is niet ingelezen: {found} gevonden.\n")
    out.write("De database is niet gewijzigd. Herstel de export en probeer het opnieuw.\n\n")
    for problem in exc.problems:
        out.write(f"- {problem}\n")


def print_summary(summary: ImportSummary, out: TextIO) -> None:
    out.write("Import geslaagd.\n\n")
    width = max(len(name) for name in summary.sheets)
    out.write("blad".ljust(width) + "  " + "  ".join(SUMMARY_COLUMNS).replace("_", " ") + "\n")
    for name, s in summary.sheets.items():
        counts = [str(getattr(s, c)).rjust(len(c)) for c in SUMMARY_COLUMNS]
        out.write(name.ljust(width) + "  " + "  ".join(counts) + "\n")
