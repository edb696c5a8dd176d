"""What every command shares: exit codes, Dutch errors, argument types."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from caseload_desk.dates import DateError, parse_date
from caseload_desk.store import Store, open_store

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input from the user; printed in Dutch, exit code 2."""


def peildatum_arg(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise argparse.ArgumentTypeError(f"{exc}: {text!r}") from None


def add_db_argument(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument(
        "--db", type=Path, required=required, metavar="DB", help="het databasebestand (.db)"
    )


def add_peildatum_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--peildatum",
        type=peildatum_arg,
        default=None,
        metavar="JJJJ-MM-DD",
        help="de datum waarop de signalen worden berekend (standaard: vandaag)",
    )


def open_existing(path: Path) -> Store:
    """Open a database that must exist already (StoreError for anything wrong with it)."""
    return open_store(path, create=False)


def err(message: str) -> None:
    print(message, file=sys.stderr)
