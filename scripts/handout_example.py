"""Write an example handout (afsprakenlijst) of a conversation on the demo data, and with
poppler's pdftoppm its first page as PNG for the documentation.

    .venv/bin/python scripts/handout_example.py [--out docs/screenshots]

The conversation is held on the demo's reference date: every open action is followed up
(one with a new deadline and owner), and new actions go to the flagged dossiers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from caseload_desk.demo import ACTION_TEXTS, create_demo
from caseload_desk.domain import ActionOwner, ActionStatus, NamedOwner
from caseload_desk.store import conversations as conv
from caseload_desk.store import open_store
from caseload_desk.store.facts import caseload_signals
from caseload_desk.ui.app import make_application
from caseload_desk.ui.conversation.handout import write_handout_pdf

TODAY = date(2026, 11, 23)
NOTES = {
    ActionStatus.AFGEROND: "Gedaan, verslag staat in het dossier",
    ActionStatus.LOOPT_NOG: "Gezin heeft afgezegd; nieuwe afspraak staat",
    ActionStatus.VERVALLEN: "Niet meer nodig na de zitting",
}
OWNERS = (ActionOwner.MEDEWERKER, ActionOwner.GEDRAGSWETENSCHAPPER, NamedOwner("Jurist GI"),
          ActionOwner.MEDEWERKER, ActionOwner.TEAMLEIDER)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description="Voorbeeld van een afsprakenlijst")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm (poppler-utils) ontbreekt: installeer het eerst", file=sys.stderr)
        return 1
    make_application()
    with tempfile.TemporaryDirectory() as folder:
        return example(Path(folder), args.out)


def example(tmp: Path, out: Path) -> int:
    with open_store(tmp / "demo.db", create=True) as s:
        create_demo(s, seed=1, today=TODAY)
        gid = conv.start_conversation(s, "W001", "Marieke Haan", TODAY)
        statuses = (ActionStatus.AFGEROND, ActionStatus.LOOPT_NOG, ActionStatus.VERVALLEN)
        for i, action in enumerate(conv.actions_to_follow_up(s, "W001", gid)):
            status = statuses[i % 3]
            conv.follow_up(s, gid, action.id, status, NOTES[status])
            if status is ActionStatus.LOOPT_NOG and i < 3:
                conv.edit_action(s, gid, action.id, deadline=TODAY + timedelta(days=28),
                                 eigenaar=ActionOwner.GEDRAGSWETENSCHAPPER)  # fmt: skip
        flagged = [x for x in caseload_signals(s, TODAY, "W001") if x.any_signal]
        for i, signals in enumerate(sorted(flagged, key=lambda x: x.urgency)[:6]):
            conv.add_action(s, gid, maatregel_id=signals.maatregel_id,
                            omschrijving=ACTION_TEXTS[(3 * i) % len(ACTION_TEXTS)],
                            eigenaar=OWNERS[i % len(OWNERS)],
                            deadline=TODAY + timedelta(days=(14, 21, 35)[i % 3]))  # fmt: skip
        conv.add_action(s, gid, maatregel_id=None, omschrijving="Caseload verdelen met team",
                        eigenaar=ActionOwner.TEAMLEIDER,
                        deadline=TODAY + timedelta(days=14))  # fmt: skip
        conv.finish_conversation(s, gid, peildatum=TODAY, measures=1, onder_druk=0,
                                 with_signal=0)  # fmt: skip
        pdf = tmp / "afspraken.pdf"
        pages = write_handout_pdf(s, gid, pdf)
    print(f"afsprakenlijst: {pages} {'pagina' if pages == 1 else 'pagina’s'}")
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(out / "handout")], check=True)  # fmt: skip
    print(out / "handout.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
