"""Build small exports (xlsx or CSV) for import tests."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from caseload_desk.importer.writer import write_csv_folder, write_xlsx

BASE: dict[str, tuple[list[str], list[list[object]]]] = {
    "medewerkers": (
        ["medewerker_id", "naam", "team", "regio", "praktijkbegeleider"],
        [
            ["W1", "Anna de Boer", "Stad", "Groningen", "Piet"],
            ["W2", "Bas Smit", "Assen", "Drenthe", ""],
        ],
    ),
    "maatregelen": (
        ["maatregel_id", "medewerker_id", "jeugdige", "type", "startdatum", "einddatum", "regie"],
        [
            ["M1", "W1", "Kind Een", "OTS", "2025-01-06", "", ""],
            ["M2", "W1", "Kind Twee", "voogdij", "06-01-2025", "", "vast"],
            ["M3", "", "Kind Drie", "Jeugdreclassering", "2025-03-03", "2026-12-31", ""],
        ],
    ),
    "contacten": (
        ["maatregel_id", "datum", "met", "vorm"],
        [
            ["M1", "2025-11-01", "jeugdige", "face-to-face"],
            ["M1", "2025-11-01", "jeugdige", "face-to-face"],
            ["M2", "2025-06-01", "netwerk", "telefonisch"],
        ],
    ),
    "plannen_van_aanpak": (["maatregel_id", "vastgesteld_op"], [["M1", "2025-02-01"]]),
    "risicotaxaties": (["maatregel_id", "datum", "instrument"], [["M1", "2025-02-01", "LIRIK"]]),
}


def tables(**changes: list[list[object]]) -> dict:
    """BASE with some sheets' rows replaced."""
    t = deepcopy(BASE)
    for name, rows in changes.items():
        t[name] = (t[name][0], rows)
    return t


def xlsx(path: Path, t: dict | None = None) -> Path:
    write_xlsx(t or tables(), path)
    return path


def csv_folder(path: Path, t: dict | None = None, **kwargs: str) -> Path:
    write_csv_folder(t or tables(), path, **kwargs)
    return path
