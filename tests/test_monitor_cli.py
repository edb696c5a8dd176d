"""`caseload-desk monitor` end to end on the demo database: formats, scopes, errors, Excel."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from caseload_desk.cli.main import main
from caseload_desk.monitor.norms import LABELS

# The column order for the command line, and the order people read (the
# organisation's "Tijdigheid werkstappen" rows first): written out, not taken from the code.
CLI_COLUMNS = ("peildatum", "lopend", "onder_druk", "geen_contact", "pva_niet_actueel",
               "risicotaxatie_niet_actueel", "geen_vaste_jb", "eerste_contact_open",
               "pva_termijn_open", "tijdig_f2f_pct", "tijdig_pva_pct")  # fmt: skip
SHEET_ROWS = ("eerste_contact_open", "pva_termijn_open", "risicotaxatie_niet_actueel",
              "tijdig_f2f_pct", "tijdig_pva_pct", "onder_druk", "geen_contact",
              "pva_niet_actueel", "geen_vaste_jb", "lopend")  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    assert main(["demo", "--db", str(db), "--peildatum", "2025-11-24"]) == 0
    return db


def signal_counts(capsys, db: Path, peildatum: str, *scope: str) -> dict[str, int]:
    _, out, _ = run(
        capsys, "signals", "--db", db, "--peildatum", peildatum, "--format", "csv", *scope
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    codes = [r["signalen"].split() for r in rows]
    return {
        "lopend": len(rows),
        "onder_druk": sum(r["onder_druk"] == "ja" for r in rows),
        "geen_contact": sum(r["geen_contact"] == "ja" for r in rows),
        "pva_niet_actueel": sum(r["pva"] != "actueel" for r in rows),
        "risicotaxatie_niet_actueel": sum(r["risicotaxatie"] != "actueel" for r in rows),
        "geen_vaste_jb": sum(r["geen_vaste_jb"] == "ja" for r in rows),
        "eerste_contact_open": sum("eerste_contact" in c for c in codes),
        "pva_termijn_open": sum("pva_termijn" in c for c in codes),
    }


@pytest.mark.parametrize("scope", [(), ("--medewerker", "W002")])
def test_csv_rows_equal_the_signals_command(capsys, demo_db: Path, scope: tuple[str, ...]) -> None:
    code, out, _ = run(capsys, "monitor", "--db", demo_db, "--van", "2025-09-01", "--tot",
                       "2025-11-24", "--interval", "maand", "--format", "csv", *scope)  # fmt: skip
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames) == CLI_COLUMNS
    rows = list(reader)
    assert [r["peildatum"] for r in rows] == ["2025-09-01", "2025-10-01", "2025-11-01"]
    for r in rows:
        expected = signal_counts(capsys, demo_db, r["peildatum"], *scope)
        assert {k: int(r[k]) for k in expected} == expected
        for k in ("tijdig_f2f_pct", "tijdig_pva_pct"):
            assert r[k] == "" or 0 <= int(r[k]) <= 100


def test_json_and_table(capsys, demo_db: Path) -> None:
    code, out, _ = run(capsys, "monitor", "--db", demo_db, "--van", "2025-11-03", "--tot",
                       "2025-11-24", "--format", "json", "--team", "assen")  # fmt: skip
    assert code == 0
    rows = json.loads(out)
    assert [r["peildatum"] for r in rows] == [
        "2025-11-03",
        "2025-11-10",
        "2025-11-17",
        "2025-11-24",
    ]
    assert all(isinstance(r["lopend"], int) for r in rows)
    assert all(r["tijdig_f2f_pct"] is None or isinstance(r["tijdig_f2f_pct"], int) for r in rows)
    code, out, _ = run(capsys, "monitor", "--db", demo_db, "--van", "2025-11-03", "--tot",
                       "2025-11-10", "--regio", "Drenthe")  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == list(CLI_COLUMNS)
    assert lines[2].startswith("03-11-2025") and lines[3].startswith("10-11-2025")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--van", "2025-11-24", "--tot", "2025-11-01"), "--tot ligt vóór --van"),
        (("--van", "2000-01-01", "--tot", "2025-11-01"), "Te veel peildata: hoogstens 520"),
        (
            ("--van", "2025-11-01", "--tot", "2025-11-24", "--team", "Nergens"),
            "Onbekend team: Nergens",
        ),
        (
            ("--van", "2025-11-01", "--tot", "2025-11-24", "--medewerker", "X9"),
            "Onbekende medewerker",
        ),
        (("--van", "2025-11-01", "--tot", "2025-11-24", "--regio", "Limburg"), "Onbekende regio"),
        (
            ("--van", "2025-11-01", "--tot", "2025-11-24", "--xlsx", "uit.csv"),
            "moet op .xlsx eindigen",
        ),
        (("--van", "31-02-2025", "--tot", "2025-11-24"), "deze datum bestaat niet"),
    ],
)
def test_dutch_errors_exit_2(capsys, demo_db: Path, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(SystemExit) as exit_info:  # argparse's own errors exit from main
        raise SystemExit(main(["monitor", "--db", str(demo_db), *args]))
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_xlsx_in_the_organisations_layout(capsys, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "monitor.xlsx"
    code, out, _ = run(capsys, "monitor", "--db", demo_db, "--van", "2024-11-25", "--tot",
                       "2025-11-24", "--xlsx", target)  # fmt: skip
    assert code == 0 and "53 peildata" in out
    wb = load_workbook(target)
    assert wb.sheetnames == ["Hele organisatie", "Definities"]
    ws = wb["Hele organisatie"]
    assert [ws.cell(r, 1).value for r in range(4, 4 + len(SHEET_ROWS))] == [
        LABELS[i] for i in SHEET_ROWS
    ]
    assert ws.cell(4, 1).value.startswith("1e F2F") and ws.cell(13, 1).value.startswith("Lopende")
    assert ws.cell(3, 2).value == "Norm" and ws.cell(3, 3).value.date().isoformat() == "2024-11-25"
    assert ws.print_title_cols == "$A:$B" and ws.page_setup.orientation == "landscape"
    # Risicotaxatie (row 6, as in the organisation's table), norm at most 48: every cell
    # above it is red and carries ▲.
    row = 4 + SHEET_ROWS.index("risicotaxatie_niet_actueel")
    assert ws.cell(row, 2).value == "≤ 48"
    cells = [ws.cell(row, c) for c in range(3, ws.max_column + 1)]
    above = [c for c in cells if c.value > 48]
    assert above and all(
        c.number_format == '"▲"0' and c.fill.fgColor.rgb.endswith("F8CBAD") for c in above
    )
    assert all(c.number_format == "0" for c in cells if c.value <= 48)
    # Every peildatum of the table is a column, with the same numbers.
    _, csv_out, _ = run(capsys, "monitor", "--db", demo_db, "--van", "2024-11-25", "--tot",
                        "2025-11-24", "--format", "csv")  # fmt: skip
    expected = [int(r["risicotaxatie_niet_actueel"]) for r in csv.DictReader(io.StringIO(csv_out))]
    assert [c.value for c in cells] == expected
    code, out, _ = run(capsys, "audit", "--db", demo_db)
    assert "monitor (Hele organisatie)" in out
