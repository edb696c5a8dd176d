"""A real X session for a test: Xvfb, a small window manager, keys and screenshots.

Keys are sent with xdotool through the X server's test extension, so they go to whichever
window has the keyboard focus, exactly as a person's key presses would. Everything runs
with a temporary HOME and XDG folders, so no real settings are read or written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

# Xvfb for the screen, xdotool for the keyboard, openbox as the window manager: it gives
# the focus to new windows and to modal dialogs, as a desktop does.
TOOLS = ("Xvfb", "xdotool", "openbox")
SCREEN = "1366x768x24"
TIMEOUT = 20.0  # seconds for any one thing to happen; a shared CI machine can be slow

T = TypeVar("T")

# Grabs the whole screen on request: one path per line on stdin, "ok" back on stdout.
# One process for all screenshots instead of starting Python and Qt for every one. It
# waits (a few seconds at most) until the screen has stopped changing, so that a window
# that has only just appeared is saved painted rather than black.
SHOOTER = """
import sys, time
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
screen = app.primaryScreen()
for line in sys.stdin:
    shot, same, deadline = screen.grabWindow(0).toImage(), 0, time.monotonic() + 3
    while same < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        again = screen.grabWindow(0).toImage()
        same = same + 1 if again == shot else 0
        shot = again
    print("ok" if shot.save(line.rstrip("\\n")) else "failed", flush=True)
"""


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_until(check: Callable[[], T], what: str, timeout: float = TIMEOUT) -> T:
    """Poll `check` until it returns something true; fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for: {what}")
        time.sleep(0.05)


class XSession:
    """Xvfb on a free display, openbox, a screenshot helper; use it as a context manager."""

    def __init__(self, home: Path, shots: Path) -> None:
        self.home, self.shots = home, shots
        self.shots.mkdir(parents=True, exist_ok=True)
        self._count = 0
        self._procs: list[subprocess.Popen] = []
        self._logs: list[IO] = []
        self.env: dict[str, str] = {}

    # --- starting and stopping ---------------------------------------------------------
    def __enter__(self) -> XSession:
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self) -> None:
        runtime = self.home / "runtime"
        runtime.mkdir(parents=True, exist_ok=True)
        runtime.chmod(0o700)
        env = {
            k: v
            for k, v in os.environ.items()
            # offscreen is for the pytest-qt tests; this app must use the X display
            if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "SESSION_MANAGER", "XAUTHORITY")
        }
        env.update(
            HOME=str(self.home),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_RUNTIME_DIR=str(runtime),
        )
        # Xvfb picks a free display number itself and writes it to this pipe when ready.
        read_end, write_end = os.pipe()
        try:
            self._spawn(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                "xvfb",
                env,
                pass_fds=(write_end,),
            )
            os.close(write_end)
            write_end = -1
            number = b""
            deadline = time.monotonic() + TIMEOUT
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = os.read(read_end, 16)
                if not chunk:
                    break
                number += chunk
        finally:
            os.close(read_end)
            if write_end != -1:
                os.close(write_end)
        if not number.strip().isdigit():
            raise AssertionError(f"Xvfb did not start (see {self.shots / 'xvfb.log'})")
        env["DISPLAY"] = f":{number.decode().strip()}"
        self.env = env
        self._spawn(["openbox"], "openbox", env)
        wait_until(
            lambda: self.xdotool("get_num_desktops", check=False).returncode == 0,
            "the window manager (openbox) to start",
        )
        self._shooter = subprocess.Popen(
            [sys.executable, "-c", SHOOTER],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log("screenshots"),
            text=True,
        )
        self._procs.append(self._shooter)

    def _log(self, name: str) -> IO:
        log = (self.shots / f"{name}.log").open("a")
        self._logs.append(log)
        return log

    def _spawn(self, args: list[str], log: str, env: dict[str, str], **kw) -> subprocess.Popen:
        out = self._log(log)
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, **kw)
        self._procs.append(proc)
        return proc

    def start(self, args: list[str], log: str, cwd: Path) -> subprocess.Popen:
        """Start a program on this display; its output goes to `log`.log beside the shots."""
        return self._spawn(args, log, self.env, cwd=cwd)

    def __exit__(self, *_exc: object) -> None:
        for proc in reversed(self._procs):
            if proc.stdin:
                proc.stdin.close()
            if proc.poll() is None:
                proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()
        self._procs.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()

    # --- looking -----------------------------------------------------------------------
    def xdotool(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=TIMEOUT
        )
        if check and result.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {result.stderr.strip()}")
        return result

    def active_title(self) -> str:
        """The title of the window that has the keyboard focus ("" if none)."""
        result = self.xdotool("getactivewindow", "getwindowname", check=False)
        return result.stdout.strip() if result.returncode == 0 else ""

    def wait_active(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """Wait until a window whose title matches `pattern` has the keyboard focus."""
        titles: list[str] = []

        def active() -> str:
            title = self.active_title()
            titles.append(title)
            return title if re.search(pattern, title) else ""

        try:
            return wait_until(active, f"a window titled /{pattern}/ to have the focus", timeout)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; it had: {titles[-1]!r}") from None

    def windows(self, pattern: str) -> list[str]:
        """Ids of the visible windows whose title matches `pattern`."""
        result = self.xdotool("search", "--onlyvisible", "--name", pattern, check=False)
        return result.stdout.split()

    def screenshot(self, name: str) -> Path:
        """The whole screen as NN-name.png in the shots folder."""
        self._count += 1
        path = self.shots / f"{self._count:02d}-{name}.png"
        assert self._shooter.stdin and self._shooter.stdout
        self._shooter.stdin.write(f"{path}\n")
        self._shooter.stdin.flush()
        answer = self._shooter.stdout.readline().strip()
        if answer != "ok":
            raise AssertionError(f"screenshot {path.name} failed ({answer or 'no answer'})")
        return path

    # --- pressing keys -----------------------------------------------------------------
    def key(self, *keys: str) -> None:
        """Press keys one after another, e.g. key("ctrl+g") or key("Tab", "End")."""
        self.xdotool("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", "15", text)
