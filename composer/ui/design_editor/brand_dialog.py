"""The brand kit: office name, contacts, colours, fonts and logo used by every template."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from composer.design.brand import FONT_FAMILIES, BrandKit
from composer.i18n import _
from composer.ui.design_editor.widgets import TOKEN_LABELS, ColorPicker

EDITABLE_COLORS = ("primary", "secondary", "accent", "background", "text")


class BrandDialog(QDialog):
    def __init__(
        self,
        brand: BrandKit,
        choose_image: Callable[[Callable[[str], None]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Brand kit"))
        self._brand = brand
        self._colors = dict(brand.colors)
        self._logo = brand.logo
        form = QFormLayout(self)
        self.office = QLineEdit(brand.office_name)
        self.tagline = QLineEdit(brand.tagline)
        self.website = QLineEdit(brand.website)
        self.phone = QLineEdit(brand.phone)
        form.addRow(_("Office name"), self.office)
        form.addRow(_("Tagline"), self.tagline)
        form.addRow(_("Website"), self.website)
        form.addRow(_("Phone / WhatsApp"), self.phone)
        self.pickers: dict[str, ColorPicker] = {}
        for token in EDITABLE_COLORS:
            picker = ColorPicker(brand)
            picker.set_value(self._colors[token])
            picker.sig_picked.connect(lambda value, t=token: self._pick(t, value))
            self.pickers[token] = picker
            form.addRow(_(TOKEN_LABELS[token]), picker)
        self.heading_font = QComboBox()
        self.body_font = QComboBox()
        for combo, current in ((self.heading_font, brand.heading_font), (self.body_font, brand.body_font)):
            for family in FONT_FAMILIES:
                combo.addItem(family.capitalize(), family)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        form.addRow(_("Heading font"), self.heading_font)
        form.addRow(_("Body font"), self.body_font)
        self.logo_button = QPushButton(
            _("Choose the office's logo…") if not brand.logo else _("Change the logo…")
        )
        self.logo_button.clicked.connect(lambda: choose_image(self._set_logo))
        form.addRow(_("Logo"), self.logo_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _pick(self, token: str, value: str) -> None:
        # A token chosen for a token (e.g. "accent" as primary) resolves to its colour now.
        self._colors[token] = self._brand.color(value)

    def _set_logo(self, source: str) -> None:
        self._logo = source
        self.logo_button.setText(_("Change the logo…"))

    def value(self) -> BrandKit:
        return dataclasses.replace(
            self._brand,
            office_name=self.office.text().strip() or self._brand.office_name,
            tagline=self.tagline.text().strip(),
            website=self.website.text().strip(),
            phone=self.phone.text().strip(),
            colors=dict(self._colors),
            heading_font=str(self.heading_font.currentData()),
            body_font=str(self.body_font.currentData()),
            logo=self._logo,
        )
