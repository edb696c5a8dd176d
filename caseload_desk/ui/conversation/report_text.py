"""A finished (or draft) conversation as readable HTML: notes, follow-ups, new actions."""

from __future__ import annotations

from html import escape

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv


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
                f"<li>{escape(a.maatregel_id or 'algemeen')} – {escape(a.omschrijving)}: "
                f"<b>{f.status.label.lower()}</b>{note}</li>"
            )
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append("<p><i>geen</i></p>")
    new = conv.actions_of_conversation(store, gesprek_id)
    parts.append("<h4>Nieuwe acties</h4>")
    if new:
        items = [
            f"<li>{escape(a.maatregel_id or 'algemeen')} – {escape(a.omschrijving)} "
            f"({a.eigenaar.label.lower()}, deadline {nl(a.deadline)}; "
            f"nu: {a.status.label.lower()})</li>"
            for a in new
        ]
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        parts.append("<p><i>geen</i></p>")
    return "".join(parts)
