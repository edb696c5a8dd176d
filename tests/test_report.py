"""The conversation report: content, and a real PDF written atomically."""

from __future__ import annotations

from pathlib import Path

from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.ui.conversation.report import report_html, write_pdf


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
