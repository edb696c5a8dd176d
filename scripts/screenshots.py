"""Render every window of Caseload Desk to PNG, offscreen, on a given screen, and check
that each window and each of its buttons is on that screen.

    .venv/bin/python scripts/screenshots.py            # all screens, into docs/screenshots
    .venv/bin/python scripts/screenshots.py --screen 1920x1080 --scale 1.5 --out /tmp/x

The screens: a 1366x768 laptop, a 1920x1080 monitor, and that monitor at 150 % (which
leaves 1280x720 for the windows). A fresh demo database with a fixed date each time, so the
pictures are reproducible. Exit code 1 when a window or button is off the screen.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 11, 23)
# (width, height, scale, file name tag)
SCREENS = ((1366, 768, 1.0, "1366x768"), (1920, 1080, 1.0, "1920x1080"),
           (1920, 1080, 1.5, "150procent"))  # fmt: skip


def _configure(width: int, height: int, scale: float, folder: Path) -> None:
    """Before Qt loads: an offscreen screen of this size, scaled as Windows/GNOME would."""
    config = folder / "screen.json"
    screen = {"name": "scherm", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}  # fmt: skip
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = str(scale)


# Tables that must show all their visible columns without scrolling sideways.
NO_SIDEWAYS = {"followUpTable", "flaggedTable", "newActionsTable", "historyTable",
               "crtMeasureTable", "crtCandidateTable"}  # fmt: skip


def off_screen(window, area) -> list[str]:
    """What of `window` lies outside `area`: the window itself, or a visible button; and
    a table of NO_SIDEWAYS that scrolls sideways."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QAbstractButton, QTableView

    problems = []
    frame = QRect(window.mapToGlobal(window.rect().topLeft()), window.size())
    if not area.contains(frame):
        problems.append(f"{window.objectName()}: venster {frame.getRect()} valt buiten {area}")
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.visibleRegion().isEmpty():
            continue
        rect = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
        if not area.contains(rect) or not frame.contains(rect):
            problems.append(f"{window.objectName()}: knop '{button.text()}' valt buiten beeld")
    for table in window.findChildren(QTableView):
        if table.objectName() in NO_SIDEWAYS and table.horizontalScrollBar().isVisible():
            problems.append(f"{window.objectName()}: {table.objectName()} schuift opzij")
    return problems


def _later_export_without_two_measures(store) -> None:
    """The demo as a later export (three days before TODAY) left it: two of W001's
    measures with open actions are gone, so *Niet meer in de export* has something."""
    from caseload_desk.demo import generate_export
    from caseload_desk.importer.apply import apply_export

    with_actions = {r[0] for r in store.conn.execute(
        "SELECT maatregel_id FROM acties WHERE medewerker_id = 'W001' "
        "AND status IN ('open', 'loopt_nog') AND maatregel_id IS NOT NULL")}  # fmt: skip
    gone = set(sorted(with_actions)[:2])
    parsed = generate_export(1, TODAY)
    parsed.measures = [m for m in parsed.measures if m.maatregel_id not in gone]
    for sheet in ("contacts", "plans", "risks"):
        kept = [r for r in getattr(parsed, sheet) if r.maatregel_id not in gone]
        setattr(parsed, sheet, kept)
    with store.db.atomic():
        apply_export(store.conn, parsed, TODAY - timedelta(days=3))


