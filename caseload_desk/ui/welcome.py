"""The first screen when no database is open: open, new + import, or the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from caseload_desk import __version__


class WelcomePage(QWidget):
    open_requested = Signal()
    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel("<h1>Caseload Desk</h1>")
        text = QLabel(
            "Voor het caseloadgesprek tussen praktijkbegeleider en jeugdzorgwerker: "
            "zie welke dossiers aandacht nodig hebben en volg de afspraken op.<br>"
            "Kies waarmee u wilt beginnen."
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for w in (title, text):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(w)
        for name, label, signal in (
            ("welcomeOpen", "Database &openen…", self.open_requested),
            ("welcomeNew", "&Nieuwe database maken en export inlezen…", self.new_requested),
            ("welcomeDemo", "&Demodatabase openen", self.demo_requested),
        ):
            button = QPushButton(label)
            button.setObjectName(name)
            button.setMinimumWidth(380)
            button.setMinimumHeight(36)
            button.clicked.connect(signal)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        version = QLabel(f"versie {__version__} · werkt volledig offline")
        version.setAlignment(Qt.AlignmentFlag.AlignCenter)
        version.setStyleSheet("color: #666;")
        layout.addWidget(version)
        layout.addStretch(2)
