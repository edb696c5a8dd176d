"""`caseload-desk werklast`: every worker's load on a peildatum, as table, CSV or JSON."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from caseload_desk.cli.common import (
    EXIT_OK,
    CliError,
    add_db_argument,
    open_existing,
    peildatum_arg,
)
from caseload_desk.store import audit
from caseload_desk.store.records import teams
from caseload_desk.store.workload import load_workload_settings, worker_loads
from caseload_desk.words import count
from caseload_desk.workload import WorkerLoad, WorkloadSettings, nl_number, two_decimals

# The contract of the machine formats: these columns, in this order.
COLUMNS = (
    "medewerker_id", "naam", "team", "regio", "contracturen", "vrijstelling_uren",
    "maatregelen", "gewogen", "capaciteit", "belasting_pct",
)  # fmt: skip
TABLE_HEADERS = (
    "medewerker", "naam", "team", "regio", "contracturen", "vrijstelling", "maatregelen",
    "gewogen", "capaciteit", "belasting",
)  # fmt: skip
_RIGHT = frozenset(range(4, 10))  # numbers align right in the table
FORMAT_WORDS = {"table": "tabel", "csv": "CSV", "json": "JSON"}  # for the audit log


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "werklast",
        help="toon de werklast per medewerker",
        description="Toont per medewerker de gewogen caseload, de capaciteit en de "
        "belasting op de peildatum, gesorteerd op medewerker_id. Lege contracturen of "
        "vrijstelling in de export tellen met de standaardwaarde uit de instellingen.",
    )
    add_db_argument(p)
    p.add_argument(
        "--peildatum",
        type=peildatum_arg,
        default=None,
        metavar="JJJJ-MM-DD",
        help="de datum waarop de werklast wordt berekend (standaard: vandaag)",
    )
    p.add_argument("--team", metavar="NAAM", help="alleen de medewerkers van dit team")
    p.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="uitvoer als leesbare tabel (standaard), CSV of JSON",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    peildatum = args.peildatum or date.today()
    with open_existing(args.db) as store:
        team = None
        if args.team is not None:
            # As the database spells it, whatever the case typed (like `export --team`).
            team = next((t for t in teams(store) if t.lower() == args.team.lower()), None)
            if team is None:
                raise CliError(f"Onbekend team: {args.team}")
        settings = load_workload_settings(store)
        loads = worker_loads(store, peildatum, team=team, settings=settings)
        # The output names workers (not children): the log keeps who asked, for which
        # team and how many workers, never a name.
        scope = f"team {team}, " if team is not None else ""
        audit.record_or_keep(
            store,
            audit.Event.WERKLAST_OPGEVRAAGD,
            details=f"{scope}{count(len(loads), 'medewerker', 'medewerkers')}, "
            f"peildatum {peildatum.isoformat()}, als {FORMAT_WORDS[args.format]}",
        )
    if args.format == "table":
        write_table(loads, settings, out)
    elif args.format == "csv":
        write_csv([machine_row(w, settings) for w in loads], out)
    else:
        write_json([machine_row(w, settings) for w in loads], out)
    return EXIT_OK


def _hours(value: float) -> str:
    """Hours as the machine formats write them: point, no trailing zeros (32.5, 36)."""
    return nl_number(value).replace(",", ".")


def machine_row(w: WorkerLoad, settings: WorkloadSettings) -> dict[str, object]:
    """One row for CSV and JSON; the hours are those the calculation used (the export's,
    or the settings' default where it left them empty)."""
    contract = w.hours.contracturen
    vrij = w.hours.vrijstelling_uren
    return {
        "medewerker_id": w.medewerker_id,
        "naam": w.naam,
        "team": w.team,
        "regio": w.regio,
        "contracturen": _hours(settings.contracturen if contract is None else contract),
        "vrijstelling_uren": _hours(settings.vrijstelling_uren if vrij is None else vrij),
        "maatregelen": w.load.maatregelen,
        "gewogen": f"{two_decimals(w.load.gewogen):.2f}",
        "capaciteit": f"{two_decimals(w.load.capaciteit):.2f}",
        "belasting_pct": w.load.belasting_pct,
    }


def write_csv(rows: Sequence[dict[str, object]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:  # no percentage without capacity: an empty cell
        # Names come from the export: one starting with '=' must not become a formula.
        writer.writerow({k: "" if v is None else audit.safe_cell(v) for k, v in r.items()})


_NUMBERS = frozenset({"contracturen", "vrijstelling_uren", "gewogen", "capaciteit"})


def write_json(rows: Sequence[dict[str, object]], out: TextIO) -> None:
    """A list of objects; the decimals are JSON numbers written as formatted (12.00), which
    `json.dumps` cannot do for a float."""
    out.write("[")
    for i, r in enumerate(rows):
        fields = ",\n".join(
            f"    {json.dumps(k)}: {v if k in _NUMBERS else json.dumps(v, ensure_ascii=False)}"
            for k, v in r.items()
        )
        out.write(("," if i else "") + "\n  {\n" + fields + "\n  }")
    out.write("\n]\n" if rows else "]\n")


def table_row(w: WorkerLoad, settings: WorkloadSettings) -> list[str]:
    def hours(value: float | None, default: float) -> str:
        return f"{nl_number(default)} (standaard)" if value is None else nl_number(value)

    return [
        w.medewerker_id,
        w.naam,
        w.team,
        w.regio,
        hours(w.hours.contracturen, settings.contracturen),
        hours(w.hours.vrijstelling_uren, settings.vrijstelling_uren),
        str(w.load.maatregelen),
        f"{two_decimals(w.load.gewogen):.2f}".replace(".", ","),
        f"{two_decimals(w.load.capaciteit):.2f}".replace(".", ","),
        w.load.label,
    ]


def write_table(loads: Sequence[WorkerLoad], settings: WorkloadSettings, out: TextIO) -> None:
    cells = [table_row(w, settings) for w in loads]
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(TABLE_HEADERS)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if i in _RIGHT else v.ljust(w)
            for i, (v, w) in enumerate(zip(values, widths, strict=True))
        ).rstrip()

    out.write(line(TABLE_HEADERS) + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write(line(c) + "\n")
    over = sum(1 for w in loads if w.load.boven_norm)
    none = sum(1 for w in loads if w.load.belasting_pct is None)
    summary = f"\n{count(len(loads), 'medewerker', 'medewerkers')}, {over} boven 100 %"
    if none:
        summary += f", {none} zonder capaciteit"
    out.write(
        summary + f" (norm {nl_number(settings.norm)} gewogen maatregelen bij "
        f"{nl_number(settings.voltijd)} uur per week)\n"
    )
