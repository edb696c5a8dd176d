"""Dutch counts with the right word: "1 actie", "2 acties", never "actie(s)"."""

from __future__ import annotations


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
