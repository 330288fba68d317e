"""Liking a citizen's comment from the inbox: Facebook only (the one platform whose API
allows it), through the outbox, and the platform is asked once — also when the answer
was lost or the outbox was killed right after Facebook took the like."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import keyring
import pytest

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.demo import connect_sandbox
from composer.publish.inbox import InboxService
from composer.publish.outbox import Outbox
from composer.sandbox import Fault, Sandbox
from composer.sandbox.server import Request
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock
from tests.file_keyring import FileKeyring
from tests.publish.conftest import Env
from tests.publish.test_crash_safety import child
from tests.publish.test_inbox import COMMENT_PLATFORMS, DAY, citizens_later, inbox, publish_everywhere

LIKES = r"/likes$"


def test_a_like_goes_through_the_outbox_once_and_only_facebook_takes_it(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    rows = env.workspace.comments.page(0, 500)
    target = next(c for c in rows if c.platform == "facebook")
    job = service.like(target.id)
    assert job.payload["title"].startswith("👍 ") and env.workspace.comments.get(target.id).pending == "like"  # type: ignore[union-attr]
    for platform in set(COMMENT_PLATFORMS) - {"facebook"}:
        other = next(c for c in rows if c.platform == platform)
        with pytest.raises(ValueError, match=r"inbox\.like_unsupported"):
            service.like(other.id)
    env.outbox.run_until_settled()
    assert env.sandbox.graph.page_likes == [target.remote_id]
    assert env.sandbox.graph.page_comments.comments[target.remote_id].liked_by_owner
    liked = env.workspace.comments.get(target.id)
    assert liked is not None and liked.liked_at is not None and liked.pending == ""
    assert liked.status == target.status  # a like is no answer: the question still waits
    with pytest.raises(ValueError, match=r"inbox\.already_liked"):
        service.like(target.id)
    assert len(env.workspace.outbox.history()) == 4  # not a post


def test_a_like_whose_answer_was_lost_is_found_not_sent_again(env: Env) -> None:
    publish_everywhere(env)
    citizens_later(env.sandbox, 3 * DAY)
    service = inbox(env)
    service.run_due()
    target = next(c for c in env.workspace.comments.page(0, 500) if c.platform == "facebook")
    service.like(target.id)
    env.sandbox.graph.inject(Fault(LIKES, "drop-after", method="POST"))
    env.outbox.run_until_settled()
    assert env.sandbox.graph.page_likes == [target.remote_id]
    assert env.sandbox.graph.requests_to(LIKES, "POST") == 1  # the second try read user_likes
    assert env.workspace.comments.get(target.id).liked_at is not None  # type: ignore[union-attr]


class KillOnLike:
    """SIGKILL the outbox process once Facebook has taken the like, before it answers."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.lock = threading.Lock()

    def __call__(self, request: Request, when: str) -> None:
        if when == "handled" and request.method == "POST" and request.path.endswith("/likes"):
            with self.lock:
                if self.process.poll() is None:
                    self.process.send_signal(signal.SIGKILL)
                    self.process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_like_facebook_is_asked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(str(keyring_file)))
    monkeypatch.setenv("SIAR_HOME", str(tmp_path / "home"))
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
        service.like(comment.id)
        workspace.close()
        process = child(tmp_path / "home", keyring_file)
        sandbox.graph.hook = KillOnLike(process)
        process.wait(timeout=120)
        sandbox.graph.hook = None
        assert process.returncode == -signal.SIGKILL
        assert sandbox.graph.page_likes == [comment.remote_id]  # it went through, unanswered
        workspace = Workspace()
        clock = FakeClock()
        restarted = Outbox(
            workspace,
            AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors()),
            clock=clock,
            sleep=clock.sleep,
        )
        restarted.run_until_settled(timeout=7200, patience=7200)
        assert sandbox.graph.page_likes == [comment.remote_id]
        assert workspace.comments.get(comment.id).liked_at is not None  # type: ignore[union-attr]
        workspace.close()
