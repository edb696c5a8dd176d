"""The conversation report: content, and a real PDF written atomically."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.ui.conversation.history import ID_ROLE
from caseload_desk.ui.conversation.report import report_html, write_pdf
from caseload_desk.ui.conversation.summary import summary_text


def finished_conversation(db: Path, worker: str = "W001") -> int:
    with open_store(db, read_only=True) as s:
        return [c for c in conv.conversations(s, worker) if c.afgerond][-1].id


def test_report_content(qapp, demo_db: Path) -> None:
    gid = finished_conversation(demo_db)
    with open_store(demo_db, read_only=True) as s:
        html = report_html(s, gid)
        new = conv.actions_of_conversation(s, gid)
        followed = conv.followed_up_in(s, gid)
        c = conv.get_conversation(s, gid)
    assert "Verslag caseloadgesprek – Sophie Jansen" in html
    assert "Opvolging van eerdere acties" in html and "Nieuwe acties" in html
    for a in new + followed:
        assert a.omschrijving in html
    assert f"{c.aantal_onder_druk} onder druk" in html
    assert "Signalen op" in html and "<table" in html


def test_report_escapes_user_text(qapp, demo_db: Path) -> None:
    gid = finished_conversation(demo_db)
    with open_store(demo_db) as s:
        c = conv.get_conversation(s, gid)
        conv.update_conversation(s, gid, praktijkbegeleider=c.praktijkbegeleider, datum=c.datum,
                                 notities="<script>x</script> & <b>niet vet</b>")  # fmt: skip
        html = report_html(s, gid)
    assert "<script>" not in html and "&lt;b&gt;niet vet&lt;/b&gt;" in html


def test_pdf_is_written(qapp, demo_db: Path, tmp_path: Path) -> None:
    gid = finished_conversation(demo_db)
    (tmp_path / "uit").mkdir()
    target = tmp_path / "uit" / "verslag.pdf"
    with open_store(demo_db, read_only=True) as s:
        write_pdf(report_html(s, gid), target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]
    assert len(data) > 5000
    assert [p.name for p in target.parent.iterdir()] == ["verslag.pdf"]  # no temp file left


def test_history_dialog_saves_pdf(qtbot, main_window, tmp_path: Path) -> None:
    main_window.select_worker("W001")
    dialog = main_window.show_history()
    qtbot.addWidget(dialog)
    out = tmp_path / "uit"
    out.mkdir()
    dialog.save_pdf(dialog.current_id(), out / "v.pdf")
    assert (out / "v.pdf").read_bytes().startswith(b"%PDF-")


def edited_conversation(s) -> tuple[int, conv.Action, conv.Action]:
    """A finished conversation on 23-11-2026 that follows up one earlier action and only
    changes another (deadline and owner); returns it with those two, as they were."""
    earlier = conv.open_actions(s, "W001")
    followed = next(a for a in earlier if a.jeugdige)
    changed = next(a for a in earlier if a.id != followed.id)
    gid = conv.start_conversation(s, "W001", "Marieke Haan", date(2026, 11, 23))
    conv.follow_up(s, gid, followed.id, ActionStatus.LOOPT_NOG, "Afspraak staat gepland")
    conv.edit_action(s, gid, followed.id, deadline=date(2026, 12, 20))
    conv.edit_action(s, gid, changed.id, eigenaar=ActionOwner.TEAMLEIDER)
    conv.add_action(s, gid, maatregel_id=followed.maatregel_id, omschrijving="Zitting voorbereiden",
                    eigenaar=NamedOwner("Jurist GI"), deadline=date(2026, 12, 1))  # fmt: skip
    conv.finish_conversation(s, gid, peildatum=date(2026, 11, 23), measures=1, onder_druk=0,
                             with_signal=0)  # fmt: skip
    return gid, followed, changed


def test_report_names_children_and_shows_edits(qapp, demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gid, followed, changed = edited_conversation(s)
        html = report_html(s, gid)
        summary = summary_text(s, gid)
    about = f"{followed.maatregel_id} · {followed.jeugdige}"
    assert html.count(about) >= 2  # the follow-up and the new action for the same child
    assert (f"Deadline gewijzigd van {followed.deadline:%d-%m-%Y} naar 20-12-2026 "
            "op 23-11-2026") in html  # fmt: skip
    assert "Gewijzigde eerdere acties" in html and escape(changed.about) in html
    assert f"Eigenaar gewijzigd van {changed.eigenaar.label} naar Teamleider" in html
    assert "Jurist GI" in html  # a named owner, as typed
    assert f"• {about}: Zitting voorbereiden (Jurist GI, deadline 01-12-2026)" in summary
    assert "1 eerdere actie opgevolgd, 1 andere actie gewijzigd, 1 nieuwe actie:" in summary


def test_history_shows_children_and_edits(qtbot, main_window) -> None:
    gid, followed, _changed = edited_conversation(main_window.store)
    main_window.select_worker("W001")
    dialog = main_window.show_history()
    qtbot.addWidget(dialog)
    assert dialog.current_id() == gid  # the newest first
    text = dialog.detail.toPlainText()
    assert f"{followed.maatregel_id} · {followed.jeugdige}" in text
    assert f"Deadline gewijzigd van {followed.deadline:%d-%m-%Y} naar 20-12-2026" in text
    # The conversation that made the action shows its later edit, dated.
    ids = [dialog.model.index(r, 0).data(ID_ROLE) for r in range(dialog.model.rowCount())]
    dialog.table.selectRow(ids.index(followed.gesprek_id))
    older = dialog.detail.toPlainText()
    assert f"{followed.maatregel_id} · {followed.jeugdige} – {followed.omschrijving}" in older
    assert "naar 20-12-2026 op 23-11-2026" in older
    assert f"deadline {followed.deadline:%d-%m-%Y}; nu: loopt nog" in older  # as agreed then
    dialog.close()
