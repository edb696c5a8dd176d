"""The export format of domain.md: five sheets, their columns, which are required."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


# Workload (issue 15): hours per week in `medewerkers`, a measure's own factor and region
# in `maatregelen`; all optional, empty means the organisation's default.
MEDEWERKERS = SheetSpec(
    "medewerkers",
    ("medewerker_id", "naam"),
    ("team", "regio", "praktijkbegeleider", "contracturen", "vrijstelling_uren"),
)
MAATREGELEN = SheetSpec(
    "maatregelen",
    ("maatregel_id", "jeugdige", "type", "startdatum"),
    ("medewerker_id", "einddatum", "regie", "zwaarte", "regio"),
)
CONTACTEN = SheetSpec("contacten", ("maatregel_id", "datum", "met"), ("vorm",))
PLANNEN = SheetSpec("plannen_van_aanpak", ("maatregel_id", "vastgesteld_op"))
RISICOTAXATIES = SheetSpec("risicotaxaties", ("maatregel_id", "datum"), ("instrument",))

SHEETS: tuple[SheetSpec, ...] = (MEDEWERKERS, MAATREGELEN, CONTACTEN, PLANNEN, RISICOTAXATIES)
