"""Qt's own strings (dialog buttons, the file dialog, context menus) in the UI language.

Qt ships no Indonesian catalogue (there is no ``qtbase_id.qm``), so OK/Cancel/Yes/No and
the whole non-native QFileDialog stayed English in an Indonesian Siar. As Frescobaldi does
(``frescobaldi/i18n/qtranslator.py``), a QTranslator subclass answers Qt's
``translate(context, source)`` calls from Siar's own gettext catalogue. The strings are
listed below per Qt context (found by logging every ``translate`` call while each dialog
Siar uses was open), marked with ``N_`` so ``tools/update_po.py`` collects them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from composer.i18n import N_, _, current_language

QT_MESSAGES: dict[str, tuple[str, ...]] = {
    # QDialogButtonBox and QMessageBox take their standard buttons from the platform theme.
    "QPlatformTheme": (
        N_("OK"),
        N_("Save"),
        N_("Save All"),
        N_("Open"),
        N_("&Yes"),
        N_("Yes to &All"),
        N_("&No"),
        N_("N&o to All"),
        N_("Abort"),
        N_("Retry"),
        N_("Ignore"),
        N_("Close"),
        N_("Cancel"),
        N_("Discard"),
        N_("Help"),
        N_("Apply"),
        N_("Reset"),
        N_("Restore Defaults"),
    ),
    "QMessageBox": (N_("Show Details..."), N_("Hide Details...")),
    "QFileDialog": (
        N_("&Look in:"),
        N_("File &name:"),
        N_("Files of &type:"),
        N_("Directory:"),
        N_("&Open"),
        N_("&Save"),
        N_("&Choose"),
        N_("Open"),
        N_("Save As"),
        N_("Find Directory"),
        N_("All Files (*)"),
        N_("Directories"),
        N_("Files"),
        N_("Back"),
        N_("Forward"),
        N_("Parent Directory"),
        N_("Create New Folder"),
        N_("List View"),
        N_("Detail View"),
        N_("Go back"),
        N_("Go forward"),
        N_("Go to the parent directory"),
        N_("Create a New Folder"),
        N_("Change to list view mode"),
        N_("Change to detail view mode"),
        N_("List of places and bookmarks"),
        N_("Sidebar"),
        N_("&Rename"),
        N_("&Delete"),
        N_("Show &hidden files"),
        N_("&New Folder"),
        N_("New Folder"),
        N_("Recent Places"),
        N_("My Computer"),
        N_("Are you sure you want to delete '%1'?"),
        N_("%1 already exists.\nDo you want to replace it?"),
        N_("%1\nFile not found.\nPlease verify the correct file name was given."),
        N_("%1\nDirectory not found.\nPlease verify the correct directory name was given."),
    ),
    "QFileSystemModel": (
        N_("Name"),
        N_("Size"),
        N_("Type"),
        N_("Kind"),
        N_("Date Modified"),
        N_("Computer"),
        N_("My Computer"),
    ),
    "QAbstractFileIconProvider": (N_("Drive"), N_("Folder"), N_("File")),
    "QInputDialog": (N_("Enter a value:"),),
    "QColorDialog": (
        N_("Select Color"),
        N_("&Basic colors"),
        N_("&Custom colors"),
        N_("&Add to Custom Colors"),
        N_("&Pick Screen Color"),
        N_("Hu&e:"),
        N_("&Sat:"),
        N_("&Val:"),
        N_("&Red:"),
        N_("&Green:"),
        N_("Bl&ue:"),
        N_("A&lpha channel:"),
        N_("&HTML:"),
    ),
    # Right-click menus of every text field.
    "QLineEdit": (
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
    ),
    "QWidgetTextControl": (
        N_("&Undo"),
        N_("&Redo"),
        N_("Cu&t"),
        N_("&Copy"),
        N_("&Paste"),
        N_("Delete"),
        N_("Select All"),
        N_("Copy &Link Location"),
    ),
    "QAbstractSpinBox": (N_("&Select All"), N_("&Step up"), N_("Step &down")),
    "QUndoStack": (N_("Undo"), N_("Redo")),
}
_KNOWN = {(context, source) for context, sources in QT_MESSAGES.items() for source in sources}


class QtCatalogue(QTranslator):
    """Serves Qt's own strings from Siar's catalogue in the current UI language."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        # The source itself, never "": PySide passes "" on as a real (empty) translation.
        if current_language() == "en" or (context, source) not in _KNOWN:
            return source
        return _(source)

    def isEmpty(self) -> bool:
        return False


_installed: QtCatalogue | None = None


def install_qt_catalogue() -> QtCatalogue:
    """Install (again) after the UI language changes: re-installing sends every widget a
    LanguageChange, so open Qt dialogs pick up the new words."""
    global _installed
    if _installed is not None:
        QCoreApplication.removeTranslator(_installed)
    _installed = QtCatalogue()
    QCoreApplication.installTranslator(_installed)
    # Numbers in Qt's widgets (spin boxes, sizes) as the language writes them: 7,20 %.
    language = QLocale.Language.Indonesian if current_language() == "id" else QLocale.Language.English
    QLocale.setDefault(QLocale(language))
    return _installed
