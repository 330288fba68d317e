"""A workspace with the five sandbox accounts connected, and posts to send."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from composer import platforms
from composer.accounts.model import Account
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.core.post import Post
from composer.demo import connect_sandbox
from composer.paths import assets_dir
from composer.publish.outbox import Outbox
from composer.sandbox import Sandbox
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock
from tests.memory_keyring import MemoryKeyring
from tests.store.videos import mp4_bytes

# A real (tiny) MP4: the media store probes videos; padded to ~768 KB like a short clip.
FAKE_MP4 = mp4_bytes(768_000)


@dataclass
class Env:
    workspace: Workspace
    registry: AccountRegistry
    sandbox: Sandbox
    outbox: Outbox
    clock: FakeClock

    def account(self, platform: str) -> Account:
        return next(a for a in self.registry.list() if a.platform == platform)

    def post(
        self,
        text: str = "Layanan paspor buka Sabtu pukul 08.00 #ImigrasiMelayani",
        photos: int = 1,
        video: bool = False,
    ) -> Post:
        post = Post(title="Layanan Sabtu", text=text, tags=["paspor", "layanan"])
        for name in ["paspor-dari-ponsel.jpg", "ruang-pelayanan.jpg"][:photos]:
            item = self.workspace.media.import_file(assets_dir() / "demo" / name)
            post.media.append(dataclasses.replace(item, alt=f"Foto {name}"))
        if video:
            post.media.append(self.workspace.media.import_bytes(FAKE_MP4, "video.mp4"))
        self.workspace.drafts.save(post)
        return post


@pytest.fixture
def env(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[Env]:
    workspace = Workspace()
    registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    for account in connect_sandbox(registry, sandbox):
        # Into the (in-memory) keyring, so a second SecretStore (the CLI's) finds them.
        for name, value in registry.secrets(account).items():
            registry.secret_store.set(account.id, name, value)
    sandbox.graph.container_polls_needed = 0
    clock = FakeClock()  # the outbox waits (backoff, container polls) on it, not in real time
    yield Env(
        workspace, registry, sandbox, Outbox(workspace, registry, clock=clock, sleep=clock.sleep), clock
    )
    workspace.close()
