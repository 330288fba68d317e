"""The Qt side of the session's executor: run a function on the session's worker pool and
get the result back on the GUI thread. Workers receive values, never widgets.

``submit(fn, *args, on_done=..., on_error=..., key=..., owner=...)``:

- a newer submission with the same ``key`` supersedes an older one, whose result is then
  dropped ("latest wins"), so a slow thumbnail or import never overwrites a newer state;
- the callbacks never run once the runner is closed (its window closed, or the session
  closed), nor once *owner* has been deleted or, for a dialog, closed: a result never
  lands in a widget or a workspace that is gone;
- :meth:`close` also stops the timers registered with :meth:`add_timer`.

This adapter holds no threads of its own: the session's one executor runs the work.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import wait as wait_futures
from typing import TYPE_CHECKING, Any, Literal, cast

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from composer.session import Cancelled, Session

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

log = logging.getLogger(__name__)
_Done = Callable[[Any], None] | None
_Failed = Callable[[BaseException], None] | None
Lane = Literal["pool", "writer", "images", "imports"]
_CLOSED = "siarTasksClosed"  # a dynamic property on an owner that has closed


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from workers are queued to it."""

    sig_finished = Signal(int, object, object)  # token, result, exception


class TaskRunner(QObject):
    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._relay = _Relay()
        # Queued even when the work finished before submit() returned (its done-callback
        # then runs on this thread): a callback never runs inside submit().
        self._relay.sig_finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[_Done, _Failed, str | None, QObject | None]] = {}
        self._futures: dict[int, Future[Any]] = {}
        self._latest: dict[str, int] = {}
        self._timers: list[QTimer] = []
        self._closed = False
        unhook = session.on_close(self.close)
        self.destroyed.connect(lambda *_a: unhook())

    @property
    def closed(self) -> bool:
        return self._closed or self.session.closed

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        key: str | None = None,
        owner: QObject | None = None,
        lane: Lane = "pool",
    ) -> int:
        """Run ``fn(*args)`` on a worker; 0 (nothing runs) once the runner is closed.
        *lane*: the session's pool, its one writer thread (first in, first out: the
        draft's autosave), its one thread for pictures (decoding, scaling) or its one
        thread for files brought into the workspace (attached, pasted)."""
        if self.closed:
            return 0
        token = next(self._tokens)
        # inherits(), not isinstance(): the QDialog class is not built for the first paint.
        if owner is not None and owner.inherits("QDialog") and not owner.property(_CLOSED + "Watched"):
            owner.setProperty(_CLOSED + "Watched", True)
            cast("QDialog", owner).finished.connect(lambda _code, o=owner: o.setProperty(_CLOSED, True))
        self._pending[token] = (on_done, on_error, key, owner)
        if key is not None:
            self._latest[key] = token
        try:
            future = self.session.lanes[lane].submit(fn, *args)
        except RuntimeError:  # the session closed in between
            self._pending.pop(token, None)
            return 0
        self._futures[token] = future
        relay = self._relay  # the worker holds the relay, never this runner or a widget
        future.add_done_callback(lambda f: _deliver(relay, token, f))
        return token

    def _finished(self, token: int, result: Any, exc: BaseException | None) -> None:
        self._futures.pop(token, None)
        on_done, on_error, key, owner = self._pending.pop(token, (None, None, None, None))
        if key is not None:
            if self._latest.get(key) != token:
                return  # superseded by a newer submission with the same key
            del self._latest[key]
        if self.closed or isinstance(exc, Cancelled):
            return  # the window or the session has closed: nobody is listening
        if owner is not None and (not shiboken6.isValid(owner) or owner.property(_CLOSED)):
            return  # the widget that asked is gone or closed
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed", exc_info=exc)
        elif on_done is not None:
            on_done(result)

    def add_timer(self, timer: QTimer) -> QTimer:
        """A timer that starts background work: stopped when the runner closes."""
        self._timers.append(timer)
        return timer

    def close(self) -> None:
        """Stop the timers and drop every callback not yet delivered (idempotent)."""
        self._closed = True
        for timer in self._timers:
            if shiboken6.isValid(timer):
                timer.stop()
        self._timers.clear()
        self._pending.clear()
        self._latest.clear()

    @property
    def busy(self) -> bool:
        """Work submitted here whose result has not been handled yet."""
        return bool(self._pending)

    def wait_for(self, token: int, msecs: int | None = 10_000) -> bool:
        """Block until the work of *token* has finished on its worker (True), or *msecs*
        passed (None: however long it takes). Its result is still delivered through the
        event loop, as always."""
        future = self._futures.get(token)
        timeout = None if msecs is None else msecs / 1000
        return future is None or not wait_futures([future], timeout=timeout).not_done

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until this runner's work has finished on the workers (tests, shutdown).
        The results still need the event loop to be delivered."""
        _done, not_done = wait_futures(list(self._futures.values()), timeout=msecs / 1000)
        return not not_done


def _deliver(relay: _Relay, token: int, future: Future[Any]) -> None:
    """On the worker (or wherever the future finished): queue the outcome to the GUI."""
    if not shiboken6.isValid(relay):
        return
    if future.cancelled():
        relay.sig_finished.emit(token, None, Cancelled())
        return
    exc = future.exception()
    relay.sig_finished.emit(token, None if exc is not None else future.result(), exc)
