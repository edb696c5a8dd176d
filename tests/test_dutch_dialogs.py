"""Qt's own dialogs speak Dutch: the file dialog, the print dialog and message boxes.

The dialogs are opened as the app opens them (the Open action, the history's print
button) and answered by pressing their buttons. Two checks on each: no English word a
person would see is left in it, and every string Qt asked a translation for while it was
open has a Dutch one (in Qt's catalogues or in caseload_desk/ui/qt_dutch.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)

from caseload_desk.ui.conversation.history import HistoryDialog
from caseload_desk.ui.qt_dutch import QT_CATALOGUES, QtDutchSupplement
from tests.conftest import open_window
from tests.journey import (
    Alt,
    Ctrl,
    answering,
    message_text,
    press_button,
    shortcut,
    type_into,
    visible_dialog,
)

# Strings Qt asks for that are never shown: the layout direction, a number format, and key
# names it compares a shortcut's text with while reading it (qkeysequence.cpp).
NOT_TEXT = {
    ("QGuiApplication", "QT_LAYOUT_DIRECTION"),
    ("QProgressBar", "%p%"),
    ("QShortcut", "Control"),
    ("QShortcut", "Keyboard"),
}


class Asked(QTranslator):
    """Notes every string Qt asks a translation for; answers none (the others do)."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context: str, source: str, disambiguation=None, n: int = -1) -> None:
        self.asked.add((context, source))
        return None  # no answer ("" would be one: an empty text)

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def asked(qapp) -> Iterator[Asked]:
    recorder = Asked()
    qapp.installTranslator(recorder)  # asked first: it sees every string
    yield recorder
    qapp.removeTranslator(recorder)


def without_dutch(asked: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The strings that neither Qt's Dutch catalogues nor the supplement translate."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = []
    for name in QT_CATALOGUES:
        catalogue = QTranslator()
        if catalogue.load(name, folder):
            catalogues.append(catalogue)
    assert catalogues, f"geen Nederlandse vertaling van Qt in {folder}"
    catalogues.append(QtDutchSupplement())
    return sorted(
        (context, source)
        for context, source in asked - NOT_TEXT
        if not any(c.translate(context, source) for c in catalogues)
    )


def texts(root: QWidget) -> list[str]:
    """Every text of a dialog a person can see or get to: titles, labels, buttons, tooltips,
    list entries, column headers, the names and types in the file list ('&' left out)."""
    found = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        found += [w.toolTip(), w.accessibleName()]
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        if isinstance(w, QGroupBox):
            found.append(w.title())
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            found += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QHeaderView) and w.model() is not None:
            model = w.model()
            found += [str(model.headerData(i, w.orientation())) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            model, root_index = w.model(), w.rootIndex()
            for row in range(min(model.rowCount(root_index), 50)):
                for col in range(model.columnCount(root_index)):
                    found.append(str(model.index(row, col, root_index).data() or ""))
        found += [a.text() for a in w.actions()]
    return [t.replace("&", "") for t in found if t]


def english(found: list[str], words: tuple[str, ...]) -> list[str]:
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b")
    return [t for t in found if pattern.search(t)]


FILE_DIALOG_ENGLISH = (
    "Look in", "Files of type", "File name", "Cancel", "Open", "Save", "Folder", "Back",
    "Forward", "Parent Directory", "Create New Folder", "List View", "Detail View", "Name",
    "Size", "Date Modified", "Drive", "My Computer", "Recent Places",
)  # fmt: skip


def test_the_open_dialog_is_dutch(qtbot, app_settings, tmp_path: Path, asked: Asked) -> None:
    """Bestand > Openen: labels, buttons, tooltips, and the file list in detail view."""
    (tmp_path / "map" / "submap").mkdir(parents=True)
    (tmp_path / "map" / "gegevens.db").write_bytes(b"")
    window = open_window(qtbot, None, app_settings)
    seen: dict[str, object] = {}

    def look(dialog: QFileDialog) -> None:
        # Into the folder, as a person does: its path in the name field, Enter.
        type_into(qtbot, dialog.findChild(QLineEdit, "fileNameEdit"), str(tmp_path / "map"))
        qtbot.keyClick(dialog.findChild(QLineEdit, "fileNameEdit"), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: Path(dialog.directory().absolutePath()) == tmp_path / "map")
        dialog.findChild(QToolButton, "detailModeButton").click()
        tree = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda: tree.isVisible() and tree.model().rowCount(tree.rootIndex()) == 2)
        seen["labels"] = [
            dialog.findChild(QLabel, name).text().replace("&", "")
            for name in ("lookInLabel", "fileNameLabel", "fileTypeLabel")
        ]
        rows = tree.model()
        seen["types"] = {
            rows.index(r, 0, tree.rootIndex()).data(): rows.index(r, 2, tree.rootIndex()).data()
            for r in range(rows.rowCount(tree.rootIndex()))
        }
        seen["texts"] = texts(dialog)
        seen["buttons"] = [b.text().replace("&", "") for b in dialog.findChildren(QPushButton)]
        press_button(dialog, "Annuleren")

    with answering(qtbot, QFileDialog, look):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)  # Bestand > Openen…
    assert seen["labels"] == ["Zoeken in:", "Bestandsnaam:", "Bestanden van type:"]
    assert {"Openen", "Annuleren"} <= set(seen["buttons"])
    assert seen["types"]["submap"] == "Map"
    assert english(seen["texts"], FILE_DIALOG_ENGLISH) == []
    assert without_dutch(asked.asked) == []
    window.close()


