"""Caseloadgesprekken, their actions and follow-ups: the users' own work.

An action's status in `acties` is kept equal to its latest follow-up (or 'open'), in the
same transaction, so lists and signals can read it without replaying history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from caseload_desk.dates import from_iso, nl
from caseload_desk.domain import ActionOwner, ActionStatus, Owner, owner_of
from caseload_desk.store import audit
from caseload_desk.store.connection import Store, writing
from caseload_desk.store.errors import EditConflict
from caseload_desk.store.identity import current_user


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# The version a caller passes when it saw no follow-up at all (a row's version is >= 0).
ABSENT = -1


def _when(stamp: str) -> str:
    """When a row was saved, as people say it: "om 14:03", or "op 22-11-2026 om 14:03"."""
    if not stamp:
        return ""
    moment = datetime.fromisoformat(stamp).astimezone()
    day = "" if moment.date() == date.today() else f"op {nl(moment.date())} "
    return f"{day}om {moment:%H:%M}"


@dataclass(frozen=True)
class Conversation:
    id: int
    medewerker_id: str
    praktijkbegeleider: str
    datum: date
    notities: str
    afgerond: bool
    peildatum: date | None
    aantal_maatregelen: int | None
    aantal_onder_druk: int | None
    aantal_met_signaal: int | None
    versie: int = 0  # raised by every save of the header or notes


@dataclass(frozen=True)
class FollowUp:
    gesprek_id: int
    gesprek_datum: date
    status: ActionStatus
    notitie: str
    versie: int = 0  # raised by every save of this follow-up


@dataclass(frozen=True)
class ActionChange:
    """One edit of an action: the field, its old and new value (as shown), and where."""

    gesprek_id: int
    gesprek_datum: date
    veld: str  # omschrijving, eigenaar or deadline
    oud: str
    nieuw: str


@dataclass(frozen=True)
class Action:
    id: int
    gesprek_id: int
    gesprek_datum: date
    medewerker_id: str
    maatregel_id: str | None
    omschrijving: str
    eigenaar: Owner
    deadline: date
    status: ActionStatus
    follow_ups: tuple[FollowUp, ...] = ()
    jeugdige: str | None = None  # the child of the measure; None for a general action
    changes: tuple[ActionChange, ...] = ()
    versie: int = 0  # raised by every edit of its text, owner or deadline
    # The measure's export date of leaving (see maatregelen.uit_export_op); None while
    # it is in the export, and for a general action.
    uit_export_op: date | None = None

    @property
    def about(self) -> str:
        """What the action is about, as people say it: "M10025 · Sanne de Vries"."""
        if self.maatregel_id is None:
            return "Algemeen (medewerker)"
        return f"{self.maatregel_id} · {self.jeugdige}" if self.jeugdige else self.maatregel_id

    @property
    def left_export_note(self) -> str:
        """The mark every list of actions shows when the measure left the export."""
        if self.uit_export_op is None:
            return ""
        return f"niet meer in de export sinds {nl(self.uit_export_op)}"

    @property
    def last_follow_up(self) -> FollowUp | None:
        return self.follow_ups[-1] if self.follow_ups else None


_CONV_COLS = (
    "id, medewerker_id, praktijkbegeleider, datum, notities, status, peildatum, "
    "aantal_maatregelen, aantal_onder_druk, aantal_met_signaal, versie"
)


def _conversation(row: tuple) -> Conversation:
    return Conversation(
        row[0],
        row[1],
        row[2],
        date.fromisoformat(row[3]),
        row[4],
        row[5] == "afgerond",
        from_iso(row[6]),
        row[7],
        row[8],
        row[9],
        row[10],
    )


def start_conversation(
    store: Store, medewerker_id: str, praktijkbegeleider: str, datum: date
) -> int:
    with writing(store):
        cur = store.conn.execute(
            "INSERT INTO gesprekken (medewerker_id, praktijkbegeleider, datum, aangemaakt_op) "
            "VALUES (?, ?, ?, ?)",
            (medewerker_id, praktijkbegeleider, datum.isoformat(), _now()),
        )
        audit.record(store, audit.Event.GESPREK_GESTART, medewerker_id=medewerker_id,
                     details=f"gesprek {cur.lastrowid}")  # fmt: skip
    return int(cur.lastrowid or 0)


def update_conversation(
    store: Store,
    gesprek_id: int,
    *,
    praktijkbegeleider: str,
    datum: date,
    notities: str,
    versie: int | None = None,
) -> int:
    """Save the header and notes; returns the new version. With `versie` (the version the
    caller last read) a save on an older version raises EditConflict and writes nothing."""
    with writing(store):
        if versie is not None:  # checked first: a refused save writes no audit entry either
            _check_conversation(store, gesprek_id, versie)
        before = store.conn.execute(
            "SELECT medewerker_id, notities FROM gesprekken WHERE id = ?", (gesprek_id,)
        ).fetchone()
        store.conn.execute(
            "UPDATE gesprekken SET praktijkbegeleider = ?, datum = ?, notities = ?, "
            "versie = versie + 1, gewijzigd_op = ?, gewijzigd_door = ? WHERE id = ?",
            (praktijkbegeleider, datum.isoformat(), notities, _now(), current_user(), gesprek_id),
        )
        if before is not None and before[1] != notities:  # once per save, never the text
            audit.record(store, audit.Event.NOTITIES_GEWIJZIGD, medewerker_id=before[0],
                         details=f"gesprek {gesprek_id}")  # fmt: skip
        row = store.conn.execute("SELECT versie FROM gesprekken WHERE id = ?", (gesprek_id,))
        return int(row.fetchone()[0])


def _check_conversation(store: Store, gesprek_id: int, versie: int) -> None:
    row = store.conn.execute(
        "SELECT versie, gewijzigd_op, gewijzigd_door FROM gesprekken WHERE id = ?", (gesprek_id,)
    ).fetchone()
    if row is None:
        raise EditConflict("dit gesprek", None, ABSENT)
    if row[0] != versie:
        theirs = get_conversation(store, gesprek_id)
        raise EditConflict("de notities van dit gesprek", theirs, row[0], when=_when(row[1]),
                           who=row[2])  # fmt: skip


def finish_conversation(
    store: Store,
    gesprek_id: int,
    *,
    peildatum: date,
    measures: int,
    onder_druk: int,
    with_signal: int,
) -> None:
    """Close the conversation and keep the counts as they stood, for the trend chart."""
    with writing(store):
        store.conn.execute(
            "UPDATE gesprekken SET status = 'afgerond', afgerond_op = ?, peildatum = ?, "
            "aantal_maatregelen = ?, aantal_onder_druk = ?, aantal_met_signaal = ? WHERE id = ?",
            (_now(), peildatum.isoformat(), measures, onder_druk, with_signal, gesprek_id),
        )
        conv = get_conversation(store, gesprek_id)
        audit.record(store, audit.Event.GESPREK_AFGEROND,
                     medewerker_id=conv.medewerker_id if conv else None,
                     details=f"gesprek {gesprek_id}")  # fmt: skip


def discard_draft(store: Store, gesprek_id: int) -> None:
    """Remove an unfinished conversation with its actions and follow-ups."""
    with writing(store):
        conv = get_conversation(store, gesprek_id)
        if conv is None or conv.afgerond:
            raise ValueError("alleen een niet-afgerond gesprek kan worden verwijderd")
        touched = [
            r[0]
            for r in store.conn.execute(
                "SELECT actie_id FROM opvolgingen WHERE gesprek_id = ?", (gesprek_id,)
            )
        ]
        store.conn.execute("DELETE FROM opvolgingen WHERE gesprek_id = ?", (gesprek_id,))
        for actie_id in touched:
            _refresh_status(store, actie_id)
        # Edits made in this conversation to earlier actions are undone, newest first.
        for actie_id, veld, oud in store.conn.execute(
            "SELECT actie_id, veld, oud FROM actiewijzigingen WHERE gesprek_id = ? "
            "ORDER BY id DESC",
            (gesprek_id,),
        ).fetchall():
            if veld in ("omschrijving", "eigenaar", "deadline"):
                store.conn.execute(f"UPDATE acties SET {veld} = ? WHERE id = ?", (oud, actie_id))
        store.conn.execute(
            "DELETE FROM actiewijzigingen WHERE gesprek_id = ? OR actie_id IN "
            "(SELECT id FROM acties WHERE gesprek_id = ?)",
            (gesprek_id, gesprek_id),
        )
        store.conn.execute("DELETE FROM acties WHERE gesprek_id = ?", (gesprek_id,))
        store.conn.execute("DELETE FROM gesprekken WHERE id = ?", (gesprek_id,))


def get_conversation(store: Store, gesprek_id: int) -> Conversation | None:
    row = store.conn.execute(
        f"SELECT {_CONV_COLS} FROM gesprekken WHERE id = ?", (gesprek_id,)
    ).fetchone()
    return _conversation(row) if row else None


def conversations(store: Store, medewerker_id: str) -> list[Conversation]:
    """A worker's conversations, oldest first."""
    rows = store.conn.execute(
        f"SELECT {_CONV_COLS} FROM gesprekken WHERE medewerker_id = ? ORDER BY datum, id",
        (medewerker_id,),
    )
    return [_conversation(r) for r in rows]


