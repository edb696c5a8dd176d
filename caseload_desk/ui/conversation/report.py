"""The conversation report for the worker's file: PDF through Qt, or straight to a printer."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from caseload_desk.dates import nl
from caseload_desk.export.atomic import write_atomically
from caseload_desk.signal_rows import yes_no
from caseload_desk.store import Store, audit
from caseload_desk.store import conversations as conv
from caseload_desk.store.records import get_worker
from caseload_desk.ui.caseload.rows import load_caseload
from caseload_desk.ui.conversation.report_text import conversation_html
from caseload_desk.ui.texts import FRESHNESS_LABELS

STYLE = """
<style>
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; }
h2 { font-size: 14pt; } h3 { font-size: 12pt; } h4 { font-size: 10pt; margin-top: 10px; }
table { border-collapse: collapse; }
th { background: #DCE6F1; text-align: left; padding: 3px; }
td { padding: 3px; border-bottom: 1px solid #cccccc; }
.druk { font-weight: bold; color: #9B2C1F; }
</style>
"""


def _signals_table(store: Store, c: conv.Conversation) -> str:
    peildatum = c.peildatum or c.datum
    rows = load_caseload(store, peildatum, c.medewerker_id)
    if not rows:
        return "<p><i>geen lopende maatregelen</i></p>"
    head = ("Maatregel", "Jeugdige", "Laatste cliëntcontact", "Plan van aanpak", "Risicotaxatie",
            "Onder druk")  # fmt: skip
    body = []
    for r in sorted(rows, key=lambda r: r.signals.urgency):
        s = r.signals
        last = nl(s.contact.last_contact) or "geen"
        cls = ' class="druk"' if s.onder_druk else ""
        body.append(
            f"<tr><td>{escape(s.maatregel_id)}</td><td>{escape(r.jeugdige)}</td>"
            f"<td>{last} ({s.contact.days_since} d)</td>"
            f"<td>{FRESHNESS_LABELS[s.plan.status]} {nl(s.plan.latest)}</td>"
            f"<td>{FRESHNESS_LABELS[s.risk.status]} {nl(s.risk.latest)}</td>"
            f"<td{cls}>{yes_no(s.onder_druk)}</td></tr>"
        )
    header = "".join(f"<th>{h}</th>" for h in head)
    return f"<table width='100%'><tr>{header}</tr>{''.join(body)}</table>"


def report_html(store: Store, gesprek_id: int) -> str:
    c = conv.get_conversation(store, gesprek_id)
    if c is None:
        return ""
    w = get_worker(store, c.medewerker_id)
    name = escape(w.naam if w else c.medewerker_id)
    team = escape(w.team) if w else ""
    peildatum = c.peildatum or c.datum
    return (
        f"<html><head>{STYLE}</head><body>"
        f"<h2>Verslag caseloadgesprek – {name}</h2><p>Team {team}</p>"
        f"{conversation_html(store, gesprek_id)}"
        f"<h4>Signalen op {nl(peildatum)}</h4>{_signals_table(store, c)}"
        "<p><i>Signalen berekend op de peildatum van het gesprek met de gegevens van nu. "
        f"Gemaakt met Caseload Desk. {escape(audit.short_anchor(audit.anchor_mark(store)))}"
        "</i></p></body></html>"
    )


def document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def a4_portrait(margin_mm: float = 15) -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm), QPageLayout.Unit.Millimeter,
    )  # fmt: skip


def write_pdf(html: str, target: Path, mark: str = "") -> None:
    """Write the report as PDF, atomically (no half file if anything fails). `mark`: the
    audit log's head, kept in the PDF's properties as an anchor."""

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(a4_portrait())
        writer.setResolution(300)
        writer.setTitle("Verslag caseloadgesprek")
        writer.setCreator(f"Caseload Desk; {mark}" if mark else "Caseload Desk")
        # No page size on the document: print_() then lays it out in points for the page.
        document(html).print_(writer)
        del writer  # finishes the file

    write_atomically(target, write)


def print_report(html: str, parent=None) -> bool:
    """Show the print dialog and print; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(a4_portrait())
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Verslag afdrukken")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document(html).print_(printer)
    return True


def conversation_scope(store: Store, gesprek_id: int) -> tuple[str | None, list[str]]:
    """For the audit log: the conversation's worker and the measures its actions and
    follow-ups are about (ids only)."""
    c = conv.get_conversation(store, gesprek_id)
    acts = conv.actions_of_conversation(store, gesprek_id) + conv.followed_up_in(store, gesprek_id)
    ids = sorted({a.maatregel_id for a in acts if a.maatregel_id})
    return (c.medewerker_id if c else None), ids


def record_output(store: Store, gesprek_id: int, event: audit.Event) -> None:
    """A report or handout left the file (PDF or paper): in the audit log, or kept in its
    side log when the file cannot be written now."""
    worker, measures = conversation_scope(store, gesprek_id)
    audit.record_or_keep(store, event, medewerker_id=worker, maatregelen=measures,
                         details=f"gesprek {gesprek_id}")  # fmt: skip


def save_report(store: Store, gesprek_id: int, target: Path) -> None:
    """Write the conversation's report as PDF, and record that in the audit log."""
    write_pdf(report_html(store, gesprek_id), target, audit.anchor_mark(store))
    record_output(store, gesprek_id, audit.Event.VERSLAG_OPGESLAGEN)


def print_conversation(store: Store, gesprek_id: int, parent=None) -> bool:
    """Print the conversation's report (False when cancelled), recorded in the audit log."""
    if not print_report(report_html(store, gesprek_id), parent):
        return False
    record_output(store, gesprek_id, audit.Event.VERSLAG_AFGEDRUKT)
    return True
