"""A workspace and an accounts registry backed by the in-memory keyring."""

from __future__ import annotations

import pytest

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.store.workspace import Workspace
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def registry(workspace: Workspace, memory_keyring: MemoryKeyring) -> AccountRegistry:
    return AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
