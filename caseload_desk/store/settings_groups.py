"""The settings the command line shows and changes, as a registry of groups.

A group owns some keys (`contact.voogdij`, `vrije_dag.2026-05-15`, ...), shows them as
rows and turns a list of changes into a pending change: everything is validated before
anything is saved, and saving is one transaction with one audit row. The signal settings
register themselves here; other groups (workload norms, monitor norms) add one
`register(...)` call in their own module and the `instellingen` command picks them up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from caseload_desk.signals import settings_keys
from caseload_desk.signals.settings_keys import SettingRefused, SettingRow
from caseload_desk.store.connection import Store
from caseload_desk.store.settings import load_settings, save_settings

__all__ = [
    "GROUPS",
    "PendingChange",
    "SettingRefused",
    "SettingRow",
    "SettingsGroup",
    "group_for",
    "register",
]

Change = tuple[str, str | None]  # key, value as typed (None: remove, for list-like keys)


@dataclass(frozen=True)
class PendingChange:
    """Validated changes of one group: `lines` says what changes (Dutch), `save` saves."""

    lines: list[str]
    save: Callable[[], None]


class SettingsGroup(Protocol):
    name: str  # machine name, as in `instellingen --format json`
    title: str  # Dutch heading of the table

    def known_keys(self) -> list[str]:
        """The keys it accepts, for the refusal of an unknown key and `--help`."""
        ...

    def owns(self, key: str) -> bool: ...

    def rows(self, store: Store) -> list[SettingRow]: ...

    def prepare(self, store: Store, changes: Sequence[Change]) -> PendingChange:
        """Validate every change (SettingRefused, Dutch) without writing anything."""
        ...


GROUPS: list[SettingsGroup] = []


def register(group: SettingsGroup) -> None:
    if any(g.name == group.name for g in GROUPS):
        raise ValueError(f"instellingengroep {group.name} bestaat al")
    GROUPS.append(group)


def group_for(key: str) -> SettingsGroup:
    for group in GROUPS:
        if group.owns(key.strip().lower()):
            return group
    known = ", ".join(k for g in GROUPS for k in g.known_keys())
    raise SettingRefused(f"onbekende instelling: {key!r}. Bekend zijn: {known}")


class SignalSettingsGroup:
    """The periods per measure type, the start and end norms, the extra non-working days."""

    name = "signalen"
    title = "Signalen"

    def known_keys(self) -> list[str]:
        return settings_keys.all_keys()

    def owns(self, key: str) -> bool:
        prefix = key.partition(".")[0]
        return (
            key in settings_keys.NORM_KEYS
            or prefix in settings_keys.PERIOD_KEYS
            or key.startswith(settings_keys.EXTRA_DAY_PREFIX)
        )

    def rows(self, store: Store) -> list[SettingRow]:
        return settings_keys.rows(load_settings(store))

    def prepare(self, store: Store, changes: Sequence[Change]) -> PendingChange:
        old = load_settings(store)
        new = old
        for key, value in changes:
            new = settings_keys.set_value(new, key, value)
        lines = settings_keys.changes(old, new)
        return PendingChange(lines, lambda: save_signal_settings(store, old, new))


def save_signal_settings(store: Store, old, new) -> bool:
    """Save `new` with an audit row naming what changed (as the dialog does); False when
    nothing changed, so nothing is written."""
    lines = settings_keys.changes(old, new)
    if not lines:
        return False
    save_settings(store, new, details="signaalinstellingen: " + "; ".join(lines))
    return True


register(SignalSettingsGroup())


def _register_workload() -> None:
    # The workload group takes the registry's types (it does not import the registry).
    from caseload_desk.store.workload import WorkloadSettingsGroup

    register(WorkloadSettingsGroup(settings_keys.SettingRow, PendingChange, SettingRefused))


_register_workload()
