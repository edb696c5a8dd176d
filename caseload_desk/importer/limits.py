"""Refuse hostile or absurd files before parsing them."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

MB = 1024 * 1024
# Caps keep an import's memory under 600 MB whatever the file holds (tests/test_hostile_import.py).
# A national export of a million contacts is about 40 MB as CSV and 15 MB as xlsx.
MAX_CSV_BYTES = 100 * MB  # per CSV file
MAX_XLSX_BYTES = 50 * MB
MAX_XLSX_UNPACKED = 1024 * MB  # all members together
MAX_MEMBER_UNPACKED = 400 * MB  # any one member: a sheet is read as a stream
MAX_SHARED_STRINGS_BYTES = 100 * MB  # the shared-strings table is held in memory whole
# openpyxl holds every entry (and an emptied XML element for each) for the whole import;
# a national workbook has about 110,000 entries and 1,500,000 characters.
MAX_SHARED_STRINGS = 500_000  # entries in that table
MAX_SHARED_CHARS = 10_000_000  # characters in that table
MAX_ZIP_RATIO = 200  # real workbooks pack about 5-20x; zip bombs pack thousands of times
MAX_CELL_CHARS = 10_000
MAX_CSV_LINE = 1_000_000  # characters in one line of a CSV file (a row is at most 11 cells)
MAX_EXCEL_ROWS = 1_048_576  # Excel's last row
MAX_COLUMNS = 100  # the export has 7 to 11; a sheet 16,384 wide is made to waste time
# openpyxl holds one XML text or tag whole, and one row's elements: a single cell of 300
# million characters cost 1.5 GB. Any stretch without '<' (a text or a tag) and any row
# are capped in the unpacked bytes, checked in a C-speed scan before parsing.
MAX_XML_RUN = 1 * MB  # checked per block of this size: a run of 2 MB cannot pass
MAX_XML_ROW = 4 * MB  # likewise: a row of 8 MB cannot pass
MAX_OTHER_XML = 10 * MB  # workbook, styles, relations, ...: parsed whole, and small
# Validated rows are held until they are written in one transaction, so their number and
# the text they keep are capped: the worst file that passes (every sheet full, the text
# budget spent) re-imports under 600 MB (tests/test_import_limits.py). The national
# benchmark (1,000 workers, 50,000 measures, 1,000,000 contacts, 100,000 plans and
# risk assessments) is far below every cap; one organisation is a fiftieth of it.
MAX_ROWS = {
    "medewerkers": 10_000,
    "maatregelen": 200_000,
    "contacten": 1_500_000,
    "plannen_van_aanpak": 300_000,
    "risicotaxaties": 300_000,
}
MAX_TEXT_CHARS = 20_000_000  # names and other free text kept from all sheets together
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def dutch_number(n: int) -> str:
    """1.048.576: thousands separated by dots, as Dutch users read them."""
    return f"{n:,}".replace(",", ".")


class FileRefused(Exception):
    """A file that is not read at all; the message is Dutch."""


def check_csv_size(path: Path) -> None:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise FileRefused(
            f"{path.name} is groter dan {MAX_CSV_BYTES // MB} MB en wordt niet ingelezen"
        )


def check_workbook(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm"):
        raise FileRefused(
            f"{path.name} is een werkmap met macro's (.xlsm); "
            "sla de export op als .xlsx zonder macro's"
        )
    if suffix == ".xls":
        raise FileRefused(f"{path.name} is een oud Excel-bestand (.xls); sla het op als .xlsx")
    if path.stat().st_size > MAX_XLSX_BYTES:
        raise FileRefused(
            f"{path.name} is groter dan {MAX_XLSX_BYTES // MB} MB en wordt niet ingelezen"
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE_MAGIC:
        raise FileRefused(
            f"{path.name} is met een wachtwoord beveiligd of een oud Excel-formaat; "
            "sla de export op als gewone .xlsx zonder wachtwoord"
        )
    if not zipfile.is_zipfile(path):
        raise FileRefused(f"{path.name} is geen geldig .xlsx-bestand")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise FileRefused(f"{path.name} is beschadigd en kan niet worden gelezen") from exc
    if any(i.filename == "xl/vbaProject.bin" for i in infos):
        raise FileRefused(f"{path.name} bevat macro's; sla de export op als .xlsx zonder macro's")
    for info in infos:
        # Python's zipfile stops at the declared size and checks the CRC, so a member
        # cannot unpack to more than its header says.
        cap = _member_cap(info.filename)
        if info.file_size > cap:
            raise FileRefused(
                f"{path.name} bevat een onderdeel dat uitpakt tot meer dan {cap // MB} MB "
                "en wordt niet ingelezen"
            )
    packed = sum(i.compress_size for i in infos) or 1
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_ZIP_RATIO:
        raise FileRefused(
            f"{path.name} pakt uit tot een onwaarschijnlijk grote omvang en wordt niet ingelezen"
        )
    try:
        check_xml_streams(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a CRC error shows only here
        raise FileRefused(f"{path.name} is beschadigd en kan niet worden gelezen") from exc


def _member_cap(name: str) -> int:
    name = name.lower()
    if name.endswith("sharedstrings.xml"):
        return MAX_SHARED_STRINGS_BYTES
    if _is_sheet(name):
        return MAX_MEMBER_UNPACKED  # read as a stream
    if name.endswith((".xml", ".rels", ".vml")):
        return MAX_OTHER_XML  # openpyxl parses these whole
    return MAX_MEMBER_UNPACKED  # pictures and the like: never read


def _is_sheet(name: str) -> bool:
    return name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")


def check_xml_streams(path: Path) -> None:
    """Refuse a sheet or shared-strings table holding one text, tag or row too large to
    parse in bounded memory, naming the sheet. A run of 2 x MAX_XML_RUN bytes without a
    '<' always covers a whole block without one; a row likewise a block without '<row'."""
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = info.filename.lower()
            rows = _is_sheet(name)
            if not rows and not name.endswith("sharedstrings.xml"):
                continue
            where = info.filename.rsplit("/", 1)[-1]
            with zf.open(info) as src:
                _scan_member(src, rows, f"{path.name} ({where})")


def _scan_member(src: IO[bytes], rows: bool, where: str) -> None:
    in_data = False
    tail = b""
    row_block = b""  # the part of the current row-sized block read so far
    while block := src.read(MAX_XML_RUN):
        if b"<" not in block:
            raise FileRefused(
                f"{where} bevat een tekst of element van meer dan "
                f"{dutch_number(MAX_XML_RUN // MB)} MB en wordt niet ingelezen"
            )
        if not rows:
            continue
        seen = tail + block
        if not in_data and b"sheetData" in seen:
            in_data = True
            row_block = b""
        elif in_data:
            row_block += block
            if len(row_block) >= MAX_XML_ROW:
                if not _has_row(tail + row_block) and b"sheetData" not in row_block:
                    raise FileRefused(
                        f"{where} bevat een rij van meer dan {dutch_number(MAX_XML_ROW // MB)} "
                        "MB en wordt niet ingelezen"
                    )
                row_block = b""
        tail = block[-16:]


def _has_row(data: bytes) -> bool:
    return b"<row" in data or b":row " in data or b":row>" in data


def read_shared_strings(name: str, src: IO[bytes]) -> list[str]:
    """The workbook's shared-strings table, refused past its caps while it is read.

    Gives what openpyxl's own reader gives (the plain text and the rich-text runs, without
    phonetic guides), at C speed: openpyxl builds an object per entry, which took a minute
    for half a million entries. Elements are dropped as soon as they are read.
    """
    from openpyxl.xml.functions import iterparse  # defusedxml's, when installed

    strings: list[str] = []
    chars = 0
    root = None
    try:
        for event, elem in iterparse(src, events=("start", "end")):
            if root is None:
                root = elem
            if event != "end" or elem.tag != _SI:
                continue
            plain = [t.text or "" for t in elem.iterfind(_T)]
            runs = [t.text or "" for t in elem.iterfind(_RUN_T)]
            text = "".join(plain + runs).replace("x005F_", "")
            root.clear()  # keep nothing of what was read
            chars += len(text)
            strings.append(text)
            if len(strings) > MAX_SHARED_STRINGS or chars > MAX_SHARED_CHARS:
                raise FileRefused(
                    f"{name} bevat meer dan {dutch_number(MAX_SHARED_STRINGS)} "
                    f"verschillende teksten of meer dan {dutch_number(MAX_SHARED_CHARS)} "
                    "tekens aan tekst en wordt niet ingelezen"
                )
    except (ElementTree.ParseError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(f"{name} is beschadigd en kan niet worden gelezen") from exc
    return strings


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SI, _T, _RUN_T = f"{_NS}si", f"{_NS}t", f"{_NS}r/{_NS}t"
