"""Text contrast at least 4.5:1 (WCAG 2.1 AA, 1.4.3) everywhere the app draws text: the
palette's text on its backgrounds (selected rows too, with and without focus), the signal
colours on the rows they colour, colours in style sheets and HTML in ui/ code, and chart
text. Coloured chart shapes need 3:1 against the white plot (1.4.11)."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette

from caseload_desk.ui import style
from caseload_desk.ui.app import make_application

UI = Path(__file__).resolve().parents[1] / "caseload_desk" / "ui"
TEXT, SHAPES = 4.5, 3.0
Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def relative_luminance(colour: QColor) -> float:
    """WCAG 2.1: the sRGB channels linearised, weighted by the eye's sensitivity."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def over(fg: QColor, bg: QColor) -> QColor:
    """A half-transparent colour as it shows on its background."""
    a = fg.alphaF()
    mix = lambda f, b: round(f * a + b * (1 - a))  # noqa: E731
    return QColor(mix(fg.red(), bg.red()), mix(fg.green(), bg.green()), mix(fg.blue(), bg.blue()))


def contrast(fg: QColor, bg: QColor) -> float:
    light, dark = sorted((relative_luminance(over(fg, bg)), relative_luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_matches_known_ratios() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("white"), QColor("white")) == pytest.approx(1.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("white"), QColor("#308CC6")) == pytest.approx(3.69, abs=0.01)
    assert contrast(QColor(0, 0, 0, 128), QColor("white")) == pytest.approx(4.0, abs=0.01)


PALETTE_PAIRS = (
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.HighlightedText, Role.Highlight),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Base),
    (Role.Link, Role.Window),
)


def too_low(pairs: list[tuple[str, QColor, QColor]], least: float) -> list[str]:
    return [
        f"{name}: {fg.name()} op {bg.name()} = {contrast(fg, bg):.2f}"
        for name, fg, bg in pairs
        if contrast(fg, bg) < least
    ]


def test_palette_text_on_its_backgrounds(qapp) -> None:
    palette = make_application().palette()
    pairs = [
        (f"{group.name} {fg.name}/{bg.name}", palette.color(group, fg), palette.color(group, bg))
        for group in (Group.Active, Group.Inactive)
        for fg, bg in PALETTE_PAIRS
    ]
    assert too_low(pairs, TEXT) == []


def test_signal_colours_on_the_rows_they_colour(qapp) -> None:
    palette = make_application().palette()
    rows = {
        "gewone rij": palette.color(Group.Active, Role.Base),
        "andere rij": palette.color(Group.Active, Role.AlternateBase),
        "rij onder druk": style.ROW_ALERT,
    }
    colours = {"RED": style.RED, "ORANGE": style.ORANGE, "GREEN": style.GREEN}
    colours |= {f"FRESHNESS {k.name}": v for k, v in style.FRESHNESS_COLOUR.items()}
    pairs = [(f"{c} op {r}", fg, bg) for c, fg in colours.items() for r, bg in rows.items()]
    assert too_low(pairs, TEXT) == []


def colour(text: str) -> QColor:
    found = QColor(text)
    assert found.isValid(), text
    return found


COLOUR = r"(#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b)"


def style_text_colours() -> list[tuple[str, QColor, QColor | None]]:
    """Every CSS `color:` in a string of ui/ code (style sheets, HTML), with the
    `background:` set in the same rule or style attribute, if any."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                continue
            for rule in re.split(r"[{}'\"]", node.value):  # a CSS rule or a style='...'
                background = re.search(r"background(?:-color)?\s*:\s*" + COLOUR, rule)
                for fg in re.findall(r"(?<![-\w])color\s*:\s*" + COLOUR, rule):
                    where = f"{path.relative_to(UI)}:{node.lineno}"
                    found.append((where, colour(fg), background and colour(background[1])))
    return found


def test_style_sheet_and_html_colours_in_ui_code(qapp) -> None:
    palette = make_application().palette()
    found = style_text_colours()
    assert len(found) >= 5  # the scan sees the colours that are there (welcome, banner, ...)
    pairs = []
    for where, fg, bg in found:
        # Without a background of its own, text lies on a window or on a white field/page.
        for under in [bg] if bg else [palette.color(Role.Window), palette.color(Role.Base)]:
            pairs.append((where, fg, under))
    assert too_low(pairs, TEXT) == []


def test_chart_text_and_shapes(qapp) -> None:
    import pyqtgraph as pg

    from caseload_desk.ui.charts.common import COLOURS

    plot = pg.mkColor(pg.getConfigOption("background"))
    text = pg.mkColor(pg.getConfigOption("foreground"))
    assert contrast(text, plot) >= TEXT
    # The bars' colours against the plot and against the white hatching laid over them.
    assert too_low([(s, colour(c), plot) for s, c in COLOURS.items()], SHAPES) == []


def test_a_selected_row_is_painted_in_the_readable_colour(qtbot, main_window) -> None:
    """What the screen shows: the style paints a selected cell as a slight gradient around
    the palette's colour; white text must be readable on all of it."""
    table = main_window.caseload.table
    table.setFocus()
    table.selectRow(0)
    image = table.viewport().grab().toImage()
    rect = table.visualRect(table.model().index(0, 0))
    pixels = Counter(
        image.pixelColor(QPoint(x, y)).name()
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    )
    # The background: the colours that fill more than a sliver (not the text's edges).
    background = [QColor(c) for c, n in pixels.items() if n > rect.width() * 2]
    assert background, pixels.most_common(5)
    white = table.palette().color(Role.HighlightedText)
    assert too_low([("geselecteerd", white, c) for c in background], TEXT) == []
    assert all(abs(c.blue() - style.SELECTION.blue()) < 12 for c in background), background
