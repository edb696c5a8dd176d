"""The Excel action list: sheets Acties, Signalen, Gesprekken, made for people.

Written in openpyxl's write-only mode (fast for big lists). Every text is stored as a
string cell, so text that looks like a formula (=, +, -, @) is never evaluated.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from caseload_desk import __version__
from caseload_desk.dates import nl
from caseload_desk.export.atomic import write_atomically
from caseload_desk.export.data import ActionListData
from caseload_desk.signal_rows import COLUMNS as SIGNAL_COLUMNS
from caseload_desk.signal_rows import signal_row

DATE_FORMAT = "DD-MM-YYYY"
FORMULA_START = ("=", "+", "-", "@")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD")
OVERDUE_FONT = Font(bold=True, color="9C0006")
WRAP = Alignment(wrap_text=True, vertical="top")
SIGNAL_DATE_COLUMNS = {"laatste_contact", "pva_datum", "risicotaxatie_datum", "einddatum"}
# People read these headings; the values below them are exactly the CLI's.
SIGNAL_HEADINGS = {
    "maatregel_id": ("Maatregel", 12), "jeugdige": ("Jeugdige", 18),
    "medewerker_id": ("Medewerker", 12), "laatste_contact": ("Laatste contact", 15),
    "dagen_sinds_contact": ("Dagen sinds contact", 11), "geen_contact": ("Geen contact", 9),
    "pva": ("Plan van aanpak", 12), "risicotaxatie": ("Risicotaxatie", 12),
    "onder_druk": ("Onder druk", 9), "type": ("Type", 9), "regie": ("Regie", 7),
    "pva_datum": ("Datum plan", 12), "risicotaxatie_datum": ("Datum taxatie", 12),
    "eerste_contact": ("Eerste contact", 13), "pva_termijn": ("Plan binnen 6 weken", 13),
    "geen_vaste_jb": ("Geen vaste JB", 9), "einddatum": ("Einddatum", 12),
    "einddatum_nadert": ("Einde nadert", 9), "acties_verlopen": ("Acties verlopen", 9),
    "signalen": ("Signalen", 40),
}  # fmt: skip
HEADER_WRAP = Alignment(wrap_text=True, vertical="center")

# (header, width) per column
ACTION_COLUMNS = (
    ("Medewerker", 20), ("Maatregel", 12), ("Jeugdige", 18), ("Actie", 45), ("Eigenaar", 18),
    ("Deadline", 12), ("Status", 22), ("Afgesproken op", 16), ("Laatste opvolging", 18),
    ("Opvolgnotitie", 40),
)  # fmt: skip
CONVERSATION_COLUMNS = (
    ("Datum", 12), ("Medewerker", 20), ("Praktijkbegeleider", 22), ("Status", 12),
    ("Peildatum", 12), ("Maatregelen", 12), ("Onder druk", 12), ("Met signaal", 12),
    ("Notities", 60),
)  # fmt: skip


class Sheet:
    """A write-only sheet with a styled header and typed, safe cells."""

    def __init__(self, wb: Workbook, name: str, columns: Sequence[tuple[str, int]], header: str):
        self.ws = wb.create_sheet(name)
        for i, (_, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        self.n_columns = len(columns)
        self._styles: dict[tuple, Any] = {}
        self.rows = 1
        self._print_setup(header)
        cells = [
            self.cell(title, font=BOLD, fill=HEADER_FILL, alignment=HEADER_WRAP)
            for title, _ in columns
        ]
        self.ws.append(cells)

    def _print_setup(self, header: str) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.oddHeader.center.text = header.replace("&", "&&")  # & starts a code in headers
        ws.oddFooter.center.text = "Pagina &P van &N"

    def cell(self, value: Any, **style: Any) -> Any:
        """A value ready to append: the plain value where nothing needs styling (fast),
        else a styled cell. Formula-like text always becomes an explicit text cell."""
        if isinstance(value, str):
            # isprintable() is a fast C check: only text with control characters needs
            # the regular expression (10,000 actions mean 100,000 cells).
            if not value.isprintable() and ILLEGAL_CHARACTERS_RE.search(value):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if not style and not value.startswith(FORMULA_START):
                return value
        elif isinstance(value, date):
            style = {"number_format": DATE_FORMAT, **style}
        elif not style:
            return value
        c = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # text stays text, never a formula
        if style:
            c._style = copy(self._style_for(style))
        return c

    def _style_for(self, style: dict[str, Any]) -> Any:
        """The style array for a combination of style attributes, computed once per sheet.
        The attributes must be module constants (BOLD, WRAP, ...): they are keyed by id."""
        # By identity: the style values are module constants, so their ids are stable.
        key = (*style, *map(id, style.values()))
        found = self._styles.get(key)
        if found is None:
            template = WriteOnlyCell(self.ws)
            for attr, v in style.items():
                setattr(template, attr, v)
            found = self._styles[key] = template._style
        return found

    def append(self, cells: list[WriteOnlyCell]) -> None:
        self.ws.append(cells)
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(self.n_columns)
        self.ws.auto_filter.ref = f"A1:{last}{max(self.rows, 1)}"


def _actions_sheet(wb: Workbook, data: ActionListData, header: str) -> None:
    sheet = Sheet(wb, "Acties", ACTION_COLUMNS, header)
    for a in data.actions:
        overdue = a.status.is_open and a.deadline < data.peildatum
        status = a.status.label + (" – verlopen" if overdue else "")
        f = a.last_follow_up
        mark = {"fill": OVERDUE_FILL, "font": OVERDUE_FONT} if overdue else {}
        sheet.append([
            sheet.cell(data.worker_names.get(a.medewerker_id, a.medewerker_id)),
            sheet.cell(a.maatregel_id or "algemeen"),
            sheet.cell(data.children.get(a.maatregel_id or "", "")),
            sheet.cell(a.omschrijving, alignment=WRAP),
            sheet.cell(a.eigenaar.label),
            sheet.cell(a.deadline, **mark),
            sheet.cell(status, **mark),
            sheet.cell(a.gesprek_datum),
            sheet.cell(f.gesprek_datum if f else None),
            sheet.cell(f"{f.status.label}: {f.notitie}" if f and f.notitie else
                       (f.status.label if f else ""), alignment=WRAP),
        ])  # fmt: skip
    sheet.finish()


def _signals_sheet(wb: Workbook, data: ActionListData, header: str) -> None:
    keys = ["maatregel_id", "jeugdige", *SIGNAL_COLUMNS[1:]]
    sheet = Sheet(wb, "Signalen", [SIGNAL_HEADINGS[k] for k in keys], header)
    for s in data.signals:
        row = signal_row(s)
        values: list[Any] = [row["maatregel_id"], data.children.get(s.maatregel_id, "")]
        for c in SIGNAL_COLUMNS[1:]:
            v = row[c]
            values.append(date.fromisoformat(v) if c in SIGNAL_DATE_COLUMNS and v else v)
        fill = {"fill": OVERDUE_FILL} if s.onder_druk else {}
        cells = [sheet.cell(v, **fill) for v in values[:-1]]
        cells.append(sheet.cell(values[-1], alignment=WRAP, **fill))  # the long signal list
        sheet.append(cells)
    sheet.finish()


def _conversations_sheet(wb: Workbook, data: ActionListData, header: str) -> None:
    sheet = Sheet(wb, "Gesprekken", CONVERSATION_COLUMNS, header)
    for c in data.conversations:
        sheet.append([
            sheet.cell(c.datum),
            sheet.cell(data.worker_names.get(c.medewerker_id, c.medewerker_id)),
            sheet.cell(c.praktijkbegeleider),
            sheet.cell("afgerond" if c.afgerond else "concept"),
            sheet.cell(c.peildatum),
            sheet.cell(c.aantal_maatregelen),
            sheet.cell(c.aantal_onder_druk),
            sheet.cell(c.aantal_met_signaal),
            sheet.cell(c.notities, alignment=WRAP),
        ])  # fmt: skip
    sheet.finish()


def build_workbook(data: ActionListData) -> Workbook:
    wb = Workbook(write_only=True)
    header = f"Actielijst {data.title} – peildatum {nl(data.peildatum)}"
    _actions_sheet(wb, data, header)
    _signals_sheet(wb, data, header)
    _conversations_sheet(wb, data, header)
    props = wb.properties
    props.title = f"Actielijst {data.title}"
    props.subject = "Acties en signalen uit het caseloadgesprek"
    props.creator = "Caseload Desk"
    props.description = f"Peildatum {nl(data.peildatum)}; gemaakt met Caseload Desk {__version__}"
    props.keywords = "caseloadgesprek, acties, signalen"
    props.created = datetime.now(UTC).replace(tzinfo=None)
    return wb


def write_action_list(data: ActionListData, target: Path) -> None:
    """Write the workbook atomically (TargetLocked when the target cannot be replaced)."""
    write_atomically(Path(target), lambda tmp: build_workbook(data).save(tmp))
