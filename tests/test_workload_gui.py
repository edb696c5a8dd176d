"""The workload's models and charts (issue 15): what the GUI shows for a load, the CRT
view's rows and candidates, the worker list's column, the load kept at finishing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QStandardItemModel

from caseload_desk.domain import ActionOwner, ActionStatus, MeasureType, Regie
from caseload_desk.signals.facts import Measure
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.workload import worker_loads
from caseload_desk.ui.charts.data import load_bars, trend
from caseload_desk.ui.charts.load_chart import LoadChart
from caseload_desk.ui.charts.trend_chart import TrendChart
from caseload_desk.ui.conversation.history import ConversationListModel
from caseload_desk.ui.conversation.report_text import conversation_html
from caseload_desk.ui.itemdata import item
from caseload_desk.ui.workers.model import LOAD_COLUMN, build_worker_model, update_counts
from caseload_desk.ui.workload.crt_model import (
    ROW_ROLE,
    CandidateModel,
    CCol,
    CrtMeasureModel,
    MCol,
    running_text,
)
from caseload_desk.ui.workload.crt_rows import crt_rows, proposal_text, proposals_per_worker
from caseload_desk.ui.workload.look import load_at_finish, load_text, load_tip, spoken
from caseload_desk.workload import (
    Load,
    WorkerHours,
    WorkerLoad,
    WorkloadMeasure,
    WorkloadSettings,
    candidates_for,
)
from tests.conftest import DEMO_DATE

P = date(2026, 11, 23)


def test_a_load_reads_with_a_mark_above_the_norm() -> None:
    assert load_text(Load(11, 12, 11)) == "92 %"
    assert load_text(Load(12, 12, 12)) == "100 %"  # at the norm: no mark
    assert load_text(Load(13, 12, 13)) == "▲ 108 %"
    assert load_text(Load(3, 0, 3)) == "—" and load_text(None) == "—"
    assert spoken(Load(13, 12, 13)) == "belasting 108 %, boven de norm"
    tip = load_tip(Load(13, 12, 13), WorkerHours(None, 4), WorkloadSettings())
    assert "boven de norm" in tip and "13 maatregelen" in tip
    assert "(36 − 4 uur) / 36 uur voltijd (lege uren uit de export" in tip
    assert "Geen capaciteit" in load_tip(Load(3, 0, 3))
    assert "1 maatregel met" in load_tip(Load(1, 12, 1))


def _measure(s, mid: str, wid: str | None, regie: str, start: str, regio: str = "") -> None:
    s.conn.execute(
        "INSERT INTO maatregelen (maatregel_id, medewerker_id, jeugdige, type, startdatum, "
        "regie, regio) VALUES (?, ?, ?, 'OTS', ?, ?, ?)",
        (mid, wid, f"Kind {mid}", start, regie, regio),
    )


def _client_care(s, mid: str) -> None:
    """Contact, plan and risk assessment last month: not onder druk."""
    s.conn.execute("INSERT INTO contacten (maatregel_id, datum, met) VALUES (?, '2026-11-01', "
                   "'jeugdige')", (mid,))  # fmt: skip
    s.conn.execute("INSERT INTO plannen_van_aanpak (maatregel_id, vastgesteld_op) VALUES "
                   "(?, '2026-11-01')", (mid,))  # fmt: skip
    s.conn.execute("INSERT INTO risicotaxaties (maatregel_id, datum) VALUES (?, '2026-11-01')",
                   (mid,))  # fmt: skip


def test_crt_rows_onder_druk_first_then_longest_running(worker_store) -> None:
    s = worker_store
    _measure(s, "C1", None, "CRT", "2024-01-01")
    _measure(s, "C2", None, "CCP", "2023-01-01", "Drenthe")
    _measure(s, "C3", None, "CRT", "2025-06-01")  # onder druk: nothing ever done
    _measure(s, "C4", None, "CRT", "2025-09-01")  # onder druk too, started later
    _measure(s, "C5", "W1", "CRT", "2022-01-01")  # a worker, but regie CRT: no fixed JB
    _measure(s, "C6", None, "CRT", "2027-01-01")  # not running yet
    for mid in ("C1", "C2", "C5"):
        _client_care(s, mid)
    rows = crt_rows(s, P)
    assert [r.maatregel_id for r in rows] == ["C3", "C4", "C5", "C2", "C1"]
    assert [r.onder_druk for r in rows] == [True, True, False, False, False]
    assert rows[3].item.regio == "Drenthe" and rows[3].held_by == "CCP"
    model = CrtMeasureModel()
    model.set_rows(rows, P)
    assert model.index(0, MCol.ONDER_DRUK).data() == "onder druk"
    assert model.index(3, MCol.REGIO).data() == "Drenthe"
    assert model.index(4, MCol.REGIO).data() == "—"
    assert "iedereen" in model.index(4, MCol.REGIO).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(4, MCol.LOOPT).data() == "2 jaar, 10 mnd"
    assert model.index(4, MCol.LOOPT).data(Qt.ItemDataRole.ToolTipRole) == "Gestart op 01-01-2024"
    assert item(model.index(1, 0), ROW_ROLE, type(rows[0])) == rows[1]


def test_running_text() -> None:
    assert running_text(1) == "1 dag" and running_text(30) == "30 dagen"
    assert running_text(61) == "2 mnd" and running_text(365) == "1 jaar"
    assert running_text(365 + 62) == "1 jaar, 2 mnd"


def test_proposals_show_until_followed_up(worker_store) -> None:
    s = worker_store
    _measure(s, "C1", None, "CRT", "2024-01-01")
    gid = conv.start_conversation(s, "W1", "Marieke", P)
    actie = conv.add_action(s, gid, maatregel_id="C1", omschrijving=proposal_text("Anna"),
                            eigenaar=ActionOwner.PRAKTIJKBEGELEIDER, deadline=P)  # fmt: skip
    conv.add_action(s, gid, maatregel_id="C1", omschrijving="Dossier lezen",
                    eigenaar=ActionOwner.MEDEWERKER, deadline=P)  # fmt: skip
    [row] = crt_rows(s, P)
    assert [(p.medewerker_id, p.naam, p.datum) for p in row.proposals] == [("W1", "Anna", P)]
    assert proposals_per_worker(s) == {"W1": 1}
    model = CrtMeasureModel()
    model.set_rows([row], P)
    assert model.index(0, MCol.VOORSTEL).data() == "Anna"
    assert "vastgelegd 23-11-2026" in model.index(0, MCol.VOORSTEL).data(
        Qt.ItemDataRole.ToolTipRole
    )
    conv.finish_conversation(s, gid, peildatum=P, measures=0, onder_druk=0, with_signal=0)
    later = conv.start_conversation(s, "W1", "Marieke", date(2026, 12, 7))
    conv.follow_up(s, later, actie, ActionStatus.AFGEROND)
    assert crt_rows(s, P)[0].proposals == () and proposals_per_worker(s) == {}


def _worker(wid: str, regio: str, n: int, contract: float = 36) -> WorkerLoad:
    hours = WorkerHours(contract, None)
    return WorkerLoad(wid, f"Naam {wid}", "Team", regio, hours, Load(n, 12 * contract / 36, n))


def test_candidate_model_shows_load_now_and_after() -> None:
    crt = WorkloadMeasure(Measure("C1", None, MeasureType.OTS, Regie.CRT, date(2025, 1, 1), None),
                          None, "Drenthe")  # fmt: skip
    workers = [_worker("W1", "Drenthe", 10), _worker("W2", "Drenthe", 8),
               _worker("W3", "Groningen", 2), _worker("W4", "Drenthe", 12)]  # fmt: skip
    found = candidates_for(crt, workers, P)
    model = CandidateModel()
    model.set_candidates(found, {"W2": 2}, WorkloadSettings())
    names = [model.index(r, CCol.MEDEWERKER).data() for r in range(model.rowCount())]
    assert names == ["Naam W2", "Naam W1"]  # W3 another region, W4 over 100 % after
    assert model.index(0, CCol.NU).data() == "67 %" and model.index(0, CCol.NA).data() == "75 %"
    assert model.index(1, CCol.NA).data() == "92 %"
    assert model.index(0, CCol.VOORSTELLEN).data() == "2"
    assert model.index(1, CCol.VOORSTELLEN).data() == "0"
    assert "Na toewijzing" in model.index(0, CCol.NA).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, CCol.NA).data(Qt.ItemDataRole.FontRole).bold()
    assert item(model.index(0, 0), ROW_ROLE, WorkerLoad) == workers[1]
    assert model.candidate_of("W1").after.belasting_pct == 92


def _load_cells(model: QStandardItemModel) -> dict[str, tuple[str, str]]:
    out = {}
    for r in range(model.rowCount()):
        top = model.item(r, 0)
        for c in range(top.rowCount()):
            cell = top.child(c, LOAD_COLUMN)
            out[top.child(c, 0).data(Qt.ItemDataRole.UserRole + 1)] = (cell.text(), cell.toolTip())
    return out


def test_worker_list_load_column_built_in_or_filled_in_later(qapp, demo_file: Path) -> None:
    from caseload_desk.signals import SignalSettings
    from caseload_desk.ui.workers.model import worker_counts

    with open_store(demo_file, read_only=True) as s:
        counts = worker_counts(s, DEMO_DATE, SignalSettings())
        loads = {w.medewerker_id: w for w in worker_loads(s, DEMO_DATE)}
        direct, later = QStandardItemModel(), QStandardItemModel()
        build_worker_model(s, counts, direct, loads, WorkloadSettings())
        build_worker_model(s, None, later)
    shown = _load_cells(direct)
    assert set(shown) == set(loads)
    for wid, w in loads.items():
        assert shown[wid][0] == load_text(w.load)
        assert shown[wid][0].startswith("▲") == w.load.boven_norm
    assert {text for text, _ in _load_cells(later).values()} == {"…"}  # not computed yet
    update_counts(later, counts, loads, WorkloadSettings())
    assert _load_cells(later) == shown
    assert direct.headerData(LOAD_COLUMN, Qt.Orientation.Horizontal) == "Belasting"
    tip = direct.headerData(LOAD_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Belasting: de gewogen caseload")


def test_the_load_is_kept_when_a_conversation_is_finished(worker_store) -> None:
    s = worker_store
    gid = conv.start_conversation(s, "W1", "Marieke", P)
    draft = conv.get_conversation(s, gid)
    assert (draft.gewogen, draft.capaciteit, draft.belasting_pct) == (None, None, None)
    assert load_at_finish(draft) == ""
    conv.finish_conversation(s, gid, peildatum=P, measures=1, onder_druk=0, with_signal=0,
                             load=(13.0, 12.0, 108))  # fmt: skip
    done = conv.get_conversation(s, gid)
    assert (done.gewogen, done.capaciteit, done.belasting_pct) == (13.0, 12.0, 108)
    assert load_at_finish(done) == "▲ 108 %"
    model = ConversationListModel([done, draft])
    assert model.index(0, 5).data() == "▲ 108 %"
    assert "gewogen caseload 13 tegenover een capaciteit van 12" in model.index(0, 5).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert "bewaard bij afronden" in model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert "Belasting bij afronden: ▲ 108 %." in conversation_html(s, gid)
    [point] = trend([done])
    assert point.belasting == 108


def test_load_trend_plots_the_stored_loads(qtbot, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        history = conv.conversations(s, "W001")
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_conversations(history)
    kept = [c.belasting_pct for c in history if c.afgerond]
    assert kept and None not in kept  # the demo keeps the load with its conversations
    assert [p.belasting for p in chart.load_points()] == kept
    curves = [i for i in chart.load_plot.getPlotItem().items if isinstance(i, pg.PlotDataItem)]
    assert [list(c.yData) for c in curves] == [kept]
    chart.set_conversations([])
    assert "nog niet vastgelegd" in chart.load_plot.getPlotItem().titleLabel.text


def test_load_chart_bars_labels_and_click(qtbot) -> None:
    loads = [_worker("W1", "", 13), _worker("W2", "", 9), _worker("W3", "", 4, contract=0)]
    bars = load_bars(loads)
    assert [b.key for b in bars] == ["W3", "W2", "W1"]  # the first by name at the top
    chart = LoadChart()
    qtbot.addWidget(chart)
    chart.resize(800, 500)
    chart.show()
    chart.set_bars("Team", bars)
    assert chart.label_texts() == ["geen capaciteit", "75 %", "▲ 108 % boven de norm"]
    assert chart.bar_at(QPointF(50, 2)).key == "W1"
    assert chart.bar_at(QPointF(50, 1.5)) is None
    with qtbot.waitSignal(chart.worker_clicked) as clicked:
        from tests.test_charts import click_data_point

        click_data_point(qtbot, chart.plot, 40, 1)
    assert clicked.args == ["W2"]
