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
    """Put the add-action defect back (the owner as a bare string, not an Owner, into the
    store): the self-test must fail on that step. sitecustomize runs before the app."""
    (tmp_path / "sitecustomize.py").write_text(
        "import caseload_desk.ui.conversation.add_action as m\nm.owner_of = lambda text: text\n"
    )
    res = self_test(tmp_path, PYTHONPATH=f"{tmp_path}:{ROOT}")
    assert res.returncode == 1
    assert "FOUT  7. actie toevoegen in het venster Actie toevoegen" in res.stdout


# --- Depends and the message for a system library the build machine lacks -------------------
@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),  # name ends in a digit: hyphen
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),  # package names are lower case
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libGL.so.1", "libgl1"),
        ("libfoo-2.4.so", "libfoo-2.4"),  # no version after .so
        ("libbar.so.6.1.2", "libbar6"),  # only the major version
    ],
)
def test_package_name_from_soname_follows_debian_policy(soname: str, package: str) -> None:
    assert build_installer.package_for_soname(soname) == package


class FakeSystem:
    """readelf, dpkg -S and apt-cache as a build machine answers them."""

    def __init__(self, needed: list[str], dpkg: dict[str, str], apt: set[str] | None) -> None:
        self.needed, self.dpkg, self.apt = needed, dpkg, apt

    def run(self, cmd: list[str], **_kwargs) -> subprocess.CompletedProcess:
        tool, arg = cmd[0], cmd[-1]
        if tool == "readelf":
            out = "".join(f" 0x1 (NEEDED) Shared library: [{lib}]\n" for lib in self.needed)
            return subprocess.CompletedProcess(cmd, 0, out, "")
        if tool == "dpkg":
            lib = arg.removeprefix("*/")
            if lib in self.dpkg:
                return subprocess.CompletedProcess(
                    cmd, 0, f"{self.dpkg[lib]}:amd64: /usr/lib/{lib}\n", ""
                )
            return subprocess.CompletedProcess(
                cmd, 1, "", f"dpkg-query: no path found matching pattern {arg}\n"
            )
        if tool == "apt-cache":
            assert self.apt is not None, "apt-cache asked while it is not installed"
            if arg in self.apt:
                return subprocess.CompletedProcess(cmd, 0, f"Package: {arg}\nVersion: 1.0\n\n", "")
            return subprocess.CompletedProcess(cmd, 100, "", "E: No packages found\n")
        raise AssertionError(f"unexpected command {cmd}")

    def which(self, tool: str) -> str | None:
        return None if tool == "apt-cache" and self.apt is None else f"/usr/bin/{tool}"


def fake_bundle(tmp_path: Path, monkeypatch, system: FakeSystem) -> Path:
    bundle = tmp_path / "caseload-desk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "libqxcb.so").write_bytes(b"\x7fELF stand-in")
    (bundle / "_internal" / "libQt6Gui.so.6").write_bytes(b"\x7fELF stand-in")
    monkeypatch.setattr(build_installer.subprocess, "run", system.run)
    monkeypatch.setattr(build_installer.shutil, "which", system.which)
    return bundle


def test_depends_are_the_missing_libraries_plus_font_and_its_config(tmp_path, monkeypatch) -> None:
    system = FakeSystem(["libc.so.6", "libQt6Gui.so.6", "libxcb.so.1", "libEGL.so.1"],
                        {"libxcb.so.1": "libxcb1", "libEGL.so.1": "libegl1"}, apt=set())  # fmt: skip
    depends = build_installer.debian_depends(fake_bundle(tmp_path, monkeypatch, system))
    assert depends == ["libc6 (>= 2.36)", "fontconfig-config", "fonts-dejavu-core",
                       "libegl1", "libxcb1"]  # fmt: skip


def test_a_library_the_machine_lacks_names_the_package_and_setup(tmp_path, monkeypatch) -> None:
    system = FakeSystem(["libxcb.so.1", "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"],
                        {"libxcb.so.1": "libxcb1"},
                        apt={"libxcb-cursor0", "libxkbcommon-x11-0"})  # fmt: skip
    with pytest.raises(build_installer.BuildError) as info:
        build_installer.debian_depends(fake_bundle(tmp_path, monkeypatch, system))
    message = str(info.value)
    assert "libxcb-cursor.so.0: pakket libxcb-cursor0 (bestaat volgens apt-cache)" in message
    assert "libxkbcommon-x11.so.0: pakket libxkbcommon-x11-0 (bestaat" in message
    # Both are in setup.sh's list, so that is the one command to give.
    assert "Installeer ze met: bash scripts/setup.sh (als root)" in message
    assert "KNOWN_LIBRARIES" not in message


