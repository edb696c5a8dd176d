"""Load the measures the monitor needs in one query and run it; the drill-down.

The query reads per measure only what the period can use: the latest contact, plan and
risicotaxatie on or before the first peildatum, and those between the first and the last
peildatum. Later records cannot change a count on a peildatum before them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from caseload_desk.domain import CLIENT_CONTACT, MeasureType, Regie
from caseload_desk.monitor.engine import (
    Interval,
    MonitorMeasure,
    MonitorRow,
    deadlines_behind,
    measures_behind,
    monitor_rows,
    peildata,
    period_start,
)
from caseload_desk.monitor.scope import Scope, ScopeKind
from caseload_desk.signals.settings import SignalSettings
from caseload_desk.store.connection import Store
from caseload_desk.store.settings import load_settings

_CLIENT = ", ".join(f"'{m.value}'" for m in sorted(CLIENT_CONTACT))

_SQL = f"""
SELECT m.maatregel_id, m.medewerker_id, m.type, m.regie, m.startdatum, m.einddatum,
  m.uit_export_op,
  (SELECT max(c.datum) FROM contacten c WHERE c.maatregel_id = m.maatregel_id
      AND c.datum <= :van AND c.met IN ({_CLIENT})),
  (SELECT group_concat(c.datum) FROM contacten c WHERE c.maatregel_id = m.maatregel_id
      AND c.datum > :van AND c.datum <= :tot AND c.met IN ({_CLIENT})),
  (SELECT min(c.datum) FROM contacten c WHERE c.maatregel_id = m.maatregel_id
      AND c.datum >= m.startdatum AND c.met IN ({_CLIENT}) AND c.vorm = 'face-to-face'),
  (SELECT max(v.vastgesteld_op) FROM plannen_van_aanpak v
      WHERE v.maatregel_id = m.maatregel_id AND v.vastgesteld_op <= :van),
  (SELECT group_concat(v.vastgesteld_op) FROM plannen_van_aanpak v
      WHERE v.maatregel_id = m.maatregel_id AND v.vastgesteld_op > :van
      AND v.vastgesteld_op <= :tot),
  (SELECT min(v.vastgesteld_op) FROM plannen_van_aanpak v
      WHERE v.maatregel_id = m.maatregel_id),
  (SELECT max(r.datum) FROM risicotaxaties r
      WHERE r.maatregel_id = m.maatregel_id AND r.datum <= :van),
  (SELECT group_concat(r.datum) FROM risicotaxaties r
      WHERE r.maatregel_id = m.maatregel_id AND r.datum > :van AND r.datum <= :tot)
FROM maatregelen m LEFT JOIN medewerkers w ON w.medewerker_id = m.medewerker_id
WHERE m.startdatum <= :tot
  AND (m.einddatum IS NULL OR m.einddatum > :vorige)
  AND (m.uit_export_op IS NULL OR m.uit_export_op > :vorige)
