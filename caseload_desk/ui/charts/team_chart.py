"""Per team: each worker's caseload split in onder druk / other signal / in orde."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Signal

from caseload_desk.ui.charts.common import (
    ChartFrame,
    LabelPool,
    StatusBars,
    bar_index,
    make_plot,
    set_category_ticks,
)
from caseload_desk.ui.charts.data import ANDER_SIGNAAL, IN_ORDE, ONDER_DRUK, TeamBar

PARTS = ((ONDER_DRUK, "onder_druk"), (ANDER_SIGNAAL, "other_signal"), (IN_ORDE, "in_orde"))


class TeamChart(ChartFrame):
    worker_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        plot = make_plot("Caseload per medewerker")
        super().__init__(plot, "teamChart", parent)
        plot.setLabel("bottom", "aantal lopende maatregelen")
        self.legend = plot.addLegend(offset=(-10, -40))
        self.bars: list[TeamBar] = []
        self._bars = StatusBars(plot, self.legend, tuple(status for status, _ in PARTS))
        self._labels = LabelPool(plot)
        plot.scene().sigMouseClicked.connect(self._clicked)

    def set_bars(self, title: str, bars: list[TeamBar]) -> None:
        plot = self.plot
        plot.setTitle(title, size="11pt")
        self.bars = bars
        ys = list(range(len(bars)))
        start = [0.0] * len(bars)
        drawn: dict[str, dict] = {}
        for status, field in PARTS:
            widths = [getattr(b, field) for b in bars]
            drawn[status] = {"x0": list(start), "y": ys, "width": widths}
            start = [s + w for s, w in zip(start, widths, strict=True)]
        self._bars.set(drawn, legend=tuple(status for status, _ in PARTS))
        self._labels.show([(total + 0.3, y, f"{b.onder_druk} / {b.other_signal} / {b.in_orde}")
                           for y, b, total in zip(ys, bars, start, strict=True)])  # fmt: skip
        set_category_ticks(plot, [b.label for b in bars])
        if bars:
            plot.setYRange(-0.6, len(ys) - 0.4, padding=0)
            plot.setXRange(0, max(start) * 1.3 + 1, padding=0)

    def bar_at(self, point: QPointF) -> TeamBar | None:
        i = bar_index(point, len(self.bars))
        return None if i is None else self.bars[i]

    def _clicked(self, event) -> None:
        bar = self.bar_at(self.plot.getViewBox().mapSceneToView(event.scenePos()))
        if bar is not None:
            self.worker_clicked.emit(bar.key)
