"""`caseload-desk export`: the Excel action list for a worker, a team or everyone."""

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
    open_existing,
)
from caseload_desk.dates import nl
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.export.data import (
    default_file_name,
    export_details,
    gather,
    measure_ids,
    select_workers,
)
from caseload_desk.export.xlsx import summary, write_action_list
from caseload_desk.signal_rows import worker_label
from caseload_desk.store import audit


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="maak de actielijst als Excel-bestand",
        description="Schrijft de actielijst (bladen Acties, Signalen en Gesprekken; voor "
        "een team of iedereen ook Werklast) als .xlsx.",
    )
    add_db_argument(p)
    scope = p.add_mutually_exclusive_group(required=True)
    scope.add_argument("--medewerker", metavar="ID", help="voor één medewerker")
    scope.add_argument("--team", metavar="NAAM", help="voor alle medewerkers van een team")
    scope.add_argument("--alle", action="store_true", help="voor alle medewerkers")
    p.add_argument(
        "--out",
        type=Path,
        metavar="BESTAND.xlsx",
        help="het doelbestand (standaard: 'Actielijst <naam> <datum>.xlsx' in deze map)",
    )
    add_peildatum_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    peildatum = args.peildatum or date.today()
    with open_existing(args.db) as store:
        chosen = select_workers(store, args.medewerker, args.team)
        if not chosen:
            what = f"medewerker {args.medewerker}" if args.medewerker else f"team {args.team}"
            raise CliError(f"Onbekende {what}")
        if args.medewerker:
            title, whose = (
                chosen[0].naam,
                worker_label(args.medewerker, {args.medewerker: chosen[0].naam}),
            )
        elif args.team:
            title = chosen[0].team  # as the database spells it, whatever the case typed
            whose = f"team {title}"
        else:
            title = whose = "alle medewerkers"
        data = gather(store, chosen, title, peildatum, with_workload=not args.medewerker)
        target = args.out or Path(default_file_name(title, peildatum))
        if target.suffix.lower() != ".xlsx":
            raise CliError("Het doelbestand moet op .xlsx eindigen.")
        try:
            write_action_list(data, target)
        except TargetLocked as exc:
            raise CliError(str(exc)) from exc
        # Which measures left the file, by id; the file name is not kept (it holds a name).
        scope = f"team {title}, " if args.team else ""
        audit.record_or_keep(
            store,
            audit.Event.EXPORT,
            medewerker_id=args.medewerker,
            maatregelen=measure_ids(data),
            details=scope + export_details(data),
        )
    out.write(f"Actielijst van {whose} geschreven: {target} ({summary(data)})\n")
    for c in data.drafts:
        out.write(
            f"Niet opgenomen: het conceptgesprek van {nl(c.datum)} met "
            f"{worker_label(c.medewerker_id, data.worker_names)}; dat is nog niet afgerond.\n"
        )
    return EXIT_OK
