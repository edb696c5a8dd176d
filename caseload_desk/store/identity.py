"""Who is using the file: the operating-system user and host (for audit and lock messages)."""

from __future__ import annotations

import os
import socket
import sys


def current_user() -> str:
    """The account the process runs as, from the operating system itself: LOGNAME, USER
    and USERNAME are plain environment variables anyone can set before starting the app,
    so they would let an audit entry name someone else."""
    if sys.platform == "win32":
        return _windows_user() or "onbekend"
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:  # an account without a passwd entry (some containers)
        return f"uid-{os.getuid()}"


def _windows_user() -> str:
    if sys.platform != "win32":
        return ""
    import ctypes
    from ctypes import wintypes

    size = wintypes.DWORD(257)  # UNLEN + 1
    buffer = ctypes.create_unicode_buffer(size.value)
    if not ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):
        return ""
    return buffer.value


def current_host() -> str:
    return socket.gethostname() or "onbekend"
