"""Import of the workload columns: hours per worker, zwaarte and regio per measure."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseload_desk.importer import ImportRejected
from tests.conftest import data_checksum
from tests.exports import BASE, csv_folder, tables, xlsx
from tests.test_import import do_import, rows

W_HEAD = [*BASE["medewerkers"][0], "contracturen", "vrijstelling_uren"]
M_HEAD = [*BASE["maatregelen"][0], "zwaarte", "regio"]


def workers(*hours: tuple[object, object]) -> tuple[list[str], list[list[object]]]:
    body = [[*r, c, v] for r, (c, v) in zip(BASE["medewerkers"][1], hours, strict=True)]
    return W_HEAD, body


def measures(*extra: tuple[object, object]) -> tuple[list[str], list[list[object]]]:
    body = [[*r, z, g] for r, (z, g) in zip(BASE["maatregelen"][1], extra, strict=True)]
    return M_HEAD, body


def export(tmp_path: Path, fmt: str, w, m, name: str = "e") -> Path:
    t = tables()
    t["medewerkers"], t["maatregelen"] = w, m
    if fmt == "xlsx":
        return xlsx(tmp_path / f"{name}.xlsx", t)
    return csv_folder(tmp_path / name, t)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_hours_zwaarte_and_regio_with_decimal_commas(tmp_path: Path, db_path: Path, fmt: str):
    src = export(
        tmp_path,
        fmt,
        workers(("32,5", "4,5"), (24, "")),
        measures(("1,5", "Drenthe"), (2, ""), ("", " Groningen ")),
    )
    do_import(src, db_path)
    assert rows(
        db_path, "SELECT medewerker_id, contracturen, vrijstelling_uren FROM medewerkers"
    ) == [("W1", 32.5, 4.5), ("W2", 24.0, None)]
    assert rows(db_path, "SELECT maatregel_id, zwaarte, regio FROM maatregelen") == [
        ("M1", 1.5, "Drenthe"),
        ("M2", 2.0, ""),
        ("M3", None, "Groningen"),
    ]


def test_excel_numbers_and_reimport_updates(tmp_path: Path, db_path: Path):
    do_import(export(tmp_path, "xlsx", workers((36, 0), (28.8, 3.6)), measures(
        (1, ""), (0.75, "Drenthe"), (None, "")), "a"), db_path)  # fmt: skip
    assert rows(db_path, "SELECT contracturen, vrijstelling_uren FROM medewerkers") == [
        (36.0, 0.0),
        (28.8, 3.6),
    ]
    summary = do_import(
        export(tmp_path, "xlsx", workers((32, 4), (28.8, 3.6)), measures(
            (1, ""), (1.25, "Groningen"), (None, "")), "b"),
        db_path,
    )  # fmt: skip
    assert summary.sheets["medewerkers"].gewijzigd == 1
    assert summary.sheets["maatregelen"].gewijzigd == 1
    assert rows(db_path, "SELECT contracturen FROM medewerkers WHERE medewerker_id = 'W1'") == [
        (32.0,)
    ]
    assert rows(db_path, "SELECT zwaarte, regio FROM maatregelen WHERE maatregel_id = 'M2'") == [
        (1.25, "Groningen")
    ]
    # An export without the columns empties them: the organisation's defaults apply again.
    do_import(xlsx(tmp_path / "c.xlsx"), db_path)
    assert rows(db_path, "SELECT DISTINCT contracturen, vrijstelling_uren FROM medewerkers") == [
        (None, None)
    ]
    assert rows(db_path, "SELECT DISTINCT zwaarte, regio FROM maatregelen") == [(None, "")]


def test_same_file_twice_is_unchanged_with_workload_columns(tmp_path: Path, db_path: Path):
    src = export(tmp_path, "csv", workers(("32,5", "4"), ("", "")), measures(
        ("1,5", "Drenthe"), ("", ""), ("0,5", "")))  # fmt: skip
    do_import(src, db_path)
    assert not do_import(src, db_path).changed_anything


BAD = {
    "text hours": (workers(("veel", ""), ("", "")), None, ("medewerkers", 2, "contracturen", "geen getal")),
    "negative hours": (workers(("36", "-2"), ("", "")), None, ("medewerkers", 2, "vrijstelling_uren", "negatief")),
    "too many hours": (workers(("", ""), ("169", "")), None, ("medewerkers", 3, "contracturen", "meer dan 168 uur")),
    "exemption above contract": (workers(("24", "24,5"), ("", "")), None, ("medewerkers", 2, "vrijstelling_uren", "meer vrijgestelde uren dan contracturen")),
    "thousands separator": (workers(("1.000", ""), ("", "")), None, ("medewerkers", 2, "contracturen", "geen getal")),
    "comma and point": (workers(("1.000,5", ""), ("", "")), None, ("medewerkers", 2, "contracturen", "geen getal")),
    "zero zwaarte": (None, measures(("1", ""), ("0", ""), ("", "")), ("maatregelen", 3, "zwaarte", "groter dan 0")),
    "absurd zwaarte": (None, measures(("1", ""), ("", ""), ("15", "")), ("maatregelen", 4, "zwaarte", "onwaarschijnlijk")),
    "text zwaarte": (None, measures(("zwaar", ""), ("", ""), ("", "")), ("maatregelen", 2, "zwaarte", "geen getal")),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_bad_values_reported_with_place(tmp_path: Path, db_path: Path, case: str, fmt: str):
    do_import(xlsx(tmp_path / "good.xlsx"), db_path)
    before = data_checksum(db_path)
    w, m, (sheet, row, column, reason) = BAD[case]
    src = export(tmp_path, fmt, w or workers(("", ""), ("", "")), m or measures(*[("", "")] * 3))
    with pytest.raises(ImportRejected) as info:
        do_import(src, db_path)
    got = [(p.sheet.split(".")[0].lower(), p.row, p.column, p.reason) for p in info.value.problems]
    assert any(g[:3] == (sheet, row, column) and reason in g[3] for g in got), got
    assert len(got) == 1, got
    assert data_checksum(db_path) == before
