"""The workspace database, drafts and settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from composer.core.post import Post, Variant
from composer.store import db as dbmod
from composer.store.drafts import DamagedDraftError
from composer.store.job_state import JobState
from composer.store.workspace import Workspace


def test_paths_follow_siar_home(siar_home: Path) -> None:
    workspace = Workspace()
    assert workspace.db_path == siar_home / "data" / "siar.db"
    assert workspace.media.root.is_relative_to(siar_home)


def test_draft_round_trip_and_listing() -> None:
    workspace = Workspace()
    post = Post(title="Libur", text="Halo 🇮🇩", variants={"x": Variant(text="X!")})
    workspace.drafts.save(post)
    other = Post(text="Baris pertama\nkedua")
    workspace.drafts.save(other)
    listed = workspace.drafts.list()
    assert [d.title for d in listed] == ["Baris pertama", "Libur"] or {d.title for d in listed} == {
        "Baris pertama",
        "Libur",
    }
    assert workspace.drafts.load(post.id) == post


def test_delete_moves_to_the_bin_and_restore_brings_back() -> None:
    workspace = Workspace()
    post = Post(text="x")
    workspace.drafts.save(post)
    workspace.drafts.delete(post.id)
    assert workspace.drafts.list() == []
    workspace.drafts.restore(post.id)
    assert [d.id for d in workspace.drafts.list()] == [post.id]


def test_a_damaged_draft_is_reported_and_the_others_still_load() -> None:
    workspace = Workspace()
    good = Post(text="baik")
    workspace.drafts.save(good)
    workspace.db.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES ('bad', 'bad', '{not json', '', '')"
    )
    with pytest.raises(DamagedDraftError):
        workspace.drafts.load("bad")
    assert workspace.drafts.load(good.id) == good


def test_settings_persist() -> None:
    workspace = Workspace()
    prefs = workspace.settings.load()
    assert prefs.language == "auto"
    prefs.language, prefs.office_name = "id", "Kantor Imigrasi Kelas I"
    workspace.settings.save(prefs)
    workspace.close()
    again = Workspace().settings.load()
    assert (again.language, again.office_name) == ("id", "Kantor Imigrasi Kelas I")


def test_migration_backs_up_an_older_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "siar.db"
    dbmod.connect(path).close()
    calls: list[int] = []

    def v2(db: sqlite3.Connection) -> None:
        calls.append(1)
        db.execute("CREATE TABLE extra (x)")

    current = dbmod.SCHEMA_VERSION
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*dbmod.MIGRATIONS, v2))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", current + 1)
    db = dbmod.connect(path)
    assert calls == [1]
    assert db.execute("PRAGMA user_version").fetchone()[0] == current + 1
    backup = sqlite3.connect(tmp_path / f"siar.db.bak-v{current}")
    assert backup.execute("PRAGMA user_version").fetchone()[0] == current


def test_a_failed_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "siar.db"
    first = dbmod.connect(path)
    first.execute("INSERT INTO settings VALUES ('k', 'v')")
    first.close()

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    current = dbmod.SCHEMA_VERSION
    monkeypatch.setattr(dbmod, "MIGRATIONS", (*dbmod.MIGRATIONS, broken))
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", current + 1)
    with pytest.raises(RuntimeError):
        dbmod.connect(path)
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == current
    assert check.execute("SELECT value FROM settings").fetchone()[0] == "v"
    assert check.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_every_migration_runs_from_an_empty_database(tmp_path: Path) -> None:
    db = dbmod.connect(tmp_path / "siar.db")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"drafts", "settings", "media", "designs"} <= tables
    assert db.execute("PRAGMA user_version").fetchone()[0] == dbmod.SCHEMA_VERSION


def test_a_v1_workspace_is_upgraded_keeping_its_drafts(tmp_path: Path) -> None:
    path = tmp_path / "siar.db"
    old = sqlite3.connect(path)
    old.isolation_level = None
    dbmod.MIGRATIONS[0](old)
    old.execute("PRAGMA user_version=1")
    old.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES ('a', 'A', '{\"id\": \"a\"}', '', '')"
    )
    old.close()
    db = dbmod.connect(path)
    assert db.execute("SELECT id FROM drafts").fetchone()[0] == "a"
    assert (tmp_path / "siar.db.bak-v1").exists()


def test_a_newer_workspace_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "siar.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(dbmod.NewerWorkspaceError):
        dbmod.connect(path)


def test_designs_are_stored_per_post() -> None:
    from composer.design.templates import build

    workspace = Workspace()
    design = build("libur")
    workspace.designs.save("post-1", design)
    assert workspace.designs.load("post-1") == design
    assert workspace.designs.load("post-2") is None
    workspace.designs.delete("post-1")
    assert workspace.designs.load("post-1") is None


def test_start_up_holds_missed_posts_without_loading_the_outbox_when_none_wait() -> None:
    """At start-up, posts whose time passed while Siar was closed are held. With no job
    waiting or paused (a new workspace, or only sent ones) there is nothing to hold, and
    the outbox's module is not loaded for the first paint (issue 17)."""
    first = Workspace(clock=lambda: 1000.0)
    sent = first.outbox.add("post", "account-1", "x", {})
    first.outbox.set_state(sent.id, JobState.DONE)
    first.close()
    only_sent = Workspace()
    assert only_sent.hold_missed(2000.0) == [] and only_sent._outbox is None
    later = only_sent.outbox.add("post", "account-2", "x", {}, scheduled_at=1500.0)
    only_sent.close()
    missed = Workspace()
    assert [job.id for job in missed.hold_missed(2000.0)] == [later.id]
    missed.close()
    again = Workspace()  # still paused from the earlier start: held again, asked again
    assert [(job.id, job.state) for job in again.hold_missed(3000.0)] == [(later.id, JobState.PAUSED)]
    again.close()
