"""Strict date parsing and Dutch date formatting, shared by import, CLI and UI."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_DUTCH = re.compile(r"^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$")


class DateError(ValueError):
    """A value that is not a valid date; the message is Dutch and fit for a user."""


def parse_date(value: object) -> date:
    """Read an Excel date cell, ISO text (2025-11-24) or Dutch text (24-11-2025).

    Strict on purpose: no two-digit years, no 31-02, no times other than midnight,
    because a wrongly read date silently changes a child's signals.
    """
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            raise DateError("datum bevat een tijdstip")
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or not isinstance(value, str):
        raise DateError("geen datum (verwacht 2025-11-24 of 24-11-2025)")
    text = value.strip()
    if m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DUTCH.match(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise DateError("onleesbare datum (verwacht 2025-11-24 of 24-11-2025)")
    if year < 1900:
        raise DateError("jaartal vóór 1900")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError("deze datum bestaat niet") from None


def iso(d: date | None) -> str:
    """ISO text for storage and machine output; empty for no date."""
    return d.isoformat() if d else ""


def from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def nl(d: date | None) -> str:
    """dd-mm-jjjj, the way Dutch users write dates; empty for no date."""
    # Not strftime: several times slower, and it pads years before 1000 differently per OS.
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}" if d else ""
