"""Test set-up: offscreen Qt, a throwaway workspace, English messages, no internet.

- QT_QPA_PLATFORM defaults to offscreen (pass --onscreen to watch the widgets).
- SIAR_HOME points every path at the test's own temporary folder.
- Any socket to a host other than 127.0.0.1/::1 fails the test: the suite is offline.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

pytest_plugins = ("pytester",)  # tests/test_lifecycle_guard.py runs small test files

if TYPE_CHECKING:
    import requests

    from composer.sandbox import Sandbox
    from composer.session import Session
    from composer.store.workspace import Workspace
    from tests.memory_keyring import MemoryKeyring


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show Qt widgets on the real display")
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/design/golden/*.png from the current renderer",
    )


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import PySide6  # noqa: F401  (its import hook is in place from here on)

    from composer.store import db
    from composer.ui.feature_scan import skip_source_scan

    # As the app does at start-up: PySide6 would read the source of every module a test
    # worker imports after it (some 1,000, test modules included) to look for "PySide6".
    skip_source_scan()

    # No fsync per commit in this process: its tests never crash the machine, and the
    # processes the crash tests kill (children) keep FULL. See composer/store/db.py.
    db.SYNCHRONOUS = "OFF"


_LOCAL = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOCAL:
        raise RuntimeError(f"test tried to reach {address!r}: the suite must stay offline")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(autouse=True)
def _nothing_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test ends with every session closed, no background task pending and no worker
    thread alive: what a test leaves behind would otherwise run into the next one (a
    callback into a closed database, a worker writing after its workspace is gone)."""
    yield
    import sys

    if "composer.session" not in sys.modules:
        return  # the test never opened a session
    from composer.session import open_sessions
    from composer.session.executor import THREAD_PREFIX

    left = open_sessions()
    busy = [s for s in left if s.executor.busy]
    for session in left:
        session.close()  # so one leak does not fail every test after it
    workers = [t.name for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX) and t.is_alive()]
    problems = []
    if left:
        problems.append(f"{len(left)} session(s) left open ({len(busy)} with pending tasks)")
    if workers:
        problems.append(f"worker threads still alive: {', '.join(workers)}")
    if problems:
        pytest.fail("; ".join(problems), pytrace=False)


@pytest.fixture(autouse=True)
def _no_real_keyring() -> Iterator[None]:
    """No test reaches the OS keyring: the default is "no backend"; tests that need a
    working one use the ``memory_keyring`` fixture (below)."""
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def siar_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "siar-home"
    monkeypatch.setenv("SIAR_HOME", str(home))
    from composer import i18n

    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    import keyring

    from tests.memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    from composer.sandbox import Sandbox

    with Sandbox.start() as running:
        # X checks the redirect URI exactly, and Siar's real one is a fixed port (8765): a
        # test on it would fail whenever anything else on the machine holds that port.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            running.x.redirect_port = int(probe.getsockname()[1])
        yield running


@pytest.fixture
def kept_alive_http() -> Iterator[Callable[[], requests.Session]]:
    """A factory handing out one kept-alive HTTP session for the test. The services close
    the session they get after each account; in a simulation of weeks of polling, a new
    connection (and a new sandbox server thread) per fetch took half of the time. The
    requests made, which those tests count, are the same."""
    from composer.accounts.http import SandboxSession

    http = SandboxSession()  # its close() keeps it open; no proxy look-ups: the sandbox is local
    yield lambda: http
    http.end()


@pytest.fixture
def workspace() -> Iterator[Workspace]:
    """A fresh workspace in the test's own SIAR_HOME."""
    from composer.store.workspace import Workspace

    ws = Workspace()
    yield ws
    ws.close()


@pytest.fixture
def session(workspace: Workspace) -> Iterator[Session]:
    """A session on the test's workspace (closed, with the workspace, at the end)."""
    from composer.session import Session

    with Session(workspace) as running:
        yield running


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
