"""Guard against a Qt binding that corrupts None's reference count (PySide6 6.12.0 on
Python 3.11 aborted Siar after a few hundred keystrokes with "deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot


def test_void_methods_keep_none_alive(qtbot: QtBot) -> None:
    label, box = QLabel(), QCheckBox()
    qtbot.addWidget(label)
    qtbot.addWidget(box)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        box.setChecked(True)
        label.setVisible(False)
    # A few references may come or go elsewhere; a leak would be in the hundreds.
    assert abs(sys.getrefcount(None) - before) < 50
