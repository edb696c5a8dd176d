"""The export's date: a measure missing from an export counts as ended on that date, gets
no signals after it, keeps its actions, and runs again when a later export holds it."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.importer import (
    ExportDateRefused,
    import_export,
    latest_exportdatum,
    left_export_lines,
)
from caseload_desk.importer.apply import apply_export
from caseload_desk.importer.parse import MeasureRow, ParsedExport, WorkerRow
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION
from tests.conftest import data_checksum
from tests.exports import BASE, tables, xlsx
from tests.test_cli import run

D1, D2, D3 = date(2026, 1, 15), date(2026, 2, 10), date(2026, 3, 2)
DAY = timedelta(days=1)
WITHOUT_M2 = tables(
    maatregelen=[r for r in BASE["maatregelen"][1] if r[0] != "M2"],
    contacten=[r for r in BASE["contacten"][1] if r[0] != "M2"],
)


def do_import(src: Path, db: Path, exportdatum: date):
    with open_store(db, create=True) as store:
        return import_export(src, store, exportdatum=exportdatum)


def left(db: Path) -> dict[str, str | None]:
    with open_store(db) as s:
        return dict(s.conn.execute("SELECT maatregel_id, uit_export_op FROM maatregelen"))


def running(db: Path, p: date) -> list[str]:
    with open_store(db) as s:
        return [x.maatregel_id for x in caseload_signals(s, p)]


def test_a_dropped_measure_flags_until_the_export_date_and_keeps_its_actions(
    tmp_path: Path, db_path: Path
) -> None:
    do_import(xlsx(tmp_path / "e1.xlsx"), db_path, D1)
    with open_store(db_path) as s:
        gid = conv.start_conversation(s, "W1", "Piet", D1)
        conv.add_action(s, gid, maatregel_id="M2", omschrijving="Overdracht nagaan",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=D1 + 7 * DAY)  # fmt: skip
        conv.finish_conversation(s, gid, peildatum=D1, measures=2, onder_druk=0, with_signal=2)
        m2_before = next(x for x in caseload_signals(s, D2 + DAY) if x.maatregel_id == "M2")
    assert m2_before.any_signal  # M2 has no client contact, plan nor risicotaxatie
    summary = do_import(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), db_path, D2)
    assert summary.sheets["maatregelen"].niet_meer_in_export == 1
    assert (summary.exportdatum, summary.uit_export, summary.terug_in_export) == (D2, 1, 0)
    assert left(db_path) == {"M1": None, "M2": D2.isoformat(), "M3": None}
    assert "M2" in running(db_path, D2)  # the export's own date still counts
    assert running(db_path, D2 + DAY) == ["M1", "M3"]  # silent afterwards
    with open_store(db_path) as s:
        looking_back = next(
            x for x in caseload_signals(s, D2 + DAY - DAY) if x.maatregel_id == "M2"
        )
        assert looking_back.codes and looking_back.measure.uit_export_op == D2
        # Its actions are still there, marked with the date it left, and can be closed.
        [action] = conv.open_actions(s, "W1")
        assert (action.maatregel_id, action.uit_export_op) == ("M2", D2)
        later = conv.start_conversation(s, "W1", "Piet", D2 + 5 * DAY)
        assert [a.id for a in conv.actions_to_follow_up(s, "W1", later)] == [action.id]
        conv.follow_up(s, later, action.id, ActionStatus.AFGEROND, "Overgedragen")
        [done] = conv.actions_of_measure(s, "M2")
        assert done.status is ActionStatus.AFGEROND
        assert s.conn.execute("SELECT exportdatum FROM importlog ORDER BY id").fetchall() == [
            (D1.isoformat(),),
            (D2.isoformat(),),
        ]


def test_the_first_export_without_it_counts_and_a_later_one_with_it_clears_it(
    tmp_path: Path, db_path: Path
) -> None:
    do_import(xlsx(tmp_path / "e1.xlsx"), db_path, D1)
    do_import(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), db_path, D2)
    again = do_import(xlsx(tmp_path / "e3.xlsx", WITHOUT_M2), db_path, D3)
    assert left(db_path)["M2"] == D2.isoformat()  # the earliest date is kept
    assert again.uit_export == 0  # it had left before: not news
    summary = do_import(xlsx(tmp_path / "e4.xlsx"), db_path, D3)  # same day: allowed
    assert summary.sheets["maatregelen"].gewijzigd == 1  # back in the export
    assert (summary.uit_export, summary.terug_in_export) == (0, 1)
    assert left_export_lines(summary) == ["1 maatregel staat weer in de export en loopt weer."]
    assert left(db_path)["M2"] is None
    assert "M2" in running(db_path, D3 + 30 * DAY)


def test_a_measure_that_ended_by_its_einddatum_first_stays_ended_by_it(
    tmp_path: Path, db_path: Path
) -> None:
    ended = tables(maatregelen=[*BASE["maatregelen"][1][:2],
                                ["M3", "", "Kind Drie", "JR", "2025-03-03", "2026-01-31", ""]])  # fmt: skip
    do_import(xlsx(tmp_path / "e1.xlsx", ended), db_path, D1)
    gone = tables(maatregelen=BASE["maatregelen"][1][:2])
    do_import(xlsx(tmp_path / "e2.xlsx", gone), db_path, D2)
    assert left(db_path)["M3"] == D2.isoformat()
    assert "M3" in running(db_path, date(2026, 1, 31))
    assert "M3" not in running(db_path, date(2026, 2, 1))  # its einddatum, before D2


@pytest.mark.parametrize(
    ("when", "says"),
    [
        (date.today() + DAY, "ligt na vandaag"),
        (D1 - DAY, "vóór die van de laatst ingelezen export (15-01-2026)"),
    ],
)
def test_an_export_date_in_the_future_or_before_the_newest_import_is_refused(
    tmp_path: Path, db_path: Path, when: date, says: str
) -> None:
    do_import(xlsx(tmp_path / "e1.xlsx"), db_path, D1)
    before = data_checksum(db_path)
    with pytest.raises(ExportDateRefused, match=re.escape(says)):
        do_import(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), db_path, when)
    assert data_checksum(db_path) == before
    assert left(db_path)["M2"] is None


def test_the_default_export_date_is_today(tmp_path: Path, db_path: Path) -> None:
    with open_store(db_path, create=True) as s:
        import_export(xlsx(tmp_path / "e1.xlsx"), s)
        assert latest_exportdatum(s) == date.today()
        import_export(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), s)
    assert left(db_path)["M2"] == date.today().isoformat()


# --- the command line -----------------------------------------------------------------------
def signal_ids(capsys, db: Path, p: date) -> list[str]:
    code, out, _ = run(capsys, "signals", "--db", db, "--peildatum", p, "--format", "json")
    assert code == 0
    return [r["maatregel_id"] for r in json.loads(out)]


def test_cli_reimport_with_exportdatum(capsys, tmp_path: Path, db_path: Path) -> None:
    assert run(capsys, "import", xlsx(tmp_path / "e1.xlsx"), "--db", db_path,
               "--exportdatum", D1)[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "import", xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), "--db", db_path,
                       "--exportdatum", "10-02-2026")  # fmt: skip
    assert code == 0 and "Import geslaagd" in out
    assert out.endswith(
        "\n1 maatregel staat niet meer in de export van 10-02-2026: hij telt na die datum als "
        "beëindigd (of vanaf zijn einddatum, als die eerder was) en staat onder Niet meer in "
        "de export.\n"
    )
    assert signal_ids(capsys, db_path, D2) == ["M1", "M2", "M3"]  # flagged before
    assert signal_ids(capsys, db_path, D2 + DAY) == ["M1", "M3"]  # silent after
    for p, expected in ((D2, ["M1", "M2"]), (D2 + DAY, ["M1"])):  # the Excel list agrees
        target = tmp_path / f"lijst-{p}.xlsx"
        assert run(capsys, "export", "--db", db_path, "--medewerker", "W1", "--peildatum", p,
                   "--out", target)[0] == 0  # fmt: skip
        sheet = load_workbook(target)["Signalen"]
        assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]] == expected


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ((date.today() + DAY).isoformat(), "ligt na vandaag"),
        ("2026-01-14", "ligt vóór die van de laatst ingelezen export (15-01-2026)"),
        ("31-02-2026", "deze datum bestaat niet"),
        ("morgen", "onleesbare datum"),
    ],
)
def test_cli_refuses_a_bad_exportdatum_in_dutch(
    capsys, tmp_path: Path, db_path: Path, value: str, says: str
) -> None:
    run(capsys, "import", xlsx(tmp_path / "e1.xlsx"), "--db", db_path, "--exportdatum", D1)
    before = data_checksum(db_path)
    try:
        code, out, err = run(capsys, "import", xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), "--db",
                             db_path, "--exportdatum", value)  # fmt: skip
    except SystemExit as stop:  # argparse refuses an unreadable date itself
        code, (out, err) = int(stop.code or 0), capsys.readouterr()
    assert code == 2 and out == ""
    assert says in err
    assert data_checksum(db_path) == before


def test_cli_refused_date_into_a_new_file_leaves_nothing(capsys, tmp_path: Path) -> None:
    db = tmp_path / "nieuw.db"
    tomorrow = date.today() + DAY
    code, _, err = run(capsys, "import", xlsx(tmp_path / "e.xlsx"), "--db", db,
                       "--exportdatum", tomorrow)  # fmt: skip
    assert code == 2 and "De database is niet gewijzigd" in err
    assert not db.exists()


# --- migration ------------------------------------------------------------------------------
def test_version_4_file_dates_the_measures_already_out_of_the_export(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    for step in MIGRATIONS[:4]:
        step(raw)
    raw.execute("PRAGMA user_version = 4")
    raw.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    raw.execute("INSERT INTO medewerkers (medewerker_id, naam) VALUES ('W1', 'Anna')")
    for mid, in_export in (("M1", 1), ("M2", 0)):
        raw.execute("INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, "
                    "startdatum, regie, in_export) VALUES (?, 'W1', 'K', 'OTS', '2025-01-06', "
                    "'vast', ?)", (mid, in_export))  # fmt: skip
    for stamp in ("2025-10-01T09:00:00+00:00", "2025-11-20T23:30:00+00:00"):
        raw.execute("INSERT INTO importlog (tijdstip, bron, samenvatting) VALUES (?, 'e', '{}')",
                    (stamp,))  # fmt: skip
    raw.execute("COMMIT")
    raw.close()
    with open_store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert dict(s.conn.execute("SELECT maatregel_id, uit_export_op FROM maatregelen")) == {
            "M1": None, "M2": "2025-11-20",  # the last import's date
        }  # fmt: skip
        # Imports from before the export date existed do not hold a new import back.
        assert latest_exportdatum(s) is None
        # A new export that lacks it too keeps the earliest date: its own, being earlier.
        parsed = ParsedExport(workers=[WorkerRow("W1", "Anna", "", "", "")], measures=[
            MeasureRow("M1", "W1", "K", "OTS", "2025-01-06", None, "vast")])  # fmt: skip
        with s.db.atomic():
            summary = apply_export(s.conn, parsed, date(2025, 11, 18))
        assert summary.uit_export == 0
        assert s.conn.execute("SELECT uit_export_op FROM maatregelen WHERE maatregel_id = 'M2'"
                              ).fetchone() == ("2025-11-18",)  # fmt: skip
        assert [x.maatregel_id for x in caseload_signals(s, date(2025, 11, 19))] == ["M1"]
        assert [x.maatregel_id for x in caseload_signals(s, date(2025, 11, 18))] == ["M1", "M2"]


def test_the_dossier_says_so_while_it_still_counts() -> None:
    from caseload_desk.signals import evaluate_measure, facts_on
    from caseload_desk.ui.texts import INFO, explanation
    from tests.helpers import measure, records

    said = "Staat niet meer in de export sinds 10-02-2026"
    on_the_day = evaluate_measure(facts_on(records(measure()._replace(uit_export_op=D2)), D2), D2)
    assert on_the_day is not None
    assert [lvl for lvl, text in explanation(on_the_day) if text.startswith(said)] == [INFO]
    ended_first = measure(end=D2 - DAY)._replace(uit_export_op=D2)  # its einddatum ended it
    s = evaluate_measure(facts_on(records(ended_first), D2 - DAY), D2 - DAY)
    assert s is not None and not any(said in text for _lvl, text in explanation(s))


def test_the_excel_action_list_keeps_the_action_and_marks_it(
    capsys, tmp_path: Path, db_path: Path
) -> None:
    do_import(xlsx(tmp_path / "e1.xlsx"), db_path, D1)
    with open_store(db_path) as s:
        gid = conv.start_conversation(s, "W1", "Piet", D1)
        conv.add_action(s, gid, maatregel_id="M2", omschrijving="Overdracht nagaan",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=D1 + 7 * DAY)  # fmt: skip
        conv.finish_conversation(s, gid, peildatum=D1, measures=2, onder_druk=0, with_signal=2)
    do_import(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), db_path, D2)
    target = tmp_path / "lijst.xlsx"
    assert run(capsys, "export", "--db", db_path, "--medewerker", "W1", "--peildatum", D2 + DAY,
               "--out", target)[0] == 0  # fmt: skip
    wb = load_workbook(target)
    [action] = [r for r in wb["Acties"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert action[0] == "M2"
    assert action[2] == "Overdracht nagaan\nMaatregel niet meer in de export sinds 10-02-2026"
    assert "M2" not in [r[0] for r in wb["Signalen"].iter_rows(min_row=2, values_only=True)]
