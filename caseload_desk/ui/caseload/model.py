"""The caseload table model: one row per running measure, raw values behind custom roles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from caseload_desk.dates import nl
from caseload_desk.signals import SignalCode
from caseload_desk.ui.caseload.rows import CaseloadRow
from caseload_desk.ui.resources import icon
from caseload_desk.ui.style import FRESHNESS_COLOUR, FRESHNESS_ICON, RED, ROW_ALERT
from caseload_desk.ui.texts import FRESHNESS_LABELS, SIGNAL_LABELS
from caseload_desk.words import count

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw value: dates as dates, counts as numbers
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the CaseloadRow itself

Index = QModelIndex | QPersistentModelIndex


class Col(IntEnum):
    # Ordered by what the conversation needs first: signals before dates.
    MAATREGEL = 0
    JEUGDIGE = 1
    ONDER_DRUK = 2
    CONTACT = 3
    PVA = 4
    RISICO = 5
    SIGNALEN = 6
    ACTIES = 7
    TYPE = 8
    START = 9
    EINDE = 10


_COLS = tuple(Col)  # by position: Col(n) per cell was a tenth of painting the table
_COLUMN_COUNT = len(_COLS)

# The roles served from the per-row cache, and where in it.
_ROLE_SLOT = {
    Qt.ItemDataRole.DisplayRole: 0,
    Qt.ItemDataRole.DecorationRole: 1,
    Qt.ItemDataRole.ForegroundRole: 2,
    Qt.ItemDataRole.BackgroundRole: 3,
    Qt.ItemDataRole.FontRole: 4,
}
_TIP_ROLES = (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)

HEADERS = {
    Col.MAATREGEL: "Maatregel",
    Col.JEUGDIGE: "Jeugdige",
    Col.TYPE: "Type",
    Col.START: "Start",
    Col.EINDE: "Einde",
    Col.CONTACT: "Laatste cliëntcontact",
    Col.PVA: "Plan van aanpak",
    Col.RISICO: "Risicotaxatie",
    Col.ONDER_DRUK: "Onder druk",
    Col.SIGNALEN: "Signalen",
    Col.ACTIES: "Open acties",
}
# Column titles of more than one word take two lines: the title, not the value, made
# these columns wide, and at 1366x768 the main columns must fit side by side.
_HEADER_LINES = {col: text.replace(" ", "\n", 1) for col, text in HEADERS.items()}
_HEADER_LINES[Col.PVA] = "Plan van\naanpak"

# Signals in a word or two, for the narrow signal column; the tooltip has them in full.
SIGNAL_SHORT: dict[SignalCode, str] = {
    SignalCode.ONDER_DRUK: "onder druk",
    SignalCode.GEEN_CONTACT: "geen contact",
    SignalCode.PVA: "PvA",
    SignalCode.RISICOTAXATIE: "taxatie",
    SignalCode.EERSTE_CONTACT: "1e contact",
    SignalCode.PVA_TERMIJN: "PvA-termijn",
    SignalCode.GEEN_VASTE_JB: "geen vaste JB",
    SignalCode.EINDDATUM: "einde nadert",
    SignalCode.ACTIES_VERLOPEN: "actie verlopen",
}


def _contact_text(r: CaseloadRow) -> str:
    c = r.signals.contact
    when = nl(c.last_contact) if c.last_contact else "geen"
    return f"{when} ({c.days_since} d)"


def _other_signals(r: CaseloadRow) -> list[SignalCode]:
    """The signals besides onder druk, which has its own column."""
    return [c for c in r.signals.codes if c is not SignalCode.ONDER_DRUK]


def _display(r: CaseloadRow, col: Col) -> str:
    s = r.signals
    match col:
        case Col.MAATREGEL:
            return s.maatregel_id
        case Col.JEUGDIGE:
            return r.jeugdige
        case Col.TYPE:
            return s.measure.type.value
        case Col.START:
            return nl(s.measure.startdatum)
        case Col.EINDE:
            return nl(s.measure.einddatum)
        case Col.CONTACT:
            return _contact_text(r)
        case Col.PVA:  # the date, with the status as icon and colour (and in the tooltip)
            return nl(s.plan.latest) or FRESHNESS_LABELS[s.plan.status]
        case Col.RISICO:
            return nl(s.risk.latest) or FRESHNESS_LABELS[s.risk.status]
        case Col.ONDER_DRUK:
            return "Ja" if s.onder_druk else "Nee"
        case Col.SIGNALEN:  # readable in a narrow column: the full list is in the tooltip
            codes = _other_signals(r)
            return (
                SIGNAL_SHORT[codes[0]]
                if len(codes) == 1
                else count(len(codes), "signaal", "signalen")
                if codes
                else ""
            )
        case Col.ACTIES:
            return str(r.open_actions) if r.open_actions else ""


def _sort_value(r: CaseloadRow, col: Col) -> Any:
    # Plain numbers: Qt cannot compare Python date objects, so dates sort as ordinals.
    s = r.signals
    far = date.max
    values: dict[Col, Callable[[], Any]] = {
        Col.START: lambda: s.measure.startdatum.toordinal(),
        Col.EINDE: lambda: (s.measure.einddatum or far).toordinal(),
        Col.CONTACT: lambda: s.contact.days_since,
        Col.PVA: lambda: (s.plan.latest or date.min).toordinal(),
        Col.RISICO: lambda: (s.risk.latest or date.min).toordinal(),
        Col.ONDER_DRUK: lambda: int(s.onder_druk),
        Col.SIGNALEN: lambda: len(_other_signals(r)),
        Col.ACTIES: lambda: r.open_actions,
    }
    getter = values.get(col)
    return getter() if getter else _display(r, col).lower()


def _decoration(r: CaseloadRow, col: Col) -> Any:
    s = r.signals
    if col == Col.CONTACT:
        return icon("alarm" if s.contact.on else "ok")
    if col == Col.PVA:
        return icon(FRESHNESS_ICON[s.plan.status])
    if col == Col.RISICO:
        return icon(FRESHNESS_ICON[s.risk.status])
    if col == Col.ONDER_DRUK and s.onder_druk:
        return icon("alarm")
    if col == Col.SIGNALEN and _other_signals(r):
        return icon("warning")
    return None


def _tooltip(r: CaseloadRow, col: Col, shown: str) -> str:
    """The cell in full: what the narrow columns leave out, and elided text."""
    s = r.signals
    match col:
        case Col.PVA | Col.RISICO:
            f = s.plan if col == Col.PVA else s.risk
            when = f" ({nl(f.latest)})" if f.latest else ""
            return f"{HEADERS[col]}: {FRESHNESS_LABELS[f.status].lower()}{when}"
        case Col.SIGNALEN:
            other = _other_signals(r)
            return f"Signalen: {', '.join(SIGNAL_LABELS[c] for c in other) or 'geen'}"
    return f"{HEADERS[col]}: {shown or 'geen'}"


def _foreground(r: CaseloadRow, col: Col) -> Any:
    s = r.signals
    if col == Col.PVA:
        return FRESHNESS_COLOUR[s.plan.status]
    if col == Col.RISICO:
        return FRESHNESS_COLOUR[s.risk.status]
    if (col == Col.CONTACT and s.contact.on) or (col == Col.ONDER_DRUK and s.onder_druk):
        return RED
    return None


class CaseloadModel(QAbstractTableModel):
    """Holds the rows of one caseload; `set_rows` replaces them with a model reset."""

    def __init__(self, parent: Any = None, *, compact_signals: bool = True) -> None:
        super().__init__(parent)
        # The main window's narrow column says "3 signalen"; where there is room (the
        # conversation's flagged list) every signal is named.
        self.compact_signals = compact_signals
        self._rows: list[CaseloadRow] = []
        # Per row, what the view asks for, worked out on first request: painting asks
        # every visible cell for several roles, a thousand calls per worker switch.
        self._cells: list[tuple[tuple[Any, ...], ...] | None] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[CaseloadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [None] * len(self._rows)
        self.endResetModel()

    def rows(self) -> list[CaseloadRow]:
        return list(self._rows)

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def row_of(self, maatregel_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.maatregel_id == maatregel_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADER_LINES[_COLS[section]]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[_COLS[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        slot = _ROLE_SLOT.get(role)
        if not index.isValid():
            return None
        if slot is not None or role in _TIP_ROLES:
            row, col = index.row(), index.column()
            cells = self._cells[row] or self._fill(row)
            if slot is not None:
                return cells[slot][col]
            return _tooltip(self._rows[row], _COLS[col], cells[0][col])  # asked for rarely
        if role == SORT_ROLE:
            return _sort_value(self._rows[index.row()], _COLS[index.column()])
        if role == ROW_ROLE:
            return self._rows[index.row()]
        return None

    def _fill(self, row: int) -> tuple[tuple[Any, ...], ...]:
        r = self._rows[row]
        display = tuple(_display(r, col) for col in _COLS)
        if not self.compact_signals:
            full = ", ".join(SIGNAL_SHORT[c] for c in _other_signals(r))
            display = tuple(
                full if col == Col.SIGNALEN else d for col, d in zip(_COLS, display, strict=True)
            )
        alert = r.signals.onder_druk
        cells = (
            display,
            tuple(_decoration(r, col) for col in _COLS),
            tuple(_foreground(r, col) for col in _COLS),
            (ROW_ALERT if alert else None,) * _COLUMN_COUNT,
            tuple(self._bold if col == Col.ONDER_DRUK and alert else None for col in _COLS),
        )
        self._cells[row] = cells
        return cells
