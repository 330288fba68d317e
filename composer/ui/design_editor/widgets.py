"""Small form widgets shared by the inspector, the data form and the brand kit dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QComboBox, QWidget

from composer.design.brand import DEFAULT_COLORS, BrandKit
from composer.i18n import N_, _

TOKEN_LABELS = {
    "primary": N_("Main colour"),
    "secondary": N_("Second colour"),
    "accent": N_("Accent"),
    "background": N_("Background"),
    "surface": N_("Card"),
    "text": N_("Text colour"),
    "muted": N_("Muted text"),
    "on_primary": N_("On main colour"),
    "danger": N_("Warning red"),
    "success": N_("Green"),
}
OTHER = "__other__"


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(color[:7]))
    return QIcon(pixmap)


class ColorPicker(QComboBox):
    """Brand colours first (so designs follow the brand kit), then any colour."""

    sig_picked = Signal(str)
    """("$token" or "#rrggbb")."""

    def __init__(self, brand: BrandKit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._brand = brand
        for token in DEFAULT_COLORS:
            self.addItem(swatch(brand.color("$" + token)), _(TOKEN_LABELS.get(token, token)), "$" + token)
        self.addItem(_("Other colour…"), OTHER)
        self.activated.connect(self._activated)

    def set_value(self, value: str) -> None:
        self.blockSignals(True)
        index = self.findData(value)
        if index < 0:
            self.insertItem(self.count() - 1, swatch(value), value, value)
            index = self.findData(value)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _activated(self, index: int) -> None:
        value = self.itemData(index)
        if value == OTHER:
            chosen = QColorDialog.getColor(parent=self)
            if not chosen.isValid():
                return
            value = chosen.name()
            self.set_value(value)
        self.sig_picked.emit(str(value))


class FocusGesture(QObject):
    """Starts a new undo gesture each time the watched widget gains focus."""

    def __init__(self, widget: QWidget, on_focus: Callable[[], None]) -> None:
        super().__init__(widget)
        self._on_focus = on_focus
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._on_focus()
        return False
