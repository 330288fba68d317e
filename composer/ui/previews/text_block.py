"""A word-wrapped rich-text block of fixed width, laid out once per change.

QLabel recomputes its text layout for sizeHint, minimumSizeHint and heightForWidth each
time any layout above it is invalidated; with five cards updating per keystroke that
dominated the preview latency. This widget lays its QTextDocument out once, at the
card's known width, and paints it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPainter, QPaintEvent, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextBlock(QWidget):
    """Fixed to its text's size, so a layout asks it nothing (no Python sizeHint: with the
    minimum and maximum equal, Qt's layout items take the fixed size without calling it)."""

    def __init__(self, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._width = width
        self._html = ""
        # Made with the first text: most cards leave two or three of their five blocks empty
        # (issue 17, start-up). A QTextDocument already wraps at word boundaries or anywhere.
        self._doc: QTextDocument | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(width, 0)

    def text(self) -> str:
        return self._html

    def setText(self, html: str) -> bool:
        """Lay out *html*; False (and no work) when it is what the block already shows."""
        if html == self._html:
            return False
        self._html = html
        if self._doc is None:
            self._doc = QTextDocument(self)
            self._doc.setDocumentMargin(0)
            self._doc.setTextWidth(self._width)
            self._doc.setDefaultFont(self.font())
        self._doc.setHtml(html)
        self._fit()
        return True

    def _fit(self) -> None:
        doc = self._doc
        height = round(doc.size().height()) if doc is not None and self._html else 0
        if height != self.height() or self._width != self.width():
            self.setFixedSize(self._width, height)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        # The font is set on the document only when it changes, not on every keystroke.
        if event.type() == QEvent.Type.FontChange and self._doc is not None:
            self._doc.setDefaultFont(self.font())
            if self._html:
                self._doc.setHtml(self._html)  # (a new default font applies to a new text)
                self._fit()
        super().changeEvent(event)

    def plain_text(self) -> str:
        return self._doc.toPlainText() if self._doc is not None else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._doc is not None:
            painter = QPainter(self)
            self._doc.drawContents(painter)

    def set_width(self, width: int) -> None:
        """Lay the text out again at another width (narrower cards on a laptop screen)."""
        if width == self._width:
            return
        self._width = width
        if self._doc is not None:
            self._doc.setTextWidth(width)  # the same document, wrapped again: not parsed again
        self._fit()