def draft_conversation(store: Store, medewerker_id: str) -> Conversation | None:
    """The worker's unfinished conversation, if one was left open."""
    row = store.conn.execute(
        f"SELECT {_CONV_COLS} FROM gesprekken WHERE medewerker_id = ? AND status = 'concept' "
        "ORDER BY id DESC LIMIT 1",
        (medewerker_id,),
    ).fetchone()
    return _conversation(row) if row else None


def add_action(
    store: Store,
    gesprek_id: int,
    *,
    maatregel_id: str | None,
    omschrijving: str,
    eigenaar: Owner,
    deadline: date,
) -> int:
    omschrijving = omschrijving.strip()
    if not omschrijving:
        raise ValueError("een actie heeft een omschrijving nodig")
    with writing(store):
        conv = get_conversation(store, gesprek_id)
        if conv is None:
            raise ValueError("gesprek bestaat niet")
        cur = store.conn.execute(
            "INSERT INTO acties (gesprek_id, medewerker_id, maatregel_id, omschrijving, "
            "eigenaar, deadline, aangemaakt_op) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                gesprek_id,
                conv.medewerker_id,
                maatregel_id,
                omschrijving,
                eigenaar.value,
                deadline.isoformat(),
                _now(),
            ),
        )
        audit.record(store, audit.Event.ACTIE_AANGEMAAKT, medewerker_id=conv.medewerker_id,
                     maatregelen=[maatregel_id] if maatregel_id else [],
                     details=f"actie {cur.lastrowid}, gesprek {gesprek_id}")  # fmt: skip
    return int(cur.lastrowid or 0)


