"""“Post to all”, the outbox panel and the history, driven in the window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.demo import connect_sandbox, seed
from composer.sandbox import Fault, Sandbox
from composer.session import Session
from composer.ui.main_window import MainWindow
from composer.ui.outbox_dialog import OutboxDialog
from composer.ui.publish_dialog import PublishDialog
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def demo_window(qtbot: QtBot, sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[MainWindow]:
    session = Session()
    seed(session.workspace)
    connect_sandbox(session.registry, sandbox)
    sandbox.graph.container_polls_needed = 0
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    session.close()


def open_post_dialog(window: MainWindow) -> PublishDialog:
    """Open a short post with one photo (every platform but YouTube takes it), then the dialog."""
    import dataclasses

    from composer.paths import assets_dir

    post = Post(title="Layanan Sabtu", text="Layanan paspor buka Sabtu 08.00–12.00 #ImigrasiMelayani")
    photo = window.session.import_file(assets_dir() / "demo" / "ruang-pelayanan.jpg")
    post.media.append(dataclasses.replace(photo, alt="Ruang pelayanan"))
    return post_to_all(window, post)


def post_to_all(window: MainWindow, post: Post) -> PublishDialog:
    """Save *post*, open it, and press “Post to all”: the dialog it opens."""
    window.session.save_draft(post)
    window.open_draft(post.id)
    window.post_to_all()
    dialog = window._open_dialog
    assert isinstance(dialog, PublishDialog)
    return dialog


def test_post_to_all_shows_each_account_finish_with_a_link(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    dialog = open_post_dialog(demo_window)
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)  # the health check before sending
    ticked = [a.platform for a in dialog.selected()]
    assert "youtube" not in ticked and {"facebook", "x", "wordpress"} <= set(ticked)
    ticked = [a.platform for a in dialog.plan.sendable]
    dialog.send(confirm=False)
    qtbot.waitUntil(
        lambda: (
            len(dialog.jobs) == len(ticked)
            and all(j.state not in ("queued", "running") for j in dialog.jobs.values())
        ),
        timeout=15000,
    )
    assert all(j.state == "done" for j in dialog.jobs.values()), [
        (j.platform, j.state, j.error_code, j.error_detail) for j in dialog.jobs.values()
    ]
    for job in dialog.jobs.values():
        message = dialog.rows[job.account_id]["message"]
        bar = dialog.rows[job.account_id]["bar"]
        assert isinstance(message, QLabel) and isinstance(bar, QProgressBar)
        assert bar.value() == 100
        if job.platform == "wordpress":  # the sandbox's own website: a real, working link
            assert "<a href='http://127.0.0.1" in message.text()
        else:  # a real platform's address of a post that exists only here: marked, not linked
            assert "Sandbox, not published: https://" in message.text() and "<a " not in message.text()
    assert len(sandbox.graph.pages["1090000001"].posts) == 1
    qtbot.waitUntil(lambda: "everywhere" in dialog.intro.text(), timeout=5000)


def test_one_failing_account_does_not_hold_up_the_others(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    fb = next(a for a in demo_window.session.accounts() if a.platform == "facebook")
    sandbox.graph.revoke(demo_window.session.registry.secrets(fb)["page_token"])
    sandbox.x.inject(
        Fault(
            r"^/2/tweets$",
            "status",
            status=503,
            body={
                "title": "Service Unavailable",
                "detail": "Service Unavailable",
                "type": "about:blank",
                "status": 503,
            },
        )
    )
    dialog = open_post_dialog(demo_window)
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    fb_row = dialog.rows[fb.id]
    fb_box = fb_row["box"]
    # The check with Facebook before sending finds the revoked token and says what to do.
    qtbot.waitUntil(lambda: "Reconnect" in fb_row["message"].text(), timeout=5000)  # type: ignore[attr-defined]
    fb_box.setChecked(False)  # type: ignore[attr-defined]
    dialog.send(confirm=False)
    qtbot.waitUntil(
        lambda: bool(dialog.jobs) and all(j.state not in ("queued", "running") for j in dialog.jobs.values()),
        timeout=15000,
    )
    states = {j.platform: j.state for j in dialog.jobs.values()}
    assert states["x"] == "waiting" and states["wordpress"] == "done"
    x_job = next(j for j in dialog.jobs.values() if j.platform == "x")
    x_row = dialog.rows[x_job.account_id]
    assert "temporary problem" in x_row["message"].text()  # type: ignore[attr-defined]
    action = x_row["action"]
    assert isinstance(action, QPushButton) and action.text() == "Try again now"
    qtbot.mouseClick(action, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.jobs[x_job.id].state == "done", timeout=10000)
    assert len(sandbox.x.tweets) == 1


def test_outbox_panel_controls_and_history(qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox) -> None:
    session = demo_window.session
    assert demo_window.post is not None
    x = next(a for a in session.accounts() if a.platform == "x")
    session.outbox.set_paused(True)
    [job] = session.outbox.enqueue(demo_window.post, [x])
    dialog = OutboxDialog(session, demo_window.tasks, demo_window)
    qtbot.addWidget(dialog)
    assert dialog.pause_all.isChecked() and dialog.jobs.topLevelItemCount() == 1
    dialog.jobs.topLevelItem(0).setSelected(True)  # type: ignore[union-attr]
    assert dialog.buttons["pause"].isEnabled() and not dialog.buttons["mark_posted"].isEnabled()
    dialog.pause_all.setChecked(False)
    qtbot.waitUntil(lambda: session.workspace.outbox.get(job.id).state == "done", timeout=10000)  # type: ignore[union-attr]
    dialog.refresh()
    assert dialog.history.topLevelItemCount() == 1
    assert "https://x.com/" in dialog.history.topLevelItem(0).text(4)  # type: ignore[union-attr]
    dialog.search.setText("tidak ada yang cocok")
    assert dialog.history.topLevelItemCount() == 0


def test_offline_queues_and_sends_when_the_connection_returns(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    session = demo_window.session
    wp = next(a for a in session.accounts() if a.platform == "wordpress")
    port = int(wp.api_base.rsplit(":", 1)[1])
    sandbox.wordpress.stop()  # the connection drops
    dialog = open_post_dialog(demo_window)
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    for account_id, row in dialog.rows.items():
        row["box"].setChecked(account_id == wp.id)  # type: ignore[attr-defined]
    dialog.send(confirm=False)
    qtbot.waitUntil(
        lambda: bool(dialog.jobs) and all(j.state == "waiting" for j in dialog.jobs.values()), timeout=10000
    )
    qtbot.waitUntil(lambda: "No connection" in dialog.intro.text(), timeout=5000)
    from composer.sandbox.wordpress import WordPressServer

    with WordPressServer(port=port) as back:
        for job in session.workspace.outbox.list(("waiting",)):
            job.next_at = 0  # the timer's next tick, without waiting for it
            session.workspace.outbox.save(job)
        demo_window.run_outbox()
        qtbot.waitUntil(lambda: len(back.posts) == 1, timeout=10000)
    qtbot.waitUntil(lambda: all(j.state == "done" for j in dialog.jobs.values()), timeout=5000)


def test_scheduling_from_the_dialog(qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox) -> None:
    from PySide6.QtCore import QDateTime

    dialog = open_post_dialog(demo_window)
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    dialog.schedule.setChecked(True)
    dialog.when.setDateTime(QDateTime.currentDateTime().addSecs(-3600))
    assert not dialog.send_button.isEnabled() and "future" in dialog.intro.text()
    dialog.when.setDateTime(QDateTime.currentDateTime().addSecs(2 * 3600))
    assert dialog.send_button.isEnabled()
    # Per account, before sending: who keeps the time (issue 13 item 4).
    notes = {a.platform: dialog.rows[a.id]["message"].text() for a in dialog.selected()}  # type: ignore[attr-defined]
    assert "Siar must be running at that time" in notes["x"]
    assert "Siar must be running at that time" in notes["instagram"]
    assert "Siar may be closed" in notes["facebook"] and "Siar may be closed" in notes["wordpress"]
    dialog.send(confirm=False)
    qtbot.waitUntil(lambda: bool(dialog.jobs) and not demo_window.tasks.busy, timeout=10000)
    qtbot.wait(50)
    messages = {j.platform: dialog.rows[j.account_id]["message"].text() for j in dialog.jobs.values()}  # type: ignore[attr-defined]
    assert "Scheduled" in messages["x"] and "Scheduled" in messages["instagram"]
    # Facebook and the website hold it themselves (native scheduling), nothing in the feed yet.
    qtbot.waitUntil(lambda: len(sandbox.graph.pages["1090000001"].scheduled) == 1, timeout=10000)
    assert not sandbox.x.tweets and not sandbox.graph.pages["1090000001"].posts
    assert [p["status"] for p in sandbox.wordpress.posts] in ([], ["future"])


def test_first_comment_per_account_from_the_dialog(
    qtbot: QtBot, demo_window: MainWindow, sandbox: Sandbox
) -> None:
    dialog = open_post_dialog(demo_window)
    qtbot.waitUntil(lambda: not demo_window.tasks.busy, timeout=5000)
    rows = {a.platform: dialog.rows[a.id] for a in dialog.selected()}
    assert "comment" in rows["instagram"] and "comment" in rows["facebook"] and "comment" not in rows["x"]
    qtbot.keyClicks(rows["instagram"]["comment"], "Tautan pendaftaran: https://antrian.imigrasi.go.id")
    dialog.send(confirm=False)
    qtbot.waitUntil(
        lambda: bool(dialog.jobs) and all(j.state not in ("queued", "running") for j in dialog.jobs.values()),
        timeout=15000,
    )
    ig = next(iter(sandbox.graph.igs.values()))
    (media,) = ig.media
    assert [c.text for c in sandbox.graph.ig_comments.owner_comments(media["id"])] == [
        "Tautan pendaftaran: https://antrian.imigrasi.go.id"
    ]
    (page_post,) = sandbox.graph.pages["1090000001"].posts
    assert (
        sandbox.graph.page_comments.owner_comments(page_post["id"]) == []
    )  # Facebook's field was left empty
