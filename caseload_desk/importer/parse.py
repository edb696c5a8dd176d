"""Validate raw sheets into typed rows, collecting every problem instead of stopping."""

from __future__ import annotations

import math
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, TypeVar

from caseload_desk.dates import DateError, parse_date
from caseload_desk.domain import (
    CONTACT_FORM_ALIASES,
    MEASURE_TYPE_ALIASES,
    REGIE_ALIASES,
    ContactWith,
    Regie,
)
from caseload_desk.importer.limits import MAX_CELL_CHARS, MAX_TEXT_CHARS, dutch_number
from caseload_desk.importer.problems import ImportRejected, Problem, shown
from caseload_desk.importer.sources import RawSheet
from caseload_desk.importer.spec import (
    CONTACTEN,
    MAATREGELEN,
    MEDEWERKERS,
    PLANNEN,
    RISICOTAXATIES,
    SHEETS,
    SheetSpec,
)
from caseload_desk.workload import MAX_WEEK_HOURS, MAX_ZWAARTE, parse_decimal

T = TypeVar("T")

MAX_PROBLEMS = 10_000  # past this a report helps nobody; the count is still given
PROGRESS_EVERY = 10_000  # rows between progress reports (and chances to cancel)
# Names of people: a problem in these cells is reported by its place only, so that a
# child's name never reaches a terminal, a job log or a copied problem list.
PERSONAL_COLUMNS = frozenset({"naam", "jeugdige", "praktijkbegeleider"})


class WorkerRow(NamedTuple):
    medewerker_id: str
    naam: str
    team: str
    regio: str
    praktijkbegeleider: str
    contracturen: float | None = None  # hours per week; None: the organisation's default
    vrijstelling_uren: float | None = None


class MeasureRow(NamedTuple):
    maatregel_id: str
    medewerker_id: str | None
    jeugdige: str
    type: str
    startdatum: str
    einddatum: str | None
    regie: str
    zwaarte: float | None = None  # the measure's own workload factor; None: 1
    regio: str = ""


class ContactRow(NamedTuple):
    maatregel_id: str
    datum: str
    met: str
    vorm: str


class PlanRow(NamedTuple):
    maatregel_id: str
    vastgesteld_op: str


class RiskRow(NamedTuple):
    maatregel_id: str
    datum: str
    instrument: str


