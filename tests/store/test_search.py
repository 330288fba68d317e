"""Drafts paged in SQL, FTS5 search over drafts and history, and schema v5's migration."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from composer.core.post import Post
from composer.store import db as dbmod
from composer.store import search
from composer.store.outbox import HistoryEntry
from composer.store.workspace import Workspace


def _draft(workspace: Workspace, text: str, title: str = "", updated_at: str = "") -> Post:
    post = Post(title=title, text=text)
    workspace.drafts.save(post)
    if updated_at:  # save() stamps the time; tests need a fixed order or ties
        workspace.db.execute("UPDATE drafts SET updated_at = ? WHERE id = ?", (updated_at, post.id))
    return post


def _found(workspace: Workspace, query: str) -> set[str]:
    return {d.id for d in workspace.drafts.page(100, search=query)}


def _entry(post_id: str, text: str, account: str = "Kanim Bali", permalink: str = "") -> HistoryEntry:
    return HistoryEntry(
        id=f"h-{post_id}-{account}",
        post_id=post_id,
        account_id="acc",
        account_name=account,
        platform="facebook",
        text=text,
        permalink=permalink,
        published_at=time.time(),
    )


def test_pages_cover_every_draft_once_newest_first_even_with_equal_times(workspace: Workspace) -> None:
    # Autosave stamps whole seconds: many drafts share one updated_at, and a page boundary
    # can fall between them.
    for n in range(25):
        _draft(workspace, f"draf {n}", updated_at=f"2026-01-{1 + n // 10:02d}T08:00:00+00:00")
    seen: list[str] = []
    after = None
    while page := workspace.drafts.page(7, after=after):
        seen += [d.id for d in page]
        after = page[-1].key
    assert seen == [d.id for d in workspace.drafts.list()]
    assert len(set(seen)) == 25
    times = [workspace.drafts.summary(i).updated_at for i in seen]  # type: ignore[union-attr]
    assert times == sorted(times, reverse=True)


def test_search_folds_case_and_diacritics_and_matches_word_starts(workspace: Workspace) -> None:
    cafe = _draft(workspace, "Buka di Kafé Imigrasi, Sábado", title="Pojok layanan")
    other = _draft(workspace, "Jadwal antrean paspor")
    assert _found(workspace, "kafe") == {cafe.id}
    assert _found(workspace, "KAFÉ") == {cafe.id}
    assert _found(workspace, "sabado") == {cafe.id}
    assert _found(workspace, "imig") == {cafe.id}  # typed so far: the start of a word
    assert _found(workspace, "pojok") == {cafe.id}  # the title counts too
    assert _found(workspace, "paspor antre") == {other.id}  # every word, any order
    assert _found(workspace, "paspor kafe") == set()
    assert _found(workspace, "zzz") == set()


def test_search_follows_edits_the_bin_and_a_damaged_row(workspace: Workspace) -> None:
    post = _draft(workspace, "Libur Natal")
    post.text = "Libur Lebaran"
    workspace.drafts.save(post)
    assert _found(workspace, "natal") == set()
    assert _found(workspace, "lebaran") == {post.id}
    workspace.drafts.delete(post.id)
    assert _found(workspace, "lebaran") == set()
    workspace.drafts.restore(post.id)
    assert _found(workspace, "lebaran") == {post.id}
    # A hand-damaged row is still saved, listed and found by its title.
    workspace.db.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES ('bad', 'Rusak', '{not json', '', '')"
    )
    assert _found(workspace, "rusak") == {"bad"}


@pytest.mark.parametrize("query", ['"', "AND", "OR x", "NEAR(a b)", "-x", "a:b", "*", "^", "🇮🇩", "_", "  "])
def test_what_an_officer_types_is_never_query_syntax(workspace: Workspace, query: str) -> None:
    _draft(workspace, "AND OR NEAR a:b x")
    workspace.drafts.page(10, search=query)  # no sqlite3.OperationalError
    workspace.outbox.history(query)


def test_history_search_uses_the_index_and_follows_a_new_address(workspace: Workspace) -> None:
    workspace.outbox.record(_entry("p1", "Pelayanan paspor di hari Sábado", account="Kanim Denpasar"))
    workspace.outbox.record(_entry("p2", "Info libur", account="Kanim Bali"))
    assert [e.post_id for e in workspace.outbox.history("sabado")] == ["p1"]
    assert [e.post_id for e in workspace.outbox.history("denpa")] == ["p1"]
    assert workspace.outbox.history("tidakada") == []
    workspace.outbox.set_permalink("h-p2-Kanim Bali", "https://example.test/posts/98765")
    assert [e.post_id for e in workspace.outbox.history("98765")] == ["p2"]
    plan = workspace.db.execute(
        "EXPLAIN QUERY PLAN SELECT rowid FROM history_fts WHERE history_fts MATCH 'x'"
    ).fetchall()
    assert any("VIRTUAL TABLE INDEX" in str(tuple(row)) for row in plan)


def test_a_draft_is_marked_posted_once_history_has_it(workspace: Workspace) -> None:
    post = _draft(workspace, "Siaran")
    assert workspace.drafts.summary(post.id).posted is False  # type: ignore[union-attr]
    workspace.outbox.record(_entry(post.id, "Siaran"))
    assert workspace.drafts.summary(post.id).posted is True  # type: ignore[union-attr]
    assert workspace.drafts.page(1)[0].posted is True


def test_a_v4_workspace_is_upgraded_and_its_old_rows_are_searchable(tmp_path: Path) -> None:
    path = tmp_path / "siar.db"
    old = sqlite3.connect(path)
    old.isolation_level = None
    for migration in dbmod.MIGRATIONS[:4]:
        migration(old)
    old.execute("PRAGMA user_version=4")
    old.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES "
        "('a', 'Libur Natal', '{\"id\": \"a\", \"text\": \"Kantor tutup pada hari Natal\"}', '', '2025-12-01')"
    )
    old.execute(
        "INSERT INTO history (id, post_id, account_id, account_name, platform, text, published_at) "
        "VALUES ('h', 'a', 'acc', 'Kanim Bali', 'x', 'Kantor tutup', 1.0)"
    )
    old.close()
    workspace = Workspace(data=tmp_path, cache=tmp_path / "cache")
    assert workspace.db.execute("PRAGMA user_version").fetchone()[0] == dbmod.SCHEMA_VERSION  # v5 and later
    assert (tmp_path / "siar.db.bak-v4").exists()
    assert _found(workspace, "tutup") == {"a"}
    assert [e.id for e in workspace.outbox.history("tutup")] == ["h"]
    assert workspace.drafts.summary("a").posted is True  # type: ignore[union-attr]
    plan = workspace.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM drafts d WHERE d.deleted_at IS NULL AND (d.updated_at, d.id) < (?, ?) "
        "ORDER BY d.updated_at DESC, d.id DESC LIMIT 5",
        ("2026", "z"),
    ).fetchall()
    assert any("drafts_live" in str(tuple(row)) for row in plan)  # a page reads only its rows
    # Searching walks the same index newest first, never fetching and sorting every match.
    condition, params = search.drafts_filter(workspace.db, "tutup")
    plan = workspace.db.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM drafts d WHERE d.deleted_at IS NULL AND {condition} "
        "ORDER BY d.updated_at DESC, d.id DESC LIMIT 5",
        params,
    ).fetchall()
    assert any("drafts_live" in str(tuple(row)) for row in plan)
    assert not any("TEMP B-TREE FOR ORDER BY" in str(tuple(row)) for row in plan)
    workspace.close()


def test_without_fts5_search_falls_back_and_the_index_comes_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "fts5_available", lambda: False)
    monkeypatch.setattr(dbmod, "fts5_available", lambda: False)
    workspace = Workspace(data=tmp_path, cache=tmp_path / "cache")
    assert not search.has_search_index(workspace.db)
    post = _draft(workspace, "Layanan 100% daring_baru")
    assert _found(workspace, "layanan") == {post.id}
    assert _found(workspace, "100%") == {post.id}
    assert _found(workspace, "0%d") == set()  # % and _ are literal, not wildcards
    workspace.outbox.record(_entry(post.id, "Layanan daring"))
    assert len(workspace.outbox.history("daring")) == 1
    workspace.close()
    monkeypatch.undo()
    again = Workspace(data=tmp_path, cache=tmp_path / "cache")
    assert search.has_search_index(again.db)
    assert _found(again, "layan") == {post.id}  # word starts: the index is in use
    again.close()
