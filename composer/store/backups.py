"""Rolling automatic backups of the workspace database: one a day, the last seven.

Made when the workspace is closed (the end of each CLI command, the window's exit), with
SQLite's online backup API into a temporary file renamed into place, so a backup is
either whole or absent, and only from a database that passes ``PRAGMA quick_check``
(a damaged one must never push a good backup out of the seven). Media files are stored
by content and never rewritten, so the database is what needs keeping.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

from composer import paths

log = logging.getLogger(__name__)
KEEP = 7
FOLDER = "backups"


def folder(data_dir: Path) -> Path:
    return data_dir / FOLDER


def existing(data_dir: Path) -> list[Path]:
    """Backups, newest first (names sort by date: siar-YYYY-MM-DD.db)."""
    where = folder(data_dir)
    if not where.is_dir():
        return []
    return sorted(where.glob("siar-????-??-??.db"), reverse=True)


def latest(data_dir: Path) -> Path | None:
    found = existing(data_dir)
    return found[0] if found else None


def daily(db: sqlite3.Connection, data_dir: Path, today: dt.date | None = None) -> Path | None:
    """Today's backup, made now if there is none yet; None if it could not be made.
    Never raises: a backup that fails (disk full, read-only) must not stop Siar."""
    day = today or dt.date.today()
    target = folder(data_dir) / f"siar-{day.isoformat()}.db"
    if target.exists():
        return target
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            log.warning("no backup today: the workspace database fails its check (%s)", verdict)
            return None
        paths.private_dir(target.parent)
        tmp.unlink(missing_ok=True)
        copy = sqlite3.connect(paths.private_file(tmp))
        try:
            db.backup(copy)
        finally:
            copy.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except (sqlite3.Error, OSError) as exc:
        log.warning("automatic backup failed: %s", exc)
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return None
    for old in existing(data_dir)[KEEP:]:
        old.unlink(missing_ok=True)
    log.info("automatic backup: %s", target.name)
    return target


def restore(db_path: Path, backup: Path) -> Path:
    """Put *backup* in place of the (damaged) database at *db_path*. The damaged file is
    kept beside it, renamed (see :func:`set_aside`); returns that name."""
    tmp = db_path.with_name(f".{db_path.name}.restore.tmp")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    copy = sqlite3.connect(paths.private_file(tmp))
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    kept = set_aside(db_path)
    os.replace(tmp, db_path)
    log.warning("workspace restored from %s; the damaged file is kept as %s", backup.name, kept.name)
    return kept


def set_aside(db_path: Path) -> Path:
    """Move a damaged database and its -wal/-shm aside (``siar.db.damaged-<time>``), so a
    backup or an empty workspace can take its place and nothing is deleted."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    return kept
