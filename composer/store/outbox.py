"""Outbox jobs and the publishing history, in the workspace database.

A job is one (post, account) pair. Its ``data`` holds the prepared post and every
step's outcome; each write is its own committed transaction (the connection is in
autocommit mode with synchronous=FULL), so what a step learned is on disk before the
next step starts. A write of more than one row (a job finished and its history entry)
is one ``transaction()``. Claiming a job is a compare-and-set on its state and owner, so
two Siar processes (the window and ``siar outbox run``) never run the same job at once.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from composer.core.ids import new_id
from composer.store.db import transaction
from composer.store.job_state import JobState
from composer.store.search import history_filter

# The states by their old names (JobState is a str: the stored values are unchanged).
QUEUED = JobState.QUEUED
RUNNING = JobState.RUNNING
WAITING = JobState.WAITING
NEEDS_CHECK = JobState.NEEDS_CHECK
FAILED = JobState.FAILED
PAUSED = JobState.PAUSED
CANCELLED = JobState.CANCELLED
DONE = JobState.DONE
STALE_SECONDS = 90  # a running job whose owner has not been heard from in this long is orphaned


@dataclass
class Job:
    id: str
    post_id: str
    account_id: str
    platform: str
    state: JobState = QUEUED
    data: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    next_at: float = 0.0
    error_kind: str = ""
    error_code: str = ""
    error_detail: str = ""
    owner: str = ""
    heartbeat: float = 0.0
    created_at: float = 0.0
    updated_at: float = 0.0

    @property
    def steps(self) -> dict[str, Any]:
        return dict(self.data.get("steps") or {})

    @property
    def payload(self) -> dict[str, Any]:
        return dict(self.data.get("payload") or {})


@dataclass
class HistoryEntry:
    id: str
    post_id: str
    account_id: str
    account_name: str
    platform: str
    text: str
    title: str = ""
    media: list[dict[str, Any]] = field(default_factory=list)
    platform_id: str = ""
    permalink: str = ""
    published_at: float = 0.0
    via: str = "api"
    job_id: str | None = None


_JOB_COLUMNS = (
    "id, post_id, account_id, platform, state, data, attempts, next_at, error_kind, error_code, "
    "error_detail, owner, heartbeat, created_at, updated_at"
)


@dataclass(frozen=True)
class NewJob:
    post_id: str
    account_id: str
    platform: str
    payload: dict[str, Any]
    scheduled_at: float | None = None  # hold it until then (state "waiting")
    replacing: str | None = None  # the id of a job this one supersedes (it is cancelled)


def _job(row: sqlite3.Row) -> Job:
    values = dict(row)
    values["data"] = json.loads(values["data"])
    values["state"] = JobState(values["state"])
    return Job(**values)


class OutboxStore:
    def __init__(
        self, db: sqlite3.Connection, lock: threading.Lock, clock: Callable[[], float] = time.time
    ) -> None:
        self._db = db
        self._lock = lock
        self._clock = clock

    # --- jobs ----------------------------------------------------------------------------------
    def add(
        self,
        post_id: str,
        account_id: str,
        platform: str,
        payload: dict[str, Any],
        *,
        scheduled_at: float | None = None,
        replacing: str | None = None,
    ) -> Job:
        """A new job, queued, or waiting until *scheduled_at*. With *replacing*, that job is
        cancelled in the same transaction: a crash leaves the old job or the new one."""
        return self.add_all([NewJob(post_id, account_id, platform, payload, scheduled_at, replacing)])[0]

    def add_all(self, new: Iterable[NewJob]) -> builtins.list[Job]:
        """Several jobs (a post to every account) in one transaction: all or none."""
        now = self._clock()
        jobs = []
        with transaction(self._db, self._lock):
            for spec in new:
                if spec.replacing is not None:
                    self._db.execute(
                        "UPDATE jobs SET state = ?, next_at = 0, owner = '', heartbeat = 0, updated_at = ? WHERE id = ?",
                        (CANCELLED, now, spec.replacing),
                    )
                jobs.append(self._insert(spec, now))
        return jobs

    def _insert(self, spec: NewJob, now: float) -> Job:
        """The row of a new job: queued, or waiting until its ``scheduled_at`` (the caller
        holds the transaction)."""
        job = Job(
            new_id(),
            spec.post_id,
            spec.account_id,
            spec.platform,
            QUEUED,
            {"payload": spec.payload, "steps": {}},
            created_at=now,
            updated_at=now,
        )
        if spec.scheduled_at is not None:
            job.data["scheduled_at"] = spec.scheduled_at
            job.state, job.next_at = WAITING, spec.scheduled_at
        self._db.execute(
            f"INSERT INTO jobs ({_JOB_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, ?, '', '', '', '', 0, ?, ?)",
            (
                job.id,
                job.post_id,
                job.account_id,
                job.platform,
                job.state,
                json.dumps(job.data, ensure_ascii=False),
                job.next_at,
                now,
                now,
            ),
        )
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def list(self, states: Iterable[str] = ()) -> builtins.list[Job]:
        query = f"SELECT {_JOB_COLUMNS} FROM jobs"
        params: tuple[Any, ...] = ()
        states = tuple(states)
        if states:
            query += f" WHERE state IN ({','.join('?' * len(states))})"
            params = states
        with self._lock:
            rows = self._db.execute(query + " ORDER BY created_at, platform", params).fetchall()
        return [_job(r) for r in rows]

    def for_post(self, post_id: str) -> builtins.list[Job]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_JOB_COLUMNS} FROM jobs WHERE post_id = ? ORDER BY created_at", (post_id,)
            ).fetchall()
        return [_job(r) for r in rows]

    def reschedule(self, job_id: str, at: float) -> bool:
        """Move a job the outbox holds until its time (waiting, never tried, not claimed) to
        *at*; False when it is no longer such a job (it started, was paused or cancelled).
        A post held back at start-up because its time passed while Siar was closed
        (``hold_missed``) is held again until *at*."""
        with self._lock:
            cursor = self._db.execute(
                """UPDATE jobs SET state = ?, next_at = ?,
                   data = json_remove(json_set(data, '$.scheduled_at', ?), '$.missed'), updated_at = ?
                   WHERE id = ? AND attempts = 0 AND owner = ''
                   AND (state = ? OR (state = ? AND json_extract(data, '$.missed') IS NOT NULL))
                   AND json_extract(data, '$.scheduled_at') IS NOT NULL""",
                (WAITING, at, at, self._clock(), job_id, WAITING, PAUSED),
            )
        return cursor.rowcount == 1

    def hold_missed(self, now: float) -> builtins.list[Job]:
        """Posts the outbox held for a time that passed while Siar was closed: paused (and
        marked ``missed``) so nothing sends them late before the officer says so; with those
        still paused from an earlier start. Oldest time first."""
        with transaction(self._db, self._lock):
            self._db.execute(
                """UPDATE jobs SET state = ?, next_at = 0, data = json_set(data, '$.missed', 1), updated_at = ?
                   WHERE state = ? AND attempts = 0 AND owner = '' AND next_at <= ?
                   AND json_extract(data, '$.scheduled_at') IS NOT NULL""",
                (PAUSED, now, WAITING, now),
            )
            rows = self._db.execute(
                f"""SELECT {_JOB_COLUMNS} FROM jobs WHERE state = ? AND json_extract(data, '$.missed') IS NOT NULL
                    ORDER BY json_extract(data, '$.scheduled_at'), created_at""",
                (PAUSED,),
            ).fetchall()
        return [_job(r) for r in rows]

    def send_missed(self, job_id: str) -> bool:
        """The officer chose to send a missed post late: queued now."""
        with self._lock:
            cursor = self._db.execute(
                """UPDATE jobs SET state = ?, next_at = 0, data = json_remove(data, '$.missed'), updated_at = ?
                   WHERE id = ? AND state = ? AND json_extract(data, '$.missed') IS NOT NULL""",
                (QUEUED, self._clock(), job_id, PAUSED),
            )
        return cursor.rowcount == 1

    def set_publish_at(self, job_id: str, at: float) -> bool:
        """A post the platform will schedule, not sent yet (no step done, none in flight,
        not claimed): it goes with the time *at* instead. One the platform refused (a time
        outside its window) is queued again with it. False once it has started."""
        with self._lock:
            cursor = self._db.execute(
                """UPDATE jobs SET data = json_set(data, '$.payload.publish_at', ?), updated_at = ?,
                   next_at = CASE WHEN state = 'failed' THEN 0 ELSE next_at END,
                   error_kind = CASE WHEN state = 'failed' THEN '' ELSE error_kind END,
                   error_code = CASE WHEN state = 'failed' THEN '' ELSE error_code END,
                   error_detail = CASE WHEN state = 'failed' THEN '' ELSE error_detail END,
                   state = CASE WHEN state = 'failed' THEN 'queued' ELSE state END
                   WHERE id = ? AND owner = '' AND state IN (?, ?, ?, ?)
                   AND json_extract(data, '$.payload.publish_at') IS NOT NULL
                   AND json_extract(data, '$.inflight') IS NULL
                   AND (json_extract(data, '$.steps') IS NULL OR json_extract(data, '$.steps') = '{}')""",
                (at, self._clock(), job_id, QUEUED, WAITING, PAUSED, FAILED),
            )
        return cursor.rowcount == 1

    def change_schedule(self, target: Job, change: NewJob, at: float | None) -> Job:
        """Record the officer's new time (*at*) or cancellation (None) of a post the platform
        already holds, and queue *change*, the outbox job that tells the platform, in one
        transaction: a crash leaves both or neither. A change still waiting for the same
        post is superseded (its job cancelled): only the latest wish goes out. Cancelling
        takes the post out of the history, since it will never be published."""
        now = self._clock()
        with transaction(self._db, self._lock):
            self._db.execute(
                """UPDATE jobs SET state = ?, next_at = 0, updated_at = ?
                   WHERE post_id = ? AND state IN (?, ?, ?, ?) AND owner = ''""",
                (CANCELLED, now, change.post_id, QUEUED, WAITING, FAILED, PAUSED),
            )
            if at is None:
                self._db.execute(
                    "UPDATE jobs SET state = ?, updated_at = ? WHERE id = ?", (CANCELLED, now, target.id)
                )
                self._db.execute("DELETE FROM history WHERE job_id = ?", (target.id,))
            else:
                self._db.execute(
                    """UPDATE jobs SET data = json_set(data, '$.payload.publish_at', ?), updated_at = ?
                       WHERE id = ?""",
                    (at, now, target.id),
                )
            job = self._insert(change, now)
        return job

    def history_for_job(self, job_id: str) -> dict[str, Any] | None:
        """The history row of *job_id*, as stored (a cancelled schedule keeps it to put back)."""
        with self._lock:
            row = self._db.execute("SELECT * FROM history WHERE job_id = ?", (job_id,)).fetchone()
        return dict(row) if row else None

    def undo_schedule_change(self, change: Job) -> None:
        """The platform published the post before *change* (a new time or a cancellation)
        reached it: the post's own job says so again — its old time, posted, in the
        history — unless a newer change has been made since."""
        payload = change.payload
        target_id = str(payload.get("target_job", ""))
        with transaction(self._db, self._lock):
            if payload.get("at") is None:
                self._db.execute(
                    "UPDATE jobs SET state = ?, updated_at = ? WHERE id = ? AND state = ?",
                    (DONE, self._clock(), target_id, CANCELLED),
                )
                row = payload.get("history")
                if isinstance(row, dict) and row and all(str(k).isidentifier() for k in row):
                    columns = ", ".join(row)
                    self._db.execute(
                        f"INSERT OR IGNORE INTO history ({columns}) VALUES ({', '.join('?' * len(row))})",
                        tuple(row.values()),
                    )
            elif payload.get("was") is not None:
                self._db.execute(
                    """UPDATE jobs SET data = json_set(data, '$.payload.publish_at', ?), updated_at = ?
                       WHERE id = ? AND json_extract(data, '$.payload.publish_at') = ?""",
                    (payload["was"], self._clock(), target_id, payload["at"]),
                )

    def published_between(self, start: float, end: float) -> builtins.list[HistoryEntry]:
        """History entries published in [start, end) (Unix time), oldest first (the calendar)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM history WHERE published_at >= ? AND published_at < ? ORDER BY published_at",
                (start, end),
            ).fetchall()
        out = []
        for row in rows:
            values = dict(row)
            values["media"] = json.loads(values["media"])
            out.append(HistoryEntry(**values))
        return out

    def due(self, now: float) -> builtins.list[Job]:
        """Jobs that may run now: queued, waiting whose time has come, or orphaned."""
        with self._lock:
            rows = self._db.execute(
                f"""SELECT {_JOB_COLUMNS} FROM jobs WHERE state = ? OR (state = ? AND next_at <= ?)
                    OR (state = ? AND heartbeat < ?) ORDER BY created_at""",
                (QUEUED, WAITING, now, RUNNING, now - STALE_SECONDS),
            ).fetchall()
        return [_job(r) for r in rows]

    def claim(self, job: Job, owner: str, now: float) -> Job | None:
        """Take *job* for *owner* if nobody else has; None when someone else did first."""
        with self._lock:
            cursor = self._db.execute(
                """UPDATE jobs SET state = ?, owner = ?, heartbeat = ?, updated_at = ?
                   WHERE id = ? AND state = ? AND owner = ? AND heartbeat = ?""",
                (RUNNING, owner, now, now, job.id, job.state, job.owner, job.heartbeat),
            )
        return self.get(job.id) if cursor.rowcount == 1 else None

    def save(self, job: Job, owner: str | None = None) -> None:
        """Write *job* back; with *owner*, only while that owner still holds it."""
        with self._lock:
            self._save(job, owner)

    def finish(self, job: Job, entry: HistoryEntry, owner: str | None = None) -> None:
        """Save *job* and add its history entry in one transaction: both or neither."""
        with transaction(self._db, self._lock):
            self._record(entry)
            self._save(job, owner)

    def _save(self, job: Job, owner: str | None) -> None:
        # The caller holds the lock (and maybe a transaction).
        job.updated_at = self._clock()
        sql = """UPDATE jobs SET state = ?, data = ?, attempts = ?, next_at = ?, error_kind = ?, error_code = ?,
                 error_detail = ?, owner = ?, heartbeat = ?, updated_at = ? WHERE id = ?"""
        params: tuple[Any, ...] = (
            job.state,
            json.dumps(job.data, ensure_ascii=False),
            job.attempts,
            job.next_at,
            job.error_kind,
            job.error_code,
            job.error_detail,
            job.owner,
            job.heartbeat,
            job.updated_at,
            job.id,
        )
        if owner is not None:
            sql += " AND owner = ?"
            params += (owner,)
        if self._db.execute(sql, params).rowcount != 1:
            raise LostClaim(job.id)

    def set_state(self, job_id: str, state: JobState, *, only_from: Iterable[JobState] = ()) -> bool:
        query = (
            "UPDATE jobs SET state = ?, next_at = 0, owner = '', heartbeat = 0, updated_at = ? WHERE id = ?"
        )
        params: tuple[Any, ...] = (state, self._clock(), job_id)
        only_from = tuple(only_from)
        if only_from:
            query += f" AND state IN ({','.join('?' * len(only_from))})"
            params += only_from
        with self._lock:
            return self._db.execute(query, params).rowcount == 1

    # --- history -------------------------------------------------------------------------------
    def record(self, entry: HistoryEntry) -> None:
        with self._lock:
            self._record(entry)

    def _record(self, entry: HistoryEntry) -> None:
        self._db.execute(
            """INSERT OR IGNORE INTO history (id, job_id, post_id, account_id, account_name, platform, text, title,
                   media, platform_id, permalink, published_at, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                entry.id,
                entry.job_id,
                entry.post_id,
                entry.account_id,
                entry.account_name,
                entry.platform,
                entry.text,
                entry.title,
                json.dumps(entry.media, ensure_ascii=False),
                entry.platform_id,
                entry.permalink,
                entry.published_at,
                entry.via,
            ),
        )

    def set_permalink(self, entry_id: str, permalink: str) -> None:
        with self._lock:
            self._db.execute("UPDATE history SET permalink = ? WHERE id = ?", (permalink, entry_id))

    def history(self, search: str = "", limit: int = 500) -> builtins.list[HistoryEntry]:
        """The newest *limit* entries; with *search*, those with every typed word in their
        text, title, account, platform or address (composer/store/search.py)."""
        with self._lock:
            condition, params = history_filter(self._db, search)
            rows = self._db.execute(
                f"SELECT * FROM history WHERE {condition} ORDER BY published_at DESC LIMIT ?",
                (*params, limit),
            ).fetchall()
        out = []
        for row in rows:
            values = dict(row)
            values["media"] = json.loads(values["media"])
            out.append(HistoryEntry(**values))
        return out


class LostClaim(RuntimeError):
    """Another process took the job over (ours was presumed dead); stop touching it."""
