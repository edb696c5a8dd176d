"""The worker list: teams with their workers, each with signal counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QIcon, QPixmap, QStandardItem, QStandardItemModel

from caseload_desk.dates import nl
from caseload_desk.signals import SignalSettings, evaluate_caseload
from caseload_desk.store import Store
from caseload_desk.store.facts import NO_FIXED_WORKER, iter_facts_chunked
from caseload_desk.store.records import workers
from caseload_desk.ui.resources import icon
from caseload_desk.ui.workload.look import OVER_COLOUR, load_text, load_tip, spoken
from caseload_desk.workload import WorkerLoad, WorkloadSettings

WORKER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
IN_EXPORT_ROLE = Qt.ItemDataRole.UserRole + 2
NAME_ROLE = Qt.ItemDataRole.UserRole + 3  # the name without the draft mark
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 4  # dd-mm-jjjj of an open draft conversation, or ""
BASE_TIP_ROLE = Qt.ItemDataRole.UserRole + 5  # the tooltip without the draft line
NO_FIXED_LABEL = "CRT/CCP: geen vaste JB"
# A pencil before the name: short, and never elided away with the end of a long name;
# a screen reader gets words (the accessible text), and the tooltip says which draft.
DRAFT_MARK = "✎ "


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


HEADERS = ["Medewerker", "Onder druk", "Signaal", "Belasting"]
# Two lines for "Onder druk": the names keep the width, not a column title.
_HEADER_LINES = ["Medewerker", "Onder\ndruk", "Signaal", "Belasting"]
LOAD_COLUMN = 3
_LOAD_HEADER_TIP = (
    "Belasting: de gewogen caseload (lopende maatregelen met een vaste jeugdbeschermer, "
    "elk gewicht × zwaarte) gedeeld door de capaciteit (norm × beschikbare uren / voltijd). "
    "Boven 100 %: ▲ en vet."
)


def _worker_icon(key: str, c: WorkerCount):
    if key == NO_FIXED_WORKER:  # measures without a vaste jeugdbeschermer are a risk as such
        return icon("warning" if c.measures else "ok")
    return icon("alarm" if c.onder_druk else "warning" if c.with_signal else "ok")


NOT_COUNTED = "…"


@cache
def _blank_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


def _describe(item: QStandardItem, c: WorkerCount | None) -> None:
    """Icon and tooltip of a worker (or the CRT/CCP entry) for counts `c`; None: the
    counts are still being made. Then no icon: a green tick would say all is well."""
    key = item.data(WORKER_ID_ROLE)
    name = item.data(NAME_ROLE) or item.text()
    gone = "" if item.data(IN_EXPORT_ROLE) is not False else " (niet meer in export)"
    if c is None:
        item.setIcon(_blank_icon())  # keeps the names in place when the icons arrive
        tip = f"{name}: signalen worden nog geteld{gone}"
    elif key == NO_FIXED_WORKER:
        item.setIcon(_worker_icon(key, c))
        tip = f"Maatregelen zonder vaste jeugdbeschermer (CRT/CCP): {c.measures} lopend"
    else:
        item.setIcon(_worker_icon(key, c))
        tip = (f"{name}: {c.measures} lopende maatregelen, {c.onder_druk} onder druk, "
               f"{c.with_signal} met een signaal{gone}")  # fmt: skip
    item.setData(tip, BASE_TIP_ROLE)
    _show_draft(item)


def _show_draft(item: QStandardItem) -> None:
    """The name, marked when the worker has a draft conversation, and the tooltip."""
    name, draft = item.data(NAME_ROLE), item.data(DRAFT_ROLE)
    if name is None:
        return  # CRT/CCP: never a conversation
    text = f"{DRAFT_MARK}{name}" if draft else name
    spoken = f"{name}, concept-gesprek staat open" if draft else name
    tip = item.data(BASE_TIP_ROLE) or name
    tip = f"{tip}\nConcept-gesprek van {draft} staat open" if draft else tip
    if item.text() != text:
        item.setText(text)
        item.setData(spoken, Qt.ItemDataRole.AccessibleTextRole)
    if item.toolTip() != tip:
        item.setToolTip(tip)


def mark_drafts(model: QStandardItemModel, drafts: Mapping[str, date]) -> None:
    """Mark the workers with an open draft conversation (`drafts`: its date per worker id)."""
    for item in _worker_items(model):
        when = drafts.get(item.data(WORKER_ID_ROLE))
        wanted = nl(when) if when else ""
        if (item.data(DRAFT_ROLE) or "") != wanted:
            item.setData(wanted, DRAFT_ROLE)
            _show_draft(item)


# Never model.invisibleRootItem(): that item is made by Qt, not Python, and its Python
# wrapper is not told when Qt deletes it with the model; a wrapper kept alive past that
# made PySide hand out a stale QStandardItem for a new object at the same address.
def _worker_items(model: QStandardItemModel) -> list[QStandardItem]:
    found = []
    for r in range(model.rowCount()):
        top = model.item(r, 0)
        if top.data(NAME_ROLE) is not None:
            found.append(top)
        found += [top.child(c, 0) for c in range(top.rowCount())]
    return found


def _set_counts(cells: tuple[QStandardItem, QStandardItem], c: WorkerCount | None) -> None:
    if c is None:
        for cell in cells:
            cell.setText(NOT_COUNTED)
            cell.setToolTip("wordt nog geteld")
        return
    values = ((c.onder_druk, "onder druk"), (c.with_signal, "met een signaal"))
    for cell, (value, what) in zip(cells, values, strict=True):
        cell.setText(str(value))
        cell.setToolTip(f"{value} maatregelen {what}")


def _set_load(
    cell: QStandardItem, w: WorkerLoad | None, settings: WorkloadSettings | None, counted: bool
) -> None:
    """The load cell: '92 %', or above the norm '▲ 108 %' in bold red; the tooltip says
    what it is made of. `counted` False: not computed yet (a large file)."""
    if not counted:
        cell.setText(NOT_COUNTED)
        cell.setToolTip("wordt nog berekend")
        return
    load = w.load if w is not None else None
    cell.setText(load_text(load))
    cell.setData(spoken(load), Qt.ItemDataRole.AccessibleTextRole)
    cell.setToolTip(load_tip(load, w.hours if w else None, settings))
    over = load is not None and load.boven_norm
    font = cell.font()
    font.setBold(over)
    cell.setFont(font)
    cell.setForeground(OVER_COLOUR if over else QBrush())


def _load_cell(w: WorkerLoad | None, settings: WorkloadSettings | None, counted: bool):
    cell = QStandardItem()
    cell.setEditable(False)
    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    _set_load(cell, w, settings, counted)
    return cell


def _count_cells(c: WorkerCount | None) -> list[QStandardItem]:
    cells = (QStandardItem(), QStandardItem())
    for cell in cells:
        cell.setEditable(False)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    _set_counts(cells, c)
    return list(cells)


def build_worker_model(
    store: Store,
    counts: dict[str, WorkerCount] | None,
    model: QStandardItemModel,
    loads: dict[str, WorkerLoad] | None = None,
    load_settings: WorkloadSettings | None = None,
) -> None:
    """Fill `model` with team nodes and worker rows, and the CRT/CCP entry last.

    `counts` None: not counted yet (a large file counts in the background, and
    `update_counts` fills them in); the cells then show NOT_COUNTED. `loads`: each
    worker's load by id (None: not computed yet, like the counts)."""
    model.clear()
    model.setHorizontalHeaderLabels(_HEADER_LINES)
    # Header tips through setHeaderData, never horizontalHeaderItem(): the items Qt makes
    # for the labels get Python wrappers kept alive with the model, which clear() leaves
    # stale; PySide then handed out such a stale QStandardItem for a new widget at the
    # same address (a test failed now and then setting up a table's selection model).
    tips = [*HEADERS]
    tips[LOAD_COLUMN] = _LOAD_HEADER_TIP
    for col, text in enumerate(tips):
        model.setHeaderData(col, Qt.Orientation.Horizontal, text, Qt.ItemDataRole.ToolTipRole)
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
            model.appendRow([team, QStandardItem(), QStandardItem(), QStandardItem()])
        c = None if counts is None else counts.get(w.medewerker_id, WorkerCount())
        item = QStandardItem(w.naam)
        item.setEditable(False)
        item.setData(w.medewerker_id, WORKER_ID_ROLE)
        item.setData(w.naam, NAME_ROLE)
        item.setData(w.in_export, IN_EXPORT_ROLE)
        _describe(item, c)
        load = None if loads is None else loads.get(w.medewerker_id)
        team.appendRow([item, *_count_cells(c), _load_cell(load, load_settings, loads is not None)])
    c = None if counts is None else counts.get(NO_FIXED_WORKER, WorkerCount())
    crt = QStandardItem(NO_FIXED_LABEL)
    crt.setEditable(False)
    crt.setData(NO_FIXED_WORKER, WORKER_ID_ROLE)
    _describe(crt, c)
    no_load = QStandardItem()
    no_load.setEditable(False)
    no_load.setToolTip("Geen belasting: deze maatregelen hebben geen vaste jeugdbeschermer")
    model.appendRow([crt, *_count_cells(c), no_load])


def update_counts(
    model: QStandardItemModel,
    counts: dict[str, WorkerCount],
    loads: dict[str, WorkerLoad] | None = None,
    load_settings: WorkloadSettings | None = None,
) -> None:
    """Fill in the counts (and loads) of an existing worker list (selection stays)."""
    for cells in _row_cells(model):
        key = cells[0].data(WORKER_ID_ROLE)
        if not key:
            continue  # a team heading
        c = counts.get(key, WorkerCount())
        _set_counts((cells[1], cells[2]), c)
        _describe(cells[0], c)
        if loads is not None and key != NO_FIXED_WORKER:
            _set_load(cells[LOAD_COLUMN], loads.get(key), load_settings, True)


def _row_cells(model: QStandardItemModel) -> Iterator[list[QStandardItem]]:
    """The cells of every row: the top rows (teams, CRT/CCP) and the workers under them."""
    columns = range(model.columnCount())
    for r in range(model.rowCount()):
        top = model.item(r, 0)
        yield [model.item(r, col) for col in columns]
        for c in range(top.rowCount()):
            yield [top.child(c, col) for col in columns]


class WorkerFilterProxy(QSortFilterProxyModel):
    """Search by name; a team stays visible while one of its workers matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