def delete_action(store: Store, actie_id: int) -> None:
    """Remove an action added by mistake; only while its conversation is unfinished."""
    with writing(store):
        row = store.conn.execute(
            "SELECT g.status FROM acties a JOIN gesprekken g ON g.id = a.gesprek_id WHERE a.id = ?",
            (actie_id,),
        ).fetchone()
        if row is None or row[0] != "concept":
            raise ValueError("alleen acties uit een lopend gesprek kunnen worden verwijderd")
        owner = store.conn.execute(
            "SELECT medewerker_id, maatregel_id FROM acties WHERE id = ?", (actie_id,)
        ).fetchone()
        store.conn.execute("DELETE FROM opvolgingen WHERE actie_id = ?", (actie_id,))
        store.conn.execute("DELETE FROM actiewijzigingen WHERE actie_id = ?", (actie_id,))
        store.conn.execute("DELETE FROM acties WHERE id = ?", (actie_id,))
        audit.record(
            store, audit.Event.ACTIE_VERWIJDERD, medewerker_id=owner[0],
            maatregelen=[owner[1]] if owner[1] else [], details=f"actie {actie_id}",
        )  # fmt: skip


def edit_action(
    store: Store,
    gesprek_id: int,
    actie_id: int,
    *,
    omschrijving: str | None = None,
    eigenaar: Owner | None = None,
    deadline: date | None = None,
    versie: int | None = None,
) -> bool:
    """Change an action's text, owner or deadline during a (draft) conversation; each
    change is kept with its old value, so the history shows what was first agreed.
    With `versie` (the action's version the caller read) an edit of an action changed
    since raises EditConflict and writes nothing. Returns whether anything changed."""
    if omschrijving is not None:
        omschrijving = omschrijving.strip()
        if not omschrijving:
            raise ValueError("een actie heeft een omschrijving nodig")
    with writing(store):
        conv = get_conversation(store, gesprek_id)
        if conv is None or conv.afgerond:
            raise ValueError("acties wijzigen kan alleen in een lopend gesprek")
        row = store.conn.execute(
            "SELECT omschrijving, eigenaar, deadline, medewerker_id, maatregel_id "
            "FROM acties WHERE id = ?",
            (actie_id,),
        ).fetchone()
        if row is None:
            raise ValueError("actie bestaat niet")
        if versie is not None:
            _check_action(store, actie_id, versie)
        new = {
            "omschrijving": omschrijving,
            "eigenaar": eigenaar.value if eigenaar is not None else None,
            "deadline": deadline.isoformat() if deadline is not None else None,
        }
        changed = [(veld, old, new[veld]) for veld, old in zip(new, row[:3], strict=True)
                   if new[veld] is not None and new[veld] != old]  # fmt: skip
        for veld, old, value in changed:
            store.conn.execute(
                f"UPDATE acties SET {veld} = ?, versie = versie + 1 WHERE id = ?", (value, actie_id)
            )
            store.conn.execute(
                "INSERT INTO actiewijzigingen (actie_id, gesprek_id, veld, oud, nieuw, tijdstip) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (actie_id, gesprek_id, veld, old, value, _now()),
            )
        if changed:
            # The audit says which fields, never their text (it may name a child).
            fields = ", ".join(c[0] for c in changed)
            audit.record(
                store, audit.Event.ACTIE_GEWIJZIGD, medewerker_id=row[3],
                maatregelen=[row[4]] if row[4] else [], details=f"actie {actie_id}: {fields}",
            )  # fmt: skip
    return bool(changed)


