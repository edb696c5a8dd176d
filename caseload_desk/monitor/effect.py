"""Effect of the conversations: did the dossiers that were onder druk and got an action
in a caseloadgesprek come out of it by the next one?

For every finished conversation G of a worker, and the worker's next finished
conversation H: of the measures that were onder druk on G's peildatum and got an action
in G, how many were no longer onder druk on H's peildatum. A measure that no longer runs
on H's peildatum is counted apart (`ended`), neither as improved nor as still onder druk.
The last conversation has no next one yet: its outcome is open (None).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from caseload_desk.monitor.engine import pct


@dataclass(frozen=True)
class FinishedConversation:
    gesprek_id: int
    medewerker_id: str
    datum: date
    peildatum: date
    action_measures: frozenset[str]  # measures that got an action in this conversation


@dataclass(frozen=True)
class ConversationEffect:
    gesprek_id: int
    medewerker_id: str
    datum: date
    peildatum: date
    onder_druk_met_actie: tuple[str, ...]  # onder druk at G and got an action in G
    next_gesprek_id: int | None  # H, the worker's next finished conversation
    next_datum: date | None
    next_peildatum: date | None
    niet_meer_onder_druk: tuple[str, ...] | None  # None: no next conversation yet
    nog_onder_druk: tuple[str, ...] | None
    beeindigd: tuple[str, ...] | None  # no longer running at H

    @property
    def tracked(self) -> int:
        return len(self.onder_druk_met_actie)

    @property
    def improved(self) -> int | None:
        return None if self.niet_meer_onder_druk is None else len(self.niet_meer_onder_druk)


# (maatregel_id, peildatum) -> True onder druk, False not, None not running then.
OnderDruk = Callable[[str, date], bool | None]


def conversation_effects(
    conversations: Iterable[FinishedConversation], onder_druk: OnderDruk
) -> list[ConversationEffect]:
    """Per finished conversation, oldest first, grouped per worker in date order."""
    by_worker: dict[str, list[FinishedConversation]] = {}
    for c in conversations:
        by_worker.setdefault(c.medewerker_id, []).append(c)
    out = []
    for convs in by_worker.values():
        convs.sort(key=lambda c: (c.datum, c.gesprek_id))
        for g, h in zip(convs, [*convs[1:], None], strict=True):
            tracked = tuple(sorted(m for m in g.action_measures if onder_druk(m, g.peildatum)))
            if h is None:
                out.append(
                    ConversationEffect(g.gesprek_id, g.medewerker_id, g.datum, g.peildatum,
                                       tracked, None, None, None, None, None, None)
                )  # fmt: skip
                continue
            later = {m: onder_druk(m, h.peildatum) for m in tracked}
            out.append(
                ConversationEffect(
                    g.gesprek_id, g.medewerker_id, g.datum, g.peildatum, tracked,
                    h.gesprek_id, h.datum, h.peildatum,
                    tuple(m for m in tracked if later[m] is False),
                    tuple(m for m in tracked if later[m] is True),
                    tuple(m for m in tracked if later[m] is None),
                )
            )  # fmt: skip
    out.sort(key=lambda e: (e.datum, e.gesprek_id))
    return out


@dataclass(frozen=True)
class EffectTotal:
    """Summed over conversations (a team's in a period): only those with a next one."""

    gesprekken: int  # conversations with a next one, whose outcome is known
    onder_druk_met_actie: int
    niet_meer_onder_druk: int
    nog_onder_druk: int
    beeindigd: int
    open_gesprekken: int  # conversations still waiting for a next one

    @property
    def pct_improved(self) -> int | None:
        return pct(self.niet_meer_onder_druk, self.onder_druk_met_actie)


def total(effects: Sequence[ConversationEffect]) -> EffectTotal:
    known = [e for e in effects if e.niet_meer_onder_druk is not None]
    return EffectTotal(
        len(known),
        sum(e.tracked for e in known),
        sum(len(e.niet_meer_onder_druk or ()) for e in known),
        sum(len(e.nog_onder_druk or ()) for e in known),
        sum(len(e.beeindigd or ()) for e in known),
        len(effects) - len(known),
    )
