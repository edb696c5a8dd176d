"""Read an export (xlsx workbook or CSV folder) into raw sheets of cell values.

Nothing is interpreted here beyond finding the sheets; rows keep their Excel number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caseload_desk.importer.limits import FileRefused, check_csv_size, check_workbook
from caseload_desk.importer.spec import SHEETS


@dataclass
class RawSheet:
    """A sheet as found: lower-cased header names and (excel_row, values) pairs."""

    name: str
    header: list[str]
    rows: Iterator[tuple[int, tuple[object, ...]]]


@contextmanager
def open_export(path: Path) -> Iterator[dict[str, RawSheet]]:
    """The sheets of the export that domain.md names, found case-insensitively.

    Rows are read lazily, so the sheets are valid only inside the `with` block.
    """
    if path.is_dir():
        yield _csv_folder(path)
        return
    if not path.exists():
        raise FileRefused(f"{path} bestaat niet")
    if path.suffix.lower() == ".csv":
        raise FileRefused(f"kies de map met de CSV-bestanden, niet één bestand ({path.name})")
    check_workbook(path)
    wb = _load_workbook(path)
    readers: list[Generator] = []
    try:
        yield _workbook_sheets(wb, readers)
    finally:
        # An unfinished row reader holds a zip member open; close them, then the file.
        for reader in readers:
            reader.close()
        wb.close()


def _header(values: tuple[object, ...]) -> list[str]:
    return ["" if v is None else str(v).strip().lower() for v in values]


def _load_workbook(path: Path) -> Any:
    from openpyxl import load_workbook  # deferred: only needed for xlsx imports

    try:
        return load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(f"{path.name} kan niet als Excel-werkmap worden gelezen") from exc


def _workbook_sheets(wb: Any, readers: list[Generator]) -> dict[str, RawSheet]:
    wanted = {s.name for s in SHEETS}
    found: dict[str, RawSheet] = {}
    for ws in wb.worksheets:
        key = ws.title.strip().lower()
        if key not in wanted or key in found:
            continue
        rows = ws.iter_rows(values_only=True)
        readers.append(rows)
        first = next(rows, ())
        found[key] = RawSheet(ws.title, _header(first), _number(rows, start=2))
    return found


def _number(
    rows: Iterator[tuple[object, ...]], start: int
) -> Iterator[tuple[int, tuple[object, ...]]]:
    for n, values in enumerate(rows, start=start):
        if any(v is not None and str(v).strip() != "" for v in values):
            yield n, values


def _csv_folder(folder: Path) -> dict[str, RawSheet]:
    wanted = {f"{s.name}.csv": s.name for s in SHEETS}
    found: dict[str, RawSheet] = {}
    for file in sorted(folder.iterdir()):
        key = wanted.get(file.name.lower())
        if key is None or not file.is_file():
            continue
        check_csv_size(file)
        text = _decode(file.read_bytes())
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        first = next(reader, [])
        rows = (tuple(r) for r in reader)
        found[key] = RawSheet(file.name, _header(tuple(first)), _number(rows, start=2))
    return found


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as Dutch Excel writes it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return max((";", ",", "\t"), key=first_line.count)
