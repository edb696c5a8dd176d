"""The caseloadgesprek by keyboard only, in a real X server with a real window manager.

The real app runs as a subprocess (`caseload-desk gui --db ...`) on a fresh demo database,
nothing replaced. xdotool presses only keys a person would press; the test waits for
window titles and for what the app writes to the database, and reads the outcome from the
SQLite file. After every step a screenshot of the whole screen is saved in
test-artifacts/keyboard-journey/<time>/ (kept after the test; the failure message names it).

Skipped when Xvfb, xdotool or openbox is missing, unless CASELOAD_REQUIRE_XVFB=1 (CI).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from caseload_desk.demo import create_demo
from caseload_desk.store import open_store
from tests.xsession import TIMEOUT, XSession, missing_tools, wait_until

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "keyboard-journey"
KEEP_RUNS = 10
WORKER = "W001"

# Window titles (the window manager shows them; xdotool reads them).
MAIN = r"^demo\.db — Caseload Desk$"  # the file, then the app's name (once)
TALK = r"^Caseloadgesprek met "
ADD = r"^Actie toevoegen"
EDIT = r"^Actie wijzigen"
CONFIRM = r"^Gesprek afronden"
SUMMARY = r"^Gesprek afgerond"

# What the user types.
FOLLOW_NOTE = "Overdracht is rond"
FLAGGED_ACTION = "Huisbezoek plannen met de jeugdige"
GENERAL_ACTION = "Scholing signalering volgen"
NOTES = "Gaat goed met de medewerker; werkdruk besproken."
SECOND_NOTE = "Afspraak staat"
EDITED_ACTION = "Huisbezoek plannen, samen met de gedragswetenschapper"

# The follow-up status keys in the follow-up table.
AFGEROND, LOOPT_NOG = "1", "2"


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the app's file as it is now (read-only, a moment's lock at most)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def artifacts_folder() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in sorted(p for p in ARTIFACTS.iterdir() if p.is_dir())[:-KEEP_RUNS]:
        shutil.rmtree(old, ignore_errors=True)
    folder = ARTIFACTS / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder.mkdir()
    return folder


def app_command(db: Path) -> list[str]:
    script = Path(sys.executable).with_name("caseload-desk")
    prefix = [str(script)] if script.exists() else [sys.executable, "-m", "caseload_desk"]
    return [*prefix, "gui", "--db", str(db)]


class Journey:
    def __init__(self, x: XSession, db: Path, worker_name: str) -> None:
        self.x, self.db, self.worker_name = x, db, worker_name
        self.apps = 0

    def shot(self, name: str) -> None:
        self.x.screenshot(name)

    def start_app(self) -> None:
        self.apps += 1
        self.app = self.x.start(app_command(self.db), f"app-{self.apps}", cwd=self.db.parent)
        self.x.wait_active(MAIN)
        self.shot(f"app-{self.apps}-gestart")

    def quit_app(self) -> None:
        self.x.wait_active(MAIN)
        self.x.key("ctrl+q")
        try:
            code = self.app.wait(timeout=TIMEOUT)
        except Exception:
            self.shot("afsluiten-mislukt")
            raise AssertionError("Ctrl+Q did not end the app") from None
        assert code == 0, f"the app ended with exit code {code}"
        log = (self.x.shots / f"app-{self.apps}.log").read_text(errors="replace")
        for sign in ("Onverwachte fout", "Traceback"):  # an error the app caught, or not
            assert sign not in log, f"app-{self.apps}.log reports an error:\n{log}"

    def open_conversation(self) -> int:
        """Choose the worker by name in the search field, then Ctrl+G; the draft's id."""
        x = self.x
        x.wait_active(MAIN)
        x.type(self.worker_name)  # the worker search has the focus on start
        # Into the worker list, which now shows one team with this one worker: Home goes
        # to the team, Down to the worker. (End is no good: while the worker chosen before
        # is hidden by the search there is no current row, and End then goes to the top.)
        x.key("Tab", "Home", "Down")
        self.shot("medewerker-gekozen")
        x.key("ctrl+g")
        x.wait_active(TALK + self.worker_name)
        (gesprek_id,) = wait_until(
            lambda: rows(
                self.db,
                "SELECT id FROM gesprekken WHERE medewerker_id = ? AND status = 'concept'",
                (WORKER,),
            ),
            "a draft conversation in the file",
        )[0]
        self.shot("gesprek-geopend")
        return gesprek_id

    def follow_up(self, gesprek_id: int, status_key: str, note: str) -> int:
        """In the follow-up table's current row: the status by its key, Enter to the note,
        type it, Tab away. Returns the followed-up action's id."""
        x = self.x
        before = self.follow_ups(gesprek_id)
        x.key(status_key)
        after = wait_until(
            lambda: len(f := self.follow_ups(gesprek_id)) > len(before) and f,
            "a follow-up status in the file",
        )
        (actie_id,) = set(after) - set(before)
        self.shot("opvolging-status")
        x.key("Return")  # to the note editor beside the table
        x.type(note)
        x.key("Tab")  # leaves the note: Tab is never typed into it
        wait_until(lambda: self.follow_ups(gesprek_id)[actie_id][1] == note, "the note saved")
        self.shot("opvolging-notitie")
        return actie_id

    def follow_ups(self, gesprek_id: int) -> dict[int, tuple[str, str]]:
        return {
            actie_id: (status, notitie)
            for actie_id, status, notitie in rows(
                self.db,
                "SELECT actie_id, status, notitie FROM opvolgingen WHERE gesprek_id = ?",
                (gesprek_id,),
            )
        }

    def add_action(self, keys: str, text: str, name: str, gesprek_id: int) -> None:
        x = self.x
        x.key(keys)
        x.wait_active(ADD)
        x.type(text)
        self.shot(f"{name}-dialoog")
        x.key("Return")  # "Toevoegen" is the dialog's default button
        x.wait_active(TALK)
        wait_until(
            lambda: rows(
                self.db,
                "SELECT id FROM acties WHERE gesprek_id = ? AND omschrijving = ?",
                (gesprek_id, text),
            ),
            f"the action {text!r} in the file",
        )
        self.shot(f"{name}-toegevoegd")

    def edit_action(self, actie_id: int, gesprek_id: int, text: str) -> None:
        """Ctrl+E on the selected follow-up: a new description, Enter saves the change."""
        x = self.x
        x.key("ctrl+e")
        x.wait_active(EDIT)
        x.key("ctrl+a")
        x.type(text)
        self.shot("actie-wijzigen")
        x.key("Return")
        x.wait_active(TALK)
        wait_until(
            lambda: (
                rows(
                    self.db,
                    "SELECT nieuw FROM actiewijzigingen WHERE actie_id = ? AND gesprek_id = ?",
                    (actie_id, gesprek_id),
                )
                == [(text,)]
            ),
            "the change in the file",
        )

    def finish(self, gesprek_id: int) -> None:
        """Gesprek afronden (Ctrl+Enter); Enter on the question keeps it open (the safe
        default), Alt+A finishes; OK to the summary."""
        x = self.x
        x.key("ctrl+Return")
        x.wait_active(CONFIRM)
        self.shot("afronden-vraag")
        x.key("Return")  # "Nee, nog niet"
        x.wait_active(TALK)
        assert self.status(gesprek_id) == "concept"
        x.key("ctrl+Return")
        x.wait_active(CONFIRM)
        x.key("alt+a")  # Afronden
        x.wait_active(SUMMARY)
        self.shot("afronden-samenvatting")
        assert self.status(gesprek_id) == "afgerond"
        x.key("Return")  # OK
        x.wait_active(MAIN)
        wait_until(lambda: not x.windows(TALK), "the conversation window to close")
        self.shot("gesprek-afgerond")

    def status(self, gesprek_id: int) -> str:
        return rows(self.db, "SELECT status FROM gesprekken WHERE id = ?", (gesprek_id,))[0][0]