def test_a_package_setup_does_not_install_is_named_for_apt_and_setup(tmp_path, monkeypatch) -> None:
    system = FakeSystem(["libxcb-cursor.so.0", "libqux.so.7"], {},
                        apt={"libxcb-cursor0", "libqux7"})  # fmt: skip
    with pytest.raises(build_installer.BuildError) as info:
        build_installer.debian_depends(fake_bundle(tmp_path, monkeypatch, system))
    message = str(info.value)
    assert "apt-get install libqux7 libxcb-cursor0" in message
    assert "APT_PACKAGES in scripts/setup.sh" in message


def test_a_guess_apt_does_not_know_is_not_offered_for_install(tmp_path, monkeypatch) -> None:
    # libglib-2.0.so.0 is packaged as libglib2.0-0: policy's name is only a first guess.
    system = FakeSystem(["libglib-2.0.so.0"], {}, apt={"libglib2.0-0"})
    with pytest.raises(build_installer.BuildError) as info:
        build_installer.debian_depends(fake_bundle(tmp_path, monkeypatch, system))
    message = str(info.value)
    assert "geen pakket libglib-2.0-0 volgens apt-cache" in message
    assert "apt-file search" in message and "apt-get install" not in message


def test_without_apt_cache_the_policy_name_is_given_unchecked(tmp_path, monkeypatch) -> None:
    system = FakeSystem(["libxcb-cursor.so.0"], {}, apt=None)
    with pytest.raises(build_installer.BuildError) as info:
        build_installer.debian_depends(fake_bundle(tmp_path, monkeypatch, system))
    assert "pakket libxcb-cursor0 (niet nagegaan: apt-cache ontbreekt)" in str(info.value)


def test_setup_installs_what_the_qt_wheels_load() -> None:
    packages = build_installer.setup_packages()
    # xcb for a window, cups for printing, and what the package itself must depend on.
    for package in ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libcups2"):
        assert package in packages
    assert set(build_installer.DATA_DEPENDS) <= packages


# --- scripts/apt.sh: wait for another apt run, and say who it is -----------------------------
def apt_sh(script: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", f'. "{ROOT}/scripts/apt.sh"; {script}'],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env={"PATH": f"{tmp_path}:/usr/bin:/bin", **env})  # fmt: skip


def test_apt_helper_names_the_process_holding_an_apt_lock(tmp_path: Path) -> None:
    lock = tmp_path / "var" / "lib" / "apt" / "lists" / "lock"
    lock.parent.mkdir(parents=True)
    lock.touch()
    assert apt_sh("apt_lock_holders", tmp_path, APT_CHROOT=str(tmp_path)).stdout == ""
    # apt takes its locks with fcntl(F_SETLK), as lockf does.
    hold = "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.lockf(f, fcntl.LOCK_EX); print(1, flush=True); time.sleep(60)"
    with subprocess.Popen(
        [sys.executable, "-c", hold, str(lock)], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            holder.stdout.readline()
            out = apt_sh("apt_lock_holders", tmp_path, APT_CHROOT=str(tmp_path)).stdout
        finally:
            holder.kill()
    assert out.startswith(f"{holder.pid} (python")


def fake_apt_get(tmp_path: Path, failures: int) -> Path:
    """An apt-get that finds the lists lock taken `failures` times, as apt 2.6 reports it."""
    calls = tmp_path / "calls"
    script = tmp_path / "apt-get"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> {calls}\n'
        f'if [ "$(wc -l < {calls})" -le {failures} ]; then\n'
        '  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4446 (apt-get)" >&2\n'
        "  exit 100\n"
        "fi\n"
    )
    script.chmod(0o755)
    return calls


def test_apt_get_waits_when_another_run_takes_the_lock_first(tmp_path: Path) -> None:
    calls = fake_apt_get(tmp_path, failures=1)
    res = apt_sh("apt_get update -qq", tmp_path, APT_LOCKS="")
    assert res.returncode == 0, res.stderr
    assert "wachten tot het klaar is" in res.stderr and "process 4446 (apt-get)" in res.stderr
    lines = calls.read_text().splitlines()
    assert len(lines) == 2 and all("DPkg::Lock::Timeout=900 update -qq" in x for x in lines)


def test_apt_get_gives_up_after_the_wait_and_says_so(tmp_path: Path) -> None:
    fake_apt_get(tmp_path, failures=99)
    res = apt_sh("apt_get update -qq", tmp_path, APT_LOCKS="", APT_LOCK_WAIT="0")
    assert res.returncode == 100
    assert "na 0 s nog steeds bezet" in res.stderr
