"""How one row of the drafts list is drawn: the title on up to two lines, then its time
and, for a draft that was published, a green "terkirim" (sent) mark.

The delegate reads only the drafts model's data roles. One row height for every row (the
title always gets two lines' room), so the view keeps its uniform item sizes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QTextLayout
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from composer.i18n import _
from composer.ui.drafts_model import POSTED_ROLE, TITLE_ROLE, UPDATED_ROLE, when

PAD = 4
SENT_COLOUR = QColor("#1E7B34")

Index = QModelIndex | QPersistentModelIndex


def title_lines(title: str, font: QFont, width: int) -> list[str]:
    """*title* wrapped at words into at most two lines, the second elided with "…"."""
    layout = QTextLayout(title, font)
    layout.beginLayout()
    first = layout.createLine()
    if not first.isValid():
        layout.endLayout()
        return [title]
    first.setLineWidth(width)
    layout.endLayout()
    head = title[first.textStart() : first.textStart() + first.textLength()].rstrip()
    rest = title[first.textStart() + first.textLength() :].strip()
    if not rest:
        return [head]
    return [head, QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]


class DraftDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(option.rect.width(), 3 * line + 2 * PAD)

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        # The style draws the row's panel and selection only; the text is drawn in paint().
        # Qt's own initStyleOption asks the model for seven roles (font, colours, icon,
        # check state, the display text...), each a call into Python, none of which this row
        # uses (issue 17: 13 rows at the first paint). The option says it has a (blank)
        # text, as it did: the style's focus rectangle is placed by it.
        if isinstance(index, QModelIndex):  # (what Qt passes)
            option.index = index
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        # Selected as the view draws it (QListView sets State_Selected from its selection
        # model): reading option.state would make PySide6 build the QStyle class and its
        # dozen enums on the way to the first paint (issue 17, start-up).
        view = option.widget
        selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
        rect = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        palette = option.palette
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        line = QFontMetrics(option.font).lineSpacing()
        title = str(index.data(TITLE_ROLE) or "") or _("(untitled)")
        painter.save()
        painter.setFont(option.font)
        painter.setPen(text_colour)
        for row, text in enumerate(title_lines(title, option.font, rect.width())):
            painter.drawText(QRect(rect.x(), rect.y() + row * line, rect.width(), line), 0, text)
        meta_y = rect.y() + 2 * line
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.drawText(
            QRect(rect.x(), meta_y, rect.width(), line), 0, when(str(index.data(UPDATED_ROLE) or ""))
        )
        if index.data(POSTED_ROLE):
            mark = "✓ " + _("sent")
            painter.setPen(palette.highlightedText().color() if selected else SENT_COLOUR)
            painter.drawText(
                QRect(rect.x(), meta_y, rect.width(), line), int(Qt.AlignmentFlag.AlignRight), mark
            )
        painter.restore()
