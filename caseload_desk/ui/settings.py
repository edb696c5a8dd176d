"""User preferences and window state, declared once over one QSettings.

Tests point QSettings at a temporary folder (see tests/conftest.py), so they never
touch a user's real settings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "CaseloadDesk", "Caseload Desk"


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._s = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP
        )

    def last_database(self) -> str:
        return str(self._s.value("bestanden/laatste", "") or "")

    def set_last_database(self, path: str) -> None:
        self._s.setValue("bestanden/laatste", path)

    def supervisor_name(self) -> str:
        return str(self._s.value("gebruiker/praktijkbegeleider", "") or "")

    def set_supervisor_name(self, name: str) -> None:
        self._s.setValue("gebruiker/praktijkbegeleider", name)

    def window_state(self, key: str) -> QByteArray | None:
        value = self._s.value(f"venster/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_window_state(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"venster/{key}", value)

    # Columns by their stable names, as plain text: "type,start" and "maatregel=93,...".
    def hidden_columns(self, table: str) -> list[str] | None:
        """The columns switched off in `table`; None when never chosen (the defaults)."""
        value = self._s.value(f"kolommen/{table}/verborgen")
        return None if value is None else [k for k in str(value).split(",") if k]

    def set_hidden_columns(self, table: str, keys: list[str]) -> None:
        self._s.setValue(f"kolommen/{table}/verborgen", ",".join(keys))

    def column_widths(self, table: str) -> dict[str, int]:
        widths = {}
        for part in str(self._s.value(f"kolommen/{table}/breedtes", "") or "").split(","):
            key, _, width = part.partition("=")
            if width.isdigit():
                widths[key] = int(width)
        return widths

    def set_column_widths(self, table: str, widths: dict[str, int]) -> None:
        self._s.setValue(
            f"kolommen/{table}/breedtes", ",".join(f"{k}={w}" for k, w in widths.items())
        )

    def sync(self) -> None:
        self._s.sync()
