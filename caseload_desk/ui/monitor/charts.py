"""A line chart per indicator with its norm as a dashed line. A point past the norm is
red and a triangle (colour and shape); clicking a point asks for the measures behind it."""

from __future__ import annotations

import math
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QScrollArea, QWidget

import caseload_desk.ui.charts.common  # noqa: F401  (pyqtgraph's white background)
from caseload_desk.dates import nl
from caseload_desk.ui.monitor.grid import Indicator, MonitorGrid

LINE = "#1F5C99"  # the app's dark blue; 3:1 and more against white
PAST = "#B03A2E"  # the charts' "onder druk" red
CLICK_PIXELS = 12  # how near a click must be to a point to mean it
TICKS = 6  # date labels along the bottom: more would overlap at 1366 pixels


class IndicatorChart(pg.PlotWidget):
    point_clicked = Signal(str, object)  # the indicator's key, the peildatum

    def __init__(self, indicator: Indicator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"monitorChart_{indicator.key}")
        self.peildata: list[date] = []
        self.values: list[float | None] = []
        # The look of the app's other charts (charts/common.py make_plot).
        self.setMenuEnabled(False)  # pyqtgraph's own context menu is English
        self.hideButtons()
        self.setMouseEnabled(x=False, y=False)
        self.showGrid(y=True, alpha=0.3)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(LINE, width=2), connect="finite")
        self.addItem(self.curve)
        self.within = pg.ScatterPlotItem(symbol="o", size=8, brush=LINE, pen="#222222")
        self.past = pg.ScatterPlotItem(size=12, brush=PAST, pen="#222222")
        self.addItem(self.within)
        self.addItem(self.past)
        self.norm_line = pg.InfiniteLine(
            angle=0, pen=pg.mkPen("#222222", width=1.5, style=Qt.PenStyle.DashLine), label="",
            labelOpts={"position": 0.06, "color": "#222222", "fill": "#FFFFFFE0",
                       "anchors": [(0, 1), (0, 1)]},
        )  # fmt: skip
        self.addItem(self.norm_line)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.set_indicator(indicator)

    def set_indicator(self, indicator: Indicator) -> None:
        self.indicator = indicator
        self.setTitle(indicator.label, size="10pt")
        self.setLabel("left", "%" if indicator.percent else "maatregelen")
        self.setToolTip(
            f"{indicator.label}: {indicator.explanation} Klik op een punt: de maatregelen."
        )
        self.setAccessibleName(f"Grafiek {indicator.label}")
        # Too many measures: a triangle up (▲); too low a percentage: down (▼), as the table.
        self.past.setSymbol("t" if indicator.percent else "t1")
        self.norm_line.setVisible(indicator.norm is not None)
        if indicator.norm is not None:
            self.norm_line.setValue(indicator.norm)
            self.norm_line.label.setFormat(f"norm {indicator.norm_text()}")

    def set_series(self, peildata: tuple[date, ...], values: tuple[float | None, ...]) -> None:
        self.peildata, self.values = list(peildata), list(values)
        xs = list(range(len(peildata)))
        ys = [math.nan if v is None else float(v) for v in values]
        self.curve.setData(xs, ys)
        marks = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        past = [(x, v) for x, v in marks if self.indicator.past_norm(v)]
        within = [(x, v) for x, v in marks if not self.indicator.past_norm(v)]
        self.within.setData([x for x, _ in within], [v for _, v in within])
        self.past.setData([x for x, _ in past], [v for _, v in past])
        step = max(1, math.ceil(len(peildata) / TICKS))
        self.getAxis("bottom").setTicks(
            [[(x, nl(d)) for x, d in enumerate(peildata) if x % step == 0 or x == len(xs) - 1]]
        )
        top = max([v for _, v in marks] + [self.indicator.norm or 0, 1])
        self.setYRange(0, 100 if self.indicator.percent else top * 1.15, padding=0.05)
        self.setXRange(-0.5, max(len(xs) - 0.5, 0.5), padding=0)

    def point_position(self, i: int) -> QPointF:
        """Where point `i` is drawn, in the plot widget's (viewport) coordinates."""
        value = self.values[i]
        scene = self.getViewBox().mapViewToScene(QPointF(i, value or 0))
        return self.mapFromScene(scene)

    def point_at(self, scene_pos: QPointF) -> int | None:
        """The point nearest `scene_pos` within CLICK_PIXELS, or None."""
        best, nearest = None, float(CLICK_PIXELS)
        box = self.getViewBox()
        for i, value in enumerate(self.values):
            if value is None:
                continue
            at = box.mapViewToScene(QPointF(i, value))
            distance = math.hypot(at.x() - scene_pos.x(), at.y() - scene_pos.y())
            if distance <= nearest:
                best, nearest = i, distance
        return best

    def _clicked(self, event) -> None:
        i = self.point_at(event.scenePos())
        if i is not None:
            self.point_clicked.emit(self.indicator.key, self.peildata[i])


class ChartsPanel(QScrollArea):
    """All indicators' charts, two side by side, scrolling down."""

    point_clicked = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monitorCharts")
        self.setWidgetResizable(True)
        self.inner = QWidget()
        self.grid_layout = QGridLayout(self.inner)
        self.setWidget(self.inner)
        self.charts: dict[str, IndicatorChart] = {}

    def set_grid(self, grid: MonitorGrid) -> None:
        keys = tuple(i.key for i in grid.indicators)
        if keys != tuple(self.charts) or any(
            c.indicator != i for c, i in zip(self.charts.values(), grid.indicators, strict=False)
        ):
            self._make(grid)
        for indicator, values in zip(grid.indicators, grid.values, strict=True):
            self.charts[indicator.key].set_series(grid.peildata, values)

    def _make(self, grid: MonitorGrid) -> None:
        for chart in self.charts.values():
            chart.setParent(None)
            chart.deleteLater()
        self.charts = {}
        for n, indicator in enumerate(grid.indicators):
            chart = IndicatorChart(indicator)
            chart.setMinimumHeight(230)
            chart.point_clicked.connect(self.point_clicked)
            self.grid_layout.addWidget(chart, n // 2, n % 2)
            self.charts[indicator.key] = chart
