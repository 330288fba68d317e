"""The inbox: polls the sandbox's citizens, answers and hides through the outbox exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import keyring
import pytest
import requests

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.demo import connect_sandbox
from composer.publish.inbox import FRESH_EVERY, OLD_EVERY, InboxService, poll_interval
from composer.publish.outbox import Outbox
from composer.sandbox import Fault, Sandbox
from composer.sandbox.server import Request
from composer.store.comments import ANSWERED, HIDDEN, NEW, NO_REPLY, Comment
from composer.store.outbox import DONE
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock
from tests.file_keyring import FileKeyring
from tests.publish.conftest import Env
from tests.publish.restart import settle_in_a_new_outbox
from tests.publish.test_crash_safety import child

DAY = 86400.0
COMMENT_PLATFORMS = ("facebook", "instagram", "youtube", "wordpress")


def publish_everywhere(env: Env) -> None:
    photo_post = env.post()
    env.outbox.enqueue(photo_post, [env.account(p) for p in ("facebook", "instagram", "wordpress")])
    env.outbox.enqueue(env.post(video=True), [env.account("youtube")])
    env.outbox.run_until_settled()
    assert {j.state for j in env.workspace.outbox.list()} == {DONE}


def citizens_later(sandbox: Sandbox, seconds: float) -> None:
    """Move every fake's comment clock: the citizens of the next *seconds* arrive."""
    for book in (sandbox.graph.page_comments, sandbox.graph.ig_comments, sandbox.google.video_comments):
        book.clock = lambda: time.time() + seconds
    sandbox.wordpress.post_comments.clock = lambda: time.time() + seconds


def inbox(env: Env) -> InboxService:
    return InboxService(env.workspace, env.registry, clock=env.clock)


