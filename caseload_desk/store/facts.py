"""Compute `MeasureFacts` in SQL, one indexed pass, for the running measures on a peildatum.

Running means what `Measure.is_running` says: started, and neither past its einddatum nor
past the date of the first export that no longer held it (`uit_export_op`).

Must agree with `caseload_desk.signals.facts.facts_on`; tests compare the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from caseload_desk.domain import CLIENT_CONTACT, MeasureType, Regie
from caseload_desk.signals import MeasureSignals, SignalSettings
from caseload_desk.signals import evaluate_caseload as _evaluate
from caseload_desk.signals.facts import Measure, MeasureFacts
from caseload_desk.store.connection import Store
from caseload_desk.store.settings import load_settings

_CLIENT = ", ".join(f"'{m.value}'" for m in sorted(CLIENT_CONTACT))

_FACTS_SQL = f"""
SELECT m.maatregel_id, m.medewerker_id, m.type, m.regie, m.startdatum, m.einddatum,
  m.uit_export_op,
  (SELECT max(c.datum) FROM contacten c
    WHERE c.maatregel_id = m.maatregel_id AND c.datum <= :p AND c.met IN ({_CLIENT})),
  (SELECT min(c.datum) FROM contacten c
    WHERE c.maatregel_id = m.maatregel_id AND c.datum <= :p AND c.datum >= m.startdatum
      AND c.met IN ({_CLIENT}) AND c.vorm = 'face-to-face'),
  (SELECT max(v.vastgesteld_op) FROM plannen_van_aanpak v
    WHERE v.maatregel_id = m.maatregel_id AND v.vastgesteld_op <= :p),
  (SELECT min(v.vastgesteld_op) FROM plannen_van_aanpak v
    WHERE v.maatregel_id = m.maatregel_id AND v.vastgesteld_op <= :p),
  (SELECT max(r.datum) FROM risicotaxaties r
    WHERE r.maatregel_id = m.maatregel_id AND r.datum <= :p),
  (SELECT group_concat(a.deadline) FROM acties a
    WHERE a.maatregel_id = m.maatregel_id AND a.status IN ('open', 'loopt_nog'))
FROM maatregelen m
WHERE m.startdatum <= :p AND (m.einddatum IS NULL OR m.einddatum >= :p)
  AND (m.uit_export_op IS NULL OR m.uit_export_op >= :p)
"""
_ORDER = " ORDER BY m.maatregel_id"  # the caller sorts too; sorted input makes that cheap

_TYPES = {t.value: t for t in MeasureType}
_REGIES = {r.value: r for r in Regie}

# Measures without a vaste jeugdbeschermer form their own "caseload" in the app.
NO_FIXED_WORKER = "__zonder_vaste_jb__"


def iter_facts(
    store: Store, peildatum: date, medewerker_id: str | None = None
) -> Iterator[MeasureFacts]:
    """Facts for every measure running on `peildatum`, optionally for one worker only.

    `medewerker_id=NO_FIXED_WORKER` selects the measures held by CRT/CCP or nobody.
    """
    sql = _FACTS_SQL
    params: dict[str, str] = {"p": peildatum.isoformat()}
    if medewerker_id == NO_FIXED_WORKER:
        sql += " AND (m.medewerker_id IS NULL OR m.regie != 'vast')"
    elif medewerker_id is not None:
        sql += " AND m.medewerker_id = :w"
        params["w"] = medewerker_id
    yield from _to_facts(store.conn.execute(sql + _ORDER, params))


def _to_facts(rows: Iterable[tuple]) -> Iterator[MeasureFacts]:
    # Hot loop (50,000 rows at national scale): plain lookups, positional construction.
    day = date.fromisoformat
    for (
        mid,
        wid,
        mtype,
        regie,
        start,
        end,
        gone,
        last,
        f2f,
        lplan,
        fplan,
        risk,
        acts,
    ) in rows:
        deadlines = tuple(sorted(day(d) for d in acts.split(","))) if acts else ()
        yield MeasureFacts(
            Measure(
                mid,
                wid,
                _TYPES[mtype],
                _REGIES[regie],
                day(start),
                end and day(end),
                gone and day(gone),
            ),
            last and day(last),
            f2f and day(f2f),
            lplan and day(lplan),
            fplan and day(fplan),
            risk and day(risk),
            deadlines,
        )


def iter_facts_chunked(store: Store, peildatum: date, size: int = 2000) -> Iterator[MeasureFacts]:
    """All running measures' facts in short queries of `size` measures.

    For background work on a whole file: between the queries no read lock is held, so the
    app's own writes never wait long for it (a rollback journal lets a commit wait for
    every open read)."""
    after = ""
    while True:
        sql = _FACTS_SQL + " AND m.maatregel_id > :after" + _ORDER + f" LIMIT {int(size)}"
        rows = store.conn.execute(sql, {"p": peildatum.isoformat(), "after": after}).fetchall()
        yield from _to_facts(rows)
        if len(rows) < size:
            return
        after = rows[-1][0]


def caseload_signals(
    store: Store,
    peildatum: date,
    medewerker_id: str | None = None,
    settings: SignalSettings | None = None,
) -> list[MeasureSignals]:
    """Signals of every running measure (of one worker), sorted by maatregel_id."""
    if settings is None:
        settings = load_settings(store)
    return _evaluate(iter_facts(store, peildatum, medewerker_id), peildatum, settings)