def require_x_tools() -> None:
    """Skip without Xvfb, xdotool or openbox; fail instead in CI (CASELOAD_REQUIRE_XVFB=1)."""
    missing = missing_tools()
    if missing:
        reason = f"not installed: {', '.join(missing)} (apt-get install xvfb xdotool openbox)"
        if os.environ.get("CASELOAD_REQUIRE_XVFB") == "1":
            pytest.fail(f"CASELOAD_REQUIRE_XVFB=1 but {reason}")
        pytest.skip(reason)


def demo_file(tmp_path: Path) -> tuple[Path, str]:
    """A demo database whose peildatum is today (the app opens on today), and the name of
    the worker the journeys choose."""
    db = tmp_path / "demo.db"
    with open_store(db, create=True) as s:
        create_demo(s, seed=1, today=date.today())
    ((name,),) = rows(db, "SELECT naam FROM medewerkers WHERE medewerker_id = ?", (WORKER,))
    return db, name


def test_conversation_by_keyboard_only(tmp_path: Path) -> None:
    require_x_tools()

    db, name = demo_file(tmp_path)
    open_before = {
        a
        for (a,) in rows(
            db,
            "SELECT id FROM acties WHERE medewerker_id = ? AND status IN ('open', 'loopt_nog')",
            (WORKER,),
        )
    }
    assert len(open_before) >= 2, "the demo should give this worker open actions"

    shots = artifacts_folder()
    try:
        with XSession(tmp_path / "home", shots) as x:
            walk(Journey(x, db, name), db, open_before)
    except Exception as exc:
        raise AssertionError(f"{exc}\nScreenshots and logs: {shots}") from exc


