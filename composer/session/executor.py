"""One bounded pool for every background job of a session, with cooperative cancellation.

Work is plain Python on worker threads: it receives values, never widgets. A job that
runs long (an upload, an outbox run) asks :func:`cancelled` between steps and stops there
once the session closes; work that has not started yet is dropped. ``close`` waits a
bounded time for running work, so the database is closed only after it (or, if a
platform hangs, the worker finds a closed session and its result is thrown away).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any, TypeVar

T = TypeVar("T")
THREAD_PREFIX = "siar-worker"

_current = threading.local()


class Cancelled(Exception):
    """Raised by :func:`check_cancelled` inside a job whose session is closing."""


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def cancelled() -> bool:
    """Whether the job running on this thread has been asked to stop."""
    token: CancelToken | None = getattr(_current, "token", None)
    return token is not None and token.cancelled


def check_cancelled() -> None:
    if cancelled():
        raise Cancelled


class Executor:
    def __init__(self, workers: int = 6, name: str = THREAD_PREFIX) -> None:
        # Most background work waits on the network, not the CPU: a few threads more than
        # cores, bounded so a burst of checks never starts dozens of connections.
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=name)
        self._token = CancelToken()
        self._futures: set[Future[Any]] = set()
        self._lock = threading.Lock()
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def on_worker(self) -> bool:
        """Whether the calling thread is running a job of this executor."""
        return getattr(_current, "token", None) is self._token

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` on a worker. Refused (RuntimeError) once the executor is closed."""
        token = self._token

        def run() -> T:
            if token.cancelled:
                raise Cancelled
            _current.token = token
            try:
                return fn(*args)
            finally:
                _current.token = None

        with self._lock:
            if self._closed:
                raise RuntimeError("the session is closed")
            future = self._pool.submit(run)
            self._futures.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._futures.discard(future)

    @property
    def busy(self) -> bool:
        with self._lock:
            return bool(self._futures)

    def wait(self, timeout: float | None = 10.0) -> bool:
        """Block until every submitted job has finished (tests, shutdown); False on timeout."""
        with self._lock:
            pending = set(self._futures)
        _done, not_done = wait_futures(pending, timeout=timeout)
        return not not_done

    def close(self, timeout: float = 5.0) -> bool:
        """Stop taking work, drop what has not started, ask running jobs to stop and wait
        up to *timeout* seconds for them. True when every worker has finished."""
        with self._lock:
            self._closed = True
            pending = set(self._futures)
        self._token.cancel()
        for future in pending:
            future.cancel()  # only those not started yet
        finished = self.wait(timeout)
        self._pool.shutdown(wait=finished, cancel_futures=True)
        return finished
