"""Issue 13 item 2 on X: the chunked video upload (PLATFORMS.md §1.3, §10.4), streamed
from disk, resumed from the last acknowledged chunk, with processing waited out."""

from __future__ import annotations

import os
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
from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.publish import x as x_client
from composer.publish.outbox import Outbox
from composer.sandbox import Sandbox
from composer.sandbox.server import Fault, Request
from composer.store.outbox import DONE, FAILED, WAITING
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock
from tests.file_keyring import FileKeyring
from tests.publish.conftest import FAKE_MP4, Env
from tests.publish.test_crash_safety import child
from tests.store.videos import mp4_bytes

SMALL_CHUNK = 100_000  # FAKE_MP4 (768 KB) in 8 segments


def _video_post(env: Env) -> Post:
    post = Post(title="Klip", text="Layanan paspor Sabtu, dalam 60 detik")
    post.media.append(env.workspace.media.import_bytes(FAKE_MP4, "klip.mp4"))
    env.workspace.drafts.save(post)
    return post


def _received(env: Env, media_id: str) -> bytes:
    media = env.sandbox.x.media[media_id]
    return b"".join(media.chunks[i] for i in sorted(media.chunks))


def test_a_video_post_on_x_carries_the_video(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x_client, "CHUNK", SMALL_CHUNK)
    env.sandbox.x.video_polls_needed = 3  # "in_progress" twice before "succeeded"
    env.outbox.enqueue(_video_post(env), [env.account("x")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    (tweet,) = env.sandbox.x.tweets
    (media_id,) = tweet["media_ids"]
    assert env.sandbox.x.media[media_id].category == "tweet_video"
    assert _received(env, media_id) == FAKE_MP4
    assert [s for _m, s in env.sandbox.x.appends] == list(range(8))
    assert "partial" not in job.data or not job.data["partial"]


def test_a_rejected_chunk_resumes_from_the_last_acknowledged_one(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(x_client, "CHUNK", SMALL_CHUNK)
    env.sandbox.x.inject(Fault(r"/append$", "status", status=503, skip=3))
    env.outbox.enqueue(_video_post(env), [env.account("x")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == WAITING
    assert job.data["partial"]["video"]["segment"] == 3
    assert job.data["partial"]["video"]["offset"] == 3 * SMALL_CHUNK
    env.clock.sleep(3600)
    env.outbox.run_until_settled()
    (job,) = env.workspace.outbox.list()
    assert job.state == DONE
    (tweet,) = env.sandbox.x.tweets
    # Segments 0–2 went once; the refused fourth and the rest after the retry.
    assert [s for _m, s in env.sandbox.x.appends] == list(range(8))
    assert {m for m, _s in env.sandbox.x.appends} == set(tweet["media_ids"])
    assert _received(env, tweet["media_ids"][0]) == FAKE_MP4


def test_processing_failed_is_a_clear_failure_and_no_post(env: Env) -> None:
    env.sandbox.x.video_processing_fails = True
    env.outbox.enqueue(_video_post(env), [env.account("x")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert (job.state, job.error_code) == (FAILED, "api.x_video_failed")
    assert "Unsupported video format" in job.error_detail
    assert env.sandbox.x.tweets == []


def test_the_fake_refuses_a_chunk_over_5_mb(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x_client, "CHUNK", 6 * 1024 * 1024)
    post = Post(title="Klip", text="Klip besar")
    post.media.append(env.workspace.media.import_bytes(mp4_bytes(7_000_000), "besar.mp4"))
    env.workspace.drafts.save(post)
    env.outbox.enqueue(post, [env.account("x")])
    env.outbox.run_due()
    (job,) = env.workspace.outbox.list()
    assert job.state == FAILED and "5242880" in job.error_detail
    assert env.sandbox.x.appends == [] and env.sandbox.x.tweets == []


class KillAtAppend:
    """SIGKILL the poster once X has stored the *n*-th chunk but before it answers."""

    def __init__(self, process: subprocess.Popen[bytes], n: int) -> None:
        self.process, self.n, self.seen = process, n, 0
        self.lock = threading.Lock()

    def __call__(self, request: Request, when: str) -> None:
        if when != "handled" or not request.path.endswith("/append"):
            return
        with self.lock:
            self.seen += 1
            if self.seen == self.n and self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_9_mid_upload_resumes_from_the_last_acknowledged_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(str(keyring_file)))
    home = tmp_path / "home"
    monkeypatch.setenv("SIAR_HOME", str(home))
    clip = mp4_bytes(3_500_000)  # four 1 MB segments at the client's own chunk size
    with Sandbox.start() as sandbox:
        workspace = Workspace()
        registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
        accounts = [a for a in connect_sandbox(registry, sandbox) if a.platform == "x"]
        for account in accounts:
            for name, value in registry.secrets(account).items():
                registry.secret_store.set(account.id, name, value)
        post = Post(title="Klip", text="Uji kill -9 saat mengunggah video")
        post.media.append(workspace.media.import_bytes(clip, "klip.mp4"))
        workspace.drafts.save(post)
        Outbox(workspace, registry).enqueue(post, accounts)
        workspace.close()

        process = child(home, keyring_file)
        sandbox.x.hook = KillAtAppend(process, 3)
        process.wait(timeout=120)
        sandbox.x.hook = None
        assert process.returncode == -signal.SIGKILL
        assert [s for _m, s in sandbox.x.appends] == [0, 1, 2]

        workspace = Workspace()
        (job,) = workspace.outbox.list()
        assert job.data["partial"]["video"]["segment"] == 2  # the third was never acknowledged
        clock = FakeClock()
        Outbox(
            workspace,
            AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors()),
            clock=clock,
            sleep=clock.sleep,
        ).run_until_settled(timeout=7200, patience=7200)
        (job,) = workspace.outbox.list()
        workspace.close()
        assert job.state == DONE, (job.error_code, job.error_detail)
        # Resumed at the unacknowledged third chunk with the same media id; 0 and 1 not resent.
        assert [s for _m, s in sandbox.x.appends] == [0, 1, 2, 2, 3]
        assert len({m for m, _s in sandbox.x.appends}) == 1
        assert [t["text"] for t in sandbox.x.tweets] == [post.text]
        (media_id,) = sandbox.x.tweets[0]["media_ids"]
        media = sandbox.x.media[media_id]
        assert b"".join(media.chunks[i] for i in sorted(media.chunks)) == clip
        assert os.environ["SIAR_HOME"] == str(home)
