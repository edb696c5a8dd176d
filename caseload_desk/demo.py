"""A realistic, fictional demo database, deterministic for a seed and reference date.

The data goes through the same paths as real use: an export is generated and applied by
the importer, and the conversation history is recorded through the conversation API.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from caseload_desk.domain import ActionOwner, ActionStatus, MeasureType, Regie
from caseload_desk.importer.apply import apply_export
from caseload_desk.importer.parse import (
    ContactRow,
    MeasureRow,
    ParsedExport,
    PlanRow,
    RiskRow,
    WorkerRow,
)
from caseload_desk.signals import summarize
from caseload_desk.store import conversations as conv
from caseload_desk.store.connection import Store
from caseload_desk.store.facts import caseload_signals

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Daan",
    "Emma",
    "Fleur",
    "Gijs",
    "Hanna",
    "Iris",
    "Jesse",
    "Julia",
    "Koen",
    "Lars",
    "Lieke",
    "Luuk",
    "Maud",
    "Milan",
    "Noa",
    "Noah",
    "Olivier",
    "Puck",
    "Roos",
    "Sam",
    "Sanne",
    "Sem",
    "Sophie",
    "Stijn",
    "Tess",
    "Thijs",
    "Vera",
    "Yara",
    "Zoë",
    "Finn",
    "Lotte",
    "Mees",
    "Nina",
    "Ruben",
    "Saar",
    "Teun",
    "Evi",
    "Jens",
]
SURNAMES = [
    "Bakker",
    "Boer",
    "Bos",
    "Dekker",
    "Dijkstra",
    "Hoekstra",
    "Jansen",
    "Kok",
    "Kuipers",
    "Meijer",
    "Mulder",
    "Postma",
    "Smit",
    "Veenstra",
    "Visser",
    "Vos",
    "Wiersma",
    "Zijlstra",
    "Brouwer",
    "Huisman",
    "Jonker",
    "Koster",
    "Prins",
    "Schouten",
]
TEAMS = (
    ("Groningen Stad", "Groningen", "Marieke Haan"),
    ("Ommelanden", "Groningen", "Joost Wierenga"),
    ("Assen", "Drenthe", "Ellen Lubbers"),
    ("Emmen", "Drenthe", "Harm Oosting"),
)
INSTRUMENTS = {MeasureType.OTS: "LIRIK", MeasureType.VOOGDIJ: "ARIJ", MeasureType.JR: "LIJ"}

# Scenario per measure, weighted so that every signal occurs in a caseload of ~15.
SCENARIOS = (
    ("in_orde", 40),
    ("onder_druk", 14),
    ("geen_contact", 8),
    ("pva_verouderd", 8),
    ("risico_verouderd", 8),
    ("nieuw", 10),
    ("einde_nadert", 6),
    ("beeindigd", 6),
)

ACTION_TEXTS = (
    "Huisbezoek plannen bij gezin",
    "Gesprek met jeugdige op school",
    "Plan van aanpak actualiseren en vaststellen",
    "Risicotaxatie (opnieuw) afnemen",
    "Verlengingsverzoek voorbereiden",
    "Netwerkberaad organiseren",
    "Afstemmen met gedragswetenschapper",
    "Contact opnemen met wijkteam",
    "Dossier bijwerken: verslaglegging contacten",
    "Overdracht naar vaste jeugdbeschermer voorbereiden",
)
FOLLOW_UP_NOTES = {
    ActionStatus.AFGEROND: ("Gedaan", "Afgerond, verslag staat in dossier", "Uitgevoerd"),
    ActionStatus.LOOPT_NOG: ("Afspraak staat gepland", "Nog niet gelukt, gezin afgezegd"),
    ActionStatus.VERVALLEN: ("Niet meer nodig na zitting", "Vervallen door overdracht"),
}


@dataclass
class _Gen:
    rng: random.Random
    today: date
    out: ParsedExport
    next_id: int = 10001

    def day(self, days_ago_min: int, days_ago_max: int) -> date:
        return self.today - timedelta(days=self.rng.randint(days_ago_min, days_ago_max))

    def child(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)[0]}."

    def measure(self, worker: str | None, regie: Regie) -> None:
        mid = f"M{self.next_id}"
        self.next_id += 1
        mtype = self.rng.choices(list(MeasureType), weights=(60, 20, 20))[0]
        scenario = self.rng.choices([s for s, _ in SCENARIOS], [w for _, w in SCENARIOS])[0]
        start = self.day(120, 1100)
        end: date | None = None
        if mtype is not MeasureType.VOOGDIJ:
            end = start + timedelta(days=365 * self.rng.randint(1, 3))
            while end < self.today + timedelta(days=70):
                end += timedelta(days=365)
        if scenario == "nieuw":
            start = self.day(3, 60)
            end = start + timedelta(days=365) if mtype is not MeasureType.VOOGDIJ else None
        elif scenario == "einde_nadert":
            end = self.today + timedelta(days=self.rng.randint(5, 50))
            start = min(start, end - timedelta(days=365))
        elif scenario == "beeindigd":
            end = self.day(10, 100)
            start = min(start, end - timedelta(days=300))
        row = MeasureRow(
            mid,
            worker,
            self.child(),
            mtype.value,
            start.isoformat(),
            end.isoformat() if end else None,
            regie.value,
        )
        self.out.measures.append(row)
        self.history(mid, mtype, start, scenario)

    def history(self, mid: str, mtype: MeasureType, start: date, scenario: str) -> None:
        age = (self.today - start).days
        silent_from = {"onder_druk": (100, 200), "geen_contact": (95, 150)}.get(scenario)
        last_gap = self.rng.randint(*silent_from) if silent_from else self.rng.randint(2, 40)
        if scenario == "nieuw":
            self.new_measure(mid, start, age)
            return
        # Contacts every 2-6 weeks from the start until the last one.
        d = start + timedelta(days=self.rng.randint(1, 9))
        last = self.today - timedelta(days=last_gap)
        while d <= last:
            met = self.rng.choices(("jeugdige", "ouder", "gezin"), (4, 3, 2))[0]
            vorm = self.rng.choices(("face-to-face", "video", "telefonisch"), (6, 1, 2))[0]
            self.out.contacts.append(ContactRow(mid, d.isoformat(), met, vorm))
            d += timedelta(days=self.rng.randint(14, 42))
        if silent_from:  # network contact does not count as client contact
            nd = self.today - timedelta(days=self.rng.randint(5, 40))
            self.out.contacts.append(ContactRow(mid, nd.isoformat(), "netwerk", "telefonisch"))
        plan_old = scenario in ("onder_druk", "pva_verouderd")
        risk_old = scenario in ("onder_druk", "risico_verouderd")
        self.documents(mid, mtype, start, plan_old, risk_old)

    def documents(
        self, mid: str, mtype: MeasureType, start: date, plan_old: bool, risk_old: bool
    ) -> None:
        first_plan = start + timedelta(days=self.rng.randint(20, 60))
        latest_plan = self.today - timedelta(
            days=self.rng.randint(380, 700) if plan_old else self.rng.randint(10, 330)
        )
        if plan_old and self.rng.random() < 0.25:
            pass  # plan van aanpak never set
        else:
            for d in sorted({min(first_plan, latest_plan), latest_plan}):
                if d >= start:
                    self.out.plans.append(PlanRow(mid, d.isoformat()))
        if risk_old and self.rng.random() < 0.3:
            return  # no risicotaxatie on record
        latest_risk = self.today - timedelta(
            days=self.rng.randint(380, 800) if risk_old else self.rng.randint(10, 330)
        )
        self.out.risks.append(RiskRow(mid, max(latest_risk, start).isoformat(), INSTRUMENTS[mtype]))

    def new_measure(self, mid: str, start: date, age: int) -> None:
        """Start phase: first face-to-face contact in time, late, or not yet."""
        kind = self.rng.choice(("tijdig", "te_laat", "ontbreekt"))
        if kind != "ontbreekt" or age < 8:
            offset = self.rng.randint(1, 5) if kind == "tijdig" else self.rng.randint(9, 20)
            if offset <= age:
                d = start + timedelta(days=offset)
                self.out.contacts.append(ContactRow(mid, d.isoformat(), "jeugdige", "face-to-face"))
        if age > 42 and self.rng.random() < 0.5:
            return  # plan van aanpak not set within six weeks
        if age > 20:
            d = start + timedelta(days=self.rng.randint(14, min(age, 60)))
            self.out.plans.append(PlanRow(mid, d.isoformat()))


def generate_export(seed: int, today: date) -> ParsedExport:
    """The demo as an export: 8-12 workers in four teams, about 150 measures."""
    rng = random.Random(seed)
    gen = _Gen(rng, today, ParsedExport())
    n_workers = rng.randint(8, 12)
    names = rng.sample([f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES], n_workers)
    for i, naam in enumerate(names):
        team, regio, pb = TEAMS[i % len(TEAMS)]
        wid = f"W{i + 1:03d}"
        gen.out.workers.append(WorkerRow(wid, naam, team, regio, pb))
    per_worker = max(10, (150 - 12) // n_workers)
    for worker in gen.out.workers:
        for _ in range(rng.randint(per_worker - 2, per_worker + 2)):
            gen.measure(worker.medewerker_id, Regie.VAST)
    for _ in range(12):
        gen.measure(None, rng.choice((Regie.CRT, Regie.CRT, Regie.CCP)))
    return gen.out


def _conversation_history(store: Store, rng: random.Random, today: date) -> None:
    """Two or three past caseloadgesprekken per worker, actions in every state."""
    for wid, pb in store.conn.execute("SELECT medewerker_id, praktijkbegeleider FROM medewerkers"):
        dates = [today - timedelta(days=28 * k + rng.randint(0, 4)) for k in (3, 2, 1)]
        dates = dates[rng.randint(0, 1) :]
        for n, datum in enumerate(dates):
            gid = conv.start_conversation(store, wid, pb, datum)
            for action in conv.actions_to_follow_up(store, wid, gid):
                status = rng.choices(list(FOLLOW_UP_NOTES), (5, 3, 1))[0]
                conv.follow_up(store, gid, action.id, status, rng.choice(FOLLOW_UP_NOTES[status]))
            signals = caseload_signals(store, datum, wid)
            flagged = [s for s in signals if s.any_signal]
            flagged.sort(key=lambda s: s.urgency)
            for s in flagged[: rng.randint(2, 4)]:
                conv.add_action(
                    store,
                    gid,
                    maatregel_id=s.maatregel_id,
                    omschrijving=rng.choice(ACTION_TEXTS),
                    eigenaar=ActionOwner.MEDEWERKER,
                    deadline=datum + timedelta(days=rng.choice((7, 14, 21, 35))),
                )
            if n == 0:
                conv.add_action(
                    store,
                    gid,
                    maatregel_id=None,
                    omschrijving="Scholing risicotaxatie volgen",
                    eigenaar=ActionOwner.PRAKTIJKBEGELEIDER,
                    deadline=datum + timedelta(days=42),
                )
            summary = summarize(signals)
            conv.update_conversation(
                store,
                gid,
                praktijkbegeleider=pb,
                datum=datum,
                notities="Werkdruk besproken; medewerker geeft aan het overzicht te hebben.",
            )
            conv.finish_conversation(
                store,
                gid,
                peildatum=datum,
                measures=summary.measures,
                onder_druk=summary.onder_druk,
                with_signal=summary.with_signal,
            )


def create_demo(store: Store, seed: int = 1, today: date | None = None) -> None:
    """Fill an empty store with the demo organisation and its conversation history."""
    today = today or date.today()
    parsed = generate_export(seed, today)
    with store.db.atomic():
        apply_export(store.conn, parsed, today)
        _conversation_history(store, random.Random(seed + 1), today)
