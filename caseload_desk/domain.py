"""The vocabulary of the domain (shared/domain.md) as small enums and value objects."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MeasureType(StrEnum):
    """The three kinds of court-ordered measure."""

    OTS = "OTS"
    VOOGDIJ = "voogdij"
    JR = "JR"

    @property
    def label(self) -> str:
        return {"OTS": "Ondertoezichtstelling", "voogdij": "Voogdij", "JR": "Jeugdreclassering"}[
            self.value
        ]


MEASURE_TYPE_ALIASES: dict[str, MeasureType] = {
    "ots": MeasureType.OTS,
    "ondertoezichtstelling": MeasureType.OTS,
    "voogdij": MeasureType.VOOGDIJ,
    "jr": MeasureType.JR,
    "jeugdreclassering": MeasureType.JR,
}


class Regie(StrEnum):
    """Who holds the measure: a fixed worker, or a team (a known risk)."""

    VAST = "vast"
    CRT = "CRT"
    CCP = "CCP"


REGIE_ALIASES: dict[str, Regie] = {r.value.lower(): r for r in Regie}


class ContactWith(StrEnum):
    JEUGDIGE = "jeugdige"
    OUDER = "ouder"
    GEZIN = "gezin"
    NETWERK = "netwerk"
    OVERIG = "overig"


# Only these count as *client* contact for the rules (domain.md, signal 1).
CLIENT_CONTACT = frozenset({ContactWith.JEUGDIGE, ContactWith.OUDER, ContactWith.GEZIN})


class ContactForm(StrEnum):
    FACE_TO_FACE = "face-to-face"
    VIDEO = "video"
    TELEFONISCH = "telefonisch"
    OVERIG = "overig"


CONTACT_FORM_ALIASES: dict[str, ContactForm] = {
    **{f.value: f for f in ContactForm},
    "face to face": ContactForm.FACE_TO_FACE,
    "facetoface": ContactForm.FACE_TO_FACE,
    "f2f": ContactForm.FACE_TO_FACE,
    "telefoon": ContactForm.TELEFONISCH,
}


class ActionOwner(StrEnum):
    """The roles an action can be given to; anyone else is a `NamedOwner`."""

    MEDEWERKER = "medewerker"
    PRAKTIJKBEGELEIDER = "praktijkbegeleider"
    GEDRAGSWETENSCHAPPER = "gedragswetenschapper"
    TEAMLEIDER = "teamleider"

    @property
    def label(self) -> str:
        if self is ActionOwner.MEDEWERKER:
            return "Jeugdzorgwerker"
        return self.value.capitalize()


@dataclass(frozen=True)
class NamedOwner:
    """An action for someone by name (a colleague, the GI's jurist): free text, stored as is."""

    value: str

    @property
    def label(self) -> str:
        return self.value


Owner = ActionOwner | NamedOwner


def owner_of(text: str) -> Owner:
    """The owner a stored or typed value means; a role's label or value gives the role."""
    text = " ".join(text.split())
    for role in ActionOwner:
        if text.lower() in (role.value, role.label.lower()):
            return role
    if not text:
        raise ValueError("een actie heeft een eigenaar nodig")
    return NamedOwner(text)


class ActionStatus(StrEnum):
    """An action's state; `loopt_nog` is an open action that was followed up."""

    OPEN = "open"
    LOOPT_NOG = "loopt_nog"
    AFGEROND = "afgerond"
    VERVALLEN = "vervallen"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.LOOPT_NOG)

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "loopt_nog": "Loopt nog",
            "afgerond": "Afgerond",
            "vervallen": "Vervallen",
        }[self.value]


FOLLOW_UP_STATUSES = (ActionStatus.AFGEROND, ActionStatus.LOOPT_NOG, ActionStatus.VERVALLEN)
