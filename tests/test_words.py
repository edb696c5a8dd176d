"""Counts in Dutch messages use the right word."""

from __future__ import annotations

from caseload_desk.words import count


def test_singular_and_plural() -> None:
    assert count(1, "actie", "acties") == "1 actie"
    assert count(0, "actie", "acties") == "0 acties"
    assert count(2, "probleem", "problemen") == "2 problemen"
