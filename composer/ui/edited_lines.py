"""Repainting only the lines a keystroke changed in a plain-text editor.

QPlainTextEdit repaints the whole paragraph on every key: its document layout emits
``updateBlock`` for a change that keeps the paragraph's height, and the editor updates the
paragraph's whole rectangle. A 2,000-character post is one paragraph of ~30 lines, and
drawing them again (shaping every line) was ~0.4 ms of a key's ~1.4 ms with the previews
off (issue 17). Qt lays the paragraph out again either way; this narrows what is repainted
to the lines whose text or place changed.

How it knows which lines changed: ``QTextDocument.contentsChange`` comes just before the
layout lays the paragraph out again (QTextDocumentPrivate::finishEdit emits it, then calls
the layout's documentChanged), so the lines as they were are read then, and compared with
the new ones when ``updateBlock`` arrives:

- Lines are broken greedily from the paragraph's start, so a line that ends before the
  line above the edited one cannot change: nothing it measured moved.
- From there, a line is unchanged when it lies wholly before the edit at the same place, or
  wholly after it at the same place shifted by the characters added less those removed;
  once a line after the edit starts where it started (shifted), every line below is laid
  out as before.

Only text that Qt draws line by line takes this way (see drawn_line_by_line): in
right-to-left text the bidirectional algorithm orders a line by strong characters on
other lines; a letter of another script gives its script to the punctuation that starts
the next line; a mark typed on one line moved what Qt drew after a tab on another;
stacked combining marks reach past the lines beside theirs. In each case a line whose
characters and box are unchanged can be drawn differently. A document that holds (or
held, before the edit) any of these repaints whole paragraphs, as Qt does. So does
anything else (more than one paragraph, a height that changed, a pass with no edit
before it): the layout then sends ``update`` for everything below, or the whole
paragraph is repainted.

Facts from Qt's source (qtbase): QTextDocumentPrivate::finishEdit emits contentsChange,
calls the layout's documentChanged, then emits contentsChanged;
QPlainTextDocumentLayout::documentChanged emits ``updateBlock`` for a one-paragraph change
that kept its height (other passes emit it too: a changed tab stop or default font);
QWidgetTextControl connects it to its _q_updateBlock, which asks for the paragraph's whole
rectangle.
"""

from __future__ import annotations

import math
import re
import warnings
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

from composer.ui.line_characters import DRAWN_ALONE

# Anything beyond ASCII but tab that Qt does not draw from its own line's characters alone.
_NOT_DRAWN_ALONE = re.compile("[^" + r"\x00-\x08\x0a-\x7f" + DRAWN_ALONE + "]")


def drawn_line_by_line(text: str) -> bool:
    """What Qt draws of one line of *text* depends on that line's characters alone: no
    tab, and beyond ASCII only what composer/ui/line_characters.py lists (Latin, Common and
    Inherited script; not right to left; no non-spacing or enclosing mark but variation
    selectors and the keycap). Why each other character is left out: the module's text."""
    if text.isascii():
        return "\t" not in text
    return _NOT_DRAWN_ALONE.search(text) is None


WINDOW = 6
"""Lines read before an edit, from the one above it: a change whose ripple runs further
repaints from its first changed line to the paragraph's end."""

_Line = tuple[int, int, float, float]
"""(first character, characters, top, height) of one line of a paragraph's layout."""


class _Edit(NamedTuple):
    """One change inside a paragraph, with the lines around it as they were."""

    block: int
    position: int  # in the paragraph
    removed: int
    added: int
    first: int  # index of the first line kept in *lines*
    lines: tuple[_Line, ...]
    characters: int  # the document's, after the change: tells a second edit apart
    revision: int


def _lines(layout: QTextLayout, first: int, stop: int) -> tuple[_Line, ...]:
    found = []
    for index in range(first, stop):
        line = layout.lineAt(index)
        found.append((line.textStart(), line.textLength(), line.y(), line.height()))
    return tuple(found)


def _line_at(layout: QTextLayout, count: int, position: int) -> int:
    """The line holding *position*: a binary search on the lines' starts, where
    QTextLayout.lineForTextPosition took ~40 µs on a 2,000-character paragraph."""
    low, high = 0, count - 1
    while low < high:
        middle = (low + high + 1) // 2
        if layout.lineAt(middle).textStart() <= position:
            low = middle
        else:
            high = middle - 1
    return low


