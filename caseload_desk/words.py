"""Dutch counts with the right word: "1 actie", "2 acties", never "actie(s)"."""

from __future__ import annotations


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def days_ahead(n: int) -> str:
    """When something is, said as people say it: vandaag, morgen, over 5 dagen."""
    return {0: "vandaag", 1: "morgen"}.get(n, f"over {count(n, 'dag', 'dagen')}")