def _check_action(store: Store, actie_id: int, versie: int) -> None:
    found = store.conn.execute("SELECT versie FROM acties WHERE id = ?", (actie_id,)).fetchone()
    if found[0] == versie:
        return
    [theirs] = _actions(store, "a.id = ?", (actie_id,))
    last = store.conn.execute(
        "SELECT max(tijdstip) FROM actiewijzigingen WHERE actie_id = ?", (actie_id,)
    ).fetchone()
    raise EditConflict("deze actie", theirs, found[0], when=_when(last[0] or ""))


def named_owners(store: Store) -> list[str]:
    """Owners typed in by name before, so they can be chosen again."""
    roles = tuple(r.value for r in ActionOwner)
    marks = ",".join("?" * len(roles))
    rows = store.conn.execute(
        f"SELECT eigenaar FROM acties WHERE eigenaar NOT IN ({marks}) "
        "GROUP BY eigenaar ORDER BY max(id) DESC",
        roles,
    )
    return [r[0] for r in rows]


def follow_up(
    store: Store,
    gesprek_id: int,
    actie_id: int,
    status: ActionStatus,
    notitie: str = "",
    versie: int | None = None,
) -> None:
    """Record (or correct) the follow-up of an action in this conversation. With `versie`
    (the follow-up's version the caller last read, ABSENT if it saw none) a save on an
    older version raises EditConflict and writes nothing."""
    if status is ActionStatus.OPEN:
        raise ValueError("opvolging is afgerond, loopt nog of vervallen")
    with writing(store):
        conv = get_conversation(store, gesprek_id)
        if conv is None:
            raise ValueError("gesprek bestaat niet")
        if versie is not None:
            _check_follow_up(store, gesprek_id, actie_id, versie)
        store.conn.execute(
            "INSERT INTO opvolgingen (actie_id, gesprek_id, status, notitie, datum, "
            "gewijzigd_op, gewijzigd_door) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (actie_id, gesprek_id) DO UPDATE SET status = excluded.status, "
            "notitie = excluded.notitie, datum = excluded.datum, versie = versie + 1, "
            "gewijzigd_op = excluded.gewijzigd_op, gewijzigd_door = excluded.gewijzigd_door",
            (actie_id, gesprek_id, status.value, notitie.strip(), conv.datum.isoformat(),
             _now(), current_user()),
        )  # fmt: skip
        _refresh_status(store, actie_id)
        _audit_action(store, actie_id, status)


