"""The workspace: the database, drafts, media and preferences, opened together."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from composer import paths
from composer.store.accounts import AccountRows
from composer.store.db import connect
from composer.store.designs import DesignStore
from composer.store.drafts import DraftStore
from composer.store.media import MediaStore
from composer.store.settings import SettingsStore

if TYPE_CHECKING:
    from composer.store.outbox import OutboxStore


class Workspace:
    def __init__(
        self, data: Path | None = None, cache: Path | None = None, clock: Callable[[], float] = time.time
    ) -> None:
        data = data or paths.data_dir()
        cache = cache or paths.cache_dir()
        self.db_path = data / "siar.db"
        self.db = connect(self.db_path)
        self.clock = clock  # the stores' timestamps (tests pass a fake one)
        # One connection shared by the GUI and worker threads; the lock serialises use
        # (the threading model: composer/store/db.py).
        self.lock = threading.Lock()
        self.drafts = DraftStore(self.db, self.lock)
        self.media = MediaStore(data / "media", cache / "thumbs", self.db, self.lock)
        self.settings = SettingsStore(self.db, self.lock)
        self.designs = DesignStore(self.db, self.lock)
        self.accounts = AccountRows(self.db, self.lock)
        self._outbox: OutboxStore | None = None

    @property
    def outbox(self) -> OutboxStore:
        """Jobs and history (loaded on first use: not needed to start writing)."""
        if self._outbox is None:
            from composer.store.outbox import OutboxStore

            self._outbox = OutboxStore(self.db, self.lock, self.clock)
        return self._outbox

    def close(self) -> None:
        with self.lock:
            self.db.close()
