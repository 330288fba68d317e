"""The editor repaints only the lines a key changed, and what it shows is still the text.

Driven with real key presses on the window's editor; "what it shows" is the window's
backing store (the pixels on screen), compared with a fresh paint of the same editor."""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from composer.ui import line_characters
from composer.ui.edited_lines import drawn_line_by_line
from composer.ui.editor import PostTextEdit
from composer.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import update_line_characters

SENTENCE = "Layanan paspor elektronik di Kantor Imigrasi buka pukul 08.00–15.00 WIB 🇮🇩. "


class Paints(QObject):
    """The rectangles the editor's viewport was asked to paint."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


@pytest.fixture
def steady_caret() -> Iterator[None]:
    """A caret that doesn't blink: a blink between the two pictures is not a difference."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    flash = app.cursorFlashTime()
    app.setCursorFlashTime(0)
    yield
    app.setCursorFlashTime(flash)


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def _on_screen(window: QWidget, edit: QPlainTextEdit) -> QImage:
    viewport = edit.viewport()
    corner = viewport.mapTo(window, QPoint(0, 0))
    screen = window.screen()
    grabbed = screen.grabWindow(window.winId(), corner.x(), corner.y(), viewport.width(), viewport.height())
    return grabbed.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _fresh(edit: QPlainTextEdit) -> QImage:
    return edit.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _paste_at(qtbot: QtBot, edit: QPlainTextEdit, position: int, text: str) -> None:
    """Put the caret at *position* and paste *text* there with the keyboard."""
    cursor = edit.textCursor()
    cursor.setPosition(position)
    edit.setTextCursor(cursor)
    _settle(qtbot)
    QGuiApplication.clipboard().setText(text)
    qtbot.keySequence(edit, QKeySequence.StandardKey.Paste)
    _settle(qtbot)


def _small_editor(qtbot: QtBot) -> PostTextEdit:
    edit = PostTextEdit()
    qtbot.addWidget(edit)
    edit.resize(330, 265)
    edit.show()
    edit.setFocus()
    return edit


def _long_paragraph(qtbot: QtBot, window: MainWindow) -> QPlainTextEdit:
    edit = window.editor.text_edit
    edit.setFocus()
    edit.setPlainText((SENTENCE * 25)[:2000])
    cursor = edit.textCursor()
    cursor.setPosition(1000)
    edit.setTextCursor(cursor)
    _settle(qtbot)
    return edit


