"""Shared look of the charts: white background, Dutch labels, colour paired with pattern."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from caseload_desk.ui.charts.data import (
    ANDER_SIGNAAL,
    BINNEN_NORM,
    BOVEN_NORM,
    GEEN_CONTACT,
    IN_ORDE,
    ONDER_DRUK,
)

pg.setConfigOptions(antialias=True, background="w", foreground="#222222")

# At least 3:1 against the white plot and the white hatching (WCAG 1.4.11, non-text),
# checked in tests/test_contrast.py.
COLOURS = {
    ONDER_DRUK: "#B03A2E",
    GEEN_CONTACT: "#B9770E",
    ANDER_SIGNAAL: "#B9770E",
    IN_ORDE: "#1E8449",
    BOVEN_NORM: "#B03A2E",
    BINNEN_NORM: "#2E6DA4",  # blue, not green: a load below 100 % is no verdict of "in orde"
}
# Patterns, so the statuses differ for colour-blind readers and in grey print too.
PATTERNS = {
    ONDER_DRUK: Qt.BrushStyle.BDiagPattern,
    GEEN_CONTACT: Qt.BrushStyle.Dense5Pattern,
    ANDER_SIGNAAL: Qt.BrushStyle.Dense5Pattern,
    IN_ORDE: Qt.BrushStyle.SolidPattern,
    BOVEN_NORM: Qt.BrushStyle.BDiagPattern,
    BINNEN_NORM: Qt.BrushStyle.SolidPattern,
}


def brush(status: str) -> QBrush:
    return QBrush(QColor(COLOURS[status]))


def pattern(status: str) -> QBrush:
    """A white pattern laid over the colour (none for a solid status)."""
    style = PATTERNS[status]
    return QBrush(
        QColor("white") if style != Qt.BrushStyle.SolidPattern else QColor(0, 0, 0, 0), style
    )


class ChartFrame(QWidget):
    """A plot with an "Opslaan als PNG" button underneath."""

    def __init__(self, plot: pg.PlotWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.plot = plot
        save = QPushButton("Opslaan als PNG…")
        save.setObjectName(f"{name}Save")
        save.clicked.connect(self.choose_png)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plot, 1)
        layout.addLayout(row)

    def choose_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Grafiek opslaan", "grafiek.png", "PNG (*.png)")
        if path:
            self.save_png(Path(path))

    def save_png(self, path: Path) -> bool:
        return self.plot.grab().save(str(path), "PNG")


def elided(text: str, chars: int) -> str:
    """`text` cut to at most `chars` characters, ending in "…" when cut."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def set_category_ticks(plot: pg.PlotWidget, labels: list[str]) -> None:
    """Label the left axis 0, 1, 2, ... and make it wide enough for the longest label
    (pyqtgraph silently drops labels wider than its initial guess)."""
    axis = plot.getAxis("left")
    axis.setTicks([list(enumerate(labels))])
    metrics = QFontMetrics(axis.font() if hasattr(axis, "font") else QFont())
    widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
    axis.setStyle(tickTextWidth=widest + 8, autoReduceTextSpace=False)
    axis.setWidth(widest + 45)  # room for the tick text, the ticks and the axis title


def make_plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    plot.setTitle(title, size="11pt")
    plot.setMenuEnabled(False)  # pyqtgraph's own context menu is English
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    return plot


NO_BARS = {"x0": 0, "y": [], "width": []}  # a status with nothing to draw


class StatusSample(pg.ItemSample):
    """A legend entry's swatch drawn like the bars: the colour with the pattern over it
    (pyqtgraph's own sample shows the colour only, so the legend lost the pattern)."""

    def __init__(self, solid: pg.BarGraphItem, hatch: pg.BarGraphItem) -> None:
        super().__init__(solid)
        self.hatch = hatch

    def layers(self) -> list[QBrush]:
        """The brushes the swatch paints, bottom first: the bars' own."""
        return [pg.mkBrush(self.item.opts["brush"]), pg.mkBrush(self.hatch.opts["brush"])]

    def paint(self, p: QPainter, *args) -> None:
        square = QRectF(2, 2, 16, 16)
        outline = pg.mkPen(self.item.opts["pen"])
        for brush in self.layers():
            p.setPen(outline)
            p.setBrush(brush)
            p.drawRect(square)
            outline = pg.mkPen(None)  # the pattern without a second outline

    def mouseClickEvent(self, event) -> None:
        # pyqtgraph hides the bar when its legend entry is clicked: here it would leave the
        # pattern floating without its colour, and nothing says how to get it back.
        event.accept()


class StatusBars:
    """A solid and a hatched bar item per status, made once and updated with `set`:
    making and removing pyqtgraph items took most of the time of a worker switch."""

    def __init__(self, plot: pg.PlotWidget, legend: pg.LegendItem, statuses: tuple[str, ...]):
        self.legend = legend
        self.items: dict[str, tuple[pg.BarGraphItem, pg.BarGraphItem]] = {}
        self._legend_for: tuple[str, ...] | None = None
        for status in statuses:
            solid = pg.BarGraphItem(**NO_BARS, height=0.7, brush=brush(status),
                                    pen=pg.mkPen("#333333"))  # fmt: skip
            hatch = pg.BarGraphItem(**NO_BARS, height=0.7, brush=pattern(status),
                                    pen=pg.mkPen(None))  # fmt: skip
            plot.addItem(solid)
            plot.addItem(hatch)
            self.items[status] = (solid, hatch)

    def set(self, bars: dict[str, dict], legend: tuple[str, ...]) -> None:
        """`bars`: per status the BarGraphItem options x0, y and width (a status left out
        draws nothing); `legend`: the statuses the legend names."""
        for status, items in self.items.items():
            opts = bars.get(status, NO_BARS)
            for item in items:
                item.setOpts(**opts)
        if legend != self._legend_for:
            self.legend.clear()
            for status in legend:
                self.legend.addItem(StatusSample(*self.items[status]), status)
            self._legend_for = legend


class LabelPool:
    """Text labels in a plot, made once and reused (hidden when not needed)."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        self.plot = plot
        self.items: list[pg.TextItem] = []

    def show(self, labels: list[tuple[float, float, str]]) -> None:
        """Show a label (x, y, text) per entry, anchored left of its point."""
        while len(self.items) < len(labels):
            item = pg.TextItem("", color="#222222", anchor=(0, 0.5))
            self.plot.addItem(item)
            self.items.append(item)
        for item, (x, y, text) in zip(self.items, labels, strict=False):
            item.setText(text)
            item.setPos(x, y)
            item.show()
        for item in self.items[len(labels) :]:
            item.hide()


def bar_index(point: QPointF, count: int) -> int | None:
    """The horizontal bar (one per category, at y = 0, 1, …) under a point in view
    coordinates: within a bar's thickness and right of the axis, or None."""
    i = round(point.y())
    if 0 <= i < count and abs(point.y() - i) <= 0.35 and point.x() >= 0:
        return i
    return None
