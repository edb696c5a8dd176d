"""Colours and status presentation, chosen to read for colour-blind users too:
every status also has its own icon shape and word."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from caseload_desk.signals.freshness import Freshness

RED = QColor("#9B2C1F")
ORANGE = QColor("#8A5A00")
GREEN = QColor("#1D6B3A")
ROW_ALERT = QColor("#FCEDEA")

# Text at least 4.5:1 against its background (WCAG AA), checked in tests/test_contrast.py.
# The style's own selection blue (#308CC6 in Fusion) gives white text only 3.7:1, its
# placeholder text is half-transparent black (4.0:1) and its visited links magenta (3.1:1).
SELECTION = QColor("#2670A8")  # white on it: 5.3:1
PLACEHOLDER = QColor("#595959")  # on white: 7.0:1
LINK_VISITED = QColor("#6A2C91")  # on white: 8.8:1

FRESHNESS_ICON = {
    Freshness.ACTUEEL: "ok",
    Freshness.VEROUDERD: "warning",
    Freshness.ONTBREEKT: "alarm",
}
FRESHNESS_COLOUR = {Freshness.ACTUEEL: GREEN, Freshness.VEROUDERD: ORANGE, Freshness.ONTBREEKT: RED}


def apply_palette(app: QApplication) -> None:
    """The style's palette with readable selection, placeholder and link colours, in the
    active and the inactive window alike (a selection stays readable without focus)."""
    palette = app.palette()
    Role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, Role.Highlight, SELECTION)
        palette.setColor(group, Role.Accent, SELECTION)
        palette.setColor(group, Role.HighlightedText, QColor("white"))
        palette.setColor(group, Role.PlaceholderText, PLACEHOLDER)
        palette.setColor(group, Role.LinkVisited, LINK_VISITED)
    app.setPalette(palette)
