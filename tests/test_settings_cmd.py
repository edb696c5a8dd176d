"""`caseload-desk instellingen`: show, change with validation, audit row, and the signals
that follow the stored settings (the organisation's non-working days included)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from caseload_desk.cli.main import main
from caseload_desk.store import open_store
from tests.conftest import data_checksum
from tests.exports import tables, xlsx


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def easter_db(tmp_path: Path, capsys) -> Path:
    """M9 starts on Monday 30 March 2026 without any contact: the issue's example."""
    rows = tables()["maatregelen"][1] + [["M9", "W2", "Kind Negen", "OTS", "2026-03-30", "", ""]]
    db = tmp_path / "easter.db"
    assert (
        run(capsys, "import", xlsx(tmp_path / "e.xlsx", tables(maatregelen=rows)), "--db", db)[0]
        == 0
    )
    return db


def settings_json(capsys, db: Path) -> dict[str, object]:
    code, out, _ = run(capsys, "instellingen", "--db", db, "--format", "json")
    assert code == 0
    groups = {g["naam"]: g for g in json.loads(out)["groepen"]}
    return {r["sleutel"]: r for g in groups.values() for r in g["instellingen"]}


def first_contact(capsys, db: Path, peildatum: str) -> str:
    code, out, _ = run(capsys, "signals", "--db", db, "--peildatum", peildatum, "--format", "csv")
    assert code == 0
    return {r["maatregel_id"]: r for r in csv.DictReader(io.StringIO(out))}["M9"]["eerste_contact"]


def audit_rows(db: Path) -> list[str]:
    with open_store(db) as s:
        return [
            r[0]
            for r in s.conn.execute(
                "SELECT details FROM auditlog WHERE gebeurtenis = 'instellingen_gewijzigd' ORDER BY id"
            )
        ]


def test_show_table_is_dutch_and_complete(capsys, easter_db: Path) -> None:
    code, out, _ = run(capsys, "instellingen", "--db", easter_db)
    assert code == 0
    for key in ("contact.voogdij", "pva.jr", "risicotaxatie.standaard", "eerste_contact.werkdagen",
                "pva_termijn.weken", "einddatum.weken"):  # fmt: skip
        assert key in out
    assert "Vrije dagen van de organisatie: geen" in out


def test_show_json_has_every_setting(capsys, easter_db: Path) -> None:
    rows = settings_json(capsys, easter_db)
    assert rows["contact.standaard"]["waarde"] == 3
    assert rows["pva.voogdij"]["waarde"] == 12
    assert rows["eerste_contact.werkdagen"]["waarde"] == 5
    assert rows["einddatum.weken"]["waarde"] == 8
    signal_rows = [k for k in rows if not k.startswith(("monitor.", "werklast."))]
    assert len(signal_rows) == 3 * 4 + 3
    assert len([k for k in rows if k.startswith("monitor.")]) == 10  # one per indicator
    assert rows["werklast.norm"]["waarde"] in (12, "12")


def test_set_a_period_per_type(capsys, easter_db: Path) -> None:
    code, out, _ = run(capsys, "instellingen", "--db", easter_db, "--zet", "contact.voogdij=2")
    assert code == 0 and "contact.voogdij 3 → 2" in out
    rows = settings_json(capsys, easter_db)
    assert rows["contact.voogdij"]["waarde"] == 2
    assert rows["contact.ots"]["waarde"] == 3
    assert audit_rows(easter_db) == ["signaalinstellingen: contact.voogdij 3 → 2"]
    # Back to following the default, and a type that follows moves along with it.
    assert run(capsys, "instellingen", "--db", easter_db, "--zet", "contact.voogdij=standaard",
               "--zet", "contact.standaard=4")[0] == 0  # fmt: skip
    rows = settings_json(capsys, easter_db)
    assert [rows[f"contact.{k}"]["waarde"] for k in ("standaard", "ots", "voogdij", "jr")] == [
        4
    ] * 4


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["--zet", "contact.voogdij=0"], "kies 1 tot en met 60"),
        (["--zet", "contact.voogdij=twee"], "geen heel getal"),
        (["--zet", "onzin=1"], "onbekende instelling"),
        (["--zet", "contact.voogdij"], "SLEUTEL=WAARDE"),
        (["--zet", "eerste_contact.werkdagen=61"], "kies 1 tot en met 60"),
        (["--vrije-dag", "2026-05-16"], "zaterdag"),
        (["--vrije-dag", "2026-04-03"], "Goede Vrijdag"),
        (["--vrije-dag", "2026-02-30"], "geen geldige datum"),
        (["--geen-vrije-dag", "2026-05-15"], "staat niet in de vrije dagen"),
        # One refusal among valid changes: nothing at all is saved.
        (["--zet", "contact.ots=2", "--vrije-dag", "2026-12-27"], "zondag"),
    ],
)
def test_refusals_change_nothing(capsys, easter_db: Path, args: list[str], dutch: str) -> None:
    before = data_checksum(easter_db)
    code, _, err = run(capsys, "instellingen", "--db", easter_db, *args)
    assert code == 2
    assert dutch in err and err.startswith("Fout: niets gewijzigd")
    assert data_checksum(easter_db) == before
    assert audit_rows(easter_db) == []


