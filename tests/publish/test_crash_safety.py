"""Kill the posting process at random moments; after a restart every account has the
post exactly once."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import keyring
import pytest

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.publish.outbox import Outbox
from composer.sandbox import Sandbox
from composer.store.outbox import DONE
from composer.store.workspace import Workspace
from tests.file_keyring import FileKeyring
from tests.publish.restart import settle_in_a_new_outbox

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("SIAR_CRASH_TRIALS", "16"))
PLATFORMS = ("facebook", "instagram", "x", "wordpress")


def posts_with(sandbox: Sandbox, text: str) -> dict[str, int]:
    return {
        "facebook": sum(1 for p in sandbox.graph.pages["1090000001"].posts if p["message"] == text),
        "instagram": sum(1 for ig in sandbox.graph.igs.values() for m in ig.media if m["caption"] == text),
        "x": sum(1 for t in sandbox.x.tweets if t["text"] == text),
        "wordpress": sum(1 for p in sandbox.wordpress.posts if p["content"]["raw"].startswith(f"<p>{text}")),
    }


def child(home: Path, keyring_file: Path) -> subprocess.Popen[bytes]:
    """One posting process of its own (the tests that kill a single run use it)."""
    env = {
        **os.environ,
        "SIAR_HOME": str(home),
        "SIAR_TEST_KEYRING": str(keyring_file),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("outbox_child.py")), str(ROOT), "--once"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


class Forked:
    """One posting process, forked by the launcher: the Popen calls the test makes."""

    def __init__(self, pid: int, answers: IO[str]) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._ended = threading.Event()

        def read_exit() -> None:
            line = answers.readline()
            self.returncode = int(line.split()[1]) if line.startswith("exit ") else -1
            self._ended.set()

        threading.Thread(target=read_exit, name=f"outbox-child-{pid}", daemon=True).start()

    def poll(self) -> int | None:
        return self.returncode

    def send_signal(self, sig: int) -> None:
        # Called only from a request the process is making, so it is still running (the
        # launcher reaps it only after it ends, and the test then stops sending signals).
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, sig)

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"outbox child {self.pid}", timeout or 0)
        assert self.returncode is not None
        return self.returncode


class Launcher:
    """outbox_child.py: Python and Siar are loaded once and each run is a fresh forked
    process (a start-up and an import per run were most of this test's time)."""

    def __init__(self, keyring_file: Path) -> None:
        env = {**os.environ, "SIAR_TEST_KEYRING": str(keyring_file), "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("outbox_child.py")), str(ROOT)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, home: Path) -> Forked:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{home}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer.startswith("pid "), f"the launcher did not start a child: {answer!r}"
        return Forked(int(answer.split()[1]), self.process.stdout)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


class KillAt:
    """A sandbox hook that SIGKILLs the poster at its n-th request, either before the
    platform acts on it ("received") or after it acted but before it answers ("handled")."""

    def __init__(self, process: Forked, n: int, phase: str) -> None:
        self.process, self.n, self.phase = process, n, phase
        self.seen = 0
        self.lock = threading.Lock()

    def __call__(self, request: object, when: str) -> None:
        if when != self.phase:
            return
        with self.lock:
            self.seen += 1
            if self.seen == self.n and self.process.poll() is None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_at_random_points_every_account_gets_exactly_one_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(20261128)
    keyring_file = tmp_path / "keyring.json"
    keyring.set_keyring(FileKeyring(str(keyring_file)))
    total_kills = 0
    launcher = Launcher(keyring_file)
    with Sandbox.start() as sandbox:
        sandbox.graph.container_polls_needed = 1
        for trial in range(TRIALS):
            for ig in sandbox.graph.igs.values():
                ig.media.clear()  # else the fake's 50 a day (§3.3) stops a 100-trial run
            home = tmp_path / f"trial-{trial}"
            monkeypatch.setenv("SIAR_HOME", str(home))
            workspace = Workspace()
            registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
            accounts = [a for a in connect_sandbox(registry, sandbox) if a.platform in PLATFORMS]
            for account in accounts:  # into the (file) keyring, so the child can read them
                for name, value in registry.secrets(account).items():
                    registry.secret_store.set(account.id, name, value)
            text = f"Uji ketahanan #{trial}: layanan paspor tetap buka"
            post = Post(title=f"Uji {trial}", text=text)
            photo = workspace.media.import_file(ROOT / "composer/assets/demo/ruang-pelayanan.jpg")
            post.media.append(photo)
            workspace.drafts.save(post)
            Outbox(workspace, registry).enqueue(post, accounts)
            workspace.close()
            kills = 0
            for _attempt in range(rng.randint(1, 2)):  # one or two kills, then a clean run
                process = launcher.run(home)
                hook = KillAt(process, rng.randint(1, 20), rng.choice(["received", "handled"]))

                for server in sandbox.servers().values():
                    server.hook = hook
                process.wait(timeout=120)
                for server in sandbox.servers().values():
                    server.hook = None
                kills += process.returncode == -signal.SIGKILL
                if os.environ.get("SIAR_CRASH_VERBOSE"):
                    probe = Workspace()
                    print(
                        trial,
                        {
                            j.platform: (j.state, len(j.steps), j.data.get("inflight"))
                            for j in probe.outbox.list()
                        },
                    )
                    probe.close()
            # The restart, in this process (it is not killed, so it needs no process of its
            # own): a new outbox finds what the dead ones left and finishes it.
            workspace = Workspace()
            settle_in_a_new_outbox(workspace)
            states = {j.platform: (j.state, j.error_code) for j in workspace.outbox.list()}
            workspace.close()
            counts = posts_with(sandbox, text)
            assert counts == dict.fromkeys(PLATFORMS, 1), (trial, kills, counts, states)
            assert all(state == DONE for state, _code in states.values()), (trial, states)
            total_kills += kills
    launcher.close()
    assert total_kills >= TRIALS  # the kills really happened, mid-request
