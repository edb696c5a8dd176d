"""The workload in the GUI (issue 15), through the real windows and their real dialogs:
the CRT view's order, its region filter and the load after assignment; a proposal that
becomes an action on the measure and is followed up in the next conversation; the load
in the worker list, the caseload header and the conversation, kept at finishing."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.connection import writing
from caseload_desk.store.facts import NO_FIXED_WORKER, caseload_signals
from caseload_desk.store.records import get_worker, workers
from caseload_desk.ui.conversation.add_action import AddActionDialog
from caseload_desk.ui.workers.model import LOAD_COLUMN
from caseload_desk.ui.workload.crt_dialog import CrtRoomDialog
from caseload_desk.ui.workload.crt_model import CCol, MCol
from tests.conftest import DEMO_DATE, open_window
from tests.journey import Ctrl, answering, click, focus_cell, press_button, shortcut, visible_dialog
from tests.test_journeys import no_dialog_left_hanging, quit_app  # noqa: F401 (fixture)

ROOMY = ("W001", "W003")  # Groningen and Drenthe: 48 contract hours, room for one more
REGION = "Drenthe"


def prepare(db: Path) -> tuple[str, str]:
    """Give two workers room (48 contract hours, no exemption, every measure weighing 1)
    and one CRT measure a region; returns
    (the measure with region, one without)."""
    with open_store(db) as s, writing(s):
        s.conn.execute(
            "UPDATE medewerkers SET contracturen = 48, vrijstelling_uren = 0 "
            f"WHERE medewerker_id IN {ROOMY}"
        )
        s.conn.execute("UPDATE maatregelen SET zwaarte = NULL")  # every measure weighs 1
        ids = sorted(x.maatregel_id for x in caseload_signals(s, DEMO_DATE, NO_FIXED_WORKER))
        for mid, regio in ((ids[0], REGION), (ids[1], "")):
            s.conn.execute("UPDATE maatregelen SET regio = ? WHERE maatregel_id = ?", (regio, mid))
    return ids[0], ids[1]


def expected_after(db: Path, worker: str) -> int:
    """By hand: every weight and zwaarte 1, so the weighted caseload is the number of
    running measures; capacity 12 × 48 / 36 = 16."""
    with open_store(db, read_only=True) as s:
        n = len(caseload_signals(s, DEMO_DATE, worker))
    return round((n + 1) / 16 * 100)


def open_crt(qtbot, window) -> CrtRoomDialog:
    shortcut(qtbot, window, Qt.Key.Key_R, Ctrl)  # Beeld > Ruimte voor CRT-maatregelen
    qtbot.waitUntil(lambda: visible_dialog(CrtRoomDialog) is not None)
    dialog = visible_dialog(CrtRoomDialog)
    assert dialog is not None
    return dialog


def column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def choose_measure(qtbot, dialog: CrtRoomDialog, maatregel_id: str) -> None:
    focus_cell(qtbot, dialog.measures, dialog.measure_model.row_of(maatregel_id), 0)


def pct(text: str) -> int:
    return int(re.search(r"(\d+) %", text).group(1))


def test_crt_view_order_region_and_load_after(qtbot, demo_db: Path, app_settings) -> None:
    with_region, without = prepare(demo_db)
    window = open_window(qtbot, demo_db, app_settings)
    dialog = open_crt(qtbot, window)
    model = dialog.measure_model
    ids = column(model, MCol.MAATREGEL)
    # The same measures as the CRT/CCP caseload in the main window.
    window.select_worker(NO_FIXED_WORKER)
    assert set(ids) == {r.maatregel_id for r in window.caseload.model.rows()} and ids
    # Onder druk first, then the longest running (earliest start).
    pressed = [text == "onder druk" for text in column(model, MCol.ONDER_DRUK)]
    assert any(pressed) and not all(pressed)
    assert pressed == sorted(pressed, reverse=True)
    for group in (True, False):
        starts = [r.measure.startdatum for r, p in zip(model.rows(), pressed, strict=True)
                  if p is group]  # fmt: skip
        assert starts == sorted(starts)

    with open_store(demo_db, read_only=True) as s:
        names = {w: get_worker(s, w) for w in ROOMY}
    # A measure with a region: only workers of that region, lowest load first.
    choose_measure(qtbot, dialog, with_region)
    cands = dialog.candidate_model
    assert set(column(cands, CCol.REGIO)) == {REGION}
    shown = column(cands, CCol.MEDEWERKER)
    assert names["W003"].naam in shown and names["W001"].naam not in shown
    after = [pct(t) for t in column(cands, CCol.NA)]
    assert after == sorted(after) and all(p <= 100 for p in after)
    row = shown.index(names["W003"].naam)
    assert pct(cands.index(row, CCol.NA).data()) == expected_after(demo_db, "W003")
    # Load now: the same as beside the name in the worker list.
    listed = window._worker_index("W003").siblingAtColumn(LOAD_COLUMN).data()
    assert cands.index(row, CCol.NU).data() == listed
    assert REGION in dialog.candidates_label.text()
    # Without a region: anyone with room, from both regions.
    choose_measure(qtbot, dialog, without)
    shown = column(cands, CCol.MEDEWERKER)
    assert {names["W001"].naam, names["W003"].naam} <= set(shown)
    assert "geen regio" in dialog.candidates_label.text()
    dialog.close()
    quit_app(qtbot, window)


def test_a_proposal_is_an_action_on_the_measure_followed_up_next_time(
    qtbot, demo_db: Path, app_settings
) -> None:
    with_region, _ = prepare(demo_db)
    window = open_window(qtbot, demo_db, app_settings)
    dialog = open_crt(qtbot, window)
    choose_measure(qtbot, dialog, with_region)
    with open_store(demo_db, read_only=True) as s:
        anna = get_worker(s, "W003")
        assert conv.draft_conversation(s, "W003") is None
    cands = dialog.candidate_model
    focus_cell(qtbot, dialog.candidates, column(cands, CCol.MEDEWERKER).index(anna.naam), 0)
    assert cands.index(dialog.candidates.currentIndex().row(), CCol.VOORSTELLEN).data() == "0"
    seen: dict[str, str] = {}

    def propose(box: AddActionDialog) -> None:
        seen.update(text=box.description.text(), owner=box.owner.currentText(),
                    title=box.windowTitle())  # fmt: skip
        press_button(box, "Voorstel vastleggen")

    with answering(qtbot, AddActionDialog, propose):
        click(qtbot, dialog.propose_button)
    text = f"voorstel: toewijzen aan {anna.naam}"
    assert seen == {"text": text, "owner": "Praktijkbegeleider", "title": "Voorstel vastleggen"}
    # The view shows the proposal beside the measure and beside the worker.
    model = dialog.measure_model
    assert model.index(model.row_of(with_region), MCol.VOORSTEL).data() == anna.naam
    row = column(cands, CCol.MEDEWERKER).index(anna.naam)
    assert cands.index(row, CCol.VOORSTELLEN).data() == "1"
    dialog.close()

    # On the measure: in the dossier of the CRT/CCP caseload.
    window.select_worker(NO_FIXED_WORKER)
    assert window.caseload.select(with_region)
    on_measure = window.dossier.actions_model.actions()
    assert [a.omschrijving for a in on_measure] == [text]
    # In the worker's conversation: a new action there, to talk over with her.
    talk = start(qtbot, window, "W003")
    assert text in [a.omschrijving for a in talk.new_model.actions()]
    header_load = talk.load_label.text()
    finish(qtbot, talk)
    with open_store(demo_db, read_only=True) as s:
        done = conv.get_conversation(s, talk.gesprek_id)
    assert done.afgerond and done.belasting_pct == pct(header_load)
    # The next conversation follows it up.
    talk = start(qtbot, window, "W003")
    follow = talk.follow_model
    assert text in [follow.action_at(r).omschrijving for r in range(follow.rowCount())]
    talk.close()
    quit_app(qtbot, window)


def get_store(window):
    assert window.store is not None
    return window.store


def start(qtbot, window, worker: str):
    window.select_worker(worker)
    shortcut(qtbot, window, Qt.Key.Key_G, Ctrl)
    talk = window.conversation
    qtbot.waitUntil(talk.isActiveWindow)
    return talk


def finish(qtbot, talk) -> None:
    with answering(
        qtbot, QMessageBox, lambda box: press_button(box, "Afronden"),
        then=[(QMessageBox, lambda box: press_button(box, "Niet nu"))],
    ):  # fmt: skip
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: not talk.isVisible())


def test_the_load_shows_beside_the_worker_in_the_caseload_and_the_conversation(
    qtbot, demo_db: Path, app_settings
) -> None:
    with open_store(demo_db) as s, writing(s):  # W002 part-time: 18 hours, so above 100 %
        s.conn.execute(
            "UPDATE medewerkers SET contracturen = 18, vrijstelling_uren = 0 "
            "WHERE medewerker_id = 'W002'"
        )
        s.conn.execute("UPDATE maatregelen SET zwaarte = NULL")
        n = len(caseload_signals(s, DEMO_DATE, "W002"))
    over = round(n / 6 * 100)  # capacity 12 × 18 / 36 = 6
    window = open_window(qtbot, demo_db, app_settings)
    cell = window._worker_index("W002").siblingAtColumn(LOAD_COLUMN)
    assert cell.data() == f"▲ {over} %"  # the mark, not colour alone
    assert cell.data(Qt.ItemDataRole.FontRole).bold()
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "boven de norm" in tip and "Capaciteit = norm 12 × (18 − 0 uur) / 36" in tip
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == f"belasting {over} %, boven de norm"
    window.select_worker("W002")
    label = window.caseload.load_label
    assert label.isVisible() and label.text() == f"Belasting ▲ {over} %"
    # Ctrl+L: the team's load chart, with the same load and the mark.
    shortcut(qtbot, window, Qt.Key.Key_L, Ctrl)
    chart = window.charts.load
    qtbot.waitUntil(chart.isVisible)
    team = {
        w.naam for w in workers(get_store(window), team=get_worker(get_store(window), "W002").team)
    }
    assert {b.label for b in chart.bars} == team
    assert f"▲ {over} % boven de norm" in chart.label_texts()
    window.centre_tabs.setCurrentIndex(0)
    window.select_worker(NO_FIXED_WORKER)  # no load for measures without a fixed worker
    assert not label.isVisible()
    talk = start(qtbot, window, "W002")
    assert talk.load_label.text() == f"Belasting: ▲ {over} %"
    assert "boven de norm" in talk.load_label.toolTip()
    talk.close()
    quit_app(qtbot, window)