def test_extra_day_moves_the_deadline_and_can_be_removed(capsys, easter_db: Path) -> None:
    # By the law the term runs through Wednesday 8 April 2026.
    assert first_contact(capsys, easter_db, "2026-04-08") == "binnen_termijn"
    assert first_contact(capsys, easter_db, "2026-04-09") == "ontbreekt"
    code, out, _ = run(capsys, "instellingen", "--db", easter_db,
                       "--vrije-dag", "2026-04-01:studiedag")  # fmt: skip
    assert code == 0 and "vrije dag 2026-04-01 toegevoegd" in out
    assert settings_json(capsys, easter_db)["vrije_dag.2026-04-01"]["waarde"] == "studiedag"
    assert first_contact(capsys, easter_db, "2026-04-09") == "binnen_termijn"
    assert first_contact(capsys, easter_db, "2026-04-10") == "ontbreekt"
    assert run(capsys, "instellingen", "--db", easter_db, "--geen-vrije-dag", "01-04-2026")[0] == 0
    assert first_contact(capsys, easter_db, "2026-04-09") == "ontbreekt"
    # The description is free text: it stays out of the audit log.
    assert audit_rows(easter_db) == [
        "signaalinstellingen: vrije dag 2026-04-01 toegevoegd",
        "signaalinstellingen: vrije dag 2026-04-01 verwijderd",
    ]


def test_setting_the_same_value_writes_nothing(capsys, easter_db: Path) -> None:
    code, out, _ = run(capsys, "instellingen", "--db", easter_db, "--zet", "pva.standaard=12")
    assert code == 0 and "Niets gewijzigd" in out
    assert audit_rows(easter_db) == []


def test_every_evaluation_reads_the_stored_days(capsys, easter_db: Path) -> None:
    # The Excel export gathers its signals the way the conversation and its report do
    # (caseload_signals without settings): from the stored settings, days included.
    from datetime import date

    from caseload_desk.export.data import gather
    from caseload_desk.store.records import get_worker

    assert run(capsys, "instellingen", "--db", easter_db, "--vrije-dag", "2026-04-01")[0] == 0
    with open_store(easter_db) as store:
        data = gather(store, [get_worker(store, "W2")], "Bas Smit", date(2026, 4, 1))
        [m9] = [s for s in data.signals if s.maatregel_id == "M9"]
        assert m9.first_contact.deadline == date(2026, 4, 9)


def test_monitor_norms_are_shown_and_changed_with_the_other_settings(
    capsys, easter_db: Path
) -> None:
    shown = settings_json(capsys, easter_db)
    assert shown["monitor.norm.eerste_contact_open"]["waarde"] == "≤ 8"
    code, out, _ = run(capsys, "instellingen", "--db", easter_db,
                       "--zet", "monitor.norm.eerste_contact_open=5", "--zet", "pva.ots=9")  # fmt: skip
    assert code == 0
    assert "monitor.norm.eerste_contact_open ≤ 8 → ≤ 5" in out and "pva.ots 12 → 9" in out
    assert settings_json(capsys, easter_db)["monitor.norm.eerste_contact_open"]["waarde"] == "≤ 5"
    assert any(
        "monitornormen: monitor.norm.eerste_contact_open" in r for r in audit_rows(easter_db)
    )
    # One bad value: nothing of either group is saved.
    before = data_checksum(easter_db)
    code, _, err = run(capsys, "instellingen", "--db", easter_db,
                       "--zet", "monitor.norm.geen_contact=veel", "--zet", "pva.ots=6")  # fmt: skip
    assert code == 2 and "niets gewijzigd" in err and "heel getal" in err
    assert data_checksum(easter_db) == before


def test_one_setting_twice_in_one_command_is_refused(capsys, easter_db: Path) -> None:
    before = data_checksum(easter_db)
    code, _, err = run(capsys, "instellingen", "--db", easter_db,
                       "--vrije-dag", "2026-07-02:a", "--geen-vrije-dag", "2026-07-02")  # fmt: skip
    assert code == 2 and "vrije_dag.2026-07-02 staat meer dan eens" in err
    assert data_checksum(easter_db) == before
