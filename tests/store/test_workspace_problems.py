"""A damaged, read-only or full workspace: one clear error, rolling backups, nothing
half-written, files private to the user."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from PIL import Image

from composer.core.post import Post
from composer.store import backups
from composer.store.media import MediaError
from composer.store.problems import DAMAGED, FULL, READ_ONLY, WorkspaceError
from composer.store.workspace import Workspace


def _session(text: str = "Layanan Sabtu") -> Path:
    """Open the workspace, save a draft, close it (which makes the day's backup)."""
    workspace = Workspace()
    workspace.drafts.save(Post(title=text, text=text))
    workspace.close()
    return workspace.db_path


def _damage(db_path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    db_path.write_bytes(b"this is not a database, it was overwritten " * 100)


def test_a_corrupt_database_is_one_error_that_names_the_backup() -> None:
    db_path = _session()
    _damage(db_path)
    with pytest.raises(WorkspaceError) as caught:
        Workspace()
    problem = caught.value
    assert problem.code == DAMAGED and problem.path == db_path
    assert problem.backup == backups.latest(db_path.parent) and problem.backup is not None
    assert problem.message_code == "workspace.damaged_backup"


def test_backups_are_daily_and_the_last_seven_are_kept() -> None:
    workspace = Workspace()
    workspace.drafts.save(Post(text="x"))
    start = dt.date(2026, 12, 1)
    made = [
        backups.daily(workspace.db, workspace.db_path.parent, start + dt.timedelta(days=n)) for n in range(9)
    ]
    assert all(made)
    assert backups.daily(workspace.db, workspace.db_path.parent, start) == made[0]  # once a day
    kept = backups.existing(workspace.db_path.parent)
    assert [p.name for p in kept] == [f"siar-{start + dt.timedelta(days=n)}.db" for n in range(8, 1, -1)]
    with sqlite3.connect(kept[0]) as copy:
        assert copy.execute("SELECT count(*) FROM drafts").fetchone()[0] == 1
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list(kept[0].parent.glob(".*tmp"))
    workspace.close()


def test_a_damaged_database_never_replaces_a_good_backup(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    with sqlite3.connect(bad) as db:
        db.execute("CREATE TABLE t (x TEXT)")
        db.executemany("INSERT INTO t VALUES (?)", [("y" * 500,)] * 200)
    data = bytearray(bad.read_bytes())
    data[4096 * 2 : 4096 * 2 + 64] = b"\xff" * 64  # scribble over an interior page
    bad.write_bytes(bytes(data))
    db = sqlite3.connect(bad)
    assert backups.daily(db, tmp_path, dt.date(2026, 12, 1)) is None
    assert backups.existing(tmp_path) == []
    db.close()


def test_restoring_puts_the_backup_back_and_keeps_the_damaged_file() -> None:
    db_path = _session("Sebelum rusak")
    _damage(db_path)
    with pytest.raises(WorkspaceError) as caught:
        Workspace()
    assert caught.value.backup is not None
    kept = backups.restore(db_path, caught.value.backup)
    assert kept.read_bytes().startswith(b"this is not a database")
    workspace = Workspace()
    assert [d.title for d in workspace.drafts.list()] == ["Sebelum rusak"]
    workspace.close()


def test_a_read_only_folder_is_named(monkeypatch: pytest.MonkeyPatch, siar_home: Path) -> None:
    """What SQLite says when the folder cannot be written (root ignores chmod, so the
    error is raised where SQLite would raise it)."""
    from composer.store import db as dbmod

    def refuse(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        error = sqlite3.OperationalError("unable to open database file")
        error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
        raise error

    monkeypatch.setattr(dbmod.sqlite3, "connect", refuse)
    with pytest.raises(WorkspaceError) as caught:
        Workspace()
    assert caught.value.code == READ_ONLY and caught.value.path.parent == siar_home / "data"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes through chmod")
def test_a_really_read_only_folder_is_named(siar_home: Path) -> None:
    _session()
    data = siar_home / "data"
    for path in data.iterdir():
        if path.is_file() and path.name != "siar.db":
            path.unlink()
    data.chmod(0o500)
    try:
        with pytest.raises(WorkspaceError) as caught:
            Workspace()
        assert caught.value.code == READ_ONLY
    finally:
        data.chmod(0o700)


def test_a_full_disk_while_importing_leaves_no_row_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (64, 48), (1, 2, 3)).save(photo)
    workspace = Workspace()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode) and os.fstat(fd).st_size > 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(MediaError) as caught:
        workspace.media.import_file(photo)
    assert caught.value.code == "media.disk_full"
    monkeypatch.undo()
    assert [p for p in workspace.media.root.rglob("*") if p.is_file()] == []
    assert workspace.db.execute("SELECT count(*) FROM media").fetchone()[0] == 0
    workspace.close()


def test_a_full_disk_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from composer.store import db as dbmod

    def full(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(dbmod.sqlite3, "connect", full)
    with pytest.raises(WorkspaceError) as caught:
        Workspace()
    assert caught.value.code == FULL


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_workspace_files_are_private(tmp_path: Path, siar_home: Path) -> None:
    from composer import logs

    old_umask = os.umask(0o022)  # the usual default: files 0644, folders 0755
    try:
        logs.setup()
        workspace = Workspace()
        photo = tmp_path / "foto.jpg"
        Image.new("RGB", (64, 48), (1, 2, 3)).save(photo)
        item = workspace.media.import_file(photo)
        assert workspace.media.thumbnail(item, 100) is not None
        workspace.drafts.save(Post(text="x"))
        workspace.close()
        import logging

        logging.getLogger("test").warning("written")
    finally:
        os.umask(old_umask)
    found = list(siar_home.rglob("*"))
    assert any(p.name == "siar.log" for p in found) and any(p.parent.name == "backups" for p in found)
    for path in found:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path.relative_to(siar_home)} is {mode:o}"
