"""The benchmark cases. Each runs in its own process (`python -m benchmarks.cases NAME ...`)
so its peak memory is its own, and prints one JSON object.

Every case reports the median over `repeat` runs of the measured work and of a baseline
measured in the same process, and their ratio: absolute times on a shared machine are noise.
"""

from __future__ import annotations

import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from benchmarks.generate import TODAY

CLIENT = "('gezin', 'jeugdige', 'ouder')"


def paired_medians(
    fn: Callable[[], object], base: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians of `fn` and `base`, run in turns (fn, base, fn, base, ...): a shared machine's
    load changes from minute to minute, and in turns both sides meet the same load."""
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(median_time(fn, 1))
        theirs.append(median_time(base, 1))
    return statistics.median(ours), statistics.median(theirs)


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def result(name: str, measured: float, baseline: float, baseline_name: str, **extra) -> dict:
    return {"case": name, "median_s": measured, "baseline_s": baseline, "baseline": baseline_name,
            "ratio": measured / baseline if baseline else None, "peak_rss_mb": peak_rss_mb(), **extra}  # fmt: skip


# --- signals ---------------------------------------------------------------------------
def signals_all(db: Path, repeat: int) -> dict:
    from caseload_desk.store import open_store
    from caseload_desk.store.facts import _FACTS_SQL, _ORDER, caseload_signals

    with open_store(db, read_only=True) as s:
        caseload_signals(s, TODAY)  # warm the page cache for both sides alike
        p = {"p": TODAY.isoformat()}
        # The floor: one plain SQL query reading the same columns the rules read.
        measured, base = paired_medians(
            lambda: caseload_signals(s, TODAY),
            lambda: s.conn.execute(_FACTS_SQL + _ORDER, p).fetchall(),
            repeat,
        )
        # Informative: only the latest client contact per measure.
        latest = median_time(lambda: s.conn.execute(
            f"SELECT maatregel_id, (SELECT max(datum) FROM contacten c WHERE c.maatregel_id = m.maatregel_id "
            f"AND c.datum <= :p AND c.met IN {CLIENT}) FROM maatregelen m", p).fetchall(), repeat)  # fmt: skip
        n = len(caseload_signals(s, TODAY))
    return result("signalen alle maatregelen", measured, base, "SQL met dezelfde kolommen",
                  measures=n, latest_contact_only_s=latest)  # fmt: skip


def worker_caseload(db: Path, repeat: int) -> dict:
    from caseload_desk.store import open_store
    from caseload_desk.store.facts import _FACTS_SQL, caseload_signals

    with open_store(db, read_only=True) as s:
        ids = [
            r[0]
            for r in s.conn.execute(
                "SELECT medewerker_id FROM medewerkers ORDER BY medewerker_id LIMIT 25"
            )
        ]
        sql = _FACTS_SQL + " AND m.medewerker_id = :w"
        caseload_signals(s, TODAY, ids[0])
        measured = statistics.median(
            median_time(lambda w=w: caseload_signals(s, TODAY, w), repeat) for w in ids
        )
        base = statistics.median(
            median_time(
                lambda w=w: s.conn.execute(sql, {"p": TODAY.isoformat(), "w": w}).fetchall(), repeat
            )
            for w in ids
        )
        plan = s.conn.execute("EXPLAIN QUERY PLAN " + sql, {"p": "x", "w": "x"}).fetchall()
    uses_index = any("USING INDEX maatregelen_medewerker" in str(r) for r in plan)
    return result("caseload van één medewerker", measured, base, "dezelfde SQL voor die medewerker",
                  workers=len(ids), uses_index=uses_index)  # fmt: skip


def monitor_year(db: Path, repeat: int) -> dict:
    """52 weekly peildata for the whole organisation, against one signals evaluation."""
    from caseload_desk.monitor import Interval
    from caseload_desk.store import open_store
    from caseload_desk.store.facts import caseload_signals
    from caseload_desk.store.monitor import run_monitor

    van = TODAY - timedelta(weeks=51)
    with open_store(db, read_only=True) as s:
        run_monitor(s, van, TODAY)  # warm the page cache for both sides alike
        measured, base = paired_medians(
            lambda: run_monitor(s, van, TODAY, Interval.WEEK),
            lambda: caseload_signals(s, TODAY),
            repeat,
        )
        rows = run_monitor(s, van, TODAY).rows
    return result("monitor: 52 weken, hele organisatie", measured, base,
                  "één keer signalen voor alle maatregelen", peildata=len(rows),
                  running_last=rows[-1].lopend)  # fmt: skip


# --- GUI ---------------------------------------------------------------------------------
# Each child reports the time from its own process start to the first painted window,
# then (for memory) waits for its background jobs and reports its peak RSS.
APP_START = """
import sys, time, os, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from caseload_desk.ui.app import make_application
from caseload_desk.ui import create_main_window
from PySide6.QtCore import QSettings
from caseload_desk.ui.settings import AppSettings
app = make_application()
settings = AppSettings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
w = create_main_window(sys.argv[1], settings)
w.show()
w.caseload.table.viewport().repaint()
app.processEvents()
print(time.time() - float(sys.argv[-1]), flush=True)
from PySide6.QtCore import QThreadPool
QThreadPool.globalInstance().waitForDone()  # the worker counts
app.processEvents()
w.close()  # a clean exit, as a user's: the next start must not see a crashed session
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
os._exit(0)
"""
BARE_START = """
import sys, os, resource, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(pg.PlotWidget()); w.resize(1366, 768); w.show()
w.centralWidget().viewport().repaint()
app.processEvents()
print(time.time() - float(sys.argv[-1]), flush=True)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, flush=True)
os._exit(0)
"""


def _start(code: str, *args: str) -> tuple[float, float]:
    """(seconds from process start to first paint, peak RSS in MB) of a fresh process."""
    started = time.time()  # taken just before the process is created
    out = subprocess.run(
        [sys.executable, "-c", code, *args, str(started)], capture_output=True, text=True
    )
    if out.returncode != 0:
        raise RuntimeError(f"start mislukt: {out.stderr.strip()[-600:]}")
    lines = out.stdout.strip().splitlines()
    return float(lines[-2]), float(lines[-1])


def cold_start(db: Path, repeat: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        ini = str(Path(tmp) / "s.ini")
        _start(APP_START, str(db), ini)  # once, so both sides start from a warm disk cache
        app, bare = [], []
        for _ in range(repeat):  # in turns, so both meet the same load
            app.append(_start(APP_START, str(db), ini))
            bare.append(_start(BARE_START))
    measured = statistics.median(t for t, _ in app)
    base = statistics.median(t for t, _ in bare)
    out = result(
        "koude start tot eerste hoofdvenster", measured, base, "kaal PySide6 + pyqtgraph-venster"
    )
    out["peak_rss_mb"] = max(r for _, r in app)  # the GUI process, not this one
    out["baseline_peak_rss_mb"] = max(r for _, r in bare)
    return out


@contextmanager
def _settled_window(db: Path) -> Iterator[object]:
    """The main window on `db` at 1366x768, shown, with its background work (file check,
    worker counts) finished: what a user clicks in a moment after opening."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication

    from caseload_desk.ui import create_main_window
    from caseload_desk.ui.app import make_application
    from caseload_desk.ui.settings import AppSettings

    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        settings = AppSettings(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        w = create_main_window(db, settings, today=TODAY)
        w.resize(1366, 768)
        w.show()
        while not w.file_checked():
            app.processEvents()
        QThreadPool.globalInstance().waitForDone()
        app.processEvents()
        try:
            yield w
        finally:
            w.close()
    QApplication.processEvents()


def worker_switch(db: Path, repeat: int) -> dict:
    with _settled_window(db) as w:
        ids = [
            r[0]
            for r in w.store.conn.execute(
                "SELECT medewerker_id FROM medewerkers ORDER BY medewerker_id LIMIT 30"
            )
        ]

        def switch(wid: str) -> None:
            w.select_worker(wid)
            w.caseload.table.viewport().repaint()  # table filled and painted

        def repaint_only() -> None:
            w.caseload.table.viewport().repaint()

        times = [median_time(lambda wid=wid: switch(wid), 1) for wid in ids * max(1, repeat // 3)]
        base = median_time(repaint_only, max(5, repeat))
        rows = len(w.caseload.visible_rows())
        # Informative: the same with the contact chart open instead of the table.
        w.centre_tabs.setCurrentWidget(w.charts)

        def switch_chart(wid: str) -> None:
            w.select_worker(wid)
            w.charts.contact.plot.viewport().repaint()

        charts = [median_time(lambda wid=wid: switch_chart(wid), 1) for wid in ids]
    return result("wisselen van medewerker", statistics.median(times), base,
                  "alleen de tabel opnieuw tekenen", switches=len(times), rows_last=rows,
                  with_contact_chart_s=statistics.median(charts))  # fmt: skip


def counts_update(db: Path, repeat: int) -> dict:
    """The worker list taking in the counts made in the background (the GUI thread's part)."""
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication

    from caseload_desk.ui.workers.model import WorkerCount, build_worker_model

    with _settled_window(db) as w:
        counts = dict(w._counts)
        changed = {k: WorkerCount(c.measures, c.onder_druk + 1, c.with_signal + 1)
                   for k, c in counts.items()}  # fmt: skip
        versions = [changed, counts]  # alternate, so every cell really changes each time

        def apply() -> None:
            w.apply_counts(versions[0])
            versions.reverse()
            QApplication.processEvents()  # the view's own work on the changes
            w.worker_view.viewport().repaint()

        measured = median_time(apply, repeat)
        # The floor: the same list built from scratch with these counts, not shown.
        base = median_time(
            lambda: build_worker_model(w.store, counts, QStandardItemModel()), repeat
        )
    return result("tellingen in de medewerkerslijst zetten", measured, base,
                  "dezelfde lijst opbouwen (niet getoond)", workers=len(counts))  # fmt: skip


# --- import and export -------------------------------------------------------------------
def _plain_import(folder: Path, db: Path) -> None:
    import sqlite3

    from caseload_desk.store import open_store

    open_store(db, create=True, auto_backup=False).close()
    conn = sqlite3.connect(db)
    tables = {"medewerkers": "medewerker_id, naam, team, regio, praktijkbegeleider",
              "maatregelen": "maatregel_id, medewerker_id, jeugdige, type, startdatum, einddatum, regie",
              "contacten": "maatregel_id, datum, met, vorm",
              "plannen_van_aanpak": "maatregel_id, vastgesteld_op",
              "risicotaxaties": "maatregel_id, datum, instrument"}  # fmt: skip
    with conn:
        for table, cols in tables.items():
            with (folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh, delimiter=";")
                next(reader)
                rows = ([v or None for v in r] for r in reader)
                marks = ",".join("?" * len(cols.split(",")))
                conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
    conn.close()


def import_export_case(folder: Path, repeat: int) -> dict:
    from caseload_desk.importer import import_export
    from caseload_desk.store import open_store

    def ours() -> None:
        with (
            tempfile.TemporaryDirectory() as tmp,
            open_store(Path(tmp) / "i.db", create=True, auto_backup=False) as s,
        ):
            import_export(folder, s)

    def plain() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            _plain_import(folder, Path(tmp) / "p.db")

    return result("import van de CSV-export", *paired_medians(ours, plain, repeat),
                  "csv-module + executemany")  # fmt: skip


def excel_export(_db: Path, repeat: int, n: int = 10_000) -> dict:
    from openpyxl import Workbook

    from caseload_desk.domain import ActionOwner, ActionStatus
    from caseload_desk.export.data import ActionListData
    from caseload_desk.export.xlsx import write_action_list
    from caseload_desk.store.conversations import Action, FollowUp
    from caseload_desk.store.records import Worker

    actions = [
        Action(i, 1, TODAY, "W1", f"M{i:07d}", f"Actie {i}: huisbezoek plannen en verslag maken",
               ActionOwner.MEDEWERKER, TODAY + timedelta(days=i % 60 - 30), ActionStatus.OPEN,
               (FollowUp(2, TODAY, ActionStatus.LOOPT_NOG, "afspraak staat"),) if i % 3 else ())
        for i in range(n)
    ]  # fmt: skip
    data = ActionListData("Test", TODAY, [Worker("W1", "Test", "T", "R", "PB", True)], actions, [], [],
                          {a.maatregel_id: "Kind" for a in actions}, {"W1": "Test"})  # fmt: skip

    def ours() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            write_action_list(data, Path(tmp) / "a.xlsx")

    def plain() -> None:
        # The floor for a list made for printing: the same cells, each with a font, border
        # and wrapping (one shared style), and a row height; no per-cell decisions.
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Border, Font, Side

        with tempfile.TemporaryDirectory() as tmp:
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("Acties")
            template = WriteOnlyCell(ws)
            template.font = Font(name="Arial", size=10)
            template.border = Border(*(Side(style="thin"),) * 4)
            template.alignment = Alignment(wrap_text=True, vertical="top")
            style = template._style

            def row(values: list) -> list:
                cells = []
                for v in values:
                    c = WriteOnlyCell(ws, value=v)
                    c._style = style
                    cells.append(c)
                return cells

            ws.append(row(["Maatregel", "Jeugdige", "Actie", "Eigenaar", "Deadline", "Status",
                           "Afgesproken op", "Laatste opvolging", "Opvolgnotitie"]))  # fmt: skip
            for i, a in enumerate(actions, start=2):
                f = a.last_follow_up
                ws.row_dimensions[i].height = 30
                ws.append(row([a.maatregel_id, "Kind", a.omschrijving, a.eigenaar.label, a.deadline,
                               a.status.label, a.gesprek_datum, f.gesprek_datum if f else None,
                               f.notitie if f else ""]))  # fmt: skip
            wb.save(Path(tmp) / "p.xlsx")

    return result("Excel-export van 10.000 acties", *paired_medians(ours, plain, repeat),
                  "openpyxl write-only, elke cel met één stijl", actions=n)  # fmt: skip


CASES = {
    "signals_all": signals_all,
    "worker_caseload": worker_caseload,
    "monitor": monitor_year,
    "cold_start": cold_start,
    "worker_switch": worker_switch,
    "counts_update": counts_update,
    "import": import_export_case,
    "excel_export": excel_export,
}

if __name__ == "__main__":
    name, target, repeat = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    print(json.dumps(CASES[name](target, repeat)))
