"""Import: success in every accepted format, and every kind of bad input rejected whole."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from caseload_desk.domain import ActionOwner
from caseload_desk.importer import FileRefused, ImportRejected, import_export
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from tests.conftest import data_checksum
from tests.exports import BASE, csv_folder, tables, xlsx


def do_import(src: Path, db: Path):
    with open_store(db, create=True) as store:
        return import_export(src, store)


def rows(db: Path, sql: str) -> list[tuple]:
    with open_store(db) as store:
        return store.conn.execute(sql).fetchall()


def test_xlsx_import(tmp_path: Path, db_path: Path) -> None:
    summary = do_import(xlsx(tmp_path / "e.xlsx"), db_path)
    assert summary.sheets["maatregelen"].nieuw == 3
    assert summary.sheets["contacten"].nieuw == 3
    assert rows(
        db_path, "SELECT maatregel_id, medewerker_id, type, startdatum, regie FROM maatregelen"
    ) == [
        ("M1", "W1", "OTS", "2025-01-06", "vast"),
        ("M2", "W1", "voogdij", "2025-01-06", "vast"),
        ("M3", None, "JR", "2025-03-03", "CRT"),
    ]
    assert rows(db_path, "SELECT count(*) FROM importlog") == [(1,)]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "cp1252"), (",", "utf-8-sig"), (";", "utf-8"), (",", "cp1252")],
)
def test_csv_dialects(tmp_path: Path, db_path: Path, delimiter: str, encoding: str) -> None:
    t = tables()
    t["medewerkers"][1][0][1] = "Zoë Ëlbers"  # non-ASCII survives every encoding
    do_import(csv_folder(tmp_path / "csv", t, delimiter=delimiter, encoding=encoding), db_path)
    assert rows(db_path, "SELECT naam FROM medewerkers WHERE medewerker_id = 'W1'") == [
        ("Zoë Ëlbers",)
    ]


def test_names_case_insensitive_extra_columns_free_order(tmp_path: Path, db_path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, body) in BASE.items():
        ws = wb.create_sheet(name.upper())
        order = list(reversed(range(len(header))))
        ws.append([header[i].upper() for i in order] + ["extra"])
        for r in body:
            ws.append([r[i] for i in order] + ["x"])
    wb.create_sheet("Toelichting").append(["genegeerd"])
    wb.save(tmp_path / "e.xlsx")
    summary = do_import(tmp_path / "e.xlsx", db_path)
    assert summary.sheets["medewerkers"].nieuw == 2


def test_excel_date_cells_and_numeric_ids(tmp_path: Path, db_path: Path) -> None:
    from datetime import datetime

    t = tables(
        maatregelen=[[1001, "W1", "Kind", "ots", datetime(2025, 1, 6), None, None]],
        contacten=[[1001.0, datetime(2025, 2, 3), "Gezin", "Video"]],
        plannen_van_aanpak=[],
        risicotaxaties=[],
    )
    do_import(xlsx(tmp_path / "e.xlsx", t), db_path)
    assert rows(db_path, "SELECT maatregel_id, type, startdatum FROM maatregelen") == [
        ("1001", "OTS", "2025-01-06")
    ]
    assert rows(db_path, "SELECT met, vorm FROM contacten") == [("gezin", "video")]


def test_sheet_with_only_header(tmp_path: Path, db_path: Path) -> None:
    summary = do_import(xlsx(tmp_path / "e.xlsx", tables(risicotaxaties=[])), db_path)
    assert summary.sheets["risicotaxaties"].nieuw == 0


def test_same_file_twice_changes_nothing(tmp_path: Path, db_path: Path) -> None:
    src = xlsx(tmp_path / "e.xlsx")
    do_import(src, db_path)
    before = rows(db_path, "SELECT * FROM maatregelen") + rows(db_path, "SELECT * FROM contacten")
    summary = do_import(src, db_path)
    assert not summary.changed_anything
    assert summary.sheets["contacten"].ongewijzigd == 3
    after = rows(db_path, "SELECT * FROM maatregelen") + rows(db_path, "SELECT * FROM contacten")
    assert before == after


def test_reimport_updates_and_keeps_user_work(tmp_path: Path, db_path: Path) -> None:
    do_import(xlsx(tmp_path / "e1.xlsx"), db_path)
    with open_store(db_path) as store:
        gid = conv.start_conversation(store, "W1", "Piet", __import__("datetime").date(2025, 12, 1))
        conv.add_action(store, gid, maatregel_id="M2", omschrijving="Huisbezoek",
                        eigenaar=ActionOwner.MEDEWERKER,
                        deadline=__import__("datetime").date(2025, 12, 15))  # fmt: skip
    later = tables(
        maatregelen=[
            ["M1", "W2", "Kind Een", "OTS", "2025-01-06", "2026-06-30", ""],  # changed
            ["M3", "", "Kind Drie", "JR", "2025-03-03", "2026-12-31", ""],  # unchanged
            ["M4", "W2", "Kind Vier", "OTS", "2025-10-01", "", ""],  # new; M2 disappears
        ],
        contacten=[
            ["M1", "2025-11-01", "jeugdige", "face-to-face"],  # one of the two duplicates gone
            ["M1", "2025-12-01", "ouder", "video"],
            ["M2", "2025-12-01", "jeugdige", "video"],  # M2 not in export: still allowed
        ],
    )
    summary = do_import(xlsx(tmp_path / "e2.xlsx", later), db_path)
    m = summary.sheets["maatregelen"]
    assert (m.nieuw, m.gewijzigd, m.ongewijzigd, m.niet_meer_in_export) == (1, 1, 1, 1)
    c = summary.sheets["contacten"]
    assert (c.nieuw, c.ongewijzigd, c.niet_meer_in_export) == (2, 1, 1)
    assert rows(db_path, "SELECT in_export FROM maatregelen WHERE maatregel_id = 'M2'") == [(0,)]
    # M2's old network contact is kept: its measure is not in this export.
    assert rows(db_path, "SELECT count(*) FROM contacten WHERE maatregel_id = 'M2'") == [(2,)]
    assert rows(db_path, "SELECT omschrijving, maatregel_id FROM acties") == [("Huisbezoek", "M2")]
    assert rows(
        db_path, "SELECT medewerker_id, einddatum FROM maatregelen WHERE maatregel_id='M1'"
    ) == [("W2", "2026-06-30")]


# --- rejection: every problem reported, nothing written -----------------------------

BAD_CASES = {
    "missing column": (
        {"maatregelen": (["maatregel_id", "jeugdige", "type"], [["M1", "K", "OTS"]])},
        [("maatregelen", 1, "startdatum", "verplichte kolom ontbreekt")],
    ),
    "empty required cell": (
        {"medewerkers": (BASE["medewerkers"][0], [["W1", "", "", "", ""], ["W2", "B", "", "", ""]])},
        [("medewerkers", 2, "naam", "verplichte cel is leeg")],
    ),
    "unreadable date": (
        {"plannen_van_aanpak": (["maatregel_id", "vastgesteld_op"], [["M1", "1 feb 2025"]])},
        [("plannen_van_aanpak", 2, "vastgesteld_op", "onleesbare datum")],
    ),
    "impossible date": (
        {"plannen_van_aanpak": (["maatregel_id", "vastgesteld_op"], [["M1", "31-02-2025"]])},
        [("plannen_van_aanpak", 2, "vastgesteld_op", "bestaat niet")],
    ),
    "two digit year": (
        {"risicotaxaties": (["maatregel_id", "datum"], [["M1", "01-02-25"]])},
        [("risicotaxaties", 2, "datum", "onleesbare datum")],
    ),
    "unknown type": (
        {"maatregelen": (BASE["maatregelen"][0], [["M1", "W1", "K", "gezinsvoogdij", "2025-01-01", "", ""]])},
        [("maatregelen", 2, "type", "onbekend type maatregel")],
    ),
    "duplicate id": (
        {"maatregelen": (BASE["maatregelen"][0], [
            ["M1", "W1", "K", "OTS", "2025-01-01", "", ""],
            ["M2", "W1", "K", "OTS", "2025-01-01", "", ""],
            ["M1", "W1", "K", "OTS", "2025-01-01", "", ""],
        ])},
        [("maatregelen", 4, "maatregel_id", "dubbel id (ook in rij 2)")],
    ),
    "contact for unknown measure": (
        {"contacten": (BASE["contacten"][0], [["M1", "2025-01-10", "ouder", ""], ["M9", "2025-01-10", "ouder", ""]])},
        [("contacten", 3, "maatregel_id", "maatregel bestaat niet")],
    ),
    "unknown worker": (
        {"maatregelen": (BASE["maatregelen"][0], [["M1", "W7", "K", "OTS", "2025-01-01", "", ""]])},
        [("maatregelen", 2, "medewerker_id", "onbekende medewerker")],
    ),
    "unknown met": (
        {"contacten": (BASE["contacten"][0], [["M1", "2025-01-10", "buurman", ""]])},
        [("contacten", 2, "met", "onbekend contact met")],
    ),
    "end before start": (
        {"maatregelen": (BASE["maatregelen"][0], [["M1", "W1", "K", "OTS", "2025-01-10", "2025-01-09", ""]])},
        [("maatregelen", 2, "einddatum", "vóór de startdatum")],
    ),
    "unknown regie": (
        {"maatregelen": (BASE["maatregelen"][0], [["M1", "W1", "K", "OTS", "2025-01-10", "", "team"]])},
        [("maatregelen", 2, "regie", "onbekend regie")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_CASES))
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_bad_input_rejected_and_db_unchanged(
    tmp_path: Path, db_path: Path, case: str, fmt: str
) -> None:
    do_import(xlsx(tmp_path / "good.xlsx"), db_path)
    before = data_checksum(db_path)
    changes, expected = BAD_CASES[case]
    t = tables()
    t.update(changes)
    src = xlsx(tmp_path / "bad.xlsx", t) if fmt == "xlsx" else csv_folder(tmp_path / "bad", t)
    with pytest.raises(ImportRejected) as info:
        do_import(src, db_path)
    got = [(p.sheet.split(".")[0].lower(), p.row, p.column, p.reason) for p in info.value.problems]
    for sheet, row, column, reason in expected:
        assert any(
            g[0] == sheet and g[1] == row and g[2] == column and reason in g[3] for g in got
        ), got
    assert data_checksum(db_path) == before


def test_every_problem_is_collected(tmp_path: Path, db_path: Path) -> None:
    t = tables(
        contacten=[
            ["M1", "gisteren", "jeugdige", ""],
            ["M9", "2025-01-01", "jeugdige", ""],
            ["M1", "2025-01-01", "oma", "brief"],
        ]
    )
    with pytest.raises(ImportRejected) as info:
        do_import(xlsx(tmp_path / "e.xlsx", t), db_path)
    problems = [(p.row, p.column) for p in info.value.problems]
    assert problems == [(2, "datum"), (3, "maatregel_id"), (4, "met"), (4, "vorm")]
    assert "rij 2" in str(info.value.problems[0]) and "kolom datum" in str(info.value.problems[0])


def test_missing_sheet(tmp_path: Path, db_path: Path) -> None:
    t = tables()
    del t["risicotaxaties"]
    with pytest.raises(ImportRejected) as info:
        do_import(csv_folder(tmp_path / "csv", t), db_path)
    assert [p.sheet for p in info.value.problems] == ["risicotaxaties"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("e.xlsm", None, "macro"),
        ("e.xls", b"x", "oud Excel"),
        ("e.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "wachtwoord"),
        ("e.xlsx", b"dit is tekst", "geen geldig .xlsx"),
    ],
)
def test_hostile_files_refused(
    tmp_path: Path, db_path: Path, name: str, content, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        xlsx(tmp_path / "e.xlsx").rename(path)
    else:
        path.write_bytes(content)
    with pytest.raises(FileRefused, match=message):
        do_import(path, db_path)


def test_zip_bomb_refused(tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<x/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(FileRefused, match="onwaarschijnlijk grote"):
        do_import(path, db_path)


def test_team_and_region_spelled_two_ways_are_one(tmp_path: Path, db_path: Path, capsys) -> None:
    """ "Team Y" and "team y", "Drenthe" and "drenthe ": one team and one region, spelled as
    the export first spelled them, so werklast, monitor, export and the GUI agree."""
    from caseload_desk.cli.main import main

    t = tables()
    t["medewerkers"][1][0][2:4] = ["Team Y", "Drenthe"]
    t["medewerkers"][1][1][2:4] = ["team  y", "drenthe "]
    do_import(xlsx(tmp_path / "e.xlsx", t), db_path)
    assert rows(db_path, "SELECT DISTINCT team, regio FROM medewerkers") == [("Team Y", "Drenthe")]
    assert main(["werklast", "--db", str(db_path), "--team", "TEAM Y", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(",")[0] for line in out[1:]] == ["W1", "W2"]
    assert main(["monitor", "--db", str(db_path), "--van", "2025-11-01", "--tot", "2025-11-01",
                 "--regio", "drenthe", "--format", "csv"]) == 0  # fmt: skip
    lopend = capsys.readouterr().out.splitlines()[1].split(",")[1]
    assert lopend == "2"  # M1 and M2 (W1's); M3 has neither worker nor region
