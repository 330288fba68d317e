"""Child process for test_crash_safety: opens Siar and types TEXT one key at a time.

Prints "draft <id>" once, then "typed <n>" after each key, flushing every line, until it
is killed. Not a test module (no test_ prefix).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from composer.session import Session
from composer.ui.main_window import MainWindow

TEXT = ("Layanan paspor buka Senin–Jumat pukul 08.00–16.00 WIB. 🇮🇩 #ImigrasiMelayani ") * 20


def main() -> None:
    app = QApplication(sys.argv[:1])
    session = Session()
    window = MainWindow(session, session.preferences())
    window.show()
    assert window.post is not None
    print(f"draft {window.post.id}", flush=True)
    typed = 0

    def type_one() -> None:
        nonlocal typed
        if typed < len(TEXT):
            # A key event carrying the character, as a keyboard (or IME) delivers it;
            # QTest.keyClicks only knows Latin-1 keys and aborts on emoji.
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, TEXT[typed])
                QApplication.sendEvent(window.editor.text_edit, event)
            typed += 1
            print(f"typed {typed}", flush=True)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(15)
    app.exec()


if __name__ == "__main__":
    main()
