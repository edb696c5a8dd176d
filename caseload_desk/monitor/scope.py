"""Whose measures the monitor counts: the organisation, a region, a team or a worker."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ScopeKind(StrEnum):
    ORGANISATIE = "organisatie"
    REGIO = "regio"
    TEAM = "team"
    MEDEWERKER = "medewerker"


@dataclass(frozen=True)
class Scope:
    """By current assignment: a measure counts for the team, region and worker it belongs
    to today, on every peildatum (the monitor shows how today's caseload got here).

    A region is the measure's own region when the export gives one, else its worker's;
    a team is its worker's team. Measures without a worker count only for the whole
    organisation (and for their own region, when the export gives it)."""

    kind: ScopeKind = ScopeKind.ORGANISATIE
    value: str = ""

    @classmethod
    def organisation(cls) -> Scope:
        return cls()

    @classmethod
    def region(cls, regio: str) -> Scope:
        return cls(ScopeKind.REGIO, regio)

    @classmethod
    def team(cls, team: str) -> Scope:
        return cls(ScopeKind.TEAM, team)

    @classmethod
    def worker(cls, medewerker_id: str) -> Scope:
        return cls(ScopeKind.MEDEWERKER, medewerker_id)

    def label(self, names: dict[str, str] | None = None) -> str:
        """In Dutch, for titles and sheet names: "Hele organisatie", "Team Noord 1"."""
        match self.kind:
            case ScopeKind.ORGANISATIE:
                return "Hele organisatie"
            case ScopeKind.REGIO:
                return f"Regio {self.value}"
            case ScopeKind.TEAM:
                return (
                    f"Team {self.value}"
                    if not self.value.lower().startswith("team")
                    else (self.value)
                )
            case ScopeKind.MEDEWERKER:
                name = (names or {}).get(self.value)
                return f"{name} ({self.value})" if name else f"Medewerker {self.value}"
        raise ValueError(self.kind)
