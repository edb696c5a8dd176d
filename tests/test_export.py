"""The Excel action list: sheets, print setup, fonts, row heights, Dutch words, drafts left
out, real dates, highlighting, no formulas, safe writes."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from caseload_desk.cli.main import main
from caseload_desk.dates import nl
from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner
from caseload_desk.export.atomic import TargetLocked, write_atomically
from caseload_desk.export.data import default_file_name, gather, select_workers
from caseload_desk.export.xlsx import ACTION_COLUMNS, line_count, write_action_list
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
    # One worker: her name is in the page header, so no column repeats it.
    assert [c.value for c in acties[1]] == [t for t, _ in ACTION_COLUMNS if t != "Medewerker"]
    assert all(c.font.bold for c in acties[1])
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"  # the header row on every printed page
        assert "Sophie Jansen" in ws.oddHeader.center.text
        assert ws.oddFooter.center.text == "Pagina &P van &N"
        assert ws.oddFooter.center.font == "Arial"
    assert wb.properties.creator == "Caseload Desk" and "Sophie Jansen" in wb.properties.title
    no_formulas(wb)


def test_every_cell_has_its_font_and_a_printed_border(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--team", "Assen"))
    cells = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue  # past the end of a shorter row: no cell in the file
                cells += 1
                assert c.font.name == "Arial" and c.font.sz == 10, (ws.title, c.coordinate)
                if c.row == 1:
                    assert c.font.b, (ws.title, c.coordinate)
    assert cells > 300
    last = int(wb["Acties"].auto_filter.ref.split(":")[1][1:])
    for row in wb["Acties"].iter_rows(min_row=1, max_row=last):
        for c in row:
            assert c.border.bottom.style == "thin" and c.border.left.style == "thin"


def test_rows_are_as_tall_as_their_wrapped_text(demo_db: Path, tmp_path: Path) -> None:
    long_text = ("Verlengingsverzoek voorbereiden en bespreken met de gedragswetenschapper; "
                 "daarna het netwerk informeren over de uitkomst van de zitting en de "
                 "afspraken over de omgangsregeling vastleggen in het plan van aanpak.")  # fmt: skip
    assert len(long_text) >= 200
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        conv.add_action(s, gid, maatregel_id=None, omschrijving=long_text,
                        eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
        conv.add_action(s, gid, maatregel_id=None, omschrijving="Bellen\nmet\nschool",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
        finish(s, gid)
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001"))
    ws = wb["Acties"]
    actie = [t for t, _ in ACTION_COLUMNS if t != "Medewerker"].index("Actie")
    heights = {
        r[actie].value: ws.row_dimensions[r[actie].row].height for r in ws.iter_rows(min_row=2)
    }
    excel_line = 12.75  # Excel's own line height for Arial 10
    assert heights[long_text] >= 4 * excel_line  # 200 characters in a column 40 wide
    assert heights["Bellen\nmet\nschool"] >= 3 * excel_line  # explicit line breaks
    assert all(h is not None and h >= excel_line for h in heights.values())
    assert ws.row_dimensions[1].height >= 2 * excel_line  # "Afgesproken op" wraps in the header
    assert ws.cell(2, actie + 1).alignment.wrap_text


def test_a_very_long_note_stays_within_excels_row_limit(demo_db: Path, tmp_path: Path) -> None:
    notes = "\n".join(
        f"Punt {i}: besproken en afgesproken wat er moet gebeuren." for i in range(60)
    )
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        conv.update_conversation(s, gid, praktijkbegeleider="PB", datum=DEMO_DATE, notities=notes)
        finish(s, gid)
    wb = load_workbook(export(demo_db, tmp_path / "n.xlsx", "--medewerker", "W001"))
    ws = wb["Gesprekken"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[-1].value == notes)
    assert ws.row_dimensions[row].height == 409.5  # Excel refuses taller rows


@pytest.mark.parametrize(
    ("text", "chars", "lines"),
    [
        ("", 10, 1),
        ("kort", 10, 1),
        ("precies 10", 10, 1),
        ("een twee drie", 10, 2),  # "een twee" / "drie"
        ("a\nb\nc", 10, 3),
        ("x" * 25, 10, 3),  # a word longer than the line is broken
        ("aaa " + "x" * 25, 10, 4),
        ("een twee\n\ndrie vier vijf", 8, 5),
    ],
)
def test_line_count(text: str, chars: int, lines: int) -> None:
    assert line_count(text, chars) == lines


SNAKE_CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_signals_sheet_in_words(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "a.xlsx", "--medewerker", "W001"))
    ws = wb["Signalen"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Maatregel", "Jeugdige"] and "Medewerker" not in header
    with open_store(demo_db, read_only=True) as s:
        signals = caseload_signals(s, DEMO_DATE, "W001")
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [x.maatregel_id for x in signals]
    col = {name: header.index(name) for name in header}
    words = {"Actueel", "Verouderd", "Ontbreekt"}
    for row, sig in zip(rows, signals, strict=True):
        assert row[col["Onder druk"]] == ("Ja" if sig.onder_druk else "Nee")
        assert row[col["Plan van aanpak"]] == sig.plan.status.value.capitalize()
        assert row[col["Plan van aanpak"]] in words and row[col["Risicotaxatie"]] in words
        assert row[col["Dagen sinds contact"]] == sig.contact.days_since
        last = row[col["Laatste contact"]]
        assert (last.date() if last else None) == sig.contact.last_contact
        assert row[col["Jeugdige"]]
        listed = row[col["Signalen"]] or ""
        assert ("Onder druk" in listed) == sig.onder_druk
        assert (f"Geen cliëntcontact ≥ {sig.contact.months} mnd" in listed) == sig.contact.on
        assert len(listed.split("; ")) == len(sig.codes) or not sig.codes
    timeliness = {r[col["Eerste contact"]] for r in rows} | {
        r[col["Eerste plan van aanpak"]] for r in rows
    }
    assert timeliness <= {"Tijdig", "Te laat", "Ontbreekt", "Binnen termijn"}
    assert "Te laat" in timeliness
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert not [t for t in texts if SNAKE_CODE.search(t)], "codes instead of words"


def test_signals_sheet_names_the_workers(demo_db: Path, tmp_path: Path) -> None:
    wb = load_workbook(export(demo_db, tmp_path / "t.xlsx", "--team", "Assen"))
    ws = wb["Signalen"]
    header = [c.value for c in ws[1]]
    names = {r[header.index("Medewerker")] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert names == {"Gijs Bakker", "Nina Hoekstra"}
    texts = [v for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert not [t for t in texts if SNAKE_CODE.search(t) or re.fullmatch(r"W\d+", t)]


def test_team_and_all_scopes(demo_db: Path, tmp_path: Path) -> None:
    team = load_workbook(export(demo_db, tmp_path / "t.xlsx", "--team", "Assen"))
    everyone = load_workbook(export(demo_db, tmp_path / "e.xlsx", "--alle"))
    assert 1 < team["Signalen"].max_row < everyone["Signalen"].max_row
    assert [c.value for c in team["Acties"][1]] == [t for t, _ in ACTION_COLUMNS]
    assert {r[1] for r in team["Gesprekken"].iter_rows(min_row=2, values_only=True)} == {
        "Gijs Bakker", "Nina Hoekstra",
    }  # fmt: skip


def finish(s, gid: int) -> None:
    conv.finish_conversation(s, gid, peildatum=DEMO_DATE, measures=1, onder_druk=0,
                             with_signal=0)  # fmt: skip


def test_draft_conversation_is_left_out(demo_db: Path, tmp_path: Path) -> None:
    """A draft is not yet agreed: not its conversation, its new actions, its follow-ups or
    its edits; a note on the sheet says it was left out."""
    with open_store(demo_db) as s:
        earlier = conv.open_actions(s, "W001")
        followed, edited = earlier[0], earlier[1]
        gid = conv.start_conversation(s, "W001", "Concept-PB", DEMO_DATE)
        conv.update_conversation(s, gid, praktijkbegeleider="Concept-PB", datum=DEMO_DATE,
                                 notities="Nog niet besproken")  # fmt: skip
        conv.add_action(s, gid, maatregel_id=None, omschrijving="Alleen in het concept",
                        eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
        conv.follow_up(s, gid, followed.id, ActionStatus.AFGEROND, "klaar in concept")
        conv.edit_action(s, gid, edited.id, deadline=DEMO_DATE + timedelta(days=40),
                         omschrijving="Herschreven in concept")  # fmt: skip
    wb = load_workbook(export(demo_db, tmp_path / "d.xlsx", "--medewerker", "W001"))
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}
    assert not {"Alleen in het concept", "Herschreven in concept", "Concept-PB",
                "Nog niet besproken"} & texts  # fmt: skip
    assert not any(isinstance(t, str) and "klaar in concept" in t for t in texts)
    gesprekken = list(wb["Gesprekken"].iter_rows(min_row=2, max_row=3, values_only=True))
    assert all(r[0].date() < DEMO_DATE for r in gesprekken)
    acties = wb["Acties"]
    header = [c.value for c in acties[1]]
    rows = {r[header.index("Actie")]: r for r in acties.iter_rows(min_row=2, values_only=True)}
    assert rows[followed.omschrijving][header.index("Status")].startswith(followed.status.label)
    assert rows[edited.omschrijving][header.index("Deadline")].date() == edited.deadline
    notes = [c.value for c in acties["A"] if isinstance(c.value, str) and "concept" in c.value]
    assert notes and nl(DEMO_DATE) in notes[0] and "nog niet afgesproken" in notes[0]
    data_rows = [r for r in acties.iter_rows(min_row=2, values_only=True)
                 if r[header.index("Actie")] is not None]  # fmt: skip
    assert acties.auto_filter.ref == f"A1:I{len(data_rows) + 1}"  # the note is not filtered
    assert any(
        "concept" in (c.value or "") for c in wb["Gesprekken"]["A"] if isinstance(c.value, str)
    )


def test_changes_agreed_in_a_finished_conversation_are_shown(demo_db: Path, tmp_path: Path) -> None:
    with open_store(demo_db) as s:
        action = conv.open_actions(s, "W001")[0]
        gid = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        new_deadline = DEMO_DATE + timedelta(days=30)
        conv.edit_action(s, gid, action.id, deadline=new_deadline,
                         eigenaar=NamedOwner("Mr. De Boer (jurist)"))  # fmt: skip
        finish(s, gid)
    wb = load_workbook(export(demo_db, tmp_path / "c.xlsx", "--medewerker", "W001"))
    ws = wb["Acties"]
    header = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True)
               if (r[header.index("Actie")] or "").startswith(action.omschrijving))  # fmt: skip
    text = row[header.index("Actie")]
    assert f"Deadline gewijzigd op {nl(DEMO_DATE)}, was: {nl(action.deadline)}" in text
    assert f"Eigenaar gewijzigd op {nl(DEMO_DATE)}, was: {action.eigenaar.label}" in text
    assert row[header.index("Eigenaar")] == "Mr. De Boer (jurist)"
    assert row[header.index("Deadline")].date() == new_deadline


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
        finish(s, gid)
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
        finish(s, gid)
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
