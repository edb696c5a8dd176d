"""`caseload-desk instellingen`: show and change the settings stored in the database.

Every group in `store.settings_groups.GROUPS` is shown and can be changed with
`--zet SLEUTEL=WAARDE`; the signal group also takes `--vrije-dag` and `--geen-vrije-dag`.
All changes are validated before any is saved; a refusal changes nothing (exit code 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from caseload_desk.cli.common import EXIT_OK, CliError, add_db_argument, open_existing
from caseload_desk.signals.settings_keys import EXTRA_DAY_PREFIX, parse_day
from caseload_desk.store import monitor_norms  # noqa: F401 (registers its group)
from caseload_desk.store.connection import Store
from caseload_desk.store.settings_groups import (
    GROUPS,
    PendingChange,
    SettingRefused,
    SettingRow,
    SettingsGroup,
    group_for,
)
from caseload_desk.words import count

HEADERS = ("sleutel", "waarde", "standaard", "betekenis")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "instellingen",
        help="toon of wijzig de termijnen, normen en vrije dagen",
        description="Zonder wijzigingen: toont de instellingen in de database (termijnen per "
        "type maatregel, normen, vrije dagen van de organisatie). Met --zet, --vrije-dag of "
        "--geen-vrije-dag: wijzigt ze, met dezelfde controles en dezelfde regel in het "
        "auditlogboek als het venster Instellingen. Eerst wordt alles gecontroleerd; een "
        "geweigerde wijziging verandert niets.",
        epilog="Sleutels: contact.standaard, contact.ots, contact.voogdij, contact.jr (en zo "
        "ook pva.* en risicotaxatie.*; maanden, of 'standaard' om een type de standaard te "
        "laten volgen), eerste_contact.werkdagen, pva_termijn.weken, einddatum.weken, "
        "vrije_dag.JJJJ-MM-DD. Voorbeeld: caseload-desk instellingen --db caseload.db "
        "--zet contact.voogdij=2 --vrije-dag 2026-05-15:'vrijdag na Hemelvaart'",
    )
    add_db_argument(p)
    p.add_argument(
        "--zet",
        action="append",
        default=[],
        metavar="SLEUTEL=WAARDE",
        help="zet een instelling, bijvoorbeeld contact.voogdij=2 (mag vaker)",
    )
    p.add_argument(
        "--vrije-dag",
        action="append",
        default=[],
        metavar="DATUM[:OMSCHRIJVING]",
        help="voeg een vrije dag van de organisatie toe, bijvoorbeeld "
        "2026-05-15:'vrijdag na Hemelvaart' (mag vaker)",
    )
    p.add_argument(
        "--geen-vrije-dag",
        action="append",
        default=[],
        metavar="DATUM",
        help="haal een vrije dag van de organisatie weg (mag vaker)",
    )
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="uitvoer als leesbare tabel (standaard) of JSON",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    changes = requested_changes(args)
    with open_existing(args.db) as store:
        if not changes:
            (write_json if args.format == "json" else write_table)(store, out)
            return EXIT_OK
        pending = prepare(store, changes)
        lines = [line for p in pending for line in p.lines]
        if not lines:
            out.write("Niets gewijzigd: de instellingen hadden deze waarden al.\n")
            return EXIT_OK
        for p in pending:
            if p.lines:
                p.save()
    out.write(f"Opgeslagen ({count(len(lines), 'wijziging', 'wijzigingen')}):\n")
    out.writelines(f"- {line}\n" for line in lines)
    return EXIT_OK


def requested_changes(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """The options as (key, value) pairs, in the order of the groups' own keys."""
    changes: list[tuple[str, str | None]] = []
    for item in args.zet:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(
                f"niets gewijzigd: --zet verwacht SLEUTEL=WAARDE (zoals contact.ots=2): {item!r}"
            )
        changes.append((key.strip().lower(), value.strip()))
    for item in args.vrije_dag:
        day, _, text = item.partition(":")
        changes.append((EXTRA_DAY_PREFIX + _iso(day), text.strip()))
    for item in args.geen_vrije_dag:
        changes.append((EXTRA_DAY_PREFIX + _iso(item), None))
    # One key twice (a day added and removed, a value set twice): which one is meant?
    keys = [key for key, _ in changes]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise CliError(
            f"niets gewijzigd: {', '.join(twice)} staat meer dan eens in deze opdracht; "
            "geef elke instelling één keer"
        )
    return changes


def prepare(store: Store, changes: Sequence[tuple[str, str | None]]) -> list[PendingChange]:
    """Validate every change, per group, before anything is saved."""
    per_group: dict[str, tuple[SettingsGroup, list[tuple[str, str | None]]]] = {}
    try:
        for key, value in changes:
            group = group_for(key)
            per_group.setdefault(group.name, (group, []))[1].append((key, value))
        return [group.prepare(store, items) for group, items in per_group.values()]
    except SettingRefused as exc:
        raise CliError(f"niets gewijzigd: {exc}") from None


def _iso(text: str) -> str:
    try:
        return parse_day(text).isoformat()
    except SettingRefused as exc:
        raise CliError(f"niets gewijzigd: {exc}") from None


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def write_table(store: Store, out: TextIO) -> None:
    for group in GROUPS:
        rows = group.rows(store)
        sections: dict[str, list[SettingRow]] = {}
        for row in rows:
            sections.setdefault(row.section, []).append(row)
        for section, items in sections.items():
            _write_section(f"{group.title}: {section}", items, out)
        if group.name == "signalen" and not any(r.key.startswith(EXTRA_DAY_PREFIX) for r in rows):
            out.write(
                "Vrije dagen van de organisatie: geen (alleen de feestdagen van de Algemene "
                "termijnenwet tellen niet als werkdag).\n\n"
            )


def _write_section(title: str, rows: Sequence[SettingRow], out: TextIO) -> None:
    cells = [(r.key, _cell(r.value), _cell(r.default), r.label) for r in rows]
    widths = [max([len(h), *(len(c[i]) for c in cells)]) for i, h in enumerate(HEADERS)]
    out.write(title + "\n")
    out.write("  ".join(h.ljust(w) for h, w in zip(HEADERS, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for c in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip() + "\n")
    out.write("\n")


def write_json(store: Store, out: TextIO) -> None:
    data = {
        "groepen": [
            {
                "naam": group.name,
                "titel": group.title,
                "instellingen": [
                    {
                        "sectie": r.section,
                        "sleutel": r.key,
                        "waarde": r.value,
                        "standaard": r.default,
                        "betekenis": r.label,
                    }
                    for r in group.rows(store)
                ],
            }
            for group in GROUPS
        ]
    }
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")
