"""Hostile and odd imports (issue 13): every file below the size caps imports or is refused
with a Dutch message saying where, in bounded time and memory; nothing is stored garbled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from caseload_desk.importer import FileRefused, ImportRejected
from caseload_desk.importer.limits import MAX_CSV_BYTES
from tests.conftest import data_checksum
from tests.exports import csv_folder, tables, xlsx
from tests.test_import import do_import, rows

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
MEMORY_BOUND_MB = 600
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def import_in_child(src: Path, db: Path, timeout: float = 120) -> dict:
    """Import in a fresh process; its outcome and its own peak memory (ru_maxrss)."""
    script = (
        "import json, resource, sys\n"
        "from pathlib import Path\n"
        "from caseload_desk.importer import FileRefused, ImportRejected, import_export\n"
        "from caseload_desk.store import open_store\n"
        "out = {}\n"
        "with open_store(Path(sys.argv[2]), create=True) as s:\n"
        "    try:\n"
        "        import_export(Path(sys.argv[1]), s)\n"
        "        out['outcome'] = 'ingelezen'\n"
        "    except (FileRefused, ImportRejected) as exc:\n"
        "        out['outcome'] = 'geweigerd'\n"
        "        out['text'] = str(exc) + ' '.join(str(p) for p in getattr(exc, 'problems', []))\n"
        "kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "out['peak_mb'] = kb / 1024 if sys.platform != 'darwin' else kb / 1024 / 1024\n"
        "print(json.dumps(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(src), str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def rebuild_xlsx(
    path: Path,
    replace: dict[str, Callable[[bytes], bytes]] | None = None,
    extra: Callable[[zipfile.ZipFile], None] | None = None,
) -> Path:
    """The small base export as xlsx, with some members rewritten and some added."""
    base = xlsx(path.with_name("base-" + path.name))
    replace = replace or {}
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename in replace:
                data = replace[info.filename](data)
            out.writestr(info.filename, data)
        if extra is not None:
            extra(out)
    base.unlink()
    return path


def with_shared_strings(content_types: bytes) -> bytes:
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/>'
    return content_types.replace(b"</Types>", override.encode() + b"</Types>")


def sheet_member(name: str) -> str:
    return f"xl/worksheets/sheet{list(tables()).index(name) + 1}.xml"


# --- 1. a shared-strings bomb ---------------------------------------------------------------
def test_shared_strings_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """A 1-2 MB xlsx whose sharedStrings inflates to 400 MB, padded with a stored random
    member so that the whole file's ratio looks like a real workbook's."""

    def bomb(out: zipfile.ZipFile) -> None:
        entry = b"<si><t>" + b"A" * 1000 + b"</t></si>"
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            fh.write(f'<sst xmlns="{MAIN}">'.encode())
            block = entry * 1000
            for _ in range(400 * MB // len(block)):
                fh.write(block)
            fh.write(b"</sst>")
        out.writestr("xl/media/padding.bin", os.urandom(2 * MB), zipfile.ZIP_STORED)

    path = rebuild_xlsx(
        tmp_path / "bom.xlsx", {"[Content_Types].xml": with_shared_strings}, extra=bomb
    )
    assert path.stat().st_size < 4 * MB
    with zipfile.ZipFile(path) as zf:
        packed = sum(i.compress_size for i in zf.infolist())
        unpacked = sum(i.file_size for i in zf.infolist())
    assert unpacked / packed < 200  # the whole file's ratio alone does not give it away
    result = import_in_child(path, tmp_path / "c.db")
    assert result["outcome"] == "geweigerd"
    assert "bom.xlsx" in result["text"] and "MB" in result["text"]
    assert result["peak_mb"] < MEMORY_BOUND_MB


@pytest.mark.parametrize(
    ("entry", "count", "what"),
    [
        (b"<si/>", 2_100_000, "entries"),  # a small table of many empty strings
        (b"<si><t>" + b"x" * 41_000_000 + b"</t></si>", 1, "characters"),
    ],
)
def test_shared_strings_table_is_capped_by_count_and_characters(
    tmp_path: Path, entry: bytes, count: int, what: str
) -> None:
    def table(out: zipfile.ZipFile) -> None:
        body = f'<sst xmlns="{MAIN}">'.encode() + entry * count + b"</sst>"
        out.writestr("xl/sharedStrings.xml", body)
        out.writestr("xl/media/padding.bin", os.urandom(MB // 2), zipfile.ZIP_STORED)

    path = rebuild_xlsx(
        tmp_path / "t.xlsx", {"[Content_Types].xml": with_shared_strings}, extra=table
    )
    assert path.stat().st_size < 1 * MB, what  # and passes the ratio check
    with pytest.raises(FileRefused, match="verschillende teksten of meer dan"):
        do_import(path, tmp_path / "c.db")


def test_real_shared_strings_still_import(tmp_path: Path) -> None:
    """The checks do not refuse an ordinary table that the sheets refer to."""

    def table(out: zipfile.ZipFile) -> None:
        out.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{MAIN}"><si><t>Zoë van Dijk</t></si></sst>'.encode(),
        )

    def refer(sheet: bytes) -> bytes:  # the first worker's name from the table
        return sheet.replace(
            b'<c r="B2" t="inlineStr"><is><t>Anna de Boer</t></is></c>',
            b'<c r="B2" t="s"><v>0</v></c>',
        )

    path = rebuild_xlsx(
        tmp_path / "s.xlsx",
        {"[Content_Types].xml": with_shared_strings, sheet_member("medewerkers"): refer},
        extra=table,
    )
    db = tmp_path / "c.db"
    do_import(path, db)
    assert ("Zoë van Dijk",) in rows(db, "SELECT naam FROM medewerkers")


# --- 2. a lying dimension and rows past Excel's last ----------------------------------------
def _far_rows(sheet: bytes, *, dimension: bool, last_row: int, far_cell: str | None) -> bytes:
    if dimension:
        sheet = sheet.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>')
    filler = b"".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>M1</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>2025-11-0{1 + r % 9}</t></is></c>'
        f'<c r="C{r}" t="inlineStr"><is><t>ouder</t></is></c></row>'.encode()
        for r in range(5, 20_005)
    )
    far = (
        f'<row r="{last_row}"><c r="A{last_row}" t="inlineStr"><is><t>M1</t></is></c>'
        f'<c r="B{last_row}" t="inlineStr"><is><t>2025-12-01</t></is></c>'
        f'<c r="C{last_row}" t="inlineStr"><is><t>ouder</t></is></c>'
    )
    far += f'<c r="{far_cell}{last_row}"><v>1</v></c>' if far_cell else ""
    return sheet.replace(b"</sheetData>", filler + far.encode() + b"</row></sheetData>")


def test_lying_dimension_is_read_in_bounded_time(tmp_path: Path) -> None:
    """A small xlsx claiming A1:XFD1048576 with a row numbered 1048576: openpyxl used to pad
    every row to 16,384 cells (seconds per thousand rows); now the claim is ignored."""
    member = sheet_member("contacten")
    path = rebuild_xlsx(
        tmp_path / "d.xlsx",
        {member: lambda s: _far_rows(s, dimension=True, last_row=1_048_576, far_cell=None)},
    )
    assert path.stat().st_size < 300 * 1024
    db = tmp_path / "c.db"
    # Before: about 12 s per 20,000 rows padded to 16,384 columns; the child is cut off.
    result = import_in_child(path, db, timeout=60)
    assert result == {"outcome": "ingelezen", "peak_mb": result["peak_mb"]}
    # the far row is the last contact: 3 base rows + 20,000 + 1
    assert rows(db, "SELECT count(*) FROM contacten") == [(20_004,)]
    assert rows(db, "SELECT max(datum) FROM contacten") == [("2025-12-01",)]


@pytest.mark.parametrize("last_row", [1_048_577, 10**12])
def test_rows_past_excels_last_are_refused(tmp_path: Path, last_row: int) -> None:
    member = sheet_member("contacten")
    path = rebuild_xlsx(
        tmp_path / "r.xlsx",
        {member: lambda s: _far_rows(s, dimension=False, last_row=last_row, far_cell=None)},
    )
    with pytest.raises(ImportRejected) as info:
        do_import(path, tmp_path / "c.db")
    text = str(info.value.problems[0])
    assert text.startswith("blad contacten, rij 1048577")
    assert "laatste rij van Excel (1.048.576)" in text


def test_absurdly_wide_rows_are_refused_with_their_column(tmp_path: Path) -> None:
    member = sheet_member("contacten")
    path = rebuild_xlsx(
        tmp_path / "w.xlsx",
        {member: lambda s: _far_rows(s, dimension=True, last_row=30_000, far_cell="XFD")},
    )
    with pytest.raises(ImportRejected) as info:
        do_import(path, tmp_path / "c.db")
    text = str(info.value.problems[0])
    assert text.startswith("blad contacten, rij 30000, kolom XFD: meer dan 1.000 kolommen")


# --- 3. a CSV cell longer than Python's csv field limit -------------------------------------
def test_csv_cell_over_the_csv_field_limit_is_reported_with_its_place(tmp_path: Path) -> None:
    t = tables()
    t["maatregelen"][1][1][2] = "x" * 200_000  # M2's jeugdige, past csv's 131,072
    db = tmp_path / "c.db"
    do_import(xlsx(tmp_path / "base.xlsx"), db)
    before = data_checksum(db)
    with pytest.raises(ImportRejected) as info:
        do_import(csv_folder(tmp_path / "csv", t), db)
    assert [str(p).split(" (waarde")[0] for p in info.value.problems] == [
        "blad maatregelen.csv, rij 3, kolom jeugdige: tekst langer dan 10.000 tekens"
    ]
    assert data_checksum(db) == before


# --- 4. a big CSV folder is read as a stream, within the caps -------------------------------
def test_csv_files_are_read_as_a_stream_in_bounded_memory(tmp_path: Path) -> None:
    """Five CSV files of 60 MB each (300 MB): memory stays far below what holding all their
    text at once costs (the old reader held every file's bytes and text together)."""
    folder = csv_folder(tmp_path / "csv")
    blank = b'"' + b" " * 100_000 + b'"\r\n'  # a row of one blank cell: read, then skipped
    for name in tables():
        with (folder / f"{name}.csv").open("ab") as fh:
            fh.write(blank * (60 * MB // len(blank)))
    assert sum(f.stat().st_size for f in folder.iterdir()) > 250 * MB
    result = import_in_child(folder, tmp_path / "c.db")
    assert result["outcome"] == "ingelezen", result
    assert result["peak_mb"] < MEMORY_BOUND_MB


def test_reimport_costs_no_more_memory_than_the_first_import(tmp_path: Path) -> None:
    """Re-importing compares the file's existing rows in SQLite, not as Python tuples: the
    old comparison doubled the peak (2.6 million contacts: 0.42 GB first, 1.44 GB again)."""
    folder = csv_folder(tmp_path / "csv")
    with (folder / "maatregelen.csv").open("w") as fh:
        fh.write("maatregel_id;medewerker_id;jeugdige;type;startdatum;einddatum;regie\n")
        fh.writelines(f"M{i};W1;Kind {i};OTS;2025-01-06;;\n" for i in range(20_000))
    with (folder / "contacten.csv").open("w") as fh:
        fh.write("maatregel_id;datum;met;vorm\n")
        fh.writelines(
            f"M{i % 20_000};2025-{1 + i % 12:02d}-{1 + i % 28:02d};jeugdige;face-to-face\n"
            for i in range(300_000)
        )
    db = tmp_path / "c.db"
    first = import_in_child(folder, db)
    again = import_in_child(folder, db)
    assert first["outcome"] == again["outcome"] == "ingelezen"
    assert rows(db, "SELECT count(*) FROM contacten") == [(300_000,)]
    assert again["peak_mb"] < 1.25 * first["peak_mb"], (first, again)


def test_csv_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "csv")
    with (folder / "contacten.csv").open("ab") as fh:
        fh.truncate(MAX_CSV_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(FileRefused, match=f"contacten.csv is groter dan {MAX_CSV_BYTES // MB} MB"):
        do_import(folder, tmp_path / "c.db")


# --- 5. encodings: UTF-8 or Windows-1252, never a mix --------------------------------------
def _csv_with_worker_name(folder: Path, name: bytes, *, bom: bool) -> Path:
    csv_folder(folder, encoding="utf-8")
    body = (
        "medewerker_id;naam;team;regio;praktijkbegeleider\r\n"
        "W1;Zoë de Vries;Stad;Groningen;Piet\r\n"
    ).encode()
    body += b"W2;" + name + b";Assen;Drenthe;\r\n"
    (folder / "medewerkers.csv").write_bytes((b"\xef\xbb\xbf" if bom else b"") + body)
    return folder


@pytest.mark.parametrize("bom", [False, True])
def test_stray_windows_byte_in_utf8_is_refused_with_its_line(tmp_path: Path, bom: bool) -> None:
    """One cp1252 "ë" (0xEB) in a UTF-8 file: before, the whole file was read as cp1252
    ("ZoÃ«") or, with a BOM, the byte became U+FFFD; both said "Import geslaagd"."""
    db = tmp_path / "c.db"
    do_import(xlsx(tmp_path / "base.xlsx"), db)
    before = data_checksum(db)
    folder = _csv_with_worker_name(tmp_path / "csv", b"Bas Sm\xebt", bom=bom)
    with pytest.raises(FileRefused) as info:
        do_import(folder, db)
    assert str(info.value).startswith(
        "medewerkers.csv heeft een gemengde of onbekende tekenset: regel 3 bevat"
    )
    assert data_checksum(db) == before


def test_clean_windows_1252_still_imports(tmp_path: Path) -> None:
    folder = csv_folder(tmp_path / "csv", encoding="cp1252")
    body = "medewerker_id;naam;team;regio;praktijkbegeleider\r\nW1;Zoë Ëlbers;;;\r\n"
    body += "W2;Bas Smit;;;\r\n"
    (folder / "medewerkers.csv").write_bytes(body.encode("cp1252"))
    db = tmp_path / "c.db"
    do_import(folder, db)
    assert rows(db, "SELECT naam FROM medewerkers ORDER BY 1") == [("Bas Smit",), ("Zoë Ëlbers",)]


def test_bytes_that_are_not_windows_1252_either_are_refused(tmp_path: Path) -> None:
    folder = _csv_with_worker_name(tmp_path / "csv", b"Bas \x81Smit", bom=False)
    (folder / "medewerkers.csv").write_bytes(
        (folder / "medewerkers.csv").read_bytes().replace("Zoë".encode(), b"Zoe")
    )
    with pytest.raises(FileRefused, match="regel 3 bevat"):
        do_import(folder, tmp_path / "c.db")


# --- 6. invisible characters and dates before 1900 ------------------------------------------
INVISIBLE = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\n", "\u2028"]
NOT_IN_XML = ["\x00", "\x07", "\x1b"]  # XML cannot hold these, so only CSV can


@pytest.mark.parametrize(
    ("bad", "fmt"),
    [(c, "xlsx") for c in INVISIBLE] + [(c, "csv") for c in INVISIBLE + NOT_IN_XML],
)
def test_invisible_characters_in_names_are_refused(tmp_path: Path, bad: str, fmt: str) -> None:
    t = tables()
    t["maatregelen"][1][0][2] = f"Kind{bad}Een"
    src = xlsx(tmp_path / "e.xlsx", t) if fmt == "xlsx" else csv_folder(tmp_path / "csv", t)
    db = tmp_path / "c.db"
    with pytest.raises(ImportRejected) as info:
        do_import(src, db)
    sheet = "maatregelen" if fmt == "xlsx" else "maatregelen.csv"
    assert [str(p).split(" (waarde")[0] for p in info.value.problems] == [
        f"blad {sheet}, rij 2, kolom jeugdige: bevat een onzichtbaar of stuurteken "
        f"(U+{ord(bad):04X})"
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_letters_of_every_language_are_kept(tmp_path: Path, fmt: str) -> None:
    names = ["Zoë Ĳsselmeer", "Ŝtefan Łukasz", "محمد العلي", "张伟", "Ørjan Þór", "Nguyễn Văn"]
    t = tables()
    for row, name in zip(t["maatregelen"][1], names, strict=False):
        row[2] = name
    t["maatregelen"][1][2][2] = "Jan\u00a0Soft\u00adhyphen"  # no-break space, soft hyphen
    src = xlsx(tmp_path / "e.xlsx", t) if fmt == "xlsx" else csv_folder(tmp_path / "csv", t)
    db = tmp_path / "c.db"
    do_import(src, db)
    assert rows(db, "SELECT jeugdige FROM maatregelen ORDER BY maatregel_id") == [
        (names[0],), (names[1],), ("Jan\u00a0Soft\u00adhyphen",),
    ]  # fmt: skip


@pytest.mark.parametrize("number", [-5, -1])
def test_date_cell_holding_a_negative_number_is_refused(tmp_path: Path, number: int) -> None:
    """An Excel date cell holding -5 showed up as 1899-12-25 and was stored."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, body) in tables().items():
        ws = wb.create_sheet(name)
        ws.append(header)
        for row in body:
            ws.append(row)
    cell = wb["maatregelen"]["E2"]
    cell.value, cell.number_format = number, "yyyy-mm-dd"
    path = tmp_path / "e.xlsx"
    wb.save(path)
    with pytest.raises(ImportRejected) as info:
        do_import(path, tmp_path / "c.db")
    assert [str(p).split(" (waarde")[0] for p in info.value.problems] == [
        "blad maatregelen, rij 2, kolom startdatum: datum vóór 1900 (een nul of negatief "
        "getal in Excel)"
    ]


# --- 7. the GUI import can be cancelled ------------------------------------------------------
def test_the_import_is_cancelled_from_its_progress_dialog(
    qtbot, demo_db: Path, app_settings, tmp_path: Path
) -> None:
    """A valid export that would change the file; "Annuleren" on the progress dialog stops
    the background work and the file stays exactly as it was."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QProgressDialog

    from caseload_desk.ui.dialogs import ExportDateDialog
    from tests.conftest import open_window
    from tests.journey import (
        Ctrl,
        answering,
        choose_file,
        export_date,
        press_button,
        shortcut,
        visible_dialog,
    )

    many = [
        ["M1", f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "ouder", ""] for i in range(1_500_000)
    ]
    folder = csv_folder(tmp_path / "csv", tables(contacten=many))
    window = open_window(qtbot, demo_db, app_settings)
    before = data_checksum(demo_db)

    def choose_folder(dialog: QFileDialog) -> None:
        choose_file(qtbot, folder)(dialog)  # Enter on a folder's name opens the folder
        if dialog.isVisible():  # then its "Choose" button takes the open folder
            box = dialog.findChild(QDialogButtonBox, "buttonBox")
            box.button(QDialogButtonBox.StandardButton.Open).click()

    with answering(qtbot, QFileDialog, choose_folder,
                   then=[(ExportDateDialog, export_date(qtbot))]):  # fmt: skip
        shortcut(qtbot, window, Qt.Key.Key_I, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: visible_dialog(QProgressDialog, "importProgress") is not None, timeout=20_000
    )
    dialog = visible_dialog(QProgressDialog, "importProgress")
    assert dialog is not None
    press_button(dialog, "Annuleren")
    status = window.statusBar()
    qtbot.waitUntil(lambda: "geannuleerd" in status.currentMessage(), timeout=60_000)
    assert status.currentMessage() == "Import geannuleerd; de database is niet gewijzigd"
    assert visible_dialog(QMessageBox) is None  # no error, no "Import geslaagd"
    assert not dialog.isVisible()
    assert data_checksum(demo_db) == before
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())
