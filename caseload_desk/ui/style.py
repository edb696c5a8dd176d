"""Colours and status presentation, chosen to read for colour-blind users too:
every status also has its own icon shape and word."""

from __future__ import annotations

from PySide6.QtGui import QColor

from caseload_desk.signals.freshness import Freshness

RED = QColor("#9B2C1F")
ORANGE = QColor("#8A5A00")
GREEN = QColor("#1D6B3A")
ROW_ALERT = QColor("#FCEDEA")

FRESHNESS_ICON = {
    Freshness.ACTUEEL: "ok",
    Freshness.VEROUDERD: "warning",
    Freshness.ONTBREEKT: "alarm",
}
FRESHNESS_COLOUR = {Freshness.ACTUEEL: GREEN, Freshness.VEROUDERD: ORANGE, Freshness.ONTBREEKT: RED}
