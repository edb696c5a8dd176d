"""The monitor as Excel, in the organisation's own layout ("Tijdigheid werkstappen"):
indicators as rows, peildata as columns, one sheet per level (organisation, region, team,
worker), and a sheet with the definitions.

Per level: the indicator column and the norm column come first, so that a printout over
several pages repeats both on every page (the peildata run on to the right). A cell past
the norm is filled red AND carries a sign (▲ a count above its maximum, ▼ a percentage
below its minimum) through its number format: the value stays a number, and the mark
survives a black-and-white printer.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from caseload_desk import __version__
from caseload_desk.dates import nl
from caseload_desk.export.atomic import write_atomically
from caseload_desk.monitor.effect import EffectTotal
from caseload_desk.monitor.engine import DISPLAY_ORDER, MAX_PEILDATA, Interval, MonitorRow
from caseload_desk.monitor.norms import DEFAULT_NORMS, LABELS, breached, format_norm, is_minimum
from caseload_desk.words import count

FONT = "Arial"
BODY = Font(name=FONT, size=10)
BOLD = Font(name=FONT, size=10, bold=True)
TITLE = Font(name=FONT, size=12, bold=True)
NOTE = Font(name=FONT, size=9, italic=True)
PAST_FONT = Font(name=FONT, size=10, bold=True, color="9C0006")
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
PAST_FILL = PatternFill("solid", fgColor="F8CBAD")
_LINE = Side(style="thin", color="A6A6A6")
GRID = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
COUNT_FORMAT, COUNT_PAST = "0", '"▲"0'
PCT_FORMAT, PCT_PAST = '0"%"', '"▼"0"%"'
# Columns that fit side by side on one A4 landscape page at a readable size.
COLUMNS_PER_PAGE = 26
HEADER_ROW = 3  # title, subtitle, then the table
NOTE_CHARS = 64  # a note line fits the indicator and norm columns, repeated on every page


@dataclass(frozen=True)
class MonitorSheet:
    """One level: its title, the rows, the norm per indicator as it applies to this level
    (a count norm in proportion for part of the organisation), and optionally the effect
    of the conversations in the period."""

    title: str
    interval: Interval
    rows: Sequence[MonitorRow]
    norms: dict[str, float | None]
    share: float = 1.0
    effect: EffectTotal | None = None


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _BAD_SHEET_CHARS.sub("-", title).strip("'") or "Monitor"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _print_setup(ws: Worksheet, title: str, n_columns: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = max(1, math.ceil(n_columns / COLUMNS_PER_PAGE))
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3,
                                  footer=0.3)  # fmt: skip
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddFooter.right.text = "Pagina &P van &N"
    ws.oddFooter.left.text = f"Caseload Desk {__version__}"


def _level_sheet(wb: Workbook, s: MonitorSheet, name: str) -> None:
    ws = wb.create_sheet(name)
    ps = [r.peildatum for r in s.rows]
    every = "week" if s.interval is Interval.WEEK else "maand"
    period = f"{nl(ps[0])} tot en met {nl(ps[-1])}" if ps else "geen peildata"
    ws["A1"] = f"Monitor {s.title}"
    ws["A1"].font = TITLE
    ws["A2"] = f"Peildata elke {every}, {period}; {count(len(ps), 'peildatum', 'peildata')}."
    ws["A2"].font = NOTE
    headers = ["Indicator", "Norm", *ps]
    for col, value in enumerate(headers, start=1):
        c = ws.cell(HEADER_ROW, col, value)
        c.font, c.fill, c.border = BOLD, HEADER_FILL, GRID
        if isinstance(value, date):
            c.number_format = "DD-MM-YYYY"
            c.alignment = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
        else:
            c.alignment = Alignment(vertical="bottom", wrap_text=True)
    ws.row_dimensions[HEADER_ROW].height = 66  # a rotated dd-mm-jjjj
    for i, indicator in enumerate(DISPLAY_ORDER, start=HEADER_ROW + 1):
        norm = s.norms.get(indicator)
        label = ws.cell(i, 1, LABELS[indicator])
        label.font, label.border = BOLD, GRID
        n = ws.cell(i, 2, format_norm(indicator, norm))
        n.font, n.border = BODY, GRID
        n.alignment = Alignment(horizontal="right")
        for col, row in enumerate(s.rows, start=3):
            value = row.value(indicator)
            c = ws.cell(i, col, "–" if value is None else value)
            c.border, c.font = GRID, BODY
            c.alignment = Alignment(horizontal="right")
            if value is None:
                continue
            past = breached(indicator, value, norm)
            if is_minimum(indicator):
                c.number_format = PCT_PAST if past else PCT_FORMAT
            else:
                c.number_format = COUNT_PAST if past else COUNT_FORMAT
            if past:
                c.fill, c.font = PAST_FILL, PAST_FONT
    last = HEADER_ROW + len(DISPLAY_ORDER)
    notes = [
        "▲ rood: meer dan de norm toestaat; ▼ rood: een lager percentage dan de norm; "
        "– : geen termijn die in deze periode verliep.",
    ]
    if s.share < 1:
        notes.append(
            f"Normen voor aantallen naar verhouding: dit deel heeft {round(100 * s.share)} % "
            "van de lopende maatregelen van de organisatie op de laatste peildatum."
        )
    if s.effect is not None:
        e = s.effect
        improved = "" if e.pct_improved is None else f" ({e.pct_improved} %)"
        notes.append(
            f"Effect van de caseloadgesprekken in deze periode: "
            f"{count(e.gesprekken, 'gesprek', 'gesprekken')} met een volgend gesprek; "
            f"{count(e.onder_druk_met_actie, 'dossier', 'dossiers')} onder druk met een actie, "
            f"daarvan {e.niet_meer_onder_druk} niet meer onder druk bij het volgende "
            f"gesprek{improved}, {e.nog_onder_druk} nog wel, {e.beeindigd} beëindigd; "
            f"{count(e.open_gesprekken, 'gesprek wacht', 'gesprekken wachten')} nog op een "
            "volgend gesprek."
        )
    # Short lines, not one long cell: a note must not run past the printed page.
    lines = [line for text in notes for line in textwrap.wrap(text, NOTE_CHARS)]
    for k, text in enumerate(lines, start=last + 2):
        ws.cell(k, 1, text).font = NOTE
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = 9
    for col in range(3, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 7
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    ws.print_title_cols = "A:B"
    ws.print_area = f"A1:{get_column_letter(len(headers))}{last + 1 + len(lines)}"
    _print_setup(ws, f"Monitor {s.title}", len(headers))


DEFINITIONS = {
    "lopend": "Maatregelen die op de peildatum lopen: startdatum ≤ P ≤ einddatum en niet "
    "eerder uit de export (uit_export_op).",
    "onder_druk": "Betekenisvol cliëntcontact onder druk: geen cliëntcontact én plan van "
    "aanpak niet actueel én risicotaxatie niet actueel (de definitie van de organisatie).",
    "geen_contact": "Geen cliëntcontact (jeugdige, ouder of gezin) in de termijn "
    "(standaard 3 maanden) vóór de peildatum.",
    "pva_niet_actueel": "Plan van aanpak ontbreekt of is ouder dan de termijn (standaard 12 "
    "maanden).",
    "risicotaxatie_niet_actueel": "Risicotaxatie ontbreekt of is ouder dan de termijn "
    "(standaard 12 maanden).",
    "geen_vaste_jb": "Geen vaste jeugdbeschermer (CRT of CCP, of geen medewerker).",
    "eerste_contact_open": "Het eerste face-to-face-contact is er op de peildatum nog niet, "
    "terwijl de termijn (5 werkdagen na de start) voorbij is.",
    "pva_termijn_open": "Het eerste plan van aanpak is er op de peildatum nog niet, terwijl "
    "de termijn (6 weken na de start) voorbij is.",
    "tijdig_f2f_pct": "Van de maatregelen waarvan de termijn voor het eerste "
    "face-to-face-contact na de vorige peildatum en uiterlijk op deze peildatum verliep "
    "(en die toen nog liepen): het deel met dat contact op of vóór de termijn. Heel getal, "
    "een half naar boven afgerond; leeg (–) als er geen termijn verliep.",
    "tijdig_pva_pct": "Hetzelfde voor het eerste plan van aanpak en zijn termijn van 6 weken.",
}


def _definitions_sheet(wb: Workbook, taken: set[str]) -> None:
    ws = wb.create_sheet(sheet_name("Definities", taken))
    ws["A1"] = "Definities"
    ws["A1"].font = TITLE
    for col, (title, width) in enumerate(
        (("Indicator", 34), ("Kolom", 26), ("Definitie", 90), ("Standaardnorm", 14)), start=1
    ):
        c = ws.cell(3, col, title)
        c.font, c.fill, c.border = BOLD, HEADER_FILL, GRID
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, indicator in enumerate(DISPLAY_ORDER, start=4):
        values = (LABELS[indicator], indicator, DEFINITIONS[indicator],
                  format_norm(indicator, DEFAULT_NORMS[indicator]))  # fmt: skip
        for col, value in enumerate(values, start=1):
            c = ws.cell(i, col, value)
            c.font, c.border, c.alignment = BODY, GRID, wrap
        ws.row_dimensions[i].height = 13 * max(1, math.ceil(len(DEFINITIONS[indicator]) / 95))
    rules = [
        "Peildata: de begindatum, dan elke 7 dagen (week) of elke kalendermaand (maand, "
        "steeds vanaf de begindatum geteld, dag afgekapt op het eind van een kortere maand: "
        "31-01, 28-02, 31-03), tot en met de einddatum; hoogstens "
        f"{MAX_PEILDATA} peildata.",
        "Voor de eerste peildatum telt voor de percentages de periode van dezelfde lengte "
        "ervóór (een week of een maand).",
        "Team, regio en medewerker: naar de huidige toedeling van de maatregel.",
        "Tellingen zijn gelijk aan 'caseload-desk signals --peildatum P' voor dezelfde "
        "maatregelen.",
        "Normen: aantallen zijn een maximum voor de hele organisatie (voor een deel naar "
        "verhouding), percentages een minimum. ▲/▼ en rood: voorbij de norm.",
        "Effect van de gesprekken: van de dossiers die bij een afgerond caseloadgesprek onder "
        "druk stonden (op de peildatum van dat gesprek) en daarin een actie kregen, hoeveel "
        "bij het volgende afgeronde gesprek met dezelfde medewerker (op diens peildatum) niet "
        "meer onder druk stonden.",
    ]
    start = 5 + len(DISPLAY_ORDER)
    for k, text in enumerate(rules, start=start):
        c = ws.cell(k, 1, text)
        c.font = BODY
        ws.merge_cells(start_row=k, start_column=1, end_row=k, end_column=4)
        c.alignment = wrap
        ws.row_dimensions[k].height = 27
    ws.print_title_rows = "3:3"
    _print_setup(ws, "Monitor – definities", 4)
    ws.page_setup.fitToWidth = 1


def build_monitor_workbook(sheets: Sequence[MonitorSheet]) -> Workbook:
    if not sheets:
        raise ValueError("kies minstens één niveau voor de export")
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for s in sheets:
        _level_sheet(wb, s, sheet_name(s.title, taken))
    _definitions_sheet(wb, taken)
    wb.properties.title = "Monitor"
    wb.properties.creator = f"Caseload Desk {__version__}"
    return wb


def write_monitor_xlsx(sheets: Sequence[MonitorSheet], target: Path) -> None:
    """Write the workbook; TargetLocked (Dutch) when the file cannot be replaced."""
    wb = build_monitor_workbook(sheets)
    write_atomically(Path(target), wb.save)
