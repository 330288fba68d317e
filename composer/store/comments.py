"""The inbox's comments: the public's comments on our posts, their status and answers.

A comment belongs to a history entry (the post as published on one account). Its
status is one of ``new`` (baru), ``answered`` (dijawab), ``hidden`` (disembunyikan) and
``no_reply`` (tidak perlu dijawab); the UI shows them in the officer's language. ``kind``
says whether it asks for an answer (``question``, ``complaint``) or not (``other``):
the "pertanyaan belum dijawab" filter and the response-time figures count the first two.
``answered_at`` is the first answer's time, kept when later answers follow. ``pending``
names a reply, hide or like waiting in the outbox, so the list can say "sending";
``liked_at`` is when the office's like went through (Facebook only, see publish/comments).

Lists are paged in SQL over ``comments_newest`` / ``comments_open`` so the inbox opens
at once with tens of thousands of rows (benchmarks/inbox.py).
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from composer.store.db import transaction

if TYPE_CHECKING:
    from composer.store.outbox import Job, OutboxStore

NEW, ANSWERED, HIDDEN, NO_REPLY = "new", "answered", "hidden", "no_reply"
STATUSES = (NEW, ANSWERED, HIDDEN, NO_REPLY)
NEEDS_ANSWER = ("question", "complaint")
DAY = 86400.0

_QUESTION = re.compile(
    r"\?|\b(apa|apakah|berapa|bagaimana|gimana|kapan|kenapa|mengapa|dimana|di mana|mana|bisa|boleh|syarat)\b",
    re.IGNORECASE,
)
_COMPLAINT = re.compile(
    r"\b(belum|lama|lambat|panjang|kecewa|error|gagal|tolong|antrean panjang|komplain|keluhan|pungli|ditindaklanjuti)\b",
    re.IGNORECASE,
)


def classify(text: str) -> str:
    """``question``, ``complaint`` or ``other``: a cheap guess the officer can overrule by
    marking a comment "tidak perlu dijawab"."""
    if _COMPLAINT.search(text):
        return "complaint"
    if _QUESTION.search(text):
        return "question"
    return "other"


@dataclass
class Comment:
    id: str
    history_id: str
    account_id: str
    platform: str
    remote_id: str
    text: str
    created_at: float
    author: str = ""
    parent_remote_id: str = ""
    kind: str = "other"
    status: str = NEW
    seen_at: float = 0.0
    answered_at: float | None = None
    reply_text: str = ""
    pending: str = ""
    liked_at: float | None = None

    @property
    def first_answer_seconds(self) -> float | None:
        return None if self.answered_at is None else max(0.0, self.answered_at - self.created_at)


@dataclass(frozen=True)
class Incoming:
    """A comment as a platform listed it (composer.publish.comments turns the wire into these)."""

    remote_id: str
    text: str
    created_at: float
    author: str = ""
    parent_remote_id: str = ""
    hidden: bool = False
    by_owner: bool = False


@dataclass(frozen=True)
class ResponseFigures:
    """How fast the office answers the public (issue 15, the monthly report's section)."""

    needing_answer: int  # questions and complaints received in the period, not hidden
    answered: int
    answered_within_24h: int
    unanswered: int
    median_seconds: float | None  # time to first answer, answered ones only

    @property
    def share_within_24h(self) -> float:
        return self.answered_within_24h / self.needing_answer if self.needing_answer else 0.0


_COLUMNS = (
    "id, history_id, account_id, platform, remote_id, text, created_at, author, parent_remote_id, kind,"
    " status, seen_at, answered_at, reply_text, pending, liked_at"
)


def _row(row: sqlite3.Row) -> Comment:
    return Comment(**dict(row))


class CommentStore:
    def __init__(self, db: sqlite3.Connection, lock: threading.Lock, clock: Callable[[], float] = time.time):
        self._db = db
        self._lock = lock
        self._clock = clock

    # --- what the platforms said -----------------------------------------------------------
    def merge(self, history_id: str, account_id: str, platform: str, incoming: Iterable[Incoming]) -> int:
        """Add comments not seen before and note hides and answers made elsewhere; returns
        how many are new. Our own replies are not inbox items: they answer their parent."""
        now = self._clock()
        added = 0
        # The public's comments first, then ours: a list newest first has our reply
        # before the comment it answers, which must exist to be marked answered.
        ordered = sorted(incoming, key=lambda item: item.by_owner)
        with transaction(self._db, self._lock):
            for item in ordered:
                if item.by_owner:
                    if item.parent_remote_id:
                        self._db.execute(
                            """UPDATE comments SET answered_at = COALESCE(answered_at, ?),
                               status = CASE WHEN status = 'new' THEN 'answered' ELSE status END,
                               reply_text = CASE WHEN reply_text = '' THEN ? ELSE reply_text END
                               WHERE account_id = ? AND remote_id = ?""",
                            (item.created_at, item.text, account_id, item.parent_remote_id),
                        )
                    continue
                cursor = self._db.execute(
                    f"""INSERT INTO comments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', '', NULL)
                        ON CONFLICT(account_id, remote_id) DO NOTHING""",
                    (
                        uuid.uuid4().hex,
                        history_id,
                        account_id,
                        platform,
                        item.remote_id,
                        item.text,
                        item.created_at,
                        item.author,
                        item.parent_remote_id,
                        classify(item.text),
                        HIDDEN if item.hidden else NEW,
                        now,
                    ),
                )
                added += cursor.rowcount
        return added

    def add(self, comment: Comment) -> None:
        """One comment as it is (tests, the demo and the benchmark fill the inbox this way)."""
        with self._lock:
            self._db.execute(
                f"INSERT INTO comments ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    comment.id,
                    comment.history_id,
                    comment.account_id,
                    comment.platform,
                    comment.remote_id,
                    comment.text,
                    comment.created_at,
                    comment.author,
                    comment.parent_remote_id,
                    comment.kind,
                    comment.status,
                    comment.seen_at,
                    comment.answered_at,
                    comment.reply_text,
                    comment.pending,
                    comment.liked_at,
                ),
            )

    # --- reading -----------------------------------------------------------------------------
    def get(self, comment_id: str) -> Comment | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM comments WHERE id = ?", (comment_id,)).fetchone()
        return None if row is None else _row(row)

    @staticmethod
    def _where(unanswered_only: bool) -> str:
        # The same expression as the comments_open index, so the filter is an index range.
        return "WHERE status = 'new' AND kind IN ('question', 'complaint')" if unanswered_only else ""

    def count(self, unanswered_only: bool = False) -> int:
        with self._lock:
            return int(
                self._db.execute(f"SELECT COUNT(*) FROM comments {self._where(unanswered_only)}").fetchone()[
                    0
                ]
            )

    def page(self, offset: int, limit: int, unanswered_only: bool = False) -> list[Comment]:
        """Newest first, *limit* rows from *offset*."""
        order = "ORDER BY created_at DESC, id DESC"
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM comments {self._where(unanswered_only)} {order} LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [_row(r) for r in rows]

    def post_remote_id(self, history_id: str) -> str:
        """The platform's id of the post a comment belongs to ('' if the entry is gone)."""
        with self._lock:
            row = self._db.execute("SELECT platform_id FROM history WHERE id = ?", (history_id,)).fetchone()
        return "" if row is None else str(row[0])

    def post_titles(self, history_ids: Iterable[str]) -> dict[str, str]:
        """What each post is called in the list: its title, else the start of its text."""
        ids = sorted(set(history_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self._db.execute(
                f"SELECT id, title, text, account_name FROM history WHERE id IN ({marks})", ids
            ).fetchall()
        return {str(r[0]): str(r[1] or " ".join(str(r[2]).split())[:60]) for r in rows}

    def unanswered(self) -> int:
        """The window's badge: questions and complaints still waiting."""
        return self.count(unanswered_only=True)

    # --- the officer's actions ---------------------------------------------------------------
    def set_status(self, comment_id: str, status: str) -> None:
        if status not in STATUSES:
            raise ValueError(status)
        with self._lock:
            self._db.execute("UPDATE comments SET status = ? WHERE id = ?", (status, comment_id))

    def set_pending(self, comment_id: str, action: str) -> None:
        with self._lock:
            self._db.execute("UPDATE comments SET pending = ? WHERE id = ?", (action, comment_id))

    def _settled(self, comment_id: str, action: str, text: str, at: float) -> None:
        # The caller holds the lock (inside the outbox's finishing transaction).
        if action == "reply":
            self._db.execute(
                """UPDATE comments SET answered_at = COALESCE(answered_at, ?), reply_text = ?,
                   status = CASE WHEN status IN ('new', 'no_reply') THEN 'answered' ELSE status END,
                   pending = '' WHERE id = ?""",
                (at, text, comment_id),
            )
        elif action == "hide":
            self._db.execute(
                "UPDATE comments SET status = 'hidden', pending = '' WHERE id = ?", (comment_id,)
            )
        elif action == "like":
            self._db.execute(
                "UPDATE comments SET liked_at = COALESCE(liked_at, ?), pending = '' WHERE id = ?",
                (at, comment_id),
            )

    def finish_action(self, outbox: OutboxStore, job: Job, owner: str, at: float) -> None:
        """A reply, hide or like job done: the job and the comment's state in one transaction."""
        payload = job.payload
        with transaction(self._db, self._lock):
            outbox._save(job, owner)  # the outbox's lock-free helper: we hold the lock
            self._settled(str(payload["comment_id"]), str(payload["action"]), str(payload["text"]), at)

    # --- polling -----------------------------------------------------------------------------
    def poll_due(self, history_id: str) -> float:
        with self._lock:
            row = self._db.execute(
                "SELECT next_at FROM comment_polls WHERE history_id = ?", (history_id,)
            ).fetchone()
        return 0.0 if row is None else float(row[0])

    def polled(self, history_id: str, at: float, next_at: float) -> None:
        with self._lock:
            self._db.execute(
                """INSERT INTO comment_polls (history_id, last_at, next_at) VALUES (?, ?, ?)
                   ON CONFLICT(history_id) DO UPDATE SET last_at = excluded.last_at, next_at = excluded.next_at""",
                (history_id, at, next_at),
            )

    # --- figures -----------------------------------------------------------------------------
    def response_times(self, start: float, end: float) -> ResponseFigures:
        """Response figures for questions and complaints received in [start, end)."""
        with self._lock:
            rows = self._db.execute(
                """SELECT created_at, answered_at, status FROM comments
                   WHERE created_at >= ? AND created_at < ? AND kind IN ('question', 'complaint')
                   AND status IN ('new', 'answered')""",
                (start, end),
            ).fetchall()
        waits = [float(r[1]) - float(r[0]) for r in rows if r[1] is not None]
        return ResponseFigures(
            needing_answer=len(rows),
            answered=len(waits),
            answered_within_24h=sum(1 for w in waits if w <= DAY),
            unanswered=sum(1 for r in rows if r[1] is None),
            median_seconds=statistics.median(waits) if waits else None,
        )


def response_times(db: sqlite3.Connection, lock: threading.Lock, start: float, end: float) -> ResponseFigures:
    """The report's entry point (h15r): response figures for comments received in [start, end)."""
    return CommentStore(db, lock).response_times(start, end)
