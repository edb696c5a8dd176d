"""Photograph an Xvfb screen and read its text: does the app draw letters or boxes?

    python scripts/screen_text.py FRAMEBUFFER OUT.png WORD [WORD ...]

FRAMEBUFFER is the XWD file Xvfb keeps with `-fbdir` (Xvfb_screen0). The script waits
until the screen shows a window and stops changing, saves it as OUT.png, reads it with
tesseract and exits 0 when every WORD is found (case-insensitive), 1 when not, 2 when
there was nothing to read. Package checks use it to prove text renders on a clean system:
glyphs drawn as boxes give no words.
"""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

XWD_HEADER = struct.Struct(">25I")  # XWDFileHeader: 25 CARD32 fields, then the window name
WAIT_S = 60.0
STILL_S = 2.0


def read_xwd(path: Path) -> QImage:
    """The screen in a 24-bit TrueColor XWD file (what Xvfb writes), as a QImage."""
    data = path.read_bytes()
    fields = XWD_HEADER.unpack_from(data)
    if fields[1] != 7:  # file_version; Xvfb writes the header in the host's byte order
        fields = struct.unpack_from("<25I", data)
    header_size, _, _, depth, width, height = fields[:6]
    bits_per_pixel, bytes_per_line = fields[11], fields[12]
    masks, ncolors = fields[14:17], fields[19]
    if (depth, bits_per_pixel, masks) != (24, 32, (0xFF0000, 0xFF00, 0xFF)):
        raise ValueError(f"onverwacht XWD-formaat: diepte {depth}, {bits_per_pixel} bits")
    start = header_size + 12 * ncolors  # XWDColor entries: 12 bytes each
    pixels = data[start : start + bytes_per_line * height]
    image = QImage(pixels, width, height, bytes_per_line, QImage.Format.Format_RGB32)
    return image.copy()  # own the pixels: `data` goes away


def settled_screen(path: Path) -> QImage | None:
    """Wait until the screen is not one flat colour and unchanged for STILL_S seconds."""
    deadline = time.monotonic() + WAIT_S
    last, since = b"", time.monotonic()
    while time.monotonic() < deadline:
        image = read_xwd(path)
        digest = hashlib.sha1(bytes(image.constBits())).digest()
        if digest != last:
            last, since = digest, time.monotonic()
        elif time.monotonic() - since >= STILL_S and not is_flat(image):
            return image
        time.sleep(0.5)
    return None


def is_flat(image: QImage) -> bool:
    small = image.scaled(64, 36)
    return len({small.pixel(x, y) for x in range(64) for y in range(36)}) <= 1


def ocr_words(png: Path) -> set[str]:
    # Twice the size: tesseract reads 9-10 pt screen text far better that way.
    big = png.with_suffix(".ocr.png")
    image = QImage(str(png))
    image.scaled(image.size() * 2, Qt.AspectRatioMode.KeepAspectRatio,
                 Qt.TransformationMode.SmoothTransformation).save(str(big))  # fmt: skip
    try:
        out = subprocess.run(["tesseract", str(big), "-", "--psm", "11"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    finally:
        big.unlink(missing_ok=True)
    return {w.strip(".,:;…()").casefold() for w in out.split()}


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    framebuffer, png, words = Path(argv[0]), Path(argv[1]), argv[2:]
    image = settled_screen(framebuffer)
    if image is None:
        print(f"Geen venster te zien binnen {WAIT_S:.0f} s.", file=sys.stderr)
        return 2
    image.save(str(png))
    found = ocr_words(png)
    missing = [w for w in words if w.casefold() not in found]
    print(f"schermafbeelding: {png}")
    print(f"gelezen ({len(found)} woorden): {' '.join(w[:25] for w in sorted(found)[:40])}")
    if missing:
        print(f"niet gevonden: {', '.join(missing)}")
        return 1
    print(f"gevonden: {', '.join(words)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
