"""`caseload-desk gui`: start the graphical application (also the default)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from caseload_desk.cli.common import EXIT_BAD_INPUT, err

NO_DISPLAY = (
    "Caseload Desk kan zijn venster niet openen: er is geen beeldscherm "
    "(DISPLAY en WAYLAND_DISPLAY zijn leeg).\n"
    "Start het programma vanuit een bureaubladsessie, of via ssh met X-doorsturing (ssh -X).\n"
    "Zonder beeldscherm werken wel: 'caseload-desk --self-test' (controleert de installatie) "
    "en de opdrachten op de opdrachtregel, zoals 'caseload-desk signals --db bestand.db' "
    "(zie 'caseload-desk --help')."
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gui",
        help="start de grafische toepassing",
        description="Start Caseload Desk. Zonder --db opent het laatst gebruikte bestand.",
    )
    p.add_argument("--db", type=Path, metavar="DB", help="het databasebestand om te openen")
    p.set_defaults(run=run)


def has_display(environ: Mapping[str, str], platform: str) -> bool:
    """Whether a window can be shown. On Linux Qt needs X11 or Wayland, unless a platform
    is chosen explicitly (offscreen for tests, vnc, ...); without one it would hang on an
    invisible window. Windows and macOS always have a screen."""
    if not platform.startswith("linux"):
        return True
    return any(environ.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def run(args: argparse.Namespace, out=None) -> int:
    if not has_display(os.environ, sys.platform):
        err(NO_DISPLAY)
        return EXIT_BAD_INPUT
    from caseload_desk.ui.app import run_gui  # deferred: the CLI must work without Qt loaded

    return run_gui(args.db)
