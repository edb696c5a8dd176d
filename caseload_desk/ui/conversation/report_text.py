"""A finished (or draft) conversation as readable HTML: notes, follow-ups, new actions,
and the changes made to actions, each with the child it is about ("M10025 · Sanne B.")."""

from __future__ import annotations

from html import escape

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.ui.workload.look import load_at_finish

FIELD_NAMES = {"omschrijving": "Omschrijving", "eigenaar": "Eigenaar", "deadline": "Deadline"}


def _key(c: conv.Conversation | conv.ActionChange) -> tuple:
    if isinstance(c, conv.Conversation):
        return (c.datum, c.id)
    return (c.gesprek_datum, c.gesprek_id)


def as_agreed(action: conv.Action, c: conv.Conversation) -> dict[str, str]:
    """The action's text, owner and deadline as they stood when conversation `c` ended:
    edits made in later conversations are undone, so an old report or handout
    says what was agreed."""
    values = {
        "omschrijving": action.omschrijving,
        "eigenaar": action.eigenaar.label,
        "deadline": nl(action.deadline),
    }
    for change in reversed(action.changes):
        if _key(change) > _key(c) and change.veld in values:
            values[change.veld] = change.oud
    return values


def change_text(change: conv.ActionChange) -> str:
    """One change as a sentence: Deadline gewijzigd van 15-10-2025 naar 20-12-2025 op 01-11-2025."""
    field = FIELD_NAMES.get(change.veld, change.veld.capitalize())
    if change.veld == "omschrijving":  # texts in quotes, so where one ends is clear
        old, new = f"‘{change.oud}’", f"‘{change.nieuw}’"
    else:
        old, new = change.oud, change.nieuw
    return f"{field} gewijzigd van {old} naar {new} op {nl(change.gesprek_datum)}"


def changes_html(action: conv.Action) -> str:
    """The action's changes, each on a line of its own under it, dated."""
    return "".join(f"<br><i>{escape(change_text(c))}</i>" for c in action.changes)


def changed_without_follow_up(
    store: Store, c: conv.Conversation, followed: list[conv.Action]
) -> list[conv.Action]:
    """Earlier actions changed in conversation `c` but not followed up in it (changes of
    its own new actions are part of what was agreed)."""
    skip = {a.id for a in followed}
    return [
        a
        for a in conv.actions_of_worker(store, c.medewerker_id)
        if a.gesprek_id != c.id
        and a.id not in skip
        and any(x.gesprek_id == c.id for x in a.changes)
    ]


def conversation_html(store: Store, gesprek_id: int) -> str:
    c = conv.get_conversation(store, gesprek_id)
    if c is None:
        return ""
    state = "afgerond" if c.afgerond else "concept, nog niet afgerond"
    parts = [
        f"<h3>Caseloadgesprek {nl(c.datum)} ({state})</h3>",
        f"<p>Praktijkbegeleider: {escape(c.praktijkbegeleider) or '–'}</p>",
    ]
    if c.aantal_maatregelen is not None:
        parts.append(
            f"<p>Stand op {nl(c.peildatum)}: {c.aantal_maatregelen} lopende maatregelen, "
            f"{c.aantal_onder_druk} onder druk, {c.aantal_met_signaal} met een signaal.</p>"
        )
    if c.afgerond and c.capaciteit is not None:
        parts.append(f"<p>Belasting bij afronden: {escape(load_at_finish(c))}.</p>")
    notes = escape(c.notities).replace("\n", "<br>") or "<i>geen notities</i>"
    parts.append(f"<h4>Notities</h4><p>{notes}</p>")
    followed = conv.followed_up_in(store, gesprek_id)
    parts.append("<h4>Opvolging van eerdere acties</h4>")
    if followed:
        items = []
        for a in followed:
            f = next(x for x in a.follow_ups if x.gesprek_id == gesprek_id)
            note = f": {escape(f.notitie)}" if f.notitie else ""
            items.append(
                f"<li>{escape(a.about)} – {escape(as_agreed(a, c)['omschrijving'])}: "
                f"<b>{f.status.label.lower()}</b>{note}{changes_html(a)}</li>"
            )
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append("<p><i>geen</i></p>")
    new = conv.actions_of_conversation(store, gesprek_id)
    parts.append("<h4>Nieuwe acties</h4>")
    if new:
        # As agreed here; later changes are listed under it, and the status is today's.
        items = []
        for a in new:
            v = as_agreed(a, c)
            items.append(
                f"<li>{escape(a.about)} – {escape(v['omschrijving'])} "
                f"({escape(v['eigenaar'])}, deadline {v['deadline']}; "
                f"nu: {a.status.label.lower()}){changes_html(a)}</li>"
            )
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append("<p><i>geen</i></p>")
    changed = changed_without_follow_up(store, c, followed)
    if changed:
        parts.append("<h4>Gewijzigde eerdere acties</h4>")
        items = [
            f"<li>{escape(a.about)} – {escape(as_agreed(a, c)['omschrijving'])}"
            f"{changes_html(a)}</li>"
            for a in changed
        ]
        parts.append(f"<ul>{''.join(items)}</ul>")
    return "".join(parts)
