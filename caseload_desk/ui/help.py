"""The Help window (F1): every keyboard shortcut of a window, in one list.

The lists are the single source: a test checks each listed key is really bound in its
window, so this help cannot drift from the app.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from caseload_desk.ui.geometry import fit_to_screen

# (keys, what they do); "Alt+letter" mnemonics are the underlined letters of the labels.
CONVERSATION_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Naar het volgende / vorige onderdeel; tabellen houden Tab niet vast"),
    ("Alt+1, Alt+2, Alt+3", "Naar 1. opvolging, 2. gesignaleerde dossiers, 3. nieuwe acties"),
    ("Alt+N", "Naar de notities van dit gesprek"),
    ("Pijltjes", "Door de regels van een tabel"),
    ("1", "Opvolging: afgerond (in de tabel met eerdere acties)"),
    ("2", "Opvolging: loopt nog"),
    ("3", "Opvolging: vervallen"),
    ("0", "Opvolging wissen"),
    ("Enter", "Eerdere actie: naar haar notitie; gesignaleerd dossier: actie toevoegen"),
    ("Alt+O", "Naar de notitie bij de gekozen opvolging"),
    ("Ctrl+N / Alt+A", "Actie toevoegen bij het gekozen gesignaleerde dossier"),
    ("Ctrl+Shift+N / Alt+M", "Algemene actie voor de medewerker"),
    ("Ctrl+E", "De gekozen actie wijzigen (omschrijving, eigenaar, deadline)"),
    ("Alt+W / Alt+I", "Wijzigen: de gekozen eerdere actie / de gekozen nieuwe actie"),
    ("Delete / Alt+V", "De gekozen nieuwe actie verwijderen (na bevestiging)"),
    ("Alt+D, Alt+P", "Naar de datum van het gesprek, naar de praktijkbegeleider"),
    ("Ctrl+Return / Alt+F", "Gesprek afronden (na bevestiging; Enter kiest daar 'Nee')"),
    ("Escape", "Venster sluiten; het concept blijft bewaard"),
    ("F1", "Deze hulp"),
)

MAIN_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Naar het volgende / vorige onderdeel"),
    ("Alt+B, Alt+L, Alt+G, Alt+H", "Menu's Bestand, Beeld, Gegevens, Hulp"),
    ("Alt+K", "In het menu Beeld: de kolommen van de caseload aan- of uitzetten"),
    ("Ctrl+O", "Database openen"),
    ("Ctrl+I", "Export inlezen (Excel)"),
    ("Ctrl+Shift+I", "Export inlezen (map met CSV-bestanden)"),
    ("Ctrl+E", "Actielijst exporteren naar Excel"),
    ("Alt+P", "Naar de peildatum"),
    ("Ctrl+F", "Zoeken in de caseload"),
    ("Pijl omlaag / Enter", "Vanuit het zoekveld naar de medewerkerslijst"),
    ("Alt+D, Alt+I", "Filters: alleen onder druk, met een signaal"),
    ("Enter", "Het gekozen dossier openen"),
    ("Ctrl+G / Alt+S", "Caseloadgesprek starten, of verder gaan met het concept"),
    ("Alt+V, Alt+W", "Concept-gesprek: verder met gesprek, concept weggooien"),
    ("Ctrl+H / Alt+E", "Eerdere gesprekken"),
    ("Alt+O", "Niet meer in de export: de gekozen actie opvolgen in het gesprek"),
    ("Ctrl+L", "Werklast van het team: belasting per medewerker, met de lijn van 100 %"),
    ("Ctrl+R", "Ruimte voor CRT-maatregelen: wie een maatregel zonder vaste JB erbij kan nemen"),
    ("Ctrl+M", "Monitor: tijdigheid en cliëntcontact over een periode"),
    ("Ctrl+,", "Instellingen"),
    ("F5", "Vernieuwen"),
    ("Ctrl+Q", "Afsluiten"),
    ("F1", "Deze hulp"),
)

MONITOR_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "Naar het volgende / vorige onderdeel"),
    ("Alt+N", "Naar het niveau: organisatie, regio, team of medewerker"),
    ("Alt+V, Alt+T", "Naar de eerste / laatste peildatum"),
    ("Alt+I", "Naar het interval: per week of per maand"),
    ("Ctrl+1, Ctrl+2, Ctrl+3", "Naar de tabel, de grafieken, het effect van de gesprekken"),
    ("Pijltjes", "Door de cellen van de tabel"),
    ("Enter", "In de tabel: de maatregelen achter de gekozen waarde"),
    ("Alt+E", "De tabel exporteren naar Excel"),
    ("F5", "Opnieuw berekenen"),
    ("Ctrl+W", "Venster sluiten"),
    ("F1", "Deze hulp"),
)


def keys_html(title: str, keys: tuple[tuple[str, str], ...]) -> str:
    rows = "".join(
        f"<tr><td style='padding:2px 12px 2px 0'><b>{escape(k)}</b></td>"
        f"<td style='padding:2px 0'>{escape(what)}</td></tr>"
        for k, what in keys
    )
    return f"<h3>{escape(title)}</h3><table>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, title: str, keys: tuple[tuple[str, str], ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(f"Hulp – {title}")
        self.text = QTextBrowser()
        self.text.setObjectName("helpText")
        self.text.setAccessibleName("Sneltoetsen")
        self.text.setHtml(keys_html(f"Sneltoetsen: {title}", keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 560)


def show_help(parent: QWidget, title: str, keys: tuple[tuple[str, str], ...]) -> HelpDialog:
    dialog = HelpDialog(title, keys, parent)
    dialog.show()
    return dialog
