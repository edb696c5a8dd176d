"""The audit log (NEN 7513): what is recorded, by whom, without names, and that tampering
with it is found (issue 13)."""

from __future__ import annotations

import argparse
import csv
import io
import os
import pwd
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from caseload_desk.cli import audit_cmd
from caseload_desk.cli.main import main
from caseload_desk.domain import ActionOwner
from caseload_desk.store import audit, backup, open_store
from caseload_desk.store import conversations as conv
from caseload_desk.store.facts import caseload_signals
from caseload_desk.store.records import workers
from caseload_desk.ui.conversation.handout import write_handout_pdf
from caseload_desk.ui.conversation.report import save_report
from tests.conftest import DEMO_DATE, open_window
from tests.journey import Ctrl, answering, choose_file, shortcut


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def names(db: Path) -> list[str]:
    """Every worker's and every child's name in the file."""
    with sqlite3.connect(db) as c:
        found = [r[0] for r in c.execute("SELECT naam FROM medewerkers")]
        found += [r[0] for r in c.execute("SELECT jeugdige FROM maatregelen")]
    return [n for n in found if n]


def rows(db: Path) -> list[audit.AuditEntry]:
    with open_store(db, read_only=True) as s:
        return audit.entries(s)


def no_names_in(entries: list[audit.AuditEntry], db: Path) -> None:
    text = "\n".join(
        " ".join((e.gebruiker, e.medewerker_id, e.maatregelen, e.details)) for e in entries
    )
    for name in names(db):
        assert name not in text


# --- who ------------------------------------------------------------------------------------
def test_the_user_is_the_os_account_not_an_environment_variable(demo_db: Path, monkeypatch) -> None:
    for var in ("LOGNAME", "USER", "USERNAME", "LNAME"):
        monkeypatch.setenv(var, "iemand-anders")
    with open_store(demo_db) as s:
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
    assert rows(demo_db)[0].gebruiker == pwd.getpwuid(os.getuid()).pw_name


# --- no names ---------------------------------------------------------------------------------
def test_the_audit_csv_neutralises_formulas(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        for start in ("=", "+", "-", "@", "\t", "\r"):
            audit.record(s, audit.Event.INSTELLINGEN_GEWIJZIGD, details=f"{start}1+1")
        s.conn.execute(
            "UPDATE medewerkers SET naam = '=HYPERLINK(\"x\")' WHERE medewerker_id='W001'"
        )
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
    buffer = io.StringIO(newline="")  # the CSV as written, carriage returns and all
    args = argparse.Namespace(
        db=demo_db, medewerker=None, maatregel=None, controleer=False, anker=[]
    )
    assert audit_cmd.run(args, buffer) == 0
    table = list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))
    cells = [v for r in table for v in r.values()]
    assert '\'=HYPERLINK("x")' in cells
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert f"'{start}1+1" in cells, [c for c in cells if "1+1" in c]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_the_gui_export_records_measures_not_the_file_name(
    qtbot, demo_db: Path, app_settings, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    with sqlite3.connect(demo_db) as c:
        naam = c.execute("SELECT naam FROM medewerkers WHERE medewerker_id='W001'").fetchone()[0]
    target = tmp_path / f"Actielijst {naam} 2026-11-23.xlsx"
    with answering(qtbot, QFileDialog, choose_file(qtbot, target)):
        shortcut(qtbot, window, Qt.Key.Key_E, Ctrl)
    qtbot.waitUntil(lambda: "Actielijst opgeslagen" in window.statusBar().currentMessage())
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())
    [export] = [e for e in rows(demo_db) if e.gebeurtenis == "export"]
    with open_store(demo_db, read_only=True) as s:
        from caseload_desk.store.facts import caseload_signals

        shown = {x.maatregel_id for x in caseload_signals(s, window.peildatum, "W001")}
    assert export.medewerker_id == "W001"
    assert shown and shown <= set(export.maatregelen.split(","))
    assert target.name not in export.details and ".xlsx" not in export.details
    no_names_in(rows(demo_db), demo_db)


# --- what is recorded -------------------------------------------------------------------------
def finished_conversation(db: Path) -> tuple[int, str]:
    """A finished demo conversation with actions on a measure: its id and worker."""
    with sqlite3.connect(db) as c:
        return c.execute(
            "SELECT g.id, g.medewerker_id FROM gesprekken g JOIN acties a ON a.gesprek_id = g.id "
            "WHERE g.status = 'afgerond' AND a.maatregel_id IS NOT NULL LIMIT 1"
        ).fetchone()


