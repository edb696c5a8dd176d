"""The Excel action list: sheets Acties, Signalen, Gesprekken (and Werklast for a team or
everyone), made to be read and printed.

Written in openpyxl's write-only mode (fast for big lists). Every text is stored as a
string cell, so text that looks like a formula (=, +, -, @) is never evaluated.

Printing from Excel or LibreOffice Calc: neither recomputes the height of a row with
wrapped text when it opens a file, so each row gets the height its longest cell needs
(estimated from the column width), and every cell has its font set, so nothing falls back
to a serif default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from caseload_desk import __version__
from caseload_desk.dates import nl
from caseload_desk.export.atomic import write_atomically
from caseload_desk.export.data import ActionListData, measure_ids
from caseload_desk.signal_rows import FRESHNESS_WORDS, TIMELINESS_WORDS, signal_words
from caseload_desk.store import audit
from caseload_desk.store.conversations import Action
from caseload_desk.words import count
from caseload_desk.workload import NO_CAPACITY, nl_number, two_decimals

DATE_FORMAT = "DD-MM-YYYY"
MAX_CELL_TEXT = 32_767  # Excel's limit

# Arial (Liberation Sans on Linux, same widths) at 10 points on every cell.
FONT_NAME = "Arial"
FONT_SIZE = 10
BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
OVERDUE_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True, color="9C0006")
NOTE_FONT = Font(name=FONT_NAME, size=FONT_SIZE, italic=True)
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD")
_LINE = Side(style="thin", color="A6A6A6")
GRID = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)  # printed, unlike gridlines
WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_WRAP = Alignment(wrap_text=True, vertical="center")
NO_WRAP = Alignment(vertical="top")

# Row heights. A column of width w is about 7*w pixels (the unit is the digit width of
# the workbook's default font), less 5 pixels of padding. Arial 10 takes about 6.2 pixels
# per character of Dutch text (bold 6.7) in LibreOffice, a little more in Excel: a little
# more still is assumed, so a line too many is possible, a line too few (text cut off in
# print) is not.
PX_PER_WIDTH = 7
CELL_PADDING_PX = 5
PX_PER_CHAR = 6.3
PX_PER_BOLD_CHAR = 6.9
LINE_POINTS = 12.75  # Excel's line height for Arial 10
ROW_PADDING_POINTS = 2.25
MAX_ROW_POINTS = 409.5  # Excel's limit: a taller row makes it repair the file

# (header, width) per column; the worker column only when the list has several workers.
WORKER_COLUMN = ("Medewerker", 16)
ACTION_COLUMNS = (
    WORKER_COLUMN, ("Maatregel", 11), ("Jeugdige", 16), ("Actie", 40), ("Eigenaar", 20),
    ("Deadline", 12), ("Status", 12), ("Afgesproken op", 12), ("Laatste opvolging", 12),
    ("Opvolgnotitie", 30),
)  # fmt: skip
SIGNAL_COLUMNS = (
    ("Maatregel", 11), ("Jeugdige", 16), WORKER_COLUMN, ("Type", 8),
    ("Laatste contact", 12), ("Dagen sinds contact", 8), ("Plan van aanpak", 11),
    ("Datum plan", 12), ("Risicotaxatie", 14), ("Datum taxatie", 12),
    ("Eerste contact", 11), ("Eerste plan van aanpak", 11), ("Einddatum", 12),
    ("Onder druk", 8), ("Signalen", 36),
)  # fmt: skip
CONVERSATION_COLUMNS = (
    ("Datum", 12), WORKER_COLUMN, ("Praktijkbegeleider", 20), ("Peildatum", 12),
    ("Lopende maatregelen", 12), ("Onder druk", 9), ("Met signaal", 9), ("Notities", 60),
)  # fmt: skip
WORKLOAD_COLUMNS = (
    ("Medewerker-id", 14), ("Naam", 20), ("Team", 16), ("Regio", 12), ("Contracturen", 12),
    ("Vrijstelling (uren)", 12), ("Maatregelen", 12), ("Gewogen", 10), ("Capaciteit", 10),
    ("Belasting", 10),
)  # fmt: skip
TWO_DECIMALS = "0.00"
PERCENT_FORMAT = '0" %"'  # a whole percentage as the app shows it: 87 %
OVER_FORMAT = '"▲ "0" %"'  # above the norm: a sign too, not colour alone (still a number)
RIGHT = Alignment(vertical="top", horizontal="right")
CHANGED_FIELDS = {"omschrijving": "Omschrijving", "eigenaar": "Eigenaar", "deadline": "Deadline"}


def chars_per_line(width: float, bold: bool = False) -> int:
    """How many characters of text fit on one line of a column this wide."""
    px = width * PX_PER_WIDTH - CELL_PADDING_PX
    return max(1, int(px / (PX_PER_BOLD_CHAR if bold else PX_PER_CHAR)))


def line_count(text: str, chars: int) -> int:
    """Lines that `text` takes when wrapped at word boundaries `chars` wide, as Excel
    wraps: every newline starts a line; a word longer than a line is broken."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        if len(paragraph) <= chars:
            continue
        used = 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= chars:
                used += 1 + size
                continue
            if used:
                lines += 1
            while size > chars:
                size -= chars
                lines += 1
            used = size
    return lines