def walk(j: Journey, db: Path, open_before: set[int]) -> None:
    x = j.x
    try:
        # --- first conversation ---------------------------------------------------------
        j.start_app()
        first = j.open_conversation()
        # The flagged dossiers table has the focus; Alt+1 goes up to the follow-up table.
        x.key("alt+1", "ctrl+Home")
        followed = j.follow_up(first, AFGEROND, FOLLOW_NOTE)
        x.key("alt+2", "Down")  # to the flagged dossiers table, second dossier
        j.add_action("ctrl+n", FLAGGED_ACTION, "actie-dossier", first)
        j.add_action("ctrl+shift+n", GENERAL_ACTION, "actie-algemeen", first)
        x.key("alt+n")  # the notes
        x.type(NOTES)
        wait_until(
            lambda: (
                rows(db, "SELECT notities FROM gesprekken WHERE id = ?", (first,))[0][0] == NOTES
            ),
            "the notes saved",
        )
        j.shot("notities")
        j.finish(first)
        j.quit_app()

        # --- the next conversation, after starting again on the same file ---------------
        j.start_app()
        second = j.open_conversation()
        assert second != first
        # The two new actions have the latest deadline, so they are the last two rows.
        x.key("alt+1", "ctrl+End")
        last = j.follow_up(second, LOOPT_NOG, SECOND_NOTE)
        j.edit_action(last, second, EDITED_ACTION)
        x.key("alt+1", "Up")
        before_last = j.follow_up(second, AFGEROND, SECOND_NOTE)
        j.finish(second)
        j.quit_app()
    except Exception:
        try:
            j.shot("fout")
        except Exception as exc:  # the screenshot must not hide what went wrong
            print(f"no screenshot of the failure: {exc}")
        raise

    check_outcome(db, first, second, followed, {last, before_last}, open_before)


