"""What the worker takes home from a caseloadgesprek: the agreements made, the follow-ups
and the changes to earlier agreements, as plain values and HTML (no Qt), so that the PDF's
pages, the print and the tests all read the same content.

Deliberately left out: the signals and the conversation notes (those are the
praktijkbegeleider's), and anything else about the children than name and measure.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import get_worker
from caseload_desk.ui.conversation.report_text import (
    FIELD_NAMES,
    as_agreed,
    changed_without_follow_up,
)


@dataclass(frozen=True)
class Cell:
    text: str
    sub: str = ""  # smaller text: below the text, or after it when `inline`
    inline: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]  # percent of the page width, so every page lays out alike
    rows: tuple[tuple[Cell, ...], ...]
    empty: str  # said instead of an empty table


@dataclass(frozen=True)
class Handout:
    title: str
    people: str
    draft: bool
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Part:
    """A piece of a page: rows [start, end) of one section; `continued` when the section
    began on an earlier page (its heading then says so)."""

    section: int
    start: int
    end: int
    continued: bool = False


def child_cell(action: conv.Action) -> Cell:
    if action.maatregel_id is None:
        return Cell("Algemeen")
    if action.jeugdige:
        # On one line when it fits, so that a plain agreement takes one line of paper.
        return Cell(action.jeugdige, action.maatregel_id, inline=True)
    return Cell(action.maatregel_id)


def change_line(change: conv.ActionChange) -> str:
    """One edit, short, for the handout: "Deadline 15-10-2026 → 20-12-2026"."""
    if change.veld == "omschrijving":
        return f"Omschrijving was: {change.oud}"
    return f"{FIELD_NAMES.get(change.veld, change.veld)} {change.oud} → {change.nieuw}"


def _order(action: conv.Action) -> tuple:
    # Per child (general agreements last), then by deadline: what to do for whom, and when.
    return (action.maatregel_id is None, (action.jeugdige or action.maatregel_id or "").lower(),
            action.deadline, action.id)  # fmt: skip


def build_handout(store: Store, gesprek_id: int) -> Handout | None:
    c = conv.get_conversation(store, gesprek_id)
    if c is None:
        return None
    w = get_worker(store, c.medewerker_id)
    worker = w.naam if w else c.medewerker_id
    people = f"Jeugdzorgwerker: {worker}"
    if c.praktijkbegeleider.strip():
        people += f" · Praktijkbegeleider: {c.praktijkbegeleider.strip()}"

    new = sorted(conv.actions_of_conversation(store, gesprek_id), key=_order)
    agreed_rows = []
    for a in new:
        v = as_agreed(a, c)
        agreed_rows.append(
            (child_cell(a), Cell(v["omschrijving"]), Cell(v["eigenaar"]), Cell(v["deadline"]))
        )

    followed = sorted(conv.followed_up_in(store, gesprek_id), key=_order)
    follow_rows = []
    for a in followed:
        f = next(x for x in a.follow_ups if x.gesprek_id == gesprek_id)
        # What was changed now goes with the follow-up ("loopt nog, new deadline").
        edits = "\n".join(change_line(x) for x in a.changes if x.gesprek_id == gesprek_id)
        follow_rows.append(
            (child_cell(a), Cell(as_agreed(a, c)["omschrijving"], edits),
             Cell(f.status.label), Cell(f.notitie))
        )  # fmt: skip

    changed = sorted(changed_without_follow_up(store, c, followed), key=_order)
    change_rows = []
    for a in changed:
        lines = [change_line(x) for x in a.changes if x.gesprek_id == gesprek_id]
        change_rows.append(
            (child_cell(a), Cell(as_agreed(a, c)["omschrijving"]), Cell("\n".join(lines)))
        )

    sections = [
        Section("Nieuwe afspraken", ("Jeugdige", "Afspraak", "Eigenaar", "Deadline"),
                (20, 41, 25, 14), tuple(agreed_rows), "Geen nieuwe afspraken."),
        Section("Opvolging van eerdere afspraken", ("Jeugdige", "Afspraak", "Stand", "Toelichting"),
                (20, 40, 13, 27), tuple(follow_rows), "Geen eerdere afspraken opgevolgd."),
    ]  # fmt: skip
    if change_rows:
        sections.append(
            Section("Gewijzigde afspraken", ("Jeugdige", "Afspraak", "Wijziging"),
                    (20, 40, 40), tuple(change_rows), "")
        )  # fmt: skip
    return Handout(f"Afspraken caseloadgesprek {nl(c.datum)}", people, not c.afgerond,
                   tuple(sections))  # fmt: skip


# --- HTML (Qt's rich-text subset) --------------------------------------------------------

BASE_PT = 9.5
STYLE = f"""
<style>
body {{ font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: {BASE_PT}pt; }}
h1 {{ font-size: 14pt; margin-bottom: 2px; }}
h2 {{ font-size: 11pt; margin-top: 16px; margin-bottom: 4px; }}
p.people {{ margin-top: 0; }}
p.draft {{ font-weight: bold; color: #9B2C1F; }}
p.empty {{ font-style: italic; margin-top: 0; }}
table {{ border-collapse: collapse; }}
th {{ background: #DCE6F1; text-align: left; font-weight: bold; }}
/* Qt reads px here (not pt) for padding and borders, scaled to the page's resolution. */
td, th {{ padding: 3px; padding-right: 8px; border-bottom: 1px solid #9AA5B1;
          vertical-align: top; }}
.sub {{ color: #444444; font-size: 8pt; }}
</style>
"""


def _cell(cell: Cell) -> str:
    text = escape(cell.text).replace("\n", "<br>")
    if cell.sub:
        sub = escape(cell.sub).replace("\n", "<br>")
        text += f"{' ' if cell.inline else '<br>'}<span class='sub'>{sub}</span>"
    return text


def section_html(section: Section, start: int, end: int, continued: bool) -> str:
    title = escape(section.title) + (" (vervolg)" if continued else "")
    if not section.rows:
        return f"<h2>{title}</h2><p class='empty'>{escape(section.empty)}</p>"
    head = "".join(f"<th width='{w}%'>{escape(h)}</th>"
                   for h, w in zip(section.headers, section.widths, strict=True))  # fmt: skip
    body = "".join(
        "<tr>" + "".join(f"<td width='{w}%'>{_cell(c)}</td>"
                         for c, w in zip(row, section.widths, strict=True)) + "</tr>"
        for row in section.rows[start:end]
    )  # fmt: skip
    return (f"<h2>{title}</h2><table width='100%' cellspacing='0'>"
            f"<thead><tr>{head}</tr></thead>{body}</table>")  # fmt: skip


def page_html(handout: Handout, parts: list[Part], *, first: bool) -> str:
    """One page (or, with every row in `parts`, the whole handout): the title on the first
    page, then each part's section with its header row."""
    top = ""
    if first:
        top = f"<h1>{escape(handout.title)}</h1><p class='people'>{escape(handout.people)}</p>"
        if handout.draft:
            top += "<p class='draft'>Concept: dit gesprek is nog niet afgerond.</p>"
    body = "".join(
        section_html(handout.sections[p.section], p.start, p.end, p.continued) for p in parts
    )
    return f"<html><head>{STYLE}</head><body>{top}{body}</body></html>"


def whole(handout: Handout) -> list[Part]:
    return [Part(i, 0, len(s.rows)) for i, s in enumerate(handout.sections)]