def test_creating_an_action_is_recorded(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W002", "Praktijkbegeleider", DEMO_DATE)
        [maatregel] = [m.maatregel_id for m in caseload_signals(s, DEMO_DATE, "W002")][:1]
        aid = conv.add_action(s, gid, maatregel_id=maatregel, omschrijving="Bellen",
                              eigenaar=ActionOwner.MEDEWERKER, deadline=DEMO_DATE)  # fmt: skip
    made = rows(demo_db)[0]
    assert made.gebeurtenis == "actie_aangemaakt" and made.medewerker_id == "W002"
    assert made.maatregelen == maatregel and f"actie {aid}" in made.details
    assert "Bellen" not in made.details


@pytest.mark.parametrize("scope", [["--medewerker", "W001"], ["--team", "TEAM"], ["--alle"]])
def test_every_cli_export_records_which_measures(
    capsys, demo_db: Path, tmp_path: Path, scope: list[str]
) -> None:
    with open_store(demo_db, read_only=True) as s:
        everyone = workers(s)
        team = everyone[0].team
        chosen = {
            "--medewerker": [w for w in everyone if w.medewerker_id == "W001"],
            "--team": [w for w in everyone if w.team == team],
            "--alle": everyone,
        }[scope[0]]
        shown = set()
        for w in chosen:
            shown |= {x.maatregel_id for x in caseload_signals(s, DEMO_DATE, w.medewerker_id)}
    scope = [team if a == "TEAM" else a for a in scope]
    target = tmp_path / "lijst.xlsx"
    code, _, _ = run(capsys, "export", "--db", demo_db, *scope, "--out", target,
                     "--peildatum", "23-11-2026")  # fmt: skip
    assert code == 0 and target.exists()
    [export] = [e for e in rows(demo_db) if e.gebeurtenis == "export"]
    assert shown and shown <= set(export.maatregelen.split(","))
    assert export.medewerker_id == ("W001" if scope[0] == "--medewerker" else "")
    no_names_in(rows(demo_db), demo_db)


def test_cli_signals_is_recorded(capsys, demo_db: Path) -> None:
    code, _, _ = run(capsys, "signals", "--db", demo_db, "--medewerker", "W003",
                     "--peildatum", "23-11-2026")  # fmt: skip
    assert code == 0
    seen = rows(demo_db)[0]
    assert seen.gebeurtenis == "signalen_opgevraagd" and seen.medewerker_id == "W003"
    with open_store(demo_db, read_only=True) as s:
        ids = {x.maatregel_id for x in caseload_signals(s, DEMO_DATE, "W003")}
    assert set(seen.maatregelen.split(",")) == ids


def test_editing_notes_is_recorded_once_per_save_without_the_text(demo_db: Path) -> None:
    with open_store(demo_db) as s:
        gid = conv.start_conversation(s, "W002", "Praktijkbegeleider", DEMO_DATE)
        for notes in ("Eerste aantekening", "Eerste aantekening", "Tweede aantekening"):
            conv.update_conversation(s, gid, praktijkbegeleider="Praktijkbegeleider",
                                     datum=DEMO_DATE, notities=notes)  # fmt: skip
    edits = [
        e
        for e in rows(demo_db)
        if e.gebeurtenis == "notities_gewijzigd" and e.details == f"gesprek {gid}"
    ]
    assert len(edits) == 2  # the save that changed nothing is not an edit
    assert all(e.medewerker_id == "W002" for e in edits)


def test_report_and_handout_pdfs_are_recorded(qapp, demo_db: Path, tmp_path: Path) -> None:
    gid, worker = finished_conversation(demo_db)
    with open_store(demo_db) as s:
        save_report(s, gid, tmp_path / "verslag.pdf")
        write_handout_pdf(s, gid, tmp_path / "afspraken.pdf")
        measures = {a.maatregel_id for a in conv.actions_of_conversation(s, gid) if a.maatregel_id}
    made = {e.gebeurtenis: e for e in rows(demo_db)[:2]}
    assert set(made) == {"verslag_opgeslagen", "afspraken_opgeslagen"}
    for e in made.values():
        assert e.medewerker_id == worker and e.details == f"gesprek {gid}"
        assert measures <= set(e.maatregelen.split(","))
    no_names_in(rows(demo_db), demo_db)


def test_a_read_only_session_keeps_its_entries_until_the_file_can_take_them(
    qapp, demo_db: Path, tmp_path: Path
) -> None:
    gid, worker = finished_conversation(demo_db)
    before = len(rows(demo_db))
    with open_store(demo_db, read_only=True) as s:
        audit.record(s, audit.Event.DOSSIER_GEOPEND, medewerker_id=worker, maatregelen=["M1"])
        save_report(s, gid, tmp_path / "verslag.pdf")
    assert len(rows(demo_db)) == before  # nothing could be written to the file
    waiting = audit.kept(demo_db)
    assert [k["gebeurtenis"] for k in waiting] == ["dossier_geopend", "verslag_opgeslagen"]
    assert audit.side_log_path(demo_db).is_relative_to(audit.settings_folder())
    with open_store(demo_db) as s:
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id=worker)
        assert audit.verify_chain(s) == []
    newest = rows(demo_db)[:3]
    assert [e.gebeurtenis for e in newest] == [
        "caseload_bekeken", "verslag_opgeslagen", "dossier_geopend",
    ]  # fmt: skip
    assert newest[2].tijdstip == waiting[0]["tijdstip"]  # the moment it happened
    assert audit.kept(demo_db) == [] and not audit.side_log_path(demo_db).exists()


