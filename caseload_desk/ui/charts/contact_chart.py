"""Days since the last client contact per measure, with the period line; click selects."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal

from caseload_desk.signals import MeasureSignals
from caseload_desk.ui.charts.common import (
    ChartFrame,
    brush,
    make_plot,
    pattern,
)
from caseload_desk.ui.charts.data import GEEN_CONTACT, IN_ORDE, ONDER_DRUK, ContactBar, contact_bars


class ContactChart(ChartFrame):
    measure_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        plot = make_plot("Dagen sinds laatste cliëntcontact")
        super().__init__(plot, "contactChart", parent)
        plot.setLabel("bottom", "dagen sinds laatste cliëntcontact")
        plot.setLabel("left", "maatregel")
        self.bars: list[ContactBar] = []
        self.legend = plot.addLegend(offset=(-10, -40))  # bottom right: the short bars
        plot.scene().sigMouseClicked.connect(self._clicked)

    def set_signals(self, signals: list[MeasureSignals]) -> None:
        plot = self.plot
        plot.clear()
        self.legend.clear()
        self.bars = contact_bars(signals)
        if not self.bars:
            return
        ys = list(range(len(self.bars)))
        widths = [max(b.days, 0.5) for b in self.bars]
        for status in (ONDER_DRUK, GEEN_CONTACT, IN_ORDE):
            idx = [i for i, b in enumerate(self.bars) if b.status == status]
            if not idx:
                continue
            common = {
                "x0": 0,
                "y": [ys[i] for i in idx],
                "height": 0.7,
                "width": [widths[i] for i in idx],
            }
            solid = pg.BarGraphItem(**common, brush=brush(status), pen=pg.mkPen("#333333"))
            plot.addItem(solid)
            plot.addItem(pg.BarGraphItem(**common, brush=pattern(status), pen=pg.mkPen(None)))
            self.legend.addItem(solid, status)
        for y, b in zip(ys, self.bars, strict=True):
            label = pg.TextItem(f"{b.days} d · {b.status}", color="#222222", anchor=(0, 0.5))
            label.setPos(b.days + 2, y)
            plot.addItem(label)
        threshold = max(b.threshold_days for b in self.bars)
        label_opts = {"position": 0.04, "color": "#222222", "fill": "#FFFFFFE0"}
        line = pg.InfiniteLine(
            pos=threshold, angle=90, pen=pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine),
            label="3 maanden", labelOpts=label_opts,
        )  # fmt: skip
        if len({b.threshold_days for b in self.bars}) == 1:
            line.label.setFormat(f"grens: {threshold} dagen")
        plot.addItem(line)
        plot.getAxis("left").setTicks(
            [[(y, b.maatregel_id) for y, b in zip(ys, self.bars, strict=True)]]
        )
        plot.setYRange(-0.6, len(ys) - 0.4, padding=0)
        plot.setXRange(0, max(max(widths), threshold) * 1.25, padding=0)

    def bar_at(self, point: QPointF) -> ContactBar | None:
        """The bar under a point in data coordinates."""
        i = round(point.y())
        if (
            0 <= i < len(self.bars)
            and abs(point.y() - i) <= 0.35
            and 0 <= point.x() <= max(self.bars[i].days, 0.5)
        ):
            return self.bars[i]
        return None

    def _clicked(self, event) -> None:
        point = self.plot.getViewBox().mapSceneToView(event.scenePos())
        bar = self.bar_at(point)
        if bar is not None:
            self.measure_clicked.emit(bar.maatregel_id)
