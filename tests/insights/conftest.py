"""A workspace with the five sandbox accounts connected, a fake clock for the metrics
service and the sandbox's metrics, and a way to say "this post went out at that time"."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
import requests

from composer import platforms
from composer.accounts.model import Account
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.demo import connect_sandbox
from composer.insights.service import MetricsService
from composer.sandbox import Sandbox
from composer.sandbox import metrics as fake_metrics
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock
from tests.memory_keyring import MemoryKeyring

START = 1_795_000_000.0  # 2026-11-18 (a Wednesday), 08:26 UTC


@dataclass
class Env:
    workspace: Workspace
    registry: AccountRegistry
    sandbox: Sandbox
    service: MetricsService
    clock: FakeClock
    posting_as: dict[str, Account] = field(default_factory=dict)  # published()'s, read once a platform

    def account(self, platform: str) -> Account:
        return next(a for a in self.registry.list() if a.platform == platform)

    def published(
        self, platform: str, when: float, text: str = "Layanan paspor Sabtu #ImigrasiMelayani"
    ) -> HistoryEntry:
        """A post that went out at *when*: on the fake, and in the workspace's history."""
        if platform not in self.posting_as:
            self.posting_as[platform] = self.account(platform)
        account = self.posting_as[platform]
        owner = account.external_id
        platform_id, link = fake_metrics.seed_post(self.sandbox, platform, owner, text, when)
        entry = HistoryEntry(
            uuid.uuid4().hex, uuid.uuid4().hex, account.id, account.name, platform, text,
            platform_id=platform_id, permalink=link, published_at=when,
        )  # fmt: skip
        self.workspace.outbox.record(entry)
        return entry

    def run(self, when: float) -> int:
        self.clock.advance_to(when)
        return self.service.run_due(self.clock()).taken


@pytest.fixture
def env(
    sandbox: Sandbox, memory_keyring: MemoryKeyring, kept_alive_http: Callable[[], requests.Session]
) -> Iterator[Env]:
    workspace = Workspace()
    registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    connect_sandbox(registry, sandbox)
    clock = FakeClock(START)
    fake_metrics.set_clock(sandbox, clock)
    yield Env(workspace, registry, sandbox, MetricsService(workspace, registry, kept_alive_http), clock)
    workspace.close()
