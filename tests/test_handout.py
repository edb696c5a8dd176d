"""The worker's handout: its content, and the PDF checked page by page (with poppler's
pdftotext, which reads the PDF as a person's PDF reader would, independent of Qt)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit, QMessageBox, QPushButton

from caseload_desk.demo import ACTION_TEXTS
from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner
from caseload_desk.export.atomic import TargetLocked
from caseload_desk.store import Store, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.ui.conversation.handout import handout_html, offer_handout, write_handout_pdf
from caseload_desk.ui.conversation.history import HistoryDialog
from tests.journey import (
    Alt,
    Ctrl,
    answering,
    choose_file,
    message_text,
    press_button,
    shortcut,
    type_into,
    visible_dialog,
)

FILLER = "Huisbezoek plannen bij gezin en afstemmen met school en wijkteam over de voortgang "
NOTES = ("Gedaan", "Afspraak staat gepland", "Nog niet gelukt, gezin afgezegd")
NOTE = "Nog niet gelukt, het gezin heeft afgezegd; een nieuwe afspraak staat voor volgende week "


def needs_pdftotext() -> None:
    if shutil.which("pdftotext") is None:
        reason = "pdftotext (poppler-utils) is niet geïnstalleerd"
        if os.environ.get("CASELOAD_REQUIRE_POPPLER") == "1":
            pytest.fail(f"CASELOAD_REQUIRE_POPPLER=1 maar {reason}")
        pytest.skip(reason)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page in the order it is drawn (-raw: a cell's lines stay together
    instead of being merged with the next column's), whitespace made single."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page with a form feed
    return [" ".join(p.split()) for p in pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def last_finished(s: Store, worker: str = "W001") -> int:
    return [c for c in conv.conversations(s, worker) if c.afgerond][-1].id


def measures(s: Store, worker: str = "W001") -> list[str]:
    rows = s.conn.execute(
        "SELECT maatregel_id FROM maatregelen WHERE medewerker_id = ? ORDER BY 1", (worker,)
    )
    return [r[0] for r in rows]


def busy_conversation(s: Store, n: int, *, long: bool) -> int:
    """A finished conversation with `n` new actions and `n` follow-ups of actions from an
    earlier one, some of those edited. With `long` every text runs over several lines, and
    starts with "Actie <k>:" and ends with "EINDE<k>", so that a row cut over two pages
    shows up as a start on one page and an end on another."""
    mids = measures(s)
    if long:
        text = lambda k: f"Actie {k}: {FILLER * 2}EINDE{k}"  # noqa: E731
        note = lambda k: f"Notitie {k}: {NOTE * 2}NOTITIE{k}."  # noqa: E731
    else:  # as long as the demo's texts, as people type them in a conversation
        text = lambda k: ACTION_TEXTS[k % len(ACTION_TEXTS)]  # noqa: E731
        note = lambda k: NOTES[k % len(NOTES)]  # noqa: E731
    earlier = conv.start_conversation(s, "W001", "Marieke Haan", date(2026, 11, 2))
    ids = [
        conv.add_action(s, earlier, maatregel_id=mids[k % len(mids)] if k % 7 else None,
                        omschrijving=text(k), deadline=date(2026, 11, 20),
                        eigenaar=ActionOwner.MEDEWERKER if k % 3 else NamedOwner("Jurist GI"))
        for k in range(n)
    ]  # fmt: skip
    conv.finish_conversation(s, earlier, peildatum=date(2026, 11, 2), measures=len(mids),
                             onder_druk=0, with_signal=0)  # fmt: skip
    now = conv.start_conversation(s, "W001", "Marieke Haan", date(2026, 11, 23))
    for k, actie in enumerate(ids):
        status = ActionStatus.LOOPT_NOG if k % 2 else ActionStatus.AFGEROND
        conv.follow_up(s, now, actie, status, note(k))
        if status is ActionStatus.LOOPT_NOG and k < 6:
            conv.edit_action(s, now, actie, deadline=date(2026, 12, 18),
                             eigenaar=ActionOwner.TEAMLEIDER)  # fmt: skip
    for k in range(100, 100 + n):
        conv.add_action(s, now, maatregel_id=mids[k % len(mids)] if k % 5 else None,
                        omschrijving=text(k), eigenaar=ActionOwner.GEDRAGSWETENSCHAPPER,
                        deadline=date(2026, 12, 14))  # fmt: skip
    conv.finish_conversation(s, now, peildatum=date(2026, 11, 23), measures=len(mids),
                             onder_druk=0, with_signal=0)  # fmt: skip
    return now


# --- content -----------------------------------------------------------------------------
def test_handout_has_the_agreements_and_nothing_else(qapp, demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as s:
        gid = last_finished(s)
        c = conv.get_conversation(s, gid)
        html = handout_html(s, gid)
        new = conv.actions_of_conversation(s, gid)
        followed = conv.followed_up_in(s, gid)
    assert new and followed, "the demo conversation should have both"
    assert f"Afspraken caseloadgesprek {c.datum:%d-%m-%Y}" in html
    assert "Sophie Jansen" in html and c.praktijkbegeleider in html
    for a in new:
        assert a.omschrijving in html and a.eigenaar.label in html
        assert f"{a.deadline:%d-%m-%Y}" in html
        if a.maatregel_id:
            assert a.jeugdige in html and a.maatregel_id in html
    for a in followed:
        f = next(x for x in a.follow_ups if x.gesprek_id == gid)
        assert a.omschrijving in html and f.status.label in html and f.notitie in html
    # The supervisor's notes and the signals stay out.
    assert c.notities and c.notities not in html
    assert "Signalen" not in html and "onder druk" not in html.lower()


def test_handout_shows_edits_and_stays_as_agreed(qapp, demo_db: Path) -> None:
    with open_store(demo_db) as s:
        first = last_finished(s)
        action = conv.actions_of_conversation(s, first)[0]
        later = conv.start_conversation(s, "W001", "Marieke Haan", date(2026, 11, 23))
        conv.edit_action(s, later, action.id, deadline=date(2026, 12, 20),
                         eigenaar=NamedOwner("Jurist GI"), omschrijving="Nieuwe tekst")  # fmt: skip
        conv.finish_conversation(s, later, peildatum=date(2026, 11, 23), measures=1,
                                 onder_druk=0, with_signal=0)  # fmt: skip
        then, now = handout_html(s, first), handout_html(s, later)
    old_deadline = f"{action.deadline:%d-%m-%Y}"
    # The earlier handout still says what was agreed then.
    assert action.omschrijving in then and old_deadline in then and "Nieuwe tekst" not in then
    # The later one lists the change to the earlier agreement.
    assert "Gewijzigde afspraken" in now and "Nieuwe tekst" in now
    assert f"Deadline {old_deadline} → 20-12-2026" in now
    assert f"Eigenaar {action.eigenaar.label} → Jurist GI" in now
    assert f"Omschrijving was: {action.omschrijving}" in now
    assert action.jeugdige in now


def test_handout_of_a_draft_says_so(qapp, demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W001", "Marieke Haan", date(2026, 11, 23))
        html = handout_html(s, gid)
    assert "Concept" in html and "Geen nieuwe afspraken." in html


# --- pages -------------------------------------------------------------------------------
def test_demo_conversation_is_one_page(qapp, demo_db: Path, tmp_path: Path) -> None:
    needs_pdftotext()
    (tmp_path / "uit").mkdir()
    target = tmp_path / "uit" / "afspraken.pdf"
    with open_store(demo_db, read_only=True) as s:
        gid = last_finished(s)
        pages = write_handout_pdf(s, gid, target)
        new = conv.actions_of_conversation(s, gid)
    text = pdf_pages(target)
    assert pages == 1 and len(text) == 1
    assert "Afspraken caseloadgesprek" in text[0] and "pagina" not in text[0]
    for a in new:
        assert flat(a.omschrijving) in text[0] and a.jeugdige in text[0]
    assert list(target.parent.iterdir()) == [target]  # written atomically: no temporary file left


def test_twelve_agreements_and_twelve_follow_ups_fit_one_page(
    qapp, demo_db: Path, tmp_path: Path
) -> None:
    needs_pdftotext()
    target = tmp_path / "afspraken.pdf"
    with open_store(demo_db) as s:
        gid = busy_conversation(s, 12, long=False)
        assert write_handout_pdf(s, gid, target) == 1
        rows = conv.actions_of_conversation(s, gid) + conv.followed_up_in(s, gid)
    (page,) = pdf_pages(target)
    texts = [a.omschrijving for a in rows]
    assert len(texts) == 24
    for text in set(texts):
        assert page.count(text) == texts.count(text), text
    assert page.count("Deadline 20-11-2026 → 18-12-2026") == 3


def test_long_handout_never_splits_a_row(qapp, demo_db: Path, tmp_path: Path) -> None:
    needs_pdftotext()
    target = tmp_path / "afspraken.pdf"
    with open_store(demo_db) as s:
        gid = busy_conversation(s, 40, long=True)
        written = write_handout_pdf(s, gid, target)
        rows = conv.actions_of_conversation(s, gid) + conv.followed_up_in(s, gid)
    pages = pdf_pages(target)
    assert written == len(pages) > 2
    for a in rows:
        k = re.match(r"Actie (\d+):", a.omschrijving).group(1)
        whole = [n for n, p in enumerate(pages) if flat(a.omschrijving) in p]
        starts = [n for n, p in enumerate(pages) if f"Actie {k}:" in p]
        ends = [n for n, p in enumerate(pages) if re.search(rf"EINDE{k}\b", p)]
        assert len(whole) == 1 and starts == ends == whole, f"rij {k} over pagina's {starts}/{ends}"
    for k in range(40):
        whole = [
            n for n, p in enumerate(pages) if f"Notitie {k}: {flat(NOTE * 2)} NOTITIE{k}." in p
        ]
        starts = [n for n, p in enumerate(pages) if f"Notitie {k}:" in p]
        assert len(whole) == 1 and starts == whole, f"notitie {k} over pagina's {starts}"
    headers = ("Jeugdige Afspraak Eigenaar Deadline", "Jeugdige Afspraak Stand Toelichting")
    for n, page in enumerate(pages, 1):
        first_row = min(m.start() for m in re.finditer(r"Actie \d+:", page))
        assert any(0 <= page.find(h) < first_row for h in headers), f"pagina {n}: geen kop"
        assert f"pagina {n} van {len(pages)}" in page
        if n > 1:  # a page goes on with a section, or begins the next one
            assert re.match("(Nieuwe afspraken|Opvolging van eerdere afspraken) ", page)


def test_pdf_into_a_missing_folder_says_so(qapp, demo_db: Path, tmp_path: Path) -> None:
    with (
        open_store(demo_db, read_only=True) as s,
        pytest.raises(TargetLocked, match="bestaat niet"),
    ):
        write_handout_pdf(s, last_finished(s), tmp_path / "weg" / "afspraken.pdf")


# --- journeys: from the history, and when offered after finishing -------------------------
def pdf_page_count(path: Path) -> int:
    """Pages of a PDF written by Qt (plain page objects, no object streams)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", path.read_bytes()))


