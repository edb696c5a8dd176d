"""Render the application icon from its SVG source to the PNG and ICO sizes platforms want.

    .venv/bin/python scripts/make_icons.py

Source: resources/caseload-desk.svg. Writes resources/icons/caseload-desk-<n>.png,
resources/caseload-desk.ico (PNG entries, Windows Vista and later) and the package copy
caseload_desk/resources/icons/app.svg that the running app uses.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "caseload-desk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, offset = b"", 6 + 16 * len(images)
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in the ICO format
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(images.values())


def main() -> int:
    QGuiApplication([])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"ongeldige SVG: {SOURCE}", file=sys.stderr)
        return 1
    out = ROOT / "resources" / "icons"
    out.mkdir(exist_ok=True)
    pngs = {size: render(renderer, size) for size in PNG_SIZES}
    for size, png in pngs.items():
        (out / f"caseload-desk-{size}.png").write_bytes(png)
    (ROOT / "resources" / "caseload-desk.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    shutil.copyfile(SOURCE, ROOT / "caseload_desk" / "resources" / "icons" / "app.svg")
    print(f"{len(pngs)} PNG's, 1 ICO en de pakketkopie geschreven")
    return 0


if __name__ == "__main__":
    sys.exit(main())
