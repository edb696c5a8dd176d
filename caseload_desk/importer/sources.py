"""Read an export (xlsx workbook or CSV folder) into raw sheets of cell values.

Nothing is interpreted here beyond finding the sheets; rows keep their Excel number.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from caseload_desk.importer.limits import (
    MAX_COLUMNS,
    MAX_CSV_LINE,
    MAX_EXCEL_ROWS,
    MAX_ROWS,
    FileRefused,
    check_csv_size,
    check_workbook,
    dutch_number,
    read_shared_strings,
)
from caseload_desk.importer.problems import ImportRejected, Problem
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
        with ExitStack() as files:
            yield _csv_folder(path, files)
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
    # Deferred: openpyxl is only needed for xlsx imports.
    from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class Sheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            # openpyxl looks for <dimension> by parsing up to the end of the rows when it
            # is missing: a whole extra pass per sheet (a minute for a full workbook). The
            # claim is not used anyway (reset_dimensions): rows end at their last cell.
            self._min_column = self._min_row = 1
            self._max_column = self._max_row = None

    class Reader(ExcelReader):
        """openpyxl's reader with our shared-strings reader (capped, and fast) and sheets
        that are not scanned for their size when opened."""

        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as src:
                    self.shared_strings = read_shared_strings(path.name, src)

        def read_worksheets(self) -> None:
            # read_only: only worksheets, as openpyxl's read_worksheets does (chart
            # sheets, comments and the like are not needed for an import).
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    try:
        reader = Reader(path, read_only=True, data_only=True, keep_links=False)
        reader.read()
        return reader.wb
    except FileRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(f"{path.name} kan niet als Excel-werkmap worden gelezen") from exc


def _workbook_sheets(wb: Any, readers: list[Generator]) -> dict[str, RawSheet]:
    wanted = {s.name for s in SHEETS}
    found: dict[str, RawSheet] = {}
    for ws in wb.worksheets:
        key = ws.title.strip().lower()
        if key not in wanted or key in found:
            continue
        # The <dimension> element is the file's claim, not a fact: trusting A1:XFD1048576
        # pads every row to 16,384 cells. Without it rows end at their last cell, and
        # max_row one past Excel's last row lets a row beyond it show up (and be refused)
        # instead of openpyxl filling the gap up to an arbitrary row number.
        ws.reset_dimensions()
        rows = ws.iter_rows(values_only=True, max_row=MAX_EXCEL_ROWS + 1)
        readers.append(rows)
        first = next(_checked(ws.title, rows, 1, MAX_EXCEL_ROWS), (0, ()))[1]
        numbered = _checked(ws.title, rows, 2, MAX_EXCEL_ROWS)
        found[key] = RawSheet(ws.title, _header(first), _data_rows(ws.title, key, numbered))
    return found


def _checked(
    sheet: str, rows: Iterable[Sequence[object]], start: int, max_rows: int | None = None
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """Number the rows; refuse a row past `max_rows` (Excel's last) or absurdly wide."""
    for n, values in enumerate(rows, start=start):
        if max_rows is not None and n > max_rows:
            reason = f"rij voorbij de laatste rij van Excel ({dutch_number(MAX_EXCEL_ROWS)})"
            raise ImportRejected([Problem(sheet, n, None, "", reason)])
        if len(values) > MAX_COLUMNS:
            last = max((i for i, v in enumerate(values) if v not in (None, "")), default=0)
            column = _column_letter(last + 1)
            reason = (
                f"meer dan {dutch_number(MAX_COLUMNS)} kolommen; een export heeft er hooguit tien"
            )
            raise ImportRejected([Problem(sheet, n, column, "", reason)])
        yield n, tuple(values)


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _data_rows(
    sheet: str, key: str, rows: Iterator[tuple[int, tuple[object, ...]]]
) -> Iterator[tuple[int, tuple[object, ...]]]:
    """The non-empty rows; more of them than the sheet's cap refuses the file there."""
    cap = MAX_ROWS[key]
    kept = 0
    for n, values in rows:
        if any(v is not None and str(v).strip() != "" for v in values):
            kept += 1
            if kept > cap:
                reason = (
                    f"meer dan {dutch_number(cap)} rijen; zo groot is geen export van één "
                    "organisatie (zie 'Grenzen van een import' in de README)"
                )
                raise ImportRejected([Problem(sheet, n, None, "", reason)])
            yield n, values


def _csv_folder(folder: Path, files: ExitStack) -> dict[str, RawSheet]:
    wanted = {f"{s.name}.csv": s.name for s in SHEETS}
    found: dict[str, RawSheet] = {}
    for file in sorted(folder.iterdir()):
        key = wanted.get(file.name.lower())
        if key is None or not file.is_file():
            continue
        check_csv_size(file)
        encoding = _encoding(file)
        with file.open(encoding=encoding, newline="") as fh:
            delimiter = _delimiter(fh.readline(64 * 1024))
        # Read as a stream: the file's text is never held whole.
        fh = files.enter_context(file.open(encoding=encoding, newline=""))
        reader = csv.reader(_lines(file.name, fh), delimiter=delimiter)
        rows = _checked(file.name, _csv_rows(file.name, reader), 1)
        first = next(rows, (0, ()))[1]
        found[key] = RawSheet(file.name, _header(first), _data_rows(file.name, key, rows))
    return found


def _lines(name: str, fh: TextIO) -> Iterator[str]:
    """The file's lines, none longer than MAX_CSV_LINE: iterating a file builds a line of
    any length first (one line of 99 MB cost 1.3 GB), so its length is checked as it is
    read."""
    n = 0
    while line := fh.readline(MAX_CSV_LINE + 1):
        n += 1
        if len(line) > MAX_CSV_LINE:
            reason = f"regel langer dan {dutch_number(MAX_CSV_LINE)} tekens"
            raise ImportRejected([Problem(name, n, None, "", reason)])
        yield line


def _csv_rows(name: str, reader: Any) -> Iterator[list[str]]:
    """The records. A cell up to a line's length is read, and reported by the parser with
    its row and column when over MAX_CELL_CHARS; a longer one (a quoted cell over many
    lines) stops the reading where it is."""
    csv.field_size_limit(MAX_CSV_LINE)
    try:
        yield from reader
    except csv.Error as exc:
        reason = "onleesbare CSV-regel"
        if "field larger than field limit" in str(exc):
            reason = f"een cel langer dan {dutch_number(MAX_CSV_LINE)} tekens"
        raise ImportRejected([Problem(name, reader.line_num, None, "", reason)]) from exc


def _encoding(file: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Dutch Excel writes it; a file
    that is neither cleanly is refused, so that no name is stored garbled."""
    bad = _first_bad_utf8(file)
    if bad is None:
        return "utf-8-sig"  # also reads a file without a BOM
    with file.open("rb") as fh:
        has_bom = fh.read(3) == BOM
    if not has_bom and _clean_cp1252(file):
        return "cp1252"
    line, before = bad
    # The line of the file, which is the row as Excel shows it unless a cell above holds a
    # line break; the column is counted from the separators before the byte.
    column = _column_name(file, before)
    raise FileRefused(
        f"{file.name} heeft een gemengde of onbekende tekenset: regel {line}"
        f"{f' (kolom {column})' if column else ''} bevat een teken dat geen UTF-8 is. "
        "Sla het bestand opnieuw op als 'CSV UTF-8'."
    )


def _column_name(file: Path, before: bytes) -> str:
    """The header name of the column that `before` (a line up to a bad byte) ends in."""
    with file.open("rb") as fh:
        first = fh.readline(64 * 1024).decode("utf-8", "replace").lstrip("\ufeff")
    delimiter = _delimiter(first)
    header = _header(tuple(next(csv.reader([first], delimiter=delimiter), [])))
    index = before.decode("utf-8", "replace").count(delimiter)
    return header[index] if index < len(header) else ""


BOM = b"\xef\xbb\xbf"
_CHUNK = 1024 * 1024
# A complete multi-byte UTF-8 sequence; in real Windows-1252 text these pairs are mojibake.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")


def _blocks(file: Path) -> Iterator[bytes]:
    """The file in blocks of about a megabyte, each starting with the last three bytes of
    the one before: a character of up to four bytes is always whole in one block. Never a
    whole line: a line can be as long as the file."""
    tail = b""
    with file.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield tail + chunk
            tail = chunk[-3:]


def _first_bad_utf8(file: Path) -> tuple[int, bytes] | None:
    """The line number of the first byte that is not UTF-8, and (the end of) its line up
    to that byte; None for clean UTF-8. Decoded incrementally, a megabyte at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, since_newline = 1, b""
    with file.open("rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                data, at = exc.object, exc.start
                newline = data.rfind(b"\n", 0, at)
                prefix = data[newline + 1 : at] if newline >= 0 else since_newline + data[:at]
                return line + data.count(b"\n", 0, at), prefix[-_CHUNK:]
            if not chunk:
                return None
            newline = chunk.rfind(b"\n")
            since_newline = chunk[newline + 1 :] if newline >= 0 else since_newline + chunk
            since_newline = since_newline[-_CHUNK:]
            line += chunk.count(b"\n")


def _clean_cp1252(file: Path) -> bool:
    """Every byte is a Windows-1252 character and no UTF-8 is mixed in."""
    return not any(
        _UTF8_SEQUENCE.search(block) or _CP1252_UNDEFINED.search(block) for block in _blocks(file)
    )


def _delimiter(first_line: str) -> str:
    return max((";", ",", "\t"), key=first_line.count)
