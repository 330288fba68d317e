"""What the window and the command line share besides the workspace: the accounts
registry (its keyring is opened on first use, not at start-up) and the sandbox when the
demo runs on it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from composer.store.workspace import Workspace

if TYPE_CHECKING:
    from composer.accounts.registry import AccountRegistry
    from composer.sandbox import Sandbox


class Services:
    def __init__(self, workspace: Workspace, sandbox: Sandbox | None = None) -> None:
        self.workspace = workspace
        self.sandbox = sandbox
        self._registry: AccountRegistry | None = None

    @property
    def registry(self) -> AccountRegistry:
        if self._registry is None:
            from composer.accounts.registry import AccountRegistry
            from composer.accounts.secrets import SecretStore

            self._registry = AccountRegistry(self.workspace.accounts, SecretStore())
        return self._registry

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
