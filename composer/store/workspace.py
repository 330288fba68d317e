"""The workspace: the database, drafts, media and preferences, opened together."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from composer import paths
from composer.store import backups
from composer.store.accounts import AccountRows
from composer.store.db import NewerWorkspaceError, connect
from composer.store.designs import DesignStore
from composer.store.drafts import DraftStore
from composer.store.media import MediaStore
from composer.store.problems import classify
from composer.store.settings import SettingsStore

if TYPE_CHECKING:
    from composer.store.comments import CommentStore
    from composer.store.metrics import MetricsStore
    from composer.store.outbox import Job, OutboxStore


class Workspace:
    def __init__(
        self, data: Path | None = None, cache: Path | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        """Raises ``WorkspaceError`` (damaged, read-only, full, busy, newer), never a raw
        SQLite or OS error. *clock* stamps the stores' rows (tests pass a fake one)."""
        self.db_path = Path("siar.db")
        self.clock = clock
        try:
            self._open(data, cache)
        except (sqlite3.Error, OSError, NewerWorkspaceError) as exc:
            problem = classify(exc, self.db_path)
            if problem is None:
                raise
            raise problem from exc

    def _open(self, data: Path | None, cache: Path | None) -> None:
        data = data or paths.data_dir()
        cache = cache or paths.cache_dir()
        self.db_path = data / "siar.db"
        self.db = connect(self.db_path)
        # One connection shared by the GUI and worker threads; the lock serialises use
        # (the threading model: composer/store/db.py).
        self.lock = threading.Lock()
        self.drafts = DraftStore(self.db, self.lock)
        self.media = MediaStore(data / "media", cache / "thumbs", self.db, self.lock)
        self.settings = SettingsStore(self.db, self.lock)
        self.designs = DesignStore(self.db, self.lock)
        self.accounts = AccountRows(self.db, self.lock)
        self._outbox: OutboxStore | None = None
        self._comments: CommentStore | None = None
        self._metrics: MetricsStore | None = None

    @property
    def outbox(self) -> OutboxStore:
        """Jobs and history (loaded on first use: not needed to start writing)."""
        if self._outbox is None:
            from composer.store.outbox import OutboxStore

            self._outbox = OutboxStore(self.db, self.lock, self.clock)
        return self._outbox

    def hold_missed(self, now: float) -> list[Job]:
        """The outbox's ``hold_missed`` (at start-up). With no job waiting or paused, the
        usual start, there is nothing to hold: one indexed lookup answers that, and the
        outbox's module is not loaded for the first paint (issue 17)."""
        if self._outbox is None:
            with self.lock:  # JobState.WAITING and PAUSED, as stored
                row = self.db.execute(
                    "SELECT 1 FROM jobs WHERE state IN ('waiting', 'paused') LIMIT 1"
                ).fetchone()
            if row is None:
                return []
        return self.outbox.hold_missed(now)

    @property
    def comments(self) -> CommentStore:
        """The inbox's comments (loaded on first use)."""
        if self._comments is None:
            from composer.store.comments import CommentStore

            self._comments = CommentStore(self.db, self.lock, self.clock)
        return self._comments

    @property
    def metrics(self) -> MetricsStore:
        """Metric snapshots of published posts (loaded on first use)."""
        if self._metrics is None:
            from composer.store.metrics import MetricsStore

            self._metrics = MetricsStore(self.db, self.lock)
        return self._metrics

    def close(self) -> None:
        with self.lock:
            backups.daily(self.db, self.db_path.parent)  # once a day; never raises
            self.db.close()
