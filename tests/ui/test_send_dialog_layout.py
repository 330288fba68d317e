"""“Kirim ke semua” at its own size with a too-long video and TikTok's posting note: every
column of every row is in sight, no sideways scrolling (found looking at the dialog at
1366×768: the note on one line squeezed the checks to a word a line and pushed the X row,
with its “Potong/konversi” button, out of sight)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from composer.ui.main_window import MainWindow
from tests.ui.test_publish_ui import demo_window  # noqa: F401  (the fixture)
from tests.ui.test_video_fit_ui import post_a_long_clip


def in_view(widget: QWidget, area: QScrollArea) -> bool:
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


def test_every_row_of_the_send_dialog_is_in_sight(
    qtbot: QtBot,
    demo_window: MainWindow,  # noqa: F811
    tmp_path: Path,
) -> None:
    window = demo_window
    _post, dialog = post_a_long_clip(window, tmp_path)
    qtbot.waitExposed(dialog)
    area = dialog.findChild(QScrollArea)
    assert area is not None
    assert not area.horizontalScrollBar().isVisible(), "the rows scroll sideways"
    assert any(a.platform == "tiktok" for a in dialog.accounts)
    x = next(a for a in dialog.accounts if a.platform == "x")
    button = dialog.rows[x.id]["action"]
    assert isinstance(button, QPushButton) and in_view(button, area)
    for account in dialog.accounts:
        message = dialog.rows[account.id]["message"]
        assert isinstance(message, QLabel) and in_view(message, area), account.name
        assert message.width() >= 260, f"{account.name}: the checks squeezed to {message.width()} px"
        if comment := dialog.rows[account.id].get("comment"):
            assert in_view(comment, area), account.name
    dialog.close()