"""

_SCOPE_SQL = {
    ScopeKind.ORGANISATIE: "",
    ScopeKind.MEDEWERKER: " AND m.medewerker_id = :scope",
    ScopeKind.TEAM: " AND w.team = :scope",
    ScopeKind.REGIO: (
        " AND (CASE WHEN m.regio != '' THEN m.regio ELSE coalesce(w.regio, '') END) = :scope"
    ),
}

_TYPES = {t.value: t for t in MeasureType}
_REGIES = {r.value: r for r in Regie}


class _Days(dict[str, date]):
    """ISO text to date, each distinct text parsed once."""

    def __missing__(self, text: str) -> date:
        d = self[text] = date.fromisoformat(text)
        return d


def load_measures(
    store: Store, scope: Scope, van: date, tot: date, vorige: date
) -> list[MonitorMeasure]:
    """The scope's measures that can count anywhere in (vorige, tot], sorted by id.

    `van` is the first peildatum, `tot` the last, `vorige` the end of the period before
    the first (for the first row's percentages)."""
    params = {
        "van": van.isoformat(),
        "tot": tot.isoformat(),
        "vorige": vorige.isoformat(),
        "scope": scope.value,
    }
    sql = _SQL + _SCOPE_SQL[scope.kind] + " ORDER BY m.maatregel_id"
    days = _Days()  # a few thousand distinct dates among some 700,000 read
    day = days.__getitem__

    def dates(before: str | None, within: str | None) -> tuple[date, ...]:
        found = [days[t] for t in within.split(",")] if within else []
        found.sort()
        return (day(before), *found) if before else tuple(found)

    out = []
    for (
        mid, wid, mtype, regie, start, end, uit,
        c_before, c_within, f2f, p_before, p_within, p_first, r_before, r_within,
    ) in store.conn.execute(sql, params):  # fmt: skip
        einddatum = day(end) if end else None
        gone = day(uit) if uit else None
        ends = gone if einddatum is None else einddatum if gone is None else min(einddatum, gone)
        out.append(
            MonitorMeasure(
                mid,
                wid,
                _TYPES[mtype],
                _REGIES[regie],
                day(start),
                einddatum,
                gone,
                ends,
                dates(c_before, c_within),
                day(f2f) if f2f else None,
                dates(p_before, p_within),
                day(p_first) if p_first else None,
                dates(r_before, r_within),
            )
        )
    return out


@dataclass(frozen=True)
class MonitorResult:
    """A monitor run: the rows and what the drill-down needs to name the measures."""

    scope: Scope
    interval: Interval
    peildata: tuple[date, ...]
    previous: date  # the end of the period before the first peildatum
    rows: list[MonitorRow]
    settings: SignalSettings
    measures: list[MonitorMeasure] = field(repr=False)

    def measures_behind(self, index: int, indicator: str) -> list[str]:
        """The maatregel_ids behind the cell (peildatum `index`, `indicator`), sorted.

        Counts: the measures with that signal on that peildatum (what `signals` shows).
        Percentages: the measures whose deadline fell in that row's period."""
        return measures_behind(
            self.measures, self.peildata, self.previous, index, indicator, self.settings
        )

    def deadlines_behind(self, index: int, indicator: str) -> list[tuple[str, bool]]:
        """For a percentage: (maatregel_id, on time) per measure in its denominator."""
        return deadlines_behind(
            self.measures, self.peildata, self.previous, index, indicator, self.settings
        )


def run_monitor(
    store: Store,
    van: date,
    tot: date,
    interval: Interval = Interval.WEEK,
    scope: Scope | None = None,
    settings: SignalSettings | None = None,
) -> MonitorResult:
    """The monitor for `scope` (default: the whole organisation) from `van` to `tot`.

    ValueError (Dutch) for a period the monitor refuses (see `peildata`)."""
    scope = scope or Scope()
    settings = settings or load_settings(store)
    ps = tuple(peildata(van, tot, interval))
    previous = period_start(van, interval)
    measures = load_measures(store, scope, ps[0], ps[-1], previous)
    rows = monitor_rows(measures, ps, previous, settings)
    return MonitorResult(scope, interval, ps, previous, rows, settings, measures)


def regions(store: Store) -> list[str]:
    """Every region a measure can count for: the measures' own and the workers'."""
    rows = store.conn.execute(
        "SELECT regio FROM maatregelen WHERE regio != '' "
        "UNION SELECT regio FROM medewerkers WHERE regio != '' ORDER BY 1"
    )
    return [r[0] for r in rows]


def organisation_running(store: Store, p: date) -> int:
    """The organisation's running measures on P (for a smaller scope's share of a norm)."""
    d = p.isoformat()
    row = store.conn.execute(
        "SELECT count(*) FROM maatregelen WHERE startdatum <= :p "
        "AND (einddatum IS NULL OR einddatum >= :p) "
        "AND (uit_export_op IS NULL OR uit_export_op >= :p)",
        {"p": d},
    ).fetchone()
    return int(row[0])


def share_of_organisation(store: Store, result: MonitorResult) -> float:
    """The scope's share of the organisation's running measures on the last peildatum
    (1.0 for the organisation itself, and when nothing runs)."""
    if result.scope.kind is ScopeKind.ORGANISATIE or not result.rows:
        return 1.0
    total = organisation_running(store, result.peildata[-1])
    return result.rows[-1].lopend / total if total else 1.0