def _audit_action(store: Store, actie_id: int, status: ActionStatus | None) -> None:
    owner = store.conn.execute(
        "SELECT medewerker_id, maatregel_id FROM acties WHERE id = ?", (actie_id,)
    ).fetchone()
    closed = status in (ActionStatus.AFGEROND, ActionStatus.VERVALLEN)
    event = audit.Event.ACTIE_AFGESLOTEN if closed else audit.Event.ACTIE_GEWIJZIGD
    label = status.value if status else "opvolging gewist"
    audit.record(store, event, medewerker_id=owner[0], maatregelen=[owner[1]] if owner[1] else [],
                 details=f"actie {actie_id}: {label}")  # fmt: skip


def _check_follow_up(store: Store, gesprek_id: int, actie_id: int, versie: int) -> None:
    row = store.conn.execute(
        "SELECT o.versie, o.gewijzigd_op, o.gewijzigd_door, o.status, o.notitie, g.datum "
        "FROM opvolgingen o JOIN gesprekken g ON g.id = o.gesprek_id "
        "WHERE o.actie_id = ? AND o.gesprek_id = ?",
        (actie_id, gesprek_id),
    ).fetchone()
    found = row[0] if row else ABSENT
    if found == versie:
        return
    what = "de opvolging van deze actie"
    if row is None:  # removed since: say so, without a time (the row is gone)
        raise EditConflict(what, None, ABSENT)
    theirs = FollowUp(gesprek_id, date.fromisoformat(row[5]), ActionStatus(row[3]), row[4],
                      row[0])  # fmt: skip
    raise EditConflict(what, theirs, row[0], when=_when(row[1]), who=row[2])


def clear_follow_up(
    store: Store, gesprek_id: int, actie_id: int, versie: int | None = None
) -> None:
    """Remove this conversation's follow-up of an action; `versie` as in follow_up()."""
    with writing(store):
        if versie is not None:
            _check_follow_up(store, gesprek_id, actie_id, versie)
        store.conn.execute(
            "DELETE FROM opvolgingen WHERE actie_id = ? AND gesprek_id = ?", (actie_id, gesprek_id)
        )
        _refresh_status(store, actie_id)
        _audit_action(store, actie_id, None)


def _refresh_status(store: Store, actie_id: int) -> None:
    row = store.conn.execute(
        "SELECT o.status FROM opvolgingen o JOIN gesprekken g ON g.id = o.gesprek_id "
        "WHERE o.actie_id = ? ORDER BY g.datum DESC, g.id DESC LIMIT 1",
        (actie_id,),
    ).fetchone()
    store.conn.execute(
        "UPDATE acties SET status = ? WHERE id = ?", (row[0] if row else "open", actie_id)
    )


