"""Build the Caseload Desk packages: a PyInstaller bundle, then a .deb (Linux) or a
Windows installer (NSIS). Run `python build_installer.py --help`.

Linux:   dist/caseload-desk_<version>_amd64.deb, checked with lintian and desktop-file-validate
Windows: dist/caseload-desk-<version>-setup.exe, built with makensis (NSIS)
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST, BUILD = ROOT / "dist", ROOT / "build"
BUNDLE = DIST / "caseload-desk"
SPEC = ROOT / "packaging" / "caseload-desk.spec"
NSIS_SCRIPT = ROOT / "packaging" / "windows" / "caseload-desk.nsi"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Libraries every Linux desktop has, or that the bundle may load optionally: never Depends.
LINUX_BASE_DEPENDS = ["libc6 (>= 2.36)"]
# Packages the bundle needs that readelf cannot see, because they hold data, not code. The
# bundled libfontconfig reads /etc/fonts/fonts.conf (fontconfig-config) and Qt needs at least
# one font: on a minimal Debian (debootstrap --variant=minbase) neither is there, and every
# text is drawn as boxes. Both are named: with the font alone text renders, but fontconfig
# fails to load its config (no aliases, no cache); the config alone brings a font only as
# one of nine alternatives. Tried in such a root; scripts/clean-root-check.sh proves it.
DATA_DEPENDS = ["fontconfig-config", "fonts-dejavu-core"]
# Libraries the build host may lack (so `dpkg -S` cannot name them) with their Debian package.
KNOWN_LIBRARIES = {
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libwayland-client.so.0": "libwayland-client0",
}
# Optional Qt plugins that would pull in a whole toolkit: left out of the bundle.
DROP_PLUGINS = ("platformthemes/libqgtk3.so",)


class BuildError(Exception):
    """A build step failed; the message says what to do."""


def version() -> str:
    text = (ROOT / "caseload_desk" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text)[1]


def need(tool: str, package_hint: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BuildError(f"'{tool}' ontbreekt. Installeer het eerst: {package_hint}")
    return path


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run(cmd, text=True, **kwargs)
    if result.returncode != 0:
        raise BuildError(f"Mislukt (exitcode {result.returncode}): {' '.join(map(str, cmd))}")
    return result


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


# --- the bundle -------------------------------------------------------------------------
def write_version_info(v: str) -> Path:
    """The Windows version resource (file properties); harmless elsewhere."""
    parts = [int(x) for x in re.findall(r"\d+", v)[:4]] + [0] * 4
    nums = ", ".join(str(x) for x in parts[:4])
    BUILD.mkdir(exist_ok=True)
    target = BUILD / "version_info.txt"
    target.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers=({nums}), prodvers=({nums}), mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('041304B0', [
    StringStruct('CompanyName', 'Caseload Desk'),
    StringStruct('FileDescription', 'Caseload Desk'),
    StringStruct('FileVersion', '{v}'),
    StringStruct('ProductName', 'Caseload Desk'),
    StringStruct('ProductVersion', '{v}')])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])])]
)
""",
        encoding="utf-8",
    )
    return target


def build_bundle(v: str) -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError("PyInstaller ontbreekt. Installeer het: pip install pyinstaller") from None
    write_version_info(v)
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)])  # fmt: skip


def prune_bundle() -> None:
    """Remove what a user never needs: bundled test suites and toolkit-pulling plugins."""
    leftovers = [p for p in BUNDLE.rglob("*") if p.is_dir() and p.name in ("tests", "test")]
    for p in leftovers:  # some libraries ship their test suites inside the package
        shutil.rmtree(p)
    for plugin in DROP_PLUGINS:
        for p in BUNDLE.rglob(Path(plugin).name):
            if p.as_posix().endswith(plugin):
                p.unlink()
    for qm in BUNDLE.rglob("translations/*.qm"):  # the interface is Dutch only
        if not qm.name.endswith("_nl.qm"):
            qm.unlink()


# --- Linux: .deb ----------------------------------------------------------------------------
def elf_files(folder: Path) -> list[Path]:
    found = []
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(p)
    return found


