"""The workspace database: connection settings, transactions and explicit, tested schema
migrations.

Threading model. A workspace opens ONE connection, in autocommit mode, and one lock
(``Workspace.lock``). The GUI thread and the worker threads share it: every statement,
and every ``transaction()``, holds the lock for its duration, so they take turns (each
turn is short: nothing waits on the network while holding it). Reads use the same
connection; a second, read-only connection would let the GUI read during a write, but
writes here are a few milliseconds and one connection keeps "what I wrote, I read back"
simple. Other *processes* (``siar outbox run`` beside the window) have their own
connection: WAL lets them read while one writes, and ``BEGIN IMMEDIATE`` with the busy
timeout makes writers queue rather than fail.

A single statement is atomic by itself. A write of several rows goes through
``transaction()``, so a crash leaves the old rows or the new ones, never a mix.
(``with connection:`` does NOT open a transaction in autocommit mode.)

Every migration runs in one transaction and bumps ``PRAGMA user_version``. Before
migrating an existing database, a copy is written next to it (``siar.db.bak-v<N>``) with
SQLite's online backup, so a failed upgrade never costs the officer their drafts.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from composer import paths
from composer.store.search import create_search_index, fts5_available, has_search_index

Migration = Callable[[sqlite3.Connection], None]


def _run(db: sqlite3.Connection, script: str) -> None:
    # executescript() would commit on its own; statement by statement keeps one transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE drafts (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL DEFAULT '',
            data        TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            deleted_at  TEXT
        );
        CREATE INDEX drafts_updated ON drafts(updated_at);
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE media (
            id          TEXT PRIMARY KEY,
            kind        TEXT NOT NULL,
            filename    TEXT NOT NULL,
            mime        TEXT NOT NULL,
            width       INTEGER NOT NULL,
            height      INTEGER NOT NULL,
            size        INTEGER NOT NULL,
            stored_as   TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        """,
    )


def _v2(db: sqlite3.Connection) -> None:
    # One infographic per post; its exported images are referenced from the post itself.
    _run(
        db,
        """
        CREATE TABLE designs (
            post_id     TEXT PRIMARY KEY,
            data        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        )
        """,
    )


def _v3(db: sqlite3.Connection) -> None:
    # Accounts' public settings only; secrets live in the OS keyring (composer/accounts).
    _run(
        db,
        """
        CREATE TABLE accounts (
            id          TEXT PRIMARY KEY,
            platform    TEXT NOT NULL,
            name        TEXT NOT NULL UNIQUE,
            data        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        )
        """,
    )


def _v4(db: sqlite3.Connection) -> None:
    # The outbox: one job per (post, account), its state machine and each step's outcome;
    # and the history of everything published.
    _run(
        db,
        """
        CREATE TABLE jobs (
            id          TEXT PRIMARY KEY,
            post_id     TEXT NOT NULL,
            account_id  TEXT NOT NULL,
            platform    TEXT NOT NULL,
            state       TEXT NOT NULL,
            data        TEXT NOT NULL,
            attempts    INTEGER NOT NULL DEFAULT 0,
            next_at     REAL NOT NULL DEFAULT 0,
            error_kind  TEXT NOT NULL DEFAULT '',
            error_code  TEXT NOT NULL DEFAULT '',
            error_detail TEXT NOT NULL DEFAULT '',
            owner       TEXT NOT NULL DEFAULT '',
            heartbeat   REAL NOT NULL DEFAULT 0,
            created_at  REAL NOT NULL,
            updated_at  REAL NOT NULL
        );
        CREATE INDEX jobs_state ON jobs(state, next_at);
        CREATE TABLE history (
            id           TEXT PRIMARY KEY,
            job_id       TEXT UNIQUE,
            post_id      TEXT NOT NULL,
            account_id   TEXT NOT NULL,
            account_name TEXT NOT NULL,
            platform     TEXT NOT NULL,
            text         TEXT NOT NULL,
            title        TEXT NOT NULL DEFAULT '',
            media        TEXT NOT NULL DEFAULT '[]',
            platform_id  TEXT NOT NULL DEFAULT '',
            permalink    TEXT NOT NULL DEFAULT '',
            published_at REAL NOT NULL,
            via          TEXT NOT NULL DEFAULT 'api'
        );
        CREATE INDEX history_time ON history(published_at);
        """,
    )


