"""Issue 14 through the real window: import a later export that lacks a measure (answering
the export-date step), find the measure under *Niet meer in de export*, and follow up its
open action in the conversation, where it is marked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.importer import import_export
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.ui.conversation.follow_up_model import FCol
from caseload_desk.ui.dialogs import ExportDateDialog
from caseload_desk.ui.left_export import LCol
from tests.conftest import DEMO_DATE, open_window
from tests.exports import BASE, tables, xlsx
from tests.journey import (
    Ctrl,
    answering,
    choose_file,
    export_date,
    focus_cell,
    press_button,
    shortcut,
)
from tests.test_journeys import no_dialog_left_hanging, note, quit_app  # noqa: F401 (fixture)

D1, D2 = DEMO_DATE - timedelta(days=40), DEMO_DATE - timedelta(days=10)
WITHOUT_M2 = tables(
    maatregelen=[r for r in BASE["maatregelen"][1] if r[0] != "M2"],
    contacten=[r for r in BASE["contacten"][1] if r[0] != "M2"],
)


def first_export_with_an_action(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "caseload.db"
    with open_store(db, create=True) as s:
        import_export(xlsx(tmp_path / "e1.xlsx"), s, exportdatum=D1)
        gid = conv.start_conversation(s, "W1", "Piet", D1)
        actie_id = conv.add_action(s, gid, maatregel_id="M2", omschrijving="Overdracht nagaan",
                                   eigenaar=ActionOwner.MEDEWERKER, deadline=D1 + timedelta(days=14))  # fmt: skip
        conv.finish_conversation(s, gid, peildatum=D1, measures=2, onder_druk=0, with_signal=2)
    return db, actie_id


def test_a_measure_that_left_the_export_is_listed_and_its_action_followed_up(
    qtbot, tmp_path: Path, app_settings
) -> None:
    db, actie_id = first_export_with_an_action(tmp_path)
    window = open_window(qtbot, db, app_settings)
    assert window.select_worker("W1")
    assert {r.maatregel_id for r in window.caseload.visible_rows()} == {"M1", "M2"}

    # Gegevens > Importeren: the file, then the export's date (typed), then the summary.
    asked: list[str] = []

    def date_step(dialog: ExportDateDialog) -> None:
        asked.append(dialog.findChild(QLabel, "exportDateError").text())
        assert dialog.value() == date.today()  # today filled in
        export_date(qtbot, D2)(dialog)

    seen: list[str] = []
    later = xlsx(tmp_path / "e2.xlsx", WITHOUT_M2)
    with answering(qtbot, QFileDialog, choose_file(qtbot, later),
                   then=[(ExportDateDialog, date_step), (QMessageBox, note(seen))]):  # fmt: skip
        shortcut(qtbot, window, Qt.Key.Key_I, Ctrl)
    assert "Import geslaagd" in seen[0] and asked == [""]
    qtbot.waitUntil(lambda: window.select_worker("W1"))
    # Silent in the caseload after the export's date, listed in its own tab.
    qtbot.waitUntil(lambda: {r.maatregel_id for r in window.caseload.visible_rows()} == {"M1"})
    tabs = window.centre_tabs
    index = tabs.indexOf(window.left_export)
    assert tabs.tabText(index) == "Niet meer in de export (1)"
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    qtbot.waitUntil(lambda: tabs.currentWidget() is window.left_export)
    panel = window.left_export
    model = panel.model
    assert model.rowCount() == 1
    assert model.index(0, LCol.MAATREGEL).data() == "M2"
    assert model.index(0, LCol.UIT).data() == f"{D2:%d-%m-%Y}"
    assert model.index(0, LCol.ACTIES).data() == "1"
    assert "1 maatregel staat niet meer in de export" in panel.intro.text()
    focus_cell(qtbot, panel.actions_view, 0, 0)
    action = panel.current_action()
    assert action is not None and action.id == actie_id and action.uit_export_op == D2

    # "Actie opvolgen in gesprek…": the conversation opens on this action, marked.
    press_button(panel, "Actie opvolgen in gesprek…")
    talk = window.conversation
    assert talk is not None
    qtbot.waitUntil(talk.isActiveWindow)
    view, follow = talk.follow_view, talk.follow_model
    row = follow.row_of(actie_id)
    assert view.currentIndex().row() == row and view.hasFocus()
    over = follow.index(row, FCol.OVER).data()
    assert over == "M2 (uit export) · Kind Twee"
    tip = follow.index(row, FCol.OVER).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == f"M2 · Kind Twee: maatregel niet meer in de export sinds {D2:%d-%m-%Y}"
    assert "1 actie hoort bij een maatregel die niet meer in de export staat" in (
        talk.follow.summary.text()
    )
    assert f"niet meer in de export sinds {D2:%d-%m-%Y}" in talk.follow.story.toPlainText()
    shortcut(qtbot, view, Qt.Key.Key_1, Qt.KeyboardModifier.NoModifier)  # 1 = afgerond
    qtbot.waitUntil(lambda: follow.index(row, FCol.OPVOLGING).data() == "Afgerond")
    with open_store(db, read_only=True) as s:
        [a] = conv.actions_of_measure(s, "M2")
        assert a.status is ActionStatus.AFGEROND
    talk.close()
    # Back in the main window the tab counts no open action any more.
    qtbot.waitUntil(lambda: model.index(0, LCol.ACTIES).data() == "")
    assert "0 open acties" in panel.intro.text()
    quit_app(qtbot, window)


def test_the_export_date_step_explains_a_date_it_refuses(
    qtbot, tmp_path: Path, app_settings
) -> None:
    db, _ = first_export_with_an_action(tmp_path)
    window = open_window(qtbot, db, app_settings)
    later = xlsx(tmp_path / "e2.xlsx", WITHOUT_M2)
    said: list[str] = []

    def too_old_then_cancel(dialog: ExportDateDialog) -> None:
        export_date(qtbot, D1 - timedelta(days=1))(dialog)  # before the newest import's
        said.append(dialog.findChild(QLabel, "exportDateError").text())
        assert dialog.isVisible()  # not accepted
        press_button(dialog, "Annuleren")

    with answering(qtbot, QFileDialog, choose_file(qtbot, later),
                   then=[(ExportDateDialog, too_old_then_cancel)]):  # fmt: skip
        shortcut(qtbot, window, Qt.Key.Key_I, Ctrl)
    assert f"vóór die van de laatst ingelezen export ({D1:%d-%m-%Y})" in said[0]
    assert window.statusBar().currentMessage() == (
        "Import geannuleerd; de database is niet gewijzigd"
    )
    with open_store(db, read_only=True) as s:
        assert s.conn.execute("SELECT count(*) FROM importlog").fetchone()[0] == 1
    quit_app(qtbot, window)


def test_left_export_model_passes_the_model_tester(qtmodeltester, tmp_path: Path) -> None:
    from caseload_desk.store.records import left_export
    from caseload_desk.ui.left_export import LeftExportModel

    db, _ = first_export_with_an_action(tmp_path)
    with open_store(db) as s:
        import_export(xlsx(tmp_path / "e2.xlsx", WITHOUT_M2), s, exportdatum=D2)
        rows = left_export(s, "W1")
        assert left_export(s, "W2") == [] and left_export(s, None, no_fixed_worker=True) == []
    model = LeftExportModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in LCol] == [
        "M2", "Kind Twee", "Voogdij", "06-01-2025", "", f"{D2:%d-%m-%Y}", "1"
    ]  # fmt: skip
