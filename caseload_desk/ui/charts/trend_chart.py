"""Per worker over time: measures onder druk and with a signal, at each conversation."""

from __future__ import annotations

import pyqtgraph as pg

from caseload_desk.dates import nl
from caseload_desk.store.conversations import Conversation
from caseload_desk.ui.charts.common import COLOURS, ChartFrame, make_plot
from caseload_desk.ui.charts.data import ANDER_SIGNAAL, ONDER_DRUK, TrendPoint, trend


class TrendChart(ChartFrame):
    def __init__(self, parent=None) -> None:
        plot = make_plot("Verloop per caseloadgesprek")
        super().__init__(plot, "trendChart", parent)
        plot.setLabel("left", "aantal maatregelen")
        plot.setLabel("bottom", "datum van het gesprek")
        plot.showGrid(y=True, alpha=0.3)
        self.legend = plot.addLegend(offset=(10, 10))
        self.points: list[TrendPoint] = []

    def set_conversations(self, conversations: list[Conversation]) -> None:
        plot = self.plot
        plot.clear()
        self.legend.clear()
        self.points = trend(conversations)
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