_ACTION_SQL = (
    "SELECT a.id, a.gesprek_id, g.datum, a.medewerker_id, a.maatregel_id, a.omschrijving, "
    "a.eigenaar, a.deadline, a.status, m.jeugdige, a.versie, m.uit_export_op FROM acties a "
    "JOIN gesprekken g ON g.id = a.gesprek_id "
    "LEFT JOIN maatregelen m ON m.maatregel_id = a.maatregel_id "
)


def _actions(store: Store, where: str, params: tuple) -> list[Action]:
    rows = store.conn.execute(
        f"{_ACTION_SQL} WHERE {where} ORDER BY a.deadline, a.id", params
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    history: dict[int, list[FollowUp]] = {i: [] for i in ids}
    marks = ",".join("?" * len(ids))
    for actie_id, gid, gdatum, status, notitie, versie in store.conn.execute(
        "SELECT o.actie_id, o.gesprek_id, g.datum, o.status, o.notitie, o.versie "
        "FROM opvolgingen o "
        f"JOIN gesprekken g ON g.id = o.gesprek_id WHERE o.actie_id IN ({marks}) "
        "ORDER BY g.datum, g.id",
        ids,
    ):
        history[actie_id].append(
            FollowUp(gid, date.fromisoformat(gdatum), ActionStatus(status), notitie, versie)
        )
    edits: dict[int, list[ActionChange]] = {i: [] for i in ids}
    for actie_id, gid, gdatum, veld, oud, nieuw in store.conn.execute(
        "SELECT w.actie_id, w.gesprek_id, g.datum, w.veld, w.oud, w.nieuw "
        "FROM actiewijzigingen w JOIN gesprekken g ON g.id = w.gesprek_id "
        f"WHERE w.actie_id IN ({marks}) ORDER BY w.id",
        ids,
    ):
        edits[actie_id].append(
            ActionChange(
                gid, date.fromisoformat(gdatum), veld, _shown(veld, oud), _shown(veld, nieuw)
            )
        )
    return [
        Action(
            r[0],
            r[1],
            date.fromisoformat(r[2]),
            r[3],
            r[4],
            r[5],
            owner_of(r[6]),
            date.fromisoformat(r[7]),
            ActionStatus(r[8]),
            tuple(history[r[0]]),
            r[9],
            tuple(edits[r[0]]),
            r[10],
            from_iso(r[11]),
        )
        for r in rows
    ]


def _shown(veld: str, value: str) -> str:
    """A stored value as people read it: a date as dd-mm-jjjj, an owner by its label."""
    if veld == "deadline":
        return nl(date.fromisoformat(value))
    if veld == "eigenaar":
        return owner_of(value).label
    return value


def actions_to_follow_up(store: Store, medewerker_id: str, gesprek_id: int) -> list[Action]:
    """Actions from the worker's earlier conversations that were open when this one began,
    including those already followed up in it (so the follow-up can still be corrected)."""
    return _actions(
        store,
        "a.medewerker_id = ? AND a.gesprek_id != ? AND (a.status IN ('open', 'loopt_nog') "
        "OR a.id IN (SELECT actie_id FROM opvolgingen WHERE gesprek_id = ?))",
        (medewerker_id, gesprek_id, gesprek_id),
    )


def open_actions(store: Store, medewerker_id: str) -> list[Action]:
    return _actions(
        store, "a.medewerker_id = ? AND a.status IN ('open', 'loopt_nog')", (medewerker_id,)
    )


def actions_of_conversation(store: Store, gesprek_id: int) -> list[Action]:
    return _actions(store, "a.gesprek_id = ?", (gesprek_id,))


def actions_of_measure(store: Store, maatregel_id: str) -> list[Action]:
    return _actions(store, "a.maatregel_id = ?", (maatregel_id,))


def actions_of_worker(store: Store, medewerker_id: str) -> list[Action]:
    return _actions(store, "a.medewerker_id = ?", (medewerker_id,))


def followed_up_in(store: Store, gesprek_id: int) -> list[Action]:
    return _actions(
        store, "a.id IN (SELECT actie_id FROM opvolgingen WHERE gesprek_id = ?)", (gesprek_id,)
    )