def row_height(lines: int) -> float:
    """Points for a row of `lines` lines; a longer text (some 30 lines) is cut off in print,
    but stays whole in the cell."""
    return min(lines * LINE_POINTS + ROW_PADDING_POINTS, MAX_ROW_POINTS)


@dataclass(frozen=True)
class PageText:
    header: str
    footer: str = ""


class Sheet:
    """A write-only sheet for printing: styled header, typed and safe cells, row heights
    that fit the wrapped text, page setup for A4 landscape."""

    def __init__(
        self, wb: Workbook, name: str, columns: Sequence[tuple[str, int]], header: PageText
    ):
        self.ws = wb.create_sheet(name)
        for i, (_, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = "A2"
        self.n_columns = len(columns)
        self._chars = [chars_per_line(width) for _, width in columns]
        self._styles: dict[tuple, Any] = {}
        self.rows = 0
        self.data_rows = 0
        self._print_setup(header)
        bold_chars = [chars_per_line(width, bold=True) for _, width in columns]
        lines = max(line_count(title, c) for (title, _), c in zip(columns, bold_chars, strict=True))
        self._append(
            [self.cell(title, font=BOLD, fill=HEADER_FILL, alignment=HEADER_WRAP)
             for title, _ in columns],
            lines,
        )  # fmt: skip

    def _print_setup(self, page: PageText) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6,
                                      header=0.25, footer=0.25)  # fmt: skip
        ws.print_title_rows = "1:1"  # the header row on every page
        ws.oddHeader.center.text = page.header.replace("&", "&&")  # & starts a code in headers
        ws.oddHeader.center.font = FONT_NAME
        ws.oddHeader.center.size = FONT_SIZE
        ws.oddFooter.center.text = "Pagina &P van &N"
        ws.oddFooter.center.font = FONT_NAME
        ws.oddFooter.center.size = FONT_SIZE
        if page.footer:  # the audit log's head, printed: an anchor on paper too
            ws.oddFooter.right.text = page.footer.replace("&", "&&")
            ws.oddFooter.right.font = FONT_NAME
            ws.oddFooter.right.size = 7

    def cell(self, value: Any, **style: Any) -> WriteOnlyCell:
        """A cell with its font, border and alignment set (overridable by `style`).
        Text is always a text cell, never a formula."""
        c = WriteOnlyCell(self.ws)
        # The value is set directly for the types we write: openpyxl's own setter checks
        # the type again, and a whole list goes through this (10,000 actions: 100,000 cells).
        if isinstance(value, str):
            # isprintable() is a fast C check: only text with control characters needs
            # the regular expression.
            if not value.isprintable() and ILLEGAL_CHARACTERS_RE.search(value):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            c._value = value[:MAX_CELL_TEXT]
            c.data_type = "s"  # text stays text, even "=..."
        elif isinstance(value, date) and not isinstance(value, datetime):
            style["number_format"] = DATE_FORMAT
            c._value = value
            c.data_type = "d"
        elif type(value) is int or value is None:
            c._value = value
        else:
            c.value = value
        # Shared, not copied: nothing sets a style on a cell after this, which would change
        # every cell with the same style.
        c._style = self._style_for(style)
        return c

    def _style_for(self, style: dict[str, Any]) -> Any:
        """The style array for a combination of style attributes, computed once per sheet.
        The attributes must be module constants (BOLD, WRAP, ...): they are keyed by id."""
        key = (*style, *map(id, style.values()))
        found = self._styles.get(key)
        if found is None:
            template = WriteOnlyCell(self.ws)
            template.font = BODY_FONT
            template.border = GRID
            template.alignment = WRAP
            for attr, v in style.items():
                setattr(template, attr, v)
            found = self._styles[key] = template._style
        return found

    def _append(self, cells: list[WriteOnlyCell], lines: int) -> None:
        self.rows += 1
        # Read by the writer when the row is written, so it must be set before appending.
        self.ws.row_dimensions[self.rows].height = row_height(lines)
        self.ws.append(cells)
        del self.ws.row_dimensions[self.rows]  # written: keep memory flat for big lists

    def append(self, cells: list[WriteOnlyCell]) -> None:
        """A data row, as tall as its longest wrapped text."""
        lines = 1
        for c, chars in zip(cells, self._chars, strict=True):
            v = c._value
            if isinstance(v, str) and (len(v) > chars or "\n" in v):
                lines = max(lines, line_count(v, chars))
        self._append(cells, lines)
        self.data_rows += 1

    def note(self, text: str) -> None:
        """A line of explanation under the data: unwrapped, so it runs across the columns."""
        self._append([], 1)
        self._append([self.cell(text, font=NOTE_FONT, alignment=NO_WRAP, border=Border())], 1)

    def finish(self) -> None:
        last = get_column_letter(self.n_columns)
        self.ws.auto_filter.ref = f"A1:{last}{self.data_rows + 1}"


