"""Per worker over time: measures onder druk and with a signal, and the load, at each
finished conversation (the values stored when it was finished: real history)."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from caseload_desk.dates import nl
from caseload_desk.store.conversations import Conversation
from caseload_desk.ui.charts.common import COLOURS, ChartFrame, make_plot
from caseload_desk.ui.charts.data import ANDER_SIGNAAL, BINNEN_NORM, ONDER_DRUK, TrendPoint, trend

LOAD_TITLE = "Belasting bij afronden"


class TrendChart(ChartFrame):
    def __init__(self, parent=None) -> None:
        plot = make_plot("Verloop per caseloadgesprek")
        super().__init__(plot, "trendChart", parent)
        plot.setLabel("left", "aantal maatregelen")
        plot.setLabel("bottom", "datum van het gesprek")
        plot.showGrid(y=True, alpha=0.3)
        self.legend = plot.addLegend(offset=(10, 10))
        self.points: list[TrendPoint] = []
        # The load has its own scale (percent), so its own plot under the counts, on the
        # same dates.
        self.load_plot = make_plot(LOAD_TITLE)
        self.load_plot.setObjectName("loadTrendPlot")
        self.load_plot.setLabel("left", "belasting (%)")
        self.load_plot.showGrid(y=True, alpha=0.3)
        self.load_plot.setXLink(plot)
        self.layout().insertWidget(1, self.load_plot, 2)
        self.layout().setStretch(0, 3)
        self._norm = pg.InfiniteLine(
            pos=100, angle=0, pen=pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine),
            label="100 %", labelOpts={"position": 0.03, "color": "#222222", "fill": "#FFFFFFE0"},
        )  # fmt: skip
        self._load_items: list[object] = []
        self.load_plot.addItem(self._norm)

    def set_conversations(self, conversations: list[Conversation]) -> None:
        plot = self.plot
        plot.clear()
        self.legend.clear()
        self.points = trend(conversations)
        self._show_load()
        if not self.points:
            plot.setTitle(
                "Verloop per caseloadgesprek (nog geen afgeronde gesprekken)", size="11pt"
            )
            return
        plot.setTitle("Verloop per caseloadgesprek", size="11pt")
        # Days as numbers, labelled with the conversation dates in Dutch notation
        # (pyqtgraph's date axis prints English month names).
        xs = [p.datum.toordinal() for p in self.points]
        plot.getAxis("bottom").setTicks(
            [[(x, nl(p.datum)) for x, p in zip(xs, self.points, strict=True)]]
        )
        series = (
            ("met een signaal", [p.with_signal for p in self.points], COLOURS[ANDER_SIGNAAL], "s"),
            ("onder druk", [p.onder_druk for p in self.points], COLOURS[ONDER_DRUK], "t"),
        )
        for name, ys, colour, symbol in series:
            plot.plot(
                xs, ys, name=name, pen=pg.mkPen(colour, width=3), symbol=symbol,
                symbolSize=11, symbolBrush=colour, symbolPen="#222222",
            )  # fmt: skip
        top = max(p.with_signal for p in self.points)
        plot.setYRange(0, top + 1, padding=0.05)
        plot.setXRange(min(xs) - 7, max(xs) + 7, padding=0)

    def load_points(self) -> list[TrendPoint]:
        """The conversations that stored a load (those finished before it was kept did not)."""
        return [p for p in self.points if p.belasting is not None]

    def _show_load(self) -> None:
        plot = self.load_plot
        for old in self._load_items:
            plot.removeItem(old)
        self._load_items = []
        points = self.load_points()
        # The same dates as the counts above, also while no load was kept yet.
        plot.getAxis("bottom").setTicks([[(p.datum.toordinal(), nl(p.datum)) for p in self.points]])
        if not points:
            plot.setTitle(f"{LOAD_TITLE} (nog niet vastgelegd)", size="11pt")
            plot.setYRange(0, 150, padding=0)
            return
        plot.setTitle(LOAD_TITLE, size="11pt")
        xs = [p.datum.toordinal() for p in points]
        ys = [p.belasting or 0 for p in points]
        colour = COLOURS[BINNEN_NORM]
        line = plot.plot(
            xs, ys, pen=pg.mkPen(colour, width=3), symbol="o", symbolSize=10,
            symbolBrush=colour, symbolPen="#222222",
        )  # fmt: skip
        self._load_items.append(line)
        for x, p in zip(xs, points, strict=True):
            over = (p.belasting or 0) > 100
            label = f"▲ {p.belasting} %" if over else f"{p.belasting} %"
            colour = "#9B2C1F" if over else "#222222"
            text = pg.TextItem(label, color=colour, anchor=(0.5, 1.2))
            text.setPos(x, p.belasting or 0)
            plot.addItem(text)
            self._load_items.append(text)
        plot.setYRange(0, max([*ys, 100]) * 1.25, padding=0)

    def save_png(self, path: Path) -> bool:
        """Both plots, the counts above the load, as on screen."""
        top, bottom = self.plot.grab(), self.load_plot.grab()
        image = QPixmap(max(top.width(), bottom.width()), top.height() + bottom.height())
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawPixmap(0, 0, top)
        painter.drawPixmap(0, top.height(), bottom)
        painter.end()
        return image.save(str(path), "PNG")
