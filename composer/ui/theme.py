"""Light and dark palettes on the Fusion style, following the system unless chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

STYLE = "Fusion"
# Given to a new QApplication (Qt's documented ``-style`` argument), the style is set
# without asking Qt for it back: ``setStyle`` returns the QStyle, and PySide6 builds that
# class and its dozen enums (~7 ms) on the way to the first paint (issue 17, start-up).
STYLE_ARGUMENTS = ["-style", STYLE]
_STYLE_SET = "siar_style"  # the app's property: the style is already STYLE

_DARK = {
    QPalette.ColorRole.Window: "#1f2328",
    QPalette.ColorRole.WindowText: "#e6e8eb",
    QPalette.ColorRole.Base: "#16191d",
    QPalette.ColorRole.AlternateBase: "#24292f",
    QPalette.ColorRole.Text: "#e6e8eb",
    QPalette.ColorRole.Button: "#2b3036",
    QPalette.ColorRole.ButtonText: "#e6e8eb",
    QPalette.ColorRole.Highlight: "#2f81f7",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2b3036",
    QPalette.ColorRole.ToolTipText: "#e6e8eb",
    QPalette.ColorRole.PlaceholderText: "#8b949e",
    QPalette.ColorRole.Link: "#58a6ff",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f6f8fa",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.Highlight: "#0969da",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.PlaceholderText: "#6e7781",
    QPalette.ColorRole.Link: "#0969da",
}


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(app: QApplication, mode: str) -> bool:
    return mode == "dark" or (mode == "system" and system_is_dark(app))


def new_application(argv0: str) -> QApplication:
    """The QApplication, already in Siar's style."""
    app = QApplication([argv0, *STYLE_ARGUMENTS])
    app.setProperty(_STYLE_SET, True)
    return app


def apply_theme(app: QApplication, mode: str) -> None:
    """Apply "system", "light" or "dark"."""
    if app.property(_STYLE_SET) is not True:
        app.setStyle(STYLE)
        app.setProperty(_STYLE_SET, True)
    colors = _DARK if is_dark(app, mode) else _LIGHT
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QColor(colors[QPalette.ColorRole.PlaceholderText])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    app.setPalette(palette)
    app.setProperty("siar_dark", is_dark(app, mode))
