"""The CLI end to end: contract, formats, exit codes, Dutch messages."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from caseload_desk.cli.main import main
from caseload_desk.signal_rows import CONTRACT_COLUMNS
from tests.conftest import data_checksum
from tests.exports import csv_folder, tables, xlsx


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_contract_header_and_values(capsys, tmp_path: Path, db_path: Path) -> None:
    assert run(capsys, "import", xlsx(tmp_path / "e.xlsx"), "--db", db_path)[0] == 0
    code, out, _ = run(
        capsys, "signals", "--db", db_path, "--peildatum", "2026-02-01", "--format", "csv"
    )
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames[: len(CONTRACT_COLUMNS)]) == CONTRACT_COLUMNS
    rows = {r["maatregel_id"]: r for r in reader}
    assert list(rows) == ["M1", "M2", "M3"]
    # M1: last client contact 2025-11-01 (+3 months = 2026-02-01 = P): on.
    assert {k: rows["M1"][k] for k in CONTRACT_COLUMNS} == {
        "maatregel_id": "M1",
        "medewerker_id": "W1",
        "laatste_contact": "2025-11-01",
        "dagen_sinds_contact": "92",
        "geen_contact": "ja",
        "pva": "verouderd",
        "risicotaxatie": "verouderd",
        "onder_druk": "ja",
    }
    # M2: only a network contact, so no client contact: counted from the start.
    assert rows["M2"]["laatste_contact"] == ""
    assert rows["M2"]["dagen_sinds_contact"] == "391"
    assert (rows["M2"]["pva"], rows["M2"]["risicotaxatie"]) == ("ontbreekt", "ontbreekt")
    assert rows["M3"]["medewerker_id"] == "" and rows["M3"]["geen_vaste_jb"] == "ja"


def test_peildatum_moves_the_answer(capsys, tmp_path: Path, db_path: Path) -> None:
    run(capsys, "import", xlsx(tmp_path / "e.xlsx"), "--db", db_path)
    _, out, _ = run(
        capsys, "signals", "--db", db_path, "--peildatum", "31-01-2026", "--format", "json"
    )
    m1 = next(r for r in json.loads(out) if r["maatregel_id"] == "M1")
    assert m1["geen_contact"] == "nee" and m1["dagen_sinds_contact"] == 91
    _, out, _ = run(
        capsys, "signals", "--db", db_path, "--peildatum", "2025-01-05", "--format", "json"
    )
    assert json.loads(out) == []  # nothing running yet


def test_medewerker_filter_and_table(capsys, demo_db: Path) -> None:
    code, out, _ = run(
        capsys, "signals", "--db", demo_db, "--peildatum", "2026-11-23", "--medewerker", "W001"
    )
    assert code == 0
    assert out.splitlines()[0].startswith("maatregel  medewerker")
    assert "lopende maatregelen" in out
    _, js, _ = run(
        capsys,
        "signals",
        "--db",
        demo_db,
        "--peildatum",
        "2026-11-23",
        "--medewerker",
        "W001",
        "--format",
        "json",
    )
    data = json.loads(js)
    assert data and {r["medewerker_id"] for r in data} == {"W001"}
    assert {r["medewerker_naam"] for r in data} == {"Sophie Jansen"}
    assert [r["maatregel_id"] for r in data] == sorted(r["maatregel_id"] for r in data)


def test_table_is_for_people_machine_formats_keep_codes(capsys, demo_db: Path) -> None:
    args = ("signals", "--db", demo_db, "--peildatum", "2026-11-23", "--medewerker", "W001")
    _, table, _ = run(capsys, *args)
    body = table.splitlines()[2:-2]
    assert body and all("W001 (Sophie Jansen)" in line for line in body)
    assert "Geen cliëntcontact ≥ 3 mnd" in table and "onder_druk" not in table
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table)  # no codes like geen_contact, te_laat
    assert re.search(r"\d\d-\d\d-20\d\d", table)  # dates as people write them
    _, text, _ = run(capsys, *args, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["medewerker_naam"] for r in rows} == {"Sophie Jansen"}
    assert any("geen_contact" in r["signalen"].split() for r in rows)  # codes, as before
    assert list(rows[0])[-1] == "medewerker_naam"  # new column last: positions unchanged


def test_one_measure_is_counted_in_the_singular(capsys, tmp_path: Path, db_path: Path) -> None:
    one = tables(maatregelen=[["M1", "W1", "Kind Een", "OTS", "2025-01-06", "", ""],
                              ["M2", "W2", "Kind Twee", "voogdij", "06-01-2025", "", "vast"]])  # fmt: skip
    assert run(capsys, "import", xlsx(tmp_path / "e.xlsx", one), "--db", db_path)[0] == 0
    _, out, _ = run(capsys, "signals", "--db", db_path, "--peildatum", "2026-02-01",
                    "--medewerker", "W1")  # fmt: skip
    assert "\n1 lopende maatregel, 1 onder druk, 1 met een signaal\n" in out


def test_audit_csv_has_worker_names(capsys, demo_db: Path) -> None:
    code, out, _ = run(capsys, "audit", "--db", demo_db, "--medewerker", "W001")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["medewerker_id"] for r in rows} == {"W001"}
    assert {r["medewerker_naam"] for r in rows} == {"Sophie Jansen"}


def test_audit_names_a_changed_line_in_the_singular(capsys, demo_db: Path) -> None:
    from caseload_desk.store import open_store

    with open_store(demo_db) as s:
        target = s.conn.execute("SELECT max(id) FROM auditlog").fetchone()[0]
        s.conn.execute("UPDATE auditlog SET gebruiker = 'iemand' WHERE id = ?", (target,))
    code, _, err = run(capsys, "audit", "--db", demo_db, "--controleer")
    assert code == 2
    assert f"aangepast bij regel {target}." in err and "(s)" not in err


def test_export_message_names_the_worker(capsys, demo_db: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--db", demo_db, "--medewerker", "W001",
                       "--peildatum", "2026-11-23", "--out", tmp_path / "a.xlsx")  # fmt: skip
    assert code == 0
    assert out.startswith("Actielijst van W001 (Sophie Jansen) geschreven: ")
    _, out, _ = run(capsys, "export", "--db", demo_db, "--team", "assen",
                    "--peildatum", "2026-11-23", "--out", tmp_path / "t.xlsx")  # fmt: skip
    assert out.startswith("Actielijst van team Assen geschreven: ")


def test_unknown_worker(capsys, demo_db: Path) -> None:
    code, _, err = run(capsys, "signals", "--db", demo_db, "--medewerker", "W999")
    assert code == 2 and "Onbekende medewerker" in err


def test_import_failure_exit_code_and_report(capsys, tmp_path: Path, db_path: Path) -> None:
    run(capsys, "import", xlsx(tmp_path / "e.xlsx"), "--db", db_path)
    before = data_checksum(db_path)
    bad = tables(
        contacten=[["M1", "32-01-2025", "jeugdige", ""], ["M8", "2025-01-01", "ouder", ""]]
    )
    code, _, err = run(capsys, "import", csv_folder(tmp_path / "bad", bad), "--db", db_path)
    assert code == 2
    assert "contacten.csv, rij 2, kolom datum: deze datum bestaat niet" in err
    assert "contacten.csv, rij 3, kolom maatregel_id: maatregel bestaat niet" in err
    assert "niet gewijzigd" in err
    assert data_checksum(db_path) == before


def test_failed_import_into_new_file_leaves_nothing(capsys, tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    bad = tables(medewerkers=[["W1", ""]])
    assert run(capsys, "import", xlsx(tmp_path / "bad.xlsx", bad), "--db", db)[0] == 2
    assert not db.exists()


def test_import_summary(capsys, tmp_path: Path, db_path: Path) -> None:
    code, out, _ = run(capsys, "import", xlsx(tmp_path / "e.xlsx"), "--db", db_path)
    assert code == 0 and "Import geslaagd" in out
    assert "maatregelen" in out and "niet meer in export" in out


@pytest.mark.parametrize("command", ["signals", "import x"])
def test_missing_database(capsys, tmp_path: Path, command: str) -> None:
    args = [*command.split(), "--db", str(tmp_path / "weg.db")]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "niet gevonden" in err or "bestaat niet" in err


def test_not_a_database(capsys, tmp_path: Path) -> None:
    text = tmp_path / "tekst.db"
    text.write_text("geen database")
    code, _, err = run(capsys, "signals", "--db", text)
    assert code == 2 and "geen Caseload Desk-database" in err
    assert text.read_text() == "geen database"


def test_foreign_sqlite_file(capsys, tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "ander.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    code, _, err = run(capsys, "signals", "--db", other)
    assert code == 2 and "ander soort database" in err
    assert other.read_bytes() == before


def test_bad_peildatum(capsys, demo_db: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["signals", "--db", str(demo_db), "--peildatum", "30-02-2026"])
    assert info.value.code == 2
    assert "deze datum bestaat niet" in capsys.readouterr().err


def test_demo_refuses_to_overwrite(capsys, demo_db: Path) -> None:
    before = data_checksum(demo_db)
    code, _, err = run(capsys, "demo", "--db", demo_db)
    assert code == 2 and "--force" in err
    assert data_checksum(demo_db) == before


def test_demo_is_deterministic(capsys, tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "c.db"
    for path, seed in ((a, "7"), (b, "7"), (c, "8")):
        assert (
            run(capsys, "demo", "--db", path, "--seed", seed, "--peildatum", "2026-11-23")[0] == 0
        )

    def content(p: Path) -> list[tuple]:
        import sqlite3

        conn = sqlite3.connect(p)
        rows: list[tuple] = []
        tables = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT IN ('auditlog', 'sessie')"  # who and when: differs by nature
        ).fetchall()
        for (table,) in tables:
            columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})")]
            # Creation and closing timestamps are wall-clock time; all else must be equal.
            kept = [c for c in columns
                    if c not in ("aangemaakt_op", "afgerond_op", "tijdstip", "gewijzigd_op")]  # fmt: skip
            rows += conn.execute(f"SELECT {', '.join(kept)} FROM {table} ORDER BY 1").fetchall()
        conn.close()
        return rows

    assert content(a) == content(b)
    assert content(a) != content(c)


def test_demo_export_imports_to_same_signals(capsys, tmp_path: Path) -> None:
    demo, imported = tmp_path / "demo.db", tmp_path / "imp.db"
    run(capsys, "demo", "--db", demo, "--peildatum", "2026-11-23", "--export", tmp_path / "exp")
    assert run(capsys, "import", tmp_path / "exp", "--db", imported)[0] == 0
    args = ("--peildatum", "2026-11-23", "--format", "csv")
    _, a, _ = run(capsys, "signals", "--db", demo, *args)
    _, b, _ = run(capsys, "signals", "--db", imported, *args)

    def without_actions(text: str) -> list[list[str]]:
        return [row[:8] for row in csv.reader(io.StringIO(text))]

    assert without_actions(a) == without_actions(b)


def test_console_script_runs_as_module(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "caseload_desk", "signals", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "niet gevonden" in proc.stderr


def test_gui_without_display_explains_and_exits_2(tmp_path: Path) -> None:
    """The real command, as a user starts it over ssh: a Dutch message, no hang."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    res = subprocess.run(
        [sys.executable, "-m", "caseload_desk"], env=env, capture_output=True, text=True,
        timeout=60, cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert res.returncode == 2
    assert "geen beeldscherm" in res.stderr and "--self-test" in res.stderr
    assert res.stdout == ""


def test_display_rules() -> None:
    from caseload_desk.cli.gui_cmd import has_display

    assert not has_display({}, "linux")
    assert not has_display({"DISPLAY": ""}, "linux")
    assert has_display({"DISPLAY": ":0"}, "linux")
    assert has_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert has_display({}, "win32")
