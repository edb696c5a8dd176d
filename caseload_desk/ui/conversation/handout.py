"""The one-page handout for the worker: the agreements of a caseloadgesprek, as PDF or print.

QTextDocument's own pagination breaks a table row over two pages (line by line) and has
no way to keep a row together, so the pages are made here: rows are added to a page as
long as the laid-out page still fits, and a section that continues on the next page
repeats its heading and header row. Each page is then drawn as its own document.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from caseload_desk.export.atomic import TargetLocked, write_atomically
from caseload_desk.store import Store, audit
from caseload_desk.store import conversations as conv
from caseload_desk.ui.conversation.handout_text import (
    BASE_PT,
    Handout,
    Part,
    build_handout,
    page_html,
    whole,
)
from caseload_desk.ui.conversation.report import a4_portrait, record_output

FONT_FAMILY = "DejaVu Sans"
FOOTER_PT = 7.5


def handout_html(store: Store, gesprek_id: int) -> str:
    """The whole handout as one HTML page (the PDF cuts the same content into pages)."""
    handout = build_handout(store, gesprek_id)
    return page_html(handout, whole(handout), first=True) if handout else ""


def page_layout() -> QPageLayout:
    return a4_portrait(12)


def _document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """`html` laid out for `device` (its resolution and paintable width), as it will print."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(BASE_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(device.width())
    return doc


def _footer_font(device: QPagedPaintDevice) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(FOOTER_PT)
    return QFont(font, device)


def _body_height(device: QPagedPaintDevice) -> float:
    """The page height left for the content, above the footer line."""
    return device.height() - 2 * QFontMetricsF(_footer_font(device), device).height()


def paginate(handout: Handout, device: QPagedPaintDevice) -> list[list[Part]]:
    """Cut the handout into pages for `device`: no row split, no heading left alone at the
    bottom of a page. A single row taller than a page gets a page of its own."""
    room = _body_height(device)

    def fits(parts: list[Part], first: bool) -> bool:
        return _document(page_html(handout, parts, first=first), device).size().height() <= room

    pages: list[list[Part]] = []
    page: list[Part] = []

    def place(part: Part, extend: bool) -> None:
        nonlocal page
        trial = [*page[:-1], part] if extend else [*page, part]
        if not page or fits(trial, not pages):
            page = trial
            return
        pages.append(page)
        row = max(part.end - 1, part.start)  # the row that did not fit opens the next page
        page = [Part(part.section, row, part.end, continued=row > 0)]

    for i, section in enumerate(handout.sections):
        if not section.rows:
            place(Part(i, 0, 0), extend=False)
            continue
        for r in range(len(section.rows)):
            last = page[-1] if page else None
            if last is not None and last.section == i and last.end == r:
                place(Part(i, last.start, r + 1, last.continued), extend=True)
            else:
                place(Part(i, r, r + 1, r > 0), extend=False)
    pages.append(page)
    return pages


def render(handout: Handout, device: QPagedPaintDevice) -> int:
    """Draw the handout's pages on `device` (a PDF writer or a printer); the page count."""
    docs = [_document(page_html(handout, parts, first=n == 0), device)
            for n, parts in enumerate(paginate(handout, device))]  # fmt: skip
    room = _body_height(device)
    # Only an oversized single row is taller than a page; it is cut, as no layout can help.
    slices = [(doc, top) for doc in docs for top in _tops(doc.size().height(), room)]
    painter = QPainter(device)
    try:
        for n, (doc, top) in enumerate(slices):
            if n:
                device.newPage()
            painter.save()
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, device.width(), room))
            painter.restore()
            _footer(painter, device, handout, n + 1, len(slices))
    finally:
        painter.end()
    return len(slices)


def _tops(height: float, room: float) -> list[float]:
    tops = [0.0]
    while tops[-1] + room < height:
        tops.append(tops[-1] + room)
    return tops


def _footer(
    painter: QPainter, device: QPagedPaintDevice, handout: Handout, page: int, pages: int
) -> None:
    font = _footer_font(device)
    line = QFontMetricsF(font, device).height()
    box = QRectF(0, device.height() - line, device.width(), line)
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft, handout.title)
    if pages > 1:
        painter.drawText(box, Qt.AlignmentFlag.AlignRight, f"pagina {page} van {pages}")


