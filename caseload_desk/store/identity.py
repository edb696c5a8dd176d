"""Who is using the file: the operating-system user and host (for audit and lock messages)."""

from __future__ import annotations

import getpass
import os
import socket


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (e.g. some containers)
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "onbekend"


def current_host() -> str:
    return socket.gethostname() or "onbekend"
