"""What can be wrong with an export, located the way a user finds it in Excel."""

from __future__ import annotations

from dataclasses import dataclass

from caseload_desk.words import count


@dataclass(frozen=True)
class Problem:
    """One problem: sheet, Excel row number (header is row 1), column, value, Dutch reason."""

    sheet: str
    row: int | None
    column: str | None
    value: str
    reason: str

    def __str__(self) -> str:
        # A CSV export is a folder of files, a workbook has sheets: say what the user opens.
        kind = "bestand" if self.sheet.lower().endswith(".csv") else "blad"
        where = [f"{kind} {self.sheet}"]
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        value = f" (waarde: {self.value!r})" if self.value else ""
        return f"{', '.join(where)}: {self.reason}{value}"


class ImportRejected(Exception):
    """The export has problems; nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        found = count(len(problems), "probleem", "problemen")
        super().__init__(f"{found} in de export; er is niets ingelezen")


def shown(value: object, limit: int = 60) -> str:
    """A cell value as shown in a report: short, so a huge cell cannot flood it."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
