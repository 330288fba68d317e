"""Drafts: the posts being written, saved as JSON rows that autosave replaces atomically."""

from __future__ import annotations

import builtins
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


class DamagedDraftError(ValueError):
    """A saved draft could not be read back (hand-edited or from a newer Siar)."""


class DraftStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def list(self) -> list[DraftSummary]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, title, updated_at FROM drafts WHERE deleted_at IS NULL ORDER BY updated_at DESC"
            ).fetchall()
        return [DraftSummary(r["id"], r["title"], r["updated_at"]) for r in rows]

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

    def plan_keys(self) -> dict[str, tuple[str, bool]]:
        """Plan-row key → (draft id, in the bin), for drafts made from a plan (composer/plan),
        binned ones too: importing the file again must not make a second one."""
        with self._lock:
            rows = self._db.execute(
                """SELECT id, json_extract(data, '$.plan_key') AS k, deleted_at IS NOT NULL AS binned
                   FROM drafts WHERE k IS NOT NULL AND k != ''"""
            ).fetchall()
        return {str(r["k"]): (str(r["id"]), bool(r["binned"])) for r in rows}

    def planned(self, start: str, end: str) -> builtins.list[Post]:
        """Drafts planned for *start* ≤ planned_at < *end* (local "YYYY-MM-DDTHH:MM" strings),
        oldest first; a damaged draft is left out (it cannot be shown anyway)."""
        with self._lock:
            rows = self._db.execute(
                """SELECT data FROM drafts WHERE deleted_at IS NULL
                   AND json_extract(data, '$.planned_at') >= ? AND json_extract(data, '$.planned_at') < ?
                   ORDER BY json_extract(data, '$.planned_at')""",
                (start, end),
            ).fetchall()
        posts = []
        for row in rows:
            try:
                posts.append(Post.from_dict(json.loads(row["data"])))
            except (ValueError, KeyError, TypeError):
                continue
        return posts
