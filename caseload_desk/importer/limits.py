"""Refuse hostile or absurd files before parsing them."""

from __future__ import annotations

import zipfile
from pathlib import Path

MB = 1024 * 1024
MAX_CSV_BYTES = 512 * MB  # a national export of a million contacts is about 40 MB
MAX_XLSX_BYTES = 200 * MB
MAX_XLSX_UNPACKED = 2048 * MB
MAX_ZIP_RATIO = 200  # real workbooks pack about 5-20x; zip bombs pack thousands of times
MAX_CELL_CHARS = 10_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    packed = sum(i.compress_size for i in infos) or 1
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_XLSX_UNPACKED or unpacked / packed > MAX_ZIP_RATIO:
        raise FileRefused(
            f"{path.name} pakt uit tot een onwaarschijnlijk grote omvang en wordt niet ingelezen"
        )
