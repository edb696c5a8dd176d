"""The Werklast sheet of the Excel action list (a team or everyone)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from caseload_desk.export.xlsx import OVERDUE_FILL, WORKLOAD_COLUMNS
from caseload_desk.store import open_store
from caseload_desk.store.workload import set_value, worker_loads
from caseload_desk.workload import two_decimals
from tests.conftest import DEMO_DATE
from tests.test_export import export, no_formulas


def test_team_export_has_the_workload_sheet(demo_db: Path, tmp_path: Path) -> None:
    with open_store(demo_db) as s:
        s.conn.execute(
            "UPDATE medewerkers SET contracturen = 24, vrijstelling_uren = 2.5 "
            "WHERE medewerker_id = 'W003'"
        )
        s.conn.execute("UPDATE medewerkers SET contracturen = 60 WHERE medewerker_id = 'W007'")
        set_value(s, "werklast.gewicht.OTS.daarna", "1,5")
        expected = {w.medewerker_id: w for w in worker_loads(s, DEMO_DATE, team="Assen")}
    wb = load_workbook(export(demo_db, tmp_path / "t.xlsx", "--team", "Assen"))
    assert wb.sheetnames == ["Acties", "Signalen", "Gesprekken", "Werklast"]
    ws = wb["Werklast"]
    assert [c.value for c in ws[1]] == [t for t, _ in WORKLOAD_COLUMNS] == [
        "Medewerker-id", "Naam", "Team", "Regio", "Contracturen", "Vrijstelling (uren)",
        "Maatregelen", "Gewogen", "Capaciteit", "Belasting",
    ]  # fmt: skip
    last = int(ws.auto_filter.ref.split(":")[1][1:])
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2, max_row=last)}
    assert list(rows) == sorted(expected) and len(rows) >= 2
    for wid, row in rows.items():
        load = expected[wid].load
        assert [c.value for c in row[6:]] == [
            load.maatregelen, two_decimals(load.gewogen), two_decimals(load.capaciteit),
            load.belasting_pct,
        ]  # fmt: skip
        marked = row[9].fill.fgColor.rgb[-6:] == OVERDUE_FILL.fgColor.rgb[-6:]
        assert marked == load.boven_norm == (load.belasting_pct > 100)
        # Above the norm by sign as well as colour: "▲ 125 %", still a number.
        sign = '"▲ "0" %"' if marked else '0" %"'
        assert row[7].number_format == "0.00" and row[9].number_format == sign
    assert {expected[w].load.boven_norm for w in rows} == {True, False}
    w003 = [c.value for c in rows["W003"]]
    assert w003[4:6] == [24, 2.5]
    assert w003[8] == two_decimals(12 * 21.5 / 36)
    assert [c.value for c in rows["W007"][4:6]] == [60, 2]
    assert "Norm: 12 gewogen maatregelen bij 36 uur per week" in ws.cell(last + 2, 1).value
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.freeze_panes == "A2"
    no_formulas(wb)


def test_one_workers_list_has_no_workload_sheet(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001"))
    assert "Werklast" not in wb.sheetnames


def test_everyone_has_every_worker(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "e.xlsx", "--alle"))
    with open_store(demo_db) as s:
        n = s.conn.execute("SELECT count(*) FROM medewerkers").fetchone()[0]
    ws = wb["Werklast"]
    assert int(ws.auto_filter.ref.split(":")[1][1:]) == n + 1
