"""The worker list: teams with their workers, each with signal counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from caseload_desk.signals import SignalSettings, evaluate_caseload
from caseload_desk.store import Store
from caseload_desk.store.facts import NO_FIXED_WORKER, iter_facts_chunked
from caseload_desk.store.records import workers
from caseload_desk.ui.resources import icon

WORKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NO_FIXED_LABEL = "CRT/CCP: geen vaste JB"


@dataclass(frozen=True)
class WorkerCount:
    measures: int = 0
    onder_druk: int = 0
    with_signal: int = 0


def worker_counts(
    store: Store, peildatum: date, settings: SignalSettings
) -> dict[str, WorkerCount]:
    """Counts per worker id, plus NO_FIXED_WORKER for measures without a fixed worker."""
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in evaluate_caseload(iter_facts_chunked(store, peildatum), peildatum, settings):
        keys = [s.measure.medewerker_id] if s.measure.medewerker_id else []
        if s.without_fixed_worker:
            keys.append(NO_FIXED_WORKER)
        for key in keys:
            c = acc[key]
            c[0] += 1
            c[1] += s.onder_druk
            c[2] += s.any_signal
    return {k: WorkerCount(*v) for k, v in acc.items()}


HEADERS = ["Medewerker", "Onder druk", "Signaal"]


def _worker_icon(key: str, c: WorkerCount):
    if key == NO_FIXED_WORKER:  # measures without a vaste jeugdbeschermer are a risk as such
        return icon("warning" if c.measures else "ok")
    return icon("alarm" if c.onder_druk else "warning" if c.with_signal else "ok")


def _counts(c: WorkerCount) -> list[QStandardItem]:
    cells = []
    for value, what in ((c.onder_druk, "onder druk"), (c.with_signal, "met een signaal")):
        item = QStandardItem(str(value))
        item.setEditable(False)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(f"{value} maatregelen {what}")
        cells.append(item)
    return cells


def build_worker_model(
    store: Store, counts: dict[str, WorkerCount], model: QStandardItemModel
) -> None:
    """Fill `model` with team nodes and worker rows, and the CRT/CCP entry last."""
    model.clear()
    model.setHorizontalHeaderLabels(HEADERS)
    teams: dict[str, QStandardItem] = {}
    for w in workers(store):
        team_name = w.team or "Zonder team"
        team = teams.get(team_name)
        if team is None:
            team = QStandardItem(team_name)
            team.setEditable(False)
            team.setSelectable(False)
            font = team.font()
            font.setBold(True)
            team.setFont(font)
            teams[team_name] = team
            model.appendRow([team, QStandardItem(), QStandardItem()])
        c = counts.get(w.medewerker_id, WorkerCount())
        item = QStandardItem(w.naam)
        item.setEditable(False)
        item.setData(w.medewerker_id, WORKER_ID_ROLE)
        item.setToolTip(
            f"{w.naam}: {c.measures} lopende maatregelen, {c.onder_druk} onder druk, "
            f"{c.with_signal} met een signaal" + ("" if w.in_export else " (niet meer in export)")
        )
        item.setIcon(_worker_icon(w.medewerker_id, c))
        team.appendRow([item, *_counts(c)])
    c = counts.get(NO_FIXED_WORKER, WorkerCount())
    crt = QStandardItem(NO_FIXED_LABEL)
    crt.setToolTip(f"Maatregelen zonder vaste jeugdbeschermer (CRT/CCP): {c.measures} lopend")
    crt.setEditable(False)
    crt.setData(NO_FIXED_WORKER, WORKER_ID_ROLE)
    crt.setIcon(_worker_icon(NO_FIXED_WORKER, c))
    model.appendRow([crt, *_counts(c)])


def update_counts(model: QStandardItemModel, counts: dict[str, WorkerCount]) -> None:
    """Fill in the count cells of an existing worker list (selection stays as it is)."""
    root = model.invisibleRootItem()
    for r in range(root.rowCount()):
        top = root.child(r, 0)
        rows = [(root, r), *((top, c) for c in range(top.rowCount()))]
        for parent, row in rows:
            item = parent.child(row, 0)
            key = item.data(WORKER_ID_ROLE)
            if not key:
                continue  # a team heading
            c = counts.get(key, WorkerCount())
            parent.child(row, 1).setText(str(c.onder_druk))
            parent.child(row, 2).setText(str(c.with_signal))
            item.setIcon(_worker_icon(key, c))


class WorkerFilterProxy(QSortFilterProxyModel):
    """Search by name; a team stays visible while one of its workers matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
