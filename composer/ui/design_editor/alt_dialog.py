"""The alt text of an infographic, checked before it goes on the post.

QInputDialog's multi-line box does not wrap: a long description was one line with a
horizontal scroll bar. This one wraps, is several lines tall and counts to the
platforms' 1,000-character limit.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from composer.i18n import _

ALT_MAX = 1000  # X and Instagram both cap alt text at 1,000 characters


class AltTextDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Alt text"))
        self.resize(560, 320)
        layout = QVBoxLayout(self)
        prompt = QLabel(_("Check the description of the infographic for people who cannot see it:"))
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.edit = QPlainTextEdit(text)
        self.edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.edit.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long addresses too
        self.edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.edit.setMinimumHeight(8 * self.edit.fontMetrics().lineSpacing())
        layout.addWidget(self.edit, 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        self.edit.textChanged.connect(self._count)
        self._count()

    def _count(self) -> None:
        length = len(self.text())
        self.count.setText(_("{length}/{limit} characters").format(length=length, limit=ALT_MAX))
        self.count.setStyleSheet("color:#B3261E" if length > ALT_MAX else "color: palette(placeholder-text)")
        self.ok_button.setEnabled(length <= ALT_MAX)

    def text(self) -> str:
        return self.edit.toPlainText().strip()
