"""Every control has a name a screen reader can say (tests/accessibility.py): in the
settings dialog, the add-action and edit-action dialogs, the history, the welcome page, the
conversation window and the help, each opened as the app opens it. (The main window:
tests/test_main_window_a11y.py.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from caseload_desk.ui.conversation.add_action import AddActionDialog
from caseload_desk.ui.conversation.history import HistoryDialog
from caseload_desk.ui.settings_dialog import SignalSettingsDialog
from tests.accessibility import accessible_name, interactive_widgets, unnamed_widgets
from tests.conftest import open_window
from tests.journey import Ctrl, answering, press_button, shortcut, visible_dialog


def test_the_check_finds_what_has_no_name(qtbot) -> None:
    page = QWidget()
    page.setObjectName("page")
    qtbot.addWidget(page)
    form = QFormLayout()
    named_by_form = QLineEdit(objectName="byForm")
    form.addRow("&Naam:", named_by_form)
    by_buddy = QSpinBox(objectName="byBuddy")
    label = QLabel("&Aantal")
    label.setBuddy(by_buddy)
    by_name = QDateEdit(objectName="byName")
    by_name.setAccessibleName("Datum")
    empty_buddy = QComboBox(objectName="emptyBuddy")
    QLabel("", page).setBuddy(empty_buddy)  # a label without text names nothing
    hidden = QLineEdit(objectName="hidden")
    hidden.hide()  # not shown now, maybe later: counts
    icon_only = QToolButton(objectName="iconOnly")
    icon_only.setToolTip("Zoeken")  # a tooltip is not a name
    table = QTableView(objectName="table")  # its header and corner button are its parts
    layout = QVBoxLayout(page)
    layout.addLayout(form)
    for w in (label, by_buddy, by_name, empty_buddy, hidden, icon_only, table):
        layout.addWidget(w)
    layout.addWidget(QPushButton("&Opslaan"))
    layout.addWidget(QCheckBox("Alleen onder druk"))
    assert unnamed_widgets(page) == [
        "QComboBox emptyBuddy in page",
        "QLineEdit hidden in page",
        "QToolButton iconOnly in page",
        "QTableView table in page",
    ]
    assert [accessible_name(w) for w in (named_by_form, by_buddy, by_name)] == [
        "Naam:", "Aantal", "Datum",
    ]  # fmt: skip


def test_settings_dialog(qtbot, main_window) -> None:
    seen: dict[str, object] = {}

    def look(dialog: SignalSettingsDialog) -> None:
        seen["unnamed"] = unnamed_widgets(dialog)
        seen["spins"] = [accessible_name(s) for s in dialog.findChildren(QSpinBox)]
        seen["weights"] = [accessible_name(s) for s in dialog.findChildren(QDoubleSpinBox)]
        seen["norms"] = [accessible_name(s) for s in dialog.findChildren(QLineEdit)
                         if s.objectName().startswith("norm_")]  # fmt: skip
        seen["controls"] = len(interactive_widgets(dialog))
        press_button(dialog, "Annuleren")

    with answering(qtbot, SignalSettingsDialog, look):
        main_window.settings_action.trigger()  # Gegevens > Instellingen…
    # 15 periods, 3 norms, 3 buttons, the tab bar; the vrije dagen: table, date,
    # description, add, remove; on the Werklast tab 4 values and 6 weights; on the
    # Monitor tab a norm for each of the 10 indicators.
    assert seen["controls"] == 44 and seen["unnamed"] == []
    spins = seen["spins"]
    assert len(set(spins)) == len(spins) == 15  # each cell of the grid says which it is
    assert "Geen cliëntcontact na (maanden), Jeugdreclassering" in spins
    weights = seen["weights"]
    assert len(set(weights)) == len(weights) == 10
    assert "Gewicht Voogdij, eerste 12 maanden" in weights
    norms = seen["norms"]
    assert len(set(norms)) == len(norms) == 10
    assert "Norm Tijdigheid 1e F2F (%), minimaal percentage" in norms


def test_add_action_dialog(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    shortcut(qtbot, main_window, Qt.Key.Key_G, Ctrl)  # Caseloadgesprek starten
    talk = main_window.conversation
    qtbot.waitUntil(talk.isActiveWindow)
    seen: list[list[str]] = []

    def look(dialog: AddActionDialog) -> None:
        seen.append(unnamed_widgets(dialog))
        press_button(dialog, "Annuleren")

    talk.flagged_view.setFocus()
    with answering(qtbot, AddActionDialog, look):
        shortcut(qtbot, talk.flagged_view, Qt.Key.Key_N, Ctrl)  # Actie toevoegen
    assert seen == [[]]
    talk.close()


def test_history_dialog(qtbot, main_window) -> None:
    main_window.select_worker("W001")
    shortcut(qtbot, main_window, Qt.Key.Key_H, Ctrl)  # Eerdere gesprekken
    history = visible_dialog(HistoryDialog)
    assert history is not None
    assert len(interactive_widgets(history)) >= 5
    assert unnamed_widgets(history) == []
    history.close()


def test_welcome_page(qtbot, app_settings, tmp_path: Path) -> None:
    window = open_window(qtbot, None, app_settings)
    assert window.stack.currentWidget() is window.welcome
    assert len(interactive_widgets(window.welcome)) == 3
    assert unnamed_widgets(window.welcome) == []
    window.close()


def test_conversation_window_and_its_dialogs(qtbot, main_window) -> None:
    from caseload_desk.ui.help import HelpDialog

    main_window.select_worker("W001")
    shortcut(qtbot, main_window, Qt.Key.Key_G, Ctrl)
    talk = main_window.conversation
    qtbot.waitUntil(talk.isActiveWindow)
    assert unnamed_widgets(talk) == []
    shortcut(qtbot, talk, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    help_ = visible_dialog(HelpDialog)
    assert help_ is not None and unnamed_widgets(help_) == []
    help_.close()
    seen: list[list[str]] = []

    def check(dialog: AddActionDialog) -> None:
        seen.append(unnamed_widgets(dialog))
        press_button(dialog, "Annuleren")

    talk.follow_view.setFocus()
    with answering(qtbot, AddActionDialog, check):  # Ctrl+E: "Actie wijzigen"
        shortcut(qtbot, talk.follow_view, Qt.Key.Key_E, Ctrl)
    assert seen == [[]]
    talk.close()
