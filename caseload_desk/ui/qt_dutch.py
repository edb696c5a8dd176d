"""Qt's own dialogs in Dutch: Qt's translations (qtbase_nl.qm), plus the strings they lack.

Qt's Dutch translation is incomplete: strings Qt changed since it was last updated are shown
in English, such as "&Look in:" and "Files of &type:" in the file dialog and "Page &Set:" in
the print dialog; and a few of its texts are wrong ("Pagegrootte"). `QtDutchSupplement`
supplies those and leaves everything else to Qt's catalogue. The missing ones were found by
asking, with every standard dialog the app opens on screen, which strings no translator
answered (tests/test_dutch_dialogs.py keeps asking).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

# qtbase_nl holds every Qt Widgets and print-support string. (qt_nl.qm only points at the
# catalogues of all Qt modules, most of them not installed, and then does not load.)
QT_CATALOGUES = ("qtbase_nl",)

# (context, English source) -> Dutch, for the strings Qt's own Dutch translation lacks.
MISSING: dict[tuple[str, str], str] = {
    # The file dialog (Qt's own, used on Linux without a platform theme).
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestanden van &type:",
    ("QAbstractFileIconProvider", "Folder"): "Map",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "File Folder"): "Bestandsmap",
    ("QAbstractFileIconProvider", "Shortcut"): "Snelkoppeling",
    ("QMimeType", "JSON document"): "JSON-document",
    ("QMimeType", "TOML document"): "TOML-document",
    # The print dialog, its options and its properties.
    ("QPrintSettingsOutput", "Page &Set:"): "Pagina&selectie:",
    ("QPrintSettingsOutput", "Double Sided Printing"): "Dubbelzijdig afdrukken",
    ("QPrintSettingsOutput", "Off"): "Uit",
    ("QPrintSettingsOutput", "Long side binding"): "Binden aan de lange zijde",
    ("QPrintSettingsOutput", "Short side binding"): "Binden aan de korte zijde",
    ("QPageSetupWidget", "Page &order:"): "Pagina&volgorde:",
    ("QPageSetupWidget", "Pages &per sheet:"): "Pagina's &per vel:",
    ("QCupsJobWidget", "Scheduled &printing:"): "&Gepland afdrukken:",
    ("QCupsJobWidget", "&Billing information:"): "&Factuurgegevens:",
    ("QCupsJobWidget", "Job &priority:"): "&Prioriteit van de taak:",
    ("QCupsJobWidget", "&Start:"): "&Begin:",
    ("QCupsJobWidget", "&End:"): "&Einde:",
    ("QPrintDialog", "Options 'Pages Per Sheet' and 'Page Set' cannot be used together."): (
        "De opties 'Pagina's per vel' en 'Paginaselectie' kunnen niet samen worden gebruikt."
    ),
    ("QPrintDialog", "Please turn one of those options off."): "Zet een van beide uit.",
}

# Qt's Dutch that is wrong or stilted, in dialogs the app opens.
CORRECTIONS: dict[tuple[str, str], str] = {
    ("QPageSetupWidget", "Page size:"): "Paginaformaat:",
    ("QFileDialog", "%1\nFile not found.\nPlease verify the correct file name was given."): (
        "%1\nBestand niet gevonden.\nControleer de bestandsnaam."
    ),
    ("QPrintDialog", "%1 is a directory.\nPlease choose a different file name."): (
        "%1 is een map.\nKies een andere bestandsnaam."
    ),
    ("QPrintDialog", "File %1 is not writable.\nPlease choose a different file name."): (
        "In %1 kan niet worden geschreven.\nKies een andere bestandsnaam."
    ),
}

DUTCH = MISSING | CORRECTIONS


class QtDutchSupplement(QTranslator):
    """Answers only for the strings in DUTCH; everything else is left to Qt's catalogue."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": an empty answer counts as a translation and would blank the text.
        return DUTCH.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_dutch(app: QCoreApplication) -> None:
    """Dutch locale and Qt's own translations, so standard dialogs speak Dutch too. Once per
    application: translators pile up otherwise, each asked for every string."""
    if app.property("caseloadDeskDutch"):
        return
    app.setProperty("caseloadDeskDutch", True)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    # Qt asks the translator installed last first: the supplement, so that its
    # corrections win; it answers None for the rest, which Qt's catalogue then answers.
    app.installTranslator(QtDutchSupplement(app))