def check_outcome(
    db: Path, first: int, second: int, followed: int, followed_later: set[int], open_before
) -> None:
    talks = {
        gid: (status, notes, measures)
        for gid, status, notes, measures in rows(
            db,
            "SELECT id, status, notities, aantal_maatregelen FROM gesprekken WHERE id IN (?, ?)",
            (first, second),
        )
    }
    assert talks[first][:2] == ("afgerond", NOTES)
    assert talks[second][0] == "afgerond"
    assert talks[first][2] and talks[second][2]  # counts of that moment recorded

    # Keyed by the text as first typed (one was changed with Ctrl+E later).
    first_text = dict(rows(db, "SELECT actie_id, oud FROM actiewijzigingen WHERE veld = ?",
                           ("omschrijving",)))  # fmt: skip
    new = {
        first_text.get(actie_id, omschrijving): (actie_id, maatregel_id, status)
        for actie_id, omschrijving, maatregel_id, status in rows(
            db,
            "SELECT id, omschrijving, maatregel_id, status FROM acties WHERE gesprek_id = ?",
            (first,),
        )
    }
    assert set(new) == {FLAGGED_ACTION, GENERAL_ACTION}
    assert new[FLAGGED_ACTION][1] is not None  # on the chosen dossier
    assert new[GENERAL_ACTION][1] is None  # general: for the worker

    # First conversation: one earlier action followed up, as typed.
    assert followed in open_before
    assert rows(
        db, "SELECT actie_id, status, notitie FROM opvolgingen WHERE gesprek_id = ?", (first,)
    ) == [(followed, "afgerond", FOLLOW_NOTE)]
    assert rows(db, "SELECT status FROM acties WHERE id = ?", (followed,)) == [("afgerond",)]

    # Second conversation: both new actions were offered, and were followed up.
    new_ids = {new[FLAGGED_ACTION][0], new[GENERAL_ACTION][0]}
    assert followed_later == new_ids
    later = rows(
        db, "SELECT actie_id, status, notitie FROM opvolgingen WHERE gesprek_id = ?", (second,)
    )
    assert sorted(status for _a, status, _n in later) == ["afgerond", "loopt_nog"]
    assert {a for a, _s, _n in later} == new_ids
    assert all(note == SECOND_NOTE for _a, _s, note in later)
    statuses = {
        a: s for a, s in rows(db, "SELECT id, status FROM acties WHERE gesprek_id = ?", (first,))
    }
    assert sorted(statuses.values()) == ["afgerond", "loopt_nog"]
    assert rows(db, "SELECT omschrijving FROM acties WHERE id IN (?, ?)",
                tuple(followed_later)).count((EDITED_ACTION,)) == 1  # fmt: skip


# Issue 15 and 16 by keyboard: the CRT view with a proposal, the team's load, the monitor.
CRT = r"^Ruimte voor CRT-maatregelen"
PROPOSAL = r"^Voorstel vastleggen"
MONITOR = r"^Monitor – tijdigheid en betekenisvol cliëntcontact"


def test_workload_and_monitor_by_keyboard(tmp_path: Path) -> None:
    require_x_tools()
    db, name = demo_file(tmp_path)
    shots = artifacts_folder()
    try:
        with XSession(tmp_path / "home", shots) as x:
            j = Journey(x, db, name)
            j.start_app()
            # Ctrl+R: the CRT view opens on the first measure and its lowest-load worker;
            # Enter proposes (the default button), Enter again records it.
            x.key("ctrl+r")
            x.wait_active(CRT)
            j.shot("crt-geopend")
            x.key("Return")
            x.wait_active(PROPOSAL)
            j.shot("voorstel")
            x.key("Return")
            x.wait_active(CRT)
            (text,) = wait_until(
                lambda: rows(db, "SELECT omschrijving FROM acties "
                                 "WHERE omschrijving LIKE 'voorstel: toewijzen aan %'"),
                "the proposal as an action in the file",
            )[0]  # fmt: skip
            assert text.startswith("voorstel: toewijzen aan ")
            x.key("Escape")
            x.wait_active(MAIN)
            # Ctrl+M: the monitor computes the last year by week; Ctrl+2 its charts.
            x.key("ctrl+m")
            x.wait_active(MONITOR)
            time.sleep(1.5)  # computed in the background; the shot shows the table filled
            j.shot("monitor")
            x.key("ctrl+2")
            j.shot("monitor-grafieken")
            x.key("ctrl+w")
            x.wait_active(MAIN)
            j.quit_app()
    except Exception as exc:
        raise AssertionError(f"{exc}\nScreenshots and logs: {shots}") from exc
