"""One Siar per workspace for ``siar://`` links: the running Siar listens on a local
socket (QLocalServer); ``siar siar://…`` started by the browser finds it, hands the link
over (composer/ui/app_link_client.py) and exits, so the link completes the sign-in that is waiting in the
running window (composer/accounts/app_links.py checks it)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

from composer.accounts import app_links
from composer.i18n import describe_code
from composer.ui.app_link_client import forward, server_name

log = logging.getLogger(__name__)


class AppLinkServer(QObject):
    sig_problem = Signal(str)
    """(problem code) a link that completed nothing; the window says why."""

    def __init__(self, parent: QObject | None = None, name: str | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if not self.server.listen(self.name):
            # A socket file left by a Siar that crashed: nobody answers on it, so take it.
            if forward("", self.name):
                return False  # another Siar on this workspace holds it
            QLocalServer.removeServer(self.name)
            if not self.server.listen(self.name):
                log.warning("no link channel: %s", self.server.errorString())
                return False
        app_links.set_receiving(True)
        return True

    def close(self) -> None:
        app_links.set_receiving(False)
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            buffer = bytearray()

            def read(s: QLocalSocket = socket, data: bytearray = buffer) -> None:
                data += bytes(s.readAll().data())
                if len(data) > app_links.MAX_LENGTH + 2:
                    s.abort()  # nothing this long is a Siar link
                    self.sig_problem.emit(app_links.BAD_LINK)
                elif data.endswith(b"\n"):
                    s.disconnectFromServer()
                    self.handle(data.decode("utf-8", "replace").strip())

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()  # what arrived before the signal was connected

    def handle(self, link: str) -> None:
        if not link:
            return  # another Siar checking that this one is alive
        problem = app_links.deliver(link)
        if problem:
            self.sig_problem.emit(problem)


def listen(window: Callable[[], QWidget | None], parent: QObject | None = None) -> AppLinkServer:
    """Start listening for links; a link that completes nothing gets one plain message
    over *window()* (the current main window)."""
    server = AppLinkServer(parent)
    server.sig_problem.connect(lambda code: QMessageBox.warning(window(), "Siar", describe_code(code, {})))
    server.listen()
    return server
