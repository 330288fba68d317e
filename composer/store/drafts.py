"""Drafts: the posts being written, saved as JSON rows that autosave replaces atomically."""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
from dataclasses import dataclass

from composer.core.post import Post, now_iso
from composer.store.search import drafts_filter

# Newest first; (updated_at, id) is unique, so a page can start right after any row.
_ORDER = "ORDER BY d.updated_at DESC, d.id DESC"
# Published at least once (one lookup in the history_post index).
_POSTED = "EXISTS (SELECT 1 FROM history h WHERE h.post_id = d.id) AS posted"
_SUMMARY = f"SELECT d.id, d.title, d.updated_at, {_POSTED} FROM drafts d"


@dataclass(frozen=True)
class DraftSummary:
    """One row of the drafts list: what it shows, and where a page after it starts."""

    id: str
    title: str
    updated_at: str
    posted: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.updated_at, self.id)


def _summary(row: sqlite3.Row) -> DraftSummary:
    return DraftSummary(row["id"], row["title"], row["updated_at"], bool(row["posted"]))


class DamagedDraftError(ValueError):
    """A saved draft could not be read back (hand-edited or from a newer Siar)."""


class DraftStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock) -> None:
        self._db = db
        self._lock = lock

    def list(self) -> builtins.list[DraftSummary]:
        """Every draft, newest first (the CLI; the window pages with ``page``)."""
        with self._lock:
            rows = self._db.execute(f"{_SUMMARY} WHERE d.deleted_at IS NULL {_ORDER}").fetchall()
        return [_summary(r) for r in rows]

    def page(
        self, limit: int, after: tuple[str, str] | None = None, search: str = ""
    ) -> builtins.list[DraftSummary]:
        """Up to *limit* drafts, newest first, starting after the row whose ``key`` is
        *after*; with *search*, only drafts whose title or text has every typed word.

        Reads only the rows it returns (keyset paging over the drafts_live index), so a
        page costs the same in a workspace of 10 drafts or 10,000.
        """
        where = ["d.deleted_at IS NULL"]
        params: builtins.list[str] = []
        if after is not None:
            where.append("(d.updated_at, d.id) < (?, ?)")
            params += after
        with self._lock:
            condition, search_params = drafts_filter(self._db, search)
            where.append(condition)
            rows = self._db.execute(
                f"{_SUMMARY} WHERE {' AND '.join(where)} {_ORDER} LIMIT ?", (*params, *search_params, limit)
            ).fetchall()
        return [_summary(r) for r in rows]

    def summary(self, draft_id: str) -> DraftSummary | None:
        """The list row of one draft; None if there is none or it is in the bin."""
        with self._lock:
            row = self._db.execute(
                f"{_SUMMARY} WHERE d.id = ? AND d.deleted_at IS NULL", (draft_id,)
            ).fetchone()
        return _summary(row) if row else None

    def matches(self, draft_id: str, search: str) -> bool:
        """Whether the draft is listed under *search* (the same condition as ``page``)."""
        with self._lock:
            condition, params = drafts_filter(self._db, search)
            row = self._db.execute(
                f"SELECT 1 FROM drafts d WHERE d.id = ? AND d.deleted_at IS NULL AND {condition}",
                (draft_id, *params),
            ).fetchone()
        return row is not None

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
