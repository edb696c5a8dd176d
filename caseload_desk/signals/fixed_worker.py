"""Signal: no vaste jeugdbeschermer (held by the CRT or CCP team)."""

from __future__ import annotations

from caseload_desk.domain import Regie


def without_fixed_worker(medewerker_id: str | None, regie: Regie) -> bool:
    return regie is not Regie.VAST or not medewerker_id