# --- tampering ----------------------------------------------------------------------------------
def with_activity(db: Path, n: int = 3) -> None:
    """Some entries made by the app on this computer (each one moves the anchor)."""
    with open_store(db, auto_backup=False) as s:
        for _ in range(n):
            audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")


def tamper(db: Path, *sql: str, recompute: bool = False) -> None:
    """Change the table behind the app's back; with `recompute`, make the chain whole again
    as someone who knows the (public) hash recipe would."""
    c = sqlite3.connect(db)
    try:
        for statement in sql:
            c.execute(statement)
        if recompute:
            prev = audit.GENESIS
            for r in c.execute("SELECT * FROM auditlog ORDER BY id").fetchall():
                digest = audit._digest(prev, *r[1:7])
                c.execute(
                    "UPDATE auditlog SET vorige_hash = ?, hash = ? WHERE id = ?",
                    (prev, digest, r[0]),
                )
                prev = digest
        c.commit()
    finally:
        c.close()


def forge(db: Path, gebruiker: str) -> None:
    """Append a row with a correct hash, outside the app."""
    c = sqlite3.connect(db)
    try:
        prev = c.execute("SELECT hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()[0]
        values = ("2026-11-23T12:00:00.000+00:00", gebruiker, "caseload_bekeken", "W002", "", "")
        c.execute(
            "INSERT INTO auditlog (tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, "
            "details, vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, prev, audit._digest(prev, *values)),
        )
        c.commit()
    finally:
        c.close()


def last_id(db: Path) -> int:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT max(id) FROM auditlog").fetchone()[0] or 0


def chain_whole(db: Path) -> bool:
    with open_store(db, read_only=True) as s:
        return audit.verify_chain(s) == []


def check(capsys, db: Path, *more: object) -> tuple[int, str, str]:
    return run(capsys, "audit", "--db", db, "--controleer", *more)


def test_an_entry_rolled_back_with_its_transaction_does_not_move_the_anchor(
    capsys, demo_db: Path
) -> None:
    """An entry made inside a larger write (an import, a finished conversation) is only
    anchored once that commits: a failure or crash before it left the anchor one row past
    the log, which the check then called rows deleted."""
    from caseload_desk.store.connection import writing

    with_activity(demo_db)
    before = audit.local_anchor(demo_db)
    with open_store(demo_db, auto_backup=False) as s, pytest.raises(RuntimeError), writing(s):
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
        raise RuntimeError("de stroom valt uit")
    assert audit.local_anchor(demo_db) == before
    code, out, err = check(capsys, demo_db)
    assert (code, out, err) == (0, "Auditlogboek intact.\n", "")
    with open_store(demo_db, auto_backup=False) as s:  # committed: anchored after it
        with writing(s):
            audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W001")
            assert audit.local_anchor(demo_db) == before
        assert audit.local_anchor(demo_db).regel == audit.head(s)[0]


def test_an_untouched_log_is_intact(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    code, out, err = check(capsys, demo_db)
    assert (code, out, err) == (0, "Auditlogboek intact.\n", "")


def test_deleting_the_last_rows_is_found(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    end = last_id(demo_db)
    tamper(demo_db, f"DELETE FROM auditlog WHERE id > {end - 2}")
    assert chain_whole(demo_db)  # the chain alone cannot tell
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert f"Het log eindigt bij regel {end - 2}, maar het anker op deze computer" in err
    assert f"noemt regel {end}: regels verwijderd" in err


def test_deleting_every_row_is_found(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    end = last_id(demo_db)
    tamper(demo_db, "DELETE FROM auditlog")
    assert chain_whole(demo_db)
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert "Het log is leeg, maar het anker op deze computer van " in err
    assert f"noemt regel {end}: alle regels verwijderd" in err


def test_an_edit_with_the_chain_recomputed_is_found(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    end = last_id(demo_db)
    tamper(demo_db, "UPDATE auditlog SET gebruiker = 'iemand' WHERE id = 5", recompute=True)
    assert chain_whole(demo_db)
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert f"Regel {end} is anders dan het anker op deze computer" in err
    assert "opnieuw berekend" in err


def test_a_forged_row_under_the_users_own_name_is_found(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    end = last_id(demo_db)
    forge(demo_db, pwd.getpwuid(os.getuid()).pw_name)
    assert chain_whole(demo_db)
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert f"1 regel na het anker van deze computer (regel {end}) staat op naam van" in err
    assert f"({end + 1}), maar is niet door Caseload Desk op deze computer geschreven" in err


def test_rows_by_colleagues_after_the_anchor_are_named_not_called_tampering(
    capsys, demo_db: Path
) -> None:
    """A colleague on another computer writes to the same file; this computer's anchor
    cannot confirm those rows, and says so without calling it tampering (the README says
    that a forged row under another name is therefore not found this way)."""
    with_activity(demo_db)
    forge(demo_db, "collega")
    forge(demo_db, "collega")
    code, out, err = check(capsys, demo_db)
    assert code == 0 and out == "Auditlogboek intact.\n"
    assert "2 regels na het anker van deze computer zijn door andere gebruikers" in err


def test_backups_anchor_the_log_without_the_local_anchor(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    assert run(capsys, "backup", "--db", demo_db)[0] == 0
    in_backup = last_id(demo_db) - 1  # the backup's own entry comes after the copy
    audit.anchor_path(demo_db).unlink()  # someone removed this computer's anchor as well
    tamper(demo_db, f"DELETE FROM auditlog WHERE id >= {in_backup - 1}")
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert "maar de reservekopie demo-" in err and f"noemt regel {in_backup}" in err


def test_exports_and_reports_anchor_the_log(capsys, qapp, demo_db: Path, tmp_path: Path) -> None:
    with_activity(demo_db)
    xlsx = tmp_path / "lijst.xlsx"
    assert run(capsys, "export", "--db", demo_db, "--alle", "--out", xlsx)[0] == 0
    gid, _ = finished_conversation(demo_db)
    pdf = tmp_path / "verslag.pdf"
    handout = tmp_path / "afspraken.pdf"
    with open_store(demo_db, auto_backup=False) as s:
        at_report = last_id(demo_db)
        save_report(s, gid, pdf)
        at_handout = last_id(demo_db)
        write_handout_pdf(s, gid, handout)
    files = ["--anker", xlsx, "--anker", pdf, "--anker", handout]
    assert check(capsys, demo_db, *files) == (0, "Auditlogboek intact.\n", "")
    plain = tmp_path / "zomaar.pdf"
    plain.write_bytes(b"%PDF-1.4 niets")
    code, _, err = check(capsys, demo_db, "--anker", plain)
    assert code == 0 and "In zomaar.pdf staat geen stand van het auditlog." in err

    audit.anchor_path(demo_db).unlink()
    tamper(demo_db, "UPDATE auditlog SET details = 'x' WHERE id = 3", recompute=True)
    code, _, err = check(capsys, demo_db, *files)
    assert code == 2
    assert "Regel" in err and "het bestand lijst.xlsx" in err
    assert f"Regel {at_report} is anders dan het bestand verslag.pdf" in err
    assert f"Regel {at_handout} is anders dan het bestand afspraken.pdf" in err


def test_a_restore_is_not_called_tampering(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    assert run(capsys, "backup", "--db", demo_db)[0] == 0
    with_activity(demo_db, 5)
    assert run(capsys, "backup", "--db", demo_db)[0] == 0
    first = backup.list_backups(demo_db)[-1]  # the older one: the newer log is put aside
    assert run(capsys, "restore", "--db", demo_db, "--van", first.path)[0] == 0
    code, out, err = check(capsys, demo_db)
    assert code == 0 and out == "Auditlogboek intact.\n"
    assert "Let op" not in err


def test_printing_the_report_and_the_handout_is_recorded(
    qtbot, demo_db: Path, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from caseload_desk.ui.app import make_application
    from caseload_desk.ui.conversation.handout import print_handout
    from caseload_desk.ui.conversation.report import print_conversation
    from tests.journey import press_button, type_into

    make_application()  # as users get it: the print dialog in Dutch

    def to_file(target: Path):
        def handler(dialog: QPrintDialog) -> None:  # the printer chosen: "print to file"
            printers = dialog.findChild(QComboBox, "printers")
            printers.setCurrentIndex(printers.count() - 1)
            type_into(qtbot, dialog.findChild(QLineEdit, "filename"), str(target))
            press_button(dialog, "Afdrukken")

        return handler

    gid, worker = finished_conversation(demo_db)
    with open_store(demo_db, auto_backup=False) as s:
        with answering(qtbot, QPrintDialog, to_file(tmp_path / "verslag.pdf")):
            assert print_conversation(s, gid)
        with answering(qtbot, QPrintDialog, to_file(tmp_path / "afspraken.pdf")):
            assert print_handout(s, gid)
    printed = rows(demo_db)[:2]
    assert [e.gebeurtenis for e in printed] == ["afspraken_afgedrukt", "verslag_afgedrukt"]
    assert {e.medewerker_id for e in printed} == {worker}
    assert (tmp_path / "verslag.pdf").exists() and (tmp_path / "afspraken.pdf").exists()


def test_the_gui_keeps_views_of_a_read_only_session_and_writes_them_later(
    qtbot, demo_db: Path, app_settings
) -> None:
    from caseload_desk.store import schema

    def set_version(v: int) -> None:
        c = sqlite3.connect(demo_db)
        c.execute(f"PRAGMA user_version = {v}")
        c.close()

    set_version(schema.SCHEMA_VERSION + 1)  # a newer version's file opens read-only
    before = len(rows(demo_db))
    window = open_window(qtbot, demo_db, app_settings)
    assert window.store.read_only
    window.select_worker("W003")
    qtbot.waitUntil(lambda: any(k["medewerker_id"] == "W003" for k in audit.kept(demo_db)))
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert len(rows(demo_db)) == before
    waiting = audit.kept(demo_db)

    set_version(schema.SCHEMA_VERSION)  # writable again: the next session writes them
    window = open_window(qtbot, demo_db, app_settings)
    assert not window.store.read_only
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())
    written = [(e.tijdstip, e.gebeurtenis, e.medewerker_id) for e in rows(demo_db)]
    for k in waiting:
        assert (k["tijdstip"], k["gebeurtenis"], k["medewerker_id"]) in written
    assert audit.kept(demo_db) == [] and chain_whole(demo_db)


def test_another_file_in_the_same_place_is_named_as_such(
    capsys, demo_db: Path, tmp_path: Path
) -> None:
    """A database made anew under the same name: its short log is not called 'rows
    deleted', but named for what it may be (or a first row changed)."""
    with_activity(demo_db)
    other = tmp_path / "ander" / "demo.db"
    other.parent.mkdir()
    with open_store(other, create=True) as s:
        audit.record(s, audit.Event.IMPORT)
    demo_db.write_bytes(other.read_bytes())
    assert chain_whole(demo_db)
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert "Het log begint anders dan het anker op deze computer" in err
    assert "ander bestand op dezelfde plaats" in err and "regels verwijderd" not in err


def test_a_locked_file_keeps_the_waiting_entries_and_the_new_one(demo_db: Path) -> None:
    with open_store(demo_db, read_only=True) as s:
        audit.record(s, audit.Event.DOSSIER_GEOPEND, medewerker_id="W001")
        audit.record(s, audit.Event.DOSSIER_GEOPEND, medewerker_id="W002")
    before = len(rows(demo_db))
    with open_store(demo_db, auto_backup=False) as s:
        s.conn.execute("PRAGMA busy_timeout = 50")  # this test need not wait 5 s
        holder = sqlite3.connect(demo_db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a colleague is writing
        audit.record_or_keep(s, audit.Event.SIGNALEN_OPGEVRAAGD, medewerker_id="W003")
        waiting = [k["medewerker_id"] for k in audit.kept(demo_db)]
        assert waiting == ["W001", "W002", "W003"]  # none lost, still in order
        holder.execute("ROLLBACK")
        holder.close()
        audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W004")
    newest = [e.medewerker_id for e in rows(demo_db)[:4]]
    assert newest == ["W004", "W003", "W002", "W001"] and len(rows(demo_db)) == before + 4
    assert audit.kept(demo_db) == [] and chain_whole(demo_db)
    assert not list(audit.side_log_path(demo_db).parent.glob("*.bezig"))


RECORDER = """
import sys, time
from caseload_desk.store import audit, open_store
path, start = sys.argv[1], float(sys.argv[2])
with open_store(path, auto_backup=False) as s:
    while time.time() < start:
        time.sleep(0.0005)
    audit.record(s, audit.Event.CASELOAD_BEKEKEN, medewerker_id="W004")
"""


def test_two_processes_write_the_side_log_into_the_file_once(demo_db: Path, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    with open_store(demo_db, read_only=True) as s:
        for worker in ("W001", "W002", "W003"):
            audit.record(s, audit.Event.DOSSIER_GEOPEND, medewerker_id=worker)
    before = len(rows(demo_db))
    script = tmp_path / "recorder.py"
    script.write_text(RECORDER)
    start = str(time.time() + 2)  # both files open by then; both write at this moment
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    procs = [
        subprocess.Popen([sys.executable, str(script), str(demo_db), start], env=env) for _ in "ab"
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    added = sorted(e.medewerker_id for e in rows(demo_db)[: len(rows(demo_db)) - before])
    assert added == ["W001", "W002", "W003", "W004", "W004"]  # the kept ones once each
    assert audit.kept(demo_db) == [] and chain_whole(demo_db)


def test_the_audit_dialogs_csv_neutralises_formulas(qapp, demo_db: Path, tmp_path: Path) -> None:
    from caseload_desk.ui.safety import AuditDialog

    with open_store(demo_db, auto_backup=False) as s:
        for start in ("=", "+", "-", "@", "\t", "\r"):
            audit.record(s, audit.Event.INSTELLINGEN_GEWIJZIGD, details=f"{start}1+1")
        entries = audit.entries(s)
    dialog = AuditDialog(entries, [], "Auditlogboek")
    target = tmp_path / "auditlog.csv"
    dialog.save_csv(target)
    with target.open(newline="", encoding="utf-8-sig") as fh:
        cells = [c for row in csv.reader(fh, delimiter=";") for c in row]
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert f"'{start}1+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


def test_the_apps_next_entry_does_not_hide_rows_cut_off(capsys, demo_db: Path) -> None:
    """After rows are cut from the end, the next entry the app makes moves the anchor on:
    the old anchor is kept aside, so the cut is still found."""
    with_activity(demo_db)
    end = last_id(demo_db)
    tamper(demo_db, f"DELETE FROM auditlog WHERE id > {end - 2}")
    with_activity(demo_db, 2)  # someone opens the file again and looks around
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert f"Regel {end} is anders dan een eerder anker op deze computer" in err
    assert "gewijzigd of ingekort" in err


def test_the_audit_window_says_what_the_anchors_found(qtbot, demo_db: Path, app_settings) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLabel

    from caseload_desk.ui.safety import AuditDialog

    with_activity(demo_db)
    end = last_id(demo_db)
    tamper(demo_db, f"DELETE FROM auditlog WHERE id > {end - 3}")
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    window.findChild(QAction, "auditWorkerAction").trigger()
    dialog = next(w for w in window.findChildren(AuditDialog) if w.isVisible())
    state = dialog.findChild(QLabel, "auditState").text()
    assert "regels verwijderd" in state and "intact" not in state
    dialog.close()
    shortcut(qtbot, window, Qt.Key.Key_Q, Ctrl)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_the_entered_name_stands_beside_the_os_account(store) -> None:
    """Who: the account from the operating system, with the praktijkbegeleider's name as
    entered in the app beside it (for the reader; the account is what proves)."""
    import pwd

    from caseload_desk.store import audit as audit_mod

    account = pwd.getpwuid(os.getuid()).pw_name
    audit_mod.set_entered_name("Marieke  Haan")
    try:
        audit_mod.record(store, audit_mod.Event.CASELOAD_BEKEKEN, medewerker_id="W1")
    finally:
        audit_mod.set_entered_name("")
    audit_mod.record(store, audit_mod.Event.CASELOAD_BEKEKEN, medewerker_id="W1")
    newest, earlier = audit_mod.entries(store)[:2]
    assert earlier.gebruiker == f"{account} (Marieke Haan)"
    assert newest.gebruiker == account
    assert audit_mod.account_of(earlier.gebruiker) == account
    assert audit_mod.verify_chain(store) == []


def test_the_anchor_is_printed_on_exports_and_reports(demo_file: Path, tmp_path: Path) -> None:
    """On paper too: the action list's footer and the report's last line name the log's
    head, so a printed list can be held against the log."""
    from openpyxl import load_workbook

    from caseload_desk.export.data import gather, select_workers
    from caseload_desk.export.xlsx import write_action_list
    from caseload_desk.store import audit as audit_mod
    from caseload_desk.store import open_store
    from caseload_desk.ui.conversation.report import report_html

    target = tmp_path / "lijst.xlsx"
    with open_store(demo_file) as s:
        regel, digest = audit_mod.head(s)
        chosen = select_workers(s, "W001")
        write_action_list(gather(s, chosen, chosen[0].naam, DEMO_DATE), target)
        gid = next(c.id for c in conv.conversations(s, "W001") if c.afgerond)
        html = report_html(s, gid)
    printed = f"Auditlog t/m regel {regel} · keten {digest[:12]}"
    wb = load_workbook(target)
    assert all(ws.oddFooter.right.text == printed for ws in wb.worksheets)
    assert printed in html


# --- review of issue 13: what a forger can and cannot get past -------------------------------


def forge_row(db: Path, gebeurtenis: str, tijdstip: str, details: str = "") -> None:
    """Append a row of this account with a correct hash, outside the app."""
    c = sqlite3.connect(db)
    try:
        prev = c.execute("SELECT hash FROM auditlog ORDER BY id DESC LIMIT 1").fetchone()[0]
        me = pwd.getpwuid(os.getuid()).pw_name
        values = (tijdstip, me, gebeurtenis, "", "", details)
        c.execute(
            "INSERT INTO auditlog (tijdstip, gebruiker, gebeurtenis, medewerker_id, maatregelen, "
            "details, vorige_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, prev, audit._digest(prev, *values)),
        )
        c.commit()
    finally:
        c.close()


def now_iso(**later: float) -> str:
    from datetime import UTC, datetime, timedelta

    return (datetime.now(UTC) + timedelta(**later)).isoformat(timespec="milliseconds")


@pytest.mark.parametrize("when", [{}, {"days": 30}], ids=["nu", "in-de-toekomst"])
def test_a_forged_restore_row_excuses_nothing(capsys, demo_db: Path, when: dict) -> None:
    """Rows cut off and the chain recomputed, then a HERSTEL row added with a valid hash:
    nothing outside the table confirms that restore, so every anchor is still compared, and
    the row itself is reported. Also after the app wrote again."""
    with_activity(demo_db)
    assert run(capsys, "backup", "--db", demo_db)[0] == 0
    made = backup.list_backups(demo_db)[0]
    with_activity(demo_db, 25)
    end = last_id(demo_db)
    tamper(demo_db, f"DELETE FROM auditlog WHERE id > {end - 20}",
           "UPDATE auditlog SET details = 'x' WHERE id = 5", recompute=True)  # fmt: skip
    forge_row(demo_db, "herstel", now_iso(**when), backup.label(made.path))
    code, out, err = check(capsys, demo_db)
    assert code == 2 and "intact" not in out
    assert f"Regel {end - 19} meldt het terugzetten van een reservekopie" in err
    assert "niet vergeleken" not in err
    assert f"noemt regel {end}: regels verwijderd" in err
    with_activity(demo_db, 1)
    code, _, err = check(capsys, demo_db)
    assert code == 2 and "een eerder anker op deze computer van" in err
    assert "meldt het terugzetten" in err


def test_a_restore_on_another_computer_is_confirmed_by_its_backup(capsys, demo_db: Path) -> None:
    """This computer's anchor is from before a colleague's restore (no note of it here):
    the HERSTEL row directly after the restored backup's head, with the copy of the file
    from just before the restore beside it, confirms it. Without that copy it does not."""
    with_activity(demo_db)
    assert run(capsys, "backup", "--db", demo_db)[0] == 0
    with_activity(demo_db, 5)
    mine = audit.anchor_path(demo_db).read_bytes()  # as this computer left it
    first = backup.list_backups(demo_db)[0]
    assert run(capsys, "restore", "--db", demo_db, "--van", first.path)[0] == 0
    audit.restore_log_path(demo_db).unlink()  # the restore was done elsewhere
    audit.anchor_path(demo_db).write_bytes(mine)
    code, out, err = check(capsys, demo_db)
    assert (code, out) == (0, "Auditlogboek intact.\n") and "Let op" not in err
    assert "is van vóór het terugzetten van een reservekopie en is niet vergeleken" in err
    first.path.unlink()  # the backup put back has rotated away: the copy kept aside confirms
    code, out, err = check(capsys, demo_db)
    assert (code, out) == (0, "Auditlogboek intact.\n") and "Let op" not in err
    aside = next(b for b in backup.list_backups(demo_db) if b.reason == "voor-herstel")
    aside.path.unlink()
    code, _, err = check(capsys, demo_db)
    assert code == 2 and "meldt het terugzetten van een reservekopie" in err


def test_a_forged_row_stays_found_after_the_app_writes_again(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    end = last_id(demo_db)
    forge(demo_db, pwd.getpwuid(os.getuid()).pw_name)
    with_activity(demo_db, 1)  # the anchor moves past the forged row
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert f"1 regel ({end + 1}) stond na het anker van deze computer op naam van" in err
    assert "niet door Caseload Desk op deze computer geschreven" in err
    with_activity(demo_db, 2)
    assert check(capsys, demo_db)[0] == 2


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM auditlog",
        "UPDATE auditlog SET tijdstip = '2026-01-01T00:00:00.000+00:00' WHERE id = 1",
    ],
    ids=["alles-weg", "eerste-regel"],
)
def test_a_changed_begin_stays_found_after_the_app_writes_again(
    capsys, demo_db: Path, sql: str
) -> None:
    """Every row deleted, or the first one changed and the chain recomputed: the log begins
    otherwise. The app did not make a new file here, so its next entry keeps the old anchor
    as evidence instead of taking the file for another one; with no backup left."""
    with_activity(demo_db)
    tamper(demo_db, sql, recompute=True)
    shutil.rmtree(backup.backup_folder(demo_db), ignore_errors=True)
    with_activity(demo_db, 1)
    code, _, err = check(capsys, demo_db)
    assert code == 2
    assert "Het log begint anders dan een eerder anker op deze computer" in err
    assert "negeren" not in err


def test_a_new_file_made_by_the_app_in_the_same_place_is_no_alarm(capsys, demo_db: Path) -> None:
    with_activity(demo_db)
    demo_db.unlink()
    with open_store(demo_db, create=True) as s:
        audit.record(s, audit.Event.IMPORT)
    assert check(capsys, demo_db) == (0, "Auditlogboek intact.\n", "")


def test_backup_and_restore_rows_name_no_file(capsys, tmp_path: Path) -> None:
    """The backup's file name holds the database's name, which may be a person's."""
    db = tmp_path / "Caseload Sophie Jansen.db"
    assert run(capsys, "demo", "--db", db)[0] == 0
    assert run(capsys, "backup", "--db", db)[0] == 0
    made = backup.list_backups(db)[0]
    stamp = made.made.strftime(backup.STAMP)
    assert rows(db)[0].details == f"{stamp}-handmatig"  # the backup's own entry
    assert run(capsys, "restore", "--db", db, "--van", made.path)[0] == 0
    assert (rows(db)[0].gebeurtenis, rows(db)[0].details) == ("herstel", f"{stamp}-handmatig")
    code, _, err = check(capsys, db)
    assert code == 0 and "Let op" not in err


def test_a_lock_names_no_session_of_a_dead_process(demo_db: Path) -> None:
    """A session row left by a process killed on this computer holds nothing: the lock
    message names only live ones (and those on other computers, which cannot be asked)."""
    import subprocess
    import sys

    from caseload_desk.store import session
    from caseload_desk.store.identity import current_host

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        c = sqlite3.connect(demo_db)
        c.executemany(
            "INSERT INTO sessie (gebruiker, computer, proces, sinds) VALUES (?, ?, ?, ?)",
            [("weg", current_host(), dead.pid, "2026-11-24T00:00:00+00:00"),
             ("levend", current_host(), alive.pid, "2026-11-24T00:00:00+00:00"),
             ("collega", "ander-werkstation", dead.pid, "2026-11-24T00:00:00+00:00")],
        )  # fmt: skip
        c.commit()
        named = {h.gebruiker for h in session.others(c, None)}
        c.close()
    finally:
        alive.kill()
        alive.wait()
    assert named == {"levend", "collega"}


def test_a_restore_in_the_window_is_noted_outside_the_table(
    capsys, qtbot, main_window, demo_db: Path
) -> None:
    """Bestand > Reservekopie maken, then > terugzetten through the real dialog: the restore
    is noted in the restore log beside the anchor, so the check calls nothing tampering."""
    from PySide6.QtGui import QAction

    from caseload_desk.ui.safety import RestoreDialog
    from tests.journey import press_button

    main_window.findChild(QAction, "backupAction").trigger()
    qtbot.waitUntil(lambda: bool(backup.list_backups(demo_db)))
    made = backup.list_backups(demo_db)[0]
    with_activity(demo_db, 4)  # more after the backup: the restore cuts these off
    with answering(qtbot, RestoreDialog, lambda d: press_button(d, "Terugzetten")):
        main_window.findChild(QAction, "restoreAction").trigger()
    qtbot.waitUntil(lambda: audit.restore_log_path(demo_db).exists())
    main_window.close()
    assert "herstel" in [e.gebeurtenis for e in rows(demo_db)]
    herstel = next(e for e in rows(demo_db) if e.gebeurtenis == "herstel")
    assert herstel.details == backup.label(made.path)
    code, out, err = check(capsys, demo_db)
    assert (code, out) == (0, "Auditlogboek intact.\n") and "Let op" not in err
