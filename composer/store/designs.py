"""The infographic of each post, stored as the design's versioned JSON."""

from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING

from composer.core.post import now_iso

if TYPE_CHECKING:
    from composer.design.model import Design

# composer.design is imported when a design is first read or written, not at start-up.


class DesignStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def load(self, post_id: str) -> Design | None:
        """The post's design, or None. A damaged row raises design_io.DesignFileError."""
        with self._lock:
            row = self._db.execute("SELECT data FROM designs WHERE post_id = ?", (post_id,)).fetchone()
        from composer.design import io as design_io

        return None if row is None else design_io.loads(row[0])

    def save(self, post_id: str, design: Design) -> None:
        from composer.design import io as design_io

        with self._lock, self._db:
            self._db.execute(
                """INSERT INTO designs (post_id, data, updated_at) VALUES (?, ?, ?)
                   ON CONFLICT(post_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at""",
                (post_id, design_io.dumps(design), now_iso()),
            )

    def delete(self, post_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("DELETE FROM designs WHERE post_id = ?", (post_id,))