def shoot(out: Path, tag: str) -> list[str]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from caseload_desk.demo import create_demo
    from caseload_desk.domain import ActionOwner
    from caseload_desk.store import open_store
    from caseload_desk.ui import create_main_window
    from caseload_desk.ui.app import make_application
    from caseload_desk.ui.conversation.add_action import AddActionDialog, NewAction
    from caseload_desk.ui.dialogs import ExportDateDialog
    from caseload_desk.ui.help import CONVERSATION_KEYS, MAIN_KEYS, HelpDialog
    from caseload_desk.ui.settings import AppSettings
    from caseload_desk.ui.settings_dialog import SignalSettingsDialog

    make_application()
    area = QApplication.primaryScreen().availableGeometry()
    problems: list[str] = []
    tmp = Path(tempfile.mkdtemp())
    db = tmp / "demo.db"
    with open_store(db, create=True) as store:
        create_demo(store, seed=1, today=TODAY)
        # The organisation's own days, so the settings dialog shows its list filled.
        from caseload_desk.store.settings import load_settings, save_settings

        days = {date(2026, 5, 15): "vrijdag na Hemelvaart", date(2026, 12, 24): "kerstsluiting"}
        save_settings(store, load_settings(store).with_extra_days(days))
        _later_export_without_two_measures(store)

    def grab(widget: QWidget, name: str, prepare: Callable[[], object] | None = None) -> None:
        if not widget.isVisible():
            widget.show()
        if prepare:
            prepare()
        for _ in range(3):
            QApplication.processEvents()
        widget.grab().save(str(out / f"{name}-{tag}.png"))
        problems.extend(off_screen(widget, area))

    settings = AppSettings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    welcome = create_main_window(None, settings, today=TODAY)
    grab(welcome, "welkom")
    welcome.close()

    window = create_main_window(db, settings, today=TODAY)
    window.show()
    window.select_worker("W001")
    grab(window, "hoofdvenster")
    rows = [r for r in window.caseload.visible_rows() if r.signals.onder_druk]
    if rows:
        window.caseload.select(rows[0].maatregel_id)
    for i, name in enumerate(("dossier-signalen", "dossier-tijdlijn", "dossier-acties")):
        grab(window, name, lambda i=i: window.dossier.tabs.setCurrentIndex(i))
    window.centre_tabs.setCurrentWidget(window.charts)
    for i, name in enumerate(("grafiek-contact", "grafiek-verloop", "grafiek-team",
                              "grafiek-werklast")):  # fmt: skip
        grab(window, name, lambda i=i: window.charts.setCurrentIndex(i))
    window.centre_tabs.setCurrentWidget(window.left_export)
    grab(window, "niet-meer-in-export")
    window.centre_tabs.setCurrentIndex(0)
    dated = ExportDateDialog("export-registratiesysteem.xlsx", TODAY - timedelta(days=3), TODAY,
                             window)  # fmt: skip
    grab(dated, "exportdatum")
    dated.close()
    crt = window.show_crt_room()
    assert crt is not None
    with_room = [r for r in range(crt.measure_model.rowCount())
                 if (crt.measures.selectRow(r), crt.candidate_model.rowCount())[1]]  # fmt: skip
    crt.measures.selectRow(with_room[0] if with_room else 0)
    grab(crt, "crt-ruimte")
    row, worker = crt.current_measure(), crt.current_worker()
    if row is not None and worker is not None:
        proposal = AddActionDialog(
            f"{row.maatregel_id} · {row.jeugdige}", TODAY, crt,
            NewAction(f"voorstel: toewijzen aan {worker.naam}",
                      ActionOwner.PRAKTIJKBEGELEIDER, TODAY + timedelta(days=14)),
            note=f"Het voorstel komt in een nieuw concept-gesprek met {worker.naam} (vandaag).",
        )  # fmt: skip
        proposal.setWindowTitle("Voorstel vastleggen")
        grab(proposal, "voorstel")
        proposal.close()
    crt.close()
    grab(HelpDialog("het hoofdvenster", MAIN_KEYS, window), "hulp-hoofdvenster")
    from caseload_desk.store.monitor_norms import load_norms
    from caseload_desk.store.workload import load_workload_settings

    assert window.store is not None
    settings_dialog = SignalSettingsDialog(
        window.signal_settings, window, workload=load_workload_settings(window.store),
        norms=load_norms(window.store),
    )  # fmt: skip
    grab(settings_dialog, "instellingen")
    monitor_tab = settings_dialog.monitor_tab
    grab(settings_dialog, "instellingen-monitor",
         lambda: settings_dialog.tabs.setCurrentWidget(monitor_tab))  # fmt: skip
    settings_dialog.close()

    talk = window.start_conversation()
    assert talk is not None
    talk.notes.setPlainText("Medewerker ervaart veel werkdruk; twee huisbezoeken staan gepland.")
    model = talk.follow_model
    with_history = [r for r in range(model.rowCount()) if model.index(r, 5).data() != "—"]
    if with_history:
        talk.follow_view.selectRow(with_history[0])
    grab(talk, "gesprek")
    grab(HelpDialog("het caseloadgesprek", CONVERSATION_KEYS, talk), "hulp-gesprek")
    row = talk.current_flagged()
    about = f"{row.maatregel_id} · {row.jeugdige}" if row else "Algemene actie"
    add = AddActionDialog(about, TODAY, talk, named=["Kees (jurist)"])
    grab(add, "actie-toevoegen")
    add.close()
    talk.close()
    history = window.show_history()
    assert history is not None
    history.table.selectRow(1)  # the latest finished one, not the draft made above
    grab(history, "historie")
    history.close()
    shoot_monitor(window, grab)
    window.close()
    return problems


def wait_for(done: Callable[[], bool], seconds: float = 60) -> None:
    """Let background work finish (the monitor computes off the GUI thread)."""
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def shoot_monitor(window, grab: Callable) -> None:
    """The Monitor: its table, its charts, and the measures behind one value."""
    from caseload_desk.ui.monitor.measures import MeasuresDialog

    monitor = window.show_monitor()
    assert monitor is not None
    wait_for(lambda: monitor.grid.peildata and not monitor.busy_now())
    grab(monitor, "monitor-tabel")
    grab(monitor, "monitor-grafieken", lambda: monitor.tabs.setCurrentIndex(1))
    grab(monitor, "monitor-effect", lambda: monitor.tabs.setCurrentIndex(2))
    monitor.tabs.setCurrentIndex(0)
    key = "onder_druk"  # the organisation's own signal: the list a supervisor opens first
    monitor.show_measures(key, monitor.grid.peildata[-1])
    wait_for(lambda: isinstance(monitor.measures, MeasuresDialog))
    assert monitor.measures is not None
    grab(monitor.measures, "monitor-maatregelen")
    monitor.close()


def main() -> int:
    parser = argparse.ArgumentParser(description="Schermafbeeldingen van Caseload Desk")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--screen", help="bijvoorbeeld 1366x768; zonder: alle schermen")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--tag", help="achtervoegsel van de bestandsnamen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.screen is None:  # one process per screen: Qt reads the screen once
        failed = 0
        for width, height, scale, tag in SCREENS:
            run = [sys.executable, __file__, "--out", str(args.out), "--screen",
                   f"{width}x{height}", "--scale", str(scale), "--tag", tag]  # fmt: skip
            failed |= subprocess.run(run, check=False).returncode
        return failed
    width, height = (int(x) for x in args.screen.split("x"))
    _configure(width, height, args.scale, Path(tempfile.mkdtemp()))
    problems = shoot(args.out, args.tag or args.screen)
    for p in problems:
        print(f"{args.tag}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
