"""`caseload-desk gui`: start the graphical application (also the default)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gui",
        help="start de grafische toepassing",
        description="Start Caseload Desk. Zonder --db opent het laatst gebruikte bestand.",
    )
    p.add_argument("--db", type=Path, metavar="DB", help="het databasebestand om te openen")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out=None) -> int:
    from caseload_desk.ui.app import run_gui  # deferred: the CLI must work without Qt loaded

    return run_gui(args.db)
