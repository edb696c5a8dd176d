"""Qt item data back to domain values: through real Qt widgets, and a guard for all of ui/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from caseload_desk.domain import ActionOwner, ActionStatus
from caseload_desk.ui import itemdata

UI = Path(__file__).resolve().parents[1] / "caseload_desk" / "ui"


def test_combo_round_trip_gives_the_enum_back(qapp) -> None:
    box = QComboBox()
    for owner in ActionOwner:
        itemdata.add_choice(box, owner.label, owner)
    for owner in ActionOwner:
        itemdata.select_choice(box, owner)
        chosen = itemdata.choice(box, ActionOwner)
        assert chosen is owner and chosen.value == owner.value


def test_optional_choice_keeps_none(qapp) -> None:
    box = QComboBox()
    itemdata.add_choice(box, "nog niet", None)
    itemdata.add_choice(box, "Afgerond", ActionStatus.AFGEROND)
    assert itemdata.optional_choice(box, ActionStatus) is None
    itemdata.select_choice(box, ActionStatus.AFGEROND)
    assert itemdata.optional_choice(box, ActionStatus) is ActionStatus.AFGEROND
    itemdata.select_choice(box, None)
    assert box.currentIndex() == 0


def test_model_role_is_checked_and_converted(qapp) -> None:
    model = QStandardItemModel()
    cell = QStandardItem("x")
    cell.setData(ActionStatus.LOOPT_NOG, Qt.ItemDataRole.UserRole)  # whatever Qt makes of it
    cell.setData(42, Qt.ItemDataRole.UserRole + 1)
    model.appendRow(cell)
    index = model.index(0, 0)
    assert itemdata.item(index, Qt.ItemDataRole.UserRole, ActionStatus) is ActionStatus.LOOPT_NOG
    assert itemdata.item(index, Qt.ItemDataRole.UserRole + 1, int) == 42
    with pytest.raises(TypeError):
        itemdata.item(index, Qt.ItemDataRole.UserRole + 1, str)
    assert itemdata.item(model.index(5, 0), Qt.ItemDataRole.UserRole, int) is None


def test_unknown_values_are_refused() -> None:
    with pytest.raises(ValueError):
        itemdata.as_enum(ActionOwner, "baas")
    with pytest.raises(TypeError):
        itemdata.as_enum(ActionOwner, 3)
    assert itemdata.as_optional_enum(ActionOwner, "") is None


def test_no_raw_item_data_outside_itemdata() -> None:
    """currentData()/itemData() and custom roles are read only through ui/itemdata.py."""
    raw = re.compile(r"\.(currentData|itemData)\(|\.data\(\s*\w+_ROLE\s*\)")
    offenders = [
        f"{path.relative_to(UI)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "itemdata.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if raw.search(line) and "QStandardItem" not in line
    ]
    # The worker list's QStandardItems keep plain strings and bools: item.data(ROLE) there
    # reads an item, not an index, and is allowed.
    offenders = [o for o in offenders if not o.startswith("workers/model.py")]
    assert offenders == []
