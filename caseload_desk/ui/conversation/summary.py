"""The summary shown after a conversation is finished (and used by its report)."""

from __future__ import annotations

from caseload_desk.dates import nl
from caseload_desk.store import Store
from caseload_desk.store import conversations as conv
from caseload_desk.ui.conversation.report_text import changed_without_follow_up
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
    changed = changed_without_follow_up(store, c, followed)
    also = f", {count(len(changed), 'andere actie', 'andere acties')} gewijzigd" if changed else ""
    lines.append(f"{done} opgevolgd{also}, {made}{':' if new else '.'}")
    lines += [f"• {a.about}: {a.omschrijving} ({a.eigenaar.label}, deadline {nl(a.deadline)})"
              for a in new]  # fmt: skip
    return "\n".join(lines)