def test_every_platform_s_citizens_land_in_the_inbox_once(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    added = service.run_due()
    platforms_seen = {c.platform for c in env.workspace.comments.page(0, 500)}
    assert platforms_seen == set(COMMENT_PLATFORMS)
    assert added == env.workspace.comments.count() > 0
    assert service.run_due() == 0  # nothing is due again before 20 minutes
    env.clock.sleep(FRESH_EVERY + 1)
    assert service.run_due() == 0  # due again, asked again, nothing new: no duplicates
    newest = env.workspace.comments.page(0, 3)
    assert newest[0].created_at >= newest[1].created_at >= newest[2].created_at
    assert env.workspace.comments.unanswered() == env.workspace.comments.count(unanswered_only=True) > 0


def test_a_reply_goes_through_the_outbox_and_the_platform_gets_exactly_one(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    for platform in COMMENT_PLATFORMS:
        comment = next(c for c in env.workspace.comments.page(0, 500) if c.platform == platform)
        service.reply(comment.id, "Kantor buka Senin–Jumat pukul 08.00–16.00.")
        assert env.workspace.comments.get(comment.id).pending == "reply"  # type: ignore[union-attr]
    env.outbox.run_until_settled()
    books = {
        "facebook": env.sandbox.graph.page_comments,
        "instagram": env.sandbox.graph.ig_comments,
        "youtube": env.sandbox.google.video_comments,
        "wordpress": env.sandbox.wordpress.post_comments,
    }
    assert {p: len(b.owner_replies()) for p, b in books.items()} == dict.fromkeys(COMMENT_PLATFORMS, 1)
    answered = [c for c in env.workspace.comments.page(0, 500) if c.status == ANSWERED]
    assert len(answered) == 4 and all(c.answered_at is not None and c.pending == "" for c in answered)
    # Our replies, read back by the next poll, answer their parents and are no inbox items.
    before = env.workspace.comments.count()
    env.clock.sleep(FRESH_EVERY + 1)
    service.run_due()
    assert env.workspace.comments.count() == before
    # Not a post: the publishing history has the two posts' entries only.
    assert len(env.workspace.outbox.history()) == 4


def test_a_reply_whose_answer_was_lost_is_found_not_sent_again(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    comment = next(c for c in env.workspace.comments.page(0, 500) if c.platform == "facebook")
    service.reply(comment.id, "Silakan datang dengan KTP dan paspor lama.")
    env.sandbox.graph.inject(Fault(r"/comments$", "drop-after", method="POST"))
    env.outbox.run_until_settled()
    assert len(env.sandbox.graph.page_comments.owner_replies()) == 1
    assert env.workspace.comments.get(comment.id).status == ANSWERED  # type: ignore[union-attr]


def test_hide_and_no_reply_needed(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    rows = env.workspace.comments.page(0, 500)
    for platform in COMMENT_PLATFORMS:
        service.hide(next(c for c in rows if c.platform == platform).id)
    env.outbox.run_until_settled()
    hidden = [c for c in env.workspace.comments.page(0, 500) if c.status == HIDDEN]
    assert {c.platform for c in hidden} == set(COMMENT_PLATFORMS)
    assert sum(c.hidden for c in env.sandbox.graph.page_comments.comments.values()) == 1
    assert sum(c.status == "heldForReview" for c in env.sandbox.google.video_comments.comments.values()) == 1
    assert sum(c.status == "hold" for c in env.sandbox.wordpress.post_comments.comments.values()) == 1
    other = next(c for c in env.workspace.comments.page(0, 500) if c.status == NEW)
    service.no_reply_needed(other.id)
    assert env.workspace.comments.get(other.id).status == NO_REPLY  # type: ignore[union-attr]
    with pytest.raises(ValueError, match=r"inbox\.reply_empty"):
        service.reply(other.id, "   ")


def test_a_missing_permission_is_one_problem_per_account_not_a_stream(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    env.sandbox.graph.comment_grants.discard("instagram_manage_comments")
    service = inbox(env)
    service.run_due()
    instagram = env.account("instagram")
    assert list(service.problems()) == [instagram.id]
    assert "instagram" not in {c.platform for c in env.workspace.comments.page(0, 500)}
    asked = env.sandbox.graph.requests_to(r"/\w+/comments$", "GET")
    env.clock.sleep(FRESH_EVERY + 1)
    service.run_due()  # Facebook is asked again; Instagram waits its six hours
    assert env.sandbox.graph.requests_to(r"/\w+/comments$", "GET") == asked + 1
    env.sandbox.graph.comment_grants.add("instagram_manage_comments")
    env.clock.sleep(7 * 3600)
    service.run_due()
    assert service.problems() == {}
    assert "instagram" in {c.platform for c in env.workspace.comments.page(0, 500)}


def test_polling_is_frequent_for_two_days_then_rare_then_stops(
    env: Env, kept_alive_http: Callable[[], requests.Session]
) -> None:
    assert poll_interval(3600) == FRESH_EVERY and poll_interval(3 * DAY) == OLD_EVERY
    assert poll_interval(15 * DAY) is None
    publish_everywhere(env)
    service = InboxService(env.workspace, env.registry, kept_alive_http, clock=env.clock)
    units_before = env.sandbox.google.comment_units
    for _ in range(int(14 * DAY / FRESH_EVERY) + 10):  # the session's timer, every 20 minutes
        service.run_due()
        env.clock.sleep(FRESH_EVERY)
    polls = env.sandbox.google.comment_units - units_before
    fresh = int(2 * DAY / FRESH_EVERY)
    old = int(12 * DAY / OLD_EVERY)
    assert fresh <= polls <= fresh + old + 2  # 144 + 96, not 1008 every-20-minute polls


def test_response_times_for_the_report(env: Env) -> None:
    store = env.workspace.comments
    base = 1_764_547_200.0  # 2025-12-01 00:00 UTC
    rows = [
        ("q1", "Berapa biaya paspor?", 3600.0),
        ("q2", "Syarat paspor anak apa saja?", 30 * 3600.0),
        ("q3", "Kapan buka?", None),
        ("c1", "Paspor saya belum jadi, tolong", 2 * 3600.0),
        ("t1", "Terima kasih!", None),  # thanks: needs no answer, not counted
    ]
    for remote, text, wait in rows:
        from composer.store.comments import classify

        store.add(
            Comment(
                id=remote,
                history_id="h",
                account_id="a",
                platform="facebook",
                remote_id=remote,
                text=text,
                created_at=base,
                kind=classify(text),
                status=NEW if wait is None else ANSWERED,
                answered_at=None if wait is None else base + wait,
            )
        )
    figures = store.response_times(base, base + 31 * DAY)
    assert (figures.needing_answer, figures.answered, figures.unanswered) == (4, 3, 1)
    assert figures.answered_within_24h == 2 and figures.share_within_24h == 0.5
    assert figures.median_seconds == 2 * 3600.0
    assert store.response_times(base + DAY, base + 2 * DAY).needing_answer == 0


class KillAfterPost:
    """SIGKILL the outbox process once the platform has handled a POST to *path_end* (made
    the reply, taken the like), before Siar hears the answer."""

    def __init__(self, process: subprocess.Popen[bytes], path_end: str) -> None:
        self.process = process
        self.path_end = path_end
        self.lock = threading.Lock()

    def __call__(self, request: Request, when: str) -> None:
        if when == "handled" and request.method == "POST" and request.path.endswith(self.path_end):
            with self.lock:
                if self.process.poll() is None:
                    self.process.send_signal(signal.SIGKILL)
                    self.process.wait()


def kill_after_facebook_took_it(
    tmp_path: Path,
    act: Callable[[InboxService, Comment], object],
    path_end: str,
    taken_once: Callable[[Sandbox, Comment], bool],
    finished: Callable[[Comment], bool],
) -> None:
    """Queue *act* on a Facebook citizen's comment, SIGKILL the posting process right after
    Facebook handled it, start again: Facebook has it once (*taken_once*) and the inbox
    row says so (*finished*). SIAR_HOME must point below *tmp_path*."""
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(str(keyring_file)))
    with Sandbox.start() as sandbox:
        citizens_later(sandbox, 3 * DAY)
        workspace = Workspace()
        registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
        accounts = [a for a in connect_sandbox(registry, sandbox) if a.platform == "facebook"]
        for account in accounts:
            for name, value in registry.secrets(account).items():
                registry.secret_store.set(account.id, name, value)
        env = Env(workspace, registry, sandbox, Outbox(workspace, registry), FakeClock())
        env.outbox.enqueue(env.post(), accounts)
        env.outbox.run_until_settled()
        service = InboxService(workspace, registry)
        service.run_due()
        comment = workspace.comments.page(0, 1)[0]
        act(service, comment)
        workspace.close()
        process = child(tmp_path / "home", keyring_file)
        sandbox.graph.hook = KillAfterPost(process, path_end)
        process.wait(timeout=120)
        sandbox.graph.hook = None
        assert process.returncode == -signal.SIGKILL
        assert taken_once(sandbox, comment)  # it went through, unanswered
        workspace = Workspace()
        settle_in_a_new_outbox(workspace)
        assert taken_once(sandbox, comment)
        row = workspace.comments.get(comment.id)
        assert row is not None and finished(row)
        workspace.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_reply_the_citizen_gets_exactly_one_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SIAR_HOME", str(tmp_path / "home"))
    kill_after_facebook_took_it(
        tmp_path,
        lambda service, comment: service.reply(comment.id, "Biaya paspor elektronik Rp650.000."),
        "/comments",
        lambda sandbox, _comment: len(sandbox.graph.page_comments.owner_replies()) == 1,
        lambda row: row.status == ANSWERED,
    )
    assert os.environ.get("SIAR_HOME")
