"""Packaging: the Windows installer script compiles, the build script behaves, icons are right."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import build_installer  # noqa: E402


@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS (makensis) niet geïnstalleerd")
def test_nsis_script_compiles_against_a_stand_in(tmp_path: Path) -> None:
    source = tmp_path / "caseload-desk"
    (source / "_internal").mkdir(parents=True)
    for name in ("caseload-desk.exe", "caseload-desk-cli.exe", "_internal/base_library.zip"):
        (source / name).write_bytes(b"stand-in")
    out = tmp_path / "caseload-desk-0.1.0-setup.exe"
    makensis = shutil.which("makensis")
    build_installer.DIST = tmp_path
    build_installer.BUNDLE = source
    target = build_installer.build_windows_installer("0.1.0", makensis)
    assert target == out and out.read_bytes()[:2] == b"MZ"
    # Warnings as errors: a script mistake must fail here, not on the Windows runner.
    res = subprocess.run(
        [makensis, "-V1", "-WX", "-DVERSION=0.1.0", f"-DSOURCE={source}", f"-DOUTFILE={out}",
         str(build_installer.NSIS_SCRIPT)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr


def test_build_script_help_is_dutch(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        build_installer.main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "toon deze hulp" in out and "bundel" in out


def test_missing_tool_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _tool: None)
    with pytest.raises(build_installer.BuildError, match=r"ontbreekt.*apt-get install lintian"):
        build_installer.need("lintian", "apt-get install lintian")


def test_version_comes_from_the_package() -> None:
    import caseload_desk

    assert build_installer.version() == caseload_desk.__version__


def test_spec_keeps_unused_qt_out_and_lists_data() -> None:
    spec = (ROOT / "packaging" / "caseload-desk.spec").read_text()
    for module in ("QtNetwork", "QtQml", "QtQuick", "QtSql", "QtTest", "QtDesigner"):
        assert f'"PySide6.{module}"' in spec
    assert '"PySide6.QtOpenGL"' not in spec  # pyqtgraph needs it
    assert "strip=False" in spec  # stripping numpy's OpenBLAS breaks it
    assert "resources" in spec and "qtbase" in spec


def test_icons() -> None:
    svg = ROOT / "resources" / "caseload-desk.svg"
    assert (
        ROOT / "caseload_desk" / "resources" / "icons" / "app.svg"
    ).read_bytes() == svg.read_bytes()
    ico = (ROOT / "resources" / "caseload-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 6
    sizes = {ico[6 + 16 * i] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sizes
    for size in build_installer.ICON_SIZES:
        png = (ROOT / "resources" / "icons" / f"caseload-desk-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (size, size)


def test_desktop_entry() -> None:
    text = (ROOT / "packaging" / "linux" / "caseload-desk.desktop").read_text()
    assert "Exec=caseload-desk" in text and "Icon=caseload-desk" in text
    if shutil.which("desktop-file-validate"):
        res = subprocess.run(["desktop-file-validate", str(ROOT / "packaging" / "linux" / "caseload-desk.desktop")],
                             capture_output=True, text=True)  # fmt: skip
        assert res.returncode == 0, res.stdout


def self_test(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "caseload_desk", "--self-test"], cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
             "PYTHONPATH": str(ROOT), **env},
    )  # fmt: skip


def test_self_test_command(tmp_path: Path) -> None:
    """The same check a package runs, here from the source tree."""
    res = self_test(tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    lines = [line for line in res.stdout.splitlines() if line.startswith(("OK", "FOUT"))]
    assert len(lines) == 10 and all(line.startswith("OK") for line in lines)
    assert "Zelftest geslaagd" in res.stdout


def test_self_test_fails_without_fonts(tmp_path: Path) -> None:
    """A system without fonts (as a minimal Debian was): the self-test names the step."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    res = self_test(tmp_path, FONTCONFIG_FILE=str(conf))
    assert res.returncode == 1
    assert "FOUT  2. lettertype tekent Nederlandse tekst" in res.stdout
    assert "fonts-dejavu-core" in res.stdout


def test_self_test_fails_on_the_add_action_crash(tmp_path: Path) -> None:
    """Put the add-action defect back (raw currentData() into the store): the self-test
    must fail on that step. sitecustomize runs before the app and undoes the fix."""
    (tmp_path / "sitecustomize.py").write_text(
        "import caseload_desk.ui.conversation.add_action as m\n"
        "m.choice = lambda combo, kind: combo.currentData()\n"
    )
    res = self_test(tmp_path, PYTHONPATH=f"{tmp_path}:{ROOT}")
    assert res.returncode == 1
    assert "FOUT  7. actie toevoegen in het venster Actie toevoegen" in res.stdout