def _with_worker(columns: Sequence[tuple[str, int]], several: bool) -> list[tuple[str, int]]:
    """A list for one worker says whose it is in the page header: no column for it."""
    return [c for c in columns if several or c is not WORKER_COLUMN]


def _action_text(a: Action) -> str:
    """The action, and below it what was changed since it was agreed."""
    lines = [a.omschrijving]
    if a.left_export_note:
        lines.append(f"Maatregel {a.left_export_note}")
    for c in a.changes:
        field = CHANGED_FIELDS.get(c.veld, c.veld)
        lines.append(f"{field} gewijzigd op {nl(c.gesprek_datum)}, was: {c.oud}")
    return "\n".join(lines)


def _drafts_note(data: ActionListData, what: str) -> str:
    drafts = sorted(data.drafts, key=lambda c: (c.datum, c.id))
    names = ", ".join(
        f"{nl(c.datum)} ({data.worker_names.get(c.medewerker_id, c.medewerker_id)})" for c in drafts
    )
    which = "Het conceptgesprek" if len(drafts) == 1 else "De conceptgesprekken"
    return f"{which} van {names} staat hier niet in: {what}"


def _actions_sheet(wb: Workbook, data: ActionListData, header: PageText) -> None:
    several = len(data.worker_names) > 1
    sheet = Sheet(wb, "Acties", _with_worker(ACTION_COLUMNS, several), header)
    for a in data.actions:
        overdue = a.status.is_open and a.deadline < data.peildatum
        status = a.status.label + (" – verlopen" if overdue else "")
        f = a.last_follow_up
        mark = {"fill": OVERDUE_FILL, "font": OVERDUE_FONT} if overdue else {}
        cells = [sheet.cell(data.worker_names.get(a.medewerker_id, a.medewerker_id))]
        cells = cells if several else []
        cells += [
            sheet.cell(a.maatregel_id or "Algemeen"),
            sheet.cell(a.jeugdige or data.children.get(a.maatregel_id or "", "")),
            sheet.cell(_action_text(a)),
            sheet.cell(a.eigenaar.label),
            sheet.cell(a.deadline, **mark),
            sheet.cell(status, **mark),
            sheet.cell(a.gesprek_datum),
            sheet.cell(f.gesprek_datum if f else None),
            sheet.cell(f"{f.status.label}: {f.notitie}" if f and f.notitie else
                       (f.status.label if f else "")),
        ]  # fmt: skip
        sheet.append(cells)
    sheet.finish()
    if data.drafts:
        sheet.note(_drafts_note(data, "de acties, opvolgingen en wijzigingen daaruit zijn nog "
                                      "niet afgesproken."))  # fmt: skip


def _signals_sheet(wb: Workbook, data: ActionListData, header: PageText) -> None:
    several = len(data.worker_names) > 1
    sheet = Sheet(wb, "Signalen", _with_worker(SIGNAL_COLUMNS, several), header)
    for s in data.signals:
        m = s.measure
        worker = data.worker_names.get(m.medewerker_id or "", m.medewerker_id or "")
        values: list[Any] = [
            s.maatregel_id,
            data.children.get(s.maatregel_id, ""),
            *([worker] if several else []),
            m.type.value[0].upper() + m.type.value[1:],  # OTS, Voogdij, JR
            s.contact.last_contact,
            s.contact.days_since,
            FRESHNESS_WORDS[s.plan.status],
            s.plan.latest,
            FRESHNESS_WORDS[s.risk.status],
            s.risk.latest,
            TIMELINESS_WORDS[s.first_contact.status],
            TIMELINESS_WORDS[s.plan_deadline.status],
            m.einddatum,
            "Ja" if s.onder_druk else "Nee",
            signal_words(s),
        ]
        fill = {"fill": OVERDUE_FILL} if s.onder_druk else {}
        sheet.append([sheet.cell(v, **fill) for v in values])
    sheet.finish()