@dataclass
class ParsedExport:
    workers: list[WorkerRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)
    risks: list[RiskRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    # Told now and then how far reading is; it may raise to stop (a cancelled import).
    progress: Callable[[str], None] = field(default=lambda _text: None, repr=False)
    rows_read: int = 0
    text_chars: int = 0  # free text kept so far, against MAX_TEXT_CHARS
    # Team and region names by their case-folded form: "Team Y" and "team y" are one team,
    # spelled as the export first spelled it, so every filter and count sees one name.
    spellings: dict[str, str] = field(default_factory=dict)

    def one_spelling(self, name: str) -> str:
        if not name:
            return name
        return self.spellings.setdefault(" ".join(name.casefold().split()), sys.intern(name))

    def report(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)


class RowReader:
    """Reads one row's cells by column name, reporting problems against that row."""

    def __init__(self, out: ParsedExport, sheet: RawSheet, columns: dict[str, int]) -> None:
        self.out, self.sheet, self.columns = out, sheet, columns
        self.row = 0
        self.values: tuple[object, ...] = ()
        self.ok = True

    def start(self, row: int, values: tuple[object, ...]) -> None:
        self.row, self.values, self.ok = row, values, True
        self.out.rows_read += 1
        if self.out.rows_read % PROGRESS_EVERY == 0:
            self.out.progress(
                f"Export lezen en controleren… (blad {self.sheet.name}, rij {dutch_number(row)})"
            )

    def problem(self, column: str | None, value: object, reason: str) -> None:
        self.ok = False
        value = "" if column in PERSONAL_COLUMNS else shown(value)
        self.out.report(Problem(self.sheet.name, self.row, column, value, reason))

    def raw(self, column: str) -> object:
        i = self.columns.get(column)
        return self.values[i] if i is not None and i < len(self.values) else None

    def text(self, column: str, required: bool = False, kept: bool = True) -> str:
        """The cell as text. Text that is `kept` counts against the import's text budget;
        a choice's text (replaced by its value) and an id that only refers to a measure
        read before (interned: one copy per measure) are not kept."""
        value = self.raw(column)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # Excel stores an id like 1001 as 1001.0
        if isinstance(value, datetime | date):
            value = value.isoformat()
        text = "" if value is None else str(value).strip()
        if len(text) > MAX_CELL_CHARS:
            self.problem(column, text, f"tekst langer dan {dutch_number(MAX_CELL_CHARS)} tekens")
            return ""
        if bad := _invisible(text):
            self.problem(column, text, f"bevat een onzichtbaar of stuurteken ({bad})")
            return ""
        if required and not text:
            self.problem(column, "", "verplichte cel is leeg")
        elif required and column in PERSONAL_COLUMNS and not any(c.isalnum() for c in text):
            # A name of only soft hyphens or spaces shows as nothing at all.
            self.problem(column, text, "bevat geen letter of cijfer")
        if not kept:
            return text
        self.out.text_chars += len(text)
        if self.out.text_chars > MAX_TEXT_CHARS:
            reason = (
                f"meer dan {dutch_number(MAX_TEXT_CHARS)} tekens aan tekst in de export; zo "
                "groot is geen export van één organisatie"
            )
            raise ImportRejected([Problem(self.sheet.name, self.row, column, "", reason)])
        return text

    def date(self, column: str, required: bool = True) -> str | None:
        value = self.raw(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(column, "", "verplichte datum is leeg")
            return None
        if isinstance(value, datetime | date) and value.year < 1900:
            # openpyxl turns a date cell holding 0 or a negative number into 1899
            self.problem(column, value, "datum vóór 1900 (een nul of negatief getal in Excel)")
            return None
        try:
            # Interned: a national export repeats a few thousand dates a million times.
            return sys.intern(parse_date(value).isoformat())
        except DateError as exc:
            self.problem(column, value, str(exc))
            return None

    def choice(self, column: str, aliases: dict[str, str], what: str, required: bool) -> str | None:
        text = self.text(column, required, kept=False)
        if not text:
            return None
        found = aliases.get(text.lower())
        if found is None:
            allowed = ", ".join(sorted(set(aliases.values())))
            self.problem(column, text, f"onbekend {what} (toegestaan: {allowed})")
        return found


# Characters that change how text shows without being letters: controls (NUL, tab, ...),
# bidi overrides and isolates that can reverse a name, zero-width characters that make two
# names look equal, the other "format" characters and line or paragraph separators.
# Letters, marks and punctuation of every language pass.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Unicode's default-ignorable characters outside those categories (fillers, variation
# selectors, the grapheme joiner, invisible vowels) and the blank braille pattern: each
# looks like nothing. Combining accents (é as e + U+0301) are not among them.
_INVISIBLE_MARKS = frozenset(
    [
        *(0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0),
        *range(0x180B, 0x1810),
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
    ]
)
_ALLOWED_FORMAT = {"\u00ad"}  # soft hyphen: harmless, and found in names pasted from Word


def _invisible(text: str) -> str | None:
    """The first invisible or control character as U+XXXX, or None."""
    if text.isascii() and text.isprintable():  # the fast path: nearly every cell
        return None
    for ch in text:
        if ch in _ALLOWED_FORMAT:
            continue
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ord(ch) in _INVISIBLE_MARKS:
            return f"U+{ord(ch):04X}"
    return None


def _columns(out: ParsedExport, spec: SheetSpec, sheet: RawSheet) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, name in enumerate(sheet.header):
        columns.setdefault(name, i)
    missing = [c for c in spec.required if c not in columns]
    for column in missing:
        out.report(Problem(sheet.name, 1, column, "", "verplichte kolom ontbreekt"))
    return None if missing else columns


def parse_export(
    sheets: dict[str, RawSheet],
    known_workers: set[str],
    known_measures: set[str],
    progress: Callable[[str], None] | None = None,
) -> ParsedExport:
    """Typed rows and every problem; `known_*` are the ids already in the database."""
    out = ParsedExport() if progress is None else ParsedExport(progress=progress)
    readers: dict[str, RowReader] = {}
    for spec in SHEETS:
        sheet = sheets.get(spec.name)
        if sheet is None:
            out.report(Problem(spec.name, None, None, "", "blad of CSV-bestand ontbreekt"))
            continue
        columns = _columns(out, spec, sheet)
        if columns is not None:
            readers[spec.name] = RowReader(out, sheet, columns)
    if out.problem_count:
        return out  # without all sheets and columns, row checks would only add noise
    worker_ids = _parse_workers(out, readers[MEDEWERKERS.name])
    measure_ids = _parse_measures(out, readers[MAATREGELEN.name], worker_ids | known_workers)
    all_measures = measure_ids | known_measures
    _parse_children(out, readers[CONTACTEN.name], all_measures, _contact, out.contacts)
    _parse_children(out, readers[PLANNEN.name], all_measures, _plan, out.plans)
    _parse_children(out, readers[RISICOTAXATIES.name], all_measures, _risk, out.risks)
    return out


def _unique(r: RowReader, column: str, value: str, seen: dict[str, int]) -> bool:
    if value in seen:
        r.problem(column, value, f"dubbel id (ook in rij {seen[value]})")
        return False
    seen[value] = r.row
    return True


def _parse_workers(out: ParsedExport, r: RowReader) -> set[str]:
    seen: dict[str, int] = {}
    for row, values in r.sheet.rows:
        r.start(row, values)
        wid = r.text("medewerker_id", required=True)
        naam = r.text("naam", required=True)
        contract = _decimal(r, "contracturen", _HOURS)
        vrij = _decimal(r, "vrijstelling_uren", _HOURS)
        if contract is not None and vrij is not None and vrij > contract:
            r.problem("vrijstelling_uren", r.raw("vrijstelling_uren"), _MORE_THAN_CONTRACT)
        team, regio = out.one_spelling(r.text("team")), out.one_spelling(r.text("regio"))
        worker = WorkerRow(wid, naam, team, regio, r.text("praktijkbegeleider"), contract, vrij)
        if wid:
            _unique(r, "medewerker_id", wid, seen)
        if r.ok:
            out.workers.append(worker)
    return set(seen)


def _parse_measures(out: ParsedExport, r: RowReader, workers: set[str]) -> set[str]:
    seen: dict[str, int] = {}
    for row, values in r.sheet.rows:
        r.start(row, values)
        mid = r.text("maatregel_id", required=True)
        if mid:
            _unique(r, "maatregel_id", mid, seen)
        wid = r.text("medewerker_id") or None
        if wid and wid not in workers:
            r.problem("medewerker_id", wid, "onbekende medewerker (niet in blad medewerkers)")
        jeugdige = r.text("jeugdige", required=True)
        mtype = r.choice("type", MEASURE_TYPE_ALIASES, "type maatregel", required=True)
        start = r.date("startdatum")
        end = r.date("einddatum", required=False)
        if start and end and end < start:
            r.problem("einddatum", end, "einddatum ligt vóór de startdatum")
        regie = r.choice("regie", REGIE_ALIASES, "regie", required=False)
        if regie is None and r.ok:
            regie = Regie.VAST if wid else Regie.CRT
        if regie == Regie.VAST and not wid:
            r.problem("regie", "vast", "regie 'vast' zonder medewerker_id")
        zwaarte = _decimal(r, "zwaarte", _ZWAARTE)
        regio = out.one_spelling(r.text("regio"))  # a handful, repeated per measure
        if r.ok and mtype and start and regie:
            out.measures.append(
                MeasureRow(mid, wid, jeugdige, mtype, start, end, regie, zwaarte, regio)
            )
    return set(seen)


_MORE_THAN_CONTRACT = "meer vrijgestelde uren dan contracturen"
_HOURS = (0.0, MAX_WEEK_HOURS, "negatief aantal uren",
          f"meer dan {MAX_WEEK_HOURS:.0f} uur per week")  # fmt: skip
_ZWAARTE = (0.0, MAX_ZWAARTE, "zwaarte moet groter dan 0 zijn",
            f"zwaarte boven {MAX_ZWAARTE:.0f} is onwaarschijnlijk (gewoon is 1)")  # fmt: skip


def _decimal(r: RowReader, column: str, bounds: tuple[float, float, str, str]) -> float | None:
    """An optional number: an Excel number or text with a decimal comma ('32,5').

    None for an empty cell; a problem (sheet, row, column) for text or a value out of
    `bounds` (low, high, why too low, why too high); zwaarte must exceed its low bound."""
    value = r.raw(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError
        number = parse_decimal(value) if isinstance(value, str) else float(value)
        if not math.isfinite(number):
            raise ValueError
    except ValueError:
        r.problem(column, value, "geen getal (schrijf bijvoorbeeld 32,5)")
        return None
    low, high, too_low, too_high = bounds
    if number < low or (bounds is _ZWAARTE and number == low):
        r.problem(column, value, too_low)
    elif number > high:
        r.problem(column, value, too_high)
    else:
        return number
    return None


_MET_ALIASES = {m.value: m.value for m in ContactWith}
_VORM_ALIASES = {k: v.value for k, v in CONTACT_FORM_ALIASES.items()}


def _contact(r: RowReader, mid: str) -> ContactRow | None:
    datum = r.date("datum")
    met = r.choice("met", _MET_ALIASES, "contact met", required=True)
    vorm = r.choice("vorm", _VORM_ALIASES, "vorm van contact", required=False) or ""
    return ContactRow(mid, datum, met, vorm) if datum and met else None


def _plan(r: RowReader, mid: str) -> PlanRow | None:
    datum = r.date("vastgesteld_op")
    return PlanRow(mid, datum) if datum else None


def _risk(r: RowReader, mid: str) -> RiskRow | None:
    datum = r.date("datum")
    return RiskRow(mid, datum, r.text("instrument")) if datum else None


def _parse_children(
    out: ParsedExport,
    r: RowReader,
    measures: set[str],
    make: Callable[[RowReader, str], T | None],
    into: list[T],
) -> None:
    for row, values in r.sheet.rows:
        r.start(row, values)
        mid = sys.intern(r.text("maatregel_id", required=True, kept=False))
        if mid and mid not in measures:
            r.problem("maatregel_id", mid, "maatregel bestaat niet (niet in blad maatregelen)")
        record = make(r, mid)
        if r.ok and record is not None:
            into.append(record)
