"""Windows that fit the screen they open on: a laptop at 1366x768, or 150 % scaling.

A fixed size (the conversation window was always 1200x760) puts buttons off-screen on a
small or scaled screen, and a geometry restored from a larger monitor does the same.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room for what the window manager adds: borders, and the title bar above the window.
FRAME_W, FRAME_H = 16, 40


def available(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open at the preferred size, but never larger than the available screen."""
    area = available(window)
    window.resize(
        max(1, min(width, area.width() - FRAME_W)), max(1, min(height, area.height() - FRAME_H))
    )


def clamp_to_screen(window: QWidget) -> None:
    """After restoring a saved geometry: shrink and move the window onto the screen."""
    area = available(window)
    fit_to_screen(window, window.width(), window.height())
    x = min(max(window.x(), area.left()), area.right() - window.width() - FRAME_W)
    y = min(max(window.y(), area.top()), area.bottom() - window.height() - FRAME_H)
    window.move(max(area.left(), x), max(area.top(), y))
