"""Every window on a 1366x768 laptop and on a 1920x1080 monitor at 150 %: on the screen,
its buttons too, and the conversation's tables without sideways scrolling. Runs
scripts/screenshots.py (one process per screen, as Qt reads the screen once)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "screenshots.py"


@pytest.mark.parametrize(("screen", "scale"), [("1366x768", "1"), ("1920x1080", "1.5")])
def test_every_window_fits(tmp_path: Path, screen: str, scale: str) -> None:
    args = ["--out", str(tmp_path), "--screen", screen, "--scale", scale, "--tag", "t"]
    run = subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    problems = [line for line in run.stderr.splitlines() if line.startswith("t: ")]
    assert run.returncode == 0 and not problems, run.stderr[-3000:]
    shots = {p.name for p in tmp_path.glob("*.png")}
    for window in ("hoofdvenster", "gesprek", "actie-toevoegen", "hulp-gesprek", "historie",
                   "instellingen", "welkom", "crt-ruimte", "voorstel", "grafiek-werklast",
                   "monitor-tabel", "monitor-grafieken", "monitor-effect",
                   "monitor-maatregelen"):  # fmt: skip
        assert f"{window}-t.png" in shots


def test_the_check_sees_a_window_off_the_screen(qtbot) -> None:
    spec = importlib.util.spec_from_file_location("screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    window = QWidget()
    window.setObjectName("teGroot")
    QVBoxLayout(window).addWidget(QPushButton("Afronden"))
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 600, 400)
    window.show()
    assert module.off_screen(window, QRect(0, 0, 800, 600)) == []
    problems = module.off_screen(window, QRect(0, 0, 500, 300))
    assert any("venster" in p for p in problems) and any("Afronden" in p for p in problems)