def test_handout_from_the_history(qtbot, main_window, tmp_path: Path) -> None:
    main_window.select_worker("W001")
    shortcut(qtbot, main_window, Qt.Key.Key_H, Ctrl)
    history = visible_dialog(HistoryDialog)
    assert history is not None
    qtbot.addWidget(history)
    button = history.findChild(QPushButton, "handoutPdfButton")
    # The newest conversation is selected; then the one before it, by keyboard.
    history.table.setFocus()
    qtbot.keyClick(history.table, Qt.Key.Key_Down)
    gid = history.current_id()
    assert button.isEnabled() and history.pdf_button.isEnabled()  # the report stays too
    target = tmp_path / "afspraken.pdf"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        shortcut(qtbot, history, Qt.Key.Key_L, Alt)
    assert pdf_page_count(target) == 1
    agreed = conv.actions_of_conversation(main_window.store, gid)
    assert agreed
    if shutil.which("pdftotext"):  # the handout of the conversation chosen in the list
        (page,) = pdf_pages(target)
        assert all(a.omschrijving in page and (a.jeugdige or "Algemeen") in page for a in agreed)
    history.close()


def test_no_handout_of_a_draft_in_the_history(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    talk = main_window.start_conversation()
    assert talk is not None
    talk.close()  # Escape keeps the draft
    history = main_window.show_history()
    qtbot.addWidget(history)
    history.table.selectRow(0)  # the draft is the newest
    assert "concept" in history.detail.toPlainText()
    assert not history.handout_button.isEnabled() and history.pdf_button.isEnabled()
    history.table.selectRow(1)
    assert history.handout_button.isEnabled()
    history.close()


def test_offer_handout_saves_a_pdf(qtbot, main_window, tmp_path: Path) -> None:
    store = main_window.store
    gid = last_finished(store)
    seen: list[str] = []

    def choose_pdf(box: QMessageBox) -> None:
        seen.append(message_text(box))
        assert box.defaultButton().text() == "Niet nu"
        press_button(box, "PDF opslaan…")

    def save_dialog(dialog: QFileDialog) -> None:
        seen.append(dialog.selectedFiles()[0])  # the suggested name
        choose_file(qtbot, tmp_path / "afspraken.pdf")(dialog)

    with answering(qtbot, QMessageBox, choose_pdf, then=[(QFileDialog, save_dialog)]):
        offer_handout(main_window, store, gid)
    assert "Afsprakenlijst voor de medewerker maken?" in seen[0]
    c = conv.get_conversation(store, gid)
    assert Path(seen[1]).name == f"afspraken-{c.datum.isoformat()}.pdf"
    assert pdf_page_count(tmp_path / "afspraken.pdf") == 1


def test_offer_handout_not_now_is_the_default(qtbot, main_window) -> None:
    store = main_window.store
    chosen: list[str] = []

    def enter(box: QMessageBox) -> None:
        qtbot.keyClick(box, Qt.Key.Key_Return)
        chosen.append(box.clickedButton().text())

    # Enter (and Escape) mean "not now". That offer_handout returns at all shows that no
    # file or print dialog came after it: such a dialog would wait for an answer.
    with answering(qtbot, QMessageBox, enter):
        offer_handout(main_window, store, last_finished(store))
    assert chosen == ["Niet nu"]
    assert visible_dialog(QFileDialog) is None


def test_offer_handout_prints(qtbot, main_window, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    target = tmp_path / "afgedrukt.pdf"
    titles: list[str] = []

    def to_file(dialog: QPrintDialog) -> None:
        # The printer a person picks here is "print to file", so the print can be read back.
        titles.append(dialog.windowTitle())
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(printers.count() - 1)
        type_into(qtbot, dialog.findChild(QLineEdit, "filename"), str(target))
        press_button(dialog, "Afdrukken")

    def choose_print(box: QMessageBox) -> None:
        press_button(box, "Afdrukken…")

    with answering(qtbot, QMessageBox, choose_print, then=[(QPrintDialog, to_file)]):
        offer_handout(main_window, main_window.store, last_finished(main_window.store))
    assert titles == ["Afsprakenlijst afdrukken"]
    assert pdf_page_count(target) == 1
