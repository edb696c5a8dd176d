"""The Qt models alone: model tester, roles, sorting and filtering on raw values."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from caseload_desk.domain import ActionStatus, MeasureType
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.ui.actions_model import ActionsModel
from caseload_desk.ui.caseload.model import ROW_ROLE, CaseloadModel, Col
from caseload_desk.ui.caseload.proxy import CaseloadProxy
from caseload_desk.ui.caseload.rows import load_caseload
from caseload_desk.ui.conversation.follow_up_model import FCol, FollowUpModel
from tests.conftest import DEMO_DATE


def caseload(demo_file: Path, worker: str = "W001"):
    with open_store(demo_file, read_only=True) as s:
        return load_caseload(s, DEMO_DATE, worker)


def test_caseload_model_passes_model_tester(qtmodeltester, demo_file: Path) -> None:
    model = CaseloadModel()
    model.set_rows(caseload(demo_file))
    qtmodeltester.check(model, force_py=True)
    proxy = CaseloadProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_cells_say_it_in_words_and_icons(demo_file: Path) -> None:
    model = CaseloadModel()
    rows = caseload(demo_file)
    model.set_rows(rows)
    i = next(n for n, r in enumerate(rows) if r.signals.onder_druk)
    index = model.index(i, Col.ONDER_DRUK)
    assert index.data() == "Ja"
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None  # icon, not colour alone
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Onder druk: Ja"
    contact = model.index(i, Col.CONTACT).data()
    assert "d)" in contact


def test_cells_belong_to_their_own_row_after_a_switch(demo_file: Path) -> None:
    """Cells are worked out once per row and kept: never a previous caseload's or row's."""
    from caseload_desk.ui.caseload import model as m

    model = CaseloadModel()
    model.set_rows(caseload(demo_file, "W002"))
    for r in reversed(range(model.rowCount())):  # fill the cache out of order
        model.index(r, 0).data()
    rows = caseload(demo_file, "W001")
    model.set_rows(rows)
    for r in reversed(range(model.rowCount())):
        for col in Col:
            index, row = model.index(r, col), rows[r]
            assert index.data() == m._display(row, col)
            assert index.data(Qt.ItemDataRole.ForegroundRole) == m._foreground(row, col)
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            expected = m._decoration(row, col)
            assert (icon is None) == (expected is None)
            if icon is not None:
                assert icon.cacheKey() == expected.cacheKey()
            assert index.data(ROW_ROLE) is row


def test_sorting_uses_raw_values(demo_file: Path) -> None:
    model = CaseloadModel()
    model.set_rows(caseload(demo_file))
    proxy = CaseloadProxy()
    proxy.setSourceModel(model)
    proxy.sort(Col.CONTACT, Qt.SortOrder.AscendingOrder)
    days = [
        proxy.index(r, 0).data(ROW_ROLE).signals.contact.days_since for r in range(proxy.rowCount())
    ]
    assert days == sorted(days)  # 9 before 48 before 104: numbers, not text
    proxy.sort(Col.START, Qt.SortOrder.AscendingOrder)
    starts = [
        proxy.index(r, 0).data(ROW_ROLE).signals.measure.startdatum for r in range(proxy.rowCount())
    ]
    assert starts == sorted(starts)  # dd-mm-jjjj text would sort by day


def test_quick_filters(demo_file: Path) -> None:
    rows = caseload(demo_file)
    model = CaseloadModel()
    model.set_rows(rows)
    proxy = CaseloadProxy()
    proxy.setSourceModel(model)
    proxy.set_only_onder_druk(True)
    assert proxy.rowCount() == sum(r.signals.onder_druk for r in rows) > 0
    proxy.set_only_onder_druk(False)
    proxy.set_only_signal(True)
    assert proxy.rowCount() == sum(r.signals.any_signal for r in rows)
    proxy.set_only_signal(False)
    proxy.set_types(frozenset({MeasureType.VOOGDIJ}))
    assert proxy.rowCount() == sum(r.signals.measure.type is MeasureType.VOOGDIJ for r in rows)
    proxy.set_types(frozenset())
    proxy.set_text(rows[3].jeugdige.lower())
    assert rows[3] in [proxy.index(r, 0).data(ROW_ROLE) for r in range(proxy.rowCount())]
    proxy.set_text("M99999")
    assert proxy.rowCount() == 0


def test_actions_model(qtmodeltester, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        actions = conv.actions_of_worker(s, "W001")
    model = ActionsModel()
    model.set_actions(actions, DEMO_DATE)
    qtmodeltester.check(model, force_py=True)
    overdue = [i for i, a in enumerate(actions) if a.status.is_open and a.deadline < DEMO_DATE]
    assert overdue
    assert "(verlopen)" in model.index(overdue[0], 5).data()


def test_follow_up_model_shows_history_and_is_read_only(qtmodeltester, demo_db: Path) -> None:
    with open_store(demo_db) as s:
        g1 = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        first = conv.actions_to_follow_up(s, "W001", g1)[0]
        conv.follow_up(s, g1, first.id, ActionStatus.LOOPT_NOG, "Overdracht gepland in december")
        conv.finish_conversation(s, g1, peildatum=DEMO_DATE, measures=1, onder_druk=0,
                                 with_signal=0)  # fmt: skip
        later = DEMO_DATE + timedelta(days=28)
        g2 = conv.start_conversation(s, "W001", "PB", later)
        actions = conv.actions_to_follow_up(s, "W001", g2)
    model = FollowUpModel()
    model.set_actions(actions, g2, later)
    qtmodeltester.check(model, force_py=True)
    row = model.row_of(first.id)
    assert not model.index(row, FCol.OPVOLGING).flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index(row, FCol.OPVOLGING).data() == "Nog niet opgevolgd"
    # Last time's note is in the row itself, not only in a tooltip.
    assert model.index(row, FCol.EERDER).data() == (
        f"{DEMO_DATE:%d-%m-%Y} loopt nog: Overdracht gepland in december"
    )
    assert first.jeugdige and first.jeugdige in model.index(row, FCol.OVER).data()


def test_counts_filled_in_later_equal_counts_built_in(qapp, demo_file: Path) -> None:
    """Large files count in the background and fill the list afterwards: same result."""
    from PySide6.QtGui import QStandardItemModel

    from caseload_desk.signals import SignalSettings
    from caseload_desk.ui.workers.model import build_worker_model, update_counts, worker_counts

    def rows(model: QStandardItemModel) -> list:
        """Every row as a function from column to item (never the Qt-made root item)."""
        out = []
        for r in range(model.rowCount()):
            top = model.item(r, 0)
            out.append(lambda col, r=r: model.item(r, col))
            out += [lambda col, top=top, c=c: top.child(c, col) for c in range(top.rowCount())]
        return out

    def cells(model: QStandardItemModel) -> list[tuple]:
        out = []
        for cell in rows(model):
            item = cell(0)
            key = 0 if item.icon().isNull() else item.icon().cacheKey()
            out.append((item.text(), cell(1).text(), cell(2).text(), key))
        return out

    def tips(model: QStandardItemModel) -> list[str]:
        return [cell(col).toolTip() for cell in rows(model) for col in range(3)]

    with open_store(demo_file, read_only=True) as s:
        counts = worker_counts(s, DEMO_DATE, SignalSettings())
        direct, later = QStandardItemModel(), QStandardItemModel()
        build_worker_model(s, counts, direct)
        build_worker_model(s, None, later)
    assert cells(later) != cells(direct)
    # Not counted yet: no figures and no icon, never a reassuring green tick.
    not_counted = [c for c in cells(later) if c[1] == c[2] == "…"]
    blank = {c[3] for c in not_counted}
    assert len(not_counted) > 5 and len(blank) == 1  # one empty icon, no status yet
    assert not blank & {c[3] for c in cells(direct)}
    update_counts(later, counts)
    assert cells(later) == cells(direct)
    assert tips(later) == tips(direct)
    assert any(c[1] not in ("", "0") for c in cells(direct))


def test_only_closed_actions_get_the_tick(qapp, demo_db: Path) -> None:
    """ "Loopt nog" is open work: it must not look like "Afgerond"."""
    from caseload_desk.ui.resources import icon

    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W001", "PB", DEMO_DATE)
        actions = conv.actions_to_follow_up(s, "W001", gid)
        conv.follow_up(s, gid, actions[0].id, ActionStatus.AFGEROND, "")
        conv.follow_up(s, gid, actions[1].id, ActionStatus.LOOPT_NOG, "")
        conv.follow_up(s, gid, actions[2].id, ActionStatus.VERVALLEN, "")
        actions = conv.actions_to_follow_up(s, "W001", gid)
    model = FollowUpModel()
    model.set_actions(actions, gid, DEMO_DATE)
    ok = icon("ok").cacheKey()
    decorations = {
        model.action_at(r).id: model.index(r, FCol.OPVOLGING).data(Qt.ItemDataRole.DecorationRole)
        for r in range(model.rowCount())
    }
    by_status = {
        model.current(model.action_at(r)).status
        if model.current(model.action_at(r))
        else None: model.action_at(r).id
        for r in range(model.rowCount())
    }
    keys = {status: decorations[i].cacheKey() for status, i in by_status.items()}
    assert keys[ActionStatus.AFGEROND] == ok
    # Each status its own icon: loopt nog, vervallen and not yet never look alike.
    assert len(set(keys.values())) == len(keys)
