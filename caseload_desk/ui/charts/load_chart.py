"""Per team: each worker's load in percent, with the line at 100 %; click selects."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal

from caseload_desk.ui.charts.common import (
    ChartFrame,
    StatusBars,
    bar_index,
    make_plot,
    set_category_ticks,
)
from caseload_desk.ui.charts.data import BINNEN_NORM, BOVEN_NORM, LoadBar
from caseload_desk.workload import NO_CAPACITY

STATUSES = (BOVEN_NORM, BINNEN_NORM)


def bar_text(bar: LoadBar) -> str:
    """'▲ 108 % boven de norm', '92 %' or 'geen capaciteit': words beside colour."""
    if bar.pct is None:
        return NO_CAPACITY
    return f"▲ {bar.pct} % boven de norm" if bar.over else f"{bar.pct} %"


class LoadChart(ChartFrame):
    worker_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        plot = make_plot("Belasting per medewerker")
        super().__init__(plot, "loadChart", parent)
        plot.setLabel("bottom", "belasting (gewogen caseload / capaciteit, %)")
        self.legend = plot.addLegend(offset=(-10, 10))  # top right, over the free row
        self.bars: list[LoadBar] = []
        self._bars = StatusBars(plot, self.legend, STATUSES)
        self._labels: list[pg.TextItem] = []
        self._line = pg.InfiniteLine(
            pos=100, angle=90, pen=pg.mkPen("#222222", width=2, style=Qt.PenStyle.DashLine),
            label="100 %: de norm",
            labelOpts={"position": 0.96, "color": "#222222", "fill": "#FFFFFFE0"},
        )  # fmt: skip
        plot.addItem(self._line)
        self._line.setZValue(1)
        plot.scene().sigMouseClicked.connect(self._clicked)

    def set_bars(self, title: str, bars: list[LoadBar]) -> None:
        plot = self.plot
        plot.setTitle(title, size="11pt")
        self.bars = bars
        ys = list(range(len(bars)))
        drawn: dict[str, dict] = {}
        for status in STATUSES:
            over = status == BOVEN_NORM
            idx = [i for i, b in enumerate(bars) if b.over == over]
            if idx:
                drawn[status] = {"x0": 0, "y": [ys[i] for i in idx],
                                 "width": [max(bars[i].pct or 0, 0.5) for i in idx]}  # fmt: skip
        self._bars.set(drawn, legend=STATUSES)
        self._show_labels([((b.pct or 0) + 2, y, bar_text(b))
                           for y, b in zip(ys, bars, strict=True)])  # fmt: skip
        set_category_ticks(plot, [b.label for b in bars])
        if bars:
            top = max([b.pct or 0 for b in bars] + [100])
            # A free row above the bars for the legend, so it never covers a label.
            plot.setYRange(-0.6, len(ys) + 0.5, padding=0)
            plot.setXRange(0, top * 1.6, padding=0)  # room for the labels right of a bar

    def _show_labels(self, labels: list[tuple[float, float, str]]) -> None:
        """Text beside each bar, on a white ground: the 100 % line may run through it."""
        while len(self._labels) < len(labels):
            text = pg.TextItem("", color="#222222", anchor=(0, 0.5), fill="#FFFFFFD0")
            self.plot.addItem(text)
            text.setZValue(2)  # over the line
            self._labels.append(text)
        for text, (x, y, words) in zip(self._labels, labels, strict=False):
            text.setText(words)
            text.setPos(x, y)
            text.show()
        for text in self._labels[len(labels) :]:
            text.hide()

    def label_texts(self) -> list[str]:
        """The texts beside the bars, as shown (bottom bar first)."""
        return [t.toPlainText() for t in self._labels if t.isVisible()]

    def bar_at(self, point: QPointF) -> LoadBar | None:
        i = bar_index(point, len(self.bars))
        return None if i is None else self.bars[i]

    def _clicked(self, event) -> None:
        bar = self.bar_at(self.plot.getViewBox().mapSceneToView(event.scenePos()))
        if bar is not None:
            self.worker_clicked.emit(bar.key)