def debian_depends(bundle: Path) -> list[str]:
    """The Debian packages that provide the libraries the bundle needs but does not ship."""
    shipped = {p.name for p in bundle.rglob("*.so*")}
    needed: set[str] = set()
    for elf in elf_files(bundle):
        out = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        needed |= set(re.findall(r"\(NEEDED\).*\[(.+?)\]", out))
    missing = sorted(
        lib
        for lib in needed - shipped
        if not lib.startswith(
            ("libc.so", "ld-linux", "libm.so", "libpthread", "libdl.so", "librt.so", "libutil.so")
        )
    )
    packages: set[str] = set(DATA_DEPENDS)
    absent: list[str] = []
    for lib in missing:
        res = subprocess.run(["dpkg", "-S", f"*/{lib}"], capture_output=True, text=True)
        if res.returncode == 0 and res.stdout:
            pkg = res.stdout.splitlines()[0].split(":")[0].split(",")[0].strip()
        elif lib in KNOWN_LIBRARIES:
            pkg = KNOWN_LIBRARIES[lib]
        else:
            absent.append(lib)
            continue
        if not pkg.endswith("-dev"):
            packages.add(pkg)
    if absent:
        raise BuildError(missing_libraries_message(absent))
    base = {d.split()[0] for d in LINUX_BASE_DEPENDS}
    return LINUX_BASE_DEPENDS + sorted(packages - base)


def package_for_soname(soname: str) -> str:
    """The package name Debian policy (8.1) gives a shared library: the soname without
    `.so`, in lower case, then the major version, after a hyphen when the name ends in a
    digit. libxcb-cursor.so.0 -> libxcb-cursor0, libxkbcommon-x11.so.0 -> libxkbcommon-x11-0.
    """
    name, _, version = soname.partition(".so")
    name, major = name.lower().replace("_", "-"), version.lstrip(".").split(".")[0]
    if not major:
        return name
    return f"{name}-{major}" if name[-1].isdigit() else f"{name}{major}"


def apt_knows(package: str) -> bool | None:
    """Whether apt-cache knows `package`; None when there is no apt-cache to ask."""
    if shutil.which("apt-cache") is None:
        return None
    res = subprocess.run(["apt-cache", "show", "--no-all-versions", package],
                         capture_output=True, text=True)  # fmt: skip
    return res.returncode == 0 and f"Package: {package}\n" in res.stdout


def setup_packages() -> set[str]:
    """The system packages scripts/setup.sh installs (its APT_PACKAGES)."""
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    found = re.search(r'^APT_PACKAGES="([^"]*)"', text, re.MULTILINE)
    return set(found[1].replace("\\\n", " ").split()) if found else set()


def missing_libraries_message(libraries: list[str]) -> str:
    """Tell the builder which system packages to install for libraries the bundle needs but
    that neither the bundle nor this machine has (so PyInstaller could not take them along)."""
    lines, install, unknown = [], [], []
    for lib in libraries:
        pkg = package_for_soname(lib)
        known = apt_knows(pkg)
        if known is False:
            unknown.append(lib)
            lines.append(f"  {lib}: geen pakket {pkg} volgens apt-cache (afwijkende naam?)")
            continue
        install.append(pkg)
        note = "bestaat volgens apt-cache" if known else "niet nagegaan: apt-cache ontbreekt"
        lines.append(f"  {lib}: pakket {pkg} ({note})")
    text = (
        "De bundel heeft systeembibliotheken nodig die op deze machine ontbreken, dus kon "
        "PyInstaller ze niet meenemen:\n" + "\n".join(lines) + "\n"
    )
    if install and set(install) <= setup_packages():
        text += "Installeer ze met: bash scripts/setup.sh (als root)"
    elif install:
        text += (f"Installeer ze (als root): apt-get install {' '.join(install)}\n"
                 "en zet ze bij APT_PACKAGES in scripts/setup.sh, zodat bash scripts/setup.sh "
                 "ze op een nieuwe machine ook installeert")  # fmt: skip
    if unknown:
        text += ("" if not install else "\n") + (
            f"Zoek het pakket van {', '.join(unknown)} met 'apt-file search' (of draai eerst "
            "apt-get update), installeer het en zet het bij APT_PACKAGES in scripts/setup.sh"
        )
    return text + ". Bouw daarna opnieuw."


