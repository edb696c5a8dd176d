"""How a follow-up status looks and is chosen: one icon, one colour, one word and one key
each, so "loopt nog" can never be mistaken for "afgerond"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from caseload_desk.domain import ActionStatus
from caseload_desk.ui.style import GREEN, ORANGE

GREY = QColor("#4D5656")


@dataclass(frozen=True)
class StatusLook:
    status: ActionStatus | None  # None: not followed up in this conversation (yet)
    word: str
    icon: str
    colour: QColor
    key: Qt.Key


NOT_YET = StatusLook(None, "Nog niet opgevolgd", "open", GREY, Qt.Key.Key_0)
LOOKS = (
    StatusLook(ActionStatus.AFGEROND, "Afgerond", "ok", GREEN, Qt.Key.Key_1),
    StatusLook(ActionStatus.LOOPT_NOG, "Loopt nog", "loopt", ORANGE, Qt.Key.Key_2),
    StatusLook(ActionStatus.VERVALLEN, "Vervallen", "vervallen", GREY, Qt.Key.Key_3),
)
BY_STATUS = {look.status: look for look in (*LOOKS, NOT_YET)}
BY_KEY = {look.key: look for look in (*LOOKS, NOT_YET)}


def look_of(status: ActionStatus | None) -> StatusLook:
    return BY_STATUS[status]


def key_digit(look: StatusLook) -> str:
    return chr(look.key)  # Qt.Key_0..Key_9 are the ASCII codes of the digits
