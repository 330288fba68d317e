"""A fresh outbox over a workspace's files, as the crash tests run one: in the posting
child they kill, and after the SIGKILL to finish what it left."""

from __future__ import annotations

from composer import platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.publish.outbox import Outbox
from composer.store.workspace import Workspace
from tests.fake_clock import FakeClock


def settle_in_a_new_outbox(workspace: Workspace) -> None:
    """A new outbox runs every due job until none is left (after a kill: it finds what the
    dead one left and finishes it); its waits (backoff, polls) move a fake clock, so up to
    two hours of patience cost no real time."""
    clock = FakeClock()
    restarted = Outbox(
        workspace,
        AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors()),
        clock=clock,
        sleep=clock.sleep,
    )
    restarted.run_until_settled(timeout=7200, patience=7200)
