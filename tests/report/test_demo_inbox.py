"""The demo's inbox: citizens' comments on the demo history, most answered, and the
response-time figures the monthly report reads."""

from __future__ import annotations

import socket
from datetime import datetime
from typing import Any

import pytest

from composer import demo, platforms
from composer.accounts.registry import AccountRegistry
from composer.accounts.secrets import SecretStore
from composer.report.model import WIB
from composer.sandbox import Sandbox
from composer.store.comments import ANSWERED, NEW
from composer.store.workspace import Workspace
from tests.memory_keyring import MemoryKeyring
from tests.report.conftest import NOW


def test_the_demo_inbox_has_answered_and_waiting_questions_on_every_platform(
    sandbox: Sandbox, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As the app does: one registry connects the sandbox, seeds the history and the inbox.
    demo_workspace = Workspace()
    registry = AccountRegistry(demo_workspace.accounts, SecretStore(), connectors=platforms.connectors())
    demo.seed(demo_workspace)
    demo.connect_sandbox(registry, sandbox)
    connections: list[Any] = []
    connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda s, a: connections.append(a) or connect(s, a))
    demo.seed_history(demo_workspace, registry, sandbox, NOW)
    read = demo.seed_inbox(demo_workspace, registry, sandbox, NOW)
    # Hundreds of requests over kept-alive connections, not a new one per account and run.
    assert 0 < len(connections) <= 2 * len(sandbox.servers()), len(connections)
    store = demo_workspace.comments
    rows = store.page(0, 100_000)
    assert read == len(rows) > 100
    assert {r.platform for r in rows} == {"facebook", "instagram", "youtube", "wordpress"}
    assert {ANSWERED, NEW} <= {r.status for r in rows}
    start = datetime(2026, 11, 1, tzinfo=WIB).timestamp()
    end = datetime(2026, 12, 1, tzinfo=WIB).timestamp()
    figures = store.response_times(start, end)
    assert figures.needing_answer > 20 and figures.answered > figures.unanswered > 0
    assert figures.median_seconds is not None and 900 <= figures.median_seconds <= 37 * 3600
    assert 0 < figures.share_within_24h < 1
    assert demo.seed_inbox(demo_workspace, registry, sandbox, NOW) == 0  # once only
    demo_workspace.close()