def _v5(db: sqlite3.Connection) -> None:
    # Scale (issue 17): the drafts list is paged in SQL over a partial index, a draft's
    # "posted" mark is one index lookup in history, and drafts and history are searched
    # with FTS5 instead of reading every row (composer/store/search.py).
    _run(
        db,
        """
        CREATE INDEX drafts_live ON drafts(updated_at DESC, id DESC) WHERE deleted_at IS NULL;
        CREATE INDEX history_post ON history(post_id)
        """,
    )
    create_search_index(db)


def _v6(db: sqlite3.Connection) -> None:
    # Metrics of a published post (issue 15): one row per scheduled mark ("1h", "24h", "7d";
    # at most one each) or on-demand snapshot ("now"), tied to its history entry. due_at is
    # when it was planned, taken_at when it really was (late after the laptop was off).
    _run(
        db,
        """
        CREATE TABLE metric_snapshots (
            id          INTEGER PRIMARY KEY,
            history_id  TEXT NOT NULL REFERENCES history(id) ON DELETE CASCADE,
            mark        TEXT NOT NULL,
            due_at      REAL NOT NULL,
            taken_at    REAL NOT NULL,
            metrics     TEXT NOT NULL
        );
        CREATE UNIQUE INDEX metric_snapshots_mark ON metric_snapshots(history_id, mark) WHERE mark != 'now';
        CREATE INDEX metric_snapshots_history ON metric_snapshots(history_id, taken_at)
        """,
    )


def _comments_inbox(db: sqlite3.Connection) -> None:
    # The inbox (issue 15 item 2, h15i): the public's comments on our posts, each tied to
    # its history entry, with its status and first-answer time; and when each post's
    # comments are next polled. After h15r's v6 (metrics); the lead renumbers if needed.
    _run(
        db,
        """
        CREATE TABLE comments (
            id           TEXT PRIMARY KEY,
            history_id   TEXT NOT NULL,
            account_id   TEXT NOT NULL,
            platform     TEXT NOT NULL,
            remote_id    TEXT NOT NULL,
            parent_remote_id TEXT NOT NULL DEFAULT '',
            author       TEXT NOT NULL DEFAULT '',
            text         TEXT NOT NULL,
            kind         TEXT NOT NULL DEFAULT 'other',
            status       TEXT NOT NULL DEFAULT 'new',
            created_at   REAL NOT NULL,
            seen_at      REAL NOT NULL,
            answered_at  REAL,
            reply_text   TEXT NOT NULL DEFAULT '',
            pending      TEXT NOT NULL DEFAULT '',
            UNIQUE (account_id, remote_id)
        );
        CREATE INDEX comments_newest ON comments(created_at DESC, id DESC);
        CREATE INDEX comments_open ON comments(status, kind, created_at DESC);
        CREATE INDEX comments_post ON comments(history_id);
        CREATE TABLE comment_polls (
            history_id  TEXT PRIMARY KEY,
            last_at     REAL NOT NULL DEFAULT 0,
            next_at     REAL NOT NULL DEFAULT 0
        )
        """,
    )


def _comment_likes(db: sqlite3.Connection) -> None:
    # The office liked a citizen's comment from the inbox (issue 15 item 2, r15): when the
    # like job finished (NULL: not liked). After the comments inbox; the lead renumbers.
    _run(db, "ALTER TABLE comments ADD COLUMN liked_at REAL")


