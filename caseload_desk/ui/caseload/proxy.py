"""Sorting on raw values and the quick filters of the caseload table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from caseload_desk.domain import MeasureType
from caseload_desk.ui.caseload.model import ROW_ROLE, SORT_ROLE, CaseloadRow
from caseload_desk.ui.itemdata import item


class CaseloadProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._only_onder_druk = False
        self._only_signal = False
        self._types: frozenset[MeasureType] = frozenset()
        self._text = ""

    def _change(self, name: str, value: object) -> None:
        """Change one filter setting and refilter the rows (Qt 6.10 API when present)."""
        if hasattr(self, "endFilterChange"):
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            setattr(self, name, value)
            self.invalidateRowsFilter()

    def set_only_onder_druk(self, on: bool) -> None:
        self._change("_only_onder_druk", on)

    def set_only_signal(self, on: bool) -> None:
        self._change("_only_signal", on)

    def set_types(self, types: frozenset[MeasureType]) -> None:
        self._change("_types", types)

    def set_text(self, text: str) -> None:
        self._change("_text", text.strip().lower())

    def accepts(self, r: CaseloadRow) -> bool:
        s = r.signals
        if self._only_onder_druk and not s.onder_druk:
            return False
        if self._only_signal and not s.any_signal:
            return False
        if self._types and s.measure.type not in self._types:
            return False
        return not self._text or self._text in f"{r.maatregel_id} {r.jeugdige}".lower()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = item(self.sourceModel().index(source_row, 0, source_parent), ROW_ROLE, CaseloadRow)
        return row is not None and self.accepts(row)
