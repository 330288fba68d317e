"""A word-wrapped rich-text block of fixed width, laid out once per change.

QLabel recomputes its text layout for sizeHint, minimumSizeHint and heightForWidth each
time any layout above it is invalidated; with five cards updating per keystroke that
dominated the preview latency. This widget lays its QTextDocument out once, at the
card's known width, and paints it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextBlock(QWidget):
    def __init__(self, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self._html = ""
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(0)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._doc.setDefaultTextOption(option)
        self._doc.setTextWidth(width)
        self._doc.setDefaultFont(self.font())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(width, 0)

    def text(self) -> str:
        return self._html

    def setText(self, html: str) -> bool:
        """Lay out *html*; False (and no work) when it is what the block already shows."""
        if html == self._html:
            return False
        self._html = html
        self._layout()
        return True

    def _layout(self) -> None:
        self._doc.setHtml(self._html)
        height = round(self._doc.size().height()) if self._html else 0
        if height != self.height():
            self.setFixedSize(self._width, height)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        # The font is set on the document only when it changes, not on every keystroke.
        if event.type() == QEvent.Type.FontChange:
            self._doc.setDefaultFont(self.font())
            if self._html:
                self._layout()
        super().changeEvent(event)

    def plain_text(self) -> str:
        return self._doc.toPlainText()

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._doc.drawContents(painter)

    def set_width(self, width: int) -> None:
        """Lay the text out again at another width (narrower cards on a laptop screen)."""
        if width == self._width:
            return
        self._width = width
        self._doc.setTextWidth(width)
        html, self._html = self._html, ""
        self.setFixedSize(width, self.height())
        if html:
            self.setText(html)
