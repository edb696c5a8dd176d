"""The Monitor window (issue 16) as a praktijkbegeleider uses it: opened with Ctrl+M,
switched between organisation, team and worker and between weeks and months, a point in
a chart clicked to see the measures behind it, and the table exported to Excel.

The numbers are checked against the app's own signals on a peildatum (what the caseload
and `caseload-desk signals` show), not against the monitor engine itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from caseload_desk.dates import nl
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui.monitor.measures import MeasuresDialog
from caseload_desk.ui.monitor.table import FROZEN
from caseload_desk.ui.monitor.window import MonitorWindow
from caseload_desk.ui.style import ROW_ALERT
from tests.accessibility import unnamed_widgets
from tests.conftest import DEMO_DATE
from tests.journey import Ctrl, answering, choose_file, press_button, shortcut, visible_dialog

WORKER = "W001"


def open_monitor(qtbot, main_window) -> MonitorWindow:
    shortcut(qtbot, main_window, Qt.Key.Key_M, Ctrl)
    monitor = visible_dialog(MonitorWindow)
    assert monitor is not None, "Ctrl+M opende geen monitor"
    qtbot.waitUntil(lambda: monitor.model.columnCount() > FROZEN, timeout=20000)
    return monitor


def wait_computed(qtbot, monitor: MonitorWindow, columns: int) -> None:
    qtbot.waitUntil(
        lambda: not monitor.busy_now() and monitor.model.columnCount() == FROZEN + columns,
        timeout=20000,
    )


def row_of(monitor: MonitorWindow, key: str) -> int:
    keys = [i.key for i in monitor.grid.indicators]
    return keys.index(key)


def title(model, column: int) -> str:
    """A column's title on one line ("23-11-2026"; on screen the year is under the day)."""
    return model.headerData(column, Qt.Orientation.Horizontal).replace("\n", "-")


def number(monitor: MonitorWindow, key: str, column: int) -> str:
    """The value in a cell without the ▲/▼ that marks it past its norm."""
    return monitor.model.index(row_of(monitor, key), column).data().lstrip("▲▼ ").replace(".", "")


def signals_on(db: Path, peildatum: date, worker: str | None = None) -> list:
    with open_store(db, read_only=True, check="skip") as store:
        return caseload_signals(store, peildatum, worker)


