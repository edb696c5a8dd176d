"""Days since the last client contact per measure, with the period line; click selects."""

from __future__ import annotations

from collections.abc import Mapping

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal

from caseload_desk.signals import MeasureSignals
from caseload_desk.ui.charts.common import (
    ChartFrame,
    LabelPool,
    StatusBars,
    elided,
    make_plot,
    set_category_ticks,
)
from caseload_desk.ui.charts.data import GEEN_CONTACT, IN_ORDE, ONDER_DRUK, ContactBar, contact_bars

STATUSES = (ONDER_DRUK, GEEN_CONTACT, IN_ORDE)
NAME_CHARS = 24  # a longer name is cut short with "…", so the bars keep their room


def bar_label(bar: ContactBar) -> str:
    """'M10025 · Ruben K.': the id, and the child's name as the supervisor knows it."""
    if not bar.jeugdige:
        return bar.maatregel_id
    return f"{bar.maatregel_id} · {elided(bar.jeugdige, NAME_CHARS)}"


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
        self._bars = StatusBars(plot, self.legend, STATUSES)
        self._labels = LabelPool(plot)
        self._line = pg.InfiniteLine(
            angle=90, pen=pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine),
            label="3 maanden",
            labelOpts={"position": 0.04, "color": "#222222", "fill": "#FFFFFFE0"},
        )  # fmt: skip
        plot.addItem(self._line)
        self._line.setZValue(1)  # over the bars and labels, which are added after it
        self._line.hide()
        plot.scene().sigMouseClicked.connect(self._clicked)

    def set_signals(
        self, signals: list[MeasureSignals], children: Mapping[str, str] | None = None
    ) -> None:
        """`children`: the child's name per maatregel_id, shown beside the id."""
        plot = self.plot
        self.bars = contact_bars(signals, children)
        ys = list(range(len(self.bars)))
        widths = [max(b.days, 0.5) for b in self.bars]
        drawn: dict[str, dict] = {}
        for status in STATUSES:
            idx = [i for i, b in enumerate(self.bars) if b.status == status]
            if idx:
                drawn[status] = {"x0": 0, "y": [ys[i] for i in idx],
                                 "width": [widths[i] for i in idx]}  # fmt: skip
        self._bars.set(drawn, legend=tuple(drawn))  # the legend names what is drawn
        self._labels.show([(b.days + 2, y, f"{b.days} d · {b.status}")
                           for y, b in zip(ys, self.bars, strict=True)])  # fmt: skip
        self._line.setVisible(bool(self.bars))
        set_category_ticks(plot, [bar_label(b) for b in self.bars])
        named = any(b.jeugdige for b in self.bars)
        plot.setLabel("left", "maatregel · jeugdige" if named else "maatregel")
        if not self.bars:
            return
        threshold = max(b.threshold_days for b in self.bars)
        self._line.setValue(threshold)
        same = len({b.threshold_days for b in self.bars}) == 1
        self._line.label.setFormat(f"grens: {threshold} dagen" if same else "3 maanden")
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
