"""The two tables of the CRT view: the measures without a vaste jeugdbeschermer, and the
workers with room for the selected one (load now and after assignment)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from caseload_desk.dates import nl
from caseload_desk.ui.resources import icon
from caseload_desk.ui.style import RED
from caseload_desk.ui.tables import RowsTableModel
from caseload_desk.ui.workload.crt_rows import CrtRow
from caseload_desk.ui.workload.look import load_text, load_tip, spoken
from caseload_desk.words import count
from caseload_desk.workload import Candidate, WorkloadSettings

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CrtRow, or the candidate's WorkerLoad
Index = QModelIndex | QPersistentModelIndex


def running_text(days: int) -> str:
    """'3 jaar, 2 mnd', '5 mnd', '12 dagen': how long a measure has run, roughly."""
    if days < 31:
        return count(max(days, 0), "dag", "dagen")
    months = days * 12 // 365
    years, months = divmod(months, 12)
    if not years:
        return f"{months} mnd"
    return f"{years} jaar" + (f", {months} mnd" if months else "")


class MCol(IntEnum):
    MAATREGEL = 0
    JEUGDIGE = 1
    ONDER_DRUK = 2
    BIJ = 3
    REGIO = 4
    TYPE = 5
    LOOPT = 6
    VOORSTEL = 7


M_HEADERS = ("Maatregel", "Jeugdige", "Onder druk", "Bij", "Regio", "Type", "Loopt",
             "Voorstel")  # fmt: skip


class CrtMeasureModel(RowsTableModel):
    headers = M_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.peildatum = date.today()

    def set_rows(self, rows: list[CrtRow], peildatum: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.peildatum = peildatum
        self.endResetModel()

    def rows(self) -> list[CrtRow]:
        return list(self._rows)

    def row_of(self, maatregel_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.maatregel_id == maatregel_id), -1)

    def _text(self, r: CrtRow, col: MCol) -> str:
        m = r.measure
        if col is MCol.MAATREGEL:
            return r.maatregel_id
        if col is MCol.JEUGDIGE:
            return r.jeugdige
        if col is MCol.ONDER_DRUK:
            return "onder druk" if r.onder_druk else "nee"
        if col is MCol.BIJ:
            return r.held_by
        if col is MCol.REGIO:
            return r.item.regio or "—"
        if col is MCol.TYPE:
            return m.type.value
        if col is MCol.LOOPT:
            return running_text(r.days_running(self.peildatum))
        names = ", ".join(p.naam for p in r.proposals)
        return names

    def _tip(self, r: CrtRow, col: MCol) -> str:
        if col is MCol.LOOPT:
            return f"Gestart op {nl(r.measure.startdatum)}"
        if col is MCol.REGIO and not r.item.regio:
            return "Geen regio in de export: iedereen met ruimte komt in aanmerking"
        if col is MCol.BIJ:
            return {"CRT": "Cliëntenregieteam", "CCP": "CCP, met een contactpersoon"}.get(
                r.held_by, "Geen medewerker en geen regieteam"
            )
        if col is MCol.VOORSTEL:
            if not r.proposals:
                return "Nog geen voorstel"
            return "\n".join(
                f"Voorstel: toewijzen aan {p.naam} (vastgelegd {nl(p.datum)})" for p in r.proposals
            )
        if col is MCol.ONDER_DRUK and r.onder_druk:
            return "Betekenisvol cliëntcontact onder druk"
        return self._text(r, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self._rows[index.row()], MCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tip(r, col)
        if role == Qt.ItemDataRole.DecorationRole and col is MCol.ONDER_DRUK:
            return icon("alarm" if r.onder_druk else "ok")
        if role == Qt.ItemDataRole.ForegroundRole and col is MCol.ONDER_DRUK and r.onder_druk:
            return RED
        if role == ROW_ROLE:
            return r
        return None


class CCol(IntEnum):
    MEDEWERKER = 0
    TEAM = 1
    REGIO = 2
    NU = 3
    NA = 4
    VOORSTELLEN = 5


C_HEADERS = ("Medewerker", "Team", "Regio", "Belasting nu", "Na toewijzing", "Open voorstellen")


class CandidateModel(RowsTableModel):
    """Lowest load first, as `candidates_for` sorts them; `proposals`: per worker the
    open proposals, which the load does not count yet."""

    headers = C_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.proposals: dict[str, int] = {}
        self.settings: WorkloadSettings | None = None

    def set_candidates(
        self,
        candidates: list[Candidate],
        proposals: dict[str, int],
        settings: WorkloadSettings | None = None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(candidates)
        self.proposals = dict(proposals)
        self.settings = settings
        self.endResetModel()

    def candidates(self) -> list[Candidate]:
        return list(self._rows)

    def _text(self, c: Candidate, col: CCol) -> str:
        w = c.worker
        return {
            CCol.MEDEWERKER: w.naam,
            CCol.TEAM: w.team,
            CCol.REGIO: w.regio or "—",
            CCol.NU: load_text(w.load),
            CCol.NA: load_text(c.after),
            CCol.VOORSTELLEN: str(self.proposals.get(w.medewerker_id, 0)),
        }[col]

    def _tip(self, c: Candidate, col: CCol) -> str:
        w = c.worker
        if col is CCol.NU:
            return load_tip(w.load, w.hours, self.settings)
        if col is CCol.NA:
            return "Na toewijzing van deze maatregel:\n" + load_tip(c.after, w.hours, self.settings)
        if col is CCol.VOORSTELLEN:
            n = self.proposals.get(w.medewerker_id, 0)
            return (
                f"{count(n, 'open voorstel', 'open voorstellen')} voor een maatregel zonder "
                "vaste jeugdbeschermer; die tellen pas mee in de belasting na de import"
            )
        return self._text(c, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        c, col = self._rows[index.row()], CCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(c, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(c, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col in (CCol.NU, CCol.NA):
                return spoken(c.worker.load if col is CCol.NU else c.after)
            return self._text(c, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            CCol.NU,
            CCol.NA,
            CCol.VOORSTELLEN,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col is CCol.NA:
            font = QFont()
            font.setBold(True)  # what the choice is about
            return font
        if role == ROW_ROLE:
            return c.worker  # a dataclass: a NamedTuple could come back from Qt as a list
        return None

    def candidate_of(self, medewerker_id: str) -> Candidate | None:
        return next((c for c in self._rows if c.worker.medewerker_id == medewerker_id), None)
