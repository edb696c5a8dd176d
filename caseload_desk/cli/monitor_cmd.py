"""`caseload-desk monitor`: the signal counts and on-time percentages per peildatum."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from caseload_desk.cli.common import (
    EXIT_OK,
    CliError,
    add_db_argument,
    open_existing,
    peildatum_arg,
)
from caseload_desk.dates import nl
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.export.monitor_data import export_monitor
from caseload_desk.monitor import COLUMNS, MAX_PEILDATA, Interval, MonitorRow, Scope
from caseload_desk.store.monitor import regions, run_monitor
from caseload_desk.store.records import get_worker, teams
from caseload_desk.words import count


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "monitor",
        help="toon de signalen en de tijdigheid per peildatum over een periode",
        description="Toont per peildatum (van --van tot en met --tot, elke week of elke "
        "maand) het aantal lopende maatregelen, de signalen zoals 'signals' ze op die "
        "peildatum geeft, en het percentage eerste contacten en eerste plannen van aanpak "
        f"dat op tijd was. Hoogstens {MAX_PEILDATA} peildata.",
    )
    add_db_argument(p)
    p.add_argument("--van", type=peildatum_arg, required=True, metavar="JJJJ-MM-DD",
                   help="de eerste peildatum")  # fmt: skip
    p.add_argument("--tot", type=peildatum_arg, required=True, metavar="JJJJ-MM-DD",
                   help="de laatste mogelijke peildatum (tot en met)")  # fmt: skip
    p.add_argument("--interval", choices=[i.value for i in Interval], default="week",
                   help="elke week (standaard) of elke kalendermaand")  # fmt: skip
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--team", metavar="NAAM", help="alleen de maatregelen van dit team")
    scope.add_argument(
        "--medewerker", metavar="ID", help="alleen de maatregelen van deze medewerker"
    )
    scope.add_argument("--regio", metavar="NAAM", help="alleen de maatregelen van deze regio")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="uitvoer als leesbare tabel (standaard), CSV of JSON")  # fmt: skip
    p.add_argument("--xlsx", type=Path, metavar="BESTAND.xlsx",
                   help="schrijf de monitor als Excel-bestand (indicatoren als rijen, peildata "
                   "als kolommen, met normen en definities) in plaats van de tabel")  # fmt: skip
    p.set_defaults(run=run)


def _scope(store, args: argparse.Namespace) -> Scope:
    if args.medewerker:
        if get_worker(store, args.medewerker) is None:
            raise CliError(f"Onbekende medewerker: {args.medewerker}")
        return Scope.worker(args.medewerker)
    if args.team:
        known = {t.lower(): t for t in teams(store) if t}
        if args.team.lower() not in known:
            raise CliError(f"Onbekend team: {args.team}")
        return Scope.team(known[args.team.lower()])
    if args.regio:
        known = {r.lower(): r for r in regions(store)}
        if args.regio.lower() not in known:
            raise CliError(f"Onbekende regio: {args.regio}")
        return Scope.region(known[args.regio.lower()])
    return Scope()


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if args.tot < args.van:
        raise CliError("--tot ligt vóór --van: kies een einddatum op of na de begindatum.")
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CliError("Het doelbestand moet op .xlsx eindigen.")
    with open_existing(args.db) as store:
        scope = _scope(store, args)
        try:
            result = run_monitor(store, args.van, args.tot, Interval(args.interval), scope)
        except ValueError as exc:
            raise CliError(_sentence(str(exc))) from None
        if args.xlsx is not None:
            try:
                export_monitor(store, [scope], args.van, args.tot, result.interval, args.xlsx,
                               [result])  # fmt: skip
            except TargetLocked as exc:
                raise CliError(str(exc)) from exc
            out.write(
                f"Monitor geschreven: {args.xlsx} "
                f"({count(len(result.rows), 'peildatum', 'peildata')})\n"
            )
            return EXIT_OK
    {"table": write_table, "csv": write_csv, "json": write_json}[args.format](result.rows, out)
    return EXIT_OK


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def row_dict(row: MonitorRow) -> dict[str, str | int | None]:
    """For machines: ISO dates, numbers as numbers, an empty percentage as None."""
    return {"peildatum": row.peildatum.isoformat(), **{c: row.value(c) for c in COLUMNS[1:]}}


def write_csv(rows: Sequence[MonitorRow], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else v for k, v in row_dict(r).items()})


def write_json(rows: Sequence[MonitorRow], out: TextIO) -> None:
    json.dump([row_dict(r) for r in rows], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _line(values: Sequence[str], widths: Sequence[int]) -> str:
    # The date left-aligned, the numbers right-aligned, as in a spreadsheet.
    cells = [
        v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(values, widths, strict=True))
    ]
    return "  ".join(cells).rstrip() + "\n"


def write_table(rows: Sequence[MonitorRow], out: TextIO) -> None:
    cells = [
        [nl(r.peildatum)] + [("" if r.value(c) is None else str(r.value(c))) for c in COLUMNS[1:]]
        for r in rows
    ]
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(COLUMNS)]
    out.write(_line(COLUMNS, widths))
    out.write("  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write(_line(c, widths))
