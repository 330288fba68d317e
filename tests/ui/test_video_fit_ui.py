"""“Post to all” offers “Trim/convert” on the row of a platform whose limit a video
breaks; pressing it makes the fitted copy and the check clears (issue 13 item 2)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.ui.main_window import MainWindow
from composer.ui.publish_dialog import PublishDialog
from tests.store.videos import make_video
from tests.ui.test_publish_ui import demo_window, post_to_all  # noqa: F401  (the fixture)


def post_a_long_clip(window: MainWindow, tmp_path: Path) -> tuple[Post, PublishDialog]:
    """A post with a 200-second clip (too long for X and TikTok), and the “Post to all” dialog."""
    clip = make_video(tmp_path / "liputan.mp4", seconds=200, frames=201)
    post = Post(title="Liputan", text="Liputan pelayanan paspor #ImigrasiMelayani")
    post.media.append(window.session.import_file(clip))
    return post, post_to_all(window, post)


def test_trim_for_x_from_the_post_dialog(qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    window = demo_window
    post, dialog = post_a_long_clip(window, tmp_path)
    x = next(a for a in dialog.accounts if a.platform == "x")
    youtube = next(a for a in dialog.accounts if a.platform == "youtube")
    row = dialog.rows[x.id]
    button, message = row["action"], row["message"]
    assert isinstance(button, QPushButton) and isinstance(message, QLabel)
    assert button.isVisible() and button.text() == "Trim/convert for X"
    assert "200" in message.text() and "140" in message.text()
    youtube_button = dialog.rows[youtube.id]["action"]
    assert isinstance(youtube_button, QPushButton) and not youtube_button.isVisible()  # YouTube takes it

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=15000)  # refreshed: nothing left to fit
    assert "⛔" not in message.text()
    assert x.id in {a.id for a in dialog.plan.sendable}
    original = post.media[0].id
    assert window.session.open_draft(post.id).fitted["x"][original].filename == "liputan-x.mp4"
    assert dialog.post.fitted["x"][original].filename == "liputan-x.mp4"  # the editor's post too
