"""The demo database is realistic enough to show every signal and every action state."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from caseload_desk.signals import SignalCode
from caseload_desk.store import open_store
from caseload_desk.store.facts import NO_FIXED_WORKER, caseload_signals
from tests.conftest import DEMO_DATE


def test_demo_shape(demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        q = lambda sql: s.conn.execute(sql).fetchall()  # noqa: E731
        assert 8 <= q("SELECT count(*) FROM medewerkers")[0][0] <= 12
        assert 130 <= q("SELECT count(*) FROM maatregelen")[0][0] <= 170
        assert {r[0] for r in q("SELECT DISTINCT regio FROM medewerkers")} == {
            "Groningen",
            "Drenthe",
        }
        assert {r[0] for r in q("SELECT DISTINCT type FROM maatregelen")} == {
            "OTS",
            "voogdij",
            "JR",
        }
        assert {r[0] for r in q("SELECT DISTINCT regie FROM maatregelen")} == {"vast", "CRT", "CCP"}
        assert {r[0] for r in q("SELECT DISTINCT status FROM acties")} == {
            "open", "loopt_nog", "afgerond", "vervallen",
        }  # fmt: skip
        per_worker = q("SELECT medewerker_id, count(*) FROM gesprekken GROUP BY 1")
        assert all(2 <= n <= 3 for _, n in per_worker)
        assert q("SELECT count(*) FROM gesprekken WHERE status != 'afgerond'")[0][0] == 0


def test_every_signal_occurs(demo_file: Path) -> None:
    with open_store(demo_file, read_only=True) as s:
        signals = caseload_signals(s, DEMO_DATE)
        crt = caseload_signals(s, DEMO_DATE, NO_FIXED_WORKER)
    seen = Counter(code for r in signals for code in r.codes)
    assert set(seen) == set(SignalCode)
    assert crt and all(r.without_fixed_worker for r in crt)
