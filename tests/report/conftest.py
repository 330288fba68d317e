"""The demo workspace with a month and a half of history measured on the sandbox."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from composer import demo, platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.report.model import WIB
from composer.sandbox import Sandbox
from composer.store.workspace import Workspace
from tests.memory_keyring import MemoryKeyring

NOW = datetime(2026, 12, 10, 9, 0, tzinfo=WIB).timestamp()


@pytest.fixture(scope="module")
def _demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace built once per module in a folder of its own (seeding the history
    through the sandbox took 2 s a test); each test gets a copy of it, so none can change
    what another one reads. The accounts' secrets stay in this fixture's keyring: the
    report reads only the database."""
    import keyring

    home = tmp_path_factory.mktemp("demo") / "siar-home"
    previous = keyring.get_keyring()
    with pytest.MonkeyPatch.context() as patch, Sandbox.start() as sandbox:
        patch.setenv("SIAR_HOME", str(home))
        keyring.set_keyring(MemoryKeyring())
        try:
            workspace = Workspace()
            registry = AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors())
            demo.seed(workspace)
            demo.connect_sandbox(registry, sandbox)
            assert demo.seed_history(workspace, registry, sandbox, NOW) > 100
            assert demo.seed_inbox(workspace, registry, sandbox, NOW) > 0  # the response times' comments
            workspace.close()
        finally:
            keyring.set_keyring(previous)
    return home


@pytest.fixture
def demo_workspace(_demo_home: Path, siar_home: Path) -> Iterator[Workspace]:
    shutil.copytree(_demo_home, siar_home, dirs_exist_ok=True)
    workspace = Workspace()
    yield workspace
    workspace.close()
