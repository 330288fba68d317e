"""Drafts: the posts being written, saved as JSON rows that autosave replaces atomically."""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass

from composer.core.post import Post, now_iso


@dataclass(frozen=True)
class DraftSummary:
    id: str
    title: str
    updated_at: str
    posted: bool = False  # published at least once (the history has it)


class DamagedDraftError(ValueError):
    """A saved draft could not be read back (hand-edited or from a newer Siar)."""


class DraftStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def list(self) -> list[DraftSummary]:
        with self._lock:
            rows = self._db.execute(
                "SELECT d.id, d.title, d.updated_at, EXISTS (SELECT 1 FROM history h WHERE h.post_id = d.id)"
                " AS posted FROM drafts d WHERE d.deleted_at IS NULL ORDER BY d.updated_at DESC"
            ).fetchall()
        return [DraftSummary(r["id"], r["title"], r["updated_at"], bool(r["posted"])) for r in rows]

    def load(self, draft_id: str) -> Post:
        with self._lock:
            row = self._db.execute("SELECT data FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise KeyError(draft_id)
        try:
            return Post.from_dict(json.loads(row["data"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise DamagedDraftError(f"draft {draft_id} cannot be read: {exc}") from exc

    def save(self, post: Post) -> None:
        """Insert or replace *post* in one transaction (a kill mid-save keeps the old row)."""
        post.updated_at = now_iso()
        data = json.dumps(post.to_dict(), ensure_ascii=False)
        with self._lock, self._db:
            self._db.execute(
                """INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(id) DO UPDATE SET title = excluded.title, data = excluded.data,
                   updated_at = excluded.updated_at, deleted_at = NULL""",
                (post.id, post.display_title(), data, post.created_at, post.updated_at),
            )

    def delete(self, draft_id: str) -> None:
        """Move a draft to the bin (kept in the database; ``restore`` brings it back)."""
        with self._lock, self._db:
            self._db.execute("UPDATE drafts SET deleted_at = ? WHERE id = ?", (now_iso(), draft_id))

    def restore(self, draft_id: str) -> None:
        with self._lock, self._db:
            self._db.execute("UPDATE drafts SET deleted_at = NULL WHERE id = ?", (draft_id,))