def _metric_plan(db: sqlite3.Connection) -> None:
    # What metrics are due (issue 11, r11poll): each measured post's next planned snapshot
    # as one indexed row, so a run reads the few posts with a snapshot pending instead of
    # every post of the last two weeks (3 ms a run at 2,500 posts; the service runs every
    # few minutes). A trigger plans the +1 h mark of each new entry published through an
    # API, whoever inserts it; MetricsStore.add_all moves the plan on (+24 h, +7 d, done).
    # The offsets are the MARKS of composer/store/metrics.py when this was written.
    _run(
        db,
        """
        CREATE TABLE metric_plan (
            history_id  TEXT PRIMARY KEY REFERENCES history(id) ON DELETE CASCADE,
            next_at     REAL NOT NULL
        );
        CREATE INDEX metric_plan_next ON metric_plan(next_at);
        INSERT INTO metric_plan (history_id, next_at)
          SELECT h.id, h.published_at + CASE
                   WHEN EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.history_id = h.id AND s.mark = '24h')
                     THEN 604800
                   WHEN EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.history_id = h.id AND s.mark = '1h')
                     THEN 86400
                   ELSE 3600 END
          FROM history h
          WHERE h.via = 'api' AND h.platform_id != ''
            AND NOT EXISTS (SELECT 1 FROM metric_snapshots s WHERE s.history_id = h.id AND s.mark = '7d')
        """,
    )
    db.execute(  # one statement with its own semicolon: not through _run
        """CREATE TRIGGER history_metric_plan AFTER INSERT ON history
           WHEN NEW.via = 'api' AND NEW.platform_id != ''
           BEGIN
             INSERT OR IGNORE INTO metric_plan (history_id, next_at) VALUES (NEW.id, NEW.published_at + 3600);
           END"""
    )


MIGRATIONS: tuple[Migration, ...] = (
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _comments_inbox,
    _comment_likes,
    _metric_plan,
)
SCHEMA_VERSION = len(MIGRATIONS)


@contextmanager
def transaction(db: sqlite3.Connection, lock: threading.Lock) -> Iterator[sqlite3.Connection]:
    """Hold *lock* and run the block as one transaction: ``BEGIN IMMEDIATE`` (take the
    write lock now, so another process cannot slip in between our statements), then
    ``COMMIT``, or ``ROLLBACK`` if the block raises. The block must not take *lock*
    again (it is not re-entrant): call the stores' lock-free ``_…`` helpers inside."""
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


class NewerWorkspaceError(RuntimeError):
    """The database was written by a newer Siar; we refuse to touch it."""


# FULL: a committed autosave survives a crash of the app and of the machine. The test suite
# sets OFF in its own process: it kills processes (whose writes the OS keeps), never the
# machine, and an fsync per commit was a third of its time; the processes it kills use FULL.
SYNCHRONOUS = "FULL"


def connect(path: Path) -> sqlite3.Connection:
    """Open (and create or upgrade) the workspace database at *path*."""
    paths.private_dir(path.parent)
    paths.private_file(path)  # SQLite gives the -wal and -shm files the same mode
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    db.row_factory = sqlite3.Row
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        db.execute("PRAGMA foreign_keys=ON")
        migrate(db, path)
        if not has_search_index(db) and fts5_available():
            # Migrated where SQLite had no FTS5 (search fell back to LIKE): index it now.
            db.execute("BEGIN IMMEDIATE")
            try:
                create_search_index(db)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
    except BaseException:  # damaged, read-only, newer: no half-open connection left behind
        db.close()
        raise
    return db


def migrate(db: sqlite3.Connection, path: Path | None = None) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerWorkspaceError(
            f"workspace schema {version} is newer than this Siar ({SCHEMA_VERSION}); upgrade Siar"
        )
    if version == SCHEMA_VERSION:
        return
    if version > 0 and path is not None:
        backup = sqlite3.connect(paths.private_file(path.with_name(f"{path.name}.bak-v{version}")))
        with backup:
            db.backup(backup)
        backup.close()
    for number in range(version, SCHEMA_VERSION):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version={number + 1}")
            db.execute("COMMIT")
        except BaseException:
            # After an I/O error (a full disk) SQLite has already rolled back; a second
            # ROLLBACK would raise "no transaction is active" and hide the real error.
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
