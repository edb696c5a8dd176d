"""Write a file so that a crash or a locked target never leaves a broken file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class TargetLocked(Exception):
    """The target cannot be replaced (e.g. open in Excel); the message is Dutch."""


def write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` on a temporary file next to `target`, then replace `target`.

    The temporary file is always removed; `target` is either untouched or complete.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise TargetLocked(f"De map {target.parent} bestaat niet.")
    fd, tmp_name = tempfile.mkstemp(prefix=".~caseload-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise TargetLocked(
                f"{target.name} kan niet worden overschreven; is het bestand nog geopend in "
                "Excel? Sluit het en probeer opnieuw, of kies een andere naam."
            ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
