"""The Excel action list: sheets, headers, real dates, highlighting, no formulas, safe writes."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from caseload_desk.cli.main import main
from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.export.atomic import TargetLocked, write_atomically
from caseload_desk.export.data import default_file_name, gather, select_workers
from caseload_desk.export.xlsx import ACTION_COLUMNS, write_action_list
from caseload_desk.signal_rows import CONTRACT_COLUMNS
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from tests.conftest import DEMO_DATE

FORMULA_LIKE = ['=HYPERLINK("http://x","klik")', "+31 6 1234", "-2+3", "@SUM(A1)", "=1+1"]


def export(db: Path, out: Path, *scope: str) -> Path:
    assert main(["export", "--db", str(db), *scope, "--out", str(out),
                 "--peildatum", DEMO_DATE.isoformat()]) == 0  # fmt: skip
    return out


def no_formulas(wb) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_workbook_structure(demo_db: Path, tmp_path: Path) -> None:
    path = export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Acties", "Signalen", "Gesprekken"]
    acties = wb["Acties"]
    assert [c.value for c in acties[1]] == [title for title, _ in ACTION_COLUMNS]
    assert all(c.font.bold for c in acties[1])
    assert acties.freeze_panes == "A2"
    assert acties.auto_filter.ref.startswith("A1:")
    assert acties.page_setup.orientation == "landscape"
    assert acties.page_setup.fitToWidth == 1
    assert acties.print_title_rows == "$1:$1"
    assert "Sophie Jansen" in acties.oddHeader.center.text
    assert "&P" in acties.oddFooter.center.text
    assert wb.properties.creator == "Caseload Desk" and "Sophie Jansen" in wb.properties.title
    no_formulas(wb)


def test_actions_sheet_content_and_overdue(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001"))
    ws = wb["Acties"]
    rows = list(ws.iter_rows(min_row=2))
    with open_store(demo_db, read_only=True) as s:
        actions = conv.actions_of_worker(s, "W001")
        latest = [c for c in conv.conversations(s, "W001") if c.afgerond][-1].id
    expected = [
        a for a in actions
        if a.status.is_open or (a.last_follow_up and a.last_follow_up.gesprek_id == latest)
    ]  # fmt: skip
    assert len(rows) == len(expected) > 0
    deadline_col = [t for t, _ in ACTION_COLUMNS].index("Deadline")
    status_col = [t for t, _ in ACTION_COLUMNS].index("Status")
    overdue = 0
    for row in rows:
        deadline = row[deadline_col]
        assert deadline.is_date and deadline.number_format == "DD-MM-YYYY"
        is_overdue = deadline.value.date() < DEMO_DATE and "verlopen" in row[status_col].value
        if is_overdue:
            overdue += 1
            assert deadline.fill.fgColor.rgb.endswith("F8CBAD")
            assert row[status_col].font.bold
    assert overdue > 0
    statuses = {r[status_col].value.split(" ")[0] for r in rows}
    assert statuses & {"Afgerond", "Vervallen"}  # closed in the latest conversation
    assert statuses & {"Open", "Loopt"}


def test_signals_sheet_matches_cli(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001"))
    ws = wb["Signalen"]
    from caseload_desk.export.xlsx import SIGNAL_HEADINGS

    header = [c.value for c in ws[1]]
    assert header[0] == "Maatregel" and header[1] == "Jeugdige"
    header = [next(k for k, (t, _) in SIGNAL_HEADINGS.items() if t == h) for h in header]
    with open_store(demo_db, read_only=True) as s:
        signals = caseload_signals(s, DEMO_DATE, "W001")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [x.maatregel_id for x in signals]
    col = {name: header.index(name) for name in CONTRACT_COLUMNS}
    for row, sig in zip(rows, signals, strict=True):
        assert row[col["onder_druk"]] == ("ja" if sig.onder_druk else "nee")
        assert row[col["pva"]] == sig.plan.status.value
        assert row[col["dagen_sinds_contact"]] == sig.contact.days_since
        last = row[col["laatste_contact"]]
        assert (last.date() if last else None) == sig.contact.last_contact


def test_team_and_all_scopes(demo_db: Path, tmp_path: Path) -> None:
    team = load_workbook(export(demo_db, tmp_path / "t.xlsx", "--team", "Assen"))
    everyone = load_workbook(export(demo_db, tmp_path / "e.xlsx", "--alle"))
    assert 1 < team["Signalen"].max_row < everyone["Signalen"].max_row
    assert {r[1] for r in team["Gesprekken"].iter_rows(min_row=2, values_only=True)} == {
        "Gijs Bakker", "Nina Hoekstra",
    }  # fmt: skip


def test_formula_like_text_stays_text(demo_db: Path, tmp_path: Path) -> None:
    with open_store(demo_db) as s:
        s.conn.execute(
            "UPDATE medewerkers SET naam = ? WHERE medewerker_id = 'W001'", (FORMULA_LIKE[4],)
        )
        s.conn.execute(
            "UPDATE maatregelen SET jeugdige = ? WHERE medewerker_id = 'W001'", (FORMULA_LIKE[0],)
        )
        gid = conv.start_conversation(s, "W001", FORMULA_LIKE[3], DEMO_DATE)
        conv.update_conversation(s, gid, praktijkbegeleider=FORMULA_LIKE[3], datum=DEMO_DATE,
                                 notities=FORMULA_LIKE[2])  # fmt: skip
        mid = s.conn.execute(
            "SELECT maatregel_id FROM maatregelen WHERE medewerker_id='W001'"
        ).fetchone()[0]
        for text in FORMULA_LIKE:
            aid = conv.add_action(s, gid, maatregel_id=mid, omschrijving=text,
                                  eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
        old = conv.actions_to_follow_up(s, "W001", gid)[0]
        conv.follow_up(s, gid, old.id, ActionStatus.LOOPT_NOG, FORMULA_LIKE[1])
        assert aid
    wb = load_workbook(export(demo_db, tmp_path / "f.xlsx", "--medewerker", "W001"))
    no_formulas(wb)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    for text in FORMULA_LIKE:
        assert text in texts or any(isinstance(t, str) and text in t for t in texts), text


def test_control_characters_do_not_break_the_file(demo_db: Path, tmp_path: Path) -> None:
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        conv.add_action(s, gid, maatregel_id=None, omschrijving="bel\x07 terug\x00",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
    wb = load_workbook(export(demo_db, tmp_path / "c.xlsx", "--medewerker", "W001"))
    assert "bel terug" in {c.value for row in wb["Acties"].iter_rows() for c in row}


def test_default_file_name() -> None:
    assert (
        default_file_name("Sophie Jansen", date(2026, 11, 23))
        == "Actielijst Sophie Jansen 2026-11-23.xlsx"
    )
    assert "/" not in default_file_name("a/b:c", date(2026, 1, 1))


def test_locked_target_keeps_old_file_and_leaves_no_temp(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "lijst.xlsx"
    target.write_bytes(b"oude versie")

    def locked(_src, _dst):
        raise PermissionError("in gebruik")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(TargetLocked, match="geopend in Excel"):
        write_atomically(target, lambda tmp: tmp.write_bytes(b"nieuw"))
    assert target.read_bytes() == b"oude versie"
    assert [p.name for p in tmp_path.iterdir()] == ["lijst.xlsx"]


def test_crash_while_writing_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "lijst.xlsx"

    def crash(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("stroom uitgevallen")

    with pytest.raises(RuntimeError):
        write_atomically(target, crash)
    assert list(tmp_path.iterdir()) == []


def test_cli_errors(capsys, demo_db: Path, tmp_path: Path) -> None:
    assert (
        main(
            [
                "export",
                "--db",
                str(demo_db),
                "--medewerker",
                "W999",
                "--out",
                str(tmp_path / "x.xlsx"),
            ]
        )
        == 2
    )
    assert "Onbekende medewerker" in capsys.readouterr().err
    assert main(["export", "--db", str(demo_db), "--alle", "--out", str(tmp_path / "x.csv")]) == 2
    with pytest.raises(SystemExit):
        main(["export", "--db", str(demo_db), "--alle", "--team", "Assen"])


def test_export_of_ten_thousand_actions_stays_fast_enough_to_use(tmp_path: Path) -> None:
    """Not a timing test: a big list must simply work (write-only mode, no per-cell reads)."""
    from caseload_desk.store.records import Worker

    worker = Worker("W1", "Test", "T", "R", "PB", True)
    actions = [
        conv.Action(i, 1, DEMO_DATE, "W1", f"M{i}", f"Actie {i}", ActionOwner.MEDEWERKER,
                    DEMO_DATE + timedelta(days=i % 30 - 15), ActionStatus.OPEN)
        for i in range(10_000)
    ]  # fmt: skip
    from caseload_desk.export.data import ActionListData

    data = ActionListData("Test", DEMO_DATE, [worker], actions, [], [], {}, {"W1": "Test"})
    write_action_list(data, tmp_path / "groot.xlsx")
    wb = load_workbook(tmp_path / "groot.xlsx", read_only=True)
    try:
        assert sum(1 for _ in wb["Acties"].iter_rows()) == 10_001
    finally:
        wb.close()


def test_gather_selects(demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as s:
        assert [w.medewerker_id for w in select_workers(s, "W001")] == ["W001"]
        assert {w.team for w in select_workers(s, team="assen")} == {"Assen"}
        data = gather(s, select_workers(s, "W001"), "x", DEMO_DATE)
    assert data.children and all(a.medewerker_id == "W001" for a in data.actions)