def write_handout_pdf(store: Store, gesprek_id: int, path: Path) -> int:
    """Write the handout as PDF, atomically (no half file if anything fails); the pages."""
    handout = build_handout(store, gesprek_id)
    if handout is None:
        raise ValueError("gesprek bestaat niet")
    pages = 0
    mark = audit.anchor_mark(store)

    def write(tmp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(page_layout())
        writer.setResolution(300)
        writer.setTitle(handout.title)
        writer.setCreator(f"Caseload Desk; {mark}")  # the audit log's head: an anchor
        pages = render(handout, writer)
        del writer  # finishes the file

    write_atomically(Path(path), write)
    record_output(store, gesprek_id, audit.Event.AFSPRAKEN_OPGESLAGEN)
    return pages


def print_handout(store: Store, gesprek_id: int, parent: QWidget | None = None) -> bool:
    """Show the print dialog and print the handout; False when cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    handout = build_handout(store, gesprek_id)
    if handout is None:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setDocName(handout.title)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("handoutPrintDialog")
    dialog.setWindowTitle("Afsprakenlijst afdrukken")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    render(handout, printer)
    record_output(store, gesprek_id, audit.Event.AFSPRAKEN_AFGEDRUKT)
    return True


def default_file_name(store: Store, gesprek_id: int) -> str:
    """A name like afspraken-2026-11-23.pdf: the date sorts, and no child's name is in it."""
    c = conv.get_conversation(store, gesprek_id)
    return f"afspraken-{c.datum.isoformat()}.pdf" if c else "afspraken.pdf"


def save_handout_as(parent: QWidget | None, store: Store, gesprek_id: int) -> Path | None:
    """Ask where to save the handout and save it there; the file, or None."""
    suggestion = str(Path.home() / default_file_name(store, gesprek_id))
    path, _ = QFileDialog.getSaveFileName(
        parent, "Afsprakenlijst opslaan", suggestion, "PDF (*.pdf)"
    )
    if not path:
        return None
    target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
    try:
        write_handout_pdf(store, gesprek_id, target)
    except TargetLocked as exc:
        QMessageBox.warning(parent, "Afsprakenlijst niet opgeslagen", str(exc))
        return None
    _say_saved(parent, f"Afsprakenlijst opgeslagen: {target}")
    return target


def _say_saved(parent: QWidget | None, text: str) -> None:
    """Confirm in the main window's status bar (the conversation window closes after
    finishing, so a message there would not be seen)."""
    widget = parent
    while widget is not None and not isinstance(widget, QMainWindow):
        widget = widget.parentWidget()
    if isinstance(widget, QMainWindow):
        widget.statusBar().showMessage(text, 15000)


def offer_handout(
    parent: QWidget | None,
    store: Store,
    gesprek_id: int,
    *,
    title: str = "Afsprakenlijst",
    lead: str = "",
) -> None:
    """Ask whether to make the handout now, and make it as chosen. `lead`: what the box
    says first (when finishing: the summary of the conversation, so one box says both)."""
    box = QMessageBox(parent)
    box.setObjectName("offerHandoutBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    question = "Afsprakenlijst voor de medewerker maken?"
    box.setText(f"{lead}\n\n{question}" if lead else question)
    box.setInformativeText(
        "De nieuwe afspraken, de opvolging en de wijzigingen van dit gesprek op een rij, "
        "zonder de signalen en zonder de notities."
    )
    pdf = box.addButton("PDF opslaan…", QMessageBox.ButtonRole.AcceptRole)
    printing = box.addButton("Afdrukken…", QMessageBox.ButtonRole.ActionRole)
    later = box.addButton("Niet nu", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(later)
    box.setEscapeButton(later)
    box.exec()
    if box.clickedButton() is pdf:
        save_handout_as(parent, store, gesprek_id)
    elif box.clickedButton() is printing:
        print_handout(store, gesprek_id, parent)
