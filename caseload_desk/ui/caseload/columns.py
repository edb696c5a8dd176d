"""Which columns of a table are shown, and how wide they are: together they fit its width.

Each shown column wants its natural width: its title and contents (at most WIDEST) or what
the user dragged it to. When they do not all fit, the elastic columns (free text) give way
first, down to NARROWEST, their text elided with the full text in the cell's tooltip; then
the others, but never below what their cells need (a date cut to "04-0…" says nothing):
only then does a horizontal scrollbar appear. So a laptop screen at 1366x768 shows the
main columns without one. The columns are
switched on and off from a checkable menu: the header's context menu, which the window
also offers in its menu bar for the keyboard.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QTableView

WIDEST = 230  # no column wants more by itself; tooltips hold the rest
NARROWEST = 60  # what a column keeps when space is short (the text is elided)


class TableColumns(QObject):
    """The columns of `table`, named `names` (for the menu) and `keys` (for the settings).
    Columns in `fixed` are always shown and never narrowed (an id, say); those in
    `elastic` (free text, elided well) are narrowed before the others."""

    changed = Signal()  # the user switched a column on or off

    def __init__(
        self,
        table: QTableView,
        names: Sequence[str],
        keys: Sequence[str],
        fixed: Collection[int] = (),
        elastic: Collection[int] = (),
    ) -> None:
        super().__init__(table)
        self._table = table
        self._keys = list(keys)
        self._fixed = frozenset(fixed)
        self._elastic = frozenset(elastic)
        self._natural: dict[int, int] = {}
        self._fitting = False  # our own resizing, not the user's
        self.menu = QMenu("&Kolommen", table)
        self.menu.setObjectName("columnsMenu")
        self.actions: list[QAction] = []
        for col, name in enumerate(names):
            # Made here, not by addAction(name): PySide could hand back a stale wrapper of
            # another (deleted) object at the same address for an action Qt made.
            action = QAction(name, self.menu)
            self.menu.addAction(action)
            action.setObjectName(f"column_{self._keys[col]}")
            action.setCheckable(True)
            action.setChecked(True)
            action.setEnabled(col not in self._fixed)
            action.toggled.connect(partial(self._toggled, col))
            self.actions.append(action)
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.sectionResized.connect(self._resized)
        table.viewport().installEventFilter(self)
        # Fitting waits until the events of one change are through (a resize can show a
        # scrollbar, which narrows the viewport again): once, not once per event.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)

    # --- shown or hidden ---------------------------------------------------------------
    def show_menu(self, pos: QPoint) -> None:
        self.menu.exec(self._table.horizontalHeader().mapToGlobal(pos))

    def hidden(self) -> list[str]:
        header = self._table.horizontalHeader()
        return [k for col, k in enumerate(self._keys) if header.isSectionHidden(col)]

    def set_hidden(self, keys: Collection[str]) -> None:
        """Hide the columns named in `keys` (unknown names are ignored), show the others."""
        for col, key in enumerate(self._keys):
            action = self.actions[col]
            action.blockSignals(True)
            action.setChecked(col in self._fixed or key not in keys)
            action.blockSignals(False)
            self._set_shown(col, action.isChecked())
        self.fit()

    def _toggled(self, col: int, on: bool) -> None:
        self._set_shown(col, on)
        self.fit()
        self.changed.emit()

    def _set_shown(self, col: int, on: bool) -> None:
        self._fitting = True
        try:
            self._table.horizontalHeader().setSectionHidden(col, not on)
        finally:
            self._fitting = False

    # --- widths ---------------------------------------------------------------------------
    def measure(self, widest: int = WIDEST) -> None:
        """Make every shown column want the width of its contents (the rows shown now);
        a hidden one is measured when it is switched on (a hidden title has no size)."""
        header = self._table.horizontalHeader()
        self._natural = {}
        for col in range(header.count()):
            if not header.isSectionHidden(col):
                self._natural[col] = self._content_width(col, widest)
        self.fit()

    def _content_width(self, col: int, widest: int = WIDEST) -> int:
        header = self._table.horizontalHeader()
        hint = max(self._table.sizeHintForColumn(col), header.sectionSizeHint(col))
        return max(header.minimumSectionSize(), min(hint, widest))

    def measured(self) -> bool:
        return bool(self._natural)

    def widths(self) -> dict[str, int]:
        """The width each column wants, by key (to remember), as far as known."""
        return {self._keys[col]: width for col, width in sorted(self._natural.items())}

    def set_widths(self, widths: dict[str, int]) -> None:
        """The widths the columns want (remembered), by key; unknown keys are ignored."""
        for col, key in enumerate(self._keys):
            if widths.get(key, 0) > 0:
                self._natural[col] = widths[key]
        self.fit()

    def natural(self, col: int) -> int:
        if col not in self._natural:  # never measured: its title and the rows shown now
            self._natural[col] = self._content_width(col)
        return self._natural[col]

    def fit(self) -> None:
        """Give the shown columns their natural widths, or a fair part of them."""
        header = self._table.horizontalHeader()
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not shown or not self._natural or not self._table.isVisible():
            return  # an unshown table has no width yet: it fits when it is shown
        widths = {c: self.natural(c) for c in shown}
        over = sum(widths.values()) - self._table.viewport().width()
        elastic = [c for c in shown if c in self._elastic and c not in self._fixed]
        if over > 0:
            over = self._narrow(widths, {c: NARROWEST for c in elastic}, over)
        if over > 0:  # the others, down to what their cells (not their titles) need
            rest = [c for c in shown if c not in self._elastic and c not in self._fixed]
            floors = {c: min(widths[c], self._table.sizeHintForColumn(c)) for c in rest}
            self._narrow(widths, floors, over)
        self._fitting = True
        try:
            for c, width in widths.items():
                if header.sectionSize(c) != width:
                    header.resizeSection(c, width)
        finally:
            self._fitting = False

    @staticmethod
    def _narrow(widths: dict[int, int], floors: dict[int, int], over: int) -> int:
        """Take `over` pixels from the columns in `floors`, each in proportion to what it
        has above its floor; returns what could not be taken."""
        spare = {c: max(0, widths[c] - floor) for c, floor in floors.items()}
        total = sum(spare.values())
        if total == 0:
            return over
        take = min(over, total)
        for c in floors:
            cut = -(-spare[c] * take // total)  # rounded up: never a pixel short
            widths[c] -= min(cut, spare[c])
        return over - take

    def _resized(self, col: int, _old: int, new: int) -> None:
        """A column the user dragged wants that width from now on."""
        header = self._table.horizontalHeader()
        if self._fitting or new <= 0 or header.isSectionHidden(col):
            return
        shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        last = max(shown, key=header.visualIndex)
        if header.stretchLastSection() and col == last:
            return  # Qt stretching the last column to the table's edge
        self._natural[col] = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self._table.viewport():
            self._timer.start()
        return super().eventFilter(watched, event)
