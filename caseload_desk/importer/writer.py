"""Write data in the export format (xlsx or CSV folder): for demos, tests and benchmarks."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from caseload_desk.importer.parse import ParsedExport
from caseload_desk.importer.spec import SHEETS

Table = tuple[Sequence[str], Iterable[Sequence[object]]]


def export_tables(parsed: ParsedExport) -> dict[str, Table]:
    """The five sheets as (header, rows), in the column order of the spec."""
    bodies = (parsed.workers, parsed.measures, parsed.contacts, parsed.plans, parsed.risks)
    tables: dict[str, Table] = {}
    for spec, rows in zip(SHEETS, bodies, strict=True):
        header = list(rows[0]._fields) if rows else list(spec.columns)
        tables[spec.name] = (header, rows)
    return tables


def write_csv_folder(
    tables: dict[str, Table], folder: Path, *, delimiter: str = ";", encoding: str = "utf-8-sig"
) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding=encoding) as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            writer.writerows(["" if v is None else v for v in row] for row in rows)


def write_xlsx(tables: dict[str, Table], path: Path) -> None:
    from openpyxl import Workbook  # deferred: heavy, and only some callers need it
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(v: object) -> object:  # a workbook cannot hold control characters
        return ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v

    wb = Workbook(write_only=True)
    for name, (header, rows) in tables.items():
        ws = wb.create_sheet(name)
        ws.append([clean(v) for v in header])
        for row in rows:
            ws.append([clean(v) for v in row])
    wb.save(path)
