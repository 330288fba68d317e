"""Preferences: UI language, theme and the office name shown in the previews."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from composer.i18n import LANGUAGES, _, ui_language
from composer.session import Preferences


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        form = QFormLayout(self)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():  # Indonesian first: the default
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(ui_language(prefs.language)), 0))
        self.theme = QComboBox()
        for code, label in (("system", _("Follow the system")), ("light", _("Light")), ("dark", _("Dark"))):
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(max(self.theme.findData(prefs.theme), 0))
        self.office = QLineEdit(prefs.office_name)
        form.addRow(_("Language"), self.language)
        form.addRow(_("Theme"), self.theme)
        form.addRow(_("Office name"), self.office)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self, prefs: Preferences) -> Preferences:
        return Preferences(
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
            last_draft=prefs.last_draft,
            office_name=self.office.text().strip() or prefs.office_name,
        )
