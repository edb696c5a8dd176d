"""`caseload-desk werklast`: columns, formats, team filter, sort order, audit."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from caseload_desk.cli.workload_cmd import COLUMNS
from caseload_desk.store import audit, open_store
from tests.exports import csv_folder, tables, xlsx
from tests.test_cli import run
from tests.test_import import do_import

P = "2026-11-23"


@pytest.fixture
def db(tmp_path: Path, db_path: Path) -> Path:
    t = tables(
        medewerkers=[],
        maatregelen=[],
        contacten=[],
        plannen_van_aanpak=[],
        risicotaxaties=[],
    )
    t["medewerkers"] = (
        ["medewerker_id", "naam", "team", "regio", "contracturen", "vrijstelling_uren"],
        [
            ["W3", "=Cas Dijk", "Zuid", "Groningen", "", ""],
            ["W1", "Anna de Boer", "Noord", "Drenthe", "32,5", "4,5"],
            ["W2", "Bas Smit", "Noord", "Drenthe", 24, 24],
            ["W4", "Dirk Nul", "Zuid", "Groningen", 36, ""],
        ],
    )
    body = [[f"A{i}", "W1", "K", "OTS", "2026-06-01", "", "vast", "", ""] for i in range(8)] + [
        ["A8", "W1", "K", "voogdij", "2024-06-01", "", "vast", "1,5", ""],
        ["B1", "W2", "K", "OTS", "2026-06-01", "", "vast", "", ""],
        ["C1", "W3", "K", "JR", "2024-01-01", "2026-01-01", "vast", "", ""],  # ended
        ["C2", "W3", "K", "JR", "2026-01-01", "", "CRT", "", ""],  # not vast
        ["X1", "", "K", "OTS", "2026-01-01", "", "CRT", "", "Drenthe"],
    ]
    t["maatregelen"] = (
        ["maatregel_id", "medewerker_id", "jeugdige", "type", "startdatum", "einddatum", "regie",
         "zwaarte", "regio"],
        body,
    )  # fmt: skip
    do_import(csv_folder(tmp_path / "e", t), db_path)  # CSV: xlsx makes '=…' a formula
    return db_path


def test_csv_columns_sort_and_values(capsys, db: Path):
    code, out, _ = run(capsys, "werklast", "--db", db, "--peildatum", P, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS == (
        "medewerker_id", "naam", "team", "regio", "contracturen", "vrijstelling_uren",
        "maatregelen", "gewogen", "capaciteit", "belasting_pct",
    )  # fmt: skip
    assert [r["medewerker_id"] for r in rows] == ["W1", "W2", "W3", "W4"]
    w1, w2, w3, w4 = rows
    # 8 OTS + a voogdij with zwaarte 1,5; capacity 12 × 28 / 36 = 9,33; 9,5 / 9,33 = 101,8 %
    assert (w1["contracturen"], w1["vrijstelling_uren"], w1["maatregelen"]) == ("32.5", "4.5", "9")
    assert (w1["gewogen"], w1["capaciteit"], w1["belasting_pct"]) == ("9.50", "9.33", "102")
    assert (w2["gewogen"], w2["capaciteit"], w2["belasting_pct"]) == ("1.00", "0.00", "")
    # Empty hours count with the defaults and are written as such.
    assert (w3["contracturen"], w3["vrijstelling_uren"], w3["maatregelen"]) == ("36", "0", "0")
    assert w3["naam"] == "'=Cas Dijk"  # never a formula in a spreadsheet
    assert (w4["gewogen"], w4["capaciteit"], w4["belasting_pct"]) == ("0.00", "12.00", "0")


def test_json_has_numbers_with_two_decimals(capsys, db: Path):
    _, out, _ = run(capsys, "werklast", "--db", db, "--peildatum", P, "--format", "json")
    assert '"gewogen": 9.50,' in out and '"capaciteit": 9.33,' in out
    data = json.loads(out)
    assert [list(r) for r in data] == [list(COLUMNS)] * 4
    assert data[0]["gewogen"] == 9.5 and data[0]["belasting_pct"] == 102
    assert data[1]["belasting_pct"] is None
    assert data[2]["naam"] == "=Cas Dijk"  # JSON is not opened as a spreadsheet
    assert data[0]["contracturen"] == 32.5


def test_team_filter_any_case_and_unknown_team(capsys, db: Path):
    _, out, _ = run(capsys, "werklast", "--db", db, "--peildatum", P, "--team", "zuid",
                    "--format", "json")  # fmt: skip
    assert [r["medewerker_id"] for r in json.loads(out)] == ["W3", "W4"]
    code, _, err = run(capsys, "werklast", "--db", db, "--team", "West")
    assert code == 2 and "Onbekend team: West" in err


def test_table_is_dutch(capsys, db: Path):
    _, out, _ = run(capsys, "werklast", "--db", db, "--peildatum", P)
    lines = out.splitlines()
    assert lines[0].split() == [
        "medewerker", "naam", "team", "regio", "contracturen", "vrijstelling", "maatregelen",
        "gewogen", "capaciteit", "belasting",
    ]  # fmt: skip
    w1 = next(line for line in lines if line.startswith("W1"))
    assert "32,5" in w1 and "9,50" in w1 and "9,33" in w1 and w1.endswith("102 %")
    w2 = next(line for line in lines if line.startswith("W2"))
    assert w2.endswith("geen capaciteit")
    assert "36 (standaard)" in next(line for line in lines if line.startswith("W3"))
    assert "4 medewerkers, 1 boven 100 %, 1 zonder capaciteit" in out


def test_peildatum_moves_the_answer(capsys, db: Path):
    _, out, _ = run(capsys, "werklast", "--db", db, "--peildatum", "2025-12-01", "--format", "json")
    w3 = json.loads(out)[2]
    assert w3["maatregelen"] == 1  # C1 was still running then


def test_audited_without_names(capsys, db: Path):
    run(capsys, "werklast", "--db", db, "--peildatum", P, "--team", "noord", "--format", "csv")
    with open_store(db) as store:
        entry = audit.entries(store)[0]
    assert entry.gebeurtenis == "werklast_opgevraagd"
    assert entry.details == "team Noord, 2 medewerkers, peildatum 2026-11-23, als CSV"
    assert entry.medewerker_id == "" and entry.maatregelen == ""


def test_one_worker_in_the_singular(capsys, tmp_path: Path, db_path: Path):
    do_import(xlsx(tmp_path / "e.xlsx"), db_path)
    _, out, _ = run(capsys, "werklast", "--db", db_path, "--peildatum", P, "--team", "Assen")
    assert "1 medewerker, 0 boven 100 %" in out


@pytest.mark.parametrize("suffix", ["", ".xlsx"])
def test_demo_export_imports_to_the_same_workload(capsys, tmp_path: Path, suffix: str):
    demo, imported = tmp_path / "demo.db", tmp_path / "imp.db"
    target = tmp_path / f"exp{suffix}"
    run(capsys, "demo", "--db", demo, "--peildatum", P, "--export", target)
    assert run(capsys, "import", target, "--db", imported)[0] == 0
    args = ("--peildatum", P, "--format", "csv")
    _, a, _ = run(capsys, "werklast", "--db", demo, *args)
    _, b, _ = run(capsys, "werklast", "--db", imported, *args)
    assert a == b and ",32,8," in a  # hours (the new colleagues: 32 and 8) survive the trip
