"""Unfinished (concept) conversations as the main window sees them: which workers have
one, and throwing one away, recorded in the audit log in the same transaction."""

from __future__ import annotations

from caseload_desk.dates import nl
from caseload_desk.store import audit
from caseload_desk.store import conversations as conv
from caseload_desk.store.connection import Store, writing


def drafts_by_worker(store: Store) -> dict[str, conv.Conversation]:
    """Each worker's open draft (the newest, should there be more than one)."""
    found: dict[str, conv.Conversation] = {}
    rows = store.conn.execute("SELECT id FROM gesprekken WHERE status = 'concept' ORDER BY id")
    for (gesprek_id,) in rows.fetchall():
        draft = conv.get_conversation(store, gesprek_id)
        if draft is not None:
            found[draft.medewerker_id] = draft
    return found


def _measures_touched(store: Store, gesprek_id: int) -> list[str]:
    """The measures whose actions or follow-ups the draft holds (ids, for the audit)."""
    rows = store.conn.execute(
        "SELECT DISTINCT a.maatregel_id FROM acties a WHERE a.maatregel_id IS NOT NULL AND "
        "(a.gesprek_id = ? OR a.id IN (SELECT actie_id FROM opvolgingen WHERE gesprek_id = ?)) "
        "ORDER BY a.maatregel_id",
        (gesprek_id, gesprek_id),
    )
    return [r[0] for r in rows]


def discard_draft(store: Store, gesprek_id: int) -> None:
    """Throw away an unfinished conversation with its new actions and follow-ups, and
    record that in the audit log: both happen, or neither (one transaction)."""
    with writing(store):
        draft = conv.get_conversation(store, gesprek_id)
        if draft is None or draft.afgerond:
            raise ValueError("alleen een niet-afgerond gesprek kan worden weggegooid")
        touched = _measures_touched(store, gesprek_id)
        conv.discard_draft(store, gesprek_id)  # its own writing() nests: a savepoint
        audit.record(
            store, audit.Event.GESPREK_VERWIJDERD, medewerker_id=draft.medewerker_id,
            maatregelen=touched,
            details=f"concept-gesprek {gesprek_id} van {nl(draft.datum)} weggegooid",
        )  # fmt: skip
