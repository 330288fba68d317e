"""The drafts list as the officer uses it: click a row, type in the search box, scroll.

Issue 12 item 4: opening a draft is not editing (its time stays), and the highlighted
row is always the open draft. Issue 17: the list is paged from the database, and
opening a draft never rebuilds it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from composer.core.post import Post
from composer.session import Session, Workspace
from composer.ui.drafts_model import ID_ROLE, PAGE
from composer.ui.main_window import MainWindow
from composer.ui.window.autosave import AUTOSAVE_MS

TITLES = ("Layanan libur Natal", "Jadwal paspor elektronik", "Sosialisasi izin tinggal")


def _seed(workspace: Workspace, count: int) -> list[str]:
    """*count* drafts, newest first, with fixed times a day apart (as saved long ago)."""
    rows = []
    for n in range(count):
        title = TITLES[n] if n < len(TITLES) else f"Draf nomor {n}"
        stamp = f"2025-{12 - n // 28 % 12:02d}-{28 - n % 28:02d}T09:00:00+00:00"
        post = Post(title=title, text=f"{title}. Isi draf {n}.", created_at=stamp, updated_at=stamp)
        rows.append((post.id, title, json.dumps(post.to_dict()), stamp, stamp))
    with workspace.lock:
        workspace.db.execute("BEGIN")
        workspace.db.executemany(
            "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)", rows
        )
        workspace.db.execute("COMMIT")
    return [r[0] for r in rows]


@pytest.fixture
def seeded(workspace: Workspace) -> list[str]:
    ids = _seed(workspace, 3)
    prefs = workspace.settings.load()
    prefs.last_draft = ids[0]
    workspace.settings.save(prefs)
    return ids


@pytest.fixture
def app_window(qtbot: QtBot, workspace: Workspace, seeded: list[str]) -> Iterator[MainWindow]:
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.resize(1500, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    session.close()


def _times(workspace: Workspace) -> dict[str, str]:
    return dict(workspace.db.execute("SELECT id, updated_at FROM drafts").fetchall())


def _listed(window: MainWindow) -> list[str]:
    model = window.drafts_panel.list.model()
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def _highlighted(window: MainWindow) -> list[str]:
    view = window.drafts_panel.list
    return [index.data(ID_ROLE) for index in view.selectionModel().selectedIndexes()]


def _click(qtbot: QtBot, window: MainWindow, draft_id: str) -> None:
    view = window.drafts_panel.list
    row = _listed(window).index(draft_id)
    centre = view.visualRect(view.model().index(row, 0)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.wait(20)  # the click's own selection pass and any zero timers


def test_opening_a_draft_keeps_its_time_and_the_list(
    qtbot: QtBot, app_window: MainWindow, workspace: Workspace, seeded: list[str]
) -> None:
    newest, middle, oldest = seeded
    assert _highlighted(app_window) == [newest]
    before = _times(workspace)
    resets: list[int] = []
    app_window.drafts_panel.list.model().modelReset.connect(lambda: resets.append(1))
    _click(qtbot, app_window, oldest)
    assert app_window.editor.text_edit.toPlainText() == "Sosialisasi izin tinggal. Isi draf 2."
    assert _highlighted(app_window) == [oldest]
    _click(qtbot, app_window, middle)
    assert app_window.editor.text_edit.toPlainText() == "Jadwal paspor elektronik. Isi draf 1."
    assert _highlighted(app_window) == [middle]
    app_window.close()  # closing saves only what was edited
    assert _times(workspace) == before  # nothing was edited: no time changed
    assert _listed(app_window) == seeded  # the order did not change
    assert resets == []  # opening never rebuilt the list


def test_a_real_edit_moves_the_draft_to_the_top_highlighted(
    qtbot: QtBot, app_window: MainWindow, workspace: Workspace, seeded: list[str]
) -> None:
    oldest = seeded[2]
    _click(qtbot, app_window, oldest)
    qtbot.keyClicks(app_window.editor.text_edit, " Diperbarui")
    qtbot.waitUntil(lambda: _listed(app_window)[0] == oldest, timeout=3000)
    assert _times(workspace)[oldest] > _times(workspace)[seeded[0]]
    assert _highlighted(app_window) == [oldest]
    assert _listed(app_window) == [oldest, seeded[0], seeded[1]]


def test_a_draft_that_cannot_open_is_not_left_highlighted(
    qtbot: QtBot,
    app_window: MainWindow,
    workspace: Workspace,
    seeded: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warned.append(text))
    workspace.db.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) "
        "VALUES ('rusak', 'Rusak', '{not json', '', '2026-01-01T00:00:00+00:00')"
    )
    app_window.drafts_panel.search.setText("rusak")  # the officer finds it…
    app_window.drafts_panel.search.clear()
    assert _listed(app_window)[0] == "rusak"
    _click(qtbot, app_window, "rusak")  # …and clicks it
    assert warned
    assert app_window.post is not None and app_window.post.id == seeded[0]
    assert _highlighted(app_window) == [seeded[0]]


def test_search_as_you_type_then_open_then_clear(
    qtbot: QtBot, app_window: MainWindow, seeded: list[str]
) -> None:
    search = app_window.drafts_panel.search
    qtbot.keyClicks(search, "PASP")  # the start of a word, any case
    assert _listed(app_window) == [seeded[1]]
    assert _highlighted(app_window) == []  # the open draft is not in the results
    _click(qtbot, app_window, seeded[1])
    assert app_window.editor.text_edit.toPlainText().startswith("Jadwal paspor")
    assert _highlighted(app_window) == [seeded[1]]
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    search.selectAll()
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert _listed(app_window) == seeded
    assert _highlighted(app_window) == [seeded[1]]


def test_the_list_loads_a_page_at_a_time_as_it_scrolls(qtbot: QtBot, workspace: Workspace) -> None:
    _seed(workspace, 2 * PAGE + 30)
    session = Session(workspace)
    window = MainWindow(session, session.preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.drafts_panel.list
    assert view.model().rowCount() == PAGE
    bar = view.verticalScrollBar()
    for expected in (2 * PAGE, 2 * PAGE + 30):
        qtbot.waitUntil(lambda: bar.maximum() > bar.value())  # laid out with the new rows
        bar.setValue(bar.maximum())  # the officer scrolls to the end of the list
        qtbot.waitUntil(lambda n=expected: view.model().rowCount() == n)
    assert len(set(_listed(window))) == 2 * PAGE + 30
    window.close()
    session.close()


def test_deleting_a_draft_mid_edit_leaves_the_next_one_untouched(
    qtbot: QtBot,
    app_window: MainWindow,
    workspace: Workspace,
    seeded: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    before = _times(workspace)
    qtbot.keyClick(app_window.editor.text_edit, "x")  # an edit not yet saved…
    delete = next(a for a in app_window.findChildren(QAction) if a.text() == "&Delete draft")
    delete.trigger()  # …then File › Delete draft
    assert app_window.post is not None and app_window.post.id == seeded[1]
    qtbot.wait(AUTOSAVE_MS + 300)  # past the autosave the edit had started
    _click(qtbot, app_window, seeded[2])  # and on to another draft
    app_window.close()
    assert {i: _times(workspace)[i] for i in seeded[1:]} == {i: before[i] for i in seeded[1:]}
    assert workspace.drafts.summary(seeded[0]) is None  # still in the bin
    assert _listed(app_window) == seeded[1:]
    assert _highlighted(app_window) == [seeded[2]]


def test_a_refreshed_row_lands_where_the_database_sorts_it(workspace: Workspace) -> None:
    # Times have one-second resolution: a draft saved in the same second as another, with a
    # smaller id, sorts just after it, not on top, and must still be listed.
    from composer.ui.drafts_model import DraftsModel

    same = "2026-01-01T08:00:00+00:00"
    for draft_id, stamp in (("b", same), ("old", "2025-01-01T08:00:00+00:00")):
        workspace.db.execute(
            "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES (?, ?, '{}', ?, ?)",
            (draft_id, draft_id, stamp, stamp),
        )
    model = DraftsModel(workspace.drafts)
    model.fetchMore()
    workspace.db.execute(
        "INSERT INTO drafts (id, title, data, created_at, updated_at) VALUES ('a', 'a', '{}', ?, ?)",
        (same, same),
    )
    model.refresh("a")
    rows = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    assert rows == [d.id for d in workspace.drafts.list()] == ["b", "a", "old"]
    workspace.db.execute("UPDATE drafts SET updated_at = '2027-01-01T00:00:00+00:00' WHERE id = 'old'")
    model.refresh("old")  # edited: moves to the top
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == ["old", "b", "a"]
    workspace.drafts.delete("b")
    model.refresh("b")
    assert [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())] == ["old", "a"]
