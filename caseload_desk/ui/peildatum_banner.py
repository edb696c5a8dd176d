"""A banner that says so when the signals are computed for another day than today.

With the peildatum moved (to prepare next month's conversation, say) every "dagen
geleden" and every deadline counts from that day; easily forgotten once the date field is
out of sight. The banner shows an icon and the words "Let op", so it does not lean on its
colour alone, and a screen reader reads it as a whole. Hidden while peildatum is today.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from caseload_desk.dates import nl
from caseload_desk.ui.resources import icon

ICON_SIZE = 20


def peildatum_message(peildatum: date, today: date) -> str:
    return (
        f"Let op: de signalen gelden op peildatum {nl(peildatum)}, niet op vandaag ({nl(today)})."
    )


class PeildatumBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peildatumBanner")
        self.setAccessibleName("Melding over de peildatum")
        # Dark blue on light blue: 10:1; the thick left edge marks it also in greyscale.
        self.setStyleSheet(
            "#peildatumBanner { background: #E7F0FA; border: 1px solid #7EA6D3;"
            " border-left: 5px solid #1F5C99; }"
            "#peildatumBanner QLabel { color: #0B2F57; background: transparent; border: none; }"
        )
        self.icon = QLabel()
        self.icon.setObjectName("peildatumBannerIcon")
        self.icon.setPixmap(icon("info").pixmap(ICON_SIZE, ICON_SIZE))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("peildatumBannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 5, 8, 5)
        layout.addWidget(self.icon)
        layout.addWidget(self.label, 1)
        self.hide()

    def set_dates(self, peildatum: date, today: date) -> None:
        """Show the banner when `peildatum` is not `today`, hide it when it is."""
        if peildatum == today:
            self.show_text("")
            return
        self.show_text(
            peildatum_message(peildatum, today),
            f"Alle signalen, dagen en termijnen zijn berekend alsof het {nl(peildatum)} is.",
        )

    def show_text(self, text: str, tip: str = "") -> None:
        """Show `text` (with `tip` as tooltip); hide the banner when it is empty. The
        conversation window says its own date this way."""
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.setToolTip(tip)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()

    def message(self) -> str:
        """The text shown, empty while hidden."""
        return self.label.text() if not self.isHidden() else ""
