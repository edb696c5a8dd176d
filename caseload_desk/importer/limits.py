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
MAX_EXCEL_ROWS = 1_048_576  # Excel's last row
MAX_COLUMNS = 1_000  # the export has 7; a sheet 16,384 wide is made to waste time
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
        shared = info.filename.lower().endswith("sharedstrings.xml")
        cap = MAX_SHARED_STRINGS_BYTES if shared else MAX_MEMBER_UNPACKED
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
