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

STATUSES = (ONDER_DRUK, GEEN_CONTACT, IN_ORDE)


class ContactChart(ChartFrame):
    """The plot's items are made once and updated per worker: making and removing some
    forty pyqtgraph items per switch took most of a worker switch."""

    measure_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        plot = make_plot("Dagen sinds laatste cliëntcontact")
        super().__init__(plot, "contactChart", parent)
        plot.setLabel("bottom", "dagen sinds laatste cliëntcontact")
        plot.setLabel("left", "maatregel")
        self.bars: list[ContactBar] = []
        self.legend = plot.addLegend(offset=(-10, -40))  # bottom right: the short bars
        self._legend_for: tuple[str, ...] = ()
        self._status_items: dict[str, tuple[pg.BarGraphItem, pg.BarGraphItem]] = {}
        for status in STATUSES:
            empty = {"x0": 0, "y": [], "height": 0.7, "width": []}
            solid = pg.BarGraphItem(**empty, brush=brush(status), pen=pg.mkPen("#333333"))
            hatch = pg.BarGraphItem(**empty, brush=pattern(status), pen=pg.mkPen(None))
            plot.addItem(solid)
            plot.addItem(hatch)
            self._status_items[status] = (solid, hatch)
        self._labels: list[pg.TextItem] = []
        self._line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine),
            label="3 maanden",
            labelOpts={"position": 0.04, "color": "#222222", "fill": "#FFFFFFE0"},
        )  # fmt: skip
        plot.addItem(self._line)
        self._line.setZValue(1)  # over the bars and labels, which are added after it
        self._line.hide()
        plot.scene().sigMouseClicked.connect(self._clicked)

    def set_signals(self, signals: list[MeasureSignals]) -> None:
        plot = self.plot
        self.bars = contact_bars(signals)
        ys = list(range(len(self.bars)))
        widths = [max(b.days, 0.5) for b in self.bars]
        present = []
        for status, items in self._status_items.items():
            idx = [i for i, b in enumerate(self.bars) if b.status == status]
            for item in items:
                item.setOpts(y=[ys[i] for i in idx], width=[widths[i] for i in idx])
            if idx:
                present.append(status)
        if tuple(present) != self._legend_for:  # the legend names what is drawn
            self.legend.clear()
            for status in present:
                self.legend.addItem(self._status_items[status][0], status)
            self._legend_for = tuple(present)
        self._set_labels([(b.days + 2, y, f"{b.days} d · {b.status}")
                          for y, b in zip(ys, self.bars, strict=True)])  # fmt: skip
        self._line.setVisible(bool(self.bars))
        plot.getAxis("left").setTicks(
            [[(y, b.maatregel_id) for y, b in zip(ys, self.bars, strict=True)]]
        )
        if not self.bars:
            return
        threshold = max(b.threshold_days for b in self.bars)
        self._line.setValue(threshold)
        same = len({b.threshold_days for b in self.bars}) == 1
        self._line.label.setFormat(f"grens: {threshold} dagen" if same else "3 maanden")
        plot.setYRange(-0.6, len(ys) - 0.4, padding=0)
        plot.setXRange(0, max(max(widths), threshold) * 1.25, padding=0)

    def _set_labels(self, labels: list[tuple[float, float, str]]) -> None:
        while len(self._labels) < len(labels):
            item = pg.TextItem("", color="#222222", anchor=(0, 0.5))
            self.plot.addItem(item)
            self._labels.append(item)
        for item, (x, y, text) in zip(self._labels, labels, strict=False):
            item.setText(text)
            item.setPos(x, y)
            item.show()
        for item in self._labels[len(labels) :]:
            item.hide()

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