def _conversations_sheet(wb: Workbook, data: ActionListData, header: PageText) -> None:
    several = len(data.worker_names) > 1
    sheet = Sheet(wb, "Gesprekken", _with_worker(CONVERSATION_COLUMNS, several), header)
    for c in data.conversations:
        worker = data.worker_names.get(c.medewerker_id, c.medewerker_id)
        sheet.append([
            sheet.cell(c.datum),
            *([sheet.cell(worker)] if several else []),
            sheet.cell(c.praktijkbegeleider),
            sheet.cell(c.peildatum),
            sheet.cell(c.aantal_maatregelen),
            sheet.cell(c.aantal_onder_druk),
            sheet.cell(c.aantal_met_signaal),
            sheet.cell(c.notities),
        ])  # fmt: skip
    sheet.finish()
    if data.drafts:
        sheet.note(_drafts_note(data, "alleen afgeronde gesprekken worden getoond."))


def _workload_sheet(wb: Workbook, data: ActionListData, header: PageText) -> None:
    """Each worker's load: the columns of `caseload-desk werklast`, numbers as numbers."""
    settings = data.workload_settings
    sheet = Sheet(wb, "Werklast", WORKLOAD_COLUMNS, header)
    for w in data.workloads:
        load = w.load
        contract = settings.contracturen if w.hours.contracturen is None else w.hours.contracturen
        vrij = (
            settings.vrijstelling_uren if w.hours.vrijstelling_uren is None
            else w.hours.vrijstelling_uren
        )  # fmt: skip
        mark = {"fill": OVERDUE_FILL, "font": OVERDUE_FONT} if load.boven_norm else {}
        pct = load.belasting_pct
        sheet.append([
            sheet.cell(w.medewerker_id),
            sheet.cell(w.naam),
            sheet.cell(w.team),
            sheet.cell(w.regio),
            sheet.cell(contract),  # General: 36 and 32,5 as Excel shows them
            sheet.cell(vrij),
            sheet.cell(load.maatregelen),
            sheet.cell(two_decimals(load.gewogen), number_format=TWO_DECIMALS),
            sheet.cell(two_decimals(load.capaciteit), number_format=TWO_DECIMALS),
            sheet.cell(NO_CAPACITY, alignment=RIGHT) if pct is None
            else sheet.cell(pct, number_format=OVER_FORMAT if mark else PERCENT_FORMAT, **mark),
        ])  # fmt: skip
    sheet.finish()
    # Short enough to print within the sheet's width (a note is not wrapped).
    sheet.note(
        f"Norm: {nl_number(settings.norm)} gewogen maatregelen bij {nl_number(settings.voltijd)} "
        "uur per week. Lege contracturen of vrijstelling tellen als "
        f"{nl_number(settings.contracturen)} en {nl_number(settings.vrijstelling_uren)} uur."
    )


def summary(data: ActionListData) -> str:
    """What the list holds, for a message: "7 acties, 15 maatregelen, 2 gesprekken"."""
    # Every measure in the file (the running ones and those the actions are about), as the
    # audit entry counts them.
    return ", ".join([
        count(len(data.actions), "actie", "acties"),
        count(len(measure_ids(data)), "maatregel", "maatregelen"),
        count(len(data.conversations), "gesprek", "gesprekken"),
    ])  # fmt: skip


def build_workbook(data: ActionListData) -> Workbook:
    wb = Workbook(write_only=True)
    header = PageText(
        f"Actielijst {data.title} – peildatum {nl(data.peildatum)}",
        audit.short_anchor(data.audit_mark),
    )
    _actions_sheet(wb, data, header)
    _signals_sheet(wb, data, header)
    _conversations_sheet(wb, data, header)
    if data.workloads:
        _workload_sheet(wb, data, header)
    props = wb.properties
    props.title = f"Actielijst {data.title}"
    props.subject = "Acties en signalen uit het caseloadgesprek"
    props.creator = "Caseload Desk"
    props.description = f"Peildatum {nl(data.peildatum)}; gemaakt met Caseload Desk {__version__}"
    if data.audit_mark:  # an anchor: `caseload-desk audit --controleer --anker` reads it
        props.description += f"; {data.audit_mark}"
    props.keywords = "caseloadgesprek, acties, signalen"
    props.created = datetime.now(UTC).replace(tzinfo=None)
    return wb


def write_action_list(data: ActionListData, target: Path) -> None:
    """Write the workbook atomically (TargetLocked when the target cannot be replaced)."""
    write_atomically(Path(target), lambda tmp: build_workbook(data).save(tmp))