def test_a_name_that_is_not_there_is_answered_in_dutch(qtbot, app_settings, tmp_path) -> None:
    """A mistyped name in Bestand > Openen: the file dialog's own message, in Dutch."""
    window = open_window(qtbot, None, app_settings)
    seen: list[str] = []

    def mistype(dialog: QFileDialog) -> None:
        type_into(qtbot, dialog.findChild(QLineEdit, "fileNameEdit"), str(tmp_path / "weg.db"))
        qtbot.keyClick(dialog.findChild(QLineEdit, "fileNameEdit"), Qt.Key.Key_Return)
        press_button(dialog, "Annuleren")  # after the message below was answered

    def read(box: QMessageBox) -> None:
        seen.append(message_text(box))
        press_button(box, "OK")

    with answering(qtbot, QFileDialog, mistype, then=[(QMessageBox, read)]):
        shortcut(qtbot, window, Qt.Key.Key_O, Ctrl)
    assert "weg.db\nBestand niet gevonden.\nControleer de bestandsnaam." in seen[0]
    window.close()


PRINT_DIALOG_ENGLISH = (
    "Print", "Cancel", "Options", "Properties", "Name", "Location",
    "Output file", "Copies", "Page Set", "Double Sided Printing", "Long side binding",
    "Short side binding", "Off", "Collate", "Reverse", "Color", "Grayscale", "Print range",
    "Pages from", "Current Page", "Selection", "Page", "Paper", "Orientation", "Portrait",
    "Landscape", "Margins", "Pages per sheet", "Page order", "Scheduled printing",
    "Billing information", "Job priority", "Start", "End", "Advanced", "Job",
)  # fmt: skip


def test_the_print_dialog_is_dutch(qtbot, demo_db: Path, app_settings, asked: Asked) -> None:
    """Eerdere gesprekken > Verslag afdrukken: the dialog, its options and its properties."""
    window = open_window(qtbot, demo_db, app_settings)
    window.select_worker("W001")
    shortcut(qtbot, window, Qt.Key.Key_H, Ctrl)
    history = visible_dialog(HistoryDialog)
    assert history is not None
    seen: dict[str, list[str]] = {}

    def properties(dialog: QDialog) -> None:
        seen["properties"] = texts(dialog)
        press_button(dialog, "Annuleren")

    def look(dialog: QPrintDialog) -> None:
        press_button(dialog, "Opties >>")
        seen["print"] = texts(dialog)
        press_button(dialog, "Eigenschappen")  # opens the properties, answered above
        press_button(dialog, "Annuleren")

    with answering(qtbot, QPrintDialog, look, then=[(QDialog, properties)]):
        shortcut(qtbot, history, Qt.Key.Key_A, Alt)  # Verslag afdrukken…
    assert "Afdrukken" in seen["print"] and "Annuleren" in seen["print"]
    assert "Paginaselectie:" in seen["print"] and "Dubbelzijdig afdrukken" in seen["print"]
    assert english(seen["print"], PRINT_DIALOG_ENGLISH) == []
    assert english(seen["properties"], PRINT_DIALOG_ENGLISH) == []
    assert "Paginaformaat:" in seen["properties"]  # Qt's own Dutch says "Pagegrootte"
    assert without_dutch(asked.asked) == []
    history.close()
    window.close()


def test_message_box_buttons_are_dutch(qtbot, main_window) -> None:
    """The standard buttons of a question, with the app's translations installed."""
    SB = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?",
                      SB.Yes | SB.No | SB.Cancel | SB.Ok | SB.Save | SB.Close, main_window)  # fmt: skip
    qtbot.addWidget(box)
    names = {b: box.button(b).text().replace("&", "") for b in (SB.Yes, SB.No, SB.Cancel)}
    assert names == {SB.Yes: "Ja", SB.No: "Nee", SB.Cancel: "Annuleren"}
    others = [box.button(b).text().replace("&", "") for b in (SB.Ok, SB.Save, SB.Close)]
    assert others == ["OK", "Opslaan", "Sluiten"]


def test_the_translations_are_installed_once(qapp, app_settings, qtbot) -> None:
    """Opening windows again must not pile up translators (each is asked for every text)."""
    before = len(qapp.findChildren(QTranslator))
    for _ in range(3):
        open_window(qtbot, None, app_settings).close()
    assert len(qapp.findChildren(QTranslator)) == before
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Zoeken in:"
