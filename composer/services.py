"""What the window and the command line share besides the workspace: the accounts
registry (its keyring is opened on first use, not at start-up) and the sandbox when the
demo runs on it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from composer.store.workspace import Workspace

if TYPE_CHECKING:
    from composer.accounts.registry import AccountRegistry
    from composer.publish.outbox import Outbox
    from composer.sandbox import Sandbox
    from composer.store.outbox import Job


class Services:
    def __init__(self, workspace: Workspace, sandbox: Sandbox | None = None) -> None:
        self.workspace = workspace
        self.sandbox = sandbox
        self._registry: AccountRegistry | None = None
        self._outbox: Outbox | None = None
        self.job_listeners: list[Callable[[Job], None]] = []

    @property
    def registry(self) -> AccountRegistry:
        if self._registry is None:
            from composer import platforms
            from composer.accounts.registry import AccountRegistry
            from composer.accounts.secrets import SecretStore

            self._registry = AccountRegistry(
                self.workspace.accounts, SecretStore(), connectors=platforms.connectors()
            )
        return self._registry

    @property
    def outbox(self) -> Outbox:
        if self._outbox is None:
            from composer.publish.outbox import Outbox

            self._outbox = Outbox(self.workspace, self.registry, on_change=self._job_changed)
        return self._outbox

    def _job_changed(self, job: Job) -> None:
        """Called from the outbox's worker threads; listeners must hand over to their own.
        They get a snapshot: the worker goes on changing its own copy meanwhile."""
        snapshot = copy.deepcopy(job)
        for listener in list(self.job_listeners):
            listener(snapshot)

    def close(self) -> None:
        if self.sandbox is not None:
            self.sandbox.stop()
