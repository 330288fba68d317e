"""The main window's first size: what it prefers, but never more than the screen has.

A fixed 1480×900 put the photo strip, the alt text and the status bar below the edge of a
1366×768 laptop screen. Now it takes at most the screen's work area (less the frame the
window manager adds), placed inside it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1480, 900)
FRAME_ALLOWANCE = QSize(16, 40)  # title bar and borders the window manager adds


def available_area(window: QWidget) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED) -> None:
    area = available_area(window)
    room = area.size() - FRAME_ALLOWANCE
    size = preferred.boundedTo(room)
    window.resize(size)
    window.move(area.center() - QRect(0, 0, size.width(), size.height()).center())
