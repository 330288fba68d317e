"""Background work for the GUI: run a function on a worker thread, get the result back on
the GUI thread. Workers receive values, never widgets.

``submit(fn, *args, on_done=..., on_error=..., key=...)``: a newer submission with the same
``key`` supersedes an older one, whose result is then dropped ("latest wins"), so a slow
thumbnail or import can never overwrite a newer state.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_Done = Callable[[Any], None] | None
_Failed = Callable[[BaseException], None] | None


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from workers are queued to it."""

    sig_finished = Signal(int, object, object)  # token, result, exception


class _Job(QRunnable):
    def __init__(self, relay: _Relay, token: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        super().__init__()
        self._relay, self._token, self._fn, self._args = relay, token, fn, args

    def run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # noqa: BLE001 - delivered to on_error on the GUI thread
            self._relay.sig_finished.emit(self._token, None, exc)
        else:
            self._relay.sig_finished.emit(self._token, result, None)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay()
        self._relay.sig_finished.connect(self._finished)
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[_Done, _Failed, str | None, QObject | None]] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run ``fn(*args)`` on a worker. Callbacks run on the GUI thread, unless *owner*
        (the object the callbacks belong to) has been deleted by then."""
        token = next(self._tokens)
        self._pending[token] = (on_done, on_error, key, owner)
        if key is not None:
            self._latest[key] = token
        self._pool.start(_Job(self._relay, token, fn, args))
        return token

    def _finished(self, token: int, result: Any, exc: BaseException | None) -> None:
        on_done, on_error, key, owner = self._pending.pop(token, (None, None, None, None))
        if key is not None:
            if self._latest.get(key) != token:
                return  # superseded by a newer submission with the same key
            del self._latest[key]
        if owner is not None and not shiboken6.isValid(owner):
            return  # the window or widget that asked is gone
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed", exc_info=exc)
        elif on_done is not None:
            on_done(result)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the workers are idle (tests, shutdown). Results still need events."""
        return self._pool.waitForDone(msecs)