def stage_deb(v: str, depends: list[str]) -> Path:
    stage = BUILD / "deb" / f"caseload-desk_{v}_amd64"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / "caseload-desk"
    shutil.copytree(BUNDLE, opt, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/caseload-desk/caseload-desk", stage / "usr" / "bin" / "caseload-desk")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "caseload-desk.desktop", apps)
    icons = stage / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        d = icons / f"{size}x{size}" / "apps"
        d.mkdir(parents=True)
        shutil.copy(
            ROOT / "resources" / "icons" / f"caseload-desk-{size}.png", d / "caseload-desk.png"
        )
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "caseload-desk.svg", icons / "scalable" / "apps")
    doc = stage / "usr" / "share" / "doc" / "caseload-desk"
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "copyright", doc / "copyright")
    stamp = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    changelog = (f"caseload-desk ({v}) stable; urgency=medium\n\n  * Release {v}.\n\n"
                 f" -- Caseload Desk <beheer@caseload-desk.invalid>  {stamp}\n")  # fmt: skip
    with gzip.GzipFile(doc / "changelog.gz", "wb", compresslevel=9, mtime=0) as fh:
        fh.write(changelog.encode())
    overrides = stage / "usr" / "share" / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "packaging" / "linux" / "lintian-overrides", overrides / "caseload-desk")
    for p in stage.rglob("*"):  # predictable permissions, whatever the build host's umask
        if p.is_symlink():
            continue
        executable = p.is_dir() or (
            os.access(p, os.X_OK) and (p.suffix in ("", ".so") or ".so." in p.name)
        )
        p.chmod(0o755 if executable else 0o644)
    (stage / "DEBIAN").mkdir()
    installed_kb = size_of(stage) // 1024
    (stage / "DEBIAN" / "control").write_text(
        f"""Package: caseload-desk
Version: {v}
Section: misc
Priority: optional
Architecture: amd64
Maintainer: Caseload Desk <beheer@caseload-desk.invalid>
Installed-Size: {installed_kb}
Depends: {", ".join(depends)}
Description: signalen en acties voor het caseloadgesprek in de jeugdbescherming
 Caseload Desk toont een praktijkbegeleider per jeugdzorgwerker welke
 dossiers aandacht nodig hebben (betekenisvol cliëntcontact onder druk en
 andere signalen), legt de afspraken uit het caseloadgesprek vast en volgt
 ze op. Werkt volledig offline; bevat een eigen Python- en Qt-omgeving.
""",
        encoding="utf-8",
    )
    return stage


def build_deb(v: str, check: bool) -> Path:
    need("dpkg-deb", "apt-get install dpkg")
    need("readelf", "apt-get install binutils")
    depends = debian_depends(BUNDLE)
    print("Depends:", ", ".join(depends))
    stage = stage_deb(v, depends)
    target = DIST / f"caseload-desk_{v}_amd64.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(target)])
    if check:
        desktop = stage / "usr" / "share" / "applications" / "caseload-desk.desktop"
        run([need("desktop-file-validate", "apt-get install desktop-file-utils"), str(desktop)])
        lintian = need("lintian", "apt-get install lintian")
        run([lintian, "--fail-on", "error", "--suppress-tags", "bad-distribution-in-changes-file",
             str(target)])  # fmt: skip
    return target


# --- Windows: NSIS installer ------------------------------------------------------------------
def build_windows_installer(v: str, makensis: str | None = None) -> Path:
    makensis = makensis or need(
        "makensis", "installeer NSIS (https://nsis.sourceforge.io) of: choco install nsis"
    )
    target = DIST / f"caseload-desk-{v}-setup.exe"
    run([makensis, "-V2", f"-DVERSION={v}", f"-DSOURCE={BUNDLE}", f"-DOUTFILE={target}",
         f"-DICON={ROOT / 'resources' / 'caseload-desk.ico'}", str(NSIS_SCRIPT)])  # fmt: skip
    return target


# --- main -----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Bouwt Caseload Desk als installeerbaar pakket: eerst een PyInstaller-"
        "bundel (dist/caseload-desk/), dan op Linux een .deb en op Windows een installer.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument(
        "--bundel-hergebruiken", action="store_true",
        help="gebruik de bestaande dist/caseload-desk/ in plaats van opnieuw te bundelen",
    )  # fmt: skip
    parser.add_argument("--geen-controle", action="store_true",
                        help="sla lintian en desktop-file-validate over")  # fmt: skip
    args = parser.parse_args(argv)
    v = version()
    try:
        if args.bundel_hergebruiken and BUNDLE.is_dir():
            print(f"Bestaande bundel gebruikt: {BUNDLE}")
        else:
            build_bundle(v)
        prune_bundle()
        built = [BUNDLE]
        if sys.platform.startswith("linux"):
            built.append(build_deb(v, check=not args.geen_controle))
        elif sys.platform == "win32":
            built.append(build_windows_installer(v))
        else:
            print("Op dit platform wordt alleen de bundel gemaakt.")
    except BuildError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 2
    print(f"\nGebouwd (versie {v}):")
    for path in built:
        print(f"  {path.relative_to(ROOT)}  {mb(size_of(path))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
