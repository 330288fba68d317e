"""The browser's side of a ``siar://`` link: ``siar siar://…`` hands the link to the Siar
already running on this workspace (composer/ui/app_link_server.py listens) and exits.

Kept apart from the server so the hand-over imports only QtNetwork, not the window:
the browser's click is answered before a window's worth of modules would have loaded."""

from __future__ import annotations

import getpass
import hashlib

from PySide6.QtNetwork import QLocalSocket

from composer import paths

CONNECT_MS = 1000
SEND_AT_MOST = 64 * 1024
"""Far more than the longest link taken (``app_links.MAX_LENGTH``, checked by the receiver,
which refuses a longer one); only a bound on what a stray argument can push down the socket."""


def server_name() -> str:
    """Per user and per workspace, so the demo and the office's Siar never swap links."""
    where = str(paths.database_path().resolve())
    return f"siar-links-{getpass.getuser()}-{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def forward(link: str, name: str | None = None) -> bool:
    """Hand *link* to the Siar already running; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(link.encode("utf-8")[:SEND_AT_MOST] + b"\n")
    sent = socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return sent
