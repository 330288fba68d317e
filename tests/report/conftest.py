"""The demo workspace with a month and a half of history measured on the sandbox."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from composer import demo, platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.report.model import WIB
from composer.sandbox import Sandbox
from composer.store.workspace import Workspace
from tests.memory_keyring import MemoryKeyring

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=WIB).timestamp()


@pytest.fixture
def demo_workspace(sandbox: Sandbox, memory_keyring: MemoryKeyring) -> Iterator[Workspace]:
    workspace = Workspace()
    registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
    demo.seed(workspace)
    demo.connect_sandbox(registry, sandbox)
    assert demo.seed_history(workspace, registry, sandbox, NOW) > 100
    assert demo.seed_inbox(workspace, registry, sandbox, NOW) > 0  # the response times' comments
    yield workspace
    workspace.close()