class EditedLines(QObject):
    """Attached to *editor*: a change inside one paragraph repaints the lines it changed."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._document: QTextDocument | None = None
        self._edit: _Edit | None = None
        self._line_by_line = True  # drawn_line_by_line(the document's text), as of its last change
        self.watch()

    def watch(self) -> None:
        """Follow the editor's current document (call after QPlainTextEdit.setDocument):
        its layout's ``updateBlock`` comes here instead of to the editor's own repaint."""
        document = self._editor.document()
        if document is self._document:
            return
        if self._document is not None and shiboken6.isValid(self._document):  # (an editor deletes its own)
            self._document.contentsChange.disconnect(self._before_layout)
            self._document.contentsChanged.disconnect(self._forget_edit)
        self._document = document
        self._edit = None
        self._line_by_line = drawn_line_by_line(document.toPlainText())
        document.contentsChange.connect(self._before_layout)
        # After the layout's pass (finishEdit emits it last): an edit whose pass sent no
        # updateBlock (a paragraph that grew a line) must not be taken for a later pass's.
        document.contentsChanged.connect(self._forget_edit)
        layout = document.documentLayout()
        # Every receiver, the editor's internal one included (connected again whenever the
        # editor takes this document back), is replaced by ours, which repaints less.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # (none connected: none to replace)
            layout.updateBlock.disconnect()
        layout.updateBlock.connect(self._block_laid_out)

    def _before_layout(self, position: int, removed: int, added: int) -> None:
        self._edit = None
        document = self._document
        if document is None:
            return
        was_line_by_line = self._line_by_line
        if was_line_by_line:  # then the new text is, unless what came in is not
            inserted = QTextCursor(document)
            inserted.setPosition(position)
            # (a whole new text counts the closing paragraph mark, past the last position)
            end = min(position + added, document.characterCount() - 1)
            inserted.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._line_by_line = drawn_line_by_line(inserted.selectedText())
        elif removed:  # what took it away may have gone
            self._line_by_line = drawn_line_by_line(document.toPlainText())
        if not (was_line_by_line and self._line_by_line):
            return
        block = document.findBlock(position)
        layout = block.layout()
        count = layout.lineCount() if layout is not None else 0
        if not count:
            return
        inside = position - block.position()
        # The old layout still holds the old text's line breaks, and positions before the
        # edit are the same in the old text and the new.
        first = max(0, _line_at(layout, count, inside) - 1)
        self._edit = _Edit(
            block=block.blockNumber(),
            position=inside,
            removed=removed,
            added=added,
            first=first,
            lines=_lines(layout, first, min(count, first + WINDOW)),
            characters=document.characterCount(),
            revision=document.revision(),
        )

    def _forget_edit(self) -> None:
        self._edit = None

    def _block_laid_out(self, block: QTextBlock) -> None:
        editor = self._editor
        if block.document() is not editor.document():
            # A document shown before (its layout still comes here) changed off screen:
            # showing it again repaints it all.
            return
        edit, self._edit = self._edit, None
        span = self._changed_span(edit, block) if edit is not None else None
        geometry = editor.blockBoundingGeometry(block).translated(editor.contentOffset())
        if span is None:  # the whole paragraph, as Qt does (padded by a pixel)
            top, bottom, pad = geometry.top(), geometry.bottom(), 1
        else:
            layout_top = geometry.top() + block.layout().position().y()
            top, bottom = layout_top + span[0], layout_top + span[1]
            # A glyph may reach past its line's box (accents, descenders): a third of a
            # line either side.
            pad = math.ceil(span[2] / 3) + 1
        viewport = editor.viewport()
        rect = QRect(
            0, math.floor(top) - pad, viewport.width(), math.ceil(bottom) - math.floor(top) + 2 * pad
        )
        rect = rect.intersected(viewport.rect())
        if not rect.isEmpty():
            viewport.update(rect)
            editor.updateRequest.emit(rect, 0)

    @staticmethod
    def _changed_span(edit: _Edit, block: QTextBlock) -> tuple[float, float, float] | None:
        """(top, bottom, a line's height) of the changed lines, in the paragraph's
        coordinates; None when the change is not the one read before the layout (repaint
        the paragraph)."""
        document = block.document()
        layout = block.layout()
        if (
            layout is None
            or block.blockNumber() != edit.block
            or document.characterCount() != edit.characters
            or document.revision() != edit.revision
        ):
            return None
        shift = edit.added - edit.removed
        new = _lines(layout, edit.first, min(layout.lineCount(), edit.first + len(edit.lines)))
        first = last = -1  # the changed lines run from first to last
        settled = False
        for index, (old, line) in enumerate(zip(edit.lines, new, strict=False)):
            start, length, top, height = old
            if (length, top, height) == line[1:]:  # the same size, at the same place
                if start + length < edit.position and line[0] == start:
                    continue  # wholly before the edit
                if start > edit.position + edit.removed and line[0] == start + shift:
                    settled = True  # wholly after it: laid out as before from here on
                    break
            first = index if first < 0 else first
            last = index
        if first < 0:
            return None  # no line laid out after the edit: the whole paragraph, as Qt
        top = min(edit.lines[first][2], new[first][2])
        if settled:
            bottom = max(edit.lines[last][2] + edit.lines[last][3], new[last][2] + new[last][3])
        else:  # the ripple ran past the lines read: repaint to the paragraph's end
            bottom = max(layout.boundingRect().bottom(), *(old[2] + old[3] for old in edit.lines))
        return top, bottom, max(edit.lines[first][3], new[first][3])
