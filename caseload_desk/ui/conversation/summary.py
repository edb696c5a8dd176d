"""The summary shown after a conversation is finished (and used by its report)."""

from __future__ import annotations

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.words import count


def summary_text(store: Store, gesprek_id: int) -> str:
    c = conv.get_conversation(store, gesprek_id)
    if c is None:
        return ""
    followed = conv.followed_up_in(store, gesprek_id)
    new = conv.actions_of_conversation(store, gesprek_id)
    lines = [f"Caseloadgesprek van {nl(c.datum)} is afgerond."]
    if c.aantal_maatregelen is not None:
        lines.append(
            f"{c.aantal_maatregelen} lopende maatregelen, {c.aantal_onder_druk} onder druk, "
            f"{c.aantal_met_signaal} met een signaal."
        )
    done = count(len(followed), "eerdere actie", "eerdere acties")
    made = count(len(new), "nieuwe actie", "nieuwe acties")
    lines.append(f"{done} opgevolgd, {made}{':' if new else '.'}")
    lines += [f"• {a.maatregel_id or 'algemeen'}: {a.omschrijving} (deadline {nl(a.deadline)})"
              for a in new]  # fmt: skip
    return "\n".join(lines)