def test_a_key_in_a_long_paragraph_repaints_its_line_not_the_paragraph(
    qtbot: QtBot, window: MainWindow, steady_caret: None
) -> None:
    edit = _long_paragraph(qtbot, window)
    block = edit.document().firstBlock()
    block_height = edit.blockBoundingRect(block).height()
    line_height = edit.fontMetrics().height()
    assert block_height > 20 * line_height  # one paragraph of many lines
    # A line halfway down with room for two more letters: a letter typed there (and taken
    # back) moves no word to the next line, so that line alone changes.
    layout = block.layout()
    roomy = next(
        layout.lineAt(i)
        for i in range(layout.lineCount() // 2, layout.lineCount())
        if layout.lineAt(i).width() - layout.lineAt(i).naturalTextWidth() > 2 * edit.fontMetrics().maxWidth()
    )
    cursor = edit.textCursor()
    cursor.setPosition(roomy.textStart() + 5)
    edit.setTextCursor(cursor)
    _settle(qtbot)
    paints = Paints()
    edit.viewport().installEventFilter(paints)
    for key in (Qt.Key.Key_K, Qt.Key.Key_Backspace, Qt.Key.Key_Space, Qt.Key.Key_Backspace):
        paints.rects.clear()
        qtbot.keyClick(edit, key)
        _settle(qtbot)
        painted = max(rect.height() for rect in paints.rects)
        # The line (and its neighbours' edges, for accents), not the ~30-line paragraph.
        assert 0 < painted <= 3 * line_height, (key, painted, line_height)
        assert _on_screen(window, edit) == _fresh(edit)
    edit.viewport().removeEventFilter(paints)


def test_what_the_editor_shows_after_any_edit_is_what_a_fresh_paint_draws(
    qtbot: QtBot, window: MainWindow, steady_caret: None
) -> None:
    """Random typing, deleting, pasting, wrapping long words, new paragraphs, undo and
    switching to a platform's own text: after each, the screen shows the text as it is."""
    edit = _long_paragraph(qtbot, window)
    clipboard = QGuiApplication.clipboard()
    rng = random.Random(17)
    letters = "abcdefghijklmnopqrstuvwxyz     ,.#@"
    steps: list[str] = []
    for step in range(160):
        action = rng.choice(
            ["type"] * 6
            + [
                "word",
                "backspace",
                "delete",
                "delete_word",
                "enter",
                "paste",
                "select_type",
                "move",
                "undo",
                "redo",
                "emoji",
                "tab",
            ]
        )
        steps.append(action)
        if action == "type":
            qtbot.keyClicks(edit, "".join(rng.choice(letters) for _ in range(rng.randint(1, 4))))
        elif action == "word":  # long enough to push words down to the next lines
            qtbot.keyClicks(edit, "x" * rng.randint(8, 40) + " ")
        elif action == "backspace":
            for _ in range(rng.randint(1, 12)):
                qtbot.keyClick(edit, Qt.Key.Key_Backspace)
        elif action == "delete":
            qtbot.keyClick(edit, Qt.Key.Key_Delete)
        elif action == "delete_word":
            qtbot.keyClick(edit, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
        elif action == "enter":
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        elif action == "paste":
            clipboard.setText(SENTENCE[: rng.randint(5, len(SENTENCE))])
            qtbot.keySequence(edit, QKeySequence.StandardKey.Paste)
        elif action == "select_type":
            for _ in range(rng.randint(1, 30)):
                qtbot.keyClick(edit, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
            qtbot.keyClicks(edit, rng.choice(["a", "kantor ", "WNI "]))  # QTest types ASCII only
        elif action == "move":
            key = rng.choice(
                [Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_End]
            )
            for _ in range(rng.randint(1, 8)):
                qtbot.keyClick(edit, key)
        elif action == "undo":
            qtbot.keySequence(edit, QKeySequence.StandardKey.Undo)
        elif action == "redo":
            qtbot.keySequence(edit, QKeySequence.StandardKey.Redo)
        elif action == "emoji":  # taller glyphs from a fallback font
            clipboard.setText(rng.choice(["😀", "🙏🏽", "🇮🇩", "✅ ", "1️⃣ ", "⚠️", "عيد مبارك "]))
            qtbot.keySequence(edit, QKeySequence.StandardKey.Paste)
        elif action == "tab":  # to a platform's own text and back: another document
            window.editor.select_target("x")
            _settle(qtbot)
            qtbot.keyClicks(edit, "X ")
            window.editor.targets.setCurrentIndex(0)  # the main text
            edit.setFocus()
        _settle(qtbot)
        assert _on_screen(window, edit) == _fresh(edit), f"after step {step}: {steps[-8:]}"


def test_right_to_left_text_is_repainted_as_qt_does(
    qtbot: QtBot, window: MainWindow, steady_caret: None
) -> None:
    """A right-to-left mark pasted before the first letter turns the paragraph around and
    reorders the numbers on lines whose characters are the same; the repaint must cover
    them. Then Latin typed beside Arabic words (a greeting in an Eid post)."""
    edit = window.editor.text_edit
    edit.setFocus()
    edit.setPlainText("2024 " * 100 + "abc " * 50)  # digits are neutral: 'a' sets the direction
    _paste_at(qtbot, edit, 300, "\u200f")  # a right-to-left mark, a few lines down, before the letters
    assert edit.document().firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    assert _on_screen(window, edit) == _fresh(edit)

    edit.setPlainText(SENTENCE * 10)
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    QGuiApplication.clipboard().setText("السلام عليكم 1445 ")
    qtbot.keySequence(edit, QKeySequence.StandardKey.Paste)
    for text in ("ab", " 2025", " x"):
        qtbot.keyClicks(edit, text)
        _settle(qtbot)
        assert _on_screen(window, edit) == _fresh(edit), text
    for _ in range(30):  # the Arabic and all typed after it deleted: Latin only again
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    _settle(qtbot)
    paints = Paints()
    edit.viewport().installEventFilter(paints)
    qtbot.keyClicks(edit, "s")
    _settle(qtbot)
    edit.viewport().removeEventFilter(paints)
    assert _on_screen(window, edit) == _fresh(edit)
    # ...and a key repaints its lines again, not the paragraph.
    assert max(rect.height() for rect in paints.rects) <= 3 * edit.fontMetrics().height()


def test_a_text_replaced_whole_is_checked_before_lines_are_trusted(qtbot: QtBot, steady_caret: None) -> None:
    """A whole new text with a tab in it (setPlainText counts the closing paragraph mark
    among the characters added): a skin tone pasted on the first line moves what Qt draws
    after the tab lines below, with every line's characters and box unchanged, so the
    whole paragraph must repaint. (An editor of its own: at the window's width this
    text's tab happens to stay put.)"""
    edit = _small_editor(qtbot)
    qtbot.keyClick(edit, Qt.Key.Key_End)  # the editor follows its lines from its first key on
    edit.setPlainText(SENTENCE * 3 + "kantor \t " + SENTENCE)
    _paste_at(qtbot, edit, 21, "🏽")
    assert _on_screen(edit, edit) == _fresh(edit)


def test_a_letter_of_another_script_repaints_the_next_lines_quote(qtbot: QtBot, steady_caret: None) -> None:
    """Qt gives a quote the script of the letter before it, across a line break: a Han
    letter typed at the end of a line takes the next line's opening quote out of its
    Latin run (it loses its kerning with the A after it), and that line must repaint."""
    edit = _small_editor(qtbot)
    words = SENTENCE.split()
    text = ""
    for word in words * 3:  # a text whose second line starts with the quote
        edit.setPlainText(text + word + " “Ayo " + SENTENCE)
        _settle(qtbot)
        layout = edit.document().firstBlock().layout()
        if layout.lineCount() > 1 and layout.lineAt(1).textStart() == len(text + word + " "):
            break
        text += word + " "
    else:
        pytest.fail("no line break before the quote at this width")
    _paste_at(qtbot, edit, layout.lineAt(1).textStart() - 1, "北")
    assert _on_screen(edit, edit) == _fresh(edit)


def test_latin_digits_emoji_and_punctuation_are_drawn_line_by_line_other_scripts_not() -> None:
    assert drawn_line_by_line("Buka 08.00–16.00 WIB 🇮🇩 1️⃣ ⚠️ “Ayo” ½ ° ™ © 👍🏽 👨‍👩‍👧 é")
    for other in ("北", "α", "꧂", "⠀", "مرحبا", "\u200f", "\u0301", "a\tb", "\U00010d50"):
        assert not drawn_line_by_line(f"Buka {other} tutup"), other


@pytest.mark.skipif(
    regex.__version__ != line_characters.GENERATED_WITH,
    reason=f"generated with regex {line_characters.GENERATED_WITH}, {regex.__version__} installed: "
    "run tools/update_line_characters.py",
)
def test_the_characters_drawn_line_by_line_are_regexs_scripts() -> None:
    """The generated class is what its `regex` pattern says: Latin, Common and Inherited
    script, not right to left, no non-spacing or enclosing mark but variation selectors
    and the keycap."""
    pattern = regex.compile(update_line_characters.DRAWN_ALONE, regex.V1)
    every = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert re.findall(f"[{line_characters.DRAWN_ALONE}]", every) == pattern.findall(every)
