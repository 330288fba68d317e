"""The posting process the crash test kills: open the workspace, run the outbox."""

from __future__ import annotations

import sys

import keyring

sys.path.insert(0, sys.argv[1])  # the checkout, for tests.file_keyring

from tests.fake_clock import FakeClock
from tests.file_keyring import FileKeyring

keyring.set_keyring(FileKeyring())

from composer import platforms  # noqa: E402
from composer.accounts.registry import AccountRegistry  # noqa: E402
from composer.accounts.secrets import SecretStore  # noqa: E402
from composer.publish.outbox import Outbox  # noqa: E402
from composer.store.workspace import Workspace  # noqa: E402

workspace = Workspace()
# Waits (container polls, backoff) move a fake clock instead of taking real seconds; the
# kills still land mid-request, which is what the test is about.
clock = FakeClock()
outbox = Outbox(
    workspace,
    AccountRegistry(workspace.accounts, SecretStore(), connectors=platforms.connectors()),
    clock=clock,
    sleep=clock.sleep,
)
outbox.run_until_settled(timeout=7200, patience=7200)
workspace.close()