def test_ctrl_m_opens_the_last_year_weekly_up_to_the_peildatum(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    model = monitor.model
    header = [title(model, c) for c in range(model.columnCount())]
    assert header[:FROZEN] == ["Indicator", "Norm"]
    assert header[-1] == nl(DEMO_DATE) and header[FROZEN] == nl(
        DEMO_DATE.replace(year=2025, month=12, day=1)
    )
    # Every row equals what the signals give on that day: the last peildatum is today's.
    signals = signals_on(main_window.db_path, DEMO_DATE)
    last = model.columnCount() - 1
    expected = {
        "lopend": len(signals),
        "onder_druk": sum(s.onder_druk for s in signals),
        "geen_contact": sum(s.contact.on for s in signals),
        "geen_vaste_jb": sum(s.without_fixed_worker for s in signals),
        "eerste_contact_open": sum(s.first_contact.on for s in signals),
    }
    for key, n in expected.items():
        assert number(monitor, key, last) == str(n), key
    monitor.close()


def test_cells_past_the_norm_carry_a_sign_and_a_colour(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    model, seen = monitor.model, 0
    for r, indicator in enumerate(monitor.grid.indicators):
        for c, value in enumerate(monitor.grid.values[r]):
            index = model.index(r, FROZEN + c)
            text = index.data()
            past = (
                indicator.norm is not None
                and value is not None
                and (value < indicator.norm if indicator.percent else value > indicator.norm)
            )
            assert text.startswith(("▲", "▼")) == past, (indicator.key, text)
            assert (index.data(Qt.ItemDataRole.BackgroundRole) == ROW_ALERT) == past
            seen += past
    assert seen, "de demo heeft waarden buiten de norm: die moeten te zien zijn"
    monitor.close()


def test_the_indicator_and_norm_columns_stay_in_view(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    table = monitor.table
    bar = table.values.horizontalScrollBar()
    assert bar.maximum() > 0, "52 weken passen niet naast elkaar: de tabel schuift opzij"
    for position in (bar.minimum(), bar.maximum()):
        bar.setValue(position)
        assert table.fixed.isVisible() and table.fixed.width() > 100
        assert [table.fixed.isColumnHidden(c) for c in range(FROZEN + 1)] == [False, False, True]
        # Each indicator sits on the same line as its values, both sides.
        for r in range(monitor.model.rowCount()):
            left = table.fixed.viewport().mapTo(
                table, QPoint(0, table.fixed.rowViewportPosition(r))
            )
            right = table.values.viewport().mapTo(
                table, QPoint(0, table.values.rowViewportPosition(r))
            )
            assert left.y() == right.y(), monitor.grid.indicators[r].label
    tip = monitor.model.index(row_of(monitor, "onder_druk"), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "cliëntcontact" in tip and "risicotaxatie" in tip
    monitor.close()


def test_switching_to_a_worker_and_to_months(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    monitor.level.setFocus()
    qtbot.keyClicks(monitor.level, "Medewerker")
    qtbot.waitUntil(lambda: monitor.which.isVisible() and monitor.which.count() > 0)
    name = next(w for w in (monitor.which.itemText(i) for i in range(monitor.which.count())))
    worker = monitor.scope().value
    qtbot.waitUntil(
        lambda: name.split(" (")[0] in monitor.heading.text() and not monitor.busy_now(),
        timeout=20000,
    )
    signals = signals_on(main_window.db_path, DEMO_DATE, worker)
    last = monitor.model.columnCount() - 1
    assert number(monitor, "lopend", last) == str(len(signals))
    assert number(monitor, "onder_druk", last) == str(sum(s.onder_druk for s in signals))
    monitor.interval.setFocus()
    qtbot.keyClicks(monitor.interval, "Per maand")
    wait_computed(qtbot, monitor, 13)
    header = title(monitor.model, FROZEN + 12)
    assert header == nl(DEMO_DATE)
    assert title(monitor.model, FROZEN) == nl(DEMO_DATE.replace(year=2025))
    monitor.close()


def test_clicking_a_chart_point_lists_the_measures_and_opens_a_dossier(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    qtbot.keyClick(monitor, Qt.Key.Key_2, Ctrl)  # Ctrl+2: the charts
    assert monitor.tabs.currentWidget() is monitor.charts
    chart = monitor.charts.charts["onder_druk"]
    qtbot.waitUntil(lambda: chart.isVisible() and chart.height() > 100)
    monitor.charts.ensureWidgetVisible(chart)
    last = len(chart.peildata) - 1
    point = chart.point_position(last)
    qtbot.mouseClick(
        chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(round(point.x()), round(point.y()))
    )
    qtbot.waitUntil(lambda: visible_dialog(MeasuresDialog) is not None, timeout=20000)
    dialog = visible_dialog(MeasuresDialog)
    expected = [s.maatregel_id for s in signals_on(main_window.db_path, DEMO_DATE) if s.onder_druk]
    assert sorted(line.maatregel_id for line in dialog.lines()) == expected
    assert all(line.reden == "Onder druk" for line in dialog.lines())
    assert nl(DEMO_DATE) in dialog.windowTitle()
    first = dialog.lines()[0]
    press_button(dialog, "Dossier openen")
    qtbot.waitUntil(lambda: main_window.caseload.current_row() is not None
                    and main_window.caseload.current_row().maatregel_id == first.maatregel_id)  # fmt: skip
    dialog.close()
    monitor.close()


def test_enter_on_a_percentage_lists_the_deadlines_of_that_week(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    r = row_of(monitor, "tijdig_f2f_pct")
    values = monitor.grid.values[r]
    c = max(i for i, v in enumerate(values) if v is not None)
    table = monitor.table.values
    table.setFocus()
    table.setCurrentIndex(monitor.model.index(r, FROZEN + c))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible_dialog(MeasuresDialog) is not None, timeout=20000)
    lines = visible_dialog(MeasuresDialog).lines()
    on_time = sum("niet op tijd" not in line.reden for line in lines)
    assert lines and round(100 * on_time / len(lines)) == values[c]
    visible_dialog(MeasuresDialog).close()
    monitor.close()


def test_every_control_of_the_monitor_has_a_name(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    assert unnamed_widgets(monitor) == []
    monitor.close()


def test_export_writes_the_table_in_the_same_layout(qtbot, main_window, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    monitor.level.setFocus()
    qtbot.keyClicks(monitor.level, "Team")
    qtbot.waitUntil(
        lambda: "Team" in monitor.heading.text() and not monitor.busy_now(), timeout=20000
    )
    target = tmp_path / "monitor.xlsx"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        press_button(monitor, "Exporteren naar Excel…")
    qtbot.waitUntil(
        lambda: "Monitor opgeslagen" in monitor.statusBar().currentMessage(), timeout=20000
    )
    wb = load_workbook(target)
    team = monitor.grid.title
    assert len(wb.sheetnames) == 3 and "Definities" in wb.sheetnames[-1]  # team, organisation
    ws = wb[wb.sheetnames[0]]
    assert team in ws["A1"].value
    # Find the header row: "Indicator", "Norm", then the 52 peildata as in the window.
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Indicator")
    assert header[1] == "Norm" and len([c for c in header[2:] if c is not None]) == 52
    assert header[-1].date() == DEMO_DATE
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0]}
    model = monitor.model
    # The sheet's rows in the window's order (the organisation's table first).
    labels = [i.label for i in monitor.grid.indicators]
    column_a = [r[0] for r in ws.iter_rows(values_only=True)]
    start = column_a.index("Indicator") + 1
    assert column_a[start : start + len(labels)] == labels
    for r, indicator in enumerate(monitor.grid.indicators):
        sheet = rows[indicator.label]
        assert (sheet[1] or "—") == model.index(r, 1).data()
        shown = model.index(r, model.columnCount() - 1).data().lstrip("▲▼ ").replace(" %", "")
        value = sheet[-1]
        assert (
            str(round(value * 100) if indicator.percent and isinstance(value, float) else value)
            == shown
        )
    monitor.close()


# The organisation's table "Tijdigheid werkstappen" (1e F2F, 1e PvA, Risicotaxatie,
# Tijdigheid 1e F2F, Tijdigheid 1e PvA), then betekenisvol cliëntcontact, lopend last.
READING_ORDER = ["eerste_contact_open", "pva_termijn_open", "risicotaxatie_niet_actueel",
                 "tijdig_f2f_pct", "tijdig_pva_pct", "onder_druk", "geen_contact",
                 "pva_niet_actueel", "geen_vaste_jb", "lopend"]  # fmt: skip


def test_table_and_charts_read_in_the_organisations_order(qtbot, main_window) -> None:
    from caseload_desk.monitor.norms import LABELS

    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    model = monitor.model
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown == [LABELS[k] for k in READING_ORDER]
    assert shown[0].startswith("1e F2F") and shown[4].startswith("Tijdigheid 1e PvA")
    monitor.tabs.setCurrentIndex(1)  # Grafieken: two side by side, read left to right
    layout = monitor.charts.grid_layout
    charts = [layout.itemAtPosition(n // 2, n % 2).widget() for n in range(len(READING_ORDER))]
    assert [c.objectName() for c in charts] == [f"monitorChart_{k}" for k in READING_ORDER]
    assert all(c.isVisible() for c in charts)
    monitor.close()


def effect_by_hand(db: Path, worker: str) -> dict:
    """Per finished conversation of `worker`: (improved, tracked, has a next one), worked
    out from the signals on each conversation's peildatum, not by the monitor's code."""
    from caseload_desk.store import conversations as conv

    with open_store(db, read_only=True, check="skip") as store:
        finished = [c for c in conv.conversations(store, worker) if c.afgerond]
        finished.sort(key=lambda c: (c.datum, c.id))
        out = {}
        for c, nxt in zip(finished, [*finished[1:], None], strict=True):
            at = {s.maatregel_id: s for s in caseload_signals(store, c.peildatum or c.datum)}
            acted = {a.maatregel_id for a in conv.actions_of_conversation(store, c.id)}
            tracked = [m for m in acted if m and m in at and at[m].onder_druk]
            improved = 0
            if nxt is not None:
                later = {
                    s.maatregel_id: s for s in caseload_signals(store, nxt.peildatum or nxt.datum)
                }
                improved = sum(m in later and not later[m].onder_druk for m in tracked)
            out[c.id] = (improved, len(tracked), nxt is not None)
    return out


def test_the_history_says_what_the_actions_achieved(qtbot, main_window) -> None:
    from caseload_desk.ui.conversation.history import HistoryDialog

    main_window.select_worker(WORKER)
    shortcut(qtbot, main_window, Qt.Key.Key_H, Ctrl)
    history = visible_dialog(HistoryDialog)
    assert history is not None
    expected = effect_by_hand(main_window.db_path, WORKER)
    model, checked = history.model, 0
    column = model.headers.index("Effect")
    for r in range(model.rowCount()):
        gid = model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
        if gid not in expected:
            continue
        improved, tracked, has_next = expected[gid]
        shown = model.index(r, column).data()
        if not tracked:
            assert shown == "–"
        elif not has_next:
            assert shown == "volgt"
        else:
            assert shown == f"{improved} van {tracked}"
            history.table.selectRow(r)
            assert "bij het volgende gesprek niet meer onder druk" in history.detail.toPlainText()
            checked += 1
    assert checked, "de demo heeft een afgerond gesprek met een volgend gesprek"
    history.close()


def test_the_effect_tab_sums_the_teams_conversations(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    qtbot.keyClick(monitor, Qt.Key.Key_3, Ctrl)
    assert monitor.tabs.currentWidget() is monitor.effect
    rows = monitor.effect.model.rows()
    whole = rows[-1]
    assert whole.team == "Hele organisatie" and len(rows) > 2
    with open_store(main_window.db_path, read_only=True, check="skip") as store:
        from caseload_desk.store.records import workers

        team_of = {w.medewerker_id: w.team for w in workers(store)}
    van = monitor.grid.peildata[0]
    by_team: dict[str, list[int]] = {}
    with open_store(main_window.db_path, read_only=True, check="skip") as store:
        from caseload_desk.store import conversations as conv

        dates = {c.id: c.datum for w in team_of for c in conv.conversations(store, w)}
    for worker, team in team_of.items():
        for gid, (improved, tracked, has_next) in effect_by_hand(
            main_window.db_path, worker
        ).items():
            if has_next and van <= dates[gid] <= DEMO_DATE:
                totals = by_team.setdefault(team, [0, 0])
                totals[0] += improved
                totals[1] += tracked
    for row in rows[:-1]:
        improved, tracked = by_team.get(row.team.removeprefix("Team "), [0, 0])
        assert (row.total.niet_meer_onder_druk, row.total.onder_druk_met_actie) == (
            improved,
            tracked,
        ), row.team
    assert whole.total.onder_druk_met_actie == sum(t for _, t in by_team.values())
    monitor.close()


def test_a_period_the_monitor_refuses_is_said_below_not_computed(qtbot, main_window) -> None:
    monitor = open_monitor(qtbot, main_window)
    wait_computed(qtbot, monitor, 52)
    shown = monitor.grid
    monitor.van.setFocus()
    monitor.van.setDate(QDate(DEMO_DATE.year + 1, 1, 1))  # after 'tot en met'
    assert "'van' ligt na 'tot en met'" in monitor.statusBar().currentMessage()
    assert not monitor.busy_now() and monitor.grid is shown
    monitor.van.setDate(QDate(1990, 1, 1))  # some 1,900 weeks: more than the monitor shows
    qtbot.waitUntil(lambda: not monitor.busy_now(), timeout=20000)
    message = monitor.statusBar().currentMessage()
    assert "peildata" in message and monitor.grid is shown, message
    monitor.close()


def test_values_read_as_dutch_numbers_with_their_sign() -> None:
    from caseload_desk.ui.monitor.grid import Indicator

    count_row = Indicator("onder_druk", "Onder druk", "", norm=9)
    pct_row = Indicator("tijdig_f2f_pct", "Tijdigheid", "", percent=True, norm=80)
    assert count_row.value_text(33574) == "▲ 33.574"
    assert count_row.value_text(9) == "9" and count_row.norm_text() == "≤ 9"
    assert Indicator("onder_druk", "", "", norm=1.5).norm_text() == "≤ 1,5"
    assert pct_row.value_text(79) == "▼ 79 %" and pct_row.value_text(80) == "80 %"
    assert pct_row.value_text(None) == "–" and pct_row.judgement(None).startswith("geen")
