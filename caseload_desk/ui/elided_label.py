"""A one-line label that never claims more width than it gets: a long name ends in "…"
and the full text is in its tooltip (a QLabel's own minimum width is its whole text, so
a 60-character name would squeeze every pane beside it)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._update_tip()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text)  # the whole text, also when it is elided on screen
        self._update_tip()

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def _update_tip(self) -> None:
        self.setToolTip(self.text() if self.is_elided() else "")

    def minimumSizeHint(self) -> QSize:
        room = self.fontMetrics().horizontalAdvance("Wwwwww…")  # a few letters at least
        return QSize(
            min(super().minimumSizeHint().width(), room), super().minimumSizeHint().height()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), text,
            self.foregroundRole(),
        )  # fmt: skip
