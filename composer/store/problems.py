"""What can be wrong with the workspace as a whole, said once: damaged, read-only, full,
in use by another Siar, or written by a newer Siar.

SQLite and the OS report these in many shapes (``sqlite3.DatabaseError: file is not a
database``, ``OperationalError: attempt to write a readonly database``, ``OSError`` with
``ENOSPC``…); :func:`classify` turns each into one ``WorkspaceError`` whose ``code`` is a
message in composer.i18n, so the CLI prints one line and the window shows one dialog.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

DAMAGED = "workspace.damaged"
READ_ONLY = "workspace.read_only"
FULL = "workspace.full"
BUSY = "workspace.busy"
NEWER = "workspace.newer"
IO_ERROR = "workspace.io_error"


class WorkspaceError(Exception):
    def __init__(self, code: str, path: Path, backup: Path | None = None) -> None:
        super().__init__(f"{code}: {path}")
        self.code = code
        self.path = path  # the database file (or the folder that could not be written)
        self.backup = backup  # the latest automatic backup, when the database is damaged

    def params(self) -> dict[str, str | int | float]:
        backup = self.backup
        return {
            "path": str(self.path),
            "folder": str(self.path.parent),
            "backup": str(backup) if backup else "",
            "date": backup.stem.removeprefix("siar-") if backup else "",
        }

    @property
    def message_code(self) -> str:
        """The i18n code of the one-line message (damaged: with or without a backup)."""
        if self.code == DAMAGED:
            return "workspace.damaged_backup" if self.backup else "workspace.damaged_no_backup"
        return self.code


_FULL_WORDS = ("database or disk is full", "no space left")
_READ_ONLY_WORDS = ("readonly database", "read-only", "unable to open database file", "permission denied")
_DAMAGED_WORDS = ("not a database", "malformed", "file is encrypted", "database corrupt")


def classify(exc: BaseException, db_path: Path) -> WorkspaceError | None:
    """The workspace problem *exc* is, or None when it is something else."""
    from composer.store.db import NewerWorkspaceError

    if isinstance(exc, WorkspaceError):
        return exc
    if isinstance(exc, NewerWorkspaceError):
        return WorkspaceError(NEWER, db_path)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return WorkspaceError(FULL, db_path)
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return WorkspaceError(READ_ONLY, Path(exc.filename) if exc.filename else db_path)
        return None
    if not isinstance(exc, sqlite3.Error):
        return None
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary result code
    if code == sqlite3.SQLITE_FULL or any(w in text for w in _FULL_WORDS):
        return WorkspaceError(FULL, db_path)
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM) or any(
        w in text for w in _READ_ONLY_WORDS
    ):
        return WorkspaceError(READ_ONLY, db_path)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in text:
        return WorkspaceError(BUSY, db_path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or any(w in text for w in _DAMAGED_WORDS):
        from composer.store.backups import latest

        return WorkspaceError(DAMAGED, db_path, latest(db_path.parent))
    if code == sqlite3.SQLITE_IOERR or "disk i/o error" in text:
        return WorkspaceError(IO_ERROR, db_path)
    return None
