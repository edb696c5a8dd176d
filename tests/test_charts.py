"""Charts render offscreen, plot the rules' numbers, and clicks select."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui.charts.common import COLOURS, PATTERNS
from caseload_desk.ui.charts.contact_chart import ContactChart
from caseload_desk.ui.charts.data import GEEN_CONTACT, IN_ORDE, ONDER_DRUK, trend
from caseload_desk.ui.charts.team_chart import TeamChart
from caseload_desk.ui.charts.trend_chart import TrendChart
from tests.conftest import DEMO_DATE


def click_data_point(qtbot, plot: pg.PlotWidget, x: float, y: float) -> None:
    scene_pos = plot.getViewBox().mapViewToScene(QPointF(x, y))
    view_pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)


def bars_of(plot: pg.PlotWidget) -> list[pg.BarGraphItem]:
    return [i for i in plot.getPlotItem().items if isinstance(i, pg.BarGraphItem)]


def test_contact_chart_data_matches_signals(qtbot, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        signals = caseload_signals(s, DEMO_DATE, "W001")
    chart = ContactChart()
    qtbot.addWidget(chart)
    chart.resize(800, 600)
    chart.show()
    chart.set_signals(signals)
    assert len(chart.bars) == len(signals)
    by_id = {x.maatregel_id: x for x in signals}
    for bar in chart.bars:
        s = by_id[bar.maatregel_id]
        assert bar.days == s.contact.days_since
        assert bar.status == (
            ONDER_DRUK if s.onder_druk else GEEN_CONTACT if s.contact.on else IN_ORDE
        )
    drawn = sorted(w for item in bars_of(chart.plot)[::2] for w in item.opts["width"])
    assert drawn == sorted(max(b.days, 0.5) for b in chart.bars)
    lines = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)]
    assert len(lines) == 1 and 89 <= lines[0].value() <= 92  # three calendar months in days
    ticks = chart.plot.getAxis("left")._tickLevels[0]
    assert [t[1] for t in ticks] == [b.maatregel_id for b in chart.bars]


def test_clicking_a_bar_selects_the_measure(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    main_window.centre_tabs.setCurrentWidget(main_window.charts)
    chart = main_window.charts.contact
    QApplication.processEvents()
    target = chart.bars[-1]  # the top bar: longest without contact
    with qtbot.waitSignal(chart.measure_clicked) as signal:
        click_data_point(qtbot, chart.plot, target.days / 2, len(chart.bars) - 1)
    assert signal.args == [target.maatregel_id]
    assert main_window.caseload.current_row().maatregel_id == target.maatregel_id
    assert target.maatregel_id in main_window.dossier.header.text()


def test_trend_uses_stored_counts(qtbot, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        history = conv.conversations(s, "W001")
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_conversations(history)
    assert [(p.onder_druk, p.with_signal) for p in chart.points] == [
        (c.aantal_onder_druk, c.aantal_met_signaal) for c in history if c.afgerond
    ]
    curves = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.PlotDataItem)]
    assert len(curves) == 2
    assert list(curves[1].yData) == [p.onder_druk for p in chart.points]
    assert trend([c for c in history if not c.afgerond]) == []


def test_team_chart_and_click_selects_worker(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    main_window.centre_tabs.setCurrentWidget(main_window.charts)
    main_window.charts.setCurrentWidget(main_window.charts.team)
    chart = main_window.charts.team
    QApplication.processEvents()
    labels = [b.label for b in chart.bars]
    assert labels[0].startswith("CRT/CCP")  # drawn at the bottom
    counts = main_window._counts
    for b in chart.bars:
        c = counts.get(b.key)
        if c:
            assert (b.onder_druk, b.other_signal, b.in_orde) == (
                c.onder_druk, c.with_signal - c.onder_druk, c.measures - c.with_signal,
            )  # fmt: skip
    other = next(
        i for i, b in enumerate(chart.bars) if b.key not in ("W001",) and not b.key.startswith("__")
    )
    with qtbot.waitSignal(chart.worker_clicked):
        click_data_point(qtbot, chart.plot, 0.5, other)
    assert main_window.worker_id == chart.bars[other].key


def test_save_png(qtbot, tmp_path: Path, demo_file: Path) -> None:
    chart = TeamChart()
    qtbot.addWidget(chart)
    chart.resize(600, 400)
    chart.show()
    from caseload_desk.ui.charts.data import TeamBar

    chart.set_bars("Team", [TeamBar("W1", "Anna", 1, 2, 3)])
    assert chart.save_png(tmp_path / "team.png")
    assert (tmp_path / "team.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_repaints_do_not_leak_references_to_true(qtbot) -> None:
    """PySide6 6.12.0 lost a reference to True per pyqtgraph repaint and crashed later."""
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.addItem(pg.BarGraphItem(x0=0, y=[0, 1], height=0.5, width=[3, 4]))
    plot.show()
    # Windows of earlier tests, deleted later, free their own references to True: first.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    before = sys.getrefcount(True)
    for _ in range(200):
        plot.viewport().repaint()
        QApplication.processEvents()
    assert sys.getrefcount(True) - before > -50


def test_contact_chart_reuses_its_items_between_workers(qtbot, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        first, second = (caseload_signals(s, DEMO_DATE, w) for w in ("W001", "W002"))
    chart = ContactChart()
    qtbot.addWidget(chart)
    chart.set_signals(first)
    items = len(chart.plot.getPlotItem().items)

    def visible_labels() -> list[str]:
        return [i.textItem.toPlainText() for i in chart.plot.getPlotItem().items
                if isinstance(i, pg.TextItem) and i.isVisible()]  # fmt: skip

    for signals in (second, first, second, first):
        chart.set_signals(signals)
    assert len(chart.plot.getPlotItem().items) <= items + abs(len(first) - len(second))
    assert len(visible_labels()) == len(first)
    assert sorted(visible_labels()) == sorted(f"{b.days} d · {b.status}" for b in chart.bars)
    chart.set_signals([])  # e.g. a worker without running measures
    assert visible_labels() == [] and chart.bars == []
    assert all(len(b.opts["width"]) == 0 for b in bars_of(chart.plot))
    lines = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.InfiniteLine)]
    assert not lines[0].isVisible()


def swatch(sample) -> QImage:
    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    sample.paint(painter)
    painter.end()
    return image


def test_legend_swatches_show_the_bars_colour_and_pattern(qtbot, demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        signals = caseload_signals(s, DEMO_DATE, "W001")
    chart = ContactChart()
    qtbot.addWidget(chart)
    chart.set_signals(signals)
    samples = {label.text: sample for sample, label in chart.legend.items}
    assert set(samples) == {b.status for b in chart.bars} == {ONDER_DRUK, GEEN_CONTACT, IN_ORDE}
    drawn = bars_of(chart.plot)
    for status, sample in samples.items():
        solid, hatch = sample.item, sample.hatch
        assert solid in drawn and hatch in drawn  # the very bars of this status
        bar_brushes = [pg.mkBrush(solid.opts["brush"]), pg.mkBrush(hatch.opts["brush"])]
        assert [b.style() for b in sample.layers()] == [b.style() for b in bar_brushes]
        assert [b.color() for b in sample.layers()] == [b.color() for b in bar_brushes]
        assert bar_brushes[0].color() == QColor(COLOURS[status])
        assert bar_brushes[1].style() == PATTERNS[status]
        # And painted so: inside the swatch the colour, and white where there is a pattern.
        image = swatch(sample)
        inside = {image.pixelColor(x, y).name() for x in range(4, 16) for y in range(4, 16)}
        assert COLOURS[status].lower() in inside
        assert ("#ffffff" in inside) == (PATTERNS[status] != Qt.BrushStyle.SolidPattern)


def test_clicking_a_legend_entry_keeps_the_bars(qtbot, main_window) -> None:
    """pyqtgraph hides a bar item when its legend entry is clicked; ours stay."""
    main_window.select_worker("W001")
    main_window.centre_tabs.setCurrentWidget(main_window.charts)
    chart = main_window.charts.contact
    QApplication.processEvents()
    sample, _label = chart.legend.items[0]
    view = chart.plot.mapFromScene(sample.mapToScene(sample.boundingRect().center()))
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=view)
    assert sample.item.isVisible() and sample.hatch.isVisible()


def test_contact_chart_names_the_child_beside_the_measure(qtbot, demo_file: Path) -> None:
    from caseload_desk.ui.caseload.rows import load_caseload
    from caseload_desk.ui.charts.panel import ChartsPanel

    with open_store(demo_file, read_only=True) as s:
        rows = load_caseload(s, DEMO_DATE, "W001")
    children = {r.maatregel_id: r.jeugdige for r in rows}
    children[rows[0].maatregel_id] = "Annemarie Wilhelmina van den Heuvel-Broekhuizen"
    panel = ChartsPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    panel.show_worker([r.signals for r in rows], list, "Team", list, children=children)
    chart = panel.contact
    ticks = dict(chart.plot.getAxis("left")._tickLevels[0])
    shown = [ticks[y] for y in range(len(chart.bars))]
    assert [text.split(" · ")[0] for text in shown] == [b.maatregel_id for b in chart.bars]
    by_id = dict(text.split(" · ") for text in shown)
    assert set(by_id) == set(children)
    for mid, name in children.items():  # a long name cut short, the others in full
        assert by_id[mid] == (name if len(name) <= 24 else "Annemarie Wilhelmina va…")
    assert chart.plot.getAxis("left").labelText == "maatregel · jeugdige"
    # Without names (an older caller), the ids alone, as before.
    chart.set_signals([r.signals for r in rows])
    assert [t for _y, t in chart.plot.getAxis("left")._tickLevels[0]] == [
        b.maatregel_id for b in chart.bars
    ]
